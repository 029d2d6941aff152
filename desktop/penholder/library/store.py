"""The precedent library: a SQLite database (WAL) of resolutions and their paragraphs.

Each resolution is kept whole as the JSON of ``Resolution.to_dict()`` with searchable columns beside it;
its paragraphs get a table of their own. Files are added one transaction each (a failure leaves the
library as it was) and skipped when their content hash is already known. The schema is versioned with
``PRAGMA user_version``; a damaged file or a newer schema stops with a message naming
``penholder library rebuild``, which sets the old file aside as ``*.bak`` and never deletes it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from penholder import paths
from penholder.errors import LibraryError, PenholderError
from penholder.library.importing import ImportReport, content_hash, expand_paths, read_resolution
from penholder.model import Resolution

SCHEMA_VERSION = 1
REBUILD_HINT = "run `penholder library rebuild` to set it aside as a .bak file and start a fresh library"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE resolutions (
    id INTEGER PRIMARY KEY,
    symbol TEXT NOT NULL UNIQUE,
    body TEXT,
    year INTEGER,
    title TEXT,
    source TEXT,
    content_hash TEXT,
    model TEXT NOT NULL,
    added TEXT NOT NULL
);
CREATE INDEX resolutions_body_year ON resolutions (body, year);
CREATE INDEX resolutions_hash ON resolutions (content_hash);
CREATE TABLE paragraphs (
    resolution_id INTEGER NOT NULL REFERENCES resolutions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    number INTEGER NOT NULL,
    lead TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (resolution_id, position)
);
"""

Progress = Callable[[int, int, str], None]


@dataclass
class LibraryEntry:
    """One resolution as listed: symbol, body, year, title, paragraph counts, source file."""

    symbol: str
    body: str | None
    year: int | None
    title: str | None
    preambular: int
    operative: int
    source: str | None

    def to_json(self) -> dict:
        """Return the entry as a JSON-ready dict."""
        return dict(self.__dict__)


