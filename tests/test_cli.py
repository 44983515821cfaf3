"""The command line as a user meets it: commands, exit codes, one-line errors, output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck import __version__
from claimcheck.cli import main
from claimcheck.rules import BY_ID

ROOT = Path(__file__).resolve().parents[1]
DRAFT = "sources/000_4b7e136fe68cbd4e.txt"
RELEASE = "sources/002_7bf0aa90486d14be.txt"
REPORT = "sources/003_9edce757b7d65497.txt"


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return ROOT


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"claimcheck {__version__}\n"


def test_rules_lists_every_rule_with_level() -> None:
    result = run("rules")
    assert result.exit_code == 0
    for rule_id, rule in BY_ID.items():
        assert any(line.split()[:2] == [rule_id, rule.LEVEL] for line in result.output.splitlines())


def test_explain_shows_the_examples() -> None:
    result = run("explain", "number-conflict")
    assert result.exit_code == 0
    assert "Fails:" in result.output and "Passes:" in result.output


def test_explain_unknown_rule_is_one_line_exit_2() -> None:
    result = run("explain", "number-conflicts")
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "did you mean 'number-conflict'" in result.output


def test_check_with_no_arguments_checks_the_bundled_example(at_root) -> None:
    result = run("check", "--no-cache")
    assert result.exit_code == 1
    assert "000_4b7e136fe68cbd4e.txt" in result.output
    assert "number-conflict" in result.output and "vague-attribution" in result.output
    assert "\x1b[" not in result.output  # not a terminal: plain text


def test_json_report_contract(at_root) -> None:
    result = run("check", DRAFT, "--source", RELEASE, "--source", REPORT, "--format", "json", "--no-cache")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert list(report) == ["schema", "documents", "findings", "summary"]
    assert report["schema"] == "claimcheck/report@1"
    assert [d["role"] for d in report["documents"]] == ["draft", "source", "source"]
    text = (ROOT / DRAFT).read_text(encoding="utf-8")
    for f in report["findings"]:
        assert text[f["start"] : f["end"]] == f["text"]
        assert 0 <= f["confidence"] <= 1 and f["level"] in {"info", "warning", "error"}
        line_start = sum(len(line) for line in text.splitlines(keepends=True)[: f["line"] - 1])
        assert f["start"] - line_start + 1 == f["column"]
    keys = [(f["path"], f["start"], f["rule"]) for f in report["findings"]]
    assert keys == sorted(keys)
    assert report["summary"] == {lvl: sum(f["level"] == lvl for f in report["findings"]) for lvl in report["summary"]}


def test_same_input_same_bytes(at_root) -> None:
    args = ("check", DRAFT, "--source", RELEASE, "--source", REPORT, "--format", "json", "--no-cache")
    assert run(*args).output == run(*args).output


def test_thresholds_and_exit_codes(at_root) -> None:
    base = ("check", DRAFT, "--source", RELEASE, "--source", REPORT, "--no-cache", "--format", "json")
    assert run(*base, "--exit-zero").exit_code == 0
    assert run(*base, "--fail-level", "warning").exit_code == 1
    only_errors = json.loads(run(*base, "--min-level", "error").output)
    assert {f["level"] for f in only_errors["findings"]} == {"error"}
    selected = json.loads(run(*base, "--select", "vague-attribution").output)
    assert {f["rule"] for f in selected["findings"]} == {"vague-attribution"}
    assert run(*base, "--select", "vague-attribution").exit_code == 0  # its findings are warnings and info
    confident = json.loads(run(*base, "--min-confidence", "0.85").output)
    assert all(f["confidence"] >= 0.85 for f in confident["findings"])


def test_output_file_is_written(at_root, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run("check", DRAFT, "-s", RELEASE, "-s", REPORT, "--no-cache", "--format", "json", "--output", str(out))
    assert result.exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "claimcheck/report@1"


def test_missing_draft_is_one_line_exit_2(at_root) -> None:
    result = run("check", "nowhere.txt", "--source", RELEASE, "--no-cache")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "nowhere.txt" in result.output
    assert "Traceback" not in result.output


def test_malformed_claims_yaml_names_line_and_column(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "draft.txt").write_text("Critics say the law is broad.\n", encoding="utf-8")
    (tmp_path / "claims.yaml").write_text("documents:\n  - path: draft.txt\n    role: drafty\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "--no-cache")
    assert result.exit_code == 2
    assert result.output.startswith("claims.yaml:3:11: ")
    assert result.output.count("\n") == 1


def test_claims_yaml_is_found_from_a_subfolder(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "draft.txt").write_text("Critics say the law is broad.\n", encoding="utf-8")
    (tmp_path / "claims.yaml").write_text("documents:\n  - path: draft.txt\n    role: draft\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    result = run("check", "--no-cache", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [f["rule"] for f in json.loads(result.output)["findings"]] == ["vague-attribution"]


def test_ad_hoc_source_folder(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "draft.txt").write_text("At least 900 people were arrested under the law in 2021.\n")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("Police arrested 212 people under the law in 2021, the ministry said.\n")
    monkeypatch.chdir(tmp_path)
    result = run("check", "draft.txt", "--source", "src", "--no-cache", "--format", "json")
    report = json.loads(result.output)
    assert result.exit_code == 1
    assert [f["rule"] for f in report["findings"] if f["level"] == "error"] == ["number-conflict"]
    assert report["findings"][0]["evidence"][0]["path"].endswith("a.txt")


def test_no_color_env_gives_plain_text(at_root) -> None:
    result = run("check", "--no-cache", env={"NO_COLOR": "1"})
    assert "\x1b[" not in result.output


def test_github_format_chosen_in_actions(at_root, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = run("check", "--no-cache", env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.output.startswith("::")
    assert "::error file=sources/000_4b7e136fe68cbd4e.txt" in result.output
    assert summary.read_text(encoding="utf-8").strip()


def test_claims_json_for_the_draft(at_root) -> None:
    result = run("claims", DRAFT, "--format", "json", "--no-config")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["schema"] == "claimcheck/claims@1"
    numbers = {c["text"]: c for c in data["claims"] if c["kind"] == "number"}
    ten = next(c for t, c in numbers.items() if "10,000" in t)
    assert (ten["low"], ten["low_inclusive"], ten["high"]) == (10000, True, None)
    assert {"arrest", "charge"} & set(ten["measure"]) and {"law", "security"} <= set(ten["measure"])
    assert ten["attribution"]["kind"] == "vague"
    assert any("as young as 12 years old" in t for t in numbers)
    assert not any("two" in t.lower() for t in numbers)  # "one country, two systems" is no figure


def test_claims_json_for_the_news_report(at_root) -> None:
    data = json.loads(run("claims", REPORT, "--format", "json", "--no-config").output)
    numbers = {c["text"]: c for c in data["claims"] if c["kind"] == "number"}
    over = next(c for t, c in numbers.items() if t.startswith("Over 80"))
    assert (over["low"], over["low_inclusive"], over["high"], over["high_inclusive"]) == (80, False, 100, True)
    for text in ("84.6%", "332 arrests"):
        claim = next(c for t, c in numbers.items() if text in t)
        assert claim["attribution"]["kind"] in {"named", "document"}
    convictions = next(c for c in numbers.values() if c["value"] == 189)
    assert "conviction" in convictions["measure"] or convictions["head"] == "conviction"
    assert convictions["attribution"]["kind"] in {"named", "document"}


def test_claims_json_for_the_release(at_root) -> None:
    data = json.loads(run("claims", RELEASE, "--format", "json").output)
    quotes = [c for c in data["claims"] if c["kind"] == "quote" and not c["is_term"]]
    assert quotes and {q["speaker"] for q in quotes} == {"Anjhula Mya Singh Bais", "Agnes Callamard"}
    dates = {c["text"]: c for c in data["claims"] if c["kind"] == "date"}
    assert dates["31 October"]["date_start"] == "2021-10-31"
    assert any("by the end of 2021" in t and c["date_end"] == "2021-12-31" for t, c in dates.items())
    assert any(c["date_start"] == "2020-06-30" for c in dates.values())
    numbers = [c["text"] for c in data["claims"] if c["kind"] == "number"]
    for text in ("At least 35 groups", "more than 70 countries", "10 million-plus supporters"):
        assert any(text in t for t in numbers), text


def test_claims_table_is_readable(at_root) -> None:
    result = run("claims", REPORT, "--no-config")
    assert result.exit_code == 0
    assert "number (" in result.output and "84.6%" in result.output


def test_claims_show_the_period_a_change_is_measured_against(tmp_path: Path) -> None:
    path = tmp_path / "call.txt"
    path.write_text("Earnings per share were $3.50, up 40.6% from last year's $2.40.\n", encoding="utf-8")
    table = run("claims", str(path), "--no-config")
    assert table.exit_code == 0 and "against the previous year" in " ".join(table.output.split())
    data = json.loads(run("claims", str(path), "--no-config", "--format", "json").output)
    assert [c.get("versus") for c in data["claims"] if c["kind"] == "number"] == [None, "year", None]
