"""An Analysis as plain JSON-able data and back, exactly: what the source index stores.

The encoding is compact rather than self-describing: small records are lists,
and values that can be recomputed from the document (a sentence's or a claim's
text, ``plain`` when it equals ``text``, a claim's credit when it is its
sentence's) are left out unless they differ. ``analysis_of(data_of(a)) == a``
holds for every Analysis; ``to_bytes`` adds JSON and zlib on top.

Claim subclasses are encoded field by field from their dataclass declarations,
so a field added to a claim kind in model.py is carried without a change here,
as long as its type is a primitive, Span, Interval, date or frozenset[str].
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from functools import cache
from typing import Any

from .model import (
    Analysis,
    Attribution,
    AttributionClaim,
    Block,
    Claim,
    DateClaim,
    DocMeta,
    Document,
    Entity,
    Interval,
    Join,
    NumberClaim,
    QuoteClaim,
    Sentence,
    Span,
)

FORMAT = 1  # bump when the encoding changes; the index then re-extracts everything

CLAIM_TYPES: dict[str, type[Claim]] = {
    cls.__name__: cls for cls in (Claim, NumberClaim, DateClaim, QuoteClaim, AttributionClaim)
}
_COMMON = frozenset({"kind", "span", "text", "sentence", "attribution"})


class FormatError(ValueError):
    """Stored data that is not an Analysis of this format."""


# --- small records ----------------------------------------------------------


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _to_span(data: list[int] | None) -> Span | None:
    return None if data is None else Span(data[0], data[1])


def _interval(i: Interval) -> list[Any]:
    return [i.low, i.high, i.low_inclusive, i.high_inclusive]


def _to_interval(data: list[Any]) -> Interval:
    return Interval(data[0], data[1], data[2], data[3])


def _date(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _to_date(data: str | None) -> date | None:
    return None if data is None else date.fromisoformat(data)


def _words(words: frozenset[str]) -> list[str]:
    return sorted(words)  # sorted: the same analysis always gives the same bytes


def _attribution(a: Attribution) -> list[Any]:
    return [a.kind, a.source, a.cue, _span(a.span), a.inherited]


def _to_attribution(data: list[Any]) -> Attribution:
    return Attribution(data[0], data[1], data[2], _to_span(data[3]), data[4])


def _entity(e: Entity) -> list[Any]:
    return [e.name, list(e.aliases), e.kind, e.title, e.member_of]


def _to_entity(data: list[Any]) -> Entity:
    return Entity(data[0], tuple(data[1]), data[2], data[3], data[4])


# --- the document -----------------------------------------------------------


def _document(d: Document) -> dict[str, Any]:
    m = d.meta
    return {
        "path": d.path,
        "text": d.text,
        "plain": None if d.plain == d.text else d.plain,
        "blocks": [[b.span.start, b.span.end, b.kind] for b in d.blocks],
        "format": d.format,
        "joins": [[j.start, j.end, j.shift] for j in d.joins],
        "meta": [m.role, m.kind, m.publisher, _date(m.published)],
        "sha256": d.sha256,
        "line_starts": list(d.line_starts),
    }


def _to_document(data: dict[str, Any]) -> Document:
    role, kind, publisher, published = data["meta"]
    text = data["text"]
    return Document(
        path=data["path"],
        text=text,
        plain=text if data["plain"] is None else data["plain"],
        blocks=tuple(Block(Span(s, e), k) for s, e, k in data["blocks"]),
        format=data["format"],
        joins=tuple(Join(s, e, shift) for s, e, shift in data["joins"]),
        meta=DocMeta(role, kind, publisher, _to_date(published)),
        sha256=data["sha256"],
        line_starts=tuple(data["line_starts"]),
    )


def _sentence(s: Sentence, plain: str) -> list[Any]:
    text = None if s.text == plain[s.span.start : s.span.end] else s.text
    return [s.span.start, s.span.end, s.index, s.block, s.block_kind, text]


def _to_sentence(data: list[Any], plain: str) -> Sentence:
    start, end, index, block, kind, text = data
    return Sentence(Span(start, end), plain[start:end] if text is None else text, index, block, kind)


# --- claims -----------------------------------------------------------------


Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]
_PLAIN: Codec = (lambda v: v, lambda v: v)
_OPTIONAL_SPAN: Codec = (_span, _to_span)


def _codec(annotation: str) -> Codec:
    """How to encode a claim field, from its declared type (a string: model.py defers annotations)."""
    head = annotation.split("[")[0].split("|")[0].strip()
    if head == "Span":
        return _OPTIONAL_SPAN
    if head == "Interval":
        return (_interval, _to_interval)
    if head == "date":
        return (_date, _to_date)
    if head == "frozenset":
        return (_words, frozenset)
    return _PLAIN


@cache
def _claim_fields(cls: type[Claim]) -> tuple[tuple[str, Codec], ...]:
    return tuple((f.name, _codec(str(f.type))) for f in fields(cls) if f.name not in _COMMON)


def _claim(c: Claim, plain: str, credits: tuple[Attribution, ...]) -> dict[str, Any]:
    name = type(c).__name__
    if CLAIM_TYPES.get(name) is not type(c):
        raise FormatError(f"cannot store a claim of type {name}")
    data: dict[str, Any] = {"type": name, "kind": c.kind, "span": _span(c.span), "sentence": c.sentence}
    if c.text != plain[c.span.start : c.span.end]:
        data["text"] = c.text
    if not (0 <= c.sentence < len(credits) and credits[c.sentence] == c.attribution):
        data["attribution"] = _attribution(c.attribution)
    for name, (encode, _) in _claim_fields(type(c)):
        data[name] = encode(getattr(c, name))
    return data


def _to_claim(data: dict[str, Any], plain: str, credits: tuple[Attribution, ...]) -> Claim:
    cls = CLAIM_TYPES[data["type"]]
    span = Span(*data["span"])
    sentence = data["sentence"]
    credit = data.get("attribution")
    values: dict[str, Any] = {
        "kind": data["kind"],
        "span": span,
        "text": data.get("text", plain[span.start : span.end]),
        "sentence": sentence,
        "attribution": credits[sentence] if credit is None else _to_attribution(credit),
    }
    for name, (_, decode) in _claim_fields(cls):
        values[name] = decode(data[name])
    return cls(**values)


# --- the whole --------------------------------------------------------------


def data_of(analysis: Analysis) -> dict[str, Any]:
    """The analysis as JSON-able data (lists, dicts, strings, numbers, booleans, None)."""
    plain = analysis.document.plain
    credits = analysis.attributions
    return {
        "format": FORMAT,
        "document": _document(analysis.document),
        "sentences": [_sentence(s, plain) for s in analysis.sentences],
        "attributions": [_attribution(a) for a in credits],
        "claims": [_claim(c, plain, credits) for c in analysis.claims],
        "entities": [_entity(e) for e in analysis.entities],
    }


def analysis_of(data: dict[str, Any]) -> Analysis:
    """The Analysis ``data_of`` encoded; FormatError when ``data`` is not one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FormatError("not a stored analysis of this format")
    try:
        document = _to_document(data["document"])
        plain = document.plain
        credits = tuple(_to_attribution(a) for a in data["attributions"])
        return Analysis(
            document=document,
            sentences=tuple(_to_sentence(s, plain) for s in data["sentences"]),
            claims=tuple(_to_claim(c, plain, credits) for c in data["claims"]),
            attributions=credits,
            entities=tuple(_to_entity(e) for e in data["entities"]),
        )
    except (KeyError, IndexError, TypeError, ValueError) as error:
        raise FormatError(f"damaged stored analysis: {error}") from error


def to_bytes(analysis: Analysis) -> bytes:
    """The analysis as compressed JSON: what the index stores."""
    text = json.dumps(data_of(analysis), ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 1)  # level 1: most of the gain, a fraction of the time


def from_bytes(blob: bytes) -> Analysis:
    """The Analysis ``to_bytes`` gave; FormatError for anything else."""
    try:
        data = json.loads(zlib.decompress(blob).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, ValueError) as error:
        raise FormatError(f"damaged stored analysis: {error}") from error
    return analysis_of(data)
