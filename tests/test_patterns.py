"""claims.yaml's own vague-source patterns: found as vague attributions, and never allowed to hang a run."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from claimcheck.cli import main


def _project(tmp_path: Path, pattern: str, draft: str) -> None:
    (tmp_path / "draft.txt").write_text(draft, encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(
        "documents:\n  - {path: draft.txt, role: draft}\n"
        f"phrases:\n  patterns:\n    - {{name: anonymous-official, pattern: '{pattern}', kind: vague}}\n",
        encoding="utf-8",
    )


def test_a_user_pattern_finds_a_vague_source(tmp_path: Path, monkeypatch) -> None:
    _project(
        tmp_path,
        r"an? (?:senior )?official who (?:asked|declined)",
        "A senior official who asked not to be named said 400 people were held.\n",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json"])
    findings = json.loads(result.output)["findings"]
    assert [(f["rule"], f["level"], f["text"]) for f in findings if f["rule"] == "vague-attribution"] == [
        ("vague-attribution", "warning", "A senior official who asked")
    ]


def test_a_pattern_that_backtracks_forever_stops_with_its_position(tmp_path: Path, monkeypatch) -> None:
    _project(tmp_path, r"(a+)+$", "a" * 30_000 + "b\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache"])
    assert result.exit_code == 2
    assert result.output.startswith("claims.yaml:5:")
    assert "timed out" in result.output and result.output.count("\n") == 1
