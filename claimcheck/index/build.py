"""Bring the index up to date with the sources on disk, and hand back their analyses.

A source is read and extracted only when its bytes (sha256) or what its
analysis depends on (the extract options and its claims.yaml metadata: the
``variant``) changed since it was stored. Index entries of files that are gone
from the given folders are dropped. One unreadable source is a warning
(``path: message``) and the run goes on; the CLI decides whether --strict
stops it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import ClaimcheckError
from ..model import Analysis, DocMeta, ExtractOptions
from . import Entry, SourceIndex

Progress = Callable[[int, int], None]
BATCH = 32  # documents stored per transaction: fewer page rewrites; an interrupted run loses at most these
PARALLEL_FROM = 32  # fewer files than this are quicker to extract than to start a process pool for


@dataclass(frozen=True, slots=True)
class Source:
    """One source file as the index knows it."""

    path: Path
    key: str  # absolute path: the index key
    display: str | None
    meta: DocMeta | None
    sha256: str
    variant: str


def key_of(path: Path) -> str:
    """The index key of a file: its absolute path (symlinks kept, so a link and its target are two entries)."""
    return os.path.abspath(path)


def variant_of(options: ExtractOptions, meta: DocMeta | None) -> str:
    """A hash of everything besides the bytes that a stored analysis depends on."""
    return hashlib.sha256(repr((options, meta)).encode("utf-8")).hexdigest()[:20]


def analyses(
    paths: Sequence[Path],
    displays: Sequence[str | None],
    metas: Sequence[DocMeta | None],
    options: ExtractOptions,
    index: SourceIndex,
    progress: Progress | None = None,
    folders: Sequence[Path] = (),
    workers: int = 1,
) -> tuple[list[Analysis], list[str]]:
    """The analysis of every readable source, in input order, reusing the index; and warnings."""
    sources, warnings = refreshed(paths, displays, metas, options, index, progress, folders, workers, keep=True)
    found = [a for a in sources if isinstance(a, Analysis)]
    return found, warnings


def indexed(
    paths: Sequence[Path],
    displays: Sequence[str | None],
    metas: Sequence[DocMeta | None],
    options: ExtractOptions,
    index: SourceIndex,
    progress: Progress | None = None,
    folders: Sequence[Path] = (),
    workers: int = 1,
) -> tuple[list[str | None], list[str]]:
    """Update the index without decoding what it already holds: each source's key (None if unreadable), warnings.

    For ``claimcheck index`` and for archive-sized runs, which then read back
    only the candidates' analyses (``index.load(key)``).
    """
    sources, warnings = refreshed(paths, displays, metas, options, index, progress, folders, workers, keep=False)
    return [s if isinstance(s, str) else None for s in sources], warnings


def refreshed(
    paths: Sequence[Path],
    displays: Sequence[str | None],
    metas: Sequence[DocMeta | None],
    options: ExtractOptions,
    index: SourceIndex,
    progress: Progress | None,
    folders: Sequence[Path],
    workers: int,
    keep: bool,
) -> tuple[list[Analysis | str | None], list[str]]:
    """Each source's analysis (keep) or key (not keep), None if unreadable; and warnings."""
    warnings: list[str] = []
    results: list[Analysis | str | None] = [None] * len(paths)
    todo: list[tuple[int, Source]] = []
    for i, (path, display, meta) in enumerate(zip(paths, displays, metas, strict=True)):
        source = _source(path, display, meta, options, warnings)
        if source is None:
            continue
        reused = _reused(source, index, keep)
        if reused is None:
            todo.append((i, source))
        else:
            results[i] = reused
    done = len(paths) - len(todo)
    if progress:
        progress(done, len(paths))
    pending: list[Entry] = []
    for (i, source), outcome in zip(todo, _extracted([s for _, s in todo], options, workers), strict=True):
        if isinstance(outcome, Analysis):
            pending.append((outcome, source.key, source.sha256, source.variant))
            results[i] = outcome if keep else source.key
        else:
            warnings.append(outcome)
        if len(pending) >= BATCH:
            index.put_many(pending)
            pending = []
        done += 1
        if progress:
            progress(done, len(paths))
    index.put_many(pending)
    keys = [key_of(p) for p in paths]
    for folder in sorted({key_of(f) for f in folders}):
        index.forget(keys, under=folder)
    return results, [*warnings, *index.take_warnings()]


def _source(
    path: Path, display: str | None, meta: DocMeta | None, options: ExtractOptions, warnings: list[str]
) -> Source | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        warnings.append(f"{display or path}: cannot read ({error.strerror or error})")
        return None
    sha = hashlib.sha256(data).hexdigest()
    return Source(path, key_of(path), display, meta, sha, variant_of(options, meta))


def _reused(source: Source, index: SourceIndex, keep: bool) -> Analysis | str | None:
    if not keep:
        return source.key if index.has(source.key, source.sha256, source.variant) else None
    stored = index.get(source.key, source.sha256, source.variant)
    if stored is None or source.display is None or stored.document.path == source.display:
        return stored
    return replace(stored, document=replace(stored.document, path=source.display))


def _extracted(sources: list[Source], options: ExtractOptions, workers: int):
    """Each source's fresh Analysis, or a warning; in order. In a process pool when it pays."""
    jobs = [(s, options) for s in sources]
    if workers <= 1 or len(jobs) < PARALLEL_FROM:
        yield from map(_analysed, jobs)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_analysed, jobs, chunksize=max(1, min(64, len(jobs) // (workers * 8))))


def _analysed(job: tuple[Source, ExtractOptions]) -> Analysis | str:
    from .. import pipeline

    source, options = job
    try:
        analysis = pipeline.analyse_path(source.path, options, source.display, source.meta)
    except ClaimcheckError as error:
        return str(error) if error.path else f"{source.display or source.path}: {error}"
    except OSError as error:
        return f"{source.display or source.path}: cannot read ({error.strerror or error})"
    if analysis.document.sha256 != source.sha256:
        analysis = replace(analysis, document=replace(analysis.document, sha256=source.sha256))
    return analysis
