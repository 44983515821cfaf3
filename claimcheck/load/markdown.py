"""Markdown: block structure from markdown-it-py, inline syntax blanked in place.

markdown-it gives block tokens with line ranges, and inline children whose text
is what a reader sees but without source offsets. So the file is walked with a
cursor that only moves forward: each piece of visible text is found at or after
the cursor, kept in ``plain`` where it stands, and everything it skips over
(emphasis markers, link targets, list and quote markers, heading hashes) stays
blank. Code, HTML blocks, comments and front matter are never analysed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import BlockKind
from .layout import Region, blanked
from .raw import line_starts

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*$", re.MULTILINE | re.DOTALL)
# Each signal with the strings one of which any match must contain: a text
# without them is not searched. Most plain text has none, and a
# single character is found many times faster than a longer string, so each
# signal is gated on a character before a longer string is looked for.
_SIGNALS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    ("#", ("#",), re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)),
    ("*_", ("**", "__"), re.compile(r"(\*\*|__)\S(?:.*?\S)?\1")),
    ("*", ("*",), re.compile(r"(?<![\w*])\*[^\s*][^*\n]*(?<=\S)\*(?![\w*])")),
    ("]", ("](",), re.compile(r"!?\[[^\]\n]+\]\([^)\s]*\)")),
    ("<", ("<http",), re.compile(r"<https?://[^>\s]+>")),
    ("`~", ("```", "~~~"), re.compile(r"^(?:```|~~~)", re.MULTILINE)),
    (">", (">",), re.compile(r"^[ \t]*>[ \t]+\S", re.MULTILINE)),
)


SNIFF_CHARS = 65536


def looks_like_markdown(text: str) -> bool:
    """At least two kinds of Markdown syntax early on: enough to read a .txt file as Markdown."""
    head = text[:SNIFF_CHARS]
    found = 0
    for chars, needles, signal in _SIGNALS:
        if any(char in head for char in chars) and any(needle in head for needle in needles) and signal.search(head):
            found += 1
            if found == 2:
                return True
    return False


@dataclass(slots=True)
class _Walk:
    text: str
    starts: tuple[int, ...]
    cursor: int = 0
    kept: list[tuple[int, str]] = field(default_factory=list)

    def line(self, number: int) -> int:
        """Where line ``number`` (0-based) begins; the end of the text past the last line."""
        return self.starts[number] if number < len(self.starts) else len(self.text)

    def keep(self, piece: str, limit: int, at: int | None = None) -> int | None:
        """Find ``piece`` from the cursor (before ``limit``) and keep it; its start, or None."""
        if not piece:
            return None
        found = self.text.find(piece, self.cursor, limit) if at is None else at
        if found < 0:
            return None
        self.kept.append((found, piece))
        self.cursor = found + len(piece)
        return found

    def skip(self, piece: str, limit: int) -> int | None:
        """Move the cursor past ``piece`` without keeping it; its start, or None."""
        found = self.text.find(piece, self.cursor, limit) if piece else -1
        if found >= 0:
            self.cursor = found + len(piece)
            return found
        return None


def regions_of(text: str) -> tuple[str, list[Region]]:
    """The text with all Markdown syntax blanked, and its regions."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    parser.core.ruler.disable("text_join")  # keeps escapes and entities as their own tokens
    front = _FRONT_MATTER.match(text)
    source = blanked(text[: front.end()]) + text[front.end() :] if front else text
    walk = _Walk(text, line_starts(text))
    regions = _walked(walk, parser.parse(source))
    return _overlaid(text, walk.kept), _titled(regions)


def _walked(walk: _Walk, tokens: list[Any]) -> list[Region]:
    regions: list[Region] = []
    containers: list[str] = []
    for i, token in enumerate(tokens):
        if token.type in ("list_item_open", "blockquote_open"):
            containers.append(token.type)
        elif token.type in ("list_item_close", "blockquote_close") and containers:
            containers.pop()
        elif token.type == "inline" and token.map:
            kind = _kind(tokens[i - 1].type if i else "", containers)
            region = _inline(walk, token)
            if region and kind:
                regions.append(Region(region[0], region[1], kind))
    return regions


def _kind(opener: str, containers: list[str]) -> BlockKind | None:
    if opener == "heading_open":
        return "heading"
    if opener in ("th_open", "td_open"):
        return "paragraph"
    if opener != "paragraph_open":
        return None
    if containers and containers[-1] == "list_item_open":
        return "item"
    if "blockquote_open" in containers:
        return "quote"
    return "paragraph"


def _inline(walk: _Walk, token: Any) -> tuple[int, int] | None:
    """Keep the visible text of one inline token; the extent of what was kept."""
    walk.cursor = max(walk.cursor, walk.line(token.map[0]))
    limit = walk.line(token.map[1])
    first = len(walk.kept)
    for child in token.children or []:
        _child(walk, child, limit)
    if len(walk.kept) == first:
        return None
    start, _ = walk.kept[first]
    last, piece = walk.kept[-1]
    return start, last + len(piece)


def _child(walk: _Walk, child: Any, limit: int) -> None:
    """Keep what one inline child shows; move the cursor past what it does not."""
    kind = child.type
    if kind in ("text", "code_inline"):
        walk.keep(child.content, limit)
    elif kind == "text_special":
        _special(walk, child, limit)
    elif kind in ("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"):
        walk.skip(child.markup, limit)
    elif kind == "html_inline":
        walk.skip(child.content, limit)
    elif kind == "link_open":
        walk.skip("<" if child.markup == "autolink" else "[", limit)
    elif kind == "link_close":
        _past_target(walk, limit, autolink=child.markup == "autolink")
    elif kind == "image" and walk.skip("![", limit) is not None:
        _past_label(walk, limit)
        _past_target(walk, limit, autolink=False)


def _special(walk: _Walk, child: Any, limit: int) -> None:
    """A backslash escape keeps its character; an entity, its decoded text then padding."""
    at = walk.skip(child.markup, limit)
    if at is None:
        return
    if child.info == "escape":
        walk.kept.append((at + 1, walk.text[at + 1 : at + len(child.markup)]))
    elif len(child.content) <= len(child.markup) and "\n" not in child.content and "\r" not in child.content:
        walk.kept.append((at, child.content.ljust(len(child.markup))))


def _past_label(walk: _Walk, limit: int) -> None:
    """Up to the "]" that closes a bracket opened just before the cursor (nesting counted)."""
    depth, i, text = 1, walk.cursor, walk.text
    while i < limit:
        char = text[i]
        if char == "\\":
            i += 1
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if not depth:
                break
        i += 1
    walk.cursor = min(i, limit)


def _past_target(walk: _Walk, limit: int, autolink: bool) -> None:
    """Past a link's "](target)", "][ref]" or "]", or an autolink's ">"."""
    text, i = walk.text, walk.cursor
    if autolink:
        walk.skip(">", limit)
        return
    if not text.startswith("]", i):
        return
    i += 1
    if text.startswith("(", i):
        walk.cursor = _closing(text, i, "(", ")", limit)
    elif text.startswith("[", i):
        walk.cursor = _closing(text, i, "[", "]", limit)
    else:
        walk.cursor = i


def _closing(text: str, i: int, opener: str, closer: str, limit: int) -> int:
    """Just past the ``closer`` matching the ``opener`` at ``i`` (backslash escapes honoured)."""
    depth = 0
    while i < limit:
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == opener:
            depth += 1
        elif char == closer:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return i


def _overlaid(text: str, kept: list[tuple[int, str]]) -> str:
    """Blank text, with the kept pieces written back where they stand."""
    parts: list[str] = []
    done = 0
    for at, piece in sorted(kept):
        if at < done:
            continue
        parts += [blanked(text[done:at]), piece]
        done = at + len(piece)
    parts.append(blanked(text[done:]))
    return "".join(parts)


def _titled(regions: list[Region]) -> list[Region]:
    """The first heading before any other block is the title."""
    if regions and regions[0].kind == "heading":
        first = regions[0]
        return [Region(first.start, first.end, "title"), *regions[1:]]
    return regions
