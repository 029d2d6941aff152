"""Reading files for the library: which files to take from a folder, their content hash, their resolutions.

A file holding several resolutions gives each of them (cut at each one's own header) or a clear
refusal, never the first with the others' footnotes.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from penholder.errors import ParseError
from penholder.model import Resolution

SUFFIXES = (".txt", ".docx", ".pdf")


@dataclass
class ImportReport:
    """What adding files did: paths added, updated (same symbol, new text; the old text kept as an earlier
    version), skipped (unchanged), failed (path, reason), held (path, reason: a text much shorter than
    the one it would replace, kept beside it as a version, not swapped in); a rebuild also says where
    the old database went (``backup``), which resolutions it could not bring back (``missing``, symbol
    and reason) and how many it took from the old file (``salvaged``)."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False
    backup: str | None = None  # after a rebuild: where the old database was set aside
    held: list[tuple[str, str]] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)
    salvaged: int = 0
    stopped: str | None = None  # why the batch stopped early (full disk, read-only, locked)
    notes: list[str] = field(default_factory=list)  # worth saying, not failures (a rebuild's journal lines)

    def summary(self) -> str:
        """Return one line such as ``2 added, 1 updated, 3 unchanged, 0 failed``."""
        text = (f"{len(self.added)} added, {len(self.updated)} updated, {len(self.skipped)} unchanged, "
                f"{len(self.failed)} failed")
        if self.held:
            text += f", {len(self.held)} kept as a version (not replacing a longer text)"
        if self.missing:
            text += f", {len(self.missing)} missing"
        return text + (" (cancelled)" if self.cancelled else "")

    def changed(self) -> bool:
        """Return whether anything was added or updated."""
        return bool(self.added or self.updated)


def read_resolution(path: str | Path) -> Resolution:
    """Return the resolution in a file (text, DOCX or PDF); raise ParseError "<file>: <reason>"."""
    from penholder.readers import read_resolution as read_any

    return read_any(path)


def read_resolutions(path: str | Path) -> list[Resolution]:
    """Return every resolution in a file (one for most files); raise ParseError "<file>: <reason>".

    A text file holding several resolutions gives each; a DOCX or PDF holding several is refused
    (their footnotes are gathered at the end, so they cannot be shared out with certainty).
    """
    from penholder.library.splitting import split_resolutions
    from penholder.readers import TEXT, parse_document, read_document

    document = read_document(path)
    parts = split_resolutions(document.text)
    if len(parts) == 1:
        return [parse_document(document)]
    name = str(path)
    if document.format != TEXT:
        raise ParseError(f"{name}: holds {len(parts)} resolutions; Penholder takes one resolution per "
                         f"{document.format.upper()} file: save each resolution as its own file and add those")
    resolutions = []
    for number, part in enumerate(parts, start=1):
        try:
            resolutions.append(parse_document(replace(document, text=part)))
        except ParseError as exc:
            reason = str(exc).removeprefix(f"{name}: ")
            raise ParseError(f"{name}: holds {len(parts)} resolutions and number {number} cannot be read on "
                             f"its own ({reason}); save each resolution as its own file and add those") from None
    symbols = [r.symbol for r in resolutions if r.symbol]
    if len(set(symbols)) < len(symbols):
        twice = next(s for s in symbols if symbols.count(s) > 1)
        raise ParseError(f"{name}: holds {len(parts)} texts, two of them {twice}; save each text as its own "
                         "file and add them one by one")
    return resolutions


def content_hash(path: Path) -> str:
    """Return the SHA-256 of a file's bytes (raises OSError if it cannot be read, or is a pipe or a device,
    which would never end)."""
    digest = hashlib.sha256()
    with open(path, "rb", opener=_regular_only) as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _regular_only(path: str, flags: int) -> int:
    """Open ``path`` without blocking, and only if it is a regular file (a FIFO would wait for a writer)."""
    descriptor = os.open(path, flags | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise OSError(errno.EINVAL, "not a regular file (a device, pipe or socket); save it as a file first")
    return descriptor


def expand_paths(paths: Iterable[str | Path], empty: list[Path] | None = None) -> list[Path]:
    """Return the files named by ``paths``, a folder giving its resolution files (sorted, recursively).

    Folders without any resolution file are appended to ``empty`` when it is given.
    """
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith("."))
            if not found and empty is not None:
                empty.append(path)
            files.extend(found)
        else:
            files.append(path)
    return files
