"""Drafts: the ``.penholder`` file format, its lock, autosave and recovery, and the editor's text layout.

No Qt here; the GUI builds on these and the tests run them with plain pytest.
"""

from penholder.drafts.format import (
    DRAFT_SUFFIX,
    SCHEMA,
    Draft,
    DraftMetadata,
    FileStamp,
    Provenance,
    file_stamp,
    load_draft,
    load_draft_stamped,
    save_draft,
)
from penholder.drafts.lock import DraftLock
from penholder.drafts.recovery import (
    AutosaveScan,
    Recovery,
    SetAside,
    discard_autosave,
    list_recoveries,
    scan_autosaves,
    write_autosave,
)

__all__ = [
    "DRAFT_SUFFIX",
    "SCHEMA",
    "AutosaveScan",
    "Draft",
    "DraftLock",
    "DraftMetadata",
    "FileStamp",
    "Provenance",
    "Recovery",
    "SetAside",
    "discard_autosave",
    "file_stamp",
    "list_recoveries",
    "load_draft",
    "load_draft_stamped",
    "save_draft",
    "scan_autosaves",
    "write_autosave",
]
