"""load → segment → extract: one document in, one Analysis out.

The extractors are independent of each other; this module is the only place
that knows their order and stitches their results together.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Callable
from dataclasses import fields, replace
from functools import cache
from pathlib import Path

from .model import Analysis, Attribution, Claim, DocMeta, Document, ExtractOptions

# A claim's place in the Analysis: (span.start, span.end, kind), the tuple made in C.
_ORDER = operator.attrgetter("span.start", "span.end", "kind")


def analyse(document: Document, options: ExtractOptions) -> Analysis:
    from . import segment
    from .extract import attribution, dates, entities, numbers, quotes

    published = options.published or document.meta.published or dates.publication_date(document)
    options = replace(options, published=published)
    if published and document.meta.published is None:  # a date line in the text dates the document itself
        document = replace(document, meta=replace(document.meta, published=published))
    sentences = segment.sentences(document)
    known = entities.entities_in(document, sentences, options)
    credits = attribution.attributions(document, sentences, options, known)
    found_dates = dates.extract(document, sentences, options)
    figures = _outside(numbers.extract(document, sentences, options), found_dates)
    found_quotes = quotes.extract(document, sentences, options, known, credits)
    claims: list[Claim] = [*figures, *found_dates, *found_quotes, *attribution.claims(document, sentences, credits)]
    claims = [_credited(c, credits[c.sentence]) for c in claims]
    claims.sort(key=_ORDER)
    return Analysis(document, tuple(sentences), tuple(claims), tuple(credits), tuple(known.entities))


def analyse_path(
    path: Path, options: ExtractOptions, display: str | None = None, meta: DocMeta | None = None
) -> Analysis:
    from .load import read_document

    return analyse(read_document(path, display=display, meta=meta), options)


def _outside(figures: list[Claim], found_dates: list[Claim]) -> list[Claim]:
    """The figures that are not part of a date ("30 June 2020" holds no count): one sorted sweep."""
    spans = sorted((d.span.start, d.span.end) for d in found_dates)
    starts = [start for start, _ in spans]
    reach = list(itertools.accumulate((end for _, end in spans), max))  # furthest end among dates so far
    kept = []
    for figure in figures:
        i = bisect.bisect_left(starts, figure.span.end) - 1  # the last date starting before the figure ends
        if i < 0 or reach[i] <= figure.span.start:
            kept.append(figure)
    return kept


def _credited(claim: Claim, credit: Attribution) -> Claim:
    """The claim carrying its sentence's credit: what ``replace(claim, attribution=credit)`` makes, without
    looking the class's fields up again for every claim."""
    if claim.attribution is credit:
        return claim
    names, values = _other_fields(type(claim))
    return type(claim)(**dict(zip(names, values(claim), strict=True)), attribution=credit)


@cache
def _other_fields(cls: type) -> tuple[tuple[str, ...], Callable[[Claim], tuple]]:
    """The names of a claim class's init fields other than its credit, and a getter of their values, in order."""
    names = tuple(f.name for f in fields(cls) if f.init and f.name != "attribution")
    return names, operator.attrgetter(*names)
