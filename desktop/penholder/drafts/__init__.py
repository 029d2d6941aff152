"""Drafts: the ``.penholder`` file format, its lock, autosave and recovery, and the editor's text layout.

No Qt here; the GUI builds on these and the tests run them with plain pytest.
"""

from penholder.drafts.format import (
    DRAFT_SUFFIX,
    SCHEMA,
    Draft,
    DraftMetadata,
    Provenance,
    load_draft,
    save_draft,
)
from penholder.drafts.lock import DraftLock
from penholder.drafts.recovery import Recovery, discard_autosave, list_recoveries, write_autosave

__all__ = [
    "DRAFT_SUFFIX",
    "SCHEMA",
    "Draft",
    "DraftLock",
    "DraftMetadata",
    "Provenance",
    "Recovery",
    "discard_autosave",
    "list_recoveries",
    "load_draft",
    "save_draft",
    "write_autosave",
]
