"""``--format sarif``: SARIF 2.1.0, one run, for code-scanning dashboards.

Suppressed findings are included with their justification, as SARIF expects,
so a dashboard can show what the desk accepted and why.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from ..model import CheckResult, Evidence, Finding, RuleInfo
from ._common import Locator

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "claimcheck/v1"


def render(result: CheckResult) -> str:
    return json.dumps(sarif_log(result), ensure_ascii=False, indent=2) + "\n"


def sarif_log(result: CheckResult) -> dict[str, object]:
    from .. import __version__

    rules = rule_list(result)
    index = {r.id: i for i, r in enumerate(rules)}
    locator = Locator(result.documents)
    findings = sorted([*result.findings, *result.suppressed], key=_order)
    driver = {
        "name": "claimcheck",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [rule_dict(r) for r in rules],
    }
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": [result_dict(locator, f, index[f.rule]) for f in findings],
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _order(finding: Finding) -> tuple[str, int, int, str, str]:
    return (finding.path, finding.span.start, finding.span.end, finding.rule, finding.fingerprint)


def rule_list(result: CheckResult) -> list[RuleInfo]:
    """The rules that ran, plus any a finding names that the engine did not list."""
    rules = list(result.rules)
    known = {r.id for r in rules}
    named = sorted({f.rule for f in (*result.findings, *result.suppressed)} - known)
    rules += [RuleInfo(rule_id, "warning", (), (), rule_id, rule_id) for rule_id in named]
    return rules


def rule_dict(rule: RuleInfo) -> dict[str, object]:
    doc = rule.doc or rule.summary
    return {
        "id": rule.id,
        "shortDescription": {"text": rule.summary or rule.id},
        "fullDescription": {"text": doc or rule.id},
        "help": {"text": doc or rule.id},
        "defaultConfiguration": {"level": SARIF_LEVEL[rule.level]},
    }


def result_dict(locator: Locator, finding: Finding, rule_index: int) -> dict[str, object]:
    out: dict[str, object] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": SARIF_LEVEL[finding.level],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": physical_location(locator, finding.path, finding)}],
    }
    if finding.evidence:
        out["relatedLocations"] = [related_location(locator, i, e) for i, e in enumerate(finding.evidence, 1)]
    if finding.fingerprint:
        out["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    if finding.suppressed is not None:
        out["suppressions"] = [suppression(finding)]
    out["properties"] = {"confidence": round(finding.confidence, 3)}
    return out


def physical_location(locator: Locator, path: str, located: Finding | Evidence) -> dict[str, object]:
    span = located.span
    pos = locator.position(path, span)
    region = {
        "startLine": pos.line,
        "startColumn": pos.column,
        "endLine": pos.end_line,
        "endColumn": pos.end_column,
        "charOffset": span.start,
        "charLength": span.end - span.start,
        "snippet": {"text": located.text},
    }
    return {"artifactLocation": {"uri": artifact_uri(path)}, "region": region}


def related_location(locator: Locator, number: int, evidence: Evidence) -> dict[str, object]:
    return {
        "id": number,
        "physicalLocation": physical_location(locator, evidence.path, evidence),
        "message": {"text": f"source evidence: {evidence.text}"},
    }


def suppression(finding: Finding) -> dict[str, object]:
    from ..suppress import suppression_kind

    return {"kind": suppression_kind(finding), "justification": finding.suppressed or ""}


def artifact_uri(path: str) -> str:
    """A relative path stays relative (code scanning resolves it against the checkout)."""
    if PureWindowsPath(path).is_absolute() and not PurePosixPath(path).is_absolute():
        return PureWindowsPath(path).as_uri()
    posix = path.replace("\\", "/")
    if posix.startswith("/"):
        return PurePosixPath(posix).as_uri()
    return quote(posix, safe="/")
