"""The precedent library: a SQLite database (WAL) of resolutions, their paragraphs and earlier versions.

Each resolution is kept whole as the JSON of ``Resolution.to_dict()`` with its SHA-256 (checked on every
read; a mismatch is repaired from the source file or reported, never served) and searchable columns
beside it; its paragraphs get a table of their own; earlier texts of a symbol stay in ``versions``.
Files are added one transaction each (a failure leaves the library as it was), recorded in the
journal beside the database in that same transaction (see ``journal``), and skipped when their
content hash is already known. The schema is versioned with ``PRAGMA user_version`` (version 1 and 2
files are upgraded in place). The GA voting data (``import_votes``, ``voting_records``) is applied to
GA resolutions as they are read. Failures name their cause (``failures``); only a damaged file advises
``penholder library rebuild`` (``rebuild``), which never builds from less than the sources.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from penholder import paths
from penholder.errors import LibraryError, PenholderError
from penholder.library import failures, voting_records
from penholder.library.failures import REBUILD_HINT
from penholder.library.importing import ImportReport, content_hash, expand_paths, read_resolutions
from penholder.library.journal import Journal
from penholder.library.versions import EARLIER, VersionEntry, much_shorter
from penholder.library.voting_records import Votes
from penholder.model import Resolution

SCHEMA_VERSION = 3  # 3: the General Assembly voting data (``voting_records``)
_log = logging.getLogger("penholder.library")

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
    added TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    model_sha256 TEXT
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
_VERSIONS = """
CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    symbol TEXT NOT NULL,
    version INTEGER NOT NULL,
    title TEXT,
    source TEXT,
    content_hash TEXT,
    model TEXT NOT NULL,
    model_sha256 TEXT,
    added TEXT NOT NULL,
    note TEXT,
    UNIQUE (symbol, version)
);
CREATE INDEX versions_hash ON versions (content_hash);
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


def model_checksum(model: str) -> str:
    """Return the SHA-256 of a stored model's JSON text."""
    return hashlib.sha256(model.encode("utf-8")).hexdigest()


@dataclass
class VotesReport:
    """What importing the voting data did: the file's layout and size, and what it says of the library's
    GA resolutions (``recorded``: adopted by a recorded vote; ``without_vote``: by the coverage rule)."""

    path: str
    layout: str = ""
    header_version: str = ""
    rows: int = 0
    resolutions: int = 0
    states: int = 0
    recorded: list[str] = field(default_factory=list)
    without_vote: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)  # States' votes not adding up to the totals
    cancelled: bool = False

    def summary(self) -> str:
        """Return one line: what was read and what it says of the library."""
        if self.cancelled:
            return f"cancelled: nothing was imported from {self.path}"
        return (f"{self.resolutions} recorded votes read ({self.rows} rows, {self.states} States, {self.layout} "
                f"layout); in the library: {len(self.recorded)} GA resolution(s) adopted by a recorded vote, "
                f"{len(self.without_vote)} without a vote")

    def to_json(self) -> dict:
        """Return the report as a JSON-ready dict."""
        return dict(self.__dict__)


