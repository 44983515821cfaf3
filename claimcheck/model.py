"""The data that flows between the pipeline's stages.

Everything here is a small frozen dataclass and imports nothing of the package.

Offsets. A Document keeps two strings of the *same length*: ``text`` (the file as
read, or the text extracted from a PDF/DOCX) and ``plain`` (what is analysed:
markup blanked to spaces, hard-wrapped lines joined). Because they have the same
length, an offset into ``plain`` is an offset into ``text``, except inside the
few words re-joined across a hyphenated line break, which ``Document.joins``
records. Every Span in a Sentence or Claim is into ``plain``; ``source_span``
turns it into the file's own offsets, and ``line_col`` gives 1-based lines and
columns (in code points) at the edge, for reports.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

LEVELS: tuple[str, ...] = ("info", "warning", "error")
Level = Literal["info", "warning", "error"]


def level_rank(level: str) -> int:
    return LEVELS.index(level)


@dataclass(frozen=True, slots=True, order=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


BlockKind = Literal["title", "heading", "paragraph", "item", "quote"]


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level unit: sentences never cross a block boundary."""

    span: Span
    kind: BlockKind


@dataclass(frozen=True, slots=True)
class Join:
    """A word re-joined over a hyphenated line break.

    In ``plain``, the characters of [start, end) come from ``text`` at
    [start + shift, end + shift): "repres-\\nsion" becomes "repression  ".
    """

    start: int
    end: int
    shift: int


@dataclass(frozen=True, slots=True)
class DocMeta:
    """What claims.yaml (or the command line) says about a document."""

    role: Literal["draft", "source"] = "source"
    kind: Literal["primary", "secondary"] | None = None
    publisher: str | None = None
    published: date | None = None


