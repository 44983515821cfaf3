"""DOCX through python-docx (the ``docx`` extra): paragraphs joined by blank lines.

Paragraph styles give the blocks: Title, Heading N, list and quote styles.
"""

from __future__ import annotations

import io
from typing import Any

from ..errors import ClaimcheckError
from ..model import BlockKind
from .layout import Region


def read(data: bytes, shown: str) -> tuple[str, list[Region]]:
    """The document's text (paragraphs and table cells in order) and a region for each."""
    try:
        import docx
    except ImportError:
        raise ClaimcheckError("reading DOCX needs the docx extra: pip install 'claimcheck[docx]'", shown) from None
    if not data.startswith(b"PK\x03\x04"):
        raise ClaimcheckError("not a DOCX file (not a ZIP package; is it plain text with a .docx name?)", shown)
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError

    try:
        paragraphs = list(_paragraphs(docx.Document(io.BytesIO(data))))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, AttributeError, OSError) as error:
        message = " ".join(str(error).split())[:200] or type(error).__name__
        raise ClaimcheckError(f"cannot read DOCX (damaged?): {message}", shown) from None
    parts: list[str] = []
    regions: list[Region] = []
    at = 0
    for text, kind in paragraphs:
        if not text.strip():
            continue
        if parts:
            at += 2
        regions.append(Region(at, at + len(text), kind))
        parts.append(text)
        at += len(text)
    if not parts:
        raise ClaimcheckError("empty document", shown)
    return "\n\n".join(parts), regions


def _paragraphs(document: Any) -> Any:
    """(text, kind) of each paragraph, table cells included, in reading order."""
    for part in document.iter_inner_content():
        if hasattr(part, "rows"):
            seen: set[int] = set()
            for row in part.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    for paragraph in cell.paragraphs:
                        yield paragraph.text, "paragraph"
        else:
            yield part.text, _kind(part)


def _kind(paragraph: Any) -> BlockKind:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    lowered = style.lower()
    if lowered == "title":
        return "title"
    if lowered.startswith("heading"):
        return "heading"
    if lowered.startswith("list"):
        return "item"
    if "quote" in lowered:
        return "quote"
    return "paragraph"
