"""The bad-input catalogue through the command line (issue 7).

As the draft, a bad file stops the run: one line naming the file (and line:col
where there is one), exit 2, no traceback. Named as one source among several it
is a warning and the check goes on with the rest, unless --strict. (Inside a
source folder, files that are not documents by their suffix are not read.)
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main

GOOD_SOURCE = "Police arrested 212 people under the security law in 2021, the ministry said.\n"
GOOD_DRAFT = "At least 900 people were arrested under the security law in 2021.\n"


def _zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("a.txt", "hello")
    return out.getvalue()


BAD = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"   \n\t\n  ", "empty"),
    "image.png": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
    "archive.zip": (_zip_bytes(), "binary"),
    "broken.txt": (b"Line one is fine.\nLine two has caf" + b"\xe9 in Latin-1.\n", "UTF-8"),
    "nul.txt": (b"Some text\x00with a NUL byte.\n", "binary"),
    "truncated.pdf": (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", ""),
    "fake.docx": (b"This is plain text with a .docx name.\n", ""),
}


def run(args: list[str]):
    return CliRunner().invoke(main, ["check", *args, "--no-cache", "--no-config", "--format", "json"])


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_draft_is_one_line_exit_2(tmp_path: Path, name: str) -> None:
    data, words = BAD[name]
    (tmp_path / name).write_bytes(data)
    (tmp_path / "source.txt").write_text(GOOD_SOURCE, encoding="utf-8")
    result = run([str(tmp_path / name), "--source", str(tmp_path / "source.txt")])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and name in result.output
    assert words in result.output
    assert "Traceback" not in result.output


def test_invalid_utf8_names_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "broken.txt").write_bytes(BAD["broken.txt"][0])
    result = run([str(tmp_path / "broken.txt"), "--source", str(tmp_path / "broken.txt")])
    assert result.exit_code == 2
    assert "broken.txt:2:17:" in result.output


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_source_among_many_is_a_warning(tmp_path: Path, name: str) -> None:
    data, _ = BAD[name]
    (tmp_path / "draft.txt").write_text(GOOD_DRAFT, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(GOOD_SOURCE, encoding="utf-8")
    sources = ["--source", str(tmp_path / name), "--source", str(tmp_path / "good.txt")]
    result = run([str(tmp_path / "draft.txt"), *sources])
    assert result.exit_code == 1, result.output  # the conflict with good.txt is still found
    assert "warning: " in result.stderr and name in result.stderr
    strict = CliRunner().invoke(
        main, ["check", str(tmp_path / "draft.txt"), *sources, "--no-cache", "--no-config", "--strict"]
    )
    assert strict.exit_code == 2 and name in strict.output


def test_folder_given_as_draft(tmp_path: Path) -> None:
    (tmp_path / "source.txt").write_text(GOOD_SOURCE, encoding="utf-8")
    result = run([str(tmp_path), "--source", str(tmp_path / "source.txt")])
    assert result.exit_code == 2 and str(tmp_path) in result.output and result.output.count("\n") == 1


def test_symlink_loop_in_a_source_folder(tmp_path: Path) -> None:
    (tmp_path / "draft.txt").write_text(GOOD_DRAFT, encoding="utf-8")
    sources = tmp_path / "sources"
    (sources / "sub").mkdir(parents=True)
    (sources / "good.txt").write_text(GOOD_SOURCE, encoding="utf-8")
    os.symlink(sources, sources / "sub" / "loop")
    result = run([str(tmp_path / "draft.txt"), "--source", str(sources)])
    assert result.exit_code == 1


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    (tmp_path / "draft.txt").write_bytes(GOOD_DRAFT.encode("utf-16"))
    (tmp_path / "source.txt").write_text(GOOD_SOURCE, encoding="utf-8")
    result = run([str(tmp_path / "draft.txt"), "--source", str(tmp_path / "source.txt")])
    assert result.exit_code == 1 and '"number-conflict"' in result.output


def test_pathological_quotes_and_figures_finish(tmp_path: Path) -> None:
    text = ('"' * 100_000) + "\n\n" + " ".join(f"{i} people" for i in range(3000)) + "\n\n" + "“unbalanced " * 2000
    (tmp_path / "draft.txt").write_text(text, encoding="utf-8")
    (tmp_path / "source.txt").write_text(GOOD_SOURCE, encoding="utf-8")
    result = run([str(tmp_path / "draft.txt"), "--source", str(tmp_path / "source.txt")])
    assert result.exit_code in (0, 1), result.output


def test_missing_source_path(tmp_path: Path) -> None:
    (tmp_path / "draft.txt").write_text(GOOD_DRAFT, encoding="utf-8")
    result = run([str(tmp_path / "draft.txt"), "--source", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "nowhere" in result.output and result.output.count("\n") == 1


def _unreadable(monkeypatch, target: Path) -> None:
    """Make one file unreadable even for root (CI runs as root, where chmod 000 does not stop reads)."""
    real_open, real_read_bytes = Path.open, Path.read_bytes

    def refuse(path: Path):
        if path.resolve() == target.resolve():
            raise PermissionError(13, "Permission denied", str(path))

    def opened(self, *args, **kwargs):
        refuse(self)
        return real_open(self, *args, **kwargs)

    def read_bytes(self):
        refuse(self)
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "open", opened)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_unreadable_draft_is_one_line_exit_2(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "draft.txt").write_text(GOOD_DRAFT, encoding="utf-8")
    (tmp_path / "source.txt").write_text(GOOD_SOURCE, encoding="utf-8")
    _unreadable(monkeypatch, tmp_path / "draft.txt")
    result = run([str(tmp_path / "draft.txt"), "--source", str(tmp_path / "source.txt")])
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert "draft.txt" in result.output and "ermission denied" in result.output


def test_unreadable_source_among_many_is_a_warning(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "draft.txt").write_text(GOOD_DRAFT, encoding="utf-8")
    (tmp_path / "locked.txt").write_text("Police held 9,999 people under the security law in 2021.\n")
    (tmp_path / "good.txt").write_text(GOOD_SOURCE, encoding="utf-8")
    _unreadable(monkeypatch, tmp_path / "locked.txt")
    result = run([str(tmp_path / "draft.txt"), "-s", str(tmp_path / "locked.txt"), "-s", str(tmp_path / "good.txt")])
    assert result.exit_code == 1
    assert "warning: " in result.stderr and "locked.txt" in result.stderr
