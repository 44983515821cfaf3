"""Plain text, including text extracted from PDFs: blocks from blank lines.

A block is a run of lines between white-space-only lines. Lines that start
with a list marker are items (with the lines that follow them); a short block
with no sentence-final punctuation is a heading, and the first heading before
any paragraph is the title (unless it is only a dateline).
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicons import lexicon
from ..model import BlockKind
from .layout import Region, blanked

_MARKER = r"[^\S\r\n]*(?:[-*•‣◦▪]|\d{1,3}[.)])[^\S\r\n]+(?=\S)"
_FIRST_ITEM = re.compile(_MARKER)
_WORDS = re.compile(r"\S+")
_FINAL = ".!?…:;"
_CLOSERS = "\"'”’»)]*_"
HEADING_WORDS = 25
HEADING_CHARS = 1000  # longer than any 25-word heading in practice


@cache
def _scanners(newline: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Blank-line gaps and list markers after a line break.

    A pattern that starts with a literal line break is scanned several times
    faster by ``re`` than one starting with an alternation, so the file's own
    line ending is used when it has only one kind.
    """
    nl = re.escape(newline) if newline else r"(?:\r\n|\r|\n)"
    return re.compile(rf"{nl}(?:[^\S\r\n]*{nl})+"), re.compile(rf"{nl}({_MARKER})")


def _newline(text: str) -> str:
    """The file's line ending when it uses only one kind, else ""."""
    if "\r" not in text:
        return "\n"
    if "\n" not in text:
        return "\r"
    crlf = text.count("\r\n")
    return "\r\n" if crlf == text.count("\r") == text.count("\n") else ""


def regions_of(text: str) -> tuple[str, list[Region]]:
    """The text with list markers blanked, and its regions."""
    plain_parts: list[str] = []
    regions: list[Region] = []
    done = 0
    gaps, items = _scanners(_newline(text))
    for start, end in _runs(text, gaps):
        for region, marker_end in _split_items(text, start, end, items):
            if marker_end > region.start:
                plain_parts += [text[done : region.start], blanked(text[region.start : marker_end])]
                done = marker_end
            regions.append(region)
    plain_parts.append(text[done:])
    return "".join(plain_parts), _titled(text, regions)


def _runs(text: str, gaps: re.Pattern[str]) -> list[tuple[int, int]]:
    """[start, end) of each run of lines between white-space-only lines."""
    runs: list[tuple[int, int]] = []
    start = 0
    for gap in gaps.finditer(text):
        runs.append((start, gap.start()))
        start = gap.end()
    runs.append((start, len(text)))
    # Gaps swallow white-space-only lines, so only the first and last run can be blank.
    return [(s, e) for i, (s, e) in enumerate(runs) if e > s and (0 < i < len(runs) - 1 or not text[s:e].isspace())]


def _split_items(text: str, start: int, end: int, items: re.Pattern[str]) -> list[tuple[Region, int]]:
    """The run as one paragraph, or split at each list marker: (region, end of its marker)."""
    first = _FIRST_ITEM.match(text, start, end)
    markers = [(start, first.end())] if first else []
    markers += [(m.start(1), m.end(1)) for m in items.finditer(text, start, end)]
    if not markers:
        return [(Region(start, end, "paragraph"), start)]
    out: list[tuple[Region, int]] = []
    if markers[0][0] > start and text[start : markers[0][0]].strip():
        out.append((Region(start, markers[0][0], "paragraph"), start))
    for (item_start, marker_end), after in zip(markers, [*markers[1:], None], strict=True):
        out.append((Region(item_start, after[0] if after else end, "item"), marker_end))
    return out


def _titled(text: str, regions: list[Region]) -> list[Region]:
    """Paragraph regions that read as headings become headings; the first one, the title."""
    out: list[Region] = []
    seen_paragraph = False
    for region in regions:
        kind: BlockKind = region.kind
        if kind == "paragraph" and _reads_as_heading(text, region):
            block = text[region.start : region.end]
            kind = "title" if not seen_paragraph and not _is_dateline(block) else "heading"
            if kind == "title":
                seen_paragraph = True  # only one title
        else:
            seen_paragraph = True
        out.append(Region(region.start, region.end, kind))
    return out


def _reads_as_heading(text: str, region: Region) -> bool:
    # A heading's words fit in a bounded prefix, so a long paragraph is never copied whole.
    end = min(region.end, region.start + HEADING_CHARS)
    return end == region.end and is_heading(text[region.start : end])


def is_heading(block: str) -> bool:
    """Short, and not ended like a sentence."""
    words = block.split(maxsplit=HEADING_WORDS)
    if not words or len(words) > HEADING_WORDS:
        return False
    last = block.rstrip().rstrip(_CLOSERS)
    return bool(last) and last[-1] not in _FINAL and any(c.isalpha() for c in block)


def _is_dateline(block: str) -> bool:
    """A block of only numbers and date words ("June 30, 2025") dates the piece; it is not its title."""
    words = _dateline_words()
    tokens = [t.strip(".,").lower() for t in _WORDS.findall(block)]
    return all(t.isdigit() or t in words or not t for t in tokens)


@cache
def _dateline_words() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon("segment_headings")["dateline_words"])
