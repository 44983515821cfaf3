"""README.md's promises: two Quick start commands, the second being what CI runs; every rule documented."""

from __future__ import annotations

import re
from pathlib import Path

from claimcheck.engine import _rule_infos

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_has_exactly_two_commands() -> None:
    first, second = quick_start_commands()
    assert first.endswith("claimcheck check")
    assert second.endswith("pytest")


def test_ci_runs_the_second_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci.splitlines()


def test_every_rule_is_in_the_readme_table() -> None:
    for info in _rule_infos():
        assert re.search(rf"^\| {re.escape(info.id)} \| {info.level} \|", README, re.M), info.id
