"""PDF through pypdf (the ``pdf`` extra): pages' text joined by blank lines, then read as text."""

from __future__ import annotations

import io

from ..errors import ClaimcheckError


def text_of(data: bytes, shown: str) -> str:
    """The extracted text of every page, pages separated by a blank line."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:
        raise ClaimcheckError("reading PDF needs the pdf extra: pip install 'claimcheck[pdf]'", shown) from None
    if not data.startswith(b"%PDF-"):
        raise ClaimcheckError("not a PDF file (no %PDF- header)", shown)
    import logging

    # pypdf logs warnings about damaged files; the user gets one clear error instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ClaimcheckError("PDF is encrypted; save an unencrypted copy", shown)
        pages = [page.extract_text() or "" for page in reader.pages]
    except ClaimcheckError:
        raise
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        OSError,
        RecursionError,
        ZeroDivisionError,
        AssertionError,
    ) as error:
        raise ClaimcheckError(f"cannot read PDF (truncated or damaged?): {_one_line(error)}", shown) from None
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise ClaimcheckError("PDF has no extractable text (a scan? run OCR first)", shown)
    return text


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())[:200] or type(error).__name__