class Library:
    """An open precedent library; use ``Library.open(path)`` and ``close()`` (or ``with``).

    ``notices`` collects what the drafter should hear about although nothing failed (a damaged entry
    repaired from its source, one left out of a listing); each is also logged as a warning.
    """

    def __init__(self, path: Path, connection: sqlite3.Connection, journal: Journal | None,
                 read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.notices: list[str] = []
        self._connection = connection
        self._journal = journal
        self._lock = threading.RLock()
        self._file = _identity(path)
        self._votes: tuple[str, Votes] | None = None

    # -- opening --------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None, *, fill: bool = True, create: bool = True,
             journal_for: Path | None = None) -> Library:
        """Return the library at ``path`` (default: the user's); a new one is filled with the bundled corpus.

        ``create=False`` refuses a path where no library exists (for commands that only read).
        ``journal_for`` names the library whose journal this file belongs to (a rebuild's new file).
        """
        if path is None:
            try:
                path = paths.default_library_path()
            except OSError as exc:
                raise failures.library_error(exc, Path(exc.filename or "your Penholder folder"),
                                             "create") from None
        path = Path(path)
        journal = Journal(journal_for or path)
        if _is_empty(path):
            _refuse_lost_library(path, Journal(path), create)
        try:
            connection = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise failures.library_error(exc, path, "open") from None
        try:
            _prepare(connection, path, journal)
        except LibraryError:
            connection.close()
            raise
        except (sqlite3.Error, OSError) as exc:
            connection.close()
            if path.exists() and not failures.is_damage(exc) and _read_only_cause(exc, path):
                return cls._open_read_only(path, journal)
            if isinstance(exc, sqlite3.DatabaseError) and failures.is_damage(exc):
                raise LibraryError(f"{path} is damaged or not a Penholder library ({exc}); {REBUILD_HINT}") \
                    from None
            raise failures.library_error(exc, path, "open") from None
        except BaseException:
            connection.close()
            raise
        library = cls(path, connection, journal)
        if fill and not library._meta("bundled"):
            # Also when another window created the file a moment ago and is still filling it: files
            # already in are skipped, so the two fills share the work.
            report = library.add_files([paths.bundled_corpus_dir()])
            if report.stopped:
                library.close()
                raise LibraryError(report.stopped)
            library._set_meta("bundled", _now())
        return library

    @classmethod
    def _open_read_only(cls, path: Path, journal: Journal) -> Library:
        """Open a library on a read-only disk or folder for reading (changes are refused with the cause)."""
        try:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10, isolation_level=None,
                                         check_same_thread=False)
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version not in (2, SCHEMA_VERSION):  # a version 2 file reads (without voting data)
                connection.close()
                raise LibraryError(f"{failures.read_only(path)}; this library also needs an upgrade to "
                                   "the current schema, which needs a writable folder")
            connection.execute("SELECT COUNT(*) FROM resolutions").fetchone()
        except sqlite3.Error as exc:
            raise failures.library_error(exc, path, "open") from None
        return cls(path, connection, journal, read_only=True)

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
        found = self._find_symbol(symbol)
        if found is None:
            return None
        rows = self._query("SELECT id, symbol, model, model_sha256, source, content_hash FROM resolutions"
                           " WHERE symbol = ?", (found,))
        resolution = self._checked(rows[0], strict=True) if rows else None
        return self.votes().apply(resolution) if resolution is not None else None

    def resolutions(self) -> list[Resolution]:
        """Return every resolution, oldest first (a damaged entry is repaired, or left out and reported);
        GA resolutions carry their adoption from the voting data where their text does not state it."""
        rows = self._query("SELECT id, symbol, model, model_sha256, source, content_hash FROM resolutions"
                           " ORDER BY year, symbol")
        votes = self.votes()
        return [votes.apply(resolution) for row in rows
                if (resolution := self._checked(row, strict=False)) is not None]

    def votes(self) -> Votes:
        """Return the General Assembly voting data imported into the library (empty when none was)."""
        stamp = self.stamp()
        if self._votes is None or self._votes[0] != stamp:
            with self._lock:
                self._follow()
                try:
                    self._votes = (stamp, Votes.load(self._connection))
                except sqlite3.DatabaseError as exc:
                    if failures.is_damage(exc):
                        raise LibraryError(f"{self.path} cannot be read ({exc}); {REBUILD_HINT}") from None
                    raise failures.library_error(exc, self.path, "read") from None
        return self._votes[1]

    def entries(self) -> list[LibraryEntry]:
        """Return a listing of the library, oldest first."""
        rows = self._query(
            "SELECT r.symbol, r.body, r.year, r.title, r.source,"
            " SUM(p.kind = 'preambular'), SUM(p.kind = 'operative')"
            " FROM resolutions r LEFT JOIN paragraphs p ON p.resolution_id = r.id"
            " GROUP BY r.id ORDER BY r.year, r.symbol")
        return [LibraryEntry(symbol, body, year, title, int(pre or 0), int(op or 0), source)
                for symbol, body, year, title, source, pre, op in rows]

    def versions(self, symbol: str) -> list[VersionEntry]:
        """Return every text the library holds of ``symbol``, oldest version first ([] if none)."""
        found = self._find_symbol(symbol, versions=True)
        if found is None:
            return []
        rows = [(True, *row) for row in self._query(
            "SELECT version, added, source, content_hash, model, NULL FROM resolutions WHERE symbol = ?",
            (found,))]
        rows += [(False, *row) for row in self._query(
            "SELECT version, added, source, content_hash, model, note FROM versions WHERE symbol = ?",
            (found,))]
        entries = []
        for current, version, added, source, digest, model, note in sorted(rows, key=lambda r: r[1]):
            counts = _counts(model)
            entries.append(VersionEntry(found, version, current, added, source, digest, *counts, note))
        return entries

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
        before the next file (files done stay done). A missing path or a folder without a resolution
        file is reported and the batch goes on; a full disk, a read-only disk or a lock stops it
        (``report.stopped`` says why; files done stay done).
        """
        report = ImportReport()
        empty: list[Path] = []
        files = expand_paths(files, empty)
        for folder in empty:
            report.failed.append((str(folder), "the folder holds no text, DOCX or PDF file"))
        for done, path in enumerate(files, start=1):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            self._add_one(path, report)
            if progress is not None:
                progress(done, len(files), str(path))
            if report.stopped:
                break
        if self._journal is not None:
            self._journal.sync()
        return report

    def import_votes(self, path: str | Path, progress: Progress | None = None,
                     cancel: Callable[[], bool] | None = None) -> VotesReport:
        """Import the UN's General Assembly voting data from its CSV ``path``, in place of any imported before.

        One transaction: a wrong or damaged file raises LibraryError (one line) and changes nothing; a
        cancel (``cancel()`` true, asked every few thousand rows) stores nothing either and returns a
        report with ``cancelled`` set. ``progress(bytes_read, file_size, path)``.
        """
        from penholder.library.votes import Cancelled, read_voting_data

        self._writable()
        path = Path(path).expanduser()
        report = VotesReport(str(path))
        try:
            data = read_voting_data(path, progress, cancel)
        except Cancelled:
            report.cancelled = True
            return report
        try:
            digest = content_hash(path)
        except OSError as exc:
            raise LibraryError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        source = {"path": str(path.resolve()), "sha256": digest, "imported": _now(), "rows": data.rows,
                  "resolutions": len(data.records), "layout": data.layout}
        try:
            with self._lock, self._transaction() as connection:
                voting_records.store(connection, data, source)
                self._log("votes", source=source["path"], sha256=digest)
                _bump(connection)
            if self._journal is not None:
                self._journal.sync()
        except (sqlite3.Error, OSError) as exc:
            raise LibraryError(f"the voting data could not be stored, nothing was changed: "
                               f"{failures.describe(exc, self.path, 'change')}") from None
        report.layout, report.header_version = data.layout, data.header_version
        report.rows, report.resolutions, report.states = data.rows, len(data.records), len(data.states)
        report.mismatched = data.mismatched()
        votes = self.votes()
        for (symbol,) in self._query("SELECT symbol FROM resolutions"):
            if votes.record(symbol) is not None and symbol.upper().startswith("A/RES/"):
                report.recorded.append(symbol)
            elif voting_records.covered(symbol, votes.coverage):
                report.without_vote.append(symbol)
        return report

    def remove(self, symbol: str) -> bool:
        """Remove the resolution ``symbol`` and its earlier versions; return whether it was there."""
        self._writable()
        try:
            return self._remove(symbol)
        except (sqlite3.Error, OSError) as exc:
            raise failures.library_error(exc, self.path, "change") from None

    def _remove(self, symbol: str) -> bool:
        with self._lock, self._transaction() as connection:
            found = connection.execute("SELECT symbol FROM resolutions").fetchall()
            matches = [s for (s,) in found if s == symbol] or [s for (s,) in found
                                                               if _symbol_key(s) == _symbol_key(symbol)]
            if not matches:
                return False
            connection.execute("DELETE FROM resolutions WHERE symbol = ?", (matches[0],))
            connection.execute("DELETE FROM versions WHERE symbol = ?", (matches[0],))
            self._log("remove", symbol=matches[0])
            _bump(connection)
        if self._journal is not None:
            self._journal.sync()
        return True

    def restore(self, symbol: str, version: int) -> VersionEntry:
        """Make version ``version`` of ``symbol`` the current text (the current one becomes a version)."""
        self._writable()
        found = self._find_symbol(symbol, versions=True)
        if found is None:
            raise LibraryError(f"{symbol} is not in the library (see `penholder library list`)")
        try:
            self._restore(found, version)
        except (sqlite3.Error, OSError) as exc:
            raise failures.library_error(exc, self.path, "change") from None
        return next(v for v in self.versions(found) if v.version == version)

    def _restore(self, found: str, version: int) -> None:
        with self._lock, self._transaction() as connection:
            row = connection.execute(
                "SELECT id, source, content_hash, model, model_sha256, added FROM versions"
                " WHERE symbol = ? AND version = ?",
                (found, version)).fetchone()
            if row is None:
                if connection.execute("SELECT 1 FROM resolutions WHERE symbol = ? AND version = ?",
                                      (found, version)).fetchone():
                    raise LibraryError(f"version {version} of {found} is already the current text")
                raise LibraryError(f"{found} has no version {version} (see `penholder library versions {found}`)")
            version_id, source, digest, model, checksum, added = row
            resolution = self._model(found, model, checksum, source, digest, strict=True)
            _retire_current(connection, found, f"{EARLIER} (version {version} restored)")
            connection.execute("DELETE FROM versions WHERE id = ?", (version_id,))
            _insert_current(connection, resolution, source, digest, version, added)
            self._log("restore", symbol=found, sha256=digest, version=version)
            _bump(connection)
        if self._journal is not None:
            self._journal.sync()

    def rebuild(self, progress: Progress | None = None) -> ImportReport:
        """Build this library again from its sources (the old file kept as ``*.bak``); return the report.

        The library stays open on the new database.
        """
        from penholder.library.rebuild import rebuild_library

        with self._lock:
            self._connection.close()
            fresh, report = rebuild_library(self.path, progress=progress)
            self._connection, self._file = fresh._connection, fresh._file
        return report

    # -- inside ---------------------------------------------------------------------------------------

    def _add_one(self, path: Path, report: ImportReport) -> None:
        name = str(path)
        if not path.exists():
            report.failed.append((name, "no such file or folder"))
            return
        try:
            digest = content_hash(path)
        except OSError as exc:
            report.failed.append((name, f"cannot read the file ({exc.strerror or exc})"))
            return
        if self._known(digest):
            report.skipped.append(name)
            return
        try:
            resolutions = read_resolutions(path)
        except PenholderError as exc:
            report.failed.append((name, str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 (a reader bug must not stop a whole import)
            report.failed.append((name, f"could not be read ({type(exc).__name__}: {exc})"))
            return
        several = len(resolutions) > 1
        for number, resolution in enumerate(resolutions, start=1):
            if not resolution.symbol:  # keyed by its content, never by its file name
                resolution.symbol = f"{path.stem}@{digest[:10]}" + (f"-{number}" if several else "")
            if not resolution.paragraphs:
                report.failed.append((name, "no preambular or operative paragraphs found"))
                return
        if self.read_only:
            report.failed.append((name, failures.read_only(self.path)))
            report.stopped = failures.read_only(self.path)
            return
        try:
            with self._lock, self._transaction() as connection:
                # Another window or command may have added the same file meanwhile.
                if _known(connection, digest):
                    report.skipped.append(name)
                    return
                outcomes = [self.ingest(connection, resolution, path, digest, _now(),
                                        part=number if several else None)
                            for number, resolution in enumerate(resolutions, start=1)]
                _bump(connection)
        except (sqlite3.Error, OSError) as exc:
            message = failures.describe(exc, self.path, "change")
            report.failed.append((name, f"could not be stored: {message}"))
            if _stops_batch(exc, self.path):
                report.stopped = message
            return
        for resolution, (outcome, reason) in zip(resolutions, outcomes, strict=True):
            label = f"{name} ({resolution.symbol})" if several else name
            if outcome == "held":
                report.held.append((label, reason))
            else:
                (report.updated if outcome == "updated" else report.added).append(label)

    def ingest(self, connection: sqlite3.Connection, resolution: Resolution, path: Path | str, digest: str,
               added: str, part: int | None = None) -> tuple[str, str | None]:
        """Store one resolution inside an open transaction; return ("added"|"updated"|"held", reason).

        A newer text of a stored symbol becomes current and the old one an earlier version; a much
        shorter one is kept as a version only ("held", with the reason). Records the add in the journal.
        """
        source = str(Path(path).resolve())
        row = connection.execute("SELECT model, source, content_hash FROM resolutions WHERE symbol = ?",
                                 (resolution.symbol,)).fetchone()
        version = _next_version(connection, resolution.symbol)
        outcome, reason = "added", None
        if row is not None:
            try:
                old = Resolution.from_dict(json.loads(row[0]))
            except (ValueError, TypeError, KeyError):
                old = None
            reason = much_shorter(resolution, old) if old is not None else None
            if reason:
                model = _dump(resolution)
                connection.execute(
                    "INSERT INTO versions (symbol, version, title, source, content_hash, model, model_sha256,"
                    " added, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (resolution.symbol, version, resolution.title, source, digest, model, model_checksum(model),
                     added, f"kept beside the current text, not replacing it: {reason}"))
                outcome = "held"
            else:
                _retire_current(connection, resolution.symbol, EARLIER)
                outcome = "updated"
        if outcome != "held":
            _insert_current(connection, resolution, source, digest, version, added)
        fields = {"part": part} if part else {}
        self._log("add", source=source, sha256=digest, symbol=resolution.symbol, **fields)
        return outcome, reason

    def _log(self, event: str, **fields) -> None:
        if self._journal is not None:
            self._journal.append(event, **fields)

    def _find_symbol(self, symbol: str, versions: bool = False) -> str | None:
        tables = ["resolutions", "versions"] if versions else ["resolutions"]
        for table in tables:
            if self._query(f"SELECT 1 FROM {table} WHERE symbol = ?", (symbol,)):
                return symbol
        wanted = _symbol_key(symbol)
        for table in tables:
            for (found,) in self._query(f"SELECT DISTINCT symbol FROM {table}"):
                if _symbol_key(found) == wanted:
                    return found
        return None

    def _known(self, digest: str) -> bool:
        with self._lock:
            self._follow()
            try:
                return _known(self._connection, digest)
            except sqlite3.DatabaseError as exc:
                raise failures.library_error(exc, self.path, "read") from None

    def _checked(self, row: tuple, strict: bool) -> Resolution | None:
        row_id, symbol, model, checksum, source, digest = row
        return self._model(symbol, model, checksum, source, digest, strict, row_id)

    def _model(self, symbol: str, model: str, checksum: str | None, source: str | None, digest: str | None,
               strict: bool, row_id: int | None = None) -> Resolution | None:
        """Return the stored model if its checksum holds; else repair it from its source, or report it."""
        if checksum is None or model_checksum(model) == checksum:
            try:
                return Resolution.from_dict(json.loads(model))
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                problem = f"cannot be read ({exc})"
        else:
            problem = "does not match its checksum"
        repaired = self._repair(symbol, source, digest, row_id)
        if repaired is not None:
            self._notice(f"the library's copy of {symbol} {problem}; it was read again from {source}")
            return repaired
        message = (f"the library's copy of {symbol} {problem} and its source file {source or '(none)'} is "
                   "gone or has changed; add the resolution again from a good file "
                   f"(`penholder library add FILE`) or remove it (`penholder library remove {symbol}`)")
        if strict:
            raise LibraryError(message)
        self._notice(message + "; it is left out for now")
        return None

    def _repair(self, symbol: str, source: str | None, digest: str | None,
                row_id: int | None) -> Resolution | None:
        """Return ``symbol`` read again from its source file when the file is unchanged; store it back."""
        if not source or not digest:
            return None
        try:
            if content_hash(Path(source)) != digest:
                return None
            found = [r for r in read_resolutions(source) if r.symbol == symbol]
        except (OSError, PenholderError):
            return None
        if len(found) != 1:
            return None
        resolution = found[0]
        if row_id is not None and not self.read_only:
            try:
                with self._lock, self._transaction() as connection:
                    model = _dump(resolution)
                    connection.execute("UPDATE resolutions SET model = ?, model_sha256 = ? WHERE id = ?",
                                       (model, model_checksum(model), row_id))
                    connection.execute("DELETE FROM paragraphs WHERE resolution_id = ?", (row_id,))
                    _insert_paragraphs(connection, row_id, resolution)
                    _bump(connection)
            except (sqlite3.Error, LibraryError):
                pass  # served from the source this time; repaired at a later read
        return resolution

    def _notice(self, message: str) -> None:
        self.notices.append(message)
        _log.warning("%s", message)

    def _writable(self) -> None:
        if self.read_only:
            raise LibraryError(failures.read_only(self.path))

    def _meta(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def _set_meta(self, key: str, value: str) -> None:
        if self.read_only:
            return
        with self._lock, self._transaction() as connection:
            connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def _follow(self) -> None:
        """Reconnect when the file at ``path`` was replaced (a rebuild by another window or command), so
        nothing is read from, or written into, the file set aside as .bak."""
        now = _identity(self.path)
        if self._file is None or now is None or now == self._file or self.read_only:
            return
        try:
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            _prepare(connection, self.path, self._journal or Journal(self.path))
        except (sqlite3.Error, OSError) as exc:
            raise failures.library_error(exc, self.path, "open") from None
        self._connection.close()
        self._connection, self._file = connection, now

    def _transaction(self):
        self._follow()
        return _Transaction(self._connection)

    def _query(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        with self._lock:
            self._follow()
            try:
                return self._connection.execute(sql, parameters).fetchall()
            except sqlite3.DatabaseError as exc:
                if failures.is_damage(exc):
                    raise LibraryError(f"{self.path} cannot be read ({exc}); {REBUILD_HINT}") from None
                raise failures.library_error(exc, self.path, "read") from None


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` when the block raises."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        self.connection.execute("BEGIN IMMEDIATE")
        return self.connection

    def __exit__(self, kind, value, traceback) -> None:
        if kind:
            try:
                self.connection.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite already rolled back (a full disk does that); raise the first error
        else:
            self.connection.execute("COMMIT")


def rebuild_library(path: str | Path | None = None,
                    progress: Progress | None = None) -> tuple[Library, ImportReport]:
    """Build the library again from its sources; see ``penholder.library.rebuild.rebuild_library``."""
    from penholder.library.rebuild import rebuild_library as rebuild

    return rebuild(path, progress)


def _identity(path: Path) -> tuple[int, int] | None:
    """Return (device, inode) of the file at ``path``, or None."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _is_empty(path: Path) -> bool:
    """Return whether no library is stored at ``path`` (no file, or 0 bytes with no write-ahead log)."""
    try:
        if path.stat().st_size:
            return False
    except FileNotFoundError:
        return True
    except OSError:
        return False
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size == 0
    except OSError:
        return True


