"""Footnote marks as the parser reads them: superscript digits in the text, notes in printed order."""

from __future__ import annotations

import re

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def shown(mark: str) -> str:
    """Return a mark as written into the text: digits as superscripts (``12`` → ``¹²``), others as is."""
    return mark.translate(SUPERSCRIPT) if mark.isdigit() else mark


def note_order(note: tuple[str, str]) -> tuple[int, int, str]:
    """Return the sort key that orders notes as the UN prints them: ``*`` notes, then 1, 2, 3 …"""
    mark = note[0]
    if mark and set(mark) == {"*"}:
        return (0, len(mark), mark)
    if mark.isdigit():
        return (1, int(mark), mark)
    return (2, 0, mark)


def footnote_lines(notes: list[tuple[str, str]]) -> list[str]:
    """Return the notes as the text's last blocks, ``¹ text``, in printed order."""
    return [f"{shown(mark)} {text}".strip() for mark, text in sorted(notes, key=note_order)]


_SUPERSCRIPT_RUN = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]{2,}")
_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def split_glued_marks(text: str, marks: set[str]) -> str:
    """Return ``text`` with two notes cited side by side kept apart (``⁴⁵`` → ``⁴ ⁵`` with notes 4 and 5).

    A run of superscript digits that is not itself a note but splits into notes is split.
    """

    def split(match: re.Match[str]) -> str:
        digits = match.group(0).translate(_DIGITS)
        if digits in marks:
            return match.group(0)
        parts = _split_into(digits, marks)
        return " ".join(shown(part) for part in parts) if parts else match.group(0)

    return _SUPERSCRIPT_RUN.sub(split, text)


def _split_into(digits: str, marks: set[str]) -> list[str] | None:
    if not digits:
        return []
    for size in (1, 2, 3):
        head = digits[:size]
        if head in marks and not head.startswith("0"):
            rest = _split_into(digits[size:], marks)
            if rest is not None:
                return [head, *rest]
    return None
