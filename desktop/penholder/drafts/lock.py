"""A lock file beside a draft so that two Penholder windows do not overwrite the same file.

The lock ``.~name.penholder.lock`` holds the owner's host, process id, the process's start time and a
token. It is created atomically: written completely to a temporary name, then hard-linked to the lock
name, which fails if a lock exists (``O_CREAT | O_EXCL`` where a folder has no hard links), so of any
number of windows opening the file at once exactly one gets it.

A lock whose process is gone on this host (or whose process id now belongs to a later process), or one
written on another host more than ``FOREIGN_STALE_HOURS`` ago, is stale: ``acquire`` raises
``StaleLockError`` and the window asks the drafter whether to take it over (``take_over``). Within one
process, a path is held once.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import time
from datetime import datetime
from pathlib import Path

from penholder.atomic import temp_name
from penholder.errors import DraftError
from penholder.processes import alive, started

_HELD: set[Path] = set()  # paths locked by this process
FOREIGN_STALE_HOURS = 12.0  # a lock written on another host this long ago is offered for take-over
YOUNG_SECONDS = 10.0  # an unreadable lock this young is being written; older, it is damaged (stale)
REUSE_SLACK = 2.0  # seconds: a process that started this much after its lock was written is another one


class LockedError(DraftError):
    """The draft is open in another Penholder window (this computer or another one)."""


class StaleLockError(DraftError):
    """The draft's lock was left by a Penholder that is no longer running (or, on another host, long ago).

    ``question`` is what the window asks the drafter; ``DraftLock.take_over`` takes the lock if they agree.
    """

    def __init__(self, message: str, question: str, owner: dict):
        super().__init__(message)
        self.question = question
        self.owner = owner


def lock_path(path: Path) -> Path:
    """Return the lock file that guards ``path``."""
    return path.with_name(f".~{path.name}.lock")


def _host() -> str:
    return socket.gethostname()


def _when(seconds: float) -> str:
    return datetime.fromtimestamp(seconds).strftime("%Y-%m-%d %H:%M")


def _read(file: Path) -> tuple[dict | None, float | None]:
    """Return the lock's owner record (``None`` when unreadable) and its modification time (``None`` if gone)."""
    try:
        mtime = file.stat().st_mtime
        raw = file.read_bytes()[:4096]
    except FileNotFoundError:
        return None, None
    except OSError:
        return None, time.time()
    try:
        data = json.loads(raw.decode("utf-8"))
        data["pid"] = int(data["pid"])
        data["host"] = str(data["host"])
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
        return None, mtime
    if not isinstance(data, dict):
        return None, mtime
    return data, mtime


