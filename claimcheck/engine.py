"""One check, end to end: documents → analyses → rules → suppressions → a CheckResult.

The engine hands each rule only the claim kinds it declares, gives every
finding a fingerprint that ignores line numbers, maps spans from the analysed
text back to each file's own offsets, and orders findings so that the same input
always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .config import Config
from .errors import ClaimcheckError
from .model import (
    Analysis,
    Attribution,
    AttributionClaim,
    CheckResult,
    Claim,
    DocMeta,
    Document,
    Evidence,
    ExtractOptions,
    Finding,
    Span,
    level_rank,
)


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What the command line adds to claims.yaml for one run."""

    min_level: str | None = None  # None: claims.yaml's, else info
    fail_level: str | None = None
    min_confidence: float | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    inline_suppressions: bool = True
    baseline: Path | None = None
    changed_since: str | None = None
    strict: bool = False
    cache_dir: Path | None = None  # None: no persistent cache
    today: date = field(default_factory=date.today)


@dataclass(frozen=True, slots=True)
class Inputs:
    drafts: tuple[tuple[Path, DocMeta], ...]
    sources: tuple[tuple[Path, DocMeta], ...]


def display(path: Path) -> str:
    """The path as reports show it: relative to the working directory when below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive, on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def inputs(
    config: Config, drafts: Sequence[Path], sources: Sequence[Path], warn: Callable[[str], None] = lambda m: None
) -> Inputs:
    """Which documents are drafts and which are sources: the command line first, else claims.yaml."""
    from .load import files_in

    draft_paths = list(drafts) or [e.path for e in config.drafts()]
    if not draft_paths:
        raise ClaimcheckError("no draft to check: name one, or mark one `role: draft` in claims.yaml")
    source_roots = list(sources) or [e.path for e in config.sources()]
    draft_set = {p.resolve() for p in draft_paths}
    found: list[Path] = []
    for root in source_roots:
        paths, problems = files_in(root, root=config.root, allow_outside=config.allow_outside)
        found.extend(p for p in paths if p.resolve() not in draft_set)
        for message in problems:
            warn(message)

    def with_meta(path: Path, role: str) -> tuple[Path, DocMeta]:
        return path, role_meta(config, path, role)

    unique = list(dict.fromkeys(found))
    return Inputs(tuple(with_meta(p, "draft") for p in draft_paths), tuple(with_meta(p, "source") for p in unique))


def role_meta(config: Config, path: Path, role: str) -> DocMeta:
    """A document's metadata for this run: what claims.yaml says of it, with the role it plays."""
    return replace(meta_of(config, path) or DocMeta(), role=role)


def meta_of(config: Config, path: Path) -> DocMeta | None:
    """What claims.yaml says about one document, if it names it."""
    for entry in config.documents:
        if not entry.is_folder and entry.path.resolve() == path.resolve():
            return entry.meta
    return None


def check(
    config: Config,
    drafts: Sequence[Path] = (),
    sources: Sequence[Path] = (),
    options: CheckOptions | None = None,
    warn: Callable[[str], None] = lambda message: None,
) -> CheckResult:
    from .pipeline import analyse_path

    options = options or CheckOptions()
    chosen = inputs(config, drafts, sources, warn)
    extract = config.extract_options()
    draft_analyses = [with_patterns(analyse_path(p, extract, display(p), meta), config) for p, meta in chosen.drafts]
    source_analyses = _sources(chosen, extract, options, warn, draft_analyses) + _facts(config, extract)
    found: list[Finding] = []
    for draft in draft_analyses:
        others = tuple(s for s in source_analyses if s.document.path != draft.document.path)
        found.extend(findings_for(draft, others, config, options))
    documents = {a.document.path: a.document for a in (*draft_analyses, *source_analyses)}
    located = fingerprinted([located_finding(f, documents) for f in found])
    shown, hidden = _suppressed(located, draft_analyses, config, options)
    shown = _thresholded(shown, config, options)
    rules = _rule_infos()
    fail_level = options.fail_level or config.fail_level
    return CheckResult(
        documents=tuple(documents.values()),
        findings=tuple(sorted(shown, key=order)),
        rules=rules,
        suppressed=tuple(sorted(hidden, key=order)),
        fail_level=fail_level,
    )


