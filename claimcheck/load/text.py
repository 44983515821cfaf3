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
    # A text with no list marker after a line break (most prose) needs no scan per run.
    scan = items if items.search(text) else None
    first_item = _FIRST_ITEM.match
    for start, end in _runs(text, gaps):
        if scan is None and not first_item(text, start, end):
            regions.append(_tuple(Region, (start, end, "paragraph")))  # what _split_items gives, sooner
            continue
        for region, marker_end in _split_items(text, start, end, scan):
            if marker_end > region.start:
                plain_parts += [text[done : region.start], blanked(text[region.start : marker_end])]
                done = marker_end
            regions.append(region)
    if not plain_parts:
        return text, _titled(text, regions)
    plain_parts.append(text[done:])
    return "".join(plain_parts), _titled(text, regions)


def _runs(text: str, gaps: re.Pattern[str]) -> list[tuple[int, int]]:
    """[start, end) of each run of lines between white-space-only lines."""
    edges = [0]  # each run's start and end, in turn
    for gap in gaps.finditer(text):
        edges += gap.span()
    edges.append(len(text))
    runs = list(zip(edges[::2], edges[1::2], strict=True))
    # Gaps swallow white-space-only lines, so only the first and last run can be blank.
    last = len(runs) - 1
    for i in (last, 0) if last else (0,):
        s, e = runs[i]
        if e <= s or text[s:e].isspace():
            del runs[i]
    return runs


_tuple = tuple.__new__  # Region(start, end, kind) without NamedTuple.__new__'s Python frame


def _split_items(text: str, start: int, end: int, items: re.Pattern[str] | None) -> list[tuple[Region, int]]:
    """The run as one paragraph, or split at each list marker: (region, end of its marker).

    ``items`` is None when the text has no list marker after a line break anywhere.
    """
    first = _FIRST_ITEM.match(text, start, end)
    markers = [(start, first.end())] if first else []
    if items is not None:
        markers += [(m.start(1), m.end(1)) for m in items.finditer(text, start, end)]
    if not markers:
        return [(_tuple(Region, (start, end, "paragraph")), start)]
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
        start, end, kind = region
        if kind == "paragraph" and _reads_as_heading(text, start, end):
            block = text[start:end]
            kind = "title" if not seen_paragraph and not _is_dateline(block) else "heading"
            if kind == "title":
                seen_paragraph = True  # only one title
            region = _tuple(Region, (start, end, kind))
        else:
            seen_paragraph = True
        out.append(region)
    return out


def _reads_as_heading(text: str, start: int, end: int) -> bool:
    """``is_heading`` of text[start:end], without copying a paragraph that cannot be one."""
    # A heading's words fit in a bounded prefix, so a long paragraph is never copied whole.
    if end - start > HEADING_CHARS:
        return False
    # Most paragraphs end like a sentence: look at the end before splitting into words.
    tail = text[max(start, end - 64) : end].rstrip().rstrip(_CLOSERS)
    if tail and tail[-1] in _FINAL:
        return False
    return is_heading(text[start:end])


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
