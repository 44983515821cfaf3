"""Documents in: each format, encodings, line endings, unwrapping, the offset contract."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.errors import ClaimcheckError
from claimcheck.load import document_from_text, files_in, read_document
from claimcheck.model import DocMeta, Span, line_starts_of
from claimcheck.segment import sentences

SOURCES = Path(__file__).resolve().parents[1] / "sources"
DRAFT = SOURCES / "000_4b7e136fe68cbd4e.txt"
RELEASE = SOURCES / "002_7bf0aa90486d14be.txt"
REPORT = SOURCES / "003_9edce757b7d65497.txt"
MARKDOWN_CASES = yaml.safe_load((Path(__file__).parent / "cases" / "load_markdown.yaml").read_text(encoding="utf-8"))


def _loose(phrase: str) -> re.Pattern[str]:
    """The phrase with any run of white space between its words."""
    return re.compile(r"\s+".join(re.escape(w) for w in phrase.split()))


def _block_texts(document) -> list[str]:
    return [document.plain[b.span.start : b.span.end] for b in document.blocks]


# --- the seed documents ----------------------------------------------------


def test_hard_wrapped_draft_is_unwrapped_inside_paragraphs() -> None:
    document = read_document(DRAFT)
    phrase = "close its Hong Kong offices by the end of the year due to the growing"
    match = _loose(phrase).search(document.plain)
    assert match and "\n" not in match.group()
    # Where a line was broken there is white space only: the trailing space and the break, as spaces.
    assert " ".join(match.group().split()) == phrase
    assert document.format == "text"
    assert len(document.plain) == len(document.text)


def test_draft_blocks_are_title_and_paragraphs() -> None:
    document = read_document(DRAFT)
    assert [b.kind for b in document.blocks] == ["title", "paragraph", "paragraph", "paragraph", "paragraph"]
    assert _block_texts(document)[0].endswith("Beijing-Imposed National Security Law")
    for block in document.blocks:
        assert "\n" not in document.plain[block.span.start : block.span.end]


def test_line_and_column_of_a_known_phrase() -> None:
    document = read_document(DRAFT)
    start = document.plain.index("rights monitors believe")
    line, column = document.line_col(document.source_offset(start))
    lines = DRAFT.read_text(encoding="utf-8").splitlines()
    assert lines[line - 1][column - 1 :].startswith("rights monitors believe")


def test_markdown_release_has_no_markdown_syntax_in_plain() -> None:
    document = read_document(RELEASE)
    assert document.format == "markdown"  # a .txt file that is plainly Markdown
    for syntax in ("*", "#", "[", "](", "<http"):
        assert syntax not in document.plain
    assert document.blocks[0].kind == "title"
    assert _block_texts(document)[0] == "Amnesty International to close its Hong Kong offices"
    assert "31 October" in document.plain
    assert _loose("“The pattern of raids, arrests and prosecutions against perceived opponents has highlighted").search(
        document.plain
    )


def test_news_report_dateline_and_title() -> None:
    document = read_document(REPORT)
    kinds = [b.kind for b in document.blocks]
    assert kinds[:3] == ["heading", "title", "paragraph"]
    assert _block_texts(document)[0] == "June 30, 2025"


def test_document_fields() -> None:
    meta = DocMeta(role="draft")
    document = read_document(DRAFT, display="draft.txt", meta=meta)
    assert document.path == "draft.txt"
    assert document.meta == meta
    assert re.fullmatch(r"[0-9a-f]{64}", document.sha256)
    assert document.line_starts == line_starts_of(document.text)
    assert read_document(DRAFT).path == str(DRAFT)


# --- encodings and line endings -------------------------------------------


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfThe group left. It said so.\n")
    document = read_document(path)
    assert document.text.startswith("The group")
    assert [s.text for s in sentences(document)] == ["The group left.", "It said so."]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_bom_are_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Café “quoted” words. Done.\n".encode(encoding))
    assert read_document(path).text == "Café “quoted” words. Done.\n"


def test_crlf_lines_map_to_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"First line of text here,\r\nsecond line.\r\n\r\nNext paragraph names the target.\r\n")
    document = read_document(path)
    assert "\r" not in document.plain
    start = document.plain.index("target")
    assert document.line_col(document.source_offset(start)) == (4, 26)
    first = sentences(document)[0]
    assert first.text == "First line of text here,  second line."


def test_lone_cr_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "mac.txt"
    path.write_bytes(b"One line\rtwo line.\r\rThree.")
    document = read_document(path)
    assert [s.text for s in sentences(document)] == ["One line two line.", "Three."]
    assert document.line_col(document.plain.index("Three")) == (4, 1)


def test_hyphenated_word_is_rejoined_and_maps_back() -> None:
    text = "The growing environment of repres-\nsion, critics said, was clear."
    document = document_from_text(text)
    assert "repression," in document.plain
    assert len(document.joins) == 1
    start = document.plain.index("repression")
    span = document.source_span(Span(start, start + len("repression")))
    assert document.text[span.start : span.end] == "repres-\nsion"
    assert document.line_col(document.source_offset(start + 7)) == (2, 2)


def test_hyphen_before_a_capital_is_kept() -> None:
    document = document_from_text("the Beijing-\nImposed law and the well-\n\nknown one.")
    assert not document.joins
    assert "Beijing- Imposed" in document.plain


# --- Markdown --------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(MARKDOWN_CASES))
def test_markdown_case(name: str) -> None:
    case = MARKDOWN_CASES[name]
    document = document_from_text(case["text"], fmt="markdown")
    for piece in case.get("plain_has", []):
        assert piece in document.plain
    for piece in case.get("plain_lacks", []):
        assert piece not in document.plain
    if "kinds" in case:
        assert [b.kind for b in document.blocks] == case["kinds"]


def test_markdown_suffix_is_read_as_markdown(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Heading\n\nSome *text*.\n", encoding="utf-8")
    document = read_document(path)
    assert document.format == "markdown"
    assert [b.kind for b in document.blocks] == ["title", "paragraph"]


def test_plain_text_with_one_asterisk_stays_text() -> None:
    assert document_from_text("Footnote* applies here. Another sentence.").format == "text"


# --- HTML ------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>Amnesty to close offices</title>
<style>p { color: red; }</style><script>var x = "<p>not text</p>";</script></head>
<body>
<h1>Amnesty to close its Hong Kong offices</h1>
<p>The group &mdash; which has <em>two</em> offices &amp; staff &#8212; will close.
It said so.</p>
<!-- a comment -->
<ul><li>a local section</li><li>a regional office</li></ul>
<blockquote><p>“We are leaving,” she said.</p></blockquote>
<table><tr><td>332 arrests</td><td>189 convictions</td></tr></table>
<div>Direct text in a div.<p>Inner paragraph.</p>Tail text.</div>
</body></html>
"""


