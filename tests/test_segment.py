"""Sentences: the cases in tests/cases/segment.yaml, and properties on arbitrary text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.errors import ClaimcheckError
from claimcheck.load import document_from_text
from claimcheck.segment import sentences

SOURCES = Path(__file__).resolve().parents[1] / "sources"
CASES = yaml.safe_load((Path(__file__).parent / "cases" / "segment.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_segment_case(name: str) -> None:
    case = CASES[name]
    document = document_from_text(case["text"], fmt=case.get("format", "text"))
    found = sentences(document)
    assert [s.text for s in found] == case["sentences"]
    if "kinds" in case:
        assert [s.block_kind for s in found] == case["kinds"]


def test_sentences_are_numbered_in_order_and_inside_their_block() -> None:
    document = document_from_text("A title here\n\nOne. Two.\n\nThree. Four.")
    found = sentences(document)
    assert [s.index for s in found] == list(range(len(found)))
    for sentence in found:
        assert document.blocks[sentence.block].span.contains(sentence.span)


def test_seed_draft_sentence_with_closing_quote() -> None:
    from claimcheck.load import read_document

    document = read_document(SOURCES / "000_4b7e136fe68cbd4e.txt")
    texts = [s.text for s in sentences(document)]
    assert any(t.endswith("“peace and order.”") for t in texts)
    assert any(t.startswith("What is clear, however,") for t in texts)
    assert texts[0].startswith("Amnesty International is Set to Close")


ALPHABET = st.sampled_from(
    [*list("abcXYZ 019.,;:!?…'\"“”‘’()[]*_#>-`<>/&\n\r\t"), "\r\n", "\n\n", "U.S. ", "Dr. ", "- ", "1. ", "**", "](x)"]
)
TEXTS = st.lists(ALPHABET, max_size=120).map("".join)


@settings(max_examples=150, deadline=None)
@given(text=TEXTS, fmt=st.sampled_from(["text", "markdown", "html"]))
def test_every_sentence_is_the_slice_it_claims(text: str, fmt: str) -> None:
    try:
        document = document_from_text(text, fmt=fmt)
    except ClaimcheckError:
        return
    found = sentences(document)
    for i, sentence in enumerate(found):
        assert sentence.index == i
        assert sentence.text == document.plain[sentence.span.start : sentence.span.end]
        assert sentence.text and sentence.text == sentence.text.strip()
        assert document.blocks[sentence.block].span.contains(sentence.span)
    assert [s.span.start for s in found] == sorted(s.span.start for s in found)
