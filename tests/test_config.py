"""claims.yaml: discovery, loading, and the errors a user sees for a broken file."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest
import yaml

from claimcheck.config import (
    Config,
    PatternEntry,
    compile_pattern,
    find_config,
    load_config,
    search_with_timeout,
)
from claimcheck.errors import ClaimcheckError
from claimcheck.model import Entity

# What the rule registry passes: each known rule id with its option defaults.
RULES: dict[str, dict[str, object]] = {
    "number-conflict": {"tolerance": 0.05, "grows": True},
    "vague-attribution": {"window": 1, "phrases": []},
    "quote-mismatch": {"style": "strict"},
    "quote-misattributed": {"organisation-level": "info"},
    "unsupported-claim": {},
}

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "config_errors.yaml").read_text(encoding="utf-8"))
REPO = Path(__file__).resolve().parent.parent


def project(tmp_path: Path, files: list[str] = (), folders: list[str] = ()) -> Path:
    """An empty project folder inside tmp_path, holding the given files and folders."""
    root = tmp_path / "project"
    root.mkdir()
    for name in folders:
        (root / name).mkdir(parents=True)
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("Some text.\n", encoding="utf-8")
    return root


def load_in(root: Path, text: str | bytes, monkeypatch: pytest.MonkeyPatch) -> Config:
    data = text.encode("utf-8") if isinstance(text, str) else text
    (root / "claims.yaml").write_bytes(data)
    monkeypatch.chdir(root)
    return load_config(Path("claims.yaml"), RULES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_malformed_file_gives_one_line_with_position(case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = project(tmp_path, case.get("files", []), case.get("folders", []))
    monkeypatch.chdir(root)
    if "yaml" in case:
        (root / "claims.yaml").write_bytes(case["yaml"].encode(case.get("encoding", "utf-8")))
    with pytest.raises(ClaimcheckError) as caught:
        load_config(Path("claims.yaml"), RULES)
    assert str(caught.value) == case["error"]
    assert "\n" not in str(caught.value)


FULL = """\
documents:
  - path: sources/draft.txt
    role: draft
  - path: sources/primary.md
    kind: primary
    publisher: Amnesty International
    published: 2021-10-25
  - path: sources/report.txt
    kind: secondary
    published: "2025-06-30"
  - path: archive/
entities:
  - name: Amnesty International
    kind: organization
    aliases: [Amnesty, the group]
  - name: Anjhula Mya Singh Bais
    kind: person
    title: chair of Amnesty's International Board
    member_of: Amnesty International
measures:
  - name: national security law arrests
    words: [arrested, charged, detained]
    grows: true
facts:
  - text: "332 people were arrested under the national security law"
    source: Amnesty International
    published: 2025-06-30
    note: verified by the desk
rules:
  number-conflict: {level: warning, tolerance: 0.1}
  vague-attribution: warning
  unsupported-claim: off
  quote-mismatch: {style: loose}
phrases:
  vague: {add: ["observers fear"], remove: ["sources said"]}
  patterns:
    - {name: anonymous-official, pattern: "an? (?:senior )?official who (?:asked|declined)", kind: vague}
ignore:
  - rule: vague-attribution
    text: "analysts contend"
    reason: "desk accepted: see note 12"
    until: 2026-12-31
  - rule: number-conflict
    fingerprint: abc123
    reason: checked by phone
