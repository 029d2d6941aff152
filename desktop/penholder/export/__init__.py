"""UN-style DOCX export and the redline (Word tracked changes against an older text).

``export_docx(resolution, path, profile=, state=)`` writes a resolution or draft in the New York or
Geneva layout; ``write_redline(old, new, path)`` writes NEW in the same layout with ``w:ins``/``w:del``
against OLD. No Qt here.
"""

from penholder.export.docx_export import build_document, export_docx
from penholder.export.profiles import (
    ADOPTED,
    DRAFT,
    GENEVA,
    NEW_YORK,
    PROFILES,
    Profile,
    choose_profile,
    choose_state,
)
from penholder.export.redline import write_redline

__all__ = [
    "ADOPTED", "DRAFT", "GENEVA", "NEW_YORK", "PROFILES", "Profile", "build_document", "choose_profile",
    "choose_state", "export_docx", "write_redline",
]
