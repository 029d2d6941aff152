"""The precedent library: resolutions stored in SQLite, added from files, found by symbol or path.

Beside the database: its journal (what was added, to rebuild from) and its saved search index.
"""

from __future__ import annotations

from pathlib import Path

from penholder.errors import LibraryError, PenholderError
from penholder.library.importing import ImportReport, read_resolution, read_resolutions
from penholder.library.store import Library, LibraryEntry, rebuild_library
from penholder.library.versions import VersionEntry
from penholder.model import Resolution

__all__ = ["ImportReport", "Library", "LibraryEntry", "VersionEntry", "read_resolution", "read_resolutions",
           "rebuild_library", "resolve_resolution"]


def resolve_resolution(ref: str, library_path: str | Path | None = None) -> Resolution:
    """Return the resolution ``ref`` names: a file (read and parsed) or a symbol in the library."""
    path = Path(ref).expanduser()
    if path.is_file() and path.suffix == ".penholder":  # a draft, read as its editor shows it
        from penholder.drafts.structure import read_draft_resolution

        return read_draft_resolution(path)
    if path.is_file():
        return read_resolution(path)
    try:
        with Library.open(library_path) as library:
            found = library.get(ref)
    except LibraryError:
        raise
    except PenholderError as exc:
        raise LibraryError(str(exc)) from None
    if found is None:
        raise LibraryError(f"{ref}: no such file, and no resolution with that symbol in the library "
                           "(see `penholder library list`)")
    return found
