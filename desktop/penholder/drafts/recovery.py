"""Autosave and crash recovery: each window's draft is copied to ``paths.state_dir()/autosave``.

A clean close discards the copy; a copy left behind means the app stopped without saving and is offered
on the next start. Copies owned by another running Penholder process are never offered.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from penholder import paths
from penholder.atomic import write_text_atomic
from penholder.drafts.format import Draft
from penholder.drafts.lock import _alive
from penholder.errors import DraftError


@dataclass
class Recovery:
    """An autosaved draft left by a window that did not close cleanly."""

    path: Path  # the autosave file
    origin: str  # the draft file it belongs to ("" for an unsaved draft)
    saved: str  # ISO time of the autosave
    draft: Draft

    def title(self) -> str:
        """Return a label for the recovery prompt."""
        name = Path(self.origin).name if self.origin else "an unsaved draft"
        return f"{name} (autosaved {self.saved.replace('T', ' ')})"


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
    """Return autosaves that no running window owns, newest first."""
    found = []
    for path in autosave_dir().glob("*.penholder"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            info = data.get("autosave") or {}
            draft = Draft.from_json(data, path.name)
        except (OSError, ValueError, DraftError):
            continue
        pid = int(info.get("pid") or 0)
        if info.get("session") in active_sessions:
            continue
        if pid and pid != os.getpid() and _alive(pid):
            continue  # another Penholder is running and owns it
        found.append(Recovery(path, str(info.get("origin") or ""), str(info.get("saved") or ""), draft))
    return sorted(found, key=lambda r: r.saved, reverse=True)
