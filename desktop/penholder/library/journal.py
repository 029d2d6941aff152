"""The library's journal: an append-only file beside the database saying what went into it.

``library.sqlite3.journal`` holds one JSON line per event, written inside the same database
transaction as the change it records, before the commit: ``add`` (source path, content hash, symbol,
time), ``remove`` and ``restore``. A line is in the file (safe from a killed process) before the
change is committed; it is flushed to the disk (fsync) once per batch, ``sync()``, not once per line. It is what ``penholder library rebuild`` rebuilds from
when the database cannot be read, so it never depends on the database file. Each line carries a
short checksum; a torn last line (a kill while writing) or a damaged line is skipped and counted.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from penholder.atomic import fsync_folder, fsync_path

SUFFIX = ".journal"


def journal_path(library_path: Path) -> Path:
    """Return the journal file of the library at ``library_path``."""
    return library_path.with_name(library_path.name + SUFFIX)


@dataclass
class JournalContents:
    """The readable events of a journal, in order, and how many lines could not be read."""

    events: list[dict] = field(default_factory=list)
    unreadable: int = 0

    def adds(self) -> list[dict]:
        """Return the ``add`` events."""
        return [event for event in self.events if event.get("event") == "add"]

    def hashes(self) -> set[str]:
        """Return the content hashes of every added source."""
        return {event["sha256"] for event in self.adds()}


class Journal:
    """The journal of one library file."""

    def __init__(self, library_path: Path) -> None:
        self.path = journal_path(library_path)
        self._unsynced = False

    def exists(self) -> bool:
        """Return whether the journal file exists."""
        return self.path.exists()

    def append(self, event: str, **fields) -> None:
        """Append one event; raises OSError (disk full, read-only …) so the caller rolls back."""
        record = {"event": event, "at": datetime.now(UTC).isoformat(timespec="seconds"), **fields}
        body = json.dumps(record, ensure_ascii=False, sort_keys=True)
        line = json.dumps({**record, "check": _check(body)}, ensure_ascii=False, sort_keys=True) + "\n"
        created = not self.path.exists()
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            data = line.encode("utf-8")
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":  # after a torn line: start a fresh one
                data = b"\n" + data
            while data:
                data = data[os.write(fd, data):]
            if created:
                os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            fsync_folder(self.path.parent)
        else:
            self._unsynced = True

    def sync(self) -> None:
        """Flush the lines appended since the last call to the disk (best effort)."""
        if not self._unsynced:
            return
        self._unsynced = False
        fsync_path(self.path)

    def read(self) -> JournalContents:
        """Return the journal's readable events (none when there is no journal)."""
        contents = JournalContents()
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return contents
        except OSError:
            contents.unreadable += 1
            return contents
        for line in raw.split(b"\n"):
            if not line.strip():
                continue
            try:
                record = json.loads(line.decode("utf-8"))
                check = record.pop("check")
                if check != _check(json.dumps(record, ensure_ascii=False, sort_keys=True)):
                    raise ValueError("checksum")
                if record.get("event") == "add" and not (isinstance(record.get("source"), str)
                                                         and isinstance(record.get("sha256"), str)):
                    raise ValueError("incomplete")
            except (ValueError, KeyError, TypeError, AttributeError):
                contents.unreadable += 1
                continue
            contents.events.append(record)
        return contents


def _check(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]