@dataclass(frozen=True, slots=True)
class Document:
    path: str  # as shown in reports (relative to the working directory where possible)
    text: str  # the file's text as read (BOM dropped), or the extracted text
    plain: str  # same length as text: what is analysed
    blocks: tuple[Block, ...]
    format: str = "text"  # text | markdown | html | pdf | docx
    joins: tuple[Join, ...] = ()
    meta: DocMeta = field(default_factory=DocMeta)
    sha256: str = ""
    line_starts: tuple[int, ...] = ()  # offsets in ``text`` where each line begins

    def __post_init__(self) -> None:
        if len(self.text) != len(self.plain):
            raise ValueError("Document.text and Document.plain must have the same length")

    def source_offset(self, offset: int) -> int:
        """The offset in ``text`` of the character at ``offset`` in ``plain``."""
        i = bisect.bisect_right(self.joins, offset, key=lambda j: j.start) - 1
        if i >= 0 and self.joins[i].start <= offset < self.joins[i].end:
            return offset + self.joins[i].shift
        return offset

    def source_span(self, span: Span) -> Span:
        if span.end <= span.start:
            start = self.source_offset(span.start)
            return Span(start, start)
        return Span(self.source_offset(span.start), self.source_offset(span.end - 1) + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of a ``text`` offset."""
        starts = self.line_starts or line_starts_of(self.text)
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1


def line_starts_of(text: str) -> tuple[int, ...]:
    """Where each line begins; a line ends after \\n, \\r\\n or a lone \\r."""
    return (0, *(m.end() for m in _LINE_END.finditer(text)))


_LINE_END = re.compile(r"\r\n?|\n")


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span  # into Document.plain
    text: str  # Document.plain[span.start:span.end]
    index: int  # position in the document's sentence list
    block: int  # index into Document.blocks
    block_kind: BlockKind = "paragraph"


# --- claims ---------------------------------------------------------------

AttributionKind = Literal["named", "document", "vague", "none"]


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a sentence credits for what it says.

    ``source`` is a canonical entity name for "named", the phrase naming the
    document ("the report", "the data cited by Amnesty") for "document", and the
    vague phrase ("rights monitors") for "vague". ``inherited`` is true when the
    credit comes from an earlier sentence of the same paragraph.
    """

    kind: AttributionKind = "none"
    source: str | None = None
    cue: str | None = None
    span: Span | None = None
    inherited: bool = False


NO_ATTRIBUTION = Attribution()


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a figure allows; ``None`` is an open (infinite) end."""

    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True

    def __post_init__(self) -> None:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"empty interval {self.low}..{self.high}")

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(value, value)

    def widened(self, tolerance: float) -> Interval:
        """Each finite end moved outwards by ``tolerance`` of its magnitude (rounding slack)."""
        low = None if self.low is None else self.low - abs(self.low) * tolerance
        high = None if self.high is None else self.high + abs(self.high) * tolerance
        return Interval(low, high, self.low_inclusive, self.high_inclusive)

    def meets(self, other: Interval, tolerance: float = 0.0) -> bool:
        """Can one value lie in both, once each is widened by ``tolerance``?"""
        a, b = self.widened(tolerance), other.widened(tolerance)
        return _below(a.low, a.low_inclusive, b.high, b.high_inclusive) and _below(
            b.low, b.low_inclusive, a.high, a.high_inclusive
        )

    def describe(self) -> str:
        low = "-inf" if self.low is None else _fmt(self.low)
        high = "inf" if self.high is None else _fmt(self.high)
        opening = "[" if self.low_inclusive and self.low is not None else "("
        closing = "]" if self.high_inclusive and self.high is not None else ")"
        return f"{opening}{low}, {high}{closing}"


def _below(low: float | None, low_inc: bool, high: float | None, high_inc: bool) -> bool:
    """Is the lower end ``low`` at or below the upper end ``high``?"""
    if low is None or high is None:
        return True
    if math.isclose(low, high, rel_tol=1e-12, abs_tol=1e-12):
        return low_inc and high_inc
    return low < high


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.10g}"


ClaimKind = Literal["number", "date", "quote", "attribution"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    kind: ClaimKind
    span: Span  # into Document.plain
    text: str  # Document.plain[span]
    sentence: int  # index into the document's sentences
    attribution: Attribution = NO_ATTRIBUTION


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberClaim(Claim):
    kind: ClaimKind = "number"
    value: float
    interval: Interval
    qualifier: str | None = None  # "at least", "over", "about", "-plus", ...
    unit: str | None = None  # "%", "people", "arrests", "years old", "USD", ...
    head: str | None = None  # the counted noun, lemmatised ("person", "arrest")
    measure: frozenset[str] = frozenset()  # normalised content words of what is counted
    is_percent: bool = False
    versus: str | None = None  # the period a change is measured against: "year", "quarter", "month", "week"


Granularity = Literal["day", "week", "month", "quarter", "year", "decade", "range"]


@dataclass(frozen=True, slots=True, kw_only=True)
class DateClaim(Claim):
    kind: ClaimKind = "date"
    start: date | None  # None when relative and unresolvable
    end: date | None  # inclusive
    granularity: Granularity
    relative: bool = False
    qualifier: str | None = None  # "by", "since", "before", "after", "in", "on"
    event: frozenset[str] = frozenset()  # content words of what is dated


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteClaim(Claim):
    kind: ClaimKind = "quote"
    quoted: str  # the words inside the marks, white space folded
    inner: Span  # the words inside the marks, into Document.plain
    speaker: str | None = None  # canonical name
    speaker_span: Span | None = None
    cue: str | None = None  # "said", "added", ...
    is_term: bool = False  # a short quoted term or scare quote, not a quotation
    continues: int | None = None  # index (in the claim list) of the quotation this one continues
    speaker_org: str | None = None  # the organisation the speaker speaks for, when known


@dataclass(frozen=True, slots=True, kw_only=True)
class AttributionClaim(Claim):
    """A sentence's credit, as a claim: the span is the attribution phrase."""

    kind: ClaimKind = "attribution"


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or document that can be credited, with its other names.

    ``member_of`` is the organisation an officer speaks for ("Agnes Callamard",
    Secretary General of "Amnesty International").
    """

    name: str
    aliases: tuple[str, ...] = ()
    kind: Literal["person", "organisation", "document"] | None = None
    title: str | None = None
    member_of: str | None = None


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """What the extractors may know beyond the text itself."""

    published: date | None = None  # publication date, for relative dates
    entities: tuple[Entity, ...] = ()  # declared in claims.yaml
    vague_add: tuple[str, ...] = ()  # extra vague-source phrases
    vague_remove: tuple[str, ...] = ()  # phrases not to treat as vague
    about_band: float = 0.1  # "about 330" allows 330 +/- 10%
    measures: tuple[tuple[str, ...], ...] = ()  # groups of words that count as the same measure


@dataclass(frozen=True, slots=True)
class Analysis:
    """One document, read and extracted."""

    document: Document
    sentences: tuple[Sentence, ...]
    claims: tuple[Claim, ...]
    attributions: tuple[Attribution, ...]  # one per sentence
    entities: tuple[Entity, ...] = ()  # known in this document: declared, and found in its text

    def of_kind(self, kind: str) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.kind == kind)


# --- findings -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evidence:
    path: str
    span: Span  # into that document's plain text (the engine maps it to file offsets)
    text: str
    sentence: Span | None = None  # the sentence around it, for context in reports


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    level: Level
    confidence: float
    path: str
    span: Span
    text: str
    message: str
    evidence: tuple[Evidence, ...] = ()
    fingerprint: str = ""
    sentence: Span | None = None
    suppressed: str | None = None  # the justification, when suppressed


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What a rule declares about itself; the registry builds these from the modules."""

    id: str
    level: Level
    reads: tuple[str, ...]
    options: tuple[tuple[str, object], ...]
    summary: str  # the docstring's first line
    doc: str  # the whole docstring: what it checks, a failing and a passing example


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Everything a report needs. Finding spans here are into each file's own text."""

    documents: tuple[Document, ...]  # the draft(s) first, in the order given, then the sources
    findings: tuple[Finding, ...]  # shown findings, ordered by path, offset, rule
    rules: tuple[RuleInfo, ...]  # every rule that ran
    suppressed: tuple[Finding, ...] = ()  # findings a directive, ignore entry or baseline hid
    fail_level: Level = "error"
