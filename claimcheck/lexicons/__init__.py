"""Phrase lists, reporting verbs, units and number words: data, loaded once."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def lexicon(name: str) -> Any:
    """The parsed contents of ``claimcheck/lexicons/NAME.yaml``."""
    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)
