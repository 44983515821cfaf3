"""Text inside quotation marks in the draft differs from the source's wording.

The draft's quoted words are looked for inside the sources' quotations. A close
but inexact match means words were changed, added or dropped; the message shows
a word-level diff. An ellipsis (… or ...) or a [bracketed] insertion is an
allowed edit, and so are house-style spellings (organisation/organization) and
curly versus straight marks.

Fails:   draft  "Hong Kong has long been an ideal base for civil society," said Callamard.
         source "Hong Kong has long been an ideal regional base for international civil society organizations," …
Passes:  draft  "Hong Kong has long been an ideal regional base … for international civil society organisations"
         source "Hong Kong has long been an ideal regional base for international civil society organizations"
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..align import normalised
from ..model import Finding, QuoteClaim
from .base import RuleContext, name_of

ID = "quote-mismatch"
LEVEL = "error"
READS = ("quote",)
OPTIONS: dict[str, object] = {"min-score": 0.8}


def check(ctx: RuleContext, options: dict) -> Iterator[Finding]:
    for claim in ctx.claims:
        assert isinstance(claim, QuoteClaim)
        if claim.is_term:
            continue
        matches = ctx.aligner.quotes_for(claim, options["min-score"])
        if not matches or matches[0].score >= 1.0:
            continue
        best = matches[0]
        source_words = best.source.document.plain[best.span.start : best.span.end]
        yield ctx.finding(
            ID,
            options["level"],
            claim.span,
            f"the quotation differs from {name_of(best.source.document.path)}: {word_diff(claim.quoted, source_words)}",
            best.score,
            [best],
            ctx.sentence_of(claim),
        )


def word_diff(draft: str, source: str) -> str:
    """The changes from the source's words to the draft's, word by word: [-source-] {+draft+}."""
    a, b = normalised(source).split(), normalised(draft).split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        removed, added = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        parts.append(" ".join(p for p in (f"[-{removed}-]" if removed else "", f"{{+{added}+}}" if added else "") if p))
    return "; ".join(parts) or "only punctuation or spacing differs"
