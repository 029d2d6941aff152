"""Footnotes: blocks at page feet, marks in paragraph text, and footnote text inlined into a paragraph.

Marks appear as superscripts (``¹``), digits glued to a word or year (``Action,1``, ``20002`` is
2000 + note 2), stars, or OCR misreadings (``!``, ``%``, ``®``, ``”``). Blocks are found after a rule
(``______``) or as lines opening with the next expected mark.
"""

from __future__ import annotations

import re

from penholder.model import Footnote
from penholder.parsing import lexicon
from penholder.parsing.furniture import is_separator
from penholder.parsing.normalize import PAGE_BREAK, strip_italics

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
_OCR_MARKS = "!%®”†‡§"
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_FOOTNOTE_LINE = re.compile(
    rf"^(?P<mark>\d{{1,3}}|\*{{1,3}}|[{SUPERSCRIPTS}]+|[{_OCR_MARKS}])\s+(?P<text>\S.*)$"
)
_NOT_FOOTNOTE_TEXT = re.compile(rf"^(?:{_MONTHS}|[a-z]|per cent|and\b|to\b|\()")
_OPERATIVE_NUMBER = re.compile(r"^\d{1,3}\.(?:\s|$)")


def _numeric_count(footnotes: list[Footnote]) -> int:
    return sum(1 for f in footnotes if f.mark.isdigit())


def _normal_mark(mark: str, footnotes: list[Footnote]) -> str:
    """Return the mark as a footnote mark: superscripts as digits, OCR misreadings as the next number."""
    if mark[0] in SUPERSCRIPTS:
        return mark.translate(_SUPER_TO_DIGIT)
    if mark[0] in _OCR_MARKS:
        return str(_numeric_count(footnotes) + 1)
    return mark


def _starts_paragraph(line: str) -> bool:
    body = strip_italics(line)
    return bool(_OPERATIVE_NUMBER.match(body) or lexicon.is_preambular_opening(body)
                or lexicon.is_operative_opening(body))


def _loose_footnote(line: str, footnotes: list[Footnote], previous: str) -> re.Match[str] | None:
    """Return the match if ``line`` opens a footnote outside a ruled block, else ``None``."""
    match = _FOOTNOTE_LINE.match(line)
    if not match:
        return None
    mark, text = match.group("mark"), match.group("text")
    if _NOT_FOOTNOTE_TEXT.match(text) or text[0] in "*":
        return None
    if previous not in ("", PAGE_BREAK) and not previous.endswith((".", ",", ";", ":")):
        return None
    if mark.isascii() and mark.isdigit():
        if int(mark) != _numeric_count(footnotes) + 1:
            return None
        if _starts_paragraph(text):
            return None
    elif mark[0] in _OCR_MARKS and not (text[0].isupper() or text[0].isdigit()):
        return None
    return match


def extract_footnote_blocks(lines: list[str]) -> tuple[list[str], list[Footnote]]:
    """Return the lines without footnote blocks (each leaves a ``PAGE_BREAK``) and the footnotes."""
    footnotes: list[Footnote] = []
    kept: list[str] = []
    in_ruled_block = False
    current: Footnote | None = None
    previous = ""

    def gap(kind: str) -> None:
        if not kept or kept[-1] == PAGE_BREAK:
            return
        if kept[-1] == "":
            kept[-1] = kind
        else:
            kept.append(kind)

    for line in lines:
        if is_separator(line):
            in_ruled_block, current = True, None
            gap(PAGE_BREAK)
        elif line == PAGE_BREAK:
            in_ruled_block, current = False, None
            gap(PAGE_BREAK)
        elif line == "":
            if not in_ruled_block:
                current = None
            gap("")
        elif in_ruled_block:
            match = _FOOTNOTE_LINE.match(line)
            if match and (previous == "" or current is None or not match.group("mark").isascii() or not match.group("mark").isdigit()
                          or int(match.group("mark")) == _numeric_count(footnotes) + 1):
                current = Footnote(_normal_mark(match.group("mark"), footnotes), match.group("text"))
                footnotes.append(current)
            elif previous == "" and _starts_paragraph(line):
                in_ruled_block, current = False, None
                kept.append(line)
            elif current is not None:
                current.text = _join(current.text, line)
            else:
                current = Footnote(str(_numeric_count(footnotes) + 1), line)
                footnotes.append(current)
        else:
            match = _loose_footnote(line, footnotes, previous)
            if match:
                current = Footnote(_normal_mark(match.group("mark"), footnotes), match.group("text"))
                footnotes.append(current)
                gap(PAGE_BREAK)
            elif (current is not None and previous not in ("", PAGE_BREAK)
                  and not current.text.rstrip().endswith(".") and not _starts_paragraph(line)):
                current.text = _join(current.text, line)
            else:
                current = None
                kept.append(line)
        previous = line
    for footnote in footnotes:
        footnote.text = strip_italics(footnote.text).strip()
    return kept, footnotes


