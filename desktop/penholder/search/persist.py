"""The saved copy of a library's index, kept next to the database and rebuilt when the library changes.

A saved copy is served only when it is current and every file matches its checksum (``search.integrity``);
otherwise the index is built again from the library's database and saved in its place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from penholder.search.index import PrecedentIndex


def cached_index(library: Any) -> PrecedentIndex:
    """Return the library's index: its saved copy if current and intact, else built now from the database and
    saved (best effort)."""
    folder: Path = library.index_folder()
    stamp = library.stamp()
    if PrecedentIndex.saved_stamp(folder) == stamp:
        try:
            return PrecedentIndex.load(folder)
        except (OSError, ValueError, KeyError):  # integrity.DamagedIndex is a ValueError
            pass  # a damaged or unreadable copy: never served, built again from the database
    index = PrecedentIndex.from_resolutions(library.resolutions())
    save_index(index, folder, stamp)
    return index


def save_index(index: PrecedentIndex, folder: Path, stamp: str) -> bool:
    """Save ``index`` into ``folder`` atomically (a new folder swapped in); return whether it worked."""
    try:
        work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError:
        return False
    try:
        index.save(work, stamp)
        old = None
        if folder.exists():
            old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
            folder.replace(old)
        work.replace(folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return True
    except OSError:
        shutil.rmtree(work, ignore_errors=True)
        return False
