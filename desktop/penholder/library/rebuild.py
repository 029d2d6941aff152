"""``penholder library rebuild``: a new library file built from the sources, never from less.

The new file is built beside the old one (``.library.sqlite3.rebuild-PID``) from, in this order: the
bundled seeds, every file the journal says was added (its text salvaged from the old file when that
row still reads and its checksum holds, else read again from the source file), then whatever the
old file holds that the journal does not know (libraries from before the journal). Removals and
restores in the journal are replayed. The GA voting data comes back from the CSV the journal names
when that file is unchanged, else from the old file's tables, else the report says to import it again. Only when the new file is complete and on disk is it swapped
in with ``os.replace``; the old file stays as ``library.sqlite3.bak`` (a hard link made before the
swap). A kill at any moment leaves the old live library as it was, and the next rebuild clears the
half-built file. The report names every source it could not read again and every resolution missing.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections import defaultdict
from pathlib import Path

from penholder import paths
from penholder.atomic import fsync_folder
from penholder.errors import LibraryError, PenholderError
from penholder.library import failures
from penholder.library.importing import ImportReport, content_hash, expand_paths, read_resolutions
from penholder.library.journal import Journal, JournalContents
from penholder.library.salvage import SalvagedText, salvage
from penholder.library.store import Library, Progress, _bump, _now, _retire_current

_SIDES = ("-wal", "-shm", "-journal")
_BATCH = 50  # resolutions per transaction while building (the new file is not live yet)


def rebuild_library(path: str | Path | None = None,
                    progress: Progress | None = None) -> tuple[Library, ImportReport]:
    """Build the library at ``path`` again from its sources; return (the new library, the report).

    Works on a damaged, empty or missing file too (which ``Library.open`` refuses). Raises
    LibraryError naming the cause (full disk, read-only …) with the old file untouched.
    """
    if path is None:
        try:
            path = paths.default_library_path()
        except OSError as exc:
            raise failures.library_error(exc, Path(exc.filename or "your Penholder folder"), "create") from None
    path = Path(path)
    if not path.parent.is_dir():
        raise LibraryError(f"{path.parent} does not exist; create the folder or choose another library")
    work = path.with_name(f".{path.name}.rebuild-{os.getpid()}")
    try:
        _clear_leftovers(path)
        _remove(work)
        report = _build(path, work, progress)
        backup = _swap(path, work)
    except LibraryError:
        _remove(work)
        raise
    except (sqlite3.Error, OSError) as exc:
        _remove(work)
        raise failures.library_error(exc, path, "rebuild") from None
    except BaseException:
        _remove(work)
        raise
    report.backup = str(backup) if backup else None
    return Library.open(path, fill=False), report


def _build(path: Path, work: Path, progress: Progress | None) -> ImportReport:
    journal = Journal(path)
    contents = journal.read()
    old = salvage(path, probe_up_to=max(2000, 4 * len(contents.events)))
    report = ImportReport()
    if contents.unreadable:
        report.notes.append(f"{contents.unreadable} line(s) of {journal.path.name} could not be read (cut short "
                            "by a kill, or damaged); a file named only there is not in the rebuilt library "
                            "unless the old file still held it")
    if old.problem:
        report.notes.append(f"nothing could be taken from the old file ({old.problem}): every resolution was "
                            "read again from its source")
    elif old.damaged:
        report.notes.append(f"{old.damaged} stored text(s) of the old file could not be read back")
    new = Library.open(work, fill=False, journal_for=path)
    new._journal = None  # replaying: the journal already holds these events
    try:
        connection = new._connection
        connection.execute("PRAGMA synchronous = OFF")  # made durable as a whole before the swap
        builder = _Builder(new, report, old.texts, progress)
        builder.seeds(contents)
        builder.replay(contents)
        builder.rest()
        builder.finish()
        _carry_votes(path, connection, contents, report)
        report.salvaged = builder.salvaged
        report.missing = builder.missing(contents)
        new._set_meta("bundled", _now())
        unknown = builder.unjournaled(contents)
    finally:
        new.close()
    for source, digest, symbol in unknown:  # texts known only to the old file: the journal learns them
        journal.append("add", source=source, sha256=digest, symbol=symbol)
    journal.sync()
    _settle(work)
    return report


class _Builder:
    """Fills the new library: seeds, journal replay, then the old file's remaining texts."""

    def __init__(self, library: Library, report: ImportReport, salvaged: list[SalvagedText],
                 progress: Progress | None) -> None:
        self.library = library
        self.report = report
        self.progress = progress
        self.by_hash: dict[str, list[SalvagedText]] = defaultdict(list)
        for text in salvaged:
            if text.content_hash:
                self.by_hash[text.content_hash].append(text)
        self.salvaged_texts = salvaged
        self.done: set[str] = set()
        self.salvaged = 0
        self.pending = 0
        self.failed_sources: dict[str, str] = {}
        self.connection = library._connection
        self.connection.execute("BEGIN IMMEDIATE")

    def seeds(self, contents: JournalContents) -> None:
        """Add the bundled seeds the journal does not mention (it says when one was removed)."""
        journaled = contents.hashes()
        for path in expand_paths([paths.bundled_corpus_dir()]):
            try:
                digest = content_hash(path)
            except OSError as exc:
                self.report.failed.append((str(path), f"cannot read the file ({exc.strerror or exc})"))
                continue
            if digest not in journaled:
                self._from_source(str(path), digest, expected=set())

    def replay(self, contents: JournalContents) -> None:
        """Replay the journal's adds, removals and restores in order."""
        groups: dict[str, set[str]] = defaultdict(set)
        for event in contents.adds():
            groups[event["sha256"]].add(event.get("symbol") or "")
        total = len(groups)
        for event in contents.events:
            kind = event.get("event")
            if kind == "add":
                digest = event["sha256"]
                if digest not in self.done:
                    self._one(event["source"], digest, groups[digest])
                    if self.progress is not None:
                        self.progress(len(self.done), total, event["source"])
            elif kind == "remove" and isinstance(event.get("symbol"), str):
                self.connection.execute("DELETE FROM resolutions WHERE symbol = ?", (event["symbol"],))
                self.connection.execute("DELETE FROM versions WHERE symbol = ?", (event["symbol"],))
            elif kind == "restore" and isinstance(event.get("symbol"), str):
                self._restore(event["symbol"], event.get("sha256"))

    def rest(self) -> None:
        """Add the old file's texts that neither the seeds nor the journal brought (oldest first)."""
        left = [t for t in self.salvaged_texts if t.content_hash not in self.done]
        for text in sorted(left, key=lambda t: (t.symbol, t.current, t.version)):
            if text.content_hash in self.done and text.content_hash is not None:
                continue
            self._ingest(text.resolution(), text.source or "", text.content_hash or "", text.added)
            self.salvaged += 1
            self.report.added.append(text.source or text.symbol)
            if text.content_hash:
                self.done.add(text.content_hash)

    def finish(self) -> None:
        """Commit what is left."""
        self.connection.execute("COMMIT")

    def missing(self, contents: JournalContents) -> list[tuple[str, str]]:
        """Return (symbol, reason) for each resolution known before that the new library lacks."""
        removed: set[str] = set()
        expected: dict[str, str] = {}
        for event in contents.events:
            symbol = event.get("symbol")
            if not isinstance(symbol, str) or not symbol:
                continue
            if event.get("event") == "add":
                expected[symbol] = event["source"]
                removed.discard(symbol)
            elif event.get("event") == "remove":
                removed.add(symbol)
                expected.pop(symbol, None)
        for text in self.salvaged_texts:
            expected.setdefault(text.symbol, text.source or "")
        have = {row[0] for row in self.connection.execute(
            "SELECT symbol FROM resolutions UNION SELECT symbol FROM versions")}
        result = []
        for symbol, source in expected.items():
            if symbol not in have and symbol not in removed:
                reason = self.failed_sources.get(source) or f"its source {source} could not be read again"
                result.append((symbol, reason))
        return sorted(result)

    def unjournaled(self, contents: JournalContents) -> list[tuple[str, str, str]]:
        """Return (source, hash, symbol) of the new library's texts the journal does not know."""
        known = contents.hashes()
        rows = self.connection.execute(
            "SELECT source, content_hash, symbol FROM resolutions UNION ALL"
            " SELECT source, content_hash, symbol FROM versions").fetchall()
        return [(s, d, y) for s, d, y in rows if s and d and d not in known]

    # -- inside ---------------------------------------------------------------------------------------

    def _one(self, source: str, digest: str, symbols: set[str]) -> None:
        texts = self.by_hash.get(digest, [])
        if texts and symbols <= {t.symbol for t in texts} | {""}:
            for text in sorted(texts, key=lambda t: t.version):
                try:
                    resolution = text.resolution()
                except (ValueError, TypeError, KeyError, AttributeError):
                    continue
                self._ingest(resolution, text.source or source, digest, text.added)
            self.done.add(digest)
            self.salvaged += 1
            self.report.added.append(source)
            return
        self._from_source(source, digest, symbols)

    def _from_source(self, source: str, digest: str, expected: set[str]) -> None:
        path = Path(source)
        self.done.add(digest)
        if not path.is_file():
            self.failed_sources[source] = f"its source {source} no longer exists"
            self.report.failed.append((source, "the file no longer exists"))
            return
        try:
            now_digest = content_hash(path)
            resolutions = read_resolutions(path)
        except OSError as exc:
            reason = f"cannot read the file ({exc.strerror or exc})"
            self.failed_sources[source] = f"its source {source}: {reason}"
            self.report.failed.append((source, reason))
            return
        except PenholderError as exc:
            self.failed_sources[source] = str(exc)
            self.report.failed.append((source, str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 (a reader bug must not stop the rebuild)
            reason = f"could not be read ({type(exc).__name__}: {exc})"
            self.failed_sources[source] = reason
            self.report.failed.append((source, reason))
            return
        self.done.add(now_digest)
        for number, resolution in enumerate(resolutions, start=1):
            if not resolution.symbol:
                resolution.symbol = f"{path.stem}@{now_digest[:10]}" + (f"-{number}" if len(resolutions) > 1
                                                                           else "")
            if resolution.paragraphs:
                self._ingest(resolution, source, now_digest, _now())
        if now_digest == digest or not expected:
            self.report.added.append(source)
        else:
            self.report.updated.append(source)  # the file changed since it was added: its text now

    def _ingest(self, resolution, source: str, digest: str, added: str) -> None:
        if self.connection.execute("SELECT 1 FROM resolutions WHERE content_hash = ? AND symbol = ?"
                                   " UNION SELECT 1 FROM versions WHERE content_hash = ? AND symbol = ?",
                                   (digest, resolution.symbol, digest, resolution.symbol)).fetchone():
            return
        self.library.ingest(self.connection, resolution, source, digest, added or _now())
        _bump(self.connection)
        self.pending += 1
        if self.pending >= _BATCH:
            self.connection.execute("COMMIT")
            self.connection.execute("BEGIN IMMEDIATE")
            self.pending = 0

    def _restore(self, symbol: str, digest: str | None) -> None:
        row = self.connection.execute("SELECT id, version, source, content_hash, model, model_sha256, added"
                                      " FROM versions WHERE symbol = ? AND content_hash IS ?",
                                      (symbol, digest)).fetchone()
        if row is None:
            return
        version_id, version, source, found_digest, model, _checksum, added = row
        resolution = self.library._model(symbol, model, None, source, found_digest, strict=False)
        if resolution is None:
            return
        from penholder.library.store import _insert_current

        _retire_current(self.connection, symbol, f"earlier text (version {version} restored)")
        self.connection.execute("DELETE FROM versions WHERE id = ?", (version_id,))
        _insert_current(self.connection, resolution, source, found_digest, version, added)


def _carry_votes(path: Path, connection: sqlite3.Connection, contents: JournalContents,
                 report: ImportReport) -> None:
    """Bring the GA voting data into the new file: read again from its unchanged CSV, else copied from the
    old file, else a note saying to import it again."""
    from penholder.library import voting_records
    from penholder.library.votes import read_voting_data

    events = [e for e in contents.events if e.get("event") == "votes" and isinstance(e.get("source"), str)]
    last = events[-1] if events else None
    problem = None
    if last is not None:
        source = Path(last["source"])
        try:
            if content_hash(source) == last.get("sha256"):
                data = read_voting_data(source)
                connection.execute("BEGIN IMMEDIATE")
                voting_records.store(connection, data, {
                    "path": str(source), "sha256": last.get("sha256"), "imported": last.get("at"),
                    "rows": data.rows, "resolutions": len(data.records), "layout": data.layout})
                connection.execute("COMMIT")
                return
            problem = f"{source} has changed since it was imported"
        except OSError as exc:
            problem = f"{source} cannot be read ({exc.strerror or exc})"
        except LibraryError as exc:
            problem = str(exc)
    if _copy_old_votes(path, connection):
        if problem:
            report.notes.append(f"the voting data was taken from the old file ({problem})")
        return
    if last is not None:
        report.notes.append(f"the GA voting data is not in the rebuilt library ({problem}, and the old file's copy "
                            "cannot be read); import it again (`penholder library votes FILE.csv`)")


def _copy_old_votes(path: Path, connection: sqlite3.Connection) -> bool:
    """Copy the voting tables of the old file at ``path`` into ``connection``; return whether it held any."""
    from penholder.library import voting_records

    if not path.exists():
        return False
    try:
        old = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)
        try:
            states = old.execute("SELECT position, code, name FROM ga_states").fetchall()
            columns = ("symbol_key, resolution, undl_id, date, session, draft, committee_report, meeting, title,"
                       " agenda_title, vote_note, yes, no, abstentions, non_voting, members, votes")
            rows = old.execute(f"SELECT {columns} FROM ga_votes ORDER BY id").fetchall()
            meta = old.execute("SELECT key, value FROM meta WHERE key IN (?, ?)",
                               (voting_records.COVERAGE, voting_records.SOURCE)).fetchall()
        finally:
            old.close()
    except sqlite3.Error:
        return False
    if not rows:
        return False
    connection.execute("BEGIN IMMEDIATE")
    try:
        voting_records.create(connection)
        connection.executemany("INSERT INTO ga_states VALUES (?, ?, ?)", states)
        connection.executemany(f"INSERT INTO ga_votes ({columns}) VALUES ({', '.join('?' * 17)})", rows)
        connection.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta)
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
    return True


