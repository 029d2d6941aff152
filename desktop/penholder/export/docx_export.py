"""``export_docx``: one resolution to a UN-style DOCX file, written atomically."""

from __future__ import annotations

import errno
import io
from pathlib import Path

from penholder.atomic import write_atomic
from penholder.errors import ExportError
from penholder.export.layout import ResolutionWriter
from penholder.export.profiles import choose_profile, choose_state
from penholder.model import Resolution


def build_document(resolution: Resolution, *, profile: str | None = None, state: str | None = None):
    """Return the python-docx ``Document`` of ``resolution`` in UN layout (not yet saved)."""
    writer = ResolutionWriter(resolution, choose_profile(resolution, profile), choose_state(resolution, state))
    writer.write_front()
    writer.write_body()
    writer.write_end()
    return writer.document


def export_docx(resolution: Resolution, path: str | Path, *, profile: str | None = None,
                state: str | None = None) -> Path:
    """Write ``resolution`` as a UN-style DOCX to ``path``; return the path written."""
    check_target(path)  # fail before the work, not after it
    document = build_document(resolution, profile=profile, state=state)
    return save_document(document, path)


def check_target(path: str | Path) -> Path:
    """Return ``path`` as a Path if a DOCX can be written there, else raise ExportError."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise ExportError(f"{target}: is a folder; give a file name such as {target / 'resolution.docx'}")
    if not target.parent.is_dir():
        raise ExportError(f"{target.parent}: folder does not exist; create it or choose another output path")
    return target


def save_document(document, path: str | Path) -> Path:
    """Save ``document`` to ``path`` through a temporary file and a rename; return the path.

    The DOCX is built in memory first, so that a full disk fails in one plain write (python-docx's zip
    writer, interrupted on disk, would complain again when collected) and the old file stays as it was.
    """
    target = check_target(path)
    try:
        buffer = io.BytesIO()
        document.save(buffer)
        data = buffer.getvalue()
        write_atomic(target, lambda handle: handle.write(data))
    except OSError as exc:
        raise ExportError(f"{target}: cannot write the DOCX: {write_problem(exc)}") from exc
    return target


def write_problem(exc: OSError) -> str:
    """Return why a file could not be written, and what to do, in the drafter's words."""
    reason = exc.strerror or exc.__class__.__name__
    cause, advice = {
        errno.ENOSPC: ("the disk is full", "free some space or choose another folder"),
        getattr(errno, "EDQUOT", -1): ("your disk quota is used up", "free some space or choose another folder"),
        errno.EROFS: ("the disk is read-only", "choose another folder"),
        errno.EACCES: ("no permission to write there", "choose another folder"),
        errno.EPERM: ("no permission to write there", "choose another folder"),
    }.get(exc.errno, (None, None))
    return f"{cause} ({reason}); {advice}" if cause else reason
