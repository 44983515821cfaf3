"""Who each sentence credits: named, a document, a vague source, or no one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import segment
from claimcheck.extract import attribution, entities
from claimcheck.load import document_from_text, read_document
from claimcheck.model import Document, Entity, ExtractOptions

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((ROOT / "tests" / "cases" / "attribution.yaml").read_text(encoding="utf-8"))


def _credits(document: Document, options: ExtractOptions | None = None):
    options = options or ExtractOptions()
    sentences = segment.sentences(document)
    known = entities.entities_in(document, sentences, options)
    return sentences, attribution.attributions(document, sentences, options, known)


def _seed(name: str) -> Document:
    return read_document(next((ROOT / "sources").glob(f"{name}_*.txt")))


def _options(case: dict) -> ExtractOptions:
    declared = tuple(Entity(e["name"], tuple(e.get("aliases", ()))) for e in case.get("entities", ()))
    return ExtractOptions(
        entities=declared,
        vague_add=tuple(case.get("vague_add", ())),
        vague_remove=tuple(case.get("vague_remove", ())),
    )


def _view(document: Document, credit, keys) -> dict:
    out = {k: getattr(credit, k) for k in keys if k != "span"}
    if "span" in keys:
        out["span"] = document.plain[credit.span.start : credit.span.end] if credit.span else None
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_attribution_case(case: dict) -> None:
    document = document_from_text(case["text"], fmt=case.get("format", "text"))
    _, credits = _credits(document, _options(case))
    assert [_view(document, c, w) for c, w in zip(credits, case["sentences"], strict=False)] == case["sentences"]
    assert len(credits) == len(case["sentences"])


def _credit_of(document: Document, phrase: str):
    sentences, credits = _credits(document)
    at = " ".join(document.plain.split()).index(phrase)
    folded = " ".join(document.plain.split())
    for s, c in zip(sentences, credits, strict=True):
        text = " ".join(s.text.split())
        start = folded.find(text)
        if start <= at < start + len(text):
            return c
    raise AssertionError(phrase)


def test_seed_000_vague_and_named() -> None:
    document = _seed("000")
    _, credits = _credits(document)
    vague = {" ".join(document.plain[c.span.start : c.span.end].split()) for c in credits if c.kind == "vague"}
    assert vague == {"rights monitors believe", "analysts contend", "some advocacy groups argue"}
    first = _credit_of(document, "Rights group Amnesty International has declared")
    assert (first.kind, first.source) == ("named", "Amnesty International")
    ultimately = _credit_of(document, "Ultimately, uncertainty exists")
    assert ultimately.kind == "none"


def test_seed_003_figures_are_credited_to_amnesty() -> None:
    document = _seed("003")
    for phrase in ("84.6%", "332 arrests", "189 led"):
        credit = _credit_of(document, phrase)
        assert credit.kind in ("named", "document"), phrase
        assert "Amnesty" in (credit.source or "") or credit.kind == "document"


def test_seed_002_quotation_sentences_are_credited_to_speakers() -> None:
    document = _seed("002")
    credit = _credit_of(document, "It is increasingly difficult for us")
    assert (credit.kind, credit.source, credit.inherited) == ("named", "Anjhula Mya Singh Bais", True)


def test_claims_are_own_credits_only() -> None:
    document = _seed("003")
    sentences, credits = _credits(document)
    found = attribution.claims(document, sentences, credits)
    assert found and all(not c.attribution.inherited and c.attribution.kind != "none" for c in found)
    assert all(c.text == document.plain[c.span.start : c.span.end] for c in found)


WORDS = st.sampled_from(
    [
        "analysts ",
        "contend ",
        "said ",
        "Amnesty International ",
        "the report ",
        "according to ",
        "They ",
        "it ",
        "is believed ",
        "some ",
        "groups ",
        "argue ",
        ". ",
        ", ",
        "\n\n",
        "“",
        "”",
        "'",
        '"',
        "Callamard ",
        "x ",
    ]
)


@settings(max_examples=120, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=40).map("".join))
def test_one_credit_per_sentence_exact_spans_deterministic(text: str) -> None:
    if not text.strip():
        return
    document = document_from_text(text)
    sentences, credits = _credits(document)
    assert len(credits) == len(sentences)
    for c in credits:
        if c.span is not None:
            assert 0 <= c.span.start <= c.span.end <= len(document.plain)
    assert _credits(document)[1] == credits


@pytest.mark.parametrize(
    "text",
    [
        "She said2 that 40 were held. 3said the group. According to according to analysts, 5 died.",
        "“The law is vague,” said Agnes Callamard. Its report, published on Monday, found 12 cases.",
        "It is widely believed that 30 were held; critics say more. They argue it is a tool, the group added.",
        "Amnesty International's latest briefing found that 19 people were detained, researchers point out.",
        "Café owners said prices rose. Some observers fear the worst, according to sources.",
    ],
)
def test_trigger_scan_gives_what_each_sentence_gives_alone(text: str) -> None:
    document = document_from_text(text)
    options = ExtractOptions()
    sentences = segment.sentences(document)
    known = entities.entities_in(document, sentences, options)
    view = attribution._ascii_doc_view(document.plain)
    scanned = attribution._Scan(document.plain, view, options, known).credits(sentences)
    alone = [attribution._own(document.plain, s, known, options, view) for s in sentences]
    assert scanned == alone
