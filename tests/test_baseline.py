"""Baselines: written atomically and deterministically, read back with positions, pruned."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from claimcheck.baseline import Baseline, prune, read_baseline, write_baseline
from claimcheck.errors import ClaimcheckError
from claimcheck.fsutil import write_atomic
from claimcheck.model import DocMeta, Document, Finding, Span, line_starts_of
from claimcheck.suppress import apply

DAY = date(2025, 3, 4)


def finding(fingerprint: str, rule: str = "vague-attribution", path: str = "story.md", start: int = 0) -> Finding:
    return Finding(rule, "warning", 0.8, path, Span(start, start + 5), f"text {fingerprint}", "m",
                   fingerprint=fingerprint)  # fmt: skip


def test_write_is_sorted_deterministic_json(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    findings = [finding("f2", path="z.md"), finding("f1", "number-conflict"), finding("f3")]
    write_baseline(a, findings, DAY)
    write_baseline(b, list(reversed(findings)), DAY)
    assert a.read_bytes() == b.read_bytes()
    data = json.loads(a.read_text(encoding="utf-8"))
    assert data["schema"] == "claimcheck/baseline@1" and data["created"] == "2025-03-04"
    assert [e["fingerprint"] for e in data["entries"]] == ["f1", "f3", "f2"]
    assert list(data["entries"][0]) == ["fingerprint", "rule", "path", "text", "recorded"]


def test_read_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(path, [finding("f1"), finding("f2")], DAY)
    baseline = read_baseline(path)
    assert baseline.created == DAY and baseline.fingerprints == {"f1", "f2"}
    assert baseline.recorded("f1") == "2025-03-04"


def test_malformed_json_is_reported_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text('{"schema": "claimcheck/baseline@1",\n  "entries": [,]}', encoding="utf-8")
    with pytest.raises(ClaimcheckError) as err:
        read_baseline(path)
    assert (err.value.path, err.value.line, err.value.column) == (str(path), 2, 15)
    assert str(err.value).startswith(f"{path}:2:15: baseline is not valid JSON")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"schema": "other"}', "not a claimcheck baseline"),
        ('{"schema": "claimcheck/baseline@1", "created": "2025-01-01"}', "entries"),
        ('{"schema": "claimcheck/baseline@1", "created": "soon", "entries": []}', "YYYY-MM-DD"),
        ('{"schema": "claimcheck/baseline@1", "created": "2025-01-01", "entries": [{"rule": 1}]}', "entry 1"),
    ],
)
def test_wrong_shape_is_a_user_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ClaimcheckError, match=message):
        read_baseline(path)


def test_missing_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(ClaimcheckError, match="not found"):
        read_baseline(tmp_path / "nope.json")


def test_prune_drops_entries_that_no_longer_match(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(path, [finding("f1"), finding("f2")], DAY)
    pruned = prune(read_baseline(path), [finding("f2"), finding("f9")])
    assert isinstance(pruned, Baseline) and pruned.fingerprints == {"f2"} and pruned.created == DAY


def test_rewriting_keeps_the_first_recorded_date(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(path, [finding("f1")], DAY)
    write_baseline(path, [finding("f1"), finding("f2")], date(2025, 5, 6), previous=read_baseline(path))
    entries = {e.fingerprint: e.recorded for e in read_baseline(path).entries}
    assert entries == {"f1": DAY, "f2": date(2025, 5, 6)}


def test_baselined_finding_survives_an_edit_above_it(tmp_path: Path) -> None:
    """Fingerprints carry no line numbers: new lines above move the finding, not its identity."""
    before = "Analysts contend it rose.\n"
    after = "A new first paragraph.\n\nAnd another.\n\n" + before

    def checked(text: str) -> tuple[Document, Finding]:
        doc = Document("story.md", text, text, (), "markdown", meta=DocMeta(role="draft"),
                       line_starts=line_starts_of(text))  # fmt: skip
        start = text.index("Analysts contend")
        # The engine's fingerprint: rule, file name, folded text, occurrence index.
        fingerprint = "vague-attribution|story.md|analysts contend|0"
        return doc, Finding("vague-attribution", "warning", 0.8, doc.path, Span(start, start + 16),
                            "Analysts contend", "vague", fingerprint=fingerprint)  # fmt: skip

    path = tmp_path / "baseline.json"
    _, old = checked(before)
    write_baseline(path, [old], DAY)
    doc, moved = checked(after)
    assert doc.line_col(moved.span.start)[0] == 5
    kept, suppressed = apply([moved], [doc], today=DAY, baseline=read_baseline(path))
    assert kept == [] and len(suppressed) == 1


def test_atomic_write_leaves_nothing_behind_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "baseline.json"
    target.write_text("old", encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ClaimcheckError) as err:
        write_atomic(target, "new")
    assert err.value.path == str(target) and "No space left on device" in str(err.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.json"]
    assert target.read_text(encoding="utf-8") == "old"


def test_atomic_write_into_a_missing_folder_names_the_file(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "out.sarif"
    with pytest.raises(ClaimcheckError, match="cannot write"):
        write_atomic(target, "x")


def test_atomic_write_keeps_bytes_and_gives_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    write_atomic(target, "a\r\nb — c\n")
    assert target.read_bytes() == "a\r\nb — c\n".encode()
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's private 0600
