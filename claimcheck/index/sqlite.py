"""The embedded source index: one SQLite file, ``<cache_dir>/index.sqlite3``.

Safe to share: WAL mode and a busy timeout let parallel CI jobs read and write
one cache; each stored document is one transaction, so a run killed at any
point leaves only whole documents. Never trusted blindly: the file's header,
its application id and its ``meta`` table are checked when it opens; a file
that is not ours or is damaged is rebuilt with a warning, and one whose
extractor version differs is emptied silently (its analyses are stale, not
wrong-format).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from .. import __version__, serial
from ..errors import ClaimcheckError
from ..model import Analysis
from . import Entry, MemoryIndex, SourceIndex, figure_key, is_under, kept, postings, weight

FILENAME = "index.sqlite3"
SCHEMA = 1  # the tables' layout; a different one is rebuilt
APPLICATION_ID = 0x436C4368  # "ClCh": marks the file as claimcheck's
TIMEOUT = 60.0  # seconds to wait for another run's write to finish
MAGIC = b"SQLite format 3\x00"

TABLES = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE documents(
  id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL, variant TEXT NOT NULL,
  format INTEGER NOT NULL, size INTEGER NOT NULL, sentences INTEGER NOT NULL,
  analysis BLOB NOT NULL, keys BLOB NOT NULL);
CREATE TABLE terms(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE term_postings(term TEXT NOT NULL, doc INTEGER NOT NULL, sentence INTEGER NOT NULL,
  PRIMARY KEY(term, doc, sentence)) WITHOUT ROWID;
CREATE TABLE figures(value REAL PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE figure_postings(value REAL NOT NULL, doc INTEGER NOT NULL, sentence INTEGER NOT NULL,
  PRIMARY KEY(value, doc, sentence)) WITHOUT ROWID;
"""
OUR_TABLES = ("documents", "figure_postings", "figures", "meta", "term_postings", "terms")
DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}

T = TypeVar("T")


class Damaged(Exception):
    """The cache file is not a claimcheck index in good order."""


# The code an analysis is made by: a change to any of it must not read an old analysis back.
ANALYSING_CODE = ("load", "extract", "lexicons", "segment.py", "pipeline.py", "model.py", "serial.py")


@cache
def extractor_version() -> str:
    """What stored analyses depend on: claimcheck's version, the storage format, and the bytes of the
    loaders, segmenter, extractors and lexicons — so an edited extractor (a developer's checkout, a
    patched install) re-extracts instead of trusting analyses made by other code."""
    digest = hashlib.sha256()
    package = resources.files("claimcheck")
    for name in ANALYSING_CODE:
        for item in _files_under(package.joinpath(name)):
            digest.update(item.name.encode() + b"\0" + item.read_bytes() + b"\0")
    return f"{__version__}+{serial.FORMAT}+{digest.hexdigest()[:16]}"


def _files_under(item) -> list:
    """The .py and .yaml files at or below ``item``, in a fixed order."""
    if item.is_file():
        return [item] if item.name.endswith((".py", ".yaml")) else []
    if not item.is_dir():
        return []
    return [f for child in sorted(item.iterdir(), key=lambda i: i.name) for f in _files_under(child)]


def open_sqlite(cache_dir: Path) -> tuple[SourceIndex, list[str]]:
    """The index in ``cache_dir``, created if need be; or an in-memory one when the folder is unwritable."""
    file = cache_dir / FILENAME
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return MemoryIndex(), [
            f"{cache_dir}: cannot create the cache folder ({error.strerror}); running without the cache"
        ]
    if not os.access(cache_dir, os.W_OK | os.X_OK) or (file.exists() and not os.access(file, os.R_OK | os.W_OK)):
        return MemoryIndex(), [f"{cache_dir}: the cache folder is read-only; running without the cache"]
    warnings: list[str] = []
    for attempt in range(2):
        try:
            problem = header_problem(file)
            if problem:
                raise Damaged(problem)
            return SqliteIndex(file), warnings
        except Damaged as why:
            if attempt:
                break
            warnings.append(f"{file}: {why}; rebuilt the cache from scratch")
            remove(file)
        except sqlite3.Error as error:
            if _code(error) in DAMAGED and not attempt:
                warnings.append(f"{file}: damaged ({error}); rebuilt the cache from scratch")
                remove(file)
                continue
            break
    return MemoryIndex(), [*warnings, f"{file}: cannot use the cache; running without it"]