def test_html_blocks_offsets_and_entities(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    document = read_document(path)
    assert document.format == "html"
    texts = _block_texts(document)
    assert texts[0] == "Amnesty to close offices"
    assert [b.kind for b in document.blocks][:2] == ["title", "heading"]
    assert "a local section" in texts and "189 convictions" in texts
    assert "Direct text in a div." in texts and "Inner paragraph." in texts and "Tail text." in texts
    quote = next(b for b in document.blocks if "We are leaving" in document.plain[b.span.start : b.span.end])
    assert quote.kind == "quote"
    for hidden in ("color", "not text", "a comment", "<", "&amp;"):
        assert hidden not in document.plain
    assert "group —       which" in document.plain  # "&mdash;" → "—" then padding, in place
    start = document.plain.index("two")
    assert document.text[start : start + 3] == "two"  # offsets index the HTML file itself
    line, _ = document.line_col(start)
    assert PAGE.splitlines()[line - 1].startswith("<p>The group")


def test_html_title_from_first_h1_without_title_element() -> None:
    document = document_from_text("<h1>Main</h1><p>Body.</p><h1>Other</h1>", fmt="html")
    assert [b.kind for b in document.blocks] == ["title", "paragraph", "heading"]


# --- PDF and DOCX ------------------------------------------------------------


def _pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF showing ``lines`` (a correct cross-reference table)."""
    stream = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_pdf_text_is_extracted_and_unwrapped(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    path = tmp_path / "doc.pdf"
    path.write_bytes(_pdf(["The group will close its", "offices this year. It said so."]))
    document = read_document(path)
    assert document.format == "pdf"
    texts = [s.text for s in sentences(document)]
    assert any(_loose("The group will close its offices this year.").fullmatch(t) for t in texts)


def test_docx_paragraphs_and_headings(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    made = docx.Document()
    made.add_heading("Amnesty to Close Offices", level=0)
    made.add_heading("Background", level=1)
    made.add_paragraph("The group will close. It said so.")
    path = tmp_path / "doc.docx"
    made.save(str(path))
    document = read_document(path)
    assert document.format == "docx"
    assert [b.kind for b in document.blocks] == ["title", "heading", "paragraph"]
    assert [s.text for s in sentences(document)][-2:] == ["The group will close.", "It said so."]


# --- folders -----------------------------------------------------------------


def test_files_in_folder_sorted_recursive_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("b", encoding="utf-8")
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("h", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.html").write_text("c", encoding="utf-8")
    paths, warnings = files_in(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == ["a.txt", "b.md", "sub/c.html"]
    assert warnings == []


def test_files_in_single_file_and_missing(tmp_path: Path) -> None:
    path = tmp_path / "notes.anything"
    path.write_text("x", encoding="utf-8")
    assert files_in(path) == ([path], [])
    with pytest.raises(ClaimcheckError, match="no such file or folder"):
        files_in(tmp_path / "missing")


def test_symlink_outside_root_is_refused_unless_allowed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("s", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "doc.txt").write_text("d", encoding="utf-8")
    (project / "link.txt").symlink_to(outside / "secret.txt")
    (project / "linkdir").symlink_to(outside, target_is_directory=True)
    paths, warnings = files_in(project)
    assert [p.name for p in paths] == ["doc.txt"]
    assert len(warnings) == 2 and all("outside" in w for w in warnings)
    paths, warnings = files_in(project, allow_outside=True)
    assert sorted(p.name for p in paths) == ["doc.txt", "link.txt", "secret.txt"]
    assert warnings == []


# --- properties --------------------------------------------------------------

PIECES = st.sampled_from(
    [
        *list("aZé 09.,!?…'\"“”‘’*_#>[]()`<>&;-\n\r\t|=~\\"),
        "\r\n",
        "\n\n",
        "**",
        "](u)",
        "<p>",
        "</p>",
        "<h1>",
        "&amp;",
        "&#8212;",
        "-\n",
        "- ",
        "1. ",
        "> ",
        "```\n",
    ]
)
TEXTS = st.lists(PIECES, max_size=150).map("".join)


def _check_contract(document) -> None:
    text, plain = document.text, document.plain
    assert len(plain) == len(text)
    assert document.line_starts == line_starts_of(text)
    previous = 0
    for block in document.blocks:
        assert previous <= block.span.start < block.span.end <= len(plain)
        piece = plain[block.span.start : block.span.end]
        assert piece == piece.strip()
        previous = block.span.end
    for sentence in sentences(document):
        assert sentence.text == plain[sentence.span.start : sentence.span.end]
        source = document.source_span(sentence.span)
        assert 0 <= source.start <= source.end <= len(text)
    for join in document.joins:
        assert plain[join.start : join.end] == text[join.start + join.shift : join.end + join.shift]


@settings(max_examples=200, deadline=None)
@given(text=TEXTS, fmt=st.sampled_from(["text", "markdown", "html"]))
def test_loading_arbitrary_text_keeps_the_offset_contract(text: str, fmt: str) -> None:
    try:
        document = document_from_text(text, fmt=fmt)
    except ClaimcheckError:
        return
    _check_contract(document)
    if fmt == "text":
        # Plain text keeps every visible character where it stands (joins aside).
        for i, char in enumerate(document.plain):
            if not char.isspace():
                assert document.text[document.source_offset(i)] == char


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".md", ".html", ".pdf", ".docx", ".bin"]))
def test_reading_arbitrary_bytes_raises_only_claimcheck_errors(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(data)
        try:
            document = read_document(path)
        except ClaimcheckError as error:
            assert "\n" not in str(error) and str(path) in str(error)
            return
        _check_contract(document)


MARKDOWN_BITS = st.sampled_from(
    [*list("ab #*_[]()<>`~\n \t!:/."), "# ", "**", "__", "](x)", "<http://x>", "```", "~~~", "> ", "\n> ", "\n# "]
)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(MARKDOWN_BITS, max_size=60).map("".join))
def test_markdown_sniffing_shortcut_agrees_with_every_signal(text: str) -> None:
    """Skipping a signal whose characters are absent changes nothing: two kinds of syntax or more."""
    from claimcheck.load.markdown import _SIGNALS, SNIFF_CHARS, looks_like_markdown

    head = text[:SNIFF_CHARS]
    assert looks_like_markdown(text) == (sum(1 for _, _, signal in _SIGNALS if signal.search(head)) >= 2)
