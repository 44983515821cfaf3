"""A document contradicts itself.

Three checks, within the checked document alone:

- a percentage of a stated count that no whole number of it gives: 84.6% of
  189 is 159.9, and no whole count of the 189 rounds to 84.6% (160 gives 84.7%),
  so the percentage has another base; the message names bases near it that fit;
- parts that exceed their stated whole ("out of 332 arrests, 400 led to convictions");
- a headline or title figure that the body contradicts for the same measure.

Fails:   "84.6% of these convictions were unjust. Of 332 arrests, 189 led to convictions."
Passes:  "Over 80% of convictions were unjust (headline). The research found 84.6% of them were."
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator

from ..align import Aligner
from ..extract.words import content_words
from ..model import Finding, NumberClaim
from .base import RuleContext, quoted

ID = "internal-inconsistency"
LEVEL = "warning"
READS = ("number",)
OPTIONS: dict[str, object] = {
    "tolerance": 0.05,
    "min-measure-score": 0.7,
    "min-base": 10,
    "nearby-sentences": 3,
    "nearby-chars": 1500,
}


def check(ctx: RuleContext, options: dict) -> Iterator[Finding]:
    figures = [c for c in ctx.claims if isinstance(c, NumberClaim)]
    yield from _percent_bases(ctx, figures, options)
    yield from _parts_over_whole(ctx, figures, options)
    yield from _headline(ctx, figures, options)


def _percent_bases(ctx: RuleContext, figures: list[NumberClaim], options: dict) -> Iterator[Finding]:
    figures = sorted(figures, key=lambda f: f.span.start)
    starts = [f.span.start for f in figures]
    reach, chars = options["nearby-sentences"], options["nearby-chars"]
    contexts: dict[int, frozenset[str]] = {}
    for pct in figures:
        if not pct.is_percent or pct.qualifier or pct.interval.low != pct.interval.high:
            continue
        decimals = _decimals(pct.text)
        if pct.sentence not in contexts:
            contexts[pct.sentence] = _context_words(ctx, pct.sentence)
        context = contexts[pct.sentence] | pct.measure
        window = figures[
            bisect.bisect_left(starts, pct.span.start - chars) : bisect.bisect_right(starts, pct.span.end + chars)
        ]
        nearby = [f for f in window if abs(f.sentence - pct.sentence) <= reach]
        for base in _bases(ctx, pct, nearby, context, options):
            n = int(base.value)
            if _fits(pct.value, n, decimals):
                continue
            k = round(pct.value * n / 100)
            near = ", ".join(str(b) for b in _fitting_bases(pct.value, n, decimals))
            yield ctx.finding(
                ID,
                options["level"],
                pct.span,
                f"{pct.value:g}% of {quoted(base.text)} would be {pct.value * n / 100:.1f}: no whole number of "
                f"the {n} gives {pct.value:g}% ({k} of {n} is {100 * k / n:.{decimals}f}%), so the percentage "
                f"has another base" + (f"; bases near {n} that fit: {near}" if near else ""),
                0.7,
                sentence=ctx.sentence_of(pct),
            )
            break


def _decimals(text: str) -> int:
    digits = "".join(ch for ch in text if ch.isdigit() or ch == ".")
    return len(digits.split(".", 1)[1]) if "." in digits else 0


def _fits(percent: float, base: int, decimals: int) -> bool:
    """Does some whole count of ``base`` round to ``percent`` at the precision shown?"""
    half = 0.5 * 10**-decimals
    low, high = (percent - half) * base / 100, (percent + half) * base / 100
    k = max(0, int(low) - 1)
    while k <= high + 1:
        if low - 1e-9 <= k <= high + 1e-9 and k <= base:
            return True
        k += 1
    return False


def _fitting_bases(percent: float, base: int, decimals: int, spread: int = 15, most: int = 4) -> list[int]:
    found = [b for b in range(max(1, base - spread), base + spread + 1) if b != base and _fits(percent, b, decimals)]
    return sorted(found, key=lambda b: (abs(b - base), b))[:most]


def _context_words(ctx: RuleContext, index: int) -> frozenset[str]:
    """What a percentage in this sentence may be a share of: the sentence, and the one before in its paragraph."""
    sentence = ctx.draft.sentences[index]
    words = set(content_words(sentence.text))
    if sentence.index > 0:
        before = ctx.draft.sentences[sentence.index - 1]
        if before.block == sentence.block or before.block_kind in {"title", "heading"}:
            words |= content_words(before.text)
    return frozenset(words)


def _bases(ctx, pct: NumberClaim, nearby: list[NumberClaim], context: frozenset[str], options: dict):
    """Whole counts in the sentences around the percentage whose counted noun its context speaks of."""
    spoken_of = ctx.aligner.canonical_set(context)
    for other in nearby:
        if other is pct or other.is_percent or not other.head or other.interval.low != other.interval.high:
            continue
        if not float(other.value).is_integer() or other.value < options["min-base"]:
            continue
        if ctx.aligner.canonical(other.head) in spoken_of:
            yield other


def _parts_over_whole(ctx: RuleContext, figures: list[NumberClaim], options: dict) -> Iterator[Finding]:
    plain = ctx.draft.document.plain
    for whole, part in itertools.pairwise(figures):
        if whole.sentence != part.sentence or whole.is_percent or part.is_percent:
            continue
        if not plain[max(0, whole.span.start - 7) : whole.span.start].lower().endswith("out of "):
            continue
        if (part.interval.low or 0) > (whole.interval.high or float("inf")):
            yield ctx.finding(
                ID,
                options["level"],
                part.span,
                f"{quoted(part.text)} is more than the whole it is part of, {quoted(whole.text)}",
                0.8,
                sentence=ctx.sentence_of(part),
            )


def _headline(ctx: RuleContext, figures: list[NumberClaim], options: dict) -> Iterator[Finding]:
    sentences = ctx.draft.sentences
    heads = [f for f in figures if sentences[f.sentence].block_kind in {"title", "heading"}]
    body = [f for f in figures if sentences[f.sentence].block_kind not in {"title", "heading"}]
    if not heads or not body:
        return
    own = Aligner([ctx.draft])
    for head in heads:
        same = [b for b in body if own.measure_score(head, b) >= options["min-measure-score"]]
        if same and not any(b.interval.meets(head.interval, options["tolerance"]) for b in same):
            yield ctx.finding(
                ID,
                options["level"],
                head.span,
                f"the headline's {quoted(head.text)} is contradicted by the body's {quoted(same[0].text)}",
                0.7,
                sentence=sentences[head.sentence],
            )
