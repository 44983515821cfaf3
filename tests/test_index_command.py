"""`claimcheck index` builds the source index ahead of time; `check` then reuses it and reports the same."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from claimcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_index_then_check_reuses_the_index(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    cache = tmp_path / "cache"
    built = CliRunner().invoke(main, ["index", "--cache-dir", str(cache)])
    assert built.exit_code == 0, built.output
    assert "indexed 2 of 2 sources" in built.stdout
    with sqlite3.connect(cache / "index.sqlite3") as db:
        assert db.execute("select count(*) from documents").fetchone()[0] == 2
    cached = CliRunner().invoke(main, ["check", "--cache-dir", str(cache), "--format", "json"])
    fresh = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json"])
    assert cached.exit_code == fresh.exit_code == 1
    assert cached.stdout == fresh.stdout


def test_index_with_nothing_to_index_is_one_line_exit_2(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "claims.yaml").write_text("documents: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["index"])
    assert result.exit_code == 2 and result.output.count("\n") == 1
