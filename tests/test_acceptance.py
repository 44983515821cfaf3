"""The seed acceptance cases (../shared/acceptance), scored by their own score.py.

Each case is run twice: ad hoc (no claims.yaml, documents named on the command
line) and with the bundled claims.yaml, as issue 4 asks.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "acceptance"
SEEDS = "sources/000_4b7e136fe68cbd4e.txt", "sources/002_7bf0aa90486d14be.txt", "sources/003_9edce757b7d65497.txt"
CASES = {
    "seeds-draft-000": [SEEDS[0], "--source", SEEDS[1], "--source", SEEDS[2]],
    "seeds-draft-003": [SEEDS[2], "--source", SEEDS[1]],
}

pytestmark = pytest.mark.skipif(
    not (SHARED / "score.py").exists(), reason="../shared/acceptance is not beside the repo"
)


def _report(args: list[str], tmp_path: Path, monkeypatch, config: bool) -> Path:
    monkeypatch.chdir(ROOT)
    extra = ["--config", "claims.yaml"] if config else ["--no-config"]
    result = CliRunner().invoke(main, ["check", *args, *extra, "--no-cache", "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.output)
    assert report["schema"] == "claimcheck/report@1"
    out = tmp_path / "report.json"
    out.write_text(result.output, encoding="utf-8")
    return out


@pytest.mark.parametrize("config", [False, True], ids=["ad-hoc", "claims.yaml"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_acceptance_case(case: str, config: bool, tmp_path: Path, monkeypatch) -> None:
    report = _report(CASES[case], tmp_path, monkeypatch, config)
    scored = subprocess.run(
        [sys.executable, str(SHARED / "score.py"), str(SHARED / "seeds" / "cases.yaml"), case, str(report)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert scored.returncode == 0, scored.stdout + scored.stderr
