"""A file brought into the editor as a draft (the GUI's Import Draft): through the same guarded reader as
the library import, never around it.

``read_document`` applies the size limit (before reading), the ZIP budget and DTD guard for Word files and
the PDF worker's time limit; a text the editor could not hold (``MAX_DRAFT_CHARS``) is refused with a
message instead of being loaded whole. A file that reads as a resolution comes in one paragraph per line;
one that does not (notes, a half-written draft) comes in as its text.
"""

from __future__ import annotations

import os

from penholder.errors import ParseError
from penholder.readers import TEXT, parse_document, read_document
from penholder.readers.limits import fail

MAX_DRAFT_CHARS = 5_000_000
"""The editor takes drafts of up to this many characters: 20 times the longest GA resolution (220 kB)."""

_NAMED = {"docx": "Word", "pdf": "PDF"}


def import_draft_text(path: str | os.PathLike) -> str:
    """Return the editor text of a text, DOCX or PDF file, or raise ParseError "<file>: <reason>"."""
    document = read_document(path)
    if len(document.text) > MAX_DRAFT_CHARS:
        raise fail(path, f"holds {len(document.text) / 1e6:,.1f} million characters of text, more than the "
                         f"editor takes ({MAX_DRAFT_CHARS / 1e6:.0f} million) and far more than any "
                         "resolution; import the resolution alone")
    try:
        resolution = parse_document(document)
    except ParseError:
        resolution = None
    if resolution is not None and resolution.paragraphs:
        from penholder.drafts.layout import draft_text

        return draft_text(resolution)
    named = _NAMED.get(os.fspath(path).rpartition(".")[2].lower())
    if named and document.format == TEXT:
        raise fail(path, f"is named like a {named} file but is not one (damaged, or renamed?)")
    return document.text
