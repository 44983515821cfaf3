"""Quotations as an editor sees them: the words inside the marks, who said them, terms apart."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import segment
from claimcheck.extract import entities, quotes
from claimcheck.load import document_from_text, read_document
from claimcheck.model import Document, Entity, ExtractOptions

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((ROOT / "tests" / "cases" / "quotes.yaml").read_text(encoding="utf-8"))
FIELDS = ("quoted", "speaker", "cue", "is_term", "continues", "speaker_org")


def _quotes(document: Document, options: ExtractOptions | None = None):
    options = options or ExtractOptions()
    sentences = segment.sentences(document)
    return quotes.extract(document, sentences, options, entities.entities_in(document, sentences, options))


def _seed(name: str) -> Document:
    return read_document(next((ROOT / "sources").glob(f"{name}_*.txt")))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_quote_case(case: dict) -> None:
    document = document_from_text(case["text"], fmt=case.get("format", "text"))
    declared = tuple(Entity(e["name"], tuple(e.get("aliases", ()))) for e in case.get("entities", ()))
    found = _quotes(document, ExtractOptions(entities=declared))
    got = [{k: getattr(q, k) for k in FIELDS if k in want} for q, want in zip(found, case["quotes"], strict=False)]
    assert got == [dict(w) for w in case["quotes"]]
    assert len(found) == len(case["quotes"])


def test_spans_are_exact_slices_of_plain() -> None:
    document = _seed("002")
    for q in _quotes(document):
        assert q.text == document.plain[q.span.start : q.span.end]
        assert q.span.contains(q.inner)
        assert q.quoted == " ".join(document.plain[q.inner.start : q.inner.end].split())


def test_seed_002_every_quotation_has_its_speaker() -> None:
    found = [q for q in _quotes(_seed("002")) if not q.is_term]
    speakers = [q.speaker for q in found]
    assert (
        speakers
        == ["Anjhula Mya Singh Bais"] * 2
        + ["Agnes Callamard"] * 3
        + ["Anjhula Mya Singh Bais"] * 2
        + ["Agnes Callamard"] * 2
    )
    moreover = next(q for q in found if q.quoted.startswith("Moreover"))
    region = next(q for q in found if q.quoted.startswith("In the wider region"))
    assert moreover.continues is not None and _quotes(_seed("002"))[moreover.continues] == region
    assert {q.speaker_org for q in found} == {"Amnesty International"}


def test_seed_002_terms() -> None:
    terms = {q.quoted for q in _quotes(_seed("002")) if q.is_term}
    assert {"section", "comfort women", "secession", "national security"} <= terms


def test_seed_000_scare_quotes_and_speech() -> None:
    found = {q.quoted: q for q in _quotes(_seed("000"))}
    assert found["one country, two systems"].is_term
    assert found["criminal"].is_term
    assert not found["disruptors"].is_term
    assert not found["peace and order."].is_term


ALPHABET = st.sampled_from([*"ab A.,:;'\"“”‘’«» \n*", "said ", "Maria Lopez ", "\n\n", "she added", "called "])


@settings(max_examples=150, deadline=None)
@given(st.lists(ALPHABET, min_size=1, max_size=80).map("".join))
def test_any_text_gives_exact_spans_and_no_exception(text: str) -> None:
    if not text.strip():
        return
    document = document_from_text(text)
    first = _quotes(document)
    for q in first:
        assert q.text == document.plain[q.span.start : q.span.end]
        assert q.continues is None or 0 <= q.continues < len(first)
    assert _quotes(document) == first


def test_many_marks_stay_linear() -> None:
    for text in ('"' * 100_000, "“" * 50_000 + " word " + "”" * 50_000, "a 'b \"c " * 20_000):
        document = Document(path="x", text=text, plain=text, blocks=())
        sentences = segment.sentences(document)
        index = entities.entities_in(document, sentences, ExtractOptions())
        started = time.perf_counter()
        quotes.extract(document, sentences, ExtractOptions(), index)
        assert time.perf_counter() - started < 2.0
