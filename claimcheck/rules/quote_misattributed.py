"""A quotation matches a source, but the draft credits another speaker.

Speakers are compared through their canonical names: a surname, a declared
alias or a pronoun resolving to the same person is the same speaker. Crediting
the organisation for its officer's words ("Amnesty said" for the Secretary
General's words) is a lesser case, reported at `organisation-level`.

Fails:   draft  "No one and no power can demolish that legacy," said Anjhula Mya Singh Bais.
         source "… No one and no power can demolish that legacy," said Agnes Callamard.
Passes:  draft  "No one and no power can demolish that legacy," Callamard said.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Entity, Finding, QuoteClaim
from .base import RuleContext, name_of, quoted

ID = "quote-misattributed"
LEVEL = "error"
READS = ("quote",)
OPTIONS: dict[str, object] = {"min-score": 0.95, "organisation-level": "info"}


def check(ctx: RuleContext, options: dict) -> Iterator[Finding]:
    for claim in ctx.claims:
        assert isinstance(claim, QuoteClaim)
        if claim.is_term or not claim.speaker:
            continue
        matches = [m for m in ctx.aligner.quotes_for(claim, options["min-score"]) if m.claim.speaker]
        if not matches or any(same_speaker(claim.speaker, m.claim.speaker, ctx.entities) for m in matches):
            continue
        best = matches[0]
        said_by = best.claim.speaker
        org = best.claim.speaker_org
        if org and same_speaker(claim.speaker, org, ctx.entities):
            level, why = options["organisation-level"], f"the words are {said_by}'s, speaking for {org}"
        else:
            level, why = options["level"], f"{name_of(best.source.document.path)} gives these words to {said_by}"
        span = claim.speaker_span or claim.span
        yield ctx.finding(
            ID,
            level,
            span,
            f"the draft credits {quoted(claim.speaker)} with this quotation, but {why}",
            best.score,
            [best],
            ctx.sentence_of(claim),
        )


def same_speaker(a: str, b: str, entities: tuple[Entity, ...]) -> bool:
    """Do two names stand for one speaker (canonical name, alias, or surname)?"""
    a_key, b_key = _canonical(a, entities), _canonical(b, entities)
    if a_key == b_key:
        return True
    a_words, b_words = a_key.split(), b_key.split()
    shorter, longer = sorted((a_words, b_words), key=len)
    return len(shorter) == 1 and len(longer) > 1 and shorter[0] == longer[-1]


def _canonical(name: str, entities: tuple[Entity, ...]) -> str:
    folded = " ".join(name.lower().split())
    for entity in entities:
        if folded == entity.name.lower() or folded in (a.lower() for a in entity.aliases):
            return entity.name.lower()
    return folded
