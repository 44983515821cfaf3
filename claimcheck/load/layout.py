"""From a format's reading to the analysed text: unwrapping, hyphen joins, blocks.

Each format reader returns ``plain`` (the text with its markup blanked to spaces,
every line break still where the file has it) and the regions of its
paragraph-level units. This module does what is common to all formats:

- a word hyphenated over a line break inside a region ("repres-\\nsion", lower
  case on both sides) is moved up to close the gap, padded with spaces after,
  and recorded as a Join;
- line breaks inside a region become spaces (hard-wrapped text is unwrapped);
  those between regions become a single "\\n" so paragraph breaks stay visible;
- each region is trimmed of white space to give a Block.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from ..model import Block, BlockKind, Join, Span

# Rarer characters that break a line inside a region, turned to spaces there like \r and \n.
_OTHER_BREAKS = "\x0b\x0c\x85\u2028\u2029"
# Starts with the literal "-" so the scan is fast; the letters around it are checked after.
_HYPHEN_BREAK = re.compile(r"-[ \t]*(?:\r\n|\r|\n)[ \t]*(?=[^\W\d_])")
_TOKEN = re.compile(r"\S*")
_VISIBLE = re.compile(r"\S")
_BLANKABLE = re.compile(r"[^\r\n]+")


class Region(NamedTuple):
    """A paragraph-level unit before trimming: [start, end) of the text.

    A NamedTuple rather than a dataclass: it never leaves the loader, and a
    long document makes one per paragraph, where a tuple is several times cheaper.
    """

    start: int
    end: int
    kind: BlockKind


def blanked(text: str) -> str:
    """``text`` with every character but line breaks turned to a space."""
    return _BLANKABLE.sub(lambda m: " " * len(m.group()), text)


def laid_out(plain: str, regions: list[Region]) -> tuple[str, tuple[Block, ...], tuple[Join, ...]]:
    """The analysed text, its blocks and its joins, from a format reader's output."""
    regions = _disjoint(regions)
    plain, joins = _joined(plain, regions)
    plain = _unwrapped(plain, regions)
    return plain, _blocks(plain, regions), joins


def _disjoint(regions: list[Region]) -> list[Region]:
    """Regions in order, overlaps cut, empty ones dropped (a reader's slip must not break spans)."""
    end = 0
    for region in regions:  # as every reader gives them: in order, apart and not empty
        if region.start < end or region.end <= region.start:
            break
        end = region.end
    else:
        return regions
    out: list[Region] = []
    end = 0
    for region in sorted(regions, key=lambda r: (r.start, r.end)):
        start = max(region.start, end)
        if region.end > start:
            out.append(Region(start, region.end, region.kind))
            end = region.end
    return out


def _joined(plain: str, regions: list[Region]) -> tuple[str, tuple[Join, ...]]:
    """Re-join words hyphenated over a line break inside one region."""
    starts = [r.start for r in regions]
    pieces: list[str] = []
    joins: list[Join] = []
    done = 0
    for match in _HYPHEN_BREAK.finditer(plain):
        hyphen, word = match.start(), match.end()
        if hyphen < done or not hyphen or not (plain[hyphen - 1].islower() and plain[word].islower()):
            continue
        i = bisect.bisect_right(starts, hyphen) - 1
        if i < 0 or not (regions[i].start <= hyphen and word < regions[i].end):
            continue
        tail = min(_TOKEN.match(plain, word).end(), regions[i].end)
        moved = plain[word:tail]
        pieces += [plain[done:hyphen], moved, " " * (word - hyphen)]
        joins.append(Join(hyphen, hyphen + len(moved), word - hyphen))
        done = tail
    if not joins:
        return plain, ()
    pieces.append(plain[done:])
    return "".join(pieces), tuple(joins)


def _unwrapped(plain: str, regions: list[Region]) -> str:
    pieces: list[str] = []
    done = 0
    # Looking for each rare break once in the whole text is cheaper than a regex per region.
    others = str.maketrans(dict.fromkeys(_OTHER_BREAKS, " ")) if any(c in plain for c in _OTHER_BREAKS) else None
    if others is None and "\r" not in plain:
        # Only "\n" to turn to spaces inside regions, and nothing to change between them:
        # one replace over the whole text, then the regions taken from it.
        spaced = plain.replace("\n", " ")
        for start, end, _ in regions:
            pieces += [plain[done:start], spaced[start:end]]
            done = end
        pieces.append(plain[done:])
        return "".join(pieces)
    for region in regions:
        pieces.append(_between(plain[done : region.start]))
        pieces.append(_spaced(plain[region.start : region.end], others))
        done = region.end
    pieces.append(_between(plain[done:]))
    return "".join(pieces)


def _spaced(piece: str, others: dict[int, str] | None) -> str:
    """Line breaks as spaces (str.replace is far faster than str.translate with a table)."""
    piece = piece.replace("\r", " ").replace("\n", " ")
    return piece.translate(others) if others else piece


def _between(gap: str) -> str:
    """Outside regions a line break stays one "\\n" (a CR of CRLF becomes a space)."""
    if "\r" not in gap:
        return gap
    return gap.replace("\r\n", " \n").replace("\r", "\n")


def _blocks(plain: str, regions: list[Region]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    append = blocks.append
    for start, end, kind in regions:
        # Most regions start and end visibly: no search, and no copy of the region to trim.
        if plain[start].isspace():
            first = _VISIBLE.search(plain, start, end)
            if not first:
                continue
            start = first.start()
        if plain[end - 1].isspace():
            end = start + len(plain[start:end].rstrip())
        append(Block(Span(start, end), kind))
    return tuple(blocks)
