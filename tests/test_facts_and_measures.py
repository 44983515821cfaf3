"""claims.yaml as the desk uses it: pinned facts count as a source; declared measures and growth."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from claimcheck.cli import main


def _check(tmp_path: Path, monkeypatch, claims_yaml: str, draft: str, source: str | None = None) -> list[dict]:
    (tmp_path / "draft.txt").write_text(draft, encoding="utf-8")
    docs = "documents:\n  - {path: draft.txt, role: draft, published: 2026-01-10}\n"
    if source is not None:
        (tmp_path / "source.txt").write_text(source, encoding="utf-8")
        docs += "  - {path: source.txt, published: 2025-06-30}\n"
    (tmp_path / "claims.yaml").write_text(docs + claims_yaml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


def test_a_pinned_fact_is_one_more_source(tmp_path: Path, monkeypatch) -> None:
    facts = (
        "facts:\n  - text: The floods displaced 212 families in the river valley in 2021.\n"
        "    source: the ministry\n    published: 2022-01-05\n"
    )
    findings = _check(
        tmp_path, monkeypatch, facts, "At least 900 families were displaced in the river valley by the 2021 floods.\n"
    )
    conflict = [f for f in findings if f["rule"] == "number-conflict"]
    assert len(conflict) == 1
    assert conflict[0]["evidence"][0]["path"] == "claims.yaml:4"  # the fact's line
    assert conflict[0]["evidence"][0]["text"] == "212 families"


def test_a_declared_measure_makes_other_words_the_same_measure(tmp_path: Path, monkeypatch) -> None:
    measures = "measures:\n  - {name: held, words: [interned, held, detained]}\n"
    draft = "At least 900 people were interned in the northern camps last winter.\n"
    source = "Officials held 212 people in the northern camps last winter.\n"
    findings = _check(tmp_path, monkeypatch, measures, draft, source)
    assert [f["rule"] for f in findings if f["level"] == "error"] == ["number-conflict"]


def test_a_count_that_only_grows_is_not_contradicted_by_an_older_smaller_one(tmp_path: Path, monkeypatch) -> None:
    measures = "measures:\n  - {name: arrests, words: [arrested, detained], grows: true}\n"
    draft = "At least 400 people have been arrested under the security law since it was enacted.\n"
    source = "In all, 332 people have been arrested under the security law since it was enacted.\n"
    findings = _check(tmp_path, monkeypatch, measures, draft, source)
    assert not [f for f in findings if f["rule"] == "number-conflict"]


def test_a_rule_turned_off_in_claims_yaml(tmp_path: Path, monkeypatch) -> None:
    findings = _check(tmp_path, monkeypatch, "rules:\n  vague-attribution: off\n", "Critics say 40 people left.\n")
    assert not [f for f in findings if f["rule"] == "vague-attribution"]
