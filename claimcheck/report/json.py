"""``--format json``: the ``claimcheck/report@1`` contract of DESIGN.md."""

from __future__ import annotations

import json

from ..model import CheckResult, Document
from ._common import Locator, counts, finding_dict

SCHEMA = "claimcheck/report@1"


def report_dict(result: CheckResult) -> dict[str, object]:
    locator = Locator(result.documents)
    return {
        "schema": SCHEMA,
        "documents": [document_dict(d) for d in result.documents],
        "findings": [finding_dict(locator, f) for f in result.findings],
        "summary": counts(result.findings),
    }


def document_dict(document: Document) -> dict[str, object]:
    return {
        "path": document.path,
        "role": document.meta.role,
        "format": document.format,
        "sha256": document.sha256,
    }


def render(result: CheckResult) -> str:
    return json.dumps(report_dict(result), ensure_ascii=False, indent=2) + "\n"
