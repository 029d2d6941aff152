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
_BARE_MARK = re.compile(rf"^(\d{{1,3}}|\*{{1,3}}|[{SUPERSCRIPTS}]+)$")
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
    web = text.startswith(("http", "www."))
    if (_NOT_FOOTNOTE_TEXT.match(text) and not web) or text[0] in "*":
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
            bare = _BARE_MARK.match(line)
            if bare and (current is None or current.text):
                # a mark on its own line, its text on the next (pdftotext -layout)
                current = Footnote(_normal_mark(bare.group(1), footnotes), "")
                footnotes.append(current)
                previous = line
                continue
            if match and current is not None and previous != "" and _continues_footnote(match.group("text")):
                match = None  # "3–14 June 1992" wrapped from the footnote above
            if match and (previous == "" or current is None or not match.group("mark").isascii()
                          or not match.group("mark").isdigit()
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


def _continues_footnote(text: str) -> bool:
    """Return whether text after a would-be mark reads as the rest of a wrapped line ("–14 June …")."""
    return text[:1] in "–-—/.,)" or bool(_NOT_FOOTNOTE_TEXT.match(text))


def _join(text: str, line: str) -> str:
    if not text:
        return line
    return text + line if text.endswith("-") else f"{text} {line}"


# --- marks inside paragraph text -------------------------------------------------------------------

_ABBREVIATIONS = {"corr", "add", "rev", "no", "nos", "para", "paras", "chap", "sect", "vol", "art", "sub",
                  "p", "pp", "annex", "op", "amend", "ser", "suppl"}
_CANDIDATE = re.compile(rf"[\d*!%®†‡”{SUPERSCRIPTS}]")
_DIGITS = re.compile(r"\d+")
_STARS = re.compile(r"\*{1,3}")
_SUPERS = re.compile(f"[{SUPERSCRIPTS}]+")
_AFTER_MARK = frozenset(" ,;:.)")
_BEFORE_DIGIT_MARK = frozenset("abcdefghijklmnopqrstuvwxyz,;:)]”’")
_BEFORE_STAR = frozenset(",;.:)”’")
_SPACES = re.compile(r"\s{2,}")
_WORD_BEFORE_DOT = re.compile(r"([A-Za-z]+)$")
_INLINED = re.compile(
    r"(?<=[,;:.)])((?:A|E|S|CRC|CCPR|CEDAW|ST|TD|UNEP)/[A-Z0-9][A-Za-z0-9./()-]*[0-9)])\.(?=\s+[a-z(]|\s*$)"
)


_TAKES_A_NUMBER = frozenset(
    ["paragraph", "paragraphs", "para", "paras", "resolution", "resolutions", "decision", "decisions", "article", "articles", "rule", "rules", "annex", "chapter", "section", "sections", "part", "goal", "goals", "target", "targets", "about", "some", "over", "under", "nearly", "almost", "and", "or", "to", "from", "of", "by", "between", "than", "at", "in", "on", "no", "nos", "vol", "volume", "item", "items", "principle", "principles", "level", "phase", "step", "option", "protocol", "meeting", "page", "pages", "table", "figure", "box", "category"]
)
_UNIT_AFTER = re.compile(
    rf"^\s*(?:{_MONTHS}|per\b|million|billion|thousand|dollars|years?\b|months?\b|days?\b|hours?\b|weeks?\b"
    r"|percent|%|and\s+\d|to\s+\d|or\s+\d|of\b|-|–)"
)


_YEAR_OR_SYMBOL_BEFORE = re.compile(r"(?:\b(?:1[89]|20)\d\d|\d/\d{1,4})$")


def _spaced_mark(text: str, start: int, end: int, expected: int) -> bool:
    """Return whether digits set off by a space ("rights, 9 and", "Fund 21 and") are the next mark."""
    if start < 2 or text[start - 1] != " ":
        return False
    after = text[end] if end < len(text) else ""
    value = int(text[start:end])
    before = text[start - 2]
    if before in ",;:.”’)":
        if after == "" or text[end:].strip() == "":
            return True  # a bare number closing a paragraph after its punctuation is a mark
        return (expected <= value <= expected + 2 and after in " ,;:."
                and not _UNIT_AFTER.match(text[end:end + 16]))
    if value != expected or (after and after not in " ,;:."):
        return False
    if before.isdigit():
        # after a year ("April 2004 4 and") or a symbol ("resolutions 5/7 27 and")
        return bool(_YEAR_OR_SYMBOL_BEFORE.search(text, 0, start - 1))
    if not before.isalpha():
        return False
    word = text[:start - 1].rsplit(" ", 1)[-1].lower()
    return word not in _TAKES_A_NUMBER and not _UNIT_AFTER.match(text[end:end + 16])


def _mark_kind(
    text: str, start: int, end: int, numeric: set[str], expected_mark: int | None = None
) -> tuple[str, str] | None:
    """Return (mark, kept text) if the token at ``text[start:end]`` is a footnote mark, else ``None``."""
    token = text[start:end]
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    closes = after == "" or after in _AFTER_MARK
    first = token[0]
    if first in SUPERSCRIPTS:
        return token.translate(_SUPER_TO_DIGIT), ""
    if first.isdigit():
        if not numeric or not closes or before.isdigit() or before in ("/", "-", "–"):
            return None
        if 5 <= len(token) <= 6 and 1600 <= int(token[:4]) <= 2099 and token[4] != "0" and token[4:] in numeric:
            return token[4:], token[:4]
        if len(token) > 3 or token not in numeric:
            return None
        if before in _BEFORE_DIGIT_MARK:
            return token, ""
        if before.isupper() and expected_mark is not None and token == str(expected_mark):
            return token, ""  # after a capital ("HIV/AIDS7") only the next mark in order
        if before == "." and start >= 2 and text[start - 2] in "”’)" and (after == "" or after == " "):
            return token, ""  # after a closing quote and full stop: 'resources”.10'
        if before == "." and (after == "" or after == " "):
            word = _WORD_BEFORE_DOT.search(text, 0, start - 1)
            if word and word.group(1).lower() not in _ABBREVIATIONS and len(word.group(1)) > 1:
                return token, ""
        return None
    if first == "*":
        if closes and (before.isalnum() or before in _BEFORE_STAR):
            return token, ""
        return None
    if first == "”":
        return ("?", "") if before in ",;" and (after == "" or after.isspace()) else None
    if (after == "" or after.isspace()) and (before.isalnum() or before in _BEFORE_STAR):
        return "?", ""
    return None


def take_marks(
    text: str, marks: set[str], numeric: set[str] | None = None, last: list[int] | None = None
) -> tuple[str, list[str]]:
    """Return ``text`` without footnote marks and the marks found, in order of appearance.

    ``last`` holds the last numeric mark seen in the document (updated here): marks run in order, so
    digits set off by a space (``rights, 9``) count as a mark only when they are the next one.
    """
    if numeric is None:
        numeric = {m for m in marks if m.isdigit()}
    last = last if last is not None else [0]
    notes: list[str] = []
    pieces: list[str] = []
    cursor = 0
    position = 0
    while True:
        candidate = _CANDIDATE.search(text, position)
        if candidate is None:
            break
        start = candidate.start()
        char = text[start]
        run = (_SUPERS if char in SUPERSCRIPTS else _DIGITS if char.isdigit() else
               _STARS if char == "*" else None)
        end = run.match(text, start).end() if run else start + 1
        position = end
        found = _mark_kind(text, start, end, numeric, last[0] + 1)
        if found is None and char.isdigit() and char not in SUPERSCRIPTS and end - start <= 3 \
                and text[start:end] in numeric and _spaced_mark(text, start, end, last[0] + 1):
            found = text[start:end], ""
        if found is None:
            continue
        if found[0].isdigit():
            last[0] = max(last[0], int(found[0]))
        mark, kept = found
        pieces.append(text[cursor:start])
        pieces.append(kept)
        cursor = end
        if mark != "?" and (mark in marks or mark.isdigit()):
            notes.append(mark)
    if not pieces:
        return text.strip(), notes
    pieces.append(text[cursor:])
    cleaned = "".join(pieces)
    if "  " in cleaned:
        cleaned = _SPACES.sub(" ", cleaned)
    return cleaned.strip(), notes


def take_inlined(text: str, footnotes: list[Footnote]) -> tuple[str, list[str]]:
    """Return ``text`` without footnote text glued into it (``Assistance,A/HRC/19/50.``), adding them."""
    notes: list[str] = []

    def inlined(match: re.Match[str]) -> str:
        mark = str(_numeric_count(footnotes) + 1)
        footnotes.append(Footnote(mark, f"{match.group(1)}."))
        notes.append(mark)
        return ""

    if "/" not in text:
        return text, notes
    return _INLINED.sub(inlined, text), notes
