"""A draft figure and a source figure for the same measure cannot both be true.

Each figure is an interval after its qualifier ("at least 10,000" is
[10,000, ∞); "over 80%" is (80, 100]; "about 330" a band around 330), and it
stands for every value that rounds to it as written ("$5bn" is 4.5–5.5bn, so it
meets "$5.1bn"; "$0.14" is 0.135–0.145, so it does not meet "$0.13"). Two
figures for the same measure conflict when their intervals do not meet, even
after each end is widened by a further `tolerance` (a share of its magnitude).
A draft figure that a source states in other words ("25 billion dollars" for
"$25 billion", "two weeks" for "14 days") is not contradicted. Only the
evidence closest to what the draft's figure counts decides (within
`decisive-margin` of the best match): in an archive, a figure about another
place or year that happens to agree proves nothing. For counts that only grow
(arrests, deaths, members: claimcheck/lexicons/measures.yaml, or claims.yaml
`measures:` with `grows: true`), a larger figure dated after a smaller one is
growth, not a conflict; with the draft undated, the figures are compared as they
stand and the message says so. Ranks are compared only with ranks of the noun
they rank ("Q3 net income" against "net income in the second quarter" conflicts;
"Q2" and "second quarter" are one rank).

A change is a fact only with its base: a figure that a source gives as a change
against another period ("up 40.6% from the previous quarter" where the source has
"up 40.6% from last year"), and nowhere against the draft's, conflicts too.

Fails:   draft  "rights monitors believe that at least 10,000 people have been arrested under the law"
         source "out of 332 arrests made under the security laws, 189 led to convictions"
Passes:  draft  "over 80% of the convictions were unjust"
         source "84.6% of these convictions involved legitimate expression"
"""

from __future__ import annotations

from collections.abc import Iterator

from ..align import Match
from ..model import Finding, NumberClaim
from .base import RuleContext, name_of, quoted

ID = "number-conflict"
LEVEL = "error"
READS = ("number",)
OPTIONS: dict[str, object] = {
    "tolerance": 0.0,
    "min-measure-score": 0.55,
    "min-context-score": 0.01,
    "value-alone-figures": 1,
    "stated-margin": 0.15,
    "decisive-margin": 0.15,
}


def check(ctx: RuleContext, options: dict) -> Iterator[Finding]:
    for claim in ctx.claims:
        assert isinstance(claim, NumberClaim)
        conflicting, message = _other_values(ctx, claim, options), _message
        if not conflicting:
            conflicting, message = _other_periods(ctx, claim, options), _period_message
        if conflicting:
            yield ctx.finding(
                ID,
                options["level"],
                claim.span,
                message(ctx, claim, conflicting[0]),
                conflicting[0].score,
                conflicting[:3],
                ctx.sentence_of(claim),
            )


def _stated(ctx: RuleContext, claim: NumberClaim, options: dict) -> list[Match]:
    """Source figures stating the claim's value where they speak of the same thing."""
    return ctx.aligner.figures_stating(
        claim, options["min-context-score"], options["value-alone-figures"], options["stated-margin"]
    )


def _other_values(ctx: RuleContext, claim: NumberClaim, options: dict) -> list[Match]:
    """The closest evidence for the claim's measure, where none of it agrees with the claim's value."""
    aligner, margin = ctx.aligner, options["decisive-margin"]
    matches = aligner.figures_for(claim, options["min-measure-score"])
    if not matches:
        return []
    # Only the evidence that speaks of the same thing most closely — by measure, then by how much
    # of the draft's context its sentence holds — decides: in an archive, a figure about another
    # place or another year that happens to agree proves nothing.
    near = [m for m in matches if m.score >= matches[0].score - margin]
    context = [aligner.context_score(claim, m) for m in near]
    closest = max(context)
    decisive = [m for m, c in zip(near, context, strict=True) if c >= closest - margin]
    if any(aligner.agree(claim, m.claim, options["tolerance"]) for m in decisive):
        return []
    if any(aligner.context_score(claim, s) >= closest - margin for s in _stated(ctx, claim, options)):
        return []  # a source states this very figure, in other words, about the same thing
    return [m for m in decisive if not _growth(ctx, claim, m)]


def _other_periods(ctx: RuleContext, claim: NumberClaim, options: dict) -> list[Match]:
    """Source figures of the claim's value that measure the change against another period, where none
    measures it against the claim's ("up 40.6% from the previous quarter" / "up 40.6% from last year")."""
    if claim.versus is None:
        return []
    stated = [m for m in _stated(ctx, claim, options) if isinstance(m.claim, NumberClaim)]
    periods = {m.claim.versus for m in stated} - {None}
    if not periods or claim.versus in periods:
        return []
    return [m for m in stated if m.claim.versus is not None]


def _growth(ctx: RuleContext, claim: NumberClaim, match) -> bool:
    """A larger count dated after a smaller one of a measure that only grows."""
    mine, theirs = ctx.draft.document.meta.published, match.source.document.meta.published
    if mine is None or theirs is None or not ctx.aligner.grows(claim, ctx.grows):
        return False
    other = match.claim
    larger_later = mine > theirs and (claim.interval.low or 0) >= (other.interval.high or float("inf"))
    smaller_later = mine < theirs and (claim.interval.high or float("inf")) <= (other.interval.low or 0)
    return larger_later or smaller_later


def _period_message(ctx: RuleContext, claim: NumberClaim, match: Match) -> str:
    other = match.claim
    assert isinstance(other, NumberClaim)
    return (
        f"the draft's {quoted(claim.text)} is a change against the previous {claim.versus}; "
        f"{name_of(match.source.document.path)} gives {quoted(other.text)} as a change against the previous "
        f"{other.versus}"
    )


def _message(ctx: RuleContext, claim: NumberClaim, match) -> str:
    other = match.claim
    source = match.source.document
    when = f", published {source.meta.published.isoformat()}" if source.meta.published else ""
    draft_when = ctx.draft.document.meta.published
    undated = "" if draft_when else " (the draft is undated, so growth since the source cannot be assumed)"
    return (
        f"the draft's {quoted(claim.text)} ({claim.interval.describe()}) cannot be reconciled with "
        f"{quoted(other.text)} ({other.interval.describe()}) in {name_of(source.path)}{when}{undated}"
    )
