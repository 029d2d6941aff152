"""A lock file beside a draft so that two Penholder windows do not overwrite the same file.

The lock ``.~name.penholder.lock`` holds the owner's host and process id. A lock left by a process that
no longer runs on this host is stale and taken over; within one process, a path is held once.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

from penholder.errors import DraftError

_HELD: set[Path] = set()  # paths locked by this process


def lock_path(path: Path) -> Path:
    """Return the lock file that guards ``path``."""
    return path.with_name(f".~{path.name}.lock")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class DraftLock:
    """Hold the lock of one draft file; ``acquire`` raises ``DraftError`` if another window holds it."""

    def __init__(self, path: str | Path):
        self.path = Path(path).resolve()
        self.held = False

    def owner(self) -> dict | None:
        """Return the owner recorded in a live lock file, or ``None`` when free or stale."""
        file = lock_path(self.path)
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            pid, host = int(data["pid"]), str(data["host"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if host == socket.gethostname() and pid != os.getpid() and not _alive(pid):
            return None
        if pid == os.getpid() and self.path not in _HELD:
            return None
        return data

    def acquire(self) -> None:
        """Take the lock; raise ``DraftError`` naming the holder if another window has the file open."""
        if self.held:
            return
        owner = self.owner()
        if owner is not None:
            where = "this" if owner.get("pid") == os.getpid() else f"another (process {owner.get('pid')})"
            raise DraftError(f"{self.path.name} is already open in {where} Penholder window; "
                             "close it there or use Save As")
        data = {"pid": os.getpid(), "host": socket.gethostname()}
        try:
            lock_path(self.path).write_text(json.dumps(data), encoding="utf-8")
        except OSError:
            pass  # a read-only folder: the draft can still be edited, saving will say why it fails
        _HELD.add(self.path)
        self.held = True

    def release(self) -> None:
        """Give the lock up (removing the lock file if it is ours)."""
        if not self.held:
            return
        self.held = False
        _HELD.discard(self.path)
        file = lock_path(self.path)
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            if int(data.get("pid", -1)) == os.getpid():
                file.unlink()
        except (OSError, ValueError):
            pass
