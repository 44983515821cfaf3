"""``--format rich``: the report an editor reads in a terminal.

Each finding shows the draft sentence with the finding marked and, beside it
when the width allows, the source sentences with the evidence marked. Without
colour the marks are ``[[`` and ``]]`` so the span is still visible in a CI log.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from ..model import CheckResult, Document, Evidence, Finding, Span
from ._common import Locator, counts, drafts, plural, sources, summary_line

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

LEVEL_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
EVIDENCE_STYLE = "bold underline green"
SIDE_BY_SIDE_WIDTH = 80  # below this, two columns of prose are too narrow to read
_SPACE = re.compile(r"\s+")
_NEWLINE = re.compile(r"\r\n?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def render(result: CheckResult, *, color: bool = False, width: int = 100) -> str:
    out = io.StringIO()
    console = _console(out, color, width)
    locator = Locator(result.documents)
    console.print(header(result))
    for finding in result.findings:
        console.print()
        for part in finding_parts(locator, finding, color, width):
            console.print(part)
    console.print()
    console.print(_styled(summary_line(result), "bold", color))
    # Cells and paddings are filled to the width; trailing blanks only make diffs noisy.
    return "".join(line.rstrip(" ") + "\n" for line in out.getvalue().splitlines())


def safe(text: str) -> str:
    """Text from a draft or a message, unable to move the cursor or change colours.

    Line breaks become \\n, other control characters (ESC above all) U+FFFD.
    """
    return _CONTROL.sub("\ufffd", _NEWLINE.sub("\n", text))


def _console(out: io.StringIO, color: bool, width: int) -> Console:
    from rich.console import Console

    # _environ={} keeps COLUMNS, NO_COLOR, TERM and friends from changing the bytes;
    # the CLI decides about colour.
    return Console(
        file=out,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        _environ={},
    )


def _styled(text: str, style: str, color: bool) -> Text:
    from rich.text import Text

    return Text(text, style=style if color else "")


def header(result: CheckResult) -> Text:
    from rich.text import Text

    text = Text()
    text.append("claimcheck", style="bold")
    text.append(f": {plural(len(drafts(result)), 'draft')} against {plural(len(sources(result)), 'source')}\n")
    for doc in drafts(result):
        text.append(safe(f"  draft   {doc.path}\n"))
    for doc in sources(result):
        text.append(safe(f"  source  {doc.path}\n"))
    c = counts(result.findings)
    text.append("  found   ")
    text.append(", ".join(plural(c[level], level) for level in c))
    if result.suppressed:
        text.append(f" ({len(result.suppressed)} suppressed)")
    return text


def finding_parts(locator: Locator, finding: Finding, color: bool, width: int) -> list[RenderableType]:
    from rich.padding import Padding
    from rich.text import Text

    title = Text()
    title.append(finding.level.upper(), style=LEVEL_STYLE[finding.level])
    title.append(f"  {finding.rule}  ", style="bold")
    title.append(safe(locator.where(finding.path, finding.span.start)))
    title.append(f"  (confidence {round(finding.confidence, 3):g})", style="dim")
    style = f"{LEVEL_STYLE[finding.level]} underline"
    draft = in_context(locator.document(finding.path), finding.span, finding.sentence, finding.text, style, color)
    message = Padding(Text(safe(finding.message)), (0, 0, 0, 2), expand=False)
    if finding.evidence and width >= SIDE_BY_SIDE_WIDTH:
        return [title, side_by_side(locator, finding, draft, color), message]
    return [title, *stacked(locator, finding, draft, color), message]


def side_by_side(locator: Locator, finding: Finding, draft: Text, color: bool) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table

    table = Table(box=box.SIMPLE, expand=True, show_edge=False, pad_edge=False, padding=(0, 1))
    table.add_column("draft", ratio=1)
    table.add_column("source" if len(finding.evidence) == 1 else "sources", ratio=1)
    table.add_row(draft, Group(*evidence_texts(locator, finding.evidence, color)))
    return table


def stacked(locator: Locator, finding: Finding, draft: Text, color: bool) -> list[RenderableType]:
    from rich.padding import Padding

    parts: list[RenderableType] = [Padding(draft, (0, 0, 0, 4), expand=False)]
    parts += [Padding(t, (0, 0, 0, 4), expand=False) for t in evidence_texts(locator, finding.evidence, color)]
    return parts


def evidence_texts(locator: Locator, evidence: tuple[Evidence, ...], color: bool) -> list[Text]:
    from rich.text import Text

    texts = []
    for n, item in enumerate(evidence):
        where = Text("\n" if n else "")  # a blank line between sources' sentences
        where.append(safe(f"source {locator.where(item.path, item.span.start)}"), style="dim" if color else "")
        where.append("\n")
        doc = locator.document(item.path)
        where.append_text(in_context(doc, item.span, item.sentence, item.text, EVIDENCE_STYLE, color))
        texts.append(where)
    return texts


def in_context(doc: Document | None, mark: Span, sentence: Span | None, fallback: str, style: str, color: bool) -> Text:
    """The sentence around ``mark``, white space folded, with ``mark`` highlighted."""
    from rich.text import Text

    if doc is None:
        return _styled(safe(_fold(fallback)), style, color)
    context = context_span(doc, mark, sentence)
    pieces = [
        (doc.text[context.start : mark.start], False),
        (doc.text[mark.start : mark.end], True),
        (doc.text[mark.end : context.end], False),
    ]
    text = Text()
    last_space = True  # so leading white space is dropped
    for piece, marked in pieces:
        folded = safe(_SPACE.sub(" ", piece))
        if last_space:
            folded = folded.lstrip(" ")
        if not folded:
            continue
        last_space = folded.endswith(" ")
        if marked:
            text.append(folded if color else f"[[{folded}]]", style=style if color else "")
        else:
            text.append(folded)
    text.rstrip()
    return text


def context_span(doc: Document, mark: Span, sentence: Span | None) -> Span:
    """The sentence, widened to hold the mark; without a sentence, the mark's whole lines."""
    if sentence is not None:
        return Span(min(sentence.start, mark.start), min(max(sentence.end, mark.end), len(doc.text)))
    start = doc.text.rfind("\n", 0, mark.start) + 1
    end = doc.text.find("\n", mark.end)
    return Span(start, len(doc.text) if end < 0 else end)


def _fold(text: str) -> str:
    return " ".join(text.split())
