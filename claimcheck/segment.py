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
from functools import cache

from .lexicons import lexicon
from .model import Block, Document, Sentence, Span

# One pattern per mark, each starting with its literal character: ``re`` scans for
# a literal prefix several times faster than for a character class.
_ENDS = tuple(re.compile(rf"{re.escape(mark)}[.!?…‽]*[\"'”’»)\]]*(?=\s+(\S))") for mark in ".!?…‽")
_OPENERS = frozenset("\"'“‘«([¿¡*")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")
_LEADING = "\"'“‘«([{"
_LONGEST_ABBREVIATION = 16  # a token longer than this before a period is a word, not an abbreviation

Mark = tuple[int, int, str]  # start, end, first character of what follows


@cache
def _abbreviations(group: str) -> frozenset[str]:
    """One group of lexicons/abbreviations.yaml: continuing, before_number or final."""
    return frozenset(str(word) for word in lexicon("abbreviations")[group])


def sentences(document: Document) -> tuple[Sentence, ...]:
    """The document's sentences in order, each a trimmed span of ``plain`` inside one block."""
    plain = document.plain
    marks = _marks(plain)
    starts = [m[0] for m in marks]
    out: list[Sentence] = []
    for number, block in enumerate(document.blocks):
        first = bisect.bisect_left(starts, block.span.start)
        for start, end in _spans(plain, block, marks, first):
            out.append(Sentence(Span(start, end), plain[start:end], len(out), number, block.kind))
    return tuple(out)


def _marks(plain: str) -> list[Mark]:
    """Every candidate sentence end in the text, in order, none inside another."""
    found = [[(m.start(), m.end(), m.group(1)) for m in pattern.finditer(plain)] for pattern in _ENDS]
    found = [marks for marks in found if marks]
    if len(found) <= 1:
        return found[0] if found else []
    out: list[Mark] = []
    for mark in sorted(mark for marks in found for mark in marks):
        if not out or mark[0] >= out[-1][1]:
            out.append(mark)
    return out


def _spans(plain: str, block: Block, marks: list[Mark], first: int) -> list[tuple[int, int]]:
    start, end = block.span.start, block.span.end
    if block.kind in ("title", "heading"):
        return [(start, end)]  # blocks are trimmed already
    spans: list[tuple[int, int]] = []
    for i in range(first, len(marks)):
        mark_start, mark_end, following = marks[i]
        if mark_end >= end:
            break
        if _ends_sentence(plain, start, mark_start, following):
            spans.append((start, mark_end))
            start = mark_end + 1
            while plain[start].isspace():
                start += 1
    spans.append((start, end))
    return spans


def _ends_sentence(plain: str, start: int, stop: int, following: str) -> bool:
    """Does the mark at ``stop`` end a sentence, given the word before it and what follows?"""
    if following.islower():
        return False  # a lower-case word goes on: "e.g. the", "and so… they"
    if plain[stop] != ".":
        return True
    word = _word_before(plain, start, stop)
    if not word or len(word) > _LONGEST_ABBREVIATION:
        return True
    key = word.lower()
    if key in _abbreviations("continuing"):
        return False
    if key in _abbreviations("before_number"):
        return not following.isdigit()
    if key in _abbreviations("final"):
        return following.isupper() or following in _OPENERS
    return not (word[-1].isupper() and _INITIALS.fullmatch(word))


def _word_before(plain: str, start: int, stop: int) -> str:
    """The token just before the mark at ``stop`` (leading quotes and brackets dropped)."""
    # Inside a block line breaks are already spaces; a tab is the only other likely gap.
    low = max(start, stop - _LONGEST_ABBREVIATION - 1)
    i = max(plain.rfind(" ", low, stop), plain.rfind("\t", low, stop), low - 1) + 1
    return plain[i:stop].lstrip(_LEADING)
