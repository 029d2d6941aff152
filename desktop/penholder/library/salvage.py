"""Reading what can still be read from a damaged library file, row by row, without changing it.

The file (and its write-ahead log) is copied to a temporary folder and opened there with sqlite3. The
stored texts (current ones and earlier versions) are read one row at a time by their row id, so a
damaged page costs the rows on it, not the whole file; when even the list of row ids cannot be read,
the ids are probed one by one. A row is kept only if its model's checksum holds (or, in files from
before checksums, if the model reads as a resolution); its symbol is the model's own, which the
checksum covers (a damaged symbol column does not rename it).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from penholder.model import Resolution


@dataclass
class SalvagedText:
    """One text read back from the old file."""

    symbol: str
    source: str | None
    content_hash: str | None
    model: str
    added: str
    version: int
    current: bool
    note: str | None = None

    def resolution(self) -> Resolution:
        """Return the stored resolution."""
        return Resolution.from_dict(json.loads(self.model))


@dataclass
class Salvage:
    """What was read back: the texts, how many rows were damaged, why nothing could be read (if so)."""

    texts: list[SalvagedText] = field(default_factory=list)
    damaged: int = 0
    problem: str | None = None


_CURRENT = ("symbol", "source", "content_hash", "model", "added", "version", "model_sha256")
_EARLIER = ("symbol", "source", "content_hash", "model", "added", "version", "model_sha256", "note")


def salvage(path: Path, probe_up_to: int = 2000) -> Salvage:
    """Return the texts that can be read from the library file ``path`` (which is never changed)."""
    result = Salvage()
    try:
        if not path.exists():
            result.problem = "the file is missing"
            return result
        if path.stat().st_size == 0:
            result.problem = "the file is empty (0 bytes)"
            return result
        with tempfile.TemporaryDirectory(prefix="penholder-salvage-") as work:
            copy = Path(work) / "library.sqlite3"
            shutil.copyfile(path, copy)
            _restore_length(copy)
            wal = path.with_name(path.name + "-wal")
            if wal.exists():
                shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
            connection = sqlite3.connect(copy)
            try:
                for table, columns, current in (("resolutions", _CURRENT, True), ("versions", _EARLIER, False)):
                    _read_table(connection, table, columns, current, probe_up_to, result)
            finally:
                connection.close()
    except (OSError, sqlite3.Error) as exc:
        result.problem = result.problem or f"the file cannot be read ({exc})"
    if not result.texts and result.problem is None:
        result.problem = "no stored text could be read"
    return result


def _restore_length(copy: Path) -> None:
    """Pad a file cut short (lost last pages) with zeros to the size its header states.

    SQLite refuses every statement on a file shorter than its tables' root pages; padded, only the
    rows on the lost pages are missing.
    """
    with open(copy, "r+b") as handle:
        header = handle.read(100)
        if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
            return
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(header[28:32], "big")
        wanted = page_size * pages
        size = handle.seek(0, 2)
        if 0 < wanted <= 1 << 34 and size < wanted:
            handle.truncate(wanted)


def _read_table(connection: sqlite3.Connection, table: str, wanted: tuple[str, ...], current: bool,
                probe_up_to: int, result: Salvage) -> None:
    try:
        present = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
    except sqlite3.Error:
        present = set(wanted)  # the schema page is damaged: try the columns a current library has
    if not present:
        return
    columns = [c if c in present else "NULL" for c in wanted]
    if "model" not in present or "symbol" not in present:
        return
    ids, complete = [], False
    try:
        for (row_id,) in connection.execute(f"SELECT id FROM {table} ORDER BY id"):
            ids.append(row_id)
        complete = True
    except sqlite3.Error:
        pass
    if not complete:  # probe the ids after the last one listed
        ids.extend(range((ids[-1] if ids else 0) + 1, max(probe_up_to, (ids[-1] if ids else 0) + 1) + 1))
    sql = f"SELECT {', '.join(columns)} FROM {table} WHERE id = ?"
    last_good = ids[0] - 1 if ids else 0
    for row_id in ids:
        if not complete and row_id > last_good + 200:
            break  # probed well past the last readable row
        try:
            row = connection.execute(sql, (row_id,)).fetchone()
        except sqlite3.Error:
            result.damaged += 1
            continue
        if row is None:
            continue
        last_good = row_id
        text = _checked(row, current)
        if text is None:
            result.damaged += 1
        else:
            result.texts.append(text)


def _checked(row: tuple, current: bool) -> SalvagedText | None:
    from penholder.library.store import model_checksum

    symbol, source, digest, model, added, version, checksum, *note = row
    if not isinstance(symbol, str) or not isinstance(model, str):
        return None
    if checksum is not None and model_checksum(model) != checksum:
        return None
    text = SalvagedText(symbol, source if isinstance(source, str) else None,
                        digest if isinstance(digest, str) else None, model,
                        added if isinstance(added, str) else "", version if isinstance(version, int) else 1,
                        current, note[0] if note and isinstance(note[0], str) else None)
    try:
        resolution = text.resolution()
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    if resolution.symbol not in (symbol, None):
        if checksum is None:
            return None
        text.symbol = resolution.symbol  # the symbol column is damaged; the model's, checksummed, holds
    return text
