"""``export_docx``: one resolution to a UN-style DOCX file, written atomically."""

from __future__ import annotations

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
    """Save ``document`` to ``path`` through a temporary file and a rename; return the path."""
    target = check_target(path)
    try:
        write_atomic(target, document.save)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(f"{target}: cannot write the DOCX ({reason})") from exc
    return target
