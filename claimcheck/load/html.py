"""HTML: tags blanked, entities decoded in place, blocks from block-level elements.

Why the standard library's ``html.parser`` and not BeautifulSoup: spans must
index the HTML file's own text (DESIGN.md), and BeautifulSoup's tree keeps no
source offsets for text nodes (``sourceline``/``sourcepos`` exist for tags only,
and only with some parsers), while ``html.parser`` reports the position of
every tag, text run and entity as it streams. Streaming also means no tree and
no recursion, so 100,000 nested elements cost a list of 100,000 names, not a
stack overflow. So HTML needs no extra package; ``claimcheck[html]`` stays
declared for compatibility and pulls in nothing this module imports.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from ..model import BlockKind
from .layout import Region, blanked

_BLOCK_KINDS: dict[str, BlockKind] = {
    "title": "title",
    **{f"h{n}": "heading" for n in range(1, 7)},
    "li": "item",
    "dt": "item",
    "dd": "item",
    "blockquote": "quote",
    **dict.fromkeys(
        (
            "p",
            "td",
            "th",
            "pre",
            "div",
            "body",
            "section",
            "article",
            "main",
            "header",
            "footer",
            "aside",
            "figcaption",
            "caption",
            "address",
            "nav",
            "form",
            "table",
            "ul",
            "ol",
            "dl",
            "tr",
            "figure",
        ),
        "paragraph",
    ),
}
_HIDDEN = frozenset({"script", "style", "template", "noscript", "svg", "math", "iframe", "object"})
# Elements a new sibling of the same group closes (HTML's implied end tags).
_SELF_CLOSING_GROUPS = {
    "p": {"p"},
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "tr": {"tr", "td", "th"},
}
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param"}
)


@dataclass(slots=True)
class _Open:
    tag: str
    run: tuple[int, int] | None = None  # the current run of the element's own text


class _Stream(HTMLParser):
    """Collects the visible text runs and the regions of block elements, with offsets."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_offsets = _newline_starts(text)
        self.kept: list[tuple[int, str]] = []
        self.regions: list[Region] = []
        self.stack: list[_Open] = [_Open("#root")]
        self.holders: list[_Open] = [self.stack[0]]  # the open block elements: who owns text here
        self.open_count: Counter[str] = Counter()
        self.hidden = 0
        self.has_title = False
        self.first_h1: int | None = None

    def _position(self) -> int:
        line, column = self.getpos()
        return self.line_offsets[line - 1] + column

    # --- structure -----------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _VOID:
            return
        if tag in _HIDDEN:
            self.hidden += 1
        element = _Open(tag)
        if tag in _BLOCK_KINDS:
            self._close_implied(tag)
            self._end_run(self.holders[-1])
            self.holders.append(element)
        self.stack.append(element)
        self.open_count[tag] += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        return

    def handle_endtag(self, tag: str) -> None:
        if not self.open_count[tag]:
            return
        while len(self.stack) > 1:
            element = self._pop()
            if element.tag == tag:
                break

    def _close_implied(self, tag: str) -> None:
        closes = _SELF_CLOSING_GROUPS.get(tag)
        if closes and self.stack[-1].tag in closes:
            self._pop()

    def _pop(self) -> _Open:
        element = self.stack.pop()
        self.open_count[element.tag] -= 1
        if element.tag in _HIDDEN:
            self.hidden -= 1
        if element is self.holders[-1] and len(self.holders) > 1:
            self.holders.pop()
        self._end_run(element)
        return element

    def _end_run(self, element: _Open) -> None:
        if element.run is None:
            return
        start, end = element.run
        element.run = None
        kind = self._kind(element.tag)
        if element.tag == "title":
            self.has_title = True
        if element.tag == "h1" and self.first_h1 is None:
            self.first_h1 = len(self.regions)
        self.regions.append(Region(start, end, kind))

    def _kind(self, tag: str) -> BlockKind:
        kind = _BLOCK_KINDS.get(tag, "paragraph")
        if kind == "paragraph" and self.open_count["blockquote"]:
            return "quote"
        if kind == "paragraph" and (self.open_count["li"] or self.open_count["dd"]):
            return "item"
        return kind

    # --- text ----------------------------------------------------------
    def handle_data(self, data: str) -> None:
        self._text(self._position(), data)

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name}")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name}")

    def _reference(self, raw: str) -> None:
        at = self._position()
        length = len(raw) + (1 if self.text.startswith(";", at + len(raw)) else 0)
        decoded = html.unescape(self.text[at : at + length])
        if len(decoded) > length or any(c in decoded for c in "\r\n"):
            decoded = self.text[at : at + length]
        self._text(at, decoded.ljust(length), visible=len(decoded))

    def _text(self, at: int, piece: str, visible: int | None = None) -> None:
        if self.hidden or not piece:
            return
        self.kept.append((at, piece))
        if not piece.strip():
            return
        element = self.holders[-1]
        end = at + (len(piece) if visible is None else visible)
        element.run = (at, end) if element.run is None else (element.run[0], end)

    def finish(self) -> list[Region]:
        self.close()
        while len(self.stack) > 1:
            self._pop()
        self._end_run(self.stack[0])
        return self._titled()

    def _titled(self) -> list[Region]:
        """Title from <title>, else the first <h1>."""
        if self.has_title or self.first_h1 is None:
            return self.regions
        regions = list(self.regions)
        first = regions[self.first_h1]
        regions[self.first_h1] = Region(first.start, first.end, "title")
        return regions


def _newline_starts(text: str) -> list[int]:
    """Offsets where html.parser's lines begin (it counts "\\n" only)."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def regions_of(text: str) -> tuple[str, list[Region]]:
    """The text with markup blanked and entities decoded in place, and its regions."""
    stream = _Stream(text)
    stream.feed(text)
    regions = stream.finish()
    return _overlaid(text, stream.kept), regions


def _overlaid(text: str, kept: list[tuple[int, str]]) -> str:
    parts: list[str] = []
    done = 0
    for at, piece in sorted(kept):
        if at < done or at + len(piece) > len(text):
            continue
        parts += [blanked(text[done:at]), piece]
        done = at + len(piece)
    parts.append(blanked(text[done:]))
    return "".join(parts)
