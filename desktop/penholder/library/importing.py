"""Reading files for the library: which files to take from a folder, their content hash, their resolution."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from penholder.model import Resolution

SUFFIXES = (".txt", ".docx", ".pdf")


@dataclass
class ImportReport:
    """What adding files did: paths added, updated (same symbol, new text), skipped (unchanged), failed
    (path, reason); a rebuild also says where the old database went (``backup``)."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False
    backup: str | None = None  # after a rebuild: where the old database was set aside

    def summary(self) -> str:
        """Return one line such as ``2 added, 1 updated, 3 unchanged, 0 failed``."""
        text = (f"{len(self.added)} added, {len(self.updated)} updated, {len(self.skipped)} unchanged, "
                f"{len(self.failed)} failed")
        return text + (" (cancelled)" if self.cancelled else "")

    def changed(self) -> bool:
        """Return whether anything was added or updated."""
        return bool(self.added or self.updated)


def read_resolution(path: str | Path) -> Resolution:
    """Return the resolution in a file (text, DOCX or PDF); raise ParseError "<file>: <reason>"."""
    from penholder.readers import read_resolution as read_any

    return read_any(path)


def content_hash(path: Path) -> str:
    """Return the SHA-256 of a file's bytes (raises OSError if it cannot be read)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Return the files named by ``paths``, a folder giving its resolution files (sorted, recursively)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")))
        else:
            files.append(path)
    return files