def header_problem(file: Path) -> str | None:
    """Why the file's first bytes say it is no SQLite database in one piece, or None.

    The size check is skipped while a write-ahead log exists: another run may be
    mid-checkpoint, and the log makes up what the main file lacks.
    """
    try:
        size = file.stat().st_size
        with file.open("rb") as f:
            head = f.read(100)
    except FileNotFoundError:
        return None
    if size == 0:
        return None
    if len(head) < 100 or not head.startswith(MAGIC):
        return "not a SQLite database"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    counted = head[24:28] == head[92:96]  # the header's page count is valid only then
    if Path(f"{file}-wal").exists() or not counted:
        return None
    if page_size < 512 or size % page_size or size < pages * page_size:
        return "truncated"
    return None


def remove(file: Path) -> None:
    for name in (file, Path(f"{file}-wal"), Path(f"{file}-shm"), Path(f"{file}-journal")):
        try:
            name.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            raise ClaimcheckError(f"cannot remove the damaged cache ({error.strerror})", path=str(name)) from error


def _code(error: sqlite3.Error) -> int:
    return getattr(error, "sqlite_errorcode", -1) & 0xFF


class SqliteIndex:
    """SourceIndex over one SQLite file. Not for sharing between threads; one per process."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self._warnings: list[str] = []
        self._db = self._connect()

    # --- opening -------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.file, timeout=TIMEOUT, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {int(TIMEOUT * 1000)}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")  # in WAL mode: durable at checkpoint, never corrupt
            self._prepare(db)
        except BaseException:
            db.close()
            raise
        return db

    def _prepare(self, db: sqlite3.Connection) -> None:
        """Create the tables, or check they are ours and current; inside one write transaction."""
        if self._current(db):
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            tables = _tables(db)
            app = db.execute("PRAGMA application_id").fetchone()[0]
            if tables and (app != APPLICATION_ID or tables != sorted(OUR_TABLES)):
                raise Damaged("not a claimcheck index" if app != APPLICATION_ID else "damaged (unexpected tables)")
            if tables and self._meta(db).get("schema") != str(SCHEMA):
                for table in tables:
                    db.execute(f"DROP TABLE {table}")
                tables = []
            if not tables:
                for statement in TABLES.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
            if self._meta(db).get("extractor") != extractor_version():
                for table in ("documents", "terms", "term_postings", "figures", "figure_postings"):
                    db.execute(f"DELETE FROM {table}")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('extractor', ?)", (extractor_version(),))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _current(self, db: sqlite3.Connection) -> bool:
        """The quick path, read only: the file is ours, of this schema and extractor version."""
        if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return False
        if _tables(db) != sorted(OUR_TABLES):
            return False
        try:
            meta = self._meta(db)
        except sqlite3.OperationalError:
            return False
        return meta.get("schema") == str(SCHEMA) and meta.get("extractor") == extractor_version()

    @staticmethod
    def _meta(db: sqlite3.Connection) -> dict[str, str]:
        return dict(db.execute("SELECT key, value FROM meta").fetchall())

    # --- the protocol ------------------------------------------------------------

    def get(self, path: str, sha256: str, variant: str = "") -> Analysis | None:
        row = self._run(
            lambda db: db.execute(
                "SELECT analysis FROM documents WHERE path = ? AND sha256 = ? AND variant = ? AND format = ?",
                (path, sha256, variant, serial.FORMAT),
            ).fetchone()
        )
        return None if row is None else self._decoded(path, row[0])

    def has(self, path: str, sha256: str, variant: str = "") -> bool:
        row = self._run(
            lambda db: db.execute(
                "SELECT 1 FROM documents WHERE path = ? AND sha256 = ? AND variant = ? AND format = ?",
                (path, sha256, variant, serial.FORMAT),
            ).fetchone()
        )
        return row is not None

    def load(self, path: str) -> Analysis | None:
        row = self._run(lambda db: db.execute("SELECT analysis FROM documents WHERE path = ?", (path,)).fetchone())
        return None if row is None else self._decoded(path, row[0])

    def put(self, analysis: Analysis, path: str | None = None, sha256: str | None = None, variant: str = "") -> None:
        path = analysis.document.path if path is None else path
        sha256 = analysis.document.sha256 if sha256 is None else sha256
        self.put_many([(analysis, path, sha256, variant)])

    def put_many(self, entries: Iterable[Entry]) -> None:
        rows = [(path, sha256, variant, analysis, *postings(analysis)) for analysis, path, sha256, variant in entries]
        blobs = [serial.to_bytes(row[3]) for row in rows]

        def write(db: sqlite3.Connection) -> None:
            for (path, sha256, variant, analysis, terms, figures), blob in zip(rows, blobs, strict=True):
                self._drop(db, path)
                self._insert(db, path, sha256, variant, analysis, blob, terms, figures)

        if rows:
            self._run(lambda db: self._transaction(db, write))

    @staticmethod
    def _insert(
        db: sqlite3.Connection,
        path: str,
        sha256: str,
        variant: str,
        analysis: Analysis,
        blob: bytes,
        terms: dict[str, list[int]],
        figures: dict[float, list[int]],
    ) -> None:
        doc = db.execute(
            "INSERT INTO documents(path, sha256, variant, format, size, sentences, analysis, keys)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                path,
                sha256,
                variant,
                serial.FORMAT,
                len(analysis.document.text),
                len(analysis.sentences),
                blob,
                _keys(terms, figures),
            ),
        ).lastrowid
        db.executemany(
            "INSERT INTO term_postings VALUES (?, ?, ?)", ((t, doc, i) for t, ix in terms.items() for i in ix)
        )
        db.executemany(
            "INSERT INTO figure_postings VALUES (?, ?, ?)", ((v, doc, i) for v, ix in figures.items() for i in ix)
        )
        db.executemany(
            "INSERT INTO terms VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            ((t, len(ix)) for t, ix in terms.items()),
        )
        db.executemany(
            "INSERT INTO figures VALUES (?, ?) ON CONFLICT(value) DO UPDATE SET df = df + excluded.df",
            ((v, len(ix)) for v, ix in figures.items()),
        )

    def forget(self, paths_not_in: Iterable[str], under: str | None = None) -> int:
        keep = set(paths_not_in)

        def write(db: sqlite3.Connection) -> int:
            rows = db.execute("SELECT path FROM documents").fetchall()
            gone = sorted(p for (p,) in rows if p not in keep and is_under(p, under))
            for path in gone:
                self._drop(db, path)
            return len(gone)

        return self._run(lambda db: self._transaction(db, write))

    def candidates(self, terms: Iterable[str], figures: Iterable[float], limit: int) -> list[tuple[str, int]]:
        terms, values = sorted(set(terms)), sorted({figure_key(v) for v in figures if math.isfinite(v)})
        if limit <= 0 or not (terms or values):
            return []
        return self._run(lambda db: self._candidates(db, terms, values, limit))

    def take_warnings(self) -> list[str]:
        taken, self._warnings = self._warnings, []
        return taken

    def close(self) -> None:
        self._db.close()

    # --- inside ----------------------------------------------------------------

    def _candidates(
        self, db: sqlite3.Connection, terms: list[str], values: list[float], limit: int
    ) -> list[tuple[str, int]]:
        total = db.execute("SELECT COALESCE(SUM(sentences), 0) FROM documents").fetchone()[0]
        term_w = [(t, weight(df, total)) for t, df in _dfs(db, "terms", "term", terms) if kept(df, total)]
        figure_w = [(v, weight(df, total)) for v, df in _dfs(db, "figures", "value", values) if kept(df, total)]
        hits, params = [], []
        if term_w:
            hits.append(
                f"SELECT p.doc, p.sentence, q.column2 AS w FROM (VALUES {_marks(len(term_w))}) AS q"
                " JOIN term_postings AS p ON p.term = q.column1"
            )
            params += [x for pair in term_w for x in pair]
        if figure_w:
            hits.append(
                f"SELECT p.doc, p.sentence, q.column2 AS w FROM (VALUES {_marks(len(figure_w))}) AS q"
                " JOIN figure_postings AS p ON p.value = q.column1"
            )
            params += [x for pair in figure_w for x in pair]
        if not hits:
            return []
        rows = db.execute(
            "SELECT d.path, h.sentence, ROUND(SUM(h.w), 9) AS score FROM (" + " UNION ALL ".join(hits) + ") AS h"
            " JOIN documents AS d ON d.id = h.doc GROUP BY h.doc, h.sentence"
            " ORDER BY score DESC, d.path, h.sentence LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [(path, sentence) for path, sentence, _ in rows]

    def _drop(self, db: sqlite3.Connection, path: str) -> None:
        """Delete ``path``'s row and postings and lower the counts; inside the caller's transaction."""
        row = db.execute("SELECT id, keys FROM documents WHERE path = ?", (path,)).fetchone()
        if row is None:
            return
        doc, keys = row
        terms, figures = _unkeys(keys)
        db.execute(
            "DELETE FROM term_postings WHERE doc = ? AND term IN (SELECT value FROM json_each(?))",
            (doc, json.dumps([t for t, _ in terms])),
        )
        db.execute(
            "DELETE FROM figure_postings WHERE doc = ? AND value IN (SELECT value FROM json_each(?))",
            (doc, json.dumps([v for v, _ in figures])),
        )
        db.executemany("UPDATE terms SET df = df - ? WHERE term = ?", ((n, t) for t, n in terms))
        db.executemany("UPDATE figures SET df = df - ? WHERE value = ?", ((n, v) for v, n in figures))
        db.execute("DELETE FROM terms WHERE df <= 0")
        db.execute("DELETE FROM figures WHERE df <= 0")
        db.execute("DELETE FROM documents WHERE id = ?", (doc,))

    @staticmethod
    def _transaction(db: sqlite3.Connection, write: Callable[[sqlite3.Connection], T]) -> T:
        db.execute("BEGIN IMMEDIATE")  # take the write lock now: no deadlock upgrading a read lock
        try:
            result = write(db)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return result

    def _run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Do ``work``; rebuild once if the file turns out damaged; turn other failures into a clear error."""
        try:
            return work(self._db)
        except sqlite3.Error as error:
            if _code(error) not in DAMAGED:
                raise self._failure(error) from error
            self._warnings.append(f"{self.file}: damaged ({error}); rebuilt the cache from scratch")
        except Damaged as why:
            self._warnings.append(f"{self.file}: {why}; rebuilt the cache from scratch")
        self._db.close()
        remove(self.file)
        self._db = self._connect()
        return work(self._db)

    def _failure(self, error: sqlite3.Error) -> ClaimcheckError:
        code = _code(error)
        if code == sqlite3.SQLITE_FULL:
            return ClaimcheckError("cannot write the cache: the disk is full", path=str(self.file))
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return ClaimcheckError(f"the cache stayed locked by another run for {TIMEOUT:.0f} s", path=str(self.file))
        if code == sqlite3.SQLITE_READONLY:
            return ClaimcheckError("cannot write the cache: it is read-only (use --no-cache)", path=str(self.file))
        return ClaimcheckError(f"cannot use the cache: {error}", path=str(self.file))

    def _decoded(self, path: str, blob: bytes) -> Analysis | None:
        """A stored analysis; None (so it is re-extracted) if its blob is damaged."""
        try:
            return serial.from_bytes(blob)
        except serial.FormatError:
            self._warnings.append(f"{self.file}: the stored analysis of {path} is damaged; re-extracting it")
            return None