ARCHIVE_FROM = 200  # more sources than this: read back only the analyses the draft's words point to
# 10 keep every finding of an exhaustive check at 1,000 sources; 5 lost one (benchmarks/README.md).
CANDIDATES_PER_SENTENCE = 10


def with_patterns(analysis: Analysis, config: Config) -> Analysis:
    """The draft with claims.yaml's own vague-source patterns found as vague attributions.

    Each pattern runs under a time limit: one that backtracks catastrophically
    stops the run with an error at its line in claims.yaml instead of hanging CI.
    """
    from .config import search_with_timeout

    vague = [p for p in config.patterns if p.kind == "vague"]
    if not vague:
        return analysis
    document = analysis.document
    credits = list(analysis.attributions)
    added: list[Claim] = []
    for pattern in vague:
        for start, end in search_with_timeout(pattern, document.plain, document.path):
            sentence = next((s for s in analysis.sentences if s.span.start <= start < s.span.end), None)
            if sentence is None or credits[sentence.index].kind != "none" or end <= start:
                continue
            credit = Attribution("vague", pattern.name, None, Span(start, end))
            credits[sentence.index] = credit
            text = document.plain[start:end]
            added.append(
                AttributionClaim(span=Span(start, end), text=text, sentence=sentence.index, attribution=credit)
            )
    claims = sorted((*analysis.claims, *added), key=lambda c: (c.span.start, c.span.end, c.kind))
    return replace(analysis, claims=tuple(claims), attributions=tuple(credits))


def _sources(
    chosen: Inputs, extract: ExtractOptions, options: CheckOptions, warn, drafts: list[Analysis]
) -> list[Analysis]:
    """The sources' analyses, from the index where it holds them; at archive size only the candidates'."""
    from .index import open_index
    from .index.build import analyses, indexed, key_of

    index, warnings = open_index(options.cache_dir)
    try:
        for message in warnings:
            warn(message)
        paths = [p for p, _ in chosen.sources]
        displays = [display(p) for p in paths]
        metas = [m for _, m in chosen.sources]
        if len(paths) <= ARCHIVE_FROM:
            found, problems = analyses(paths, displays, metas, extract, index)
        else:
            keys, problems = indexed(paths, displays, metas, extract, index, workers=os.cpu_count() or 1)
            shown = {key_of(p): d for p, d in zip(paths, displays, strict=True)}
            wanted = candidate_keys(index, drafts)
            found = [_shown_as(index.load(k), shown[k]) for k in keys if k and k in wanted]
    finally:
        index.close()
    for message in problems:
        if options.strict:
            raise ClaimcheckError(message)
        warn(message)
    return [a for a in found if a is not None]


def candidate_keys(index, drafts: list[Analysis]) -> set[str]:
    """The sources holding a sentence that shares rare words or figures with some draft sentence."""
    from .index import sentence_terms
    from .model import NumberClaim

    keys: set[str] = set()
    for draft in drafts:
        figures: dict[int, list[float]] = {}
        for claim in draft.claims:
            if isinstance(claim, NumberClaim):
                figures.setdefault(claim.sentence, []).append(claim.value)
        for sentence in draft.sentences:
            hits = index.candidates(
                sentence_terms(sentence.text), figures.get(sentence.index, ()), CANDIDATES_PER_SENTENCE
            )
            keys.update(path for path, _ in hits)
    return keys


def _shown_as(analysis: Analysis | None, path: str) -> Analysis | None:
    if analysis is None or analysis.document.path == path:
        return analysis
    return replace(analysis, document=replace(analysis.document, path=path))


def _facts(config: Config, extract: ExtractOptions) -> list[Analysis]:
    """Pinned facts: each is one more (tiny) source, shown as claims.yaml's line."""
    from .load import document_from_text
    from .pipeline import analyse

    name = config.path.name if config.path else "claims.yaml"
    found = []
    for fact in config.facts:
        meta = DocMeta(role="source", kind="primary", publisher=fact.source, published=fact.published)
        document = document_from_text(fact.text, f"{name}:{fact.line}", meta=meta)
        found.append(analyse(document, extract))
    return found


