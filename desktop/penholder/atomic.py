"""Atomic file writes: write a temporary file beside the real target, fsync it, ``os.replace`` it, fsync the folder.

A symlinked target is written through to the file it points at (the link stays a link). An existing
file keeps its permission bits; a new one gets the user's umask (as ``open()`` would give it). The
temporary file is named ``.NAME.HOST-PID-TOKEN.penholder-tmp`` (HOST: a short tag of this computer's
name) so that one left by a killed save can be recognised and removed later (``clean_leftovers``), never
a file of another program nor one that a running save still writes.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import socket
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from penholder.processes import alive

TMP_SUFFIX = ".penholder-tmp"
_LEFTOVER = re.compile(
    r"^\.(?P<name>.+)\.(?P<host>[0-9a-f]{6})-(?P<pid>\d+)-[0-9a-f]{8}" + re.escape(TMP_SUFFIX) + "$")
ABANDONED_AFTER = 24 * 3600.0  # seconds: a temp file this old is a leftover whatever wrote it (another host)
LEGACY_AFTER = 3600.0  # an earlier version's ``.NAME.XXXXXXXX.tmp`` this old is a leftover


def host_tag() -> str:
    """Return six hex digits naming this computer in temporary file names."""
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


def real_target(path: str | Path) -> Path:
    """Return the file that writing ``path`` must change: the end of its symlink chain, else ``path``."""
    target = Path(path).expanduser()
    if target.is_symlink():
        return Path(os.path.realpath(target))
    return target


def temp_name(target: Path) -> Path:
    """Return a fresh temporary path beside ``target`` that ``clean_leftovers`` recognises."""
    return target.with_name(f".{target.name}.{host_tag()}-{os.getpid()}-{secrets.token_hex(4)}{TMP_SUFFIX}")


def _open_temp(target: Path) -> tuple[int, Path]:
    while True:
        tmp = temp_name(target)
        try:
            # 0o666 through the umask: a new file gets the permissions any editor would give it.
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue


def _keep_mode(fd: int, target: Path) -> None:
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(info.st_mode))
    if hasattr(os, "fchown") and hasattr(os, "geteuid") and os.geteuid() == 0:
        try:
            os.fchown(fd, info.st_uid, info.st_gid)
        except OSError:
            pass


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename) to disk where the platform allows it."""
    if os.name != "nt":
        fsync_path(folder, getattr(os, "O_DIRECTORY", 0))


def fsync_path(path: Path, flags: int = 0) -> None:
    """Flush a file (or, with ``O_DIRECTORY``, a folder) to disk; quietly nothing where it cannot be."""
    try:
        fd = os.open(path, os.O_RDONLY | flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the file itself is synced
    finally:
        os.close(fd)


def write_atomic(path: str | Path, writer: Callable[[BinaryIO], None]) -> None:
    """Write ``path`` through ``writer(file)`` so a reader never sees a partial file.

    Raises ``OSError`` when the folder does not exist or is not writable, the file is read-only, or the
    disk is full; on any failure the temporary file is removed and the target is left untouched.
    """
    target = real_target(path)
    if target.exists() and not os.access(target, os.W_OK):
        # a rename would replace it anyway; a file the user made read-only is not overwritten
        raise PermissionError(errno.EACCES, "the file is read-only", str(target))
    clean_leftovers(target.parent, target.name)
    fd, tmp = _open_temp(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            _keep_mode(handle.fileno(), target)
            writer(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_folder(target.parent)


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically."""
    write_atomic(path, lambda handle: handle.write(text.encode("utf-8")))


def clean_leftovers(folder: str | Path, name: str | None = None) -> list[Path]:
    """Remove temporary files of killed saves in ``folder`` (only those of ``name`` when given); return them.

    A temporary file is a leftover when it was written on this computer by a process that is gone, or
    when it is over a day old (another computer's, or a reused process id). Files that do not carry the
    temporary name are never touched, except, for a given ``name``, the ``.NAME.XXXXXXXX.tmp`` files that
    earlier Penholder versions left, once they are over an hour old.
    """
    removed: list[Path] = []
    now, here = time.time(), host_tag()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    legacy = re.compile(r"^\." + re.escape(name) + r"\.[a-z0-9_]{8}\.tmp$") if name else None
    for entry in entries:
        if legacy is not None and legacy.match(entry.name):
            removed.extend(_remove_if_older(entry, now, LEGACY_AFTER))
            continue
        match = _LEFTOVER.match(entry.name)
        if not match or (name is not None and match["name"] != name):
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if not entry.is_file(follow_symlinks=False):
                continue
        except OSError:
            continue
        pid = int(match["pid"])
        ours_dead = match["host"] == here and pid != os.getpid() and not alive(pid)
        if ours_dead or age > ABANDONED_AFTER:
            try:
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(Path(entry.path))
    return removed


def _remove_if_older(entry: os.DirEntry, now: float, seconds: float) -> list[Path]:
    try:
        if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > seconds:
            os.unlink(entry.path)
            return [Path(entry.path)]
    except OSError:
        pass
    return []
