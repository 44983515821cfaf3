"""`claimcheck claims FILE`: every claim found in one document, as tables or JSON (claimcheck/claims@1)."""

from __future__ import annotations

import json
from typing import Any

from .model import Analysis, Claim, DateClaim, NumberClaim, QuoteClaim


def claim_record(analysis: Analysis, claim: Claim) -> dict[str, Any]:
    """One claim as the JSON contract has it: offsets and positions into the file's own text."""
    doc = analysis.document
    span = doc.source_span(claim.span)
    line, column = doc.line_col(span.start)
    credit = claim.attribution
    record: dict[str, Any] = {
        "kind": claim.kind,
        "text": doc.text[span.start : span.end],
        "start": span.start,
        "end": span.end,
        "line": line,
        "column": column,
    }
    if isinstance(claim, NumberClaim):
        record.update(
            value=claim.value,
            low=claim.interval.low,
            high=claim.interval.high,
            low_inclusive=None if claim.interval.low is None else claim.interval.low_inclusive,
            high_inclusive=None if claim.interval.high is None else claim.interval.high_inclusive,
            qualifier=claim.qualifier,
            unit=claim.unit,
            head=claim.head,
            measure=sorted(claim.measure),
            versus=claim.versus,
        )
    elif isinstance(claim, DateClaim):
        record.update(
            date_start=claim.start.isoformat() if claim.start else None,
            date_end=claim.end.isoformat() if claim.end else None,
            granularity=claim.granularity,
            relative=claim.relative,
            qualifier=claim.qualifier,
        )
    elif isinstance(claim, QuoteClaim):
        record.update(speaker=claim.speaker, cue=claim.cue, is_term=claim.is_term, continues=claim.continues)
    record["attribution"] = {"kind": credit.kind, "source": credit.source, "cue": credit.cue}
    return record


def claims_json(analysis: Analysis) -> str:
    body = {
        "schema": "claimcheck/claims@1",
        "path": analysis.document.path,
        "claims": [claim_record(analysis, c) for c in analysis.claims],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


COLUMNS = {
    "number": ("where", "text", "interval", "unit", "measure", "attribution"),
    "date": ("where", "text", "resolved", "granularity", "attribution"),
    "quote": ("where", "text", "speaker", "cue", "term", "attribution"),
    "attribution": ("where", "text", "kind", "source", "cue"),
}


def _cells(analysis: Analysis, claim: Claim) -> list[str]:
    r = claim_record(analysis, claim)
    credit = claim.attribution
    who = f"{credit.kind}: {credit.source}" if credit.source else credit.kind
    where = f"{r['line']}:{r['column']}"
    text = " ".join(r["text"].split())
    if isinstance(claim, NumberClaim):
        against = f" against the previous {claim.versus}" if claim.versus else ""
        return [where, text, claim.interval.describe() + against, claim.unit or "", " ".join(r["measure"]), who]
    if isinstance(claim, DateClaim):
        resolved = f"{r['date_start'] or '?'} … {r['date_end'] or '?'}"
        return [where, text, resolved, claim.granularity, who]
    if isinstance(claim, QuoteClaim):
        return [where, text, claim.speaker or "", claim.cue or "", "yes" if claim.is_term else "", who]
    return [where, text, credit.kind, credit.source or "", credit.cue or ""]


def claims_table(analysis: Analysis, *, color: bool, width: int) -> str:
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    out = StringIO()
    console = Console(file=out, width=width, color_system="standard" if color else None, force_terminal=color)
    console.print(f"{analysis.document.path}: {len(analysis.claims)} claims, {len(analysis.sentences)} sentences")
    for kind, columns in COLUMNS.items():
        rows = [_cells(analysis, c) for c in analysis.claims if c.kind == kind]
        if not rows:
            continue
        table = Table(title=f"{kind} ({len(rows)})", title_justify="left", expand=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    return out.getvalue()
