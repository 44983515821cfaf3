"""``--changed-since REV``: keep findings on lines changed since a git revision."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from .errors import ClaimcheckError
from .model import Document, Finding

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise ClaimcheckError(f"--changed-since needs git: {exc.strerror or exc}") from None


def _fail(proc: subprocess.CompletedProcess[bytes], what: str) -> ClaimcheckError:
    detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    return ClaimcheckError(f"{what}: {detail[0] if detail else 'git failed'}")


def check_revision(rev: str, cwd: Path) -> None:
    """A ClaimcheckError unless ``cwd`` is in a git repository where ``rev`` names a commit."""
    if rev.startswith("-"):
        raise ClaimcheckError(f"--changed-since: {rev!r} is not a revision")
    inside = _git(["rev-parse", "--is-inside-work-tree"], cwd)
    if inside.returncode != 0:
        raise _fail(inside, "--changed-since needs a git repository")
    proc = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
    if proc.returncode != 0:
        raise ClaimcheckError(f"--changed-since: unknown git revision {rev!r}")


def changed_lines(path: Path, rev: str, cwd: Path) -> set[int] | None:
    """1-based lines of ``path`` added or changed since ``rev``; None when every line counts (a new file)."""
    check_revision(rev, cwd)
    tracked = _git(["ls-files", "--error-unmatch", "--", str(path)], cwd)
    if tracked.returncode != 0:
        return None
    diff = _git(
        ["-c", "core.quotepath=off", "diff", "--no-color", "--no-ext-diff", "--unified=0", rev, "--", str(path)], cwd
    )
    if diff.returncode != 0:
        raise _fail(diff, f"--changed-since: git diff {rev} failed")
    return lines_from_diff(diff.stdout)


def lines_from_diff(diff: bytes) -> set[int]:
    """New-side line numbers of every hunk; a pure deletion changes no remaining line."""
    lines: set[int] = set()
    for match in _HUNK.finditer(diff):
        start, count = int(match.group(1)), int(match.group(2) or 1)
        lines.update(range(start, start + count))
    return lines


def keep_changed(findings: Sequence[Finding], documents: Sequence[Document], rev: str, cwd: Path) -> list[Finding]:
    """Findings whose lines touch a changed line; findings outside the documents (claims.yaml) stay."""
    check_revision(rev, cwd)
    by_path = {d.path: d for d in documents}
    changed: dict[str, set[int] | None] = {}
    kept = []
    for finding in findings:
        doc = by_path.get(finding.path)
        if doc is None:
            kept.append(finding)
            continue
        if finding.path not in changed:
            changed[finding.path] = changed_lines(Path(finding.path), rev, cwd)
        lines = changed[finding.path]
        first = doc.line_col(finding.span.start)[0]
        last = doc.line_col(max(finding.span.end - 1, finding.span.start))[0]
        if lines is None or any(line in lines for line in range(first, last + 1)):
            kept.append(finding)
    return kept
