"""Issue 5's gate, end to end through the command line: baselines that survive edits, suppressions with reasons."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from claimcheck.cli import main

SOURCE = "Police arrested 212 people under the security law in 2021, the ministry said.\n"
DRAFT = "The city was calm.\n\nAt least 900 people were arrested under the security law in 2021.\n"


def _project(tmp_path: Path, draft: str, name: str = "draft.md") -> None:
    (tmp_path / name).write_text(draft, encoding="utf-8")
    (tmp_path / "source.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(
        f"documents:\n  - {{path: {name}, role: draft}}\n  - {{path: source.txt}}\n", encoding="utf-8"
    )


def _check(*args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["findings"]


def test_a_baselined_finding_survives_edits_above_it(tmp_path: Path, monkeypatch) -> None:
    _project(tmp_path, DRAFT)
    monkeypatch.chdir(tmp_path)
    code, before = _check()
    assert code == 1 and any(f["rule"] == "number-conflict" for f in before)
    written = CliRunner().invoke(main, ["baseline", "write", "--output", "baseline.json"])
    assert written.exit_code == 0, written.output
    assert json.loads((tmp_path / "baseline.json").read_text())["entries"]
    (tmp_path / "draft.md").write_text("Editors revised the lede.\n\nAnother paragraph.\n\n" + DRAFT, encoding="utf-8")
    code, after = _check("--baseline", "baseline.json")
    assert code == 0 and after == []
    (tmp_path / "draft.md").write_text(DRAFT + "\nAt least 5,000 people were arrested under the security law.\n")
    code, new = _check("--baseline", "baseline.json")
    assert [f["text"] for f in new if f["rule"] == "number-conflict"] == ["At least 5,000 people"]


def test_baseline_prune_drops_what_no_longer_matches(tmp_path: Path, monkeypatch) -> None:
    _project(tmp_path, DRAFT)
    monkeypatch.chdir(tmp_path)
    CliRunner().invoke(main, ["baseline", "write", "--output", "baseline.json"])
    (tmp_path / "draft.md").write_text("The city was calm.\n", encoding="utf-8")
    pruned = CliRunner().invoke(main, ["baseline", "prune", "--output", "baseline.json"])
    assert pruned.exit_code == 0 and "kept 0 of" in pruned.output
    assert json.loads((tmp_path / "baseline.json").read_text())["entries"] == []


def test_a_suppression_with_a_reason_hides_the_finding(tmp_path: Path, monkeypatch) -> None:
    directive = "<!-- claimcheck: disable-next-line number-conflict -- the ministry revised its count by phone -->\n"
    _project(tmp_path, DRAFT.replace("At least", directive + "At least"))
    monkeypatch.chdir(tmp_path)
    code, findings = _check()
    assert code == 0 and not [f for f in findings if f["rule"] == "number-conflict"]


def test_a_suppression_without_a_reason_is_itself_an_error(tmp_path: Path, monkeypatch) -> None:
    directive = "<!-- claimcheck: disable-next-line number-conflict -->\n"
    _project(tmp_path, DRAFT.replace("At least", directive + "At least"))
    monkeypatch.chdir(tmp_path)
    code, findings = _check()
    assert code == 1
    assert [f["level"] for f in findings if f["rule"] == "invalid-suppression"] == ["error"]


def test_an_unused_suppression_is_reported(tmp_path: Path, monkeypatch) -> None:
    directive = "<!-- claimcheck: disable-next-line vague-attribution -- desk agreed -->\n"
    _project(tmp_path, directive + DRAFT)
    monkeypatch.chdir(tmp_path)
    _, findings = _check()
    assert [f["level"] for f in findings if f["rule"] == "unused-suppression"] == ["info"]


def test_no_inline_suppressions_for_audits(tmp_path: Path, monkeypatch) -> None:
    directive = "<!-- claimcheck: disable-next-line number-conflict -- revised by phone -->\n"
    _project(tmp_path, DRAFT.replace("At least", directive + "At least"))
    monkeypatch.chdir(tmp_path)
    code, findings = _check("--no-inline-suppressions")
    assert code == 1 and any(f["rule"] == "number-conflict" for f in findings)


def test_an_ignore_entry_lapses_after_its_date(tmp_path: Path, monkeypatch) -> None:
    _project(tmp_path, DRAFT)
    with (tmp_path / "claims.yaml").open("a", encoding="utf-8") as fh:
        fh.write("ignore:\n  - {rule: number-conflict, text: at least 900, reason: revised, until: 2000-01-01}\n")
    monkeypatch.chdir(tmp_path)
    code, findings = _check()
    assert code == 1 and any(f["rule"] == "number-conflict" for f in findings)


def test_every_format_twice_gives_the_same_bytes(tmp_path: Path, monkeypatch) -> None:
    _project(tmp_path, DRAFT)
    monkeypatch.chdir(tmp_path)
    for fmt in ("rich", "json", "jsonl", "sarif", "github", "junit", "markdown"):
        runs = [CliRunner().invoke(main, ["check", "--no-cache", "--format", fmt]).stdout for _ in range(2)]
        assert runs[0] == runs[1] and runs[0], fmt


def test_an_unwritable_cache_means_running_without_it(tmp_path: Path, monkeypatch) -> None:
    _project(tmp_path, DRAFT)
    (tmp_path / "not-a-folder").write_text("a file where the cache folder would go\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--cache-dir", "not-a-folder/cache", "--format", "json"])
    assert result.exit_code == 1, result.output
    assert "warning:" in result.stderr and "cache" in result.stderr
    assert any(f["rule"] == "number-conflict" for f in json.loads(result.stdout)["findings"])


def test_a_damaged_cache_is_rebuilt_with_a_warning(tmp_path: Path, monkeypatch) -> None:
    _project(tmp_path, DRAFT)
    cache = tmp_path / ".claimcheck"
    cache.mkdir()
    (cache / "index.sqlite3").write_bytes(b"this is not a database" * 100)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--format", "json"])
    assert result.exit_code == 1 and "warning:" in result.stderr
    again = CliRunner().invoke(main, ["check", "--format", "json"])
    assert again.stdout == result.stdout and "warning:" not in again.stderr


def test_a_full_disk_while_writing_the_report_leaves_the_old_report(tmp_path: Path, monkeypatch) -> None:
    import os

    _project(tmp_path, DRAFT)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.json").write_text("the previous report\n", encoding="utf-8")

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "--output", "report.json"])
    assert result.exit_code == 2
    assert result.output.startswith("report.json: cannot write report.json: No space left on device")
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.yaml", "draft.md", "report.json", "source.txt"]
