"""Normalizing raw resolution text into clean lines: unicode, Markdown marks, blank lines, page breaks.

The result is a list of stripped lines where ``""`` is a blank line and ``PAGE_BREAK`` marks a likely
page break (a form feed or a run of blank lines). Italic runs written ``*like this*`` are kept as
``ITALIC_OPEN … ITALIC_CLOSE`` so that the paragraph builder can read a lead from them.
"""

from __future__ import annotations

import re

PAGE_BREAK = "\f"
ITALIC_OPEN = "\x0e"
ITALIC_CLOSE = "\x0f"

_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\v]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
_BOLD = re.compile(r"\*\*(?=[^\s*])(.{1,600}?)(?<=[^\s*])\*\*", re.DOTALL)
_ITALIC = re.compile(r"(?<![\w*])\*(?![\d\s]+\*)(?=[^\s*])([^*\n]{1,300}?(?:\n[^*\n]{1,300}?)?)(?<=[^\s*])\*(?![\w*])")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_RUNS_OF_SPACES = re.compile(r" {2,}")


def clean_characters(text: str) -> str:
    """Return ``text`` with unified newlines and spaces, no invisible or control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\x0c", "\n\x0c\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROLS.sub("", text)
    text = _SPACES.sub(" ", text)
    text = text.replace("\u2011", "-").replace("\u2010", "-")  # non-breaking and typographic hyphens
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    return text


def unmark_markdown(text: str) -> str:
    """Return ``text`` with bold runs set apart as their own lines and italics kept as markers."""
    text = _MARKDOWN_HEADING.sub("", text)
    if "**" in text:
        text = _BOLD.sub(lambda m: f"\n\n{m.group(1)}\n\n", text)
    if "*" not in text:
        return text
    return _ITALIC.sub(lambda m: f"{ITALIC_OPEN}{m.group(1)}{ITALIC_CLOSE}", text)


def to_lines(text: str) -> list[str]:
    """Return normalized lines: stripped text, ``""`` for one blank line, ``PAGE_BREAK`` for more."""
    text = unmark_markdown(clean_characters(text))
    lines: list[str] = []
    blanks = 0
    for raw in text.split("\n"):
        line = raw.strip()
        if "  " in line:
            line = _RUNS_OF_SPACES.sub(" ", line)
        if raw.strip() == "\x0c":
            blanks = 2
            continue
        if not line:
            blanks += 1
            continue
        if lines:
            if blanks >= 2:
                lines.append(PAGE_BREAK)
            elif blanks == 1:
                lines.append("")
        blanks = 0
        lines.append(line)
    return lines


def strip_italics(text: str) -> str:
    """Return ``text`` without italic markers."""
    return text.replace(ITALIC_OPEN, "").replace(ITALIC_CLOSE, "")
