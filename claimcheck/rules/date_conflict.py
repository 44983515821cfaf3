"""A draft date contradicts a source's date for the same event.

Dates are intervals at their granularity ("October 2021" is the whole month;
"by the end of the year" runs to 31 December of the publication year), so
"by the end of the year" meets "31 October" of that year. The event is what the
date's clause is about, compared as weighted content words with the sources'.
Relative dates that cannot be resolved (no publication date) are not compared,
and a draft date that a source states for other words ("before August 31st,
2022" against "sign up before 31st August 2022") is not contradicted. The
documents that date the same event most closely (within `decisive-margin` of
the best match) decide, with every date they give: in an archive, another
event on the draft's date, in another document, proves nothing.

Fails:   draft  "the law was enacted on 1 July 2020"
         source "The national security law was enacted on 30 June 2020."
Passes:  draft  "Amnesty will close its offices by the end of the year"
         source "The local section office will cease operations on 31 October"
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import DateClaim, Finding
from .base import RuleContext, name_of, quoted

ID = "date-conflict"
LEVEL = "error"
READS = ("date",)
OPTIONS: dict[str, object] = {"min-event-score": 0.5, "decisive-margin": 0.15}


def check(ctx: RuleContext, options: dict) -> Iterator[Finding]:
    for claim in ctx.claims:
        assert isinstance(claim, DateClaim)
        if claim.start is None and claim.end is None:
            continue
        matches = ctx.aligner.dates_for(claim, options["min-event-score"], ctx.draft)
        if not matches:
            continue
        if _supported(ctx, claim, matches, options["decisive-margin"]):
            continue
        best = matches[0]
        yield ctx.finding(
            ID,
            options["level"],
            claim.span,
            f"the draft dates this {quoted(claim.text)} ({_describe(claim)}); {name_of(best.source.document.path)} "
            f"dates it {quoted(best.claim.text)} ({_describe(best.claim)})",
            best.score,
            matches[:3],
            ctx.sentence_of(claim),
        )


def _supported(ctx: RuleContext, claim: DateClaim, matches: list, margin: float) -> bool:
    """Does a source that dates this very event, as closely as the best one, give a date that meets the draft's?

    The documents that date the event most closely are the authority, and any date they
    give counts; in an archive, another plant closed on the draft's date, in another
    document, proves nothing about this one.
    """
    floor = matches[0].score - margin
    closest = {id(m.source) for m in matches if m.score >= floor}

    def decides(m) -> bool:
        return id(m.source) in closest or ctx.aligner.event_score(claim, ctx.draft, m) >= floor

    return any(_meets(claim, m.claim) for m in matches if decides(m)) or any(
        decides(m) for m in ctx.aligner.dates_on(claim)
    )


def _meets(a: DateClaim, b: DateClaim) -> bool:
    a_start, a_end = a.start or a.end, a.end or a.start
    b_start, b_end = b.start or b.end, b.end or b.start
    if a.qualifier in {"since", "after"} or b.qualifier in {"since", "after"}:
        return True  # an open-ended date only bounds one side
    return a_start <= b_end and b_start <= a_end


def _describe(claim: DateClaim) -> str:
    if claim.start == claim.end:
        return claim.start.isoformat()
    return f"{claim.start.isoformat() if claim.start else '…'} to {claim.end.isoformat() if claim.end else '…'}"
