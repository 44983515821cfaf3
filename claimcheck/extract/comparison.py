"""The period a figure of change is measured against: "up 40.6% from last year" compares with a year.

A growth figure is only the fact it states together with its base: "40.6% from the
previous quarter" and "40.6% from last year" are two different claims. The period
is read from the few words right after the figure, and only where the text names it
(lexicons/comparisons.yaml); a figure that names none has ``None``.
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicons import lexicon
from .patterns import phrase_alternation

# The text read after a figure: a lead and the period's words sit well within it.
WINDOW = 60
# The words looked at after a lead ("the same quarter last year"); a figure ("from last year's $2.40") or a
# conjunction ("than Q2 and the year-ago quarter": the first base named) ends them.
AFTER_LEAD = 5
ENDS = re.compile(r"[\d$€£¥]|(?:and|or|but)$")
ORDER = ("year", "quarter", "month", "week")  # a year word decides over a quarter word


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = lexicon("comparisons")
    opening = rf"(?i)^[\s,]*(?:(?:{phrase_alternation(data['between'])})\s+){{0,2}}"
    adverbs = phrase_alternation(w for ws in data["adverbs"].values() for w in ws)
    lead = re.compile(rf"{opening}(?:{phrase_alternation(data['leads'])})\s+(?P<rest>[^.;:!?]*)")
    adverb = re.compile(rf"{opening}(?P<adverb>{adverbs})(?![\w/-])")
    return lead, adverb


@cache
def _period_of_adverb() -> dict[str, str]:
    data = lexicon("comparisons")
    return {" ".join(w.split()): period for period, words in data["adverbs"].items() for w in words}


@cache
def _period_of_word() -> dict[str, str]:
    """A period by a word after a lead: the period words, and the one-word adverbs ("a year-on-year basis")."""
    compounds = {w: period for w, period in _period_of_adverb().items() if " " not in w}
    return compounds | {w: period for period, words in lexicon("comparisons")["periods"].items() for w in words}


def period_after(text: str) -> str | None:
    """The period ("year", "quarter", "month", "week") the text right after a figure compares with."""
    lead, adverb = _patterns()
    head = text[:WINDOW]
    said = adverb.match(head)
    if said:
        return _period_of_adverb().get(" ".join(said.group("adverb").lower().split()))
    opened = lead.match(head)
    if not opened:
        return None
    words = [w.lower() for w in _words(opened.group("rest"))]
    if not _spans().isdisjoint(words):
        return None
    periods = {_period_of_word().get(w) for w in words}
    return next((p for p in ORDER if p in periods), None)


@cache
def _spans() -> frozenset[str]:
    return frozenset(lexicon("comparisons")["spans"])


def _words(text: str) -> list[str]:
    """The first few words after a lead, up to a figure or conjunction, possessives ("year's") and commas cut off."""
    out = []
    for word in text.split()[:AFTER_LEAD]:
        if ENDS.match(word):
            break
        out.append(re.sub(r"['’]s$", "", word.strip(",")))
    return out
