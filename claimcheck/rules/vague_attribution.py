"""A claim credited to unnamed or vague sources.

Readers cannot weigh "analysts contend" or "rights monitors believe": they are
told someone holds a view, not who. The phrases are data
(claimcheck/lexicons/vague_sources.yaml, extended or trimmed by claims.yaml
`phrases: vague: {add: [...], remove: [...]}`). The rule stays quiet where the
same sentence or paragraph names the source the phrase stands for ("analysts
contend … The analysts, at the Lowy Institute, …").

A vague credit that vouches for a figure or a quotation — one that follows the
phrase in its sentence, "rights monitors believe that at least 10,000 …" — is
reported at the rule's level; a vague credit for a view ("a move seen by many
as …", "analysts contend that more will follow") at `opinion-level`: nothing in
it can be checked against a source, and naming the source is a matter of style.

Fails:   Rights monitors believe that at least 10,000 people have been arrested.
Passes:  Amnesty International says 332 people have been arrested under the law.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..extract.words import content_words
from ..model import Finding
from .base import RuleContext, quoted

ID = "vague-attribution"
LEVEL = "warning"
READS = ("attribution",)
OPTIONS: dict[str, object] = {"opinion-level": "info"}


def check(ctx: RuleContext, options: dict) -> Iterator[Finding]:
    naming = _naming_sentences(ctx)
    checkable_starts: dict[int, list[int]] = {}
    for c in ctx.draft.claims:
        if _checkable(c):
            checkable_starts.setdefault(c.sentence, []).append(c.span.start)
    for claim in ctx.claims:
        credit = claim.attribution
        if credit.kind != "vague" or credit.inherited or _named_nearby(ctx, claim, naming):
            continue
        checkable = any(start >= claim.span.end for start in checkable_starts.get(claim.sentence, ()))
        yield ctx.finding(
            ID,
            options["level"] if checkable else options["opinion-level"],
            claim.span,
            f"{quoted(claim.text)} credits an unnamed source: say who holds this view, or drop the credit",
            0.9,
            sentence=ctx.sentence_of(claim),
        )


def _checkable(claim) -> bool:
    return claim.kind == "number" or (claim.kind == "quote" and not getattr(claim, "is_term", False))


def _naming_sentences(ctx: RuleContext) -> dict[int, list[tuple[int, frozenset[str]]]]:
    """Per paragraph, the sentences that name someone: a named credit of their own, or a known entity."""
    names = [e.name for e in ctx.draft.entities] + [a for e in ctx.draft.entities for a in e.aliases]
    naming: dict[int, list[tuple[int, frozenset[str]]]] = {}
    for sentence in ctx.draft.sentences:
        credit = ctx.draft.attributions[sentence.index]
        if (credit.kind == "named" and not credit.inherited) or any(n in sentence.text for n in names):
            naming.setdefault(sentence.block, []).append((sentence.index, content_words(sentence.text)))
    return naming


def _named_nearby(ctx: RuleContext, claim, naming: dict[int, list[tuple[int, frozenset[str]]]]) -> bool:
    """Does another sentence of the paragraph name who the vague phrase stands for?

    It does when it speaks of the same people ("the analysts") and names an
    entity, or credits a named source of its own.
    """
    nouns = content_words(claim.attribution.source or claim.text)
    sentence = ctx.sentence_of(claim)
    return any(i != sentence.index and nouns & words for i, words in naming.get(sentence.block, ()))
