"""An Analysis stored in the index comes back exactly as it went in."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import serial
from claimcheck.model import (
    Analysis,
    Attribution,
    AttributionClaim,
    Block,
    DateClaim,
    DocMeta,
    Document,
    Entity,
    Interval,
    Join,
    NumberClaim,
    QuoteClaim,
    Sentence,
    Span,
)

TEXT = 'Amnesty said 332 people were arrested by 30 June 2020. "We are alarmed," said Agnes Callamard.'
WORDS = st.text(alphabet="abcdefghij éü’", min_size=0, max_size=8)
OPTIONAL_WORDS = st.none() | WORDS
FLOATS = st.floats(allow_nan=False, min_value=-1e12, max_value=1e12)


@st.composite
def spans(draw, length: int = len(TEXT)) -> Span:
    start = draw(st.integers(0, length))
    return Span(start, draw(st.integers(start, length)))


@st.composite
def intervals(draw) -> Interval:
    a, b = sorted([draw(FLOATS), draw(FLOATS)])
    return Interval(
        draw(st.none() | st.just(a)), draw(st.none() | st.just(b)), draw(st.booleans()), draw(st.booleans())
    )


@st.composite
def attributions(draw) -> Attribution:
    kind = draw(st.sampled_from(["named", "document", "vague", "none"]))
    return Attribution(kind, draw(OPTIONAL_WORDS), draw(OPTIONAL_WORDS), draw(st.none() | spans()), draw(st.booleans()))


def _text_of(draw, span: Span) -> str:
    # Usually the document's own slice (which the encoding leaves out), sometimes not.
    return TEXT[span.start : span.end] if draw(st.booleans()) else draw(WORDS)


@st.composite
def claims(draw, sentences: int, credits: tuple[Attribution, ...]):
    span = draw(spans())
    sentence = draw(st.integers(0, sentences - 1))
    common = {
        "span": span,
        "text": _text_of(draw, span),
        "sentence": sentence,
        "attribution": credits[sentence] if draw(st.booleans()) else draw(attributions()),
    }
    kind = draw(st.sampled_from(["number", "date", "quote", "attribution"]))
    if kind == "number":
        return NumberClaim(
            **common,
            value=draw(FLOATS | st.integers(-(10**9), 10**9)),
            interval=draw(intervals()),
            qualifier=draw(OPTIONAL_WORDS),
            unit=draw(OPTIONAL_WORDS),
            head=draw(OPTIONAL_WORDS),
            measure=frozenset(draw(st.lists(WORDS, max_size=4))),
            is_percent=draw(st.booleans()),
        )
    if kind == "date":
        day = draw(st.none() | st.dates(date(1900, 1, 1), date(2100, 1, 1)))
        return DateClaim(
            **common,
            start=day,
            end=day,
            granularity=draw(st.sampled_from(["day", "month", "year", "range"])),
            relative=draw(st.booleans()),
            qualifier=draw(OPTIONAL_WORDS),
            event=frozenset(draw(st.lists(WORDS, max_size=3))),
        )
    if kind == "quote":
        return QuoteClaim(
            **common,
            quoted=draw(WORDS),
            inner=draw(spans()),
            speaker=draw(OPTIONAL_WORDS),
            speaker_span=draw(st.none() | spans()),
            cue=draw(OPTIONAL_WORDS),
            is_term=draw(st.booleans()),
            continues=draw(st.none() | st.integers(0, 5)),
            speaker_org=draw(OPTIONAL_WORDS),
        )
    return AttributionClaim(**common)


@st.composite
def analyses(draw) -> Analysis:
    plain = TEXT if draw(st.booleans()) else TEXT.replace("Amnesty", "       ")
    document = Document(
        path=draw(WORDS) + ".txt",
        text=TEXT,
        plain=plain,
        blocks=(Block(Span(0, 55), "heading"), Block(Span(56, len(TEXT)), "paragraph")),
        format=draw(st.sampled_from(["text", "markdown", "pdf"])),
        joins=tuple(draw(st.lists(st.builds(Join, st.integers(0, 9), st.integers(10, 20), st.integers(-3, 3)))))
        if draw(st.booleans())
        else (),
        meta=DocMeta(
            draw(st.sampled_from(["draft", "source"])),
            draw(st.sampled_from([None, "primary", "secondary"])),
            draw(OPTIONAL_WORDS),
            draw(st.none() | st.dates()),
        ),
        sha256=draw(st.text(alphabet="0123456789abcdef", max_size=64)),
        line_starts=(0,) if draw(st.booleans()) else (),
    )
    count = draw(st.integers(1, 4))
    credits = tuple(draw(attributions()) for _ in range(count))
    sentences = tuple(
        Sentence(span, _text_of(draw, span), i, draw(st.integers(0, 1)), draw(st.sampled_from(["paragraph", "quote"])))
        for i, span in enumerate(draw(spans()) for _ in range(count))
    )
    entity = st.builds(
        Entity,
        WORDS,
        st.lists(WORDS, max_size=2).map(tuple),
        st.sampled_from([None, "person", "organisation"]),
        OPTIONAL_WORDS,
        OPTIONAL_WORDS,
    )
    return Analysis(
        document,
        sentences,
        tuple(draw(st.lists(claims(count, credits), max_size=6))),
        credits,
        tuple(draw(st.lists(entity, max_size=2))),
    )


@settings(max_examples=40, deadline=None)
@given(analyses())
def test_every_analysis_survives_json_and_back_exactly(analysis: Analysis) -> None:
    data = json.loads(json.dumps(serial.data_of(analysis)))
    back = serial.analysis_of(data)
    assert back == analysis
    assert [type(c) for c in back.claims] == [type(c) for c in analysis.claims]


@settings(max_examples=25, deadline=None)
@given(analyses())
def test_stored_bytes_round_trip_and_are_deterministic(analysis: Analysis) -> None:
    blob = serial.to_bytes(analysis)
    assert serial.from_bytes(blob) == analysis
    assert serial.to_bytes(serial.from_bytes(blob)) == blob


def test_open_intervals_and_infinite_values_survive() -> None:
    claim = NumberClaim(
        span=Span(13, 16),
        text="332",
        sentence=0,
        value=float("inf"),
        interval=Interval(332, None, low_inclusive=False),
    )
    document = Document("a.txt", TEXT, TEXT, (Block(Span(0, len(TEXT)), "paragraph"),))
    analysis = Analysis(document, (Sentence(Span(0, 55), TEXT[:55], 0, 0),), (claim,), (Attribution(),))
    assert serial.from_bytes(serial.to_bytes(analysis)) == analysis


@pytest.mark.parametrize(
    "blob",
    [b"", b"garbage", b"x\x9c\x03\x00\x00\x00\x00\x01", serial.to_bytes.__doc__.encode()],
)
def test_damaged_bytes_are_a_format_error_not_a_wrong_analysis(blob: bytes) -> None:
    with pytest.raises(serial.FormatError):
        serial.from_bytes(blob)


@pytest.mark.parametrize("data", [{}, {"format": 999}, {"format": serial.FORMAT}, [], {"format": 1, "document": 3}])
def test_data_that_is_no_analysis_is_a_format_error(data) -> None:
    with pytest.raises(serial.FormatError):
        serial.analysis_of(data)
