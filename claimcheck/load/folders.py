"""The documents a path names: a file, or the supported files under a folder."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ClaimcheckError

SUFFIXES: frozenset[str] = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf", ".docx"})


def files_in(path: Path, root: Path | None = None, allow_outside: bool = False) -> tuple[list[Path], list[str]]:
    """The documents at ``path`` and the warnings met finding them (each ``path: message``).

    A file is itself, whatever its suffix. A folder gives its supported documents
    (by suffix), recursively, sorted; hidden files and folders are skipped; each
    folder is visited once however symlinks loop back to it; a symlink that
    leads outside ``root`` (default: the folder itself) is skipped with a
    warning unless ``allow_outside``. Warnings never stop a run.
    """
    path = Path(path)
    if not path.exists():
        if path.is_symlink():
            raise ClaimcheckError("broken symbolic link", str(path))
        raise ClaimcheckError("no such file or folder", str(path))
    if not path.is_dir():
        return [path], []
    boundary = Path(os.path.realpath(root if root is not None else path))
    found: list[Path] = []
    warnings: list[str] = []
    seen: set[str] = set()
    pending = [path]
    while pending:
        folder = pending.pop()
        real = os.path.realpath(folder)
        if real in seen:
            continue
        seen.add(real)
        for entry in _entries(folder, warnings):
            _visit(entry, boundary, allow_outside, found, pending, warnings)
    return sorted(found), warnings


def _entries(folder: Path, warnings: list[str]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as listing:
            return sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as error:
        warnings.append(f"{folder}: cannot list folder: {(error.strerror or type(error).__name__).lower()}")
        return []


def _visit(
    entry: os.DirEntry[str],
    boundary: Path,
    allow_outside: bool,
    found: list[Path],
    pending: list[Path],
    warnings: list[str],
) -> None:
    path = Path(entry.path)
    is_link = entry.is_symlink()
    try:
        is_dir, is_file = entry.is_dir(), entry.is_file()
    except OSError:  # a symlink loop (ELOOP) and the like: neither a folder nor a file
        is_dir = is_file = False
    if is_link:
        target = Path(os.path.realpath(path))
        if not allow_outside and not target.is_relative_to(boundary):
            warnings.append(f"{path}: skipped: symbolic link leads outside {boundary}")
            return
        if not (is_dir or is_file):
            warnings.append(f"{path}: skipped: broken symbolic link")
            return
    if is_dir:
        pending.append(path)
    elif is_file and path.suffix.lower() in SUFFIXES:
        found.append(path)
