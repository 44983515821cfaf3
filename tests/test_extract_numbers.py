"""Figures as a reader sees them: exact spans, values, qualifiers as intervals, units and measures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extract import numbers
from claimcheck.model import Block, Document, ExtractOptions, NumberClaim, Sentence, Span

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((ROOT / "tests" / "cases" / "numbers.yaml").read_text(encoding="utf-8"))


def _document(text: str) -> tuple[Document, list[Sentence]]:
    """A Document whose plain text is ``text``: one block per paragraph, sentences split naively."""
    blocks, sentences = [], []
    for para in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text):
        blocks.append(Block(Span(para.start(), para.end()), "paragraph"))
        for s in re.finditer(r"\S.*?(?:[.!?](?=\s)|$)", para.group(), re.S):
            start, end = para.start() + s.start(), para.start() + s.end()
            sentences.append(Sentence(Span(start, end), text[start:end], len(sentences), len(blocks) - 1))
    return Document(path="case.txt", text=text, plain=text, blocks=tuple(blocks)), sentences


def _figures(text: str, band: float = 0.1) -> list[NumberClaim]:
    document, sentences = _document(text)
    return numbers.extract(document, sentences, ExtractOptions(about_band=band))


def _seed(name: str) -> list[NumberClaim]:
    from claimcheck import segment
    from claimcheck.load import read_document

    document = read_document(next((ROOT / "sources").glob(f"{name}_*.txt")))
    return numbers.extract(document, segment.sentences(document), ExtractOptions())


def _by_text(claims: list[NumberClaim], text: str) -> NumberClaim:
    wanted = " ".join(text.split())
    found = [c for c in claims if " ".join(c.text.split()) == wanted]
    assert found, f"no figure {text!r} in {[c.text for c in claims]}"
    return found[0]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict) -> None:
    claims = _figures(case["text"], case.get("about_band", 0.1))
    expected = [e if isinstance(e, dict) else {"text": str(e)} for e in case["figures"]]
    assert [c.text for c in claims] == [e["text"] for e in expected]
    for claim, want in zip(claims, expected, strict=True):
        _check(claim, want)


def _check(claim: NumberClaim, want: dict) -> None:
    if "value" in want:
        assert claim.value == pytest.approx(want["value"]), claim.text
    if "interval" in want:
        assert claim.interval.describe() == want["interval"], claim.text
    for key in ("qualifier", "unit", "head", "versus"):
        if key in want:
            assert getattr(claim, key) == want[key], (claim.text, key)
    if "percent" in want:
        assert claim.is_percent is want["percent"], claim.text
    assert set(want.get("measure", ())) <= claim.measure, (claim.text, sorted(claim.measure))
    assert not set(want.get("not_measure", ())) & claim.measure, (claim.text, sorted(claim.measure))


# --- the seed documents, through the real loader and segmenter ------------------


def test_seed_draft_figures() -> None:
    claims = _seed("000")
    ten_thousand = _by_text(claims, "at least 10,000 people")
    assert (ten_thousand.interval.low, ten_thousand.interval.low_inclusive) == (10000, True)
    assert ten_thousand.interval.high is None
    assert ten_thousand.measure & {"arrest", "charge"}
    assert {"law", "national", "security"} <= ten_thousand.measure
    young = _by_text(claims, "as young as 12 years old")
    assert (young.value, young.unit) == (12, "years old")
    assert not any("one" in c.text.lower() or "two" in c.text.lower() for c in claims)
    assert not any("1997" in c.text for c in claims)


def test_seed_report_figures() -> None:
    claims = _seed("003")
    over = _by_text(claims, "Over 80%")
    assert (over.interval.low, over.interval.low_inclusive, over.interval.high) == (80, False, 100)
    assert _by_text(claims, "84.6%").value == pytest.approx(84.6)
    assert _by_text(claims, "332 arrests").head == "arrest"
    convictions = _by_text(claims, "189")
    assert convictions.head == "conviction" and "conviction" in convictions.measure
    assert not any("2020" in c.text or "1997" in c.text or "30" in c.text for c in claims)


def test_seed_release_figures() -> None:
    claims = _seed("002")
    assert _by_text(claims, "At least 35 groups").interval.describe() == "[35, inf)"
    assert _by_text(claims, "more than 70 countries").interval.describe() == "(70, inf)"
    plus = _by_text(claims, "10 million-plus supporters")
    assert (plus.interval.low, plus.interval.high) == (10_000_000, None)
    assert _by_text(claims, "10 million people").interval.describe() == "[10,000,000, 10,000,000]"
    assert _by_text(claims, "two offices").value == 2
    assert _by_text(claims, "40 years").unit == "years"
    for date_part in ("31", "30", "1993", "2019", "2021", "2020", "25"):
        assert not any(re.search(rf"\b{date_part}\b", c.text) for c in claims), date_part


# --- properties ----------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "at least", "more than", "over", "about", "nearly", "up to", "as young as", "between", "and", "to", "–",
        "-", "10,000", "84.6", "1.5m", "$2.5bn", "HK$", "€", "1997", "31", "June", "%", "per cent", "people",
        "arrests", "years old", "one", "two", "thirty-five", "a dozen", "hundreds", "of", "million", "-plus", "+",
        "“", "”", '"', ".", ",", "\n\n", "1.", "page", "10:30", "or more", "0", "00", "9" * 30,
        "from", "the previous", "last year's", "quarter", "year-on-year", "in their", "early", "70s", "forties",
        "Sims", "Boeing 737", "Hong Kong",
    ]
)  # fmt: skip
TEXTS = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=30).map(" ".join))


def _contains_value(claim: NumberClaim) -> bool:
    i, v = claim.interval, claim.value
    above = i.low is None or v > i.low or (v == i.low and i.low_inclusive)
    below = i.high is None or v < i.high or (v == i.high and i.high_inclusive)
    return above and below


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_figures_are_exact_well_formed_and_deterministic(text: str) -> None:
    document, sentences = _document(text)
    claims = numbers.extract(document, sentences, ExtractOptions())
    again = numbers.extract(document, sentences, ExtractOptions())
    assert claims == again
    previous_end = 0
    for claim in claims:
        assert claim.text == document.plain[claim.span.start : claim.span.end]
        assert claim.span.start >= previous_end  # in order, none overlapping
        previous_end = claim.span.end
        assert 0 <= claim.sentence < len(sentences)
        i = claim.interval
        assert i.low is None or i.high is None or i.low <= i.high
        excluding = {"more than", "over", "above", "in excess of", "fewer than", "under", "below", "less than"}
        excluding |= {"nearly", "almost", "close to"}
        if not any((claim.qualifier or "").startswith(q) for q in excluding):
            assert _contains_value(claim), (claim.text, claim.value, i)
        if claim.is_percent and 0 <= claim.value <= 100:
            assert i.low is not None and i.high is not None and i.low >= 0 and i.high <= 100
        assert claim.versus in (None, "year", "quarter", "month", "week")


def test_no_sentences_no_figures() -> None:
    document = Document(path="x.txt", text="10 people", plain="10 people", blocks=())
    assert numbers.extract(document, [], ExtractOptions()) == []
