"""Documents in: bytes on disk to a Document, one module per format.

``read_document`` reads one file; ``files_in`` lists the documents a path
names. Every failure is a one-line ClaimcheckError naming the file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import ClaimcheckError
from ..model import DocMeta, Document
from .folders import SUFFIXES, files_in
from .raw import DEFAULT_MAX_BYTES, decoded, line_starts, read_bytes

__all__ = ["DEFAULT_MAX_BYTES", "SUFFIXES", "document_from_text", "files_in", "format_of", "read_document"]

_FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


def format_of(path: Path) -> str:
    """The reader a file's suffix asks for; anything unknown is read as text."""
    return _FORMATS.get(path.suffix.lower(), "text")


def read_document(
    path: Path,
    display: str | None = None,
    meta: DocMeta | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """The document at ``path``; ``display`` is the path shown in reports (default ``str(path)``).

    A .txt (or unknown-suffix) file that is plainly Markdown is read as Markdown.
    """
    path = Path(path)
    shown = display if display is not None else str(path)
    data = read_bytes(path, shown, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    fmt = format_of(path)
    if fmt == "pdf":
        from .pdf import text_of

        return document_from_text(text_of(data, shown), shown, "pdf", meta, digest, wrapped=True)
    if fmt == "docx":
        from .docx import read

        text, regions = read(data, shown)
        return _document(text, text, regions, shown, "docx", meta, digest)
    return document_from_text(decoded(data, shown), shown, fmt, meta, digest)


def document_from_text(
    text: str,
    display: str = "<text>",
    fmt: str = "text",
    meta: DocMeta | None = None,
    sha256: str | None = None,
    wrapped: bool = False,
) -> Document:
    """A Document from text already in memory (``fmt``: text, markdown or html)."""
    if not text.strip():
        raise ClaimcheckError("empty document", display)
    digest = sha256 if sha256 is not None else hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    if fmt == "text" and not wrapped:
        from .markdown import looks_like_markdown

        if looks_like_markdown(text):
            fmt = "markdown"
    plain, regions = _regions(text, fmt, display)
    return _document(text, plain, regions, display, fmt, meta, digest)


def _regions(text: str, fmt: str, display: str) -> tuple[str, list]:
    if fmt == "markdown":
        from .markdown import regions_of
    elif fmt == "html":
        from .html import regions_of
    else:
        from .text import regions_of
    try:
        return regions_of(text)
    except (AssertionError, ValueError, IndexError, RecursionError) as error:
        # A reader tripping over hostile input is an input problem, reported as one.
        raise ClaimcheckError(f"cannot read {fmt} document: {type(error).__name__}: {error}", display) from None


def _document(
    text: str, plain: str, regions: list, display: str, fmt: str, meta: DocMeta | None, digest: str
) -> Document:
    from .layout import laid_out

    plain, blocks, joins = laid_out(plain, regions)
    return Document(
        path=display,
        text=text,
        plain=plain,
        blocks=blocks,
        format=fmt,
        joins=joins,
        meta=meta or DocMeta(),
        sha256=digest,
        line_starts=line_starts(text),
    )