class DraftLock:
    """Hold the lock of one draft file; ``acquire`` raises ``LockedError`` if another window holds it and
    ``StaleLockError`` if a stopped Penholder left it (then ``take_over`` when the drafter agrees)."""

    def __init__(self, path: str | Path):
        self.path = Path(path).resolve()
        self.held = False
        self.token = ""

    @property
    def file(self) -> Path:
        """Return this draft's lock file."""
        return lock_path(self.path)

    def owner(self) -> dict | None:
        """Return the owner recorded in a live lock file, or ``None`` when free or stale."""
        data, mtime = _read(self.file)
        if mtime is None:
            return None
        try:
            self._check(data, mtime)
        except StaleLockError:
            return None
        except LockedError:
            return data or {}
        return None

    def _record(self) -> dict:
        return {"pid": os.getpid(), "host": _host(), "started": started(os.getpid()), "locked": time.time(),
                "token": self.token}

    def _check(self, data: dict | None, mtime: float) -> None:
        """Raise ``LockedError`` or ``StaleLockError`` for an existing lock; return if it is free to take."""
        name = self.path.name
        what_to_do = "close it there, or use Save As to keep your text in another file"
        if data is None:
            if time.time() - mtime < YOUNG_SECONDS:
                raise LockedError(f"{name} is being opened in another Penholder window; {what_to_do}")
            raise StaleLockError(
                f"{name} has a damaged lock file ({self.file.name})",
                f"{name} has a damaged lock file, left by a Penholder that stopped. If no other Penholder "
                "window has this draft open, take the lock over and open it?", {})
        pid, host = data["pid"], data["host"]
        locked = data["locked"] if isinstance(data.get("locked"), (int, float)) else mtime
        if host != _host():
            locked = max(locked, mtime)  # ``refresh`` keeps the file's time current while it is open
            hours = (time.time() - locked) / 3600
            if hours < FOREIGN_STALE_HOURS:
                raise LockedError(
                    f"{name} is open in Penholder on {host} (since {_when(locked)}); {what_to_do}. If Penholder "
                    f"is no longer running there, it can be taken over after {FOREIGN_STALE_HOURS:g} hours, or "
                    f"delete the lock file {self.file} now")
            raise StaleLockError(
                f"{name} was locked by Penholder on {host} on {_when(locked)}, {hours:,.0f} hours ago",
                f"{name} was opened in Penholder on {host} on {_when(locked)} ({hours:,.0f} hours ago) and "
                "is still marked as open there. If it is no longer open on that computer, take it over and "
                "open it here?", data)
        if pid == os.getpid():
            if self.path in _HELD:
                raise LockedError(f"{name} is already open in this Penholder window; {what_to_do}")
            return  # an earlier lock of this process (or of a process that had our id): ours to take
        stale_reason = ""
        if not alive(pid):
            stale_reason = f"process {pid} is no longer running"
        else:
            begun = started(pid)
            recorded = data.get("started")
            if begun is not None and isinstance(recorded, (int, float)) and abs(begun - recorded) > REUSE_SLACK:
                stale_reason = f"process {pid} is now another program"
            elif begun is not None and begun > locked + REUSE_SLACK:
                stale_reason = f"process {pid} started after the lock was written (another program)"
        if not stale_reason:
            raise LockedError(f"{name} is already open in another Penholder window (process {pid}); "
                              f"{what_to_do}")
        raise StaleLockError(
            f"{name} was left locked by a Penholder that stopped ({stale_reason})",
            f"{name} was left locked by a Penholder window that is no longer running (it may have "
            f"crashed on {_when(locked)}). Take the lock over and open the draft?", data)

    def _create(self) -> bool:
        """Create the lock file atomically with our record; return False if a lock file exists."""
        self.token = secrets.token_hex(8)
        content = json.dumps(self._record()).encode("utf-8")
        tmp = temp_name(self.file)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except OSError:
            return self._create_exclusive(content)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            try:
                os.link(tmp, self.file)
            except FileExistsError:
                return False
            except OSError:  # no hard links here (FAT, some network shares)
                return self._create_exclusive(content)
            return True
        finally:
            try:
                os.unlink(tmp)
            except OSError:
                pass

    def _create_exclusive(self, content: bytes) -> bool:
        try:
            fd = os.open(self.file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        return True

    def acquire(self) -> None:
        """Take the lock, or raise ``LockedError`` (held by a running window) or ``StaleLockError``."""
        if self.held:
            return
        for _attempt in range(3):
            try:
                if self._create():
                    break
            except OSError:
                break  # a read-only folder: the draft can still be edited, saving will say why it fails
            data, mtime = _read(self.file)
            if mtime is None:
                continue  # released meanwhile: try again
            self._check(data, mtime)
            # our own process's leftover (same pid, not held): replace it
            if self._replace(data):
                break
        else:
            raise LockedError(f"{self.path.name} is being opened in another Penholder window; close it "
                              "there, or use Save As to keep your text in another file")
        _HELD.add(self.path)
        self.held = True

    def take_over(self, stale: StaleLockError) -> None:
        """Take a stale lock the drafter agreed to take over; raise ``LockedError`` if another window took
        it first (or the holder came back), or ``StaleLockError`` again if it changed into another stale lock."""
        if self.held:
            return
        if not self._replace(stale.owner or None):
            raise LockedError(f"{self.path.name} was just opened in another Penholder window; close it "
                              "there, or use Save As to keep your text in another file")
        _HELD.add(self.path)
        self.held = True

    def _replace(self, expected: dict | None) -> bool:
        """Replace the lock file if it still holds ``expected`` (``None``: still unreadable); return whether
        we now hold it. A second lock file (``.break``) makes one window at a time do this."""
        breaker = self.file.with_name(self.file.name + ".break")
        try:
            fd = os.open(breaker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            try:
                if time.time() - breaker.stat().st_mtime > 60:
                    breaker.unlink()  # left by a window killed while taking over
            except OSError:
                pass
            return False
        except OSError:
            return False
        os.close(fd)
        try:
            data, mtime = _read(self.file)
            if mtime is not None:
                if (data or {}) != (expected or {}):
                    return False  # someone else's lock now
                try:
                    self.file.unlink()
                except FileNotFoundError:
                    pass
            return self._create()
        finally:
            try:
                breaker.unlink()
            except OSError:
                pass

    def refresh(self) -> None:
        """Mark the lock as still in use (its time), so that other hosts do not see it as old."""
        if self.held:
            try:
                os.utime(self.file)
            except OSError:
                pass

    def release(self) -> None:
        """Give the lock up (removing the lock file if it is ours)."""
        if not self.held:
            return
        self.held = False
        _HELD.discard(self.path)
        data, _mtime = _read(self.file)
        if data is not None and data.get("pid") == os.getpid() and data.get("token", self.token) == self.token:
            try:
                self.file.unlink()
            except OSError:
                pass
