"""The draft uses a source's figure, quotation or close wording and credits no one.

Three kinds of reuse are caught:

- a quotation found in a source, with no speaker and no credit in its sentence;
- a figure a source gives for the same measure, in a sentence that credits no
  one (a credit earlier in the paragraph counts: "Amnesty released an analysis
  … The research suggests that 84.6% …" is credited);
- a sentence that closely paraphrases a source sentence — most of its weighted
  content words, in runs of the same order. Close wording needs its credit in
  the sentence itself: a credit earlier in the paragraph says who announced
  something, not whose words these are.

Fails:   draft  "Uncertainty exists over what activities may lead to criminal charges, and the pattern of
                 prosecutions against perceived opponents shows how the law can be manipulated."
         source "The pattern of raids, arrests and prosecutions against perceived opponents has highlighted
                 how the vagueness of the law can be manipulated …," said Anjhula Mya Singh Bais.
Passes:  draft  "The pattern of prosecutions against perceived opponents shows how the law can be
                 manipulated, Amnesty's board chair Anjhula Mya Singh Bais said."
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, NumberClaim, QuoteClaim, Sentence
from .base import RuleContext, name_of, quoted

ID = "missing-attribution"
LEVEL = "warning"
READS = ("number", "quote")
NEIGHBOUR_SCORE = 0.25  # a weaker match, shown beside the best one when it sits near it in the same source
OPTIONS: dict[str, object] = {
    "min-paraphrase-score": 0.6,
    "min-quote-score": 0.9,
    "min-measure-score": 0.75,
}


def check(ctx: RuleContext, options: dict) -> Iterator[Finding]:
    yield from _quotations(ctx, options)
    yield from _figures(ctx, options)
    yield from _paraphrases(ctx, options)


def _credited(ctx: RuleContext, sentence: Sentence, own_only: bool) -> bool:
    credit = ctx.draft.attributions[sentence.index]
    return credit.kind in {"named", "document"} and not (own_only and credit.inherited)


def _quotations(ctx: RuleContext, options: dict) -> Iterator[Finding]:
    for claim in ctx.claims:
        if not isinstance(claim, QuoteClaim) or claim.is_term or claim.speaker:
            continue
        if _credited(ctx, ctx.sentence_of(claim), own_only=False):
            continue
        matches = ctx.aligner.quotes_for(claim, options["min-quote-score"])
        if matches:
            said = f", said by {matches[0].claim.speaker}" if matches[0].claim.speaker else ""
            yield ctx.finding(
                ID,
                options["level"],
                claim.span,
                f"this quotation comes from {name_of(matches[0].source.document.path)}{said}, but the draft "
                "does not say who said it",
                matches[0].score,
                matches[:1],
                ctx.sentence_of(claim),
            )


def _figures(ctx: RuleContext, options: dict) -> Iterator[Finding]:
    for claim in ctx.claims:
        if not isinstance(claim, NumberClaim) or _credited(ctx, ctx.sentence_of(claim), own_only=False):
            continue
        if ctx.draft.attributions[claim.sentence].kind == "vague":
            continue  # vague-attribution already says so
        matches = [
            m
            for m in ctx.aligner.figures_for(claim, options["min-measure-score"])
            if m.claim.interval.meets(claim.interval, 0.01)
        ]
        if matches:
            yield ctx.finding(
                ID,
                options["level"],
                claim.span,
                f"{quoted(claim.text)} is {name_of(matches[0].source.document.path)}'s figure "
                f"({quoted(matches[0].claim.text)}); credit the source",
                matches[0].score,
                matches[:1],
                ctx.sentence_of(claim),
            )


def _paraphrases(ctx: RuleContext, options: dict) -> Iterator[Finding]:
    quoted_sentences = {c.sentence for c in ctx.draft.claims if isinstance(c, QuoteClaim) and not c.is_term}
    for sentence in ctx.draft.sentences:
        if sentence.block_kind in {"title", "heading"} or sentence.index in quoted_sentences:
            continue
        if _credited(ctx, sentence, own_only=True) or ctx.draft.attributions[sentence.index].kind == "vague":
            continue
        nearby = ctx.aligner.sentences_like(sentence.text, NEIGHBOUR_SCORE)
        if not nearby or nearby[0].score < options["min-paraphrase-score"]:
            continue
        best = nearby[0]
        related = _neighbours(nearby, best)
        yield ctx.finding(
            ID,
            options["level"],
            sentence.span,
            f"this sentence closely follows {name_of(best.source.document.path)} "
            f"({round(best.score * 100)}% of its key words){_speaker(best)} but credits no one",
            best.score,
            [best, *related],
            sentence,
        )


def _neighbours(nearby: list, best) -> list:
    """Other sentences near the best match in its source that the draft sentence also draws on."""
    return [m for m in nearby if m.source is best.source and 0 < abs(m.sentence.index - best.sentence.index) <= 3][:2]


def _speaker(match) -> str:
    for claim in match.source.claims:
        if isinstance(claim, QuoteClaim) and claim.speaker and claim.span.overlaps(match.sentence.span):
            return f", the words of {claim.speaker},"
    return ""