def _refuse_lost_library(path: Path, journal: Journal, create: bool) -> None:
    """Raise LibraryError when ``path`` should hold a library but does not; return when one may be made."""
    if not path.parent.is_dir():
        raise LibraryError(f"{path.parent} does not exist; create the folder or choose another library")
    adds = journal.read().adds() if journal.exists() else []
    if adds:
        state = "is empty (0 bytes)" if path.exists() else "is missing"
        raise LibraryError(f"the library {path} {state}, but its journal ({journal.path.name}) records "
                           f"{len(adds)} files added to it; run `penholder library rebuild` to rebuild it from "
                           f"those files (or delete {journal.path.name} to start an empty library)")
    if not create:
        raise LibraryError(f"{path}: no such library file (check the path, or leave out --library to use "
                           "yours)")


def _read_only_cause(exc: BaseException, path: Path) -> bool:
    message = failures.describe(exc, path)
    return message in (failures.read_only(path), failures.no_permission(path))


def _stops_batch(exc: BaseException, path: Path) -> bool:
    message = failures.describe(exc, path)
    return message in (failures.full_disk(path), failures.read_only(path), failures.no_permission(path),
                       failures.locked(path)) or failures.is_damage(exc)


def _prepare(connection: sqlite3.Connection, path: Path, journal: Journal) -> None:
    version = _check_version(connection, path)
    if version == 0:
        if not _tables(connection):
            connection.execute("PRAGMA journal_mode = WAL")
        # Look again under the write lock: another window or command may be creating it right now.
        connection.execute("BEGIN IMMEDIATE")
        try:
            if _check_version(connection, path) == 0 and not _tables(connection):
                for statement in (_SCHEMA + _VERSIONS).split(";"):
                    if statement.strip():
                        connection.execute(statement)
                voting_records.create(connection)
                connection.execute("INSERT INTO meta VALUES ('library_id', ?), ('generation', '0'), ('created', ?)",
                                   (uuid.uuid4().hex, _now()))
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        version = _check_version(connection, path)
    if version == 1 and {"meta", "resolutions", "paragraphs"} <= _tables(connection):
        _upgrade_from_1(connection, path, journal)
        version = _check_version(connection, path)
    if version == 2 and {"meta", "resolutions", "paragraphs", "versions"} <= _tables(connection):
        _upgrade_from_2(connection, path)
        version = _check_version(connection, path)
    if version != SCHEMA_VERSION or not {"meta", "resolutions", "paragraphs", "versions"} <= _tables(connection):
        raise LibraryError(f"{path} is not a Penholder library (schema {version}); {REBUILD_HINT}")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("SELECT COUNT(*) FROM resolutions").fetchone()
    connection.execute("PRAGMA foreign_keys = ON")


