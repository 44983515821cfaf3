"""``--format markdown``: a report fit for a pull-request comment or a step summary."""

from __future__ import annotations

import re

from ..model import CheckResult, Finding
from ._common import Locator, folded, summary_line

# Everything CommonMark/GFM could read as markup inside a table cell or a quote;
# a backslash makes any ASCII punctuation literal.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")


def md(text: str) -> str:
    """Text safe in a table cell or a quoted line: one line, markup escaped."""
    return _SPECIAL.sub(r"\\\1", folded(text))


def render(result: CheckResult) -> str:
    locator = Locator(result.documents)
    lines = ["## claimcheck", "", f"**{md(summary_line(result))}**"]
    if result.suppressed:
        lines[-1] += f" ({len(result.suppressed)} suppressed)"
    if not result.findings:
        return "\n".join([*lines, "", "No findings."]) + "\n"
    lines += ["", "| # | Level | Rule | Location | Text | Message |", "| ---: | --- | --- | --- | --- | --- |"]
    lines += [row(locator, n, f) for n, f in enumerate(result.findings, 1)]
    with_evidence = [(n, f) for n, f in enumerate(result.findings, 1) if f.evidence]
    if with_evidence:
        lines += ["", "### Evidence"]
        for n, finding in with_evidence:
            lines += ["", *evidence_block(locator, n, finding)]
    return "\n".join(lines) + "\n"


def shortened(text: str, limit: int = 100) -> str:
    """A table cell's worth; the evidence section below quotes the whole text."""
    text = folded(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def row(locator: Locator, number: int, finding: Finding) -> str:
    level = f"**{finding.level}**" if finding.level == "error" else finding.level
    cells = [
        str(number),
        level,
        f"`{finding.rule}`",
        md(locator.where(finding.path, finding.span.start)),
        md(shortened(finding.text)),
        md(finding.message),
    ]
    return "| " + " | ".join(cells) + " |"


def evidence_block(locator: Locator, number: int, finding: Finding) -> list[str]:
    where = md(locator.where(finding.path, finding.span.start))
    lines = [f"{number}\\. `{finding.rule}` at {where}: “{md(finding.text)}”", ""]
    for evidence in finding.evidence:
        lines.append(f"> {md(locator.where(evidence.path, evidence.span.start))}: {md(evidence.text)}")
        lines.append(">")
    return lines[:-1]