class Library:
    """An open precedent library; use ``Library.open(path)`` and ``close()`` (or ``with``)."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection
        self._lock = threading.RLock()

    # -- opening --------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None, *, fill: bool = True) -> Library:
        """Return the library at ``path`` (default: the user's); a new one is filled with the bundled corpus."""
        path = Path(path) if path is not None else paths.default_library_path()
        is_new = not path.exists() or path.stat().st_size == 0
        if is_new and not path.parent.is_dir():
            raise LibraryError(f"{path.parent} does not exist; create the folder or choose another library")
        try:
            connection = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise LibraryError(f"{path}: cannot open the library ({exc})") from None
        try:
            _prepare(connection, path)
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise LibraryError(f"{path} is damaged or not a Penholder library ({exc}); {REBUILD_HINT}") from None
        except BaseException:
            connection.close()
            raise
        library = cls(path, connection)
        if fill and not library._meta("bundled"):
            # Also when another window created the file a moment ago and is still filling it: files
            # already in are skipped, so the two fills share the work.
            library.add_files([paths.bundled_corpus_dir()])
            library._set_meta("bundled", _now())
        return library

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading --------------------------------------------------------------------------------------

    def get(self, symbol: str) -> Resolution | None:
        """Return the resolution ``symbol`` (exact, or ignoring case and ``-``/``/``), or ``None``."""
        rows = self._query("SELECT model FROM resolutions WHERE symbol = ?", (symbol,))
        if not rows:
            wanted = _symbol_key(symbol)
            rows = [(model,) for found, model in self._query("SELECT symbol, model FROM resolutions")
                    if _symbol_key(found) == wanted]
        return _resolution(rows[0][0], symbol) if rows else None

    def resolutions(self) -> list[Resolution]:
        """Return every resolution, oldest first."""
        rows = self._query("SELECT model, symbol FROM resolutions ORDER BY year, symbol")
        return [_resolution(model, symbol) for model, symbol in rows]

    def entries(self) -> list[LibraryEntry]:
        """Return a listing of the library, oldest first."""
        rows = self._query(
            "SELECT r.symbol, r.body, r.year, r.title, r.source,"
            " SUM(p.kind = 'preambular'), SUM(p.kind = 'operative')"
            " FROM resolutions r LEFT JOIN paragraphs p ON p.resolution_id = r.id"
            " GROUP BY r.id ORDER BY r.year, r.symbol")
        return [LibraryEntry(symbol, body, year, title, int(pre or 0), int(op or 0), source)
                for symbol, body, year, title, source, pre, op in rows]

    def __len__(self) -> int:
        return self._query("SELECT COUNT(*) FROM resolutions")[0][0]

    def stamp(self) -> str:
        """Return a string that changes whenever the library's content changes (for caches)."""
        rows = dict(self._query("SELECT key, value FROM meta WHERE key IN ('library_id', 'generation')"))
        return f"{rows.get('library_id', '')}:{rows.get('generation', '0')}"

    def sources(self) -> list[str]:
        """Return the source files of the library's resolutions."""
        return [row[0] for row in self._query("SELECT source FROM resolutions WHERE source IS NOT NULL")]

    def index(self):
        """Return the precedent index of this library (loaded from its saved copy when up to date)."""
        from penholder.search import PrecedentIndex

        return PrecedentIndex.from_library(self)

    def index_folder(self) -> Path:
        """Return the folder where this library's search index is saved."""
        return self.path.with_name(self.path.name + ".index")

    # -- changing -------------------------------------------------------------------------------------

    def add_files(self, files: Iterable[str | Path], progress: Progress | None = None,
                  cancel: Callable[[], bool] | None = None) -> ImportReport:
        """Add resolution files (folders give their files); return what was added, updated, skipped, failed.

        ``progress(done, total, path)`` is called after each file; ``cancel()`` returning true stops
        before the next file (files done stay done).
        """
        report = ImportReport()
        files = expand_paths(files)
        for done, path in enumerate(files, start=1):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            self._add_one(path, report)
            if progress is not None:
                progress(done, len(files), str(path))
        return report

    def remove(self, symbol: str) -> bool:
        """Remove the resolution ``symbol``; return whether it was there."""
        with self._lock, self._transaction() as connection:
            found = connection.execute("SELECT symbol FROM resolutions").fetchall()
            matches = [s for (s,) in found if s == symbol] or [s for (s,) in found
                                                               if _symbol_key(s) == _symbol_key(symbol)]
            if not matches:
                return False
            connection.execute("DELETE FROM resolutions WHERE symbol = ?", (matches[0],))
            _bump(connection)
            return True

    def rebuild(self, progress: Progress | None = None) -> ImportReport:
        """Set this library's file aside (``*.bak``) and build it again from its files; return the report.

        The library stays open on the new database.
        """
        with self._lock:
            self._connection.close()
            fresh, report = rebuild_library(self.path, progress=progress)
            self._connection = fresh._connection
        return report

    # -- inside ---------------------------------------------------------------------------------------

    def _add_one(self, path: Path, report: ImportReport) -> None:
        name = str(path)
        try:
            digest = content_hash(path)
        except OSError as exc:
            report.failed.append((name, f"cannot read the file ({exc.strerror or exc})"))
            return
        known = self._query("SELECT symbol FROM resolutions WHERE content_hash = ?", (digest,))
        if known:
            report.skipped.append(name)
            return
        try:
            resolution = read_resolution(path)
        except PenholderError as exc:
            report.failed.append((name, str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 (a reader bug must not stop a whole import)
            report.failed.append((name, f"could not be read ({type(exc).__name__}: {exc})"))
            return
        if not resolution.symbol:
            resolution.symbol = path.stem
        if not resolution.paragraphs:
            report.failed.append((name, "no preambular or operative paragraphs found"))
            return
        try:
            with self._lock, self._transaction() as connection:
                # Another window or command may have added the same file meanwhile.
                if connection.execute("SELECT 1 FROM resolutions WHERE content_hash = ?", (digest,)).fetchone():
                    report.skipped.append(name)
                    return
                replaced = _store(connection, resolution, path, digest)
                _bump(connection)
        except sqlite3.Error as exc:
            report.failed.append((name, f"could not be stored ({exc})"))
            return
        (report.updated if replaced else report.added).append(name)

    def _meta(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def _set_meta(self, key: str, value: str) -> None:
        with self._lock, self._transaction() as connection:
            connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def _transaction(self):
        return _Transaction(self._connection)

    def _query(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        with self._lock:
            try:
                return self._connection.execute(sql, parameters).fetchall()
            except sqlite3.DatabaseError as exc:
                raise LibraryError(f"{self.path} cannot be read ({exc}); {REBUILD_HINT}") from None


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` when the block raises."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        self.connection.execute("BEGIN IMMEDIATE")
        return self.connection

    def __exit__(self, kind, value, traceback) -> None:
        self.connection.execute("ROLLBACK" if kind else "COMMIT")


def rebuild_library(path: str | Path | None = None,
                    progress: Progress | None = None) -> tuple[Library, ImportReport]:
    """Set the library file aside as ``*.bak`` (never deleted), build a new one from the bundled corpus and
    the old library's source files that still exist; return (the new library, report with ``backup``).

    Works on a damaged file too (which ``Library.open`` refuses).
    """
    path = Path(path) if path is not None else paths.default_library_path()
    sources = _readable_sources(path)
    backup = None
    if path.exists():
        backup = _free_name(path.with_name(path.name + ".bak"))
        path.replace(backup)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.replace(backup.with_name(backup.name + suffix))
    library = Library.open(path, fill=False)
    bundled = {p.resolve() for p in expand_paths([paths.bundled_corpus_dir()])}
    kept = [s for s in sources if Path(s).is_file() and Path(s).resolve() not in bundled]
    files = [paths.bundled_corpus_dir(), *kept]
    report = library.add_files(files, progress=progress)
    library._set_meta("bundled", _now())
    report.backup = str(backup) if backup else None
    return library, report


def _prepare(connection: sqlite3.Connection, path: Path) -> None:
    version = _check_version(connection, path)
    if version == 0:
        if not _tables(connection):
            connection.execute("PRAGMA journal_mode = WAL")
        # Look again under the write lock: another window or command may be creating it right now.
        connection.execute("BEGIN IMMEDIATE")
        try:
            if _check_version(connection, path) == 0 and not _tables(connection):
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute("INSERT INTO meta VALUES ('library_id', ?), ('generation', '0'), ('created', ?)",
                                   (uuid.uuid4().hex, _now()))
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        version = _check_version(connection, path)
    if version != SCHEMA_VERSION or not {"meta", "resolutions", "paragraphs"} <= _tables(connection):
        raise LibraryError(f"{path} is not a Penholder library (schema {version}); {REBUILD_HINT}")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("SELECT COUNT(*) FROM resolutions").fetchone()
    connection.execute("PRAGMA foreign_keys = ON")


def _check_version(connection: sqlite3.Connection, path: Path) -> int:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise LibraryError(f"{path} was made by a newer Penholder (library schema {version}, this version "
                           f"reads {SCHEMA_VERSION}); update Penholder, or {REBUILD_HINT}")
    return version


def _tables(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _store(connection: sqlite3.Connection, resolution: Resolution, path: Path, digest: str) -> bool:
    """Write one resolution (replacing an older text of the same symbol); return whether it replaced one."""
    old = connection.execute("SELECT id FROM resolutions WHERE symbol = ?", (resolution.symbol,)).fetchone()
    if old:
        connection.execute("DELETE FROM resolutions WHERE id = ?", (old[0],))
    cursor = connection.execute(
        "INSERT INTO resolutions (symbol, body, year, title, source, content_hash, model, added)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (resolution.symbol, resolution.body, resolution.year, resolution.title, str(path.resolve()), digest,
         json.dumps(resolution.to_dict(), ensure_ascii=False), _now()))
    rows = []
    for kind, paragraphs in (("preambular", resolution.preambular), ("operative", resolution.operative)):
        for position, paragraph in enumerate(paragraphs, start=1):
            number = paragraph.number if kind == "operative" and paragraph.number else position
            rows.append((cursor.lastrowid, len(rows) + 1, kind, number, paragraph.lead, paragraph.full_text()))
    connection.executemany("INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?)", rows)
    return old is not None


def _bump(connection: sqlite3.Connection) -> None:
    connection.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")


def _resolution(model: str, symbol: str) -> Resolution:
    try:
        return Resolution.from_dict(json.loads(model))
    except (ValueError, TypeError, KeyError) as exc:
        raise LibraryError(f"the library entry {symbol} is damaged ({exc}); {REBUILD_HINT}") from None


def _readable_sources(path: Path) -> list[str]:
    """Return the source files recorded in a library file, or [] if it cannot be read."""
    if not path.exists():
        return []
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return [row[0] for row in connection.execute("SELECT source FROM resolutions") if row[0]]
        finally:
            connection.close()
    except sqlite3.Error:
        return []


def _free_name(path: Path) -> Path:
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}.{number}")
    return candidate


def _symbol_key(symbol: str) -> str:
    return symbol.strip().upper().replace("-", "/").replace(" ", "")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