def _join(text: str, line: str) -> str:
    return text + line if text.endswith("-") else f"{text} {line}"


# --- marks inside paragraph text -------------------------------------------------------------------

_ABBREVIATIONS = {"corr", "add", "rev", "no", "nos", "para", "paras", "chap", "sect", "vol", "art", "sub",
                  "p", "pp", "annex", "op", "amend", "ser", "suppl"}
_SUPER_RUN = re.compile(rf"\s?([{SUPERSCRIPTS}]+)")
_YEAR_MARK = re.compile(r"\b((?:1[6-9]|20)\d\d)(\d{1,2})\b")
_GLUED_MARK = re.compile(r"(?<=[a-z,;:)\]”’])(\d{1,3})(?=[\s,;:.)]|$)")
_DOT_MARK = re.compile(r"\b([A-Za-z]+)\.(\d{1,3})(?=\s|$)")
_STAR_MARK = re.compile(r"(?<=[\w,;.:)”’])(\*{1,3})(?=[\s,;:.)]|$)")
_OCR_MARK = re.compile(r"(?<=[\w,;.:)])([!%®†‡])(?=\s|$)|(?<=[,;])(”)(?=\s|$)")
_INLINED = re.compile(
    r"(?<=[,;:.)])((?:A|E|S|CRC|CCPR|CEDAW|ST|TD|UNEP)/[A-Z0-9][A-Za-z0-9./()-]*[0-9)])\.(?=\s+[a-z(]|\s*$)"
)


def take_marks(text: str, marks: set[str]) -> tuple[str, list[str]]:
    """Return ``text`` without footnote marks and the marks found, in order of appearance."""
    found: list[tuple[int, str]] = []

    def record(position: int, mark: str) -> None:
        found.append((position, mark))

    def superscript(match: re.Match[str]) -> str:
        record(match.start(), match.group(1).translate(_SUPER_TO_DIGIT))
        return ""

    text = _SUPER_RUN.sub(superscript, text)
    numeric = {m for m in marks if m.isdigit()}
    if numeric:
        def year(match: re.Match[str]) -> str:
            if match.group(2) in numeric and not match.group(2).startswith("0"):
                record(match.start(), match.group(2))
                return match.group(1)
            return match.group(0)

        def glued(match: re.Match[str]) -> str:
            if match.group(1) in numeric:
                record(match.start(), match.group(1))
                return ""
            return match.group(0)

        def dotted(match: re.Match[str]) -> str:
            if match.group(1).lower() in _ABBREVIATIONS or match.group(2) not in numeric:
                return match.group(0)
            record(match.start(), match.group(2))
            return f"{match.group(1)}."

        text = _YEAR_MARK.sub(year, text)
        text = _GLUED_MARK.sub(glued, text)
        text = _DOT_MARK.sub(dotted, text)

    def star(match: re.Match[str]) -> str:
        if match.group(1) in marks:
            record(match.start(), match.group(1))
        return ""

    text = _STAR_MARK.sub(star, text)
    text = _OCR_MARK.sub("", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    found.sort()
    return text, [mark for _, mark in found]


def take_inlined(text: str, footnotes: list[Footnote]) -> tuple[str, list[str]]:
    """Return ``text`` without footnote text glued into it (``Assistance,A/HRC/19/50.``), adding them."""
    notes: list[str] = []

    def inlined(match: re.Match[str]) -> str:
        mark = str(_numeric_count(footnotes) + 1)
        footnotes.append(Footnote(mark, f"{match.group(1)}."))
        notes.append(mark)
        return ""

    return _INLINED.sub(inlined, text), notes