def _settle(work: Path) -> None:
    """Fold the new file's write-ahead log into it and flush it to disk."""
    connection = sqlite3.connect(work)
    try:
        connection.execute("PRAGMA journal_mode = DELETE").fetchone()
    finally:
        connection.close()
    fd = os.open(work, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _swap(path: Path, work: Path) -> Path | None:
    """Put ``work`` in place of ``path`` in one rename; return where the old file is kept (or None)."""
    backup = None
    if path.exists():
        _checkpoint(path)
        backup = _free_name(path.with_name(path.name + ".bak"))
        _keep(path, backup)
        for side in ("-wal", "-shm"):
            old_side = path.with_name(path.name + side)
            if old_side.exists() and old_side.stat().st_size:
                _keep(old_side, backup.with_name(backup.name + side))
    for side in _SIDES:  # an old log must never be read against the new file
        path.with_name(path.name + side).unlink(missing_ok=True)
    os.replace(work, path)
    fsync_folder(path.parent)
    return backup


def _checkpoint(path: Path) -> None:
    """Write the old file's log into it where SQLite still can (nothing committed is left only in the log)."""
    try:
        connection = sqlite3.connect(path, timeout=2)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        pass


def _keep(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _free_name(path: Path) -> Path:
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}.{number}")
    return candidate


def _remove(work: Path) -> None:
    for name in (work, *(work.with_name(work.name + side) for side in _SIDES)):
        try:
            name.unlink(missing_ok=True)
        except OSError:
            pass


def _clear_leftovers(path: Path) -> None:
    """Remove half-built files of earlier rebuilds whose process is gone."""
    for leftover in path.parent.glob(f".{path.name}.rebuild-*"):
        pid = leftover.name.rsplit("-", 1)[-1]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
            continue  # still running
        except ProcessLookupError:
            pass
        except PermissionError:
            continue
        _remove(leftover)
