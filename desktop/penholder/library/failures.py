"""Naming the real cause of a library failure: full disk, read-only disk, permission, lock, damage.

SQLite and the operating system report the same few causes under many names (``SQLITE_FULL`` or an
``ENOSPC`` I/O error, ``SQLITE_READONLY`` or ``EROFS`` …). ``library_error`` turns either into one
``LibraryError`` whose message says what happened and what to do; only real damage to the file
(``SQLITE_CORRUPT``, ``SQLITE_NOTADB``) advises ``penholder library rebuild``.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from penholder.errors import LibraryError

REBUILD_HINT = ("run `penholder library rebuild` to rebuild it from its source files "
                "(the damaged file is kept as a .bak file)")

# Primary SQLite result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _PERM, _AUTH, _NOTADB = (
    5, 6, 8, 10, 11, 13, 14, 3, 23, 26)
_LOW_SPACE = 1 << 20  # under 1 MB free: an I/O error while writing is the full disk


def full_disk(path: Path) -> str:
    return (f"the disk holding {path} is full; free some space and try again "
            "(the library is unchanged)")


def read_only(path: Path) -> str:
    return (f"{path} is on a read-only disk or folder; Penholder cannot change the library there "
            "(choose a writable library, or make the folder writable)")


def no_permission(path: Path) -> str:
    return (f"no permission to use {path}; check the file's and its folder's permissions "
            "or choose another library")


def locked(path: Path) -> str:
    return (f"{path} is locked by another program (another Penholder window or command?); "
            "wait for it to finish, or close it, and try again")


def damaged(path: Path, detail: str) -> str:
    return f"{path} is damaged ({detail}); {REBUILD_HINT}"


def library_error(exc: BaseException, path: Path, doing: str = "use") -> LibraryError:
    """Return the LibraryError naming the cause of ``exc`` (an sqlite3 or OS error) for library ``path``."""
    return LibraryError(describe(exc, path, doing))


def describe(exc: BaseException, path: Path, doing: str = "use") -> str:
    """Return the drafter's message for ``exc`` raised while trying to ``doing`` the library ``path``."""
    if isinstance(exc, OSError):
        return _describe_os(exc, path, doing)
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc)
    if primary == _FULL or "database or disk is full" in text:
        return full_disk(path)
    if primary in (_BUSY, _LOCKED) or "database is locked" in text:
        return locked(path)
    if primary in (_CORRUPT, _NOTADB) or "malformed" in text or "not a database" in text:
        return damaged(path, text)
    if primary == _READONLY or "readonly database" in text:
        return read_only(path) if _on_read_only_disk(path) or not _writable(path) else (
            f"{path} could not be changed ({text}); another program may hold it read-only: close it and "
            "try again")
    if primary in (_PERM, _AUTH):
        return no_permission(path)
    if primary in (_IOERR, _CANTOPEN) or "disk I/O error" in text or "unable to open" in text:
        if _on_read_only_disk(path):
            return read_only(path)
        if not _writable(path):
            return no_permission(path)
        if _free_bytes(path) is not None and _free_bytes(path) < _LOW_SPACE:
            return full_disk(path)
        return f"could not {doing} {path} ({text}); check the disk and try again"
    return f"could not {doing} {path} ({text})"


def _describe_os(exc: OSError, path: Path, doing: str) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return full_disk(path)
    if exc.errno == errno.EROFS:
        return read_only(path)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return no_permission(Path(exc.filename) if exc.filename else path)
    if exc.errno == errno.ENOENT:
        return f"{exc.filename or path} does not exist"
    return f"could not {doing} {path} ({exc.strerror or exc})"


def _existing(path: Path) -> Path:
    """Return ``path`` or its nearest existing parent folder."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(path.anchor or ".")


def _on_read_only_disk(path: Path) -> bool:
    try:
        return bool(os.statvfs(_existing(path)).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _writable(path: Path) -> bool:
    target = path if path.exists() else _existing(path.parent)
    return os.access(target, os.W_OK) and os.access(_existing(path.parent), os.W_OK)


def _free_bytes(path: Path) -> int | None:
    try:
        stats = os.statvfs(_existing(path))
    except (OSError, AttributeError):
        return None
    return stats.f_bavail * stats.f_frsize


def is_damage(exc: BaseException) -> bool:
    """Return whether an sqlite3 error means the file itself is damaged (not the disk, lock or rights)."""
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc)
    return (isinstance(code, int) and code & 0xFF in (_CORRUPT, _NOTADB)) or "malformed" in text \
        or "not a database" in text


__all__ = ["REBUILD_HINT", "damaged", "describe", "full_disk", "is_damage", "library_error", "locked",
           "no_permission", "read_only"]
