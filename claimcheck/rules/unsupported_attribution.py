"""The draft says a named source said or holds something that the sources do not contain.

For each draft sentence that credits a named person or organisation with a cue
of its own ("Amnesty declared that …", "as it deems that …"), the words it
credits to them are looked for in the sources: the weighted share of their
content words that the best few source sentences hold. Rare words weigh most,
so a claim whose distinctive words ("workers", "threatened") appear nowhere is
caught even where common ones ("human rights") do.

It fires only where the rest of the sentence follows a source sentence (a
paraphrase score of at least `min-anchor`) while the credited words are not
there (below `min-support`): the draft took the facts from the source and added a view the
source never states. A sentence about something the sources do not cover at
all — a later report, another organisation — is not judged: the sources cannot
say what its author holds.

Fails:   draft  "Amnesty is leaving, as it deems that its workers are directly threatened."
         source (no Amnesty document mentions its workers being threatened)
Passes:  draft  "Amnesty International has declared that it will close its Hong Kong offices by the end of the year."
         source "Amnesty International will close its two offices in Hong Kong by the end of the year."
"""

from __future__ import annotations

from collections.abc import Iterator

from ..extract.words import content_words
from ..model import Finding, Span
from .base import RuleContext, quoted

ID = "unsupported-attribution"
LEVEL = "warning"
READS = ("attribution",)
OPTIONS: dict[str, object] = {"min-support": 0.45, "min-anchor": 0.4, "min-words": 3}


def check(ctx: RuleContext, options: dict) -> Iterator[Finding]:
    plain = ctx.draft.document.plain
    for claim in ctx.claims:
        credit = claim.attribution
        if credit.kind != "named" or credit.inherited or credit.span is None:
            continue
        sentence = ctx.sentence_of(claim)
        span = _credited_words(sentence.span, credit.span, plain)
        text = plain[span.start : span.end]
        if len(content_words(text)) < options["min-words"]:
            continue
        support, matches = ctx.aligner.support(text)
        if support >= options["min-support"] or not _anchored(ctx, sentence, (span, credit.span), options):
            continue
        yield ctx.finding(
            ID,
            options["level"],
            span,
            f"the draft credits {credit.source} with {quoted(text, 60)}, but the sources hold only "
            f"{round(support * 100)}% of it",
            1.0 - support,
            matches[:2],
            sentence,
        )


def _anchored(ctx: RuleContext, sentence, leave_out: tuple[Span, Span], options: dict) -> bool:
    """Is the rest of the sentence (outside the credited words and the credit) drawn from the sources?"""
    plain = ctx.draft.document.plain
    chars = list(plain[sentence.span.start : sentence.span.end])
    for span in leave_out:
        for i in range(max(span.start, sentence.span.start), min(span.end, sentence.span.end)):
            chars[i - sentence.span.start] = " "
    rest = "".join(chars)
    if len(content_words(rest)) < options["min-words"]:
        return False
    return bool(ctx.aligner.sentences_like(rest, options["min-anchor"]))


def _credited_words(sentence: Span, credit: Span, plain: str) -> Span:
    """What the sentence credits to the source: the words after the cue, else those before it."""
    after = plain[credit.end : sentence.end]
    if len(content_words(after)) >= 3:
        return _trimmed(Span(credit.end, sentence.end), plain)
    return _trimmed(Span(sentence.start, credit.start), plain)


def _trimmed(span: Span, plain: str) -> Span:
    start, end = span.start, span.end
    while start < end and (plain[start].isspace() or plain[start] in ",;:"):
        start += 1
    if plain[start : start + 5].lower() == "that ":
        start += 5
    while end > start and (plain[end - 1].isspace() or plain[end - 1] in ".,;:"):
        end -= 1
    return Span(start, end)
