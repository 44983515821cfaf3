"""The source index: analyses stored by path and content hash, and a search for candidate evidence.

Everything the rest of claimcheck knows about the index is the ``SourceIndex``
protocol below. ``MemoryIndex`` serves ``--no-cache`` and small runs;
``SqliteIndex`` (index/sqlite.py) is the embedded on-disk default. A server
backend (PostgreSQL with pg_trgm, OpenSearch) is one more class with these
methods: the postings are (term, path, sentence) and (figure, path, sentence)
rows, and ``candidates`` is one grouped, weighted query over them.

Keys. ``path`` is the source file's absolute path (not the display path: two
runs from different folders share entries). ``sha256`` is the hash of the
file's bytes, ``variant`` a hash of what else the analysis depends on (the
extract options and the document's metadata from claims.yaml), so a changed
claims.yaml re-extracts. Entries whose extractor version differs from this
claimcheck's are dropped when the index opens.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Protocol

from ..extract.words import WORD, is_stopword, lemma
from ..model import Analysis, NumberClaim

# A term in more than this share of all sentences says little about any of them
# and would cost a long posting list; below FLOOR postings it is kept anyway, so
# a small source folder never loses a shared word.
MAX_SHARE = 0.05
FLOOR = 200


Entry = tuple[Analysis, str, str, str]  # analysis, path, sha256, variant


class SourceIndex(Protocol):
    def get(self, path: str, sha256: str, variant: str = "") -> Analysis | None:
        """The stored analysis of ``path`` if its bytes and variant are still these, else None."""

    def has(self, path: str, sha256: str, variant: str = "") -> bool:
        """Whether ``get`` would find it, without decoding the analysis."""

    def put(self, analysis: Analysis, path: str | None = None, sha256: str | None = None, variant: str = "") -> None:
        """Store (or replace) the analysis of ``path`` (default: its document's path) with its postings."""

    def put_many(self, entries: Iterable[Entry]) -> None:
        """``put`` for each (analysis, path, sha256, variant), in one transaction: faster, still all-or-nothing."""

    def load(self, path: str) -> Analysis | None:
        """The stored analysis of ``path``, whatever its hash: for reading candidates back."""

    def forget(self, paths_not_in: Iterable[str], under: str | None = None) -> int:
        """Drop entries (under folder ``under``, or all) whose path is not in ``paths_not_in``; how many."""

    def candidates(self, terms: Iterable[str], figures: Iterable[float], limit: int) -> list[tuple[str, int]]:
        """(path, sentence index) pairs sharing rare terms or figures with the query, best first."""

    def take_warnings(self) -> list[str]:
        """What went wrong and was mended since the last call (a damaged cache rebuilt, ...)."""

    def close(self) -> None: ...


def sentence_terms(text: str) -> frozenset[str]:
    """The search terms of a sentence: its content-word lemmas, as extract.words.content_words gives them."""
    return frozenset(t for t in map(_term, WORD.findall(text)) if t)


@cache
def _term(word: str) -> str | None:
    # content_words word by word, remembered: indexing calls it for every word of the archive
    return lemma(word) if len(word) > 1 and not is_stopword(word) else None


def figure_key(value: float) -> float:
    """A figure as the index matches it: six significant digits, so 84.6 and 84.60000001 meet."""
    if not math.isfinite(value):
        return value
    return float(f"{value:.6g}")


def postings(analysis: Analysis) -> tuple[dict[str, list[int]], dict[float, list[int]]]:
    """Which sentences hold each term and each figure of the analysis."""
    terms: dict[str, list[int]] = defaultdict(list)
    for sentence in analysis.sentences:
        for term in sorted(sentence_terms(sentence.text)):
            terms[term].append(sentence.index)
    figures: dict[float, set[int]] = defaultdict(set)
    for claim in analysis.claims:
        if isinstance(claim, NumberClaim) and math.isfinite(claim.value):
            figures[figure_key(claim.value)].add(claim.sentence)
    return dict(terms), {v: sorted(s) for v, s in figures.items()}


def weight(df: int, total: int) -> float:
    """Inverse document frequency (over sentences): rarer terms count more."""
    return math.log(1 + total / max(df, 1))


def kept(df: int, total: int) -> bool:
    return df > 0 and (df <= FLOOR or df <= MAX_SHARE * total)


def ranked(scores: dict[tuple[str, int], float], limit: int) -> list[tuple[str, int]]:
    """Best first; ties in path and sentence order, so the answer never depends on storage order."""
    best = sorted(scores.items(), key=lambda item: (-round(item[1], 9), item[0]))  # rounded as the SQL is
    return [key for key, _ in best[: max(limit, 0)]]


class MemoryIndex:
    """The index in dicts: for --no-cache and small runs, and the reference the SQLite one must match."""

    def __init__(self) -> None:
        self._docs: dict[str, tuple[str, str, Analysis]] = {}
        self._by_term: dict[str, dict[str, list[int]]] = defaultdict(dict)  # term -> path -> sentences
        self._by_figure: dict[float, dict[str, list[int]]] = defaultdict(dict)
        self._term_df: dict[str, int] = defaultdict(int)
        self._figure_df: dict[float, int] = defaultdict(int)
        self._sentences = 0

    def get(self, path: str, sha256: str, variant: str = "") -> Analysis | None:
        entry = self._docs.get(path)
        return entry[2] if entry and entry[:2] == (sha256, variant) else None

    def has(self, path: str, sha256: str, variant: str = "") -> bool:
        return self.get(path, sha256, variant) is not None

    def load(self, path: str) -> Analysis | None:
        entry = self._docs.get(path)
        return entry[2] if entry else None

    def put(self, analysis: Analysis, path: str | None = None, sha256: str | None = None, variant: str = "") -> None:
        path = analysis.document.path if path is None else path
        self._drop(path)
        self._docs[path] = (analysis.document.sha256 if sha256 is None else sha256, variant, analysis)
        self._post(path, analysis, +1)

    def put_many(self, entries: Iterable[Entry]) -> None:
        for analysis, path, sha256, variant in entries:
            self.put(analysis, path, sha256, variant)

    def forget(self, paths_not_in: Iterable[str], under: str | None = None) -> int:
        keep = set(paths_not_in)
        gone = [p for p in self._docs if p not in keep and is_under(p, under)]
        for path in gone:
            self._drop(path)
        return len(gone)

    def candidates(self, terms: Iterable[str], figures: Iterable[float], limit: int) -> list[tuple[str, int]]:
        total = self._sentences
        scores: dict[tuple[str, int], float] = defaultdict(float)
        for df, where in [
            *((self._term_df.get(t, 0), self._by_term.get(t, {})) for t in set(terms)),
            *((self._figure_df.get(f, 0), self._by_figure.get(f, {})) for f in {figure_key(v) for v in figures}),
        ]:
            if kept(df, total):
                w = weight(df, total)
                for path, indexes in where.items():
                    for index in indexes:
                        scores[path, index] += w
        return ranked(scores, limit)

    def take_warnings(self) -> list[str]:
        return []

    def close(self) -> None:
        pass

    def _drop(self, path: str) -> None:
        entry = self._docs.pop(path, None)
        if entry is not None:
            self._post(path, entry[2], -1)

    def _post(self, path: str, analysis: Analysis, sign: int) -> None:
        """Add (sign +1) or remove (-1) the analysis's postings."""
        terms, figures = postings(analysis)
        self._sentences += sign * len(analysis.sentences)
        for table, df, found in ((self._by_term, self._term_df, terms), (self._by_figure, self._figure_df, figures)):
            for key, indexes in found.items():
                df[key] += sign * len(indexes)
                if sign > 0:
                    table[key][path] = indexes
                else:
                    table[key].pop(path, None)


def is_under(path: str, folder: str | None) -> bool:
    if folder is None:
        return True
    folder = folder.rstrip("/\\")
    return path == folder or path.startswith((folder + "/", folder + "\\"))


def open_index(cache_dir: Path | None) -> tuple[SourceIndex, list[str]]:
    """The index in ``cache_dir`` (``index.sqlite3``), or in memory when None; and warnings.

    Never raises for a bad cache: a damaged or foreign file is rebuilt, an
    unwritable folder means an in-memory index; each says so in a warning.
    """
    if cache_dir is None:
        return MemoryIndex(), []
    from .sqlite import open_sqlite

    return open_sqlite(cache_dir)
