"""A baseline: the findings a desk has already seen, recorded by fingerprint.

Fingerprints come from the rule, the draft's file name, the finding's folded
text, its evidence and an occurrence index, never a line number, so an entry
keeps matching when the draft is edited elsewhere. ``check --baseline FILE``
shows only findings not in it; ``prune`` drops entries that no longer match.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import ClaimcheckError
from .fsutil import write_atomic
from .model import Finding

SCHEMA = "claimcheck/baseline@1"


@dataclass(frozen=True, slots=True, order=True)
class BaselineEntry:
    path: str
    rule: str
    fingerprint: str
    text: str
    recorded: date


@dataclass(frozen=True, slots=True)
class Baseline:
    created: date
    entries: tuple[BaselineEntry, ...]

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.entries)

    def recorded(self, fingerprint: str) -> str:
        """The date ``fingerprint`` was first recorded, as YYYY-MM-DD."""
        dates = [e.recorded for e in self.entries if e.fingerprint == fingerprint]
        return min(dates, default=self.created).isoformat()


def baseline_of(findings: Iterable[Finding], today: date, previous: Baseline | None = None) -> Baseline:
    """The findings as a baseline; entries already in ``previous`` keep their recorded date."""
    earlier = {e.fingerprint: e.recorded for e in previous.entries} if previous else {}
    entries = {
        f.fingerprint: BaselineEntry(f.path, f.rule, f.fingerprint, f.text, earlier.get(f.fingerprint, today))
        for f in findings
        if f.fingerprint
    }
    created = previous.created if previous else today
    return Baseline(created, tuple(sorted(entries.values())))


def write_baseline(path: Path, findings: Iterable[Finding], today: date, previous: Baseline | None = None) -> None:
    save_baseline(path, baseline_of(findings, today, previous))


def save_baseline(path: Path, baseline: Baseline) -> None:
    write_atomic(Path(path), baseline_json(baseline))


def baseline_json(baseline: Baseline) -> str:
    data = {
        "schema": SCHEMA,
        "created": baseline.created.isoformat(),
        "entries": [
            {
                "fingerprint": e.fingerprint,
                "rule": e.rule,
                "path": e.path,
                "text": e.text,
                "recorded": e.recorded.isoformat(),
            }
            for e in sorted(baseline.entries)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_baseline(path: Path) -> Baseline:
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ClaimcheckError("baseline file not found", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimcheckError(f"cannot read baseline: {exc}", path=str(path)) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ClaimcheckError(f"baseline is not valid JSON: {exc.msg}", str(path), exc.lineno, exc.colno) from None
    return _baseline_from(data, str(path))


def _baseline_from(data: object, where: str) -> Baseline:
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ClaimcheckError(f'not a claimcheck baseline (expected "schema": "{SCHEMA}")', path=where)
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise ClaimcheckError('baseline needs an "entries" list', path=where)
    created = _date(data.get("created"), "created", where)
    return Baseline(created, tuple(sorted(_entry(e, i, where) for i, e in enumerate(entries))))


def _entry(raw: object, index: int, where: str) -> BaselineEntry:
    fields = ("fingerprint", "rule", "path", "text")
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) for k in fields):
        raise ClaimcheckError(f"baseline entry {index + 1} needs string fields {', '.join(fields)}", path=where)
    recorded = _date(raw.get("recorded"), f"entry {index + 1} recorded", where)
    return BaselineEntry(raw["path"], raw["rule"], raw["fingerprint"], raw["text"], recorded)


def _date(value: object, name: str, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ClaimcheckError(f"baseline {name} is not a YYYY-MM-DD date: {value!r}", path=where) from None


def prune(baseline: Baseline, findings: Iterable[Finding]) -> Baseline:
    """Only the entries some current finding still matches.

    Pass every finding the rules produced, before the baseline suppressed any.
    """
    current = {f.fingerprint for f in findings}
    return Baseline(baseline.created, tuple(e for e in baseline.entries if e.fingerprint in current))
