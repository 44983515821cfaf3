"""The whole pipeline on arbitrary text: no exception but ClaimcheckError, exact spans, same output twice.

The normal run keeps the example counts small; tests/README.md describes the long run
(CLAIMCHECK_FUZZ_EXAMPLES=10000).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.config import Config
from claimcheck.engine import CheckOptions, findings_for
from claimcheck.errors import ClaimcheckError
from claimcheck.load import document_from_text
from claimcheck.model import DocMeta
from claimcheck.pipeline import analyse

EXAMPLES = int(os.environ.get("CLAIMCHECK_FUZZ_EXAMPLES", "60"))
CONFIG = Config.default(os.getcwd())
OPTIONS = CONFIG.extract_options()

NEWSY = st.sampled_from(
    [
        "at least",
        "more than",
        "about",
        "10,000",
        "84.6%",
        "332 arrests",
        "people",
        "said",
        "Amnesty",
        "“",
        "”",
        '"',
        "'",
        "’",
        "…",
        "[",
        "]",
        "(",
        ")",
        "*",
        "**",
        "#",
        "- ",
        "\n",
        "\n\n",
        " ",
        ".",
        ",",
        "31 October",
        "by the end of the year",
        "in 2020",
        "critics say",
        "analysts contend",
        "she added",
        "according to",
        "per cent",
        "$2.5bn",
        "as young as 12",
        "between 5 and 9",
        "<!-- claimcheck: disable all -->",
        "Dr.",
        "U.S.",
    ]
)
TEXT = st.one_of(st.text(max_size=400), st.lists(st.one_of(NEWSY, st.text(max_size=8)), max_size=60).map("".join))


def analysed(text: str, fmt: str, role: str):
    try:
        document = document_from_text(text, f"fuzz.{fmt}", fmt, DocMeta(role=role))
    except ClaimcheckError:
        return None
    return analyse(document, OPTIONS)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from(["text", "markdown", "html"]))
def test_any_text_gives_exact_spans(text: str, fmt: str) -> None:
    analysis = analysed(text, fmt, "draft")
    if analysis is None:
        return
    plain = analysis.document.plain
    assert len(plain) == len(analysis.document.text)
    assert len(analysis.attributions) == len(analysis.sentences)
    for sentence in analysis.sentences:
        assert plain[sentence.span.start : sentence.span.end] == sentence.text
    for claim in analysis.claims:
        assert plain[claim.span.start : claim.span.end] == claim.text
        assert 0 <= claim.sentence < len(analysis.sentences)
    assert analysed(text, fmt, "draft") == analysis


@settings(max_examples=max(10, EXAMPLES // 3), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, TEXT)
def test_any_draft_against_any_source_runs_every_rule(draft_text: str, source_text: str) -> None:
    draft, source = analysed(draft_text, "text", "draft"), analysed(source_text, "text", "source")
    if draft is None or source is None:
        return
    first = list(findings_for(draft, (source,), CONFIG, CheckOptions()))
    assert first == list(findings_for(draft, (source,), CONFIG, CheckOptions()))
    for finding in first:
        assert draft.document.plain[finding.span.start : finding.span.end] == finding.text
        assert 0 <= finding.confidence <= 1
