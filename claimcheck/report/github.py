"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

Actions shows only a few annotations per step, so ``github_summary`` gives the
whole report as Markdown for ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

from ..model import CheckResult, Finding
from ._common import Locator, folded

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A command's message: only %, CR and LF are special."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: also : and , which separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: CheckResult) -> str:
    locator = Locator(result.documents)
    return "".join(annotation(locator, f) + "\n" for f in result.findings)


def annotation(locator: Locator, finding: Finding) -> str:
    pos = locator.position(finding.path, finding.span)
    properties = [
        ("file", finding.path),
        ("line", str(pos.line)),
        ("col", str(pos.column)),
        ("endLine", str(pos.end_line)),
        ("endColumn", str(pos.end_column)),
        ("title", f"claimcheck {finding.rule}"),
    ]
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMAND[finding.level]} {props}::{escape_data(message(locator, finding))}"


def message(locator: Locator, finding: Finding) -> str:
    lines = [finding.message]
    lines += [f"source {locator.where(e.path, e.span.start)}: “{folded(e.text)}”" for e in finding.evidence]
    return "\n".join(lines)


def github_summary(result: CheckResult) -> str:
    from .markdown import render as markdown

    return markdown(result)
