"""Sentences with exact offsets: one block at a time, so a sentence never crosses a block.

A title or heading block is one sentence. Elsewhere a sentence ends at ".",
"!", "?" or an ellipsis, with any closing quotation marks and brackets after
it (`order.” They` ends after the closing mark), followed by white space and
something that can start a sentence (a capital, a digit, an opening mark).
Decimals ("84.6") and dotted abbreviations ("U.S.") never match inside, because
a candidate needs white space after its mark; abbreviations ("Dr.", "e.g.",
"No. 5") and initials ("J. K. Rowling") come from lexicons/abbreviations.yaml
and stay inside their sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache

from .lexicons import lexicon
from .model import BlockKind, Document, Sentence, Span

# One pattern per mark, each starting with its literal character: ``re`` scans for
# a literal prefix several times faster than for a character class.
_MARKS = ".!?…‽"
_ENDS = tuple(re.compile(rf"{re.escape(mark)}[.!?…‽]*[\"'”’»)\]]*(?=\s+(\S))") for mark in _MARKS)
_OPENERS = frozenset("\"'“‘«([¿¡*")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")
_LEADING = "\"'“‘«([{"
_LONGEST_ABBREVIATION = 16  # a token longer than this before a period is a word, not an abbreviation
_GROUPS = ("continuing", "before_number", "final")

Mark = tuple[int, int, str]  # start, end, first character of what follows


@cache
def _abbreviations(group: str) -> frozenset[str]:
    """One group of lexicons/abbreviations.yaml: continuing, before_number or final."""
    return frozenset(str(word) for word in lexicon("abbreviations")[group])


@cache
def _groups() -> dict[str, str]:
    """Each abbreviation's group; a word listed twice counts in the first group that lists it."""
    out: dict[str, str] = {}
    for group in _GROUPS:
        for word in _abbreviations(group):
            out.setdefault(word, group)
    return out


def sentences(document: Document) -> tuple[Sentence, ...]:
    """The document's sentences in order, each a trimmed span of ``plain`` inside one block."""
    plain = document.plain
    return tuple(Sentence(Span(s, e), plain[s:e], i, n, k) for i, (s, e, n, k) in enumerate(_bounds(document)))


def _bounds(document: Document) -> Iterator[tuple[int, int, int, BlockKind]]:
    """Start, end, block number and block kind of each sentence, in order."""
    plain = document.plain
    marks = _marks(plain)
    starts = [m[0] for m in marks]
    count = len(marks)
    tabbed = "\t" in plain
    groups = _groups()
    for number, block in enumerate(document.blocks):
        start, end = block.span.start, block.span.end
        kind = block.kind
        if kind == "title" or kind == "heading":
            yield start, end, number, kind  # blocks are trimmed already
            continue
        for i in range(bisect.bisect_left(starts, start), count):
            mark_start, mark_end, following = marks[i]
            if mark_end >= end:
                break
            if plain[mark_start] == ".":
                # The word before the period (leading quotes and brackets dropped). Inside a
                # block line breaks are already spaces; a tab is the only other likely gap.
                low = mark_start - _LONGEST_ABBREVIATION - 1
                if low < start:
                    low = start
                word = plain[low:mark_start].rpartition(" ")[2]
                if tabbed:
                    word = word.rpartition("\t")[2]
                word = word.lstrip(_LEADING)
                if (
                    word
                    and len(word) <= _LONGEST_ABBREVIATION
                    # a word in no group, not ending in a capital, is no initial: the period ends it
                    and (word.lower() in groups or word[-1].isupper())
                    and not _ends_after(word, following, groups)
                ):
                    continue
            yield start, mark_end, number, kind
            start = mark_end + 1
            while plain[start].isspace():
                start += 1
        yield start, end, number, kind


def _marks(plain: str) -> list[Mark]:
    """Every candidate sentence end in the text, in order, none inside another.

    A mark followed by a lower-case word never ends a sentence ("e.g. the", "and
    so… they"), so it is left out once it has kept the marks it overlaps out.
    """
    present = [pattern for mark, pattern in zip(_MARKS, _ENDS, strict=True) if mark in plain]
    if len(present) == 1:  # one kind of mark: its matches never overlap
        return [(m.start(), m.end(), f) for m in present[0].finditer(plain) if not (f := m.group(1)).islower()]
    out: list[Mark] = []
    end = -1
    for mark in sorted((m.start(), m.end(), m.group(1)) for pattern in present for m in pattern.finditer(plain)):
        if mark[0] >= end:
            out.append(mark)
            end = mark[1]
    return [mark for mark in out if not mark[2].islower()]


def _ends_after(word: str, following: str, groups: dict[str, str]) -> bool:
    """Does a period after ``word`` (1 to 16 characters) end a sentence, given what follows?"""
    group = groups.get(word.lower())
    if group is None:
        return not (word[-1].isupper() and _INITIALS.fullmatch(word))
    if group == "continuing":
        return False
    if group == "before_number":
        return not following.isdigit()
    return following.isupper() or following in _OPENERS
