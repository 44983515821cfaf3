"""Reports: one module per format, each with ``render(result) -> str``.

Every format is deterministic: the same CheckResult gives the same bytes.
"""

from __future__ import annotations

import importlib

from ..errors import ClaimcheckError
from ..model import CheckResult

FORMATS: tuple[str, ...] = ("rich", "json", "jsonl", "sarif", "github", "junit", "markdown")
_MODULES = {"rich": "terminal", "json": "json", "jsonl": "jsonl", "sarif": "sarif", "github": "github",
            "junit": "junit", "markdown": "markdown"}  # fmt: skip


def render(fmt: str, result: CheckResult, *, color: bool = False, width: int = 100) -> str:
    """``result`` in format ``fmt``; ``color`` and ``width`` matter only to ``rich``."""
    if fmt not in _MODULES:
        raise ClaimcheckError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module = importlib.import_module(f".{_MODULES[fmt]}", __name__)
    if fmt == "rich":
        return module.render(result, color=color, width=width)
    return module.render(result)


def github_summary(result: CheckResult) -> str:
    """The Markdown report for ``$GITHUB_STEP_SUMMARY``."""
    from .github import github_summary as summary

    return summary(result)
