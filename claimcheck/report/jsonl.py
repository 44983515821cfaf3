"""``--format jsonl``: one finding per line, the fields of the JSON report's findings."""

from __future__ import annotations

import json

from ..model import CheckResult
from ._common import Locator, finding_dict

# json.dumps escapes CR, LF and other C0 controls, but not these, which
# str.splitlines and JavaScript readers also take as line ends.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def render(result: CheckResult) -> str:
    locator = Locator(result.documents)
    return "".join(_line(finding_dict(locator, f)) for f in result.findings)


def _line(record: dict[str, object]) -> str:
    text = json.dumps(record, ensure_ascii=False)
    for char, escape in _LINE_BREAKS.items():
        text = text.replace(char, escape)
    return text + "\n"
