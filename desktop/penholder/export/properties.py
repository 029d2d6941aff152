"""The exported document's core properties (title, subject, author), cut to the length Word allows.

A DOCX core property holds at most 255 characters (python-docx refuses more with ``ValueError``); some
real titles are longer (A/RES/78/274 has 342). The document itself keeps the whole title; only the
property is shortened, at a word boundary, with an ellipsis.
"""

from __future__ import annotations

from penholder.export.footnotes import xml_safe

CORE_PROPERTY_LIMIT = 255
ELLIPSIS = "…"


def core_text(value: str | None, limit: int = CORE_PROPERTY_LIMIT) -> str:
    """Return ``value`` as a core-property string: XML-safe, one line, at most ``limit`` characters."""
    text = " ".join(xml_safe(value or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space > limit // 2:  # a word boundary not too far back
        cut = cut[:space]
    return cut.rstrip(" ,;:–-") + ELLIPSIS


def set_core_properties(document, title: str | None, subject: str | None, author: str = "Penholder") -> None:
    """Fill ``document``'s title, subject and author, each cut to the core-property limit."""
    core = document.core_properties
    core.title = core_text(title)
    core.subject = core_text(subject)
    core.author = core_text(author)
