"""``--format junit``: a testsuite per draft, a testcase per rule, a failure per finding.

CI servers (GitLab, Jenkins, Azure) show JUnit XML as test results, so an editor
sees "vague-attribution failed twice in story.md" next to the pipeline.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model import CheckResult, Finding
from ._common import Locator, folded
from .sarif import rule_list

# XML 1.0 cannot carry most C0 controls even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(result: CheckResult) -> str:
    locator = Locator(result.documents)
    rule_ids = [r.id for r in rule_list(result)]
    paths = [d.path for d in result.documents if d.meta.role == "draft"]
    paths += sorted({f.path for f in result.findings} - set(paths))
    root = ET.Element("testsuites", {"name": "claimcheck"})
    for path in paths:
        root.append(testsuite(locator, path, rule_ids, [f for f in result.findings if f.path == path]))
    root.set("tests", str(sum(int(s.get("tests", "0")) for s in root)))
    root.set("failures", str(len(result.findings)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def testsuite(locator: Locator, path: str, rule_ids: list[str], findings: list[Finding]) -> ET.Element:
    suite = ET.Element("testsuite")
    # Attributes are set in a fixed order; ElementTree keeps insertion order.
    for key, value in (
        ("name", path),
        ("tests", str(len(rule_ids))),
        ("failures", str(len(findings))),
        ("errors", "0"),
        ("skipped", "0"),
    ):
        suite.set(key, xml_text(value))
    for rule_id in rule_ids:
        case = ET.SubElement(suite, "testcase", {"classname": xml_text(path), "name": rule_id})
        for finding in (f for f in findings if f.rule == rule_id):
            case.append(failure(locator, finding))
    return suite


def failure(locator: Locator, finding: Finding) -> ET.Element:
    element = ET.Element("failure", {"message": xml_text(folded(finding.message)), "type": finding.level})
    lines = [
        f"{locator.where(finding.path, finding.span.start)}: {finding.level} {finding.rule}"
        f" (confidence {round(finding.confidence, 3)})",
        f"text: {folded(finding.text)}",
        f"message: {finding.message}",
    ]
    lines += [f"evidence {locator.where(e.path, e.span.start)}: {folded(e.text)}" for e in finding.evidence]
    element.text = xml_text("\n".join(lines).replace("\r\n", "\n").replace("\r", "\n"))
    return element
