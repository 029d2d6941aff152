"""The saved copy of a library's index, kept next to the database and rebuilt when the library changes.

A saved copy is served only when it is current and every file matches its checksum (``search.integrity``);
otherwise the index is built again from the library's database and saved in its place. A copy is written
into a new folder and swapped in by renaming, so a save killed at any moment leaves the previous copy or
none, never half of one; the folders such a save leaves beside it (named with its process id) are removed
at the next open once that process is gone.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from penholder.processes import alive
from penholder.search.index import PrecedentIndex

_LEFTOVER = re.compile(r"\.(?:tmp|old)-(\d+)(?:-|$)")
_UNNAMED_AFTER = 24 * 3600  # leftovers of versions that did not name their process: removed after a day


def cached_index(library: Any) -> PrecedentIndex:
    """Return the library's index: its saved copy if current and intact, else built now from the database and
    saved (best effort)."""
    folder: Path = library.index_folder()
    clean_leftovers(folder)
    stamp = library.stamp()
    votes = library.votes() if hasattr(library, "votes") else None
    if PrecedentIndex.saved_stamp(folder) == stamp:
        try:
            index = PrecedentIndex.load(folder)
            index.votes = votes
            return index
        except (OSError, ValueError, KeyError):  # integrity.DamagedIndex is a ValueError
            pass  # a damaged or unreadable copy: never served, built again from the database
    index = PrecedentIndex.from_resolutions(library.resolutions())
    save_index(index, folder, stamp)
    index.votes = votes
    return index


def save_index(index: PrecedentIndex, folder: Path, stamp: str) -> bool:
    """Save ``index`` into ``folder`` atomically (a new folder swapped in); return whether it worked."""
    try:
        work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.tmp-{os.getpid()}-", dir=folder.parent))
    except OSError:
        return False
    try:
        index.save(work, stamp)
        old = None
        if folder.exists():
            old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
            shutil.rmtree(old, ignore_errors=True)
            folder.replace(old)
        work.replace(folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return True
    except OSError:
        shutil.rmtree(work, ignore_errors=True)
        return False


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove the folders that saves of ``folder`` killed midway left beside it (their process is gone);
    return those removed."""
    removed = []
    try:
        candidates = list(folder.parent.glob(f".{glob.escape(folder.name)}.*"))
    except OSError:
        return removed
    for path in candidates:
        found = _LEFTOVER.match(path.name[len(folder.name) + 1:])
        if found is not None:
            if alive(int(found.group(1))):
                continue
        else:
            try:
                if time.time() - path.stat().st_mtime < _UNNAMED_AFTER:
                    continue
            except OSError:
                continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed

