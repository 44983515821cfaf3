"""Dates as a reader sees them: exact spans, resolved intervals, qualifiers, events."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extract import dates
from claimcheck.model import DateClaim, Document, ExtractOptions, Sentence, Span

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((ROOT / "tests" / "cases" / "dates.yaml").read_text(encoding="utf-8"))


def _document(text: str) -> tuple[Document, list[Sentence]]:
    """A Document whose plain text is ``text``, split into sentences naively."""
    document = Document(path="case.txt", text=text, plain=text, blocks=())
    bounds = re.finditer(r"\S(?:.*?)(?:[.!?](?=\s+[A-Z\"“*])|\n\s*\n|$)", text, re.S)
    return document, [Sentence(Span(m.start(), m.end()), m.group(), i, 0) for i, m in enumerate(bounds)]


def _markdown_plain(text: str) -> str:
    """Markup blanked to spaces, as the loader does: same length as the text."""
    text = re.sub(r"\]\([^)]*\)", lambda m: " " * len(m.group()), text)
    text = re.sub(r"<https?://[^>]*>", lambda m: " " * len(m.group()), text)
    return re.sub(r"[*#\[\]_]", " ", text)


def _seed(name: str) -> tuple[Document, list[Sentence]]:
    """A seed document through the real loader and segmenter when they exist, else a stand-in."""
    path = next((ROOT / "sources").glob(f"{name}_*.txt"))
    try:
        from claimcheck.load import read_document

        document = read_document(path)
    except ImportError:
        text = path.read_text(encoding="utf-8")
        plain = _markdown_plain(text) if name == "002" else text
        document = Document(path=path.name, text=text, plain=plain, blocks=())
    try:
        from claimcheck import segment

        return document, list(segment.sentences(document))
    except ImportError:
        return document, _document(document.plain)[1]


def _extract(text: str, published: date | None = None) -> list[DateClaim]:
    document, sentences = _document(text)
    return dates.extract(document, sentences, ExtractOptions(published=published))


@pytest.mark.parametrize("case", CASES["extract"], ids=lambda c: c["text"][:50])
def test_dates_in_text(case: dict) -> None:
    found = _extract(case["text"], case.get("published"))
    assert [c.text for c in found] == [e["text"] for e in case["dates"]]
    for claim, expected in zip(found, case["dates"], strict=True):
        for key in ("start", "end", "granularity", "relative", "qualifier"):
            if key in expected:
                assert getattr(claim, key) == expected[key], f"{claim.text!r}: {key}"
        assert set(expected.get("event", ())) <= claim.event, f"{claim.text!r}: event {sorted(claim.event)}"


@pytest.mark.parametrize("case", CASES["publication"], ids=lambda c: c["text"][:30])
def test_publication_date(case: dict) -> None:
    document, _ = _document(case["text"])
    assert dates.publication_date(document) == case["date"]


def _by_text(claims: list[DateClaim]) -> dict[str, DateClaim]:
    return {" ".join(c.text.split()): c for c in claims}


def test_seed_002_press_release() -> None:
    document, sentences = _seed("002")
    published = dates.publication_date(document)
    assert published == date(2021, 10, 25)
    found = _by_text(dates.extract(document, sentences, ExtractOptions(published=published)))
    assert (found["31 October"].start, found["31 October"].granularity) == (date(2021, 10, 31), "day")
    assert {"office", "cease", "operation"} <= found["31 October"].event
    assert found["by the end of 2021"].end == date(2021, 12, 31)
    assert found["by the end of the year"].end == date(2021, 12, 31)
    assert found["30 June 2020"].start == date(2020, 6, 30)
    assert (found["in 1993"].start, found["in 1993"].granularity) == (date(1993, 1, 1), "year")
    assert found["2019"].granularity == "year"
    assert found["June 2021"].granularity == "month"
    # the date line is the publication date, not a claim; the link's URL is no year
    assert not any("octobre" in t for t in found)
    assert "2021" not in found


def test_seed_003_news_report() -> None:
    document, sentences = _seed("003")
    published = dates.publication_date(document)
    assert published == date(2025, 6, 30)
    found = _by_text(dates.extract(document, sentences, ExtractOptions(published=published)))
    assert found["on Monday"].start == date(2025, 6, 30)
    assert (found["in 2020"].granularity, found["in 2020"].qualifier) == ("year", "in")
    assert found["in 1997"].start == date(1997, 1, 1)
    assert "June 30, 2025" not in found


def test_seed_000_draft_without_date_line() -> None:
    document, sentences = _seed("000")
    assert dates.publication_date(document) is None
    found = _by_text(dates.extract(document, sentences, ExtractOptions()))
    assert (found["by the end of the year"].start, found["by the end of the year"].end) == (None, None)
    assert found["1997"].start == date(1997, 1, 1)
    resolved = _by_text(dates.extract(document, sentences, ExtractOptions(published=date(2021, 10, 25))))
    assert resolved["by the end of the year"].end == date(2021, 12, 31)


_NEWSY = st.lists(st.sampled_from(CASES["fuzz_words"]), max_size=30).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(st.text(max_size=200), _NEWSY), published=st.none() | st.dates())
def test_any_text_gives_exact_well_formed_dates(text: str, published: date | None) -> None:
    document, sentences = _document(text)
    first = dates.extract(document, sentences, ExtractOptions(published=published))
    assert first == dates.extract(document, sentences, ExtractOptions(published=published))
    for claim in first:
        assert claim.text == text[claim.span.start : claim.span.end]
        assert claim.text and not claim.text[0].isspace() and not claim.text[-1].isspace()
        assert (claim.start is None) == (claim.end is None)
        if claim.start is not None and claim.end is not None:
            assert claim.start <= claim.end
        if published is None and claim.relative:
            assert claim.start is None
    dates.publication_date(document)
