"""The loader's part of the bad-input catalogue: a one-line ClaimcheckError naming the file, never a traceback."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.load import files_in, read_document
from claimcheck.segment import sentences


def _error(path: Path, **options) -> ClaimcheckError:
    with pytest.raises(ClaimcheckError) as caught:
        read_document(path, **options)
    error = caught.value
    assert error.path == str(path)
    assert "\n" not in str(error)
    return error


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  \n"], ids=["empty", "white-space"])
def test_empty_documents(tmp_path: Path, data: bytes) -> None:
    assert _error(_file(tmp_path, "draft.txt", data)).message == "empty document"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
        ("archive.txt", b"PK\x03\x04" + b"\x00" * 40),
        ("scan.md", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
        ("nul.txt", b"Some text\x00with a NUL byte."),
    ],
)
def test_binary_files_are_not_documents(tmp_path: Path, name: str, data: bytes) -> None:
    assert "binary file" in _error(_file(tmp_path, name, data)).message


def test_invalid_utf8_names_line_and_column(tmp_path: Path) -> None:
    path = _file(tmp_path, "draft.txt", "First line.\nSecond “line” has ".encode() + b"\xff bad.\n")
    error = _error(path)
    assert (error.line, error.column) == (2, 19)
    assert "not UTF-8" in error.message and "re-save" in error.message
    assert str(error).startswith(f"{path}:2:19: not UTF-8")


def test_latin1_is_refused_with_its_position_not_mangled(tmp_path: Path) -> None:
    path = _file(tmp_path, "latin.txt", "Le café est fermé.\r\nDeux.".encode("latin-1"))
    error = _error(path)
    assert (error.line, error.column) == (1, 7)
    assert "not UTF-8" in error.message


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = _file(tmp_path, "wide.txt", "The group left. It said “so”.".encode("utf-16"))
    assert [s.text for s in sentences(read_document(path))] == ["The group left.", "It said “so”."]


def test_file_over_the_limit(tmp_path: Path) -> None:
    path = _file(tmp_path, "big.txt", b"word " * 300)
    error = _error(path, max_bytes=1000)
    assert "1,500 bytes" in error.message and "limit of 1,000 bytes" in error.message


def test_fifty_megabyte_file_is_refused_quickly_by_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        chunk = b"The group said it would close its offices. " * 24_000  # about 1 MB
        for _ in range(50):
            stream.write(chunk)
    started = time.perf_counter()
    error = _error(path)
    assert time.perf_counter() - started < 0.5
    assert "over the limit" in error.message and "32 MiB" in error.message


def test_five_megabyte_single_line_loads_and_segments_in_bounded_time(tmp_path: Path) -> None:
    line = ("The group said 10,000 people were affected, and “critics say” more " * 80_000)[: 5 * 1024 * 1024]
    path = _file(tmp_path, "line.txt", line.encode())
    started = time.perf_counter()
    document = read_document(path)
    found = sentences(document)
    assert time.perf_counter() - started < 15
    assert len(found) == 1 and len(document.blocks) == 1


def test_hundred_thousand_quotation_marks(tmp_path: Path) -> None:
    path = _file(tmp_path, "quotes.txt", ("“" * 50_000 + '" .' * 50_000).encode())
    started = time.perf_counter()
    document = read_document(path)
    sentences(document)
    assert time.perf_counter() - started < 10


def test_truncated_pdf(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    from test_load import _pdf

    whole = _pdf(["The group will close its offices."])
    path = _file(tmp_path, "cut.pdf", whole[: len(whole) // 2])
    message = _error(path).message
    assert "PDF" in message


def test_pdf_that_is_text(tmp_path: Path) -> None:
    assert "not a PDF" in _error(_file(tmp_path, "fake.pdf", b"Just some text.\n")).message


def test_docx_that_is_really_text(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    message = _error(_file(tmp_path, "draft.docx", b"The group will close its offices.\n")).message
    assert "not a DOCX file" in message


def test_docx_that_is_a_damaged_zip(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    assert "DOCX" in _error(_file(tmp_path, "draft.docx", b"PK\x03\x04garbage" * 10)).message


def test_missing_extra_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)
    monkeypatch.setitem(sys.modules, "docx", None)
    assert "pip install 'claimcheck[pdf]'" in _error(_file(tmp_path, "a.pdf", b"%PDF-1.4\n")).message
    assert "pip install 'claimcheck[docx]'" in _error(_file(tmp_path, "a.docx", b"PK\x03\x04")).message


def test_folder_given_as_a_document(tmp_path: Path) -> None:
    folder = tmp_path / "drafts.txt"
    folder.mkdir()
    assert "folder" in _error(folder).message


def test_missing_document(tmp_path: Path) -> None:
    assert _error(tmp_path / "nothing.txt").message == "no such file or folder"


def test_unreadable_file(tmp_path: Path) -> None:
    path = _file(tmp_path, "secret.txt", b"Text.")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read any file (root)")
        assert "permission denied" in _error(path).message
    finally:
        path.chmod(0o644)


def test_symlink_loop_in_a_folder_terminates(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("A.", encoding="utf-8")
    (tmp_path / "docs" / "loop").symlink_to(tmp_path / "docs", target_is_directory=True)
    (tmp_path / "docs" / "self").symlink_to("self")
    paths, warnings = files_in(tmp_path / "docs")
    assert [p.name for p in paths] == ["a.txt"]
    assert any("broken symbolic link" in w for w in warnings)


def test_deeply_nested_html(tmp_path: Path) -> None:
    depth = 100_000
    page = "<div>" * depth + "<p>Deep text. It is here.</p>" + "</div>" * depth
    path = _file(tmp_path, "deep.html", page.encode())
    document = read_document(path)
    assert [s.text for s in sentences(document)] == ["Deep text.", "It is here."]
    unclosed = _file(tmp_path, "unclosed.html", ("<span><b><p>" * 20_000 + "words").encode())
    assert "words" in read_document(unclosed).plain
