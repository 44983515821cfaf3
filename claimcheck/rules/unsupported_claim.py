"""A checkable claim — a figure, a date or a quotation — that no source supports.

Nothing in the sources speaks to it at all: no figure for the same measure and
no figure stating the same value in a compatible unit (summaries paraphrase:
"25 billion dollars" is supported by "$25 billion" whatever the words around
it; "about 85%" by "84.6%"), no date for the same event and no date stating the
same day, month or year, no quotation holding the same words. Ranks ("third
quarter", "Q3") need the same rank, and names with digits ("COVID-19", "Tier 1")
the same name. A score quoted as a number word (rated it a “five”) needs that
number said in a source, in words or digits. A relative date that cannot be resolved is checked as written ("35 years
ago"), unless it names no count or day ("this year"). (Where a source speaks to
it and disagrees, number-conflict, date-conflict or quote-mismatch says so
instead.) Short quoted terms and scare quotes (“criminal”, “one country, two
systems”) are not quotations and are not checked.

Fails:   draft  "some of those detained being as young as 12 years old"
         source (no source gives an age)
Passes:  draft  "at least 35 groups have disbanded since the law was enacted"
         source "At least 35 groups have disbanded since the law was enacted"
"""

from __future__ import annotations

from collections.abc import Iterator

from ..align import unit_class, vague_date
from ..model import DateClaim, Finding, NumberClaim, QuoteClaim
from .base import RuleContext, quoted

ID = "unsupported-claim"
LEVEL = "info"
READS = ("number", "date", "quote")
OPTIONS: dict[str, object] = {
    "min-measure-score": 0.55,
    "min-event-score": 0.5,
    "min-quote-score": 0.75,
    "min-context-score": 0.01,
    "value-alone-figures": 1,
    "stated-margin": 0.15,
}


def check(ctx: RuleContext, options: dict) -> Iterator[Finding]:
    for claim in ctx.claims:
        what = _unsupported(ctx, claim, options)
        if what:
            yield ctx.finding(
                ID,
                options["level"],
                claim.span,
                f"no source supports {what} {quoted(claim.text)}",
                0.6,
                sentence=ctx.sentence_of(claim),
            )


def _unsupported(ctx: RuleContext, claim, options: dict) -> str | None:
    """The kind of claim, if nothing in the sources speaks to it."""
    aligner = ctx.aligner
    if isinstance(claim, NumberClaim):
        stated = aligner.figures_stating(
            claim, options["min-context-score"], options["value-alone-figures"], options["stated-margin"]
        )
        if stated or (unit_class(claim) != "ordinal" and aligner.figures_for(claim, options["min-measure-score"])):
            return None
        return "the figure"
    if isinstance(claim, DateClaim):
        if vague_date(claim) or aligner.dates_on(claim):
            return None
        resolved = claim.start is not None or claim.end is not None
        if resolved and aligner.dates_for(claim, options["min-event-score"], ctx.draft):
            return None
        return "the date"
    if isinstance(claim, QuoteClaim) and not claim.is_term:
        return None if aligner.quotes_for(claim, options["min-quote-score"]) else "the quotation"
    return None