def findings_for(draft: Analysis, sources: tuple[Analysis, ...], config: Config, options: CheckOptions):
    """Every rule's findings on one draft, spans still into the draft's plain text."""
    from .align import Aligner
    from .rules import RULES
    from .rules.base import RuleContext

    aligner = Aligner(sources, [m.words for m in config.measures])
    grows = tuple(w for m in config.measures if m.grows for w in m.words)
    for rule in RULES:
        level = config.level_of(rule.ID, rule.LEVEL)
        if level == "off" or not _selected(rule.ID, options):
            continue
        rule_options = {**config.options_of(rule.ID, rule.OPTIONS), "level": level}
        claims = tuple(c for c in draft.claims if c.kind in rule.READS)
        ctx = RuleContext(draft, sources, aligner, claims, tuple(config.entities), grows)
        yield from rule.check(ctx, rule_options)


def _selected(rule_id: str, options: CheckOptions) -> bool:
    if options.select and rule_id not in options.select:
        return False
    return rule_id not in options.ignore


def located_finding(finding: Finding, documents: dict[str, Document]) -> Finding:
    """The finding with every span moved from analysed text to the file's own text."""
    doc = documents[finding.path]
    span = doc.source_span(finding.span)
    evidence = tuple(_located_evidence(e, documents[e.path]) for e in finding.evidence)
    sentence = doc.source_span(finding.sentence) if finding.sentence else None
    return replace(finding, span=span, text=doc.text[span.start : span.end], evidence=evidence, sentence=sentence)


def _located_evidence(evidence: Evidence, doc: Document) -> Evidence:
    span = doc.source_span(evidence.span)
    sentence = doc.source_span(evidence.sentence) if evidence.sentence else None
    return replace(evidence, span=span, text=doc.text[span.start : span.end], sentence=sentence)


def fingerprinted(findings: list[Finding]) -> list[Finding]:
    """A fingerprint per finding from what it says, not where: it survives edits elsewhere in the draft."""
    seen: Counter[str] = Counter()
    out = []
    for finding in sorted(findings, key=order):
        base = fingerprint_base(finding)
        seen[base] += 1
        digest = hashlib.sha256(f"{base}\x00{seen[base]}".encode()).hexdigest()[:20]
        out.append(replace(finding, fingerprint=digest))
    return out


def fingerprint_base(finding: Finding) -> str:
    name = finding.path.replace("\\", "/").rsplit("/", 1)[-1]
    evidence = "\x01".join(sorted(" ".join(e.text.split()).lower() for e in finding.evidence))
    return "\x00".join((finding.rule, name, " ".join(finding.text.split()).lower(), evidence))


def order(finding: Finding) -> tuple:
    return (finding.path, finding.span.start, finding.rule, finding.span.end, finding.message)


def _suppressed(findings: list[Finding], drafts: list[Analysis], config: Config, options: CheckOptions):
    from . import suppress
    from .baseline import read_baseline

    baseline_path = options.baseline or config.baseline
    baseline = read_baseline(baseline_path) if baseline_path else None
    known = {r.id for r in _rule_infos()}
    kept, hidden = suppress.apply(
        findings,
        [a.document for a in drafts],
        ignores=config.ignore,
        baseline=baseline,
        today=options.today,
        inline=options.inline_suppressions,
        known_rules=known,
    )
    if options.changed_since:
        from .changed import keep_changed

        kept = keep_changed(kept, [a.document for a in drafts], options.changed_since, Path.cwd())
    added = [f for f in kept if not f.fingerprint]  # findings about the directives themselves
    return [f for f in kept if f.fingerprint] + fingerprinted(added), list(hidden)


def _thresholded(findings: list[Finding], config: Config, options: CheckOptions) -> list[Finding]:
    min_level = options.min_level or config.min_level
    min_confidence = options.min_confidence if options.min_confidence is not None else config.min_confidence
    return [f for f in findings if level_rank(f.level) >= level_rank(min_level) and f.confidence >= min_confidence]


def _rule_infos():
    from .rules import infos
    from .suppress import SUPPRESSION_RULES

    return (*infos(), *SUPPRESSION_RULES)


def failed(result: CheckResult) -> bool:
    return any(level_rank(f.level) >= level_rank(result.fail_level) for f in result.findings)
