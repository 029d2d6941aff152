"""Autosave and crash recovery: each window's draft is copied to ``paths.state_dir()/autosave``.

A clean close discards the copy; a copy left behind means the app stopped without saving and is offered
on the next start. Copies owned by another running Penholder process are never offered. A copy that
cannot be read as a draft is set aside (renamed ``NAME.penholder.damaged-TIME``, never deleted) with a
message, so that it never stops the app from starting; temporary files of killed autosaves are removed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from penholder import paths
from penholder.atomic import clean_leftovers, write_text_atomic
from penholder.drafts.fields import short_text, whole_number
from penholder.drafts.format import MAX_FILE_BYTES, SCHEMA, Draft, parse_json
from penholder.errors import DraftError
from penholder.processes import alive


@dataclass
class Recovery:
    """An autosaved draft left by a window that did not close cleanly."""

    path: Path  # the autosave file
    origin: str  # the draft file it belongs to ("" for an unsaved draft)
    saved: str  # ISO time of the autosave
    draft: Draft
    session: str = ""  # the window session that wrote it
    pid: int = 0  # the process that wrote it

    def title(self) -> str:
        """Return a label for the recovery prompt."""
        name = Path(self.origin).name if self.origin else "an unsaved draft"
        return f"{name} (autosaved {self.saved.replace('T', ' ')})"


@dataclass
class SetAside:
    """An autosave file that could not be read, renamed so that it is kept and no longer offered."""

    path: Path  # where the file is now
    reason: str  # why it could not be read

    def message(self) -> str:
        """Return the one-line message for the drafter."""
        return (f"An autosaved draft could not be read ({self.reason}). It was kept as {self.path} "
                "and will not be offered again; open it in a text editor to copy any text you need.")


@dataclass
class AutosaveScan:
    """What the start-up scan of the autosave folder found."""

    recoveries: list[Recovery]
    set_aside: list[SetAside]
    cleaned: list[Path]  # temporary files of killed autosaves, removed


def autosave_dir() -> Path:
    """Return (and create) the folder of autosave files."""
    folder = paths.state_dir() / "autosave"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def autosave_path(session: str) -> Path:
    """Return the autosave file of one window session."""
    return autosave_dir() / f"{session}.penholder"


def write_autosave(draft: Draft, session: str, origin: str | Path | None = None) -> Path:
    """Write the window's draft to its autosave file atomically; return that file's path."""
    data = draft.to_json()
    data["autosave"] = {
        "pid": os.getpid(),
        "session": session,
        "origin": str(origin or ""),
        "saved": datetime.now().isoformat(timespec="seconds"),
    }
    path = autosave_path(session)
    write_text_atomic(path, json.dumps(data, ensure_ascii=False))
    return path


def discard_autosave(session_or_path: str | Path) -> None:
    """Remove an autosave file (by window session or by path); a missing file is fine."""
    path = Path(session_or_path)
    if path.suffix != ".penholder":
        path = autosave_path(str(session_or_path))
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def list_recoveries(active_sessions: set[str] | frozenset[str] = frozenset()) -> list[Recovery]:
    """Return autosaves that no running window owns, newest first (setting damaged ones aside)."""
    return scan_autosaves(active_sessions).recoveries


def scan_autosaves(active_sessions: set[str] | frozenset[str] = frozenset()) -> AutosaveScan:
    """Return the autosaves to offer (newest first), set damaged ones aside and remove the temporary files
    of killed saves in the autosave, settings and data folders.

    Never raises for a damaged file: the worst an autosave can do is to be set aside with a message.
    """
    try:
        folder = autosave_dir()
    except OSError:
        return AutosaveScan([], [], [])  # a read-only home: nothing to offer, autosave will say why it fails
    scan = AutosaveScan([], [], clean_leftovers(folder))
    for other in (paths.config_dir, paths.data_dir):  # settings and library files written atomically
        try:
            scan.cleaned.extend(clean_leftovers(other()))
        except OSError:
            pass
    for path in sorted(folder.glob("*.penholder")):
        try:
            recovery = read_autosave(path)
        except _Newer:
            continue  # a newer Penholder's copy: leave it for that version
        except DraftError as exc:
            moved = set_aside(path, str(exc).removeprefix(f"{path.name}: "))
            if moved is not None:
                scan.set_aside.append(moved)
            continue
        except OSError:
            continue  # unreadable now (permissions, gone): try again at the next start
        if recovery.session in active_sessions:
            continue
        if recovery.pid and recovery.pid != os.getpid() and alive(recovery.pid):
            continue  # another Penholder is running and owns it
        scan.recoveries.append(recovery)
    scan.recoveries.sort(key=lambda r: r.saved, reverse=True)
    return scan


class _Newer(DraftError):
    """An autosave written by a newer Penholder (not damaged)."""


def read_autosave(path: Path) -> Recovery:
    """Return the recovery stored in one autosave file; raise ``DraftError`` if it is damaged."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise DraftError(f"{path.name}: too large for an autosave")
    raw = path.read_bytes()
    try:
        data = parse_json(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DraftError(f"{path.name}: not UTF-8 text") from exc
    except (ValueError, RecursionError) as exc:
        raise DraftError(f"{path.name}: damaged JSON") from exc
    if isinstance(data, dict) and isinstance(data.get("schema"), int) and not isinstance(data["schema"], bool) \
            and data["schema"] > SCHEMA:
        raise _Newer(f"{path.name}: written by a newer Penholder")
    draft = Draft.from_json(data, path.name)
    info = data.get("autosave")
    if info is None:
        info = {}
    if not isinstance(info, dict):
        raise DraftError(f"{path.name}: damaged autosave details")
    pid = info.get("pid")
    pid = 0 if pid is None else whole_number(pid, f"{path.name}: process", 0, 2**31)
    return Recovery(path, short_text(info.get("origin"), f"{path.name}: origin"),
                    short_text(info.get("saved"), f"{path.name}: time"), draft,
                    session=short_text(info.get("session"), f"{path.name}: session"), pid=pid)


def set_aside(path: Path, reason: str) -> SetAside | None:
    """Rename a damaged autosave to ``NAME.damaged-TIME`` (kept, no longer offered); ``None`` if it cannot be."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    try:
        os.replace(path, target)
    except OSError:
        return None
    return SetAside(target, reason)