def _tables(db: sqlite3.Connection) -> list[str]:
    return sorted(r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))


def _dfs(db: sqlite3.Connection, table: str, column: str, keys: Sequence[Any]) -> list[tuple[Any, int]]:
    if not keys:
        return []
    return db.execute(
        f"SELECT {column}, df FROM {table} WHERE {column} IN (SELECT value FROM json_each(?)) ORDER BY {column}",
        (json.dumps(list(keys)),),
    ).fetchall()


def _marks(rows: int) -> str:
    return ", ".join(["(?, ?)"] * rows)


def _keys(terms: dict[str, list[int]], figures: dict[float, list[int]]) -> bytes:
    """What a document posted, so dropping it needs no decoding of its analysis."""
    data = [[[t, len(ix)] for t, ix in terms.items()], [[v, len(ix)] for v, ix in figures.items()]]
    return zlib.compress(json.dumps(data, separators=(",", ":")).encode(), 1)


def _unkeys(blob: bytes) -> tuple[list[tuple[str, int]], list[tuple[float, int]]]:
    try:
        terms, figures = json.loads(zlib.decompress(blob))
        return [(str(t), int(n)) for t, n in terms], [(float(v), int(n)) for v, n in figures]
    except (zlib.error, ValueError, TypeError) as error:
        raise Damaged(f"damaged postings ({error})") from error
