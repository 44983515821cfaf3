"""Every format on the bundled example, through the CLI: golden bytes, and the same bytes twice.

The golden files follow the rules' output: after an intended change to a rule or
a report, rewrite them with CLAIMCHECK_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.report import FORMATS

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"
EXTENSIONS = {"rich": "txt", "json": "json", "jsonl": "jsonl", "sarif": "sarif", "github": "txt", "junit": "xml",
              "markdown": "md"}  # fmt: skip

pytestmark = pytest.mark.skipif(not (ROOT / "claims.yaml").exists(), reason="the bundled example is not in place")


def report(fmt: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(main, ["check", "--format", fmt, "--no-color", "--no-cache"])
    assert result.exit_code == 1, result.output
    return result.output


@pytest.mark.parametrize("fmt", FORMATS)
def test_bundled_example_matches_golden_and_repeats(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    out = report(fmt, monkeypatch)
    assert report(fmt, monkeypatch) == out
    golden = GOLDEN / f"bundled.{fmt}.{EXTENSIONS[fmt]}"
    if os.environ.get("CLAIMCHECK_UPDATE_GOLDEN") == "1":
        golden.write_bytes(out.encode("utf-8"))
    assert out.encode("utf-8") == golden.read_bytes()


def test_bundled_sarif_validates(monkeypatch: pytest.MonkeyPatch) -> None:
    schema_path = ROOT.parent / "shared/schemas/sarif-schema-2.1.0.json"
    if not schema_path.exists():
        pytest.skip(f"SARIF schema not found at {schema_path} (the shared folder next to the repository)")
    import jsonschema

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(json.loads(report("sarif", monkeypatch)))
