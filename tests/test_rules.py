"""Every rule's failing and passing cases, as data: tests/cases/rules/RULE.yaml.

Each case writes its draft and sources to a folder, runs the whole check with
only that rule selected, and compares the findings: each expected finding must
overlap its `text` (and, where given, an evidence span overlapping `evidence`);
a case with `findings: []` must produce none.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimcheck.config import Config
from claimcheck.engine import CheckOptions, check
from claimcheck.rules import BY_ID

CASES = Path(__file__).parent / "cases" / "rules"


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        rule = path.stem
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield pytest.param(rule, case, id=f"{rule}:{case['name']}")


def _run(tmp_path: Path, rule: str, case: dict):
    draft = tmp_path / case.get("draft_name", "draft.txt")
    draft.write_text(case["draft"], encoding="utf-8")
    sources = []
    for name, text in (case.get("sources") or {}).items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        sources.append(path)
    options = CheckOptions(select=(rule,), min_level="info")
    return draft, check(Config.default(tmp_path), [draft], sources, options)


@pytest.mark.parametrize(("rule", "case"), list(_cases()))
def test_rule_case(tmp_path: Path, rule: str, case: dict) -> None:
    draft, result = _run(tmp_path, rule, case)
    text = draft.read_text(encoding="utf-8")
    got = [f for f in result.findings if f.rule == rule]
    expected = case["findings"]
    if not expected:
        assert got == [], [(f.text, f.message) for f in got]
        return
    for want in expected:
        start = text.index(want["text"])
        end = start + len(want["text"])
        hits = [f for f in got if f.span.start < end and start < f.span.end]
        assert hits, f"no {rule} finding on {want['text']!r}; got {[(f.text, f.message) for f in got]}"
        if "evidence" in want:
            assert any(want["evidence"] in e.text or e.text in want["evidence"] for f in hits for e in f.evidence)
        if "message" in want:
            assert any(want["message"] in f.message for f in hits), [f.message for f in hits]
        if "level" in want:
            assert any(f.level == want["level"] for f in hits)
    assert len(got) == len(expected), [(f.text, f.message) for f in got]


def test_every_rule_has_failing_and_passing_cases() -> None:
    for rule in BY_ID:
        cases = yaml.safe_load((CASES / f"{rule}.yaml").read_text(encoding="utf-8"))
        assert any(c["findings"] for c in cases), f"{rule} has no failing case"
        assert any(not c["findings"] for c in cases), f"{rule} has no passing case"
