"""`claimcheck index`: bring the on-disk source index up to date ahead of a check, with a progress bar."""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .config import Config
from .engine import display, role_meta
from .errors import ClaimcheckError


def build_index(config: Config, paths: list[Path], cache_dir: Path, warn: Callable[[str], None]) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .index import open_index
    from .index.build import indexed
    from .load import files_in

    roots = paths or [e.path for e in config.documents if e.role == "source"]
    if not roots:
        raise ClaimcheckError("nothing to index: name sources, or list them in claims.yaml")
    files: list[Path] = []
    for root in roots:
        found, problems = files_in(root, root=config.root, allow_outside=config.allow_outside)
        files.extend(found)
        for message in problems:
            warn(message)
    files = list(dict.fromkeys(files))
    sizes = {p: _size(p) for p in files}
    index, warnings = open_index(cache_dir)
    for message in warnings:
        warn(message)
    console = Console(file=sys.stderr)
    started = time.perf_counter()
    cumulative = list(itertools.accumulate(sizes[p] for p in files))
    with Progress(
        TextColumn("indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=console,
        transient=not console.is_terminal,
    ) as bar:
        task = bar.add_task("index", total=len(files), rate="")

        def progress(done: int, total: int) -> None:
            done_bytes = cumulative[done - 1] if done else 0
            rate = done_bytes / 1e6 / max(1e-6, time.perf_counter() - started)
            bar.update(task, completed=done, rate=f"{rate:.1f} MB/s")

        try:
            keys, problems = indexed(
                files,
                [display(p) for p in files],
                [role_meta(config, p, "source") for p in files],
                config.extract_options(),
                index,
                progress,
                folders=[r for r in roots if r.is_dir()],
                workers=os.cpu_count() or 1,
            )
        finally:
            index.close()
    for message in problems:
        warn(message)
    seconds = time.perf_counter() - started
    total_mb = sum(sizes.values()) / 1e6
    stored = sum(1 for k in keys if k)
    print(f"indexed {stored} of {len(files)} sources ({total_mb:.1f} MB) in {seconds:.1f} s into {cache_dir}")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
