"""--changed-since: findings on lines changed since a git revision, in a real temporary repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from claimcheck.changed import changed_lines, keep_changed, lines_from_diff
from claimcheck.errors import ClaimcheckError
from claimcheck.model import DocMeta, Document, Finding, Span, line_starts_of

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str) -> None:
    env_args = ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *env_args, *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "story.md").write_text("one\ntwo\nthree\nfour\nfive\n", encoding="utf-8")
    git(tmp_path, "add", "story.md")
    git(tmp_path, "commit", "-q", "-m", "first")
    return tmp_path


def test_changed_lines_are_the_new_side_of_the_diff(repo: Path) -> None:
    (repo / "story.md").write_text("one\nTWO\nthree\nfour\nfive\nsix\nseven\n", encoding="utf-8")
    assert changed_lines(Path("story.md"), "HEAD", repo) == {2, 6, 7}


def test_deleted_lines_change_no_remaining_line(repo: Path) -> None:
    (repo / "story.md").write_text("one\nthree\nfour\nfive\n", encoding="utf-8")
    assert changed_lines(Path("story.md"), "HEAD", repo) == set()


def test_untracked_file_counts_as_all_changed(repo: Path) -> None:
    (repo / "new.md").write_text("fresh\n", encoding="utf-8")
    assert changed_lines(Path("new.md"), "HEAD", repo) is None


def test_bad_revision_and_not_a_repository_are_user_errors(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    with pytest.raises(ClaimcheckError, match="unknown git revision 'nope'"):
        changed_lines(Path("story.md"), "nope", repo)
    with pytest.raises(ClaimcheckError, match="not a revision"):
        changed_lines(Path("story.md"), "--output=x", repo)
    elsewhere = tmp_path_factory.mktemp("plain")
    with pytest.raises(ClaimcheckError, match="needs a git repository"):
        changed_lines(Path("story.md"), "HEAD", elsewhere)


def test_keep_changed_keeps_findings_touching_changed_lines(repo: Path) -> None:
    text = "one\nTWO\nthree\nfour\nfive\n"
    (repo / "story.md").write_text(text, encoding="utf-8")
    doc = Document("story.md", text, text, (), "markdown", meta=DocMeta(role="draft"), line_starts=line_starts_of(text))

    def at(needle: str) -> Finding:
        start = text.index(needle)
        return Finding("vague-attribution", "warning", 0.8, doc.path, Span(start, start + len(needle)), needle, "m")

    spanning = at("three\nfour")
    touching = at("one\nTWO")
    assert keep_changed([at("one"), touching, spanning, at("TWO")], [doc], "HEAD", repo) == [touching, at("TWO")]


def test_hunk_headers_without_counts() -> None:
    assert lines_from_diff(b"@@ -3 +3 @@\n-a\n+b\n@@ -9,0 +10,2 @@\n+c\n+d\n") == {3, 10, 11}
