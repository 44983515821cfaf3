"""Words as the extractors and the aligner compare them: folded, lemmatised crudely, stopwords dropped.

A crude lemma is enough here: it only has to map the inflections a newsroom
writes of one measure ("arrested", "arrests") to one key, the same way on both
sides of a comparison. Irregular forms are data (lexicons/words.yaml).
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicons import lexicon

# A letter, then letters and digits, an apostrophe or hyphen allowed between letters. Written without a
# group inside the repeat (which re runs step by step), it finds the same words about twice as fast.
WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’\-][^\W\d_][^\W_]*)*")


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(lexicon("words")["stopwords"])


@cache
def _irregular() -> dict[str, str]:
    return dict(lexicon("words")["irregular"])


@cache
def lemma(word: str) -> str:
    """A word's comparison key: lower-cased, possessive and regular plural endings removed."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    irregular = _irregular()
    if w in irregular:
        return irregular[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "ches", "shes", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def words(text: str) -> list[str]:
    """The words of ``text`` in order, as written."""
    return WORD.findall(text)


@cache
def is_stopword(word: str) -> bool:
    stopwords = _stopwords()
    return word.lower() in stopwords or lemma(word) in stopwords


@cache
def content_key(word: str) -> str | None:
    """What a word adds to ``content_words``: its lemma, or None for a stopword or a single letter.

    For callers that filter the keys further, word by word, without building ``content_words`` first.
    """
    return None if len(word) < 2 or is_stopword(word) else lemma(word)


def content_words(text: str) -> frozenset[str]:
    """The lemmas of the words in ``text`` that carry meaning."""
    keys = set(map(content_key, WORD.findall(text)))
    keys.discard(None)
    return frozenset(keys)  # type: ignore[arg-type]
