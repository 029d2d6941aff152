"""Versions of one symbol's text: the earlier texts the library keeps, and when a new text may replace one.

A newer text of a symbol becomes the current one and the old text stays as an earlier version. A text
much shorter than the current one (a third of its paragraphs gone, half of its operative paragraphs,
or its adoption lines) is more likely a half copy than a new text: it is kept beside the current one
as a version and reported, not swapped in. Either can be made current again with ``restore``.
"""

from __future__ import annotations

from dataclasses import dataclass

from penholder.model import Resolution

EARLIER = "earlier text"


@dataclass
class VersionEntry:
    """One text of a symbol: its version number, whether it is the current one, where it came from."""

    symbol: str
    version: int
    current: bool
    added: str
    source: str | None
    content_hash: str | None
    preambular: int
    operative: int
    note: str | None

    def to_json(self) -> dict:
        """Return the entry as a JSON-ready dict."""
        return dict(self.__dict__)


def much_shorter(new: Resolution, old: Resolution) -> str | None:
    """Return why ``new`` looks like a cut-down copy of ``old`` (the current text), or ``None``."""
    new_total, old_total = len(new.paragraphs), len(old.paragraphs)
    if old_total >= 4 and new_total * 3 < old_total * 2:
        return f"it has {new_total} paragraphs where the library's text has {old_total}"
    if len(old.operative) >= 3 and len(new.operative) * 2 < len(old.operative):
        return (f"it has {len(new.operative)} operative paragraphs where the library's text has "
                f"{len(old.operative)}")
    if _has_end_matter(old) and not _has_end_matter(new) and old.state != "draft":
        return "it has no adoption lines (meeting, vote) where the library's text has them"
    return None


def _has_end_matter(resolution: Resolution) -> bool:
    adoption = resolution.adoption
    return bool(adoption.meeting or adoption.mode)
