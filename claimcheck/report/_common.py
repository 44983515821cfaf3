"""What every report format shares: positions, counts, the finding as a dict.

Positions. ``start``/``end`` are 0-based offsets into the file's own text;
``line``/``column`` is the 1-based position of ``start``; ``end_line``/
``end_column`` the 1-based position of ``end`` itself, which is exclusive: the
character just after the finding, as SARIF regions and LSP ranges count it. A
finding "abc" at the start of a line is column 1 to end_column 4.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..model import LEVELS, CheckResult, Document, Evidence, Finding, Span, line_starts_of


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int
    end_line: int
    end_column: int


class Locator:
    """Lines and columns for any path a finding names.

    Findings point into the result's documents, except a few about claims.yaml
    itself (an ignore entry that matched nothing); those files are read once from
    disk, and when unreadable the offset is shown on line 1.
    """

    def __init__(self, documents: tuple[Document, ...]) -> None:
        self._by_path = {d.path: d for d in documents}
        self._other: dict[str, tuple[int, ...]] = {}

    def document(self, path: str) -> Document | None:
        return self._by_path.get(path)

    def text(self, path: str) -> str:
        doc = self._by_path.get(path)
        return doc.text if doc else ""

    def line_col(self, path: str, offset: int) -> tuple[int, int]:
        doc = self._by_path.get(path)
        if doc is not None:
            return doc.line_col(min(offset, len(doc.text)))
        starts = self._other.get(path)
        if starts is None:
            starts = self._other[path] = _line_starts_on_disk(path)
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def position(self, path: str, span: Span) -> Position:
        line, column = self.line_col(path, span.start)
        end_line, end_column = self.line_col(path, span.end)
        return Position(line, column, end_line, end_column)

    def where(self, path: str, offset: int) -> str:
        line, column = self.line_col(path, offset)
        return f"{path}:{line}:{column}"


def _line_starts_on_disk(path: str) -> tuple[int, ...]:
    try:
        return line_starts_of(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return (0,)


def counts(findings: tuple[Finding, ...] | list[Finding]) -> dict[str, int]:
    """Findings per level, every level present, most severe first."""
    by_level = Counter(f.level for f in findings)
    return {level: by_level.get(level, 0) for level in reversed(LEVELS)}


def drafts(result: CheckResult) -> list[Document]:
    return [d for d in result.documents if d.meta.role == "draft"]


def sources(result: CheckResult) -> list[Document]:
    return [d for d in result.documents if d.meta.role != "draft"]


def plural(n: int, word: str) -> str:
    if word == "info" or n == 1:
        return f"{n} {word}"
    return f"{n} {word}s"


def summary_line(result: CheckResult) -> str:
    """The closing line: "3 errors, 4 warnings, 2 info in 1 draft against 2 sources"."""
    c = counts(result.findings)
    levels = ", ".join(plural(c[level], level) for level in c)
    return f"{levels} in {plural(len(drafts(result)), 'draft')} against {plural(len(sources(result)), 'source')}"


def folded(text: str) -> str:
    """White-space runs (hard-wrapped lines) as one space."""
    return " ".join(text.split())


def evidence_dict(locator: Locator, evidence: Evidence) -> dict[str, object]:
    line, column = locator.line_col(evidence.path, evidence.span.start)
    return {
        "path": evidence.path,
        "start": evidence.span.start,
        "end": evidence.span.end,
        "line": line,
        "column": column,
        "text": evidence.text,
    }


def finding_dict(locator: Locator, finding: Finding) -> dict[str, object]:
    """One finding as the ``claimcheck/report@1`` contract spells it, keys in contract order."""
    pos = locator.position(finding.path, finding.span)
    return {
        "rule": finding.rule,
        "level": finding.level,
        "confidence": round(finding.confidence, 3),
        "path": finding.path,
        "start": finding.span.start,
        "end": finding.span.end,
        "line": pos.line,
        "column": pos.column,
        "end_line": pos.end_line,
        "end_column": pos.end_column,
        "text": finding.text,
        "message": finding.message,
        "evidence": [evidence_dict(locator, e) for e in finding.evidence],
        "fingerprint": finding.fingerprint,
    }