fail-level: warning
min-level: warning
min-confidence: 0.5
baseline: .claimcheck-baseline.json
allow-outside: false
"""


def test_full_file_reads_every_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = project(tmp_path, ["sources/draft.txt", "sources/primary.md", "sources/report.txt"], ["archive"])
    config = load_in(root, FULL, monkeypatch)
    resolved = root.resolve()
    assert config.root == resolved
    assert config.path == Path("claims.yaml")
    assert [d.path for d in config.documents] == [
        resolved / "sources/draft.txt",
        resolved / "sources/primary.md",
        resolved / "sources/report.txt",
        resolved / "archive",
    ]
    assert [d.path.name for d in config.drafts()] == ["draft.txt"]
    assert len(config.sources()) == 3
    primary = config.documents[1]
    assert (primary.kind, primary.publisher, primary.published) == (
        "primary",
        "Amnesty International",
        date(2021, 10, 25),
    )
    assert config.documents[2].published == date(2025, 6, 30)
    assert config.documents[3].is_folder
    assert primary.meta.publisher == "Amnesty International"
    assert config.entities[0] == Entity("Amnesty International", ("Amnesty", "the group"), "organisation")
    assert config.entities[1].member_of == "Amnesty International"
    assert config.measures[0].words == ("arrested", "charged", "detained") and config.measures[0].grows
    assert config.facts[0].published == date(2025, 6, 30) and config.facts[0].note == "verified by the desk"
    assert config.level_of("number-conflict", "error") == "warning"
    assert config.level_of("unsupported-claim", "info") == "off"
    assert config.level_of("quote-mismatch", "error") == "error"
    assert config.options_of("number-conflict", RULES["number-conflict"]) == {"tolerance": 0.1, "grows": True}
    assert config.options_of("quote-mismatch", RULES["quote-mismatch"]) == {"style": "loose"}
    assert (config.vague_add, config.vague_remove) == (("observers fear",), ("sources said",))
    assert config.patterns[0].name == "anonymous-official" and config.patterns[0].line == 37
    assert config.ignore[0].until == date(2026, 12, 31) and config.ignore[1].fingerprint == "abc123"
    assert (config.fail_level, config.min_level, config.min_confidence) == ("warning", "warning", 0.5)
    assert config.baseline == resolved / ".claimcheck-baseline.json"
    options = config.extract_options()
    assert options.vague_add == ("observers fear",) and options.measures == (("arrested", "charged", "detained"),)


def test_loading_twice_gives_equal_configs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = project(tmp_path, ["sources/draft.txt", "sources/primary.md", "sources/report.txt"], ["archive"])
    assert load_in(root, FULL, monkeypatch) == load_config(Path("claims.yaml"), RULES)


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "~\n", "\ufeff"])
def test_empty_file_is_an_empty_config(text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = project(tmp_path)
    config = load_in(root, text, monkeypatch)
    assert config == Config(root=root.resolve(), path=Path("claims.yaml"))
    assert config.documents == () and config.fail_level == "error"


def test_bundled_example_loads(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(REPO)
    config = load_config(Path("claims.yaml"), RULES)
    assert [d.path.name for d in config.drafts()] == ["000_4b7e136fe68cbd4e.txt"]
    by_name = {d.path.name: d for d in config.sources()}
    assert by_name["002_7bf0aa90486d14be.txt"].published == date(2021, 10, 25)
    assert by_name["002_7bf0aa90486d14be.txt"].kind == "primary"
    assert by_name["003_9edce757b7d65497.txt"].kind == "secondary"
    assert {e.name for e in config.entities} == {"Amnesty International", "Anjhula Mya Singh Bais", "Agnes Callamard"}
    assert config.measures[0].grows
    assert config.facts == () and config.ignore == ()


def test_yaml_off_and_on_words_read_as_levels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    config = load_in(project(tmp_path), "rules:\n  unsupported-claim: {level: off}\n", monkeypatch)
    assert config.level_of("unsupported-claim", "info") == "off"


def test_numbers_dates_and_yes_no_are_read_as_text_where_text_is_expected(tmp_path, monkeypatch):
    text = "entities:\n  - name: 2021\n    aliases: [No, 3.5, 2020-01-01]\n"
    config = load_in(project(tmp_path), text, monkeypatch)
    assert config.entities[0] == Entity("2021", ("No", "3.5", "2020-01-01"))


def test_allow_outside_admits_paths_outside_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = project(tmp_path, ["../shared.txt"])
    config = load_in(root, "allow-outside: true\ndocuments:\n  - path: ../shared.txt\n", monkeypatch)
    assert config.allow_outside and config.documents[0].path == tmp_path.resolve() / "shared.txt"


# --- discovery ----------------------------------------------------------------


def test_find_config_walks_upwards(tmp_path: Path):
    (tmp_path / "claims.yaml").write_text("", encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (deep / "draft.txt").write_text("x", encoding="utf-8")
    assert find_config(deep) == tmp_path / "claims.yaml"
    assert find_config(deep / "draft.txt") == tmp_path / "claims.yaml"


def test_find_config_prefers_the_nearest(tmp_path: Path):
    (tmp_path / "claims.yaml").write_text("", encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "claims.yaml").write_text("", encoding="utf-8")
    assert find_config(tmp_path / "a") == tmp_path / "a" / "claims.yaml"


def test_find_config_ignores_a_folder_named_claims_yaml(tmp_path: Path):
    (tmp_path / "a" / "claims.yaml").mkdir(parents=True)
    found = find_config(tmp_path / "a")
    assert found is None or found.is_file()


def test_default_config_for_ad_hoc_runs(tmp_path: Path):
    config = Config.default(tmp_path)
    assert config.root == tmp_path.resolve() and config.path is None and config.documents == ()
    assert config.level_of("vague-attribution", "warning") == "warning"
    assert config.options_of("number-conflict", {"tolerance": 0.05}) == {"tolerance": 0.05}


# --- ignore entries ----------------------------------------------------------


def test_ignore_entry_lapses_after_until(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    text = (
        "ignore:\n  - rule: vague-attribution\n    text: analysts contend\n"
        "    reason: accepted\n    until: 2026-12-31\n"
        "  - rule: vague-attribution\n    text: critics say\n    reason: always fine\n"
    )
    dated, forever = load_in(project(tmp_path), text, monkeypatch).ignore
    assert dated.active(date(2026, 12, 31))
    assert not dated.active(date(2027, 1, 1))
    assert forever.active(date(2999, 1, 1))
    assert (dated.line, dated.column) == (2, 5)


# --- hostile files -----------------------------------------------------------


def test_catastrophic_pattern_times_out_with_its_position(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    text = 'phrases:\n  patterns:\n    - name: slow\n      pattern: "(a+)+$"\n'
    config = load_in(project(tmp_path), text, monkeypatch)
    started = time.monotonic()
    with pytest.raises(ClaimcheckError) as caught:
        search_with_timeout(config.patterns[0], "a" * 5000 + "b", "draft.txt", timeout_s=0.2)
    assert time.monotonic() - started < 2
    assert str(caught.value) == "claims.yaml:4:16: pattern 'slow' timed out after 0.2s on draft.txt; simplify it"


def test_pattern_search_finds_matches_case_insensitively():
    entry = PatternEntry("anonymous-official", r"an? (?:senior )?official who (?:asked|declined)")
    text = "An official who asked not to be named said so. A senior official who declined to comment agreed."
    assert search_with_timeout(entry, text, "draft.txt") == ((0, 21), (47, 77))
    assert search_with_timeout(entry, text, "draft.txt", compiled=compile_pattern(entry)) == ((0, 21), (47, 77))


def test_ten_megabyte_file_is_refused_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = project(tmp_path)
    (root / "claims.yaml").write_bytes(b"# " + b"x" * (10 * 1024 * 1024) + b"\n")
    monkeypatch.chdir(root)
    started = time.monotonic()
    with pytest.raises(ClaimcheckError) as caught:
        load_config(Path("claims.yaml"), RULES)
    assert time.monotonic() - started < 0.5
    assert str(caught.value) == "claims.yaml: file is 10.0 MiB; a claims file is limited to 1 MiB"


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_billion_laughs_is_refused_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    started = time.monotonic()
    with pytest.raises(ClaimcheckError) as caught:
        load_in(project(tmp_path), BILLION_LAUGHS, monkeypatch)
    assert time.monotonic() - started < 0.5
    assert str(caught.value) == "claims.yaml:6:4: aliases expand to more than 100000 values"


def test_many_aliases_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    text = "x: &x 1\ny: [" + ", ".join(["*x"] * 200) + "]\n"
    with pytest.raises(ClaimcheckError) as caught:
        load_in(project(tmp_path), text, monkeypatch)
    assert str(caught.value).startswith("claims.yaml:2:") and "too many aliases (more than 100)" in str(caught.value)


def test_deep_nesting_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    with pytest.raises(ClaimcheckError) as caught:
        load_in(project(tmp_path), "rules: " + "[" * 1000 + "]" * 1000 + "\n", monkeypatch)
    assert "nested too deeply" in str(caught.value)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_out_of_the_project_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = project(tmp_path, ["../secret.txt"])
    (root / "sources").mkdir()
    (root / "sources" / "innocent.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(ClaimcheckError) as caught:
        load_in(root, "documents:\n  - path: sources/innocent.txt\n", monkeypatch)
    assert str(caught.value) == (
        "claims.yaml:2:11: 'sources/innocent.txt' leads outside the project folder (where claims.yaml is); "
        "set 'allow-outside: true' to allow it"
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinked_folder_out_of_the_project_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = project(tmp_path, ["../elsewhere/a.txt"])
    (root / "archive").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    with pytest.raises(ClaimcheckError) as caught:
        load_in(root, "documents:\n  - path: archive/a.txt\n", monkeypatch)
    assert "leads outside the project folder" in str(caught.value)


def test_symlink_inside_the_project_is_allowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = project(tmp_path, ["real.txt"])
    (root / "link.txt").symlink_to(root / "real.txt")
    config = load_in(root, "documents:\n  - path: link.txt\n", monkeypatch)
    assert config.documents[0].path == root.resolve() / "link.txt"


def test_unreadable_file_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ClaimcheckError) as caught:
        load_config(Path("claims.yaml"), RULES)
    assert str(caught.value) == "claims.yaml: cannot read: No such file or directory"


def test_errors_name_a_found_file_relative_to_the_working_directory(tmp_path, monkeypatch):
    root = project(tmp_path)
    (root / "claims.yaml").write_text("fail-level: never\n", encoding="utf-8")
    (root / "drafts").mkdir()
    monkeypatch.chdir(root)
    with pytest.raises(ClaimcheckError) as caught:
        load_config(find_config(root / "drafts"), RULES)
    assert str(caught.value) == "claims.yaml:1:13: 'fail-level' must be info, warning or error, not 'never'"
