"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import ClaimcheckError


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8, exact line endings) to ``path`` all at once.

    The bytes go to a temporary file in the same folder (so ``os.replace`` is a
    rename on one file system), are flushed to disk, then replace ``path``. On any
    failure the temporary file is removed and a ClaimcheckError names ``path``.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
        tmp = None
        _sync_folder(path.parent)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ClaimcheckError(f"cannot write {path}: {reason}", path=str(path)) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual umask ones, not mkstemp's 0600."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows opening a folder."""
    try:
        fd = os.open(folder or Path("."), os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
