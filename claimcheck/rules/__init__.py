"""The rule registry: every rule is a module listed here, in the order `claimcheck rules` shows them.

A rule module declares ``ID``, ``LEVEL``, ``READS`` (the claim kinds the engine
hands it), ``OPTIONS`` (defaults), a docstring whose first line is its summary
and which shows a failing and a passing example, and ``check(ctx, options)``
yielding findings. ``claimcheck rules`` and ``claimcheck explain`` are built from
these declarations, so the documentation cannot drift from the code.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from types import ModuleType

from ..model import RuleInfo
from . import (
    date_conflict,
    internal_inconsistency,
    missing_attribution,
    number_conflict,
    quote_misattributed,
    quote_mismatch,
    unsupported_attribution,
    unsupported_claim,
    vague_attribution,
)

RULES: tuple[ModuleType, ...] = (
    number_conflict,
    date_conflict,
    quote_mismatch,
    quote_misattributed,
    missing_attribution,
    vague_attribution,
    unsupported_attribution,
    unsupported_claim,
    internal_inconsistency,
)

BY_ID: dict[str, ModuleType] = {rule.ID: rule for rule in RULES}


def info(rule: ModuleType) -> RuleInfo:
    doc = inspect.cleandoc(rule.__doc__ or "")
    return RuleInfo(
        id=rule.ID,
        level=rule.LEVEL,
        reads=tuple(rule.READS),
        options=tuple(sorted(rule.OPTIONS.items())),
        summary=doc.splitlines()[0] if doc else "",
        doc=doc,
    )


def infos() -> Iterator[RuleInfo]:
    return (info(rule) for rule in RULES)


def option_defaults() -> dict[str, dict[str, object]]:
    """What claims.yaml may set per rule: its level and its options."""
    return {rule.ID: dict(rule.OPTIONS) for rule in RULES}
