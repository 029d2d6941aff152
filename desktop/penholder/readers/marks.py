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


# What may stand before a paragraph's italic lead: an operative number or a sub-paragraph label.
LEAD_MAY_FOLLOW = re.compile(r"\s*(\d{1,3}\s*\.|\(\s*[a-z]{1,5}\s*\)|[a-z]{1,4}\.)?\s*")


def render_pieces(pieces) -> str:
    """Return the text of ``(text, italic, is_mark)`` pieces: the leading italic span as ``*lead*`` (what
    the parser reads as the lead) and footnote marks as superscripts."""
    out: list[str] = []
    lead_open = lead_done = False
    for text, italic, is_mark in pieces:
        if is_mark:
            mark = text.strip()
            if lead_open:
                _close_lead(out)
                lead_open = False
            if out and out[-1] and out[-1][-1] in SUPERSCRIPT_DIGITS and mark.isdigit():
                out.append(" ")  # two notes cited together: keep ² ³ apart, not ²³ (note 23)
            out.append(shown(mark))
            continue
        if italic and text.strip() and not (lead_open or lead_done):
            if LEAD_MAY_FOLLOW.fullmatch("".join(out)):
                out.append(text[: len(text) - len(text.lstrip())] + "*")
                text = text.lstrip()
                lead_open = True
            lead_done = True
        elif lead_open and not italic and text.strip():
            _close_lead(out)
            lead_open = False
        out.append(text)
    if lead_open:
        _close_lead(out)
    return "".join(out)


def _close_lead(out: list[str]) -> None:
    """Close an open ``*lead`` before its trailing spaces."""
    joined = "".join(out)
    stripped = joined.rstrip()
    out.clear()
    out.append(stripped + "*" + joined[len(stripped):])