def _upgrade_from_1(connection: sqlite3.Connection, path: Path, journal: Journal) -> None:
    """Add versions and model checksums to a version 1 library; record its sources in the journal."""
    with _Transaction(connection):
        if _check_version(connection, path) == 1:
            connection.execute("ALTER TABLE resolutions ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
            connection.execute("ALTER TABLE resolutions ADD COLUMN model_sha256 TEXT")
            for statement in _VERSIONS.split(";"):
                if statement.strip():
                    connection.execute(statement)
            known = journal.read().hashes()
            rows = connection.execute("SELECT id, symbol, source, content_hash, model FROM resolutions").fetchall()
            for row_id, symbol, source, digest, model in rows:
                connection.execute("UPDATE resolutions SET model_sha256 = ? WHERE id = ?",
                                   (model_checksum(model), row_id))
                if source and digest and digest not in known:
                    journal.append("add", source=source, sha256=digest, symbol=symbol)
            connection.execute("PRAGMA user_version = 2")


def _upgrade_from_2(connection: sqlite3.Connection, path: Path) -> None:
    """Add the voting-data tables to a version 2 library (nothing else changes)."""
    with _Transaction(connection):
        if _check_version(connection, path) == 2:
            voting_records.create(connection)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _check_version(connection: sqlite3.Connection, path: Path) -> int:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise LibraryError(f"{path} was made by a newer Penholder (library schema {version}, this version "
                           f"reads {SCHEMA_VERSION}); update Penholder to use it (the file is left as it is), "
                           "or run `penholder library rebuild` to build a library this version reads from "
                           "the same source files")
    return version


def _tables(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _known(connection: sqlite3.Connection, digest: str) -> bool:
    return bool(connection.execute("SELECT 1 FROM resolutions WHERE content_hash = ?", (digest,)).fetchone()
                or connection.execute("SELECT 1 FROM versions WHERE content_hash = ?", (digest,)).fetchone())


def _next_version(connection: sqlite3.Connection, symbol: str) -> int:
    row = connection.execute(
        "SELECT MAX(v) FROM (SELECT version AS v FROM resolutions WHERE symbol = ?"
        " UNION ALL SELECT version FROM versions WHERE symbol = ?)", (symbol, symbol)).fetchone()
    return int(row[0] or 0) + 1


def _dump(resolution: Resolution) -> str:
    return json.dumps(resolution.to_dict(), ensure_ascii=False)


def _retire_current(connection: sqlite3.Connection, symbol: str, note: str) -> None:
    """Move the current text of ``symbol`` (if any) into ``versions``."""
    row = connection.execute("SELECT id, version, title, source, content_hash, model, model_sha256, added"
                             " FROM resolutions WHERE symbol = ?", (symbol,)).fetchone()
    if row is None:
        return
    row_id, version, title, source, digest, model, checksum, added = row
    connection.execute(
        "INSERT INTO versions (symbol, version, title, source, content_hash, model, model_sha256, added, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (symbol, version, title, source, digest, model, checksum or model_checksum(model), added, note))
    connection.execute("DELETE FROM paragraphs WHERE resolution_id = ?", (row_id,))
    connection.execute("DELETE FROM resolutions WHERE id = ?", (row_id,))


def _insert_current(connection: sqlite3.Connection, resolution: Resolution, source: str | None,
                    digest: str | None, version: int, added: str) -> None:
    model = _dump(resolution)
    cursor = connection.execute(
        "INSERT INTO resolutions (symbol, body, year, title, source, content_hash, model, added, version,"
        " model_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (resolution.symbol, resolution.body, resolution.year, resolution.title, source, digest, model, added,
         version, model_checksum(model)))
    _insert_paragraphs(connection, cursor.lastrowid, resolution)


def _insert_paragraphs(connection: sqlite3.Connection, row_id: int, resolution: Resolution) -> None:
    rows = []
    for kind, paragraphs in (("preambular", resolution.preambular), ("operative", resolution.operative)):
        for position, paragraph in enumerate(paragraphs, start=1):
            number = paragraph.number if kind == "operative" and paragraph.number else position
            rows.append((row_id, len(rows) + 1, kind, number, paragraph.lead, paragraph.full_text()))
    connection.executemany("INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?)", rows)


def _counts(model: str) -> tuple[int, int]:
    try:
        data = json.loads(model)
        return len(data.get("preambular") or []), len(data.get("operative") or [])
    except (ValueError, TypeError, AttributeError):
        return 0, 0


def _bump(connection: sqlite3.Connection) -> None:
    connection.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")


def _symbol_key(symbol: str) -> str:
    return symbol.strip().upper().replace("-", "/").replace(" ", "")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
