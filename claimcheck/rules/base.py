"""What every rule is handed, and how it builds a finding."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..align import Aligner, Match
from ..model import Analysis, Claim, Entity, Evidence, Finding, Level, Sentence, Span


@dataclass(frozen=True, slots=True)
class RuleContext:
    draft: Analysis
    sources: tuple[Analysis, ...]
    aligner: Aligner
    claims: tuple[Claim, ...]  # the draft's claims of the kinds the rule declares in READS
    entities: tuple[Entity, ...] = ()  # declared in claims.yaml
    grows: tuple[str, ...] = ()  # words of measures declared as only growing

    def sentence_of(self, claim: Claim) -> Sentence:
        return self.draft.sentences[claim.sentence]

    def finding(
        self,
        rule: str,
        level: Level,
        span: Span,
        message: str,
        confidence: float,
        evidence: Iterable[Match] = (),
        sentence: Sentence | None = None,
    ) -> Finding:
        plain = self.draft.document.plain
        return Finding(
            rule=rule,
            level=level,
            confidence=round(max(0.0, min(1.0, confidence)), 3),
            path=self.draft.document.path,
            span=span,
            text=plain[span.start : span.end],
            message=message,
            evidence=tuple(evidence_of(m) for m in evidence),
            sentence=sentence.span if sentence else None,
        )


def evidence_of(match: Match) -> Evidence:
    doc = match.source.document
    return Evidence(doc.path, match.span, doc.plain[match.span.start : match.span.end], match.sentence.span)


QUOTE_MARKS = "\"'“”‘’«»"


def quoted(text: str, limit: int = 80) -> str:
    """Text for a message: white space folded, its own quotation marks dropped, long text shortened in the middle."""
    text = " ".join(text.split()).strip(QUOTE_MARKS)
    if len(text) > limit:
        half = (limit - 1) // 2
        text = text[:half].rstrip() + "…" + text[-half:].lstrip()
    return f"“{text}”"


def name_of(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
