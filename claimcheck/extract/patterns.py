"""Regular expressions built from word lists."""

from __future__ import annotations

import re
from collections.abc import Iterable


def trie_alternation(words: Iterable[str]) -> str:
    """A regex matching exactly ``words``, shaped as a tree of their shared prefixes.

    Python's ``re`` tries the branches of a plain alternation one by one at every
    position; shaped as a trie it rejects a position on its first character, an
    order of magnitude faster on long word lists. Where one word begins another
    the longer is tried first, as a longest-first alternation would.
    """
    root: dict[str, dict] = {}
    for word in set(words):
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _branches(root)


def _branches(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _branches(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    if "" in node:
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def phrase_alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases, the longest first, any run of white space between their words."""
    unique = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in unique)


def phrase_trie(phrases: Iterable[str]) -> str:
    """What ``phrase_alternation`` of ``phrases`` matches, shaped as a trie (see ``trie_alternation``).

    The phrases that match at one place begin one another, and both forms try the longer first. That holds when
    the pattern is matched forwards and, under ignore-case, when no two phrases differ only in case: a caller
    that cannot promise this keeps ``phrase_alternation``.
    """
    return trie_alternation(" ".join(p.split()) for p in phrases).replace(r"\ ", r"\s+")
