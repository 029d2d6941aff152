"""Metadata: symbol, body, session, number, year, title, organ line, agenda item, adoption, sponsors.

The resolution's own symbol is the one a header states (``A/RES/78/199``, ``A/C.3/80/L.35``), else it
is built from the resolution number (``28/2.``) and the body. Other symbols in the text (report
symbols, a garbled ``GE.A/HRC/24/56.`` job line) are never taken for it.
"""

from __future__ import annotations

import re
from datetime import date

from penholder.model import RECORDED_VOTE, WITHOUT_A_VOTE, Adoption
from penholder.parsing.normalize import PAGE_BREAK, strip_italics

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_MONTH_RE = "|".join(MONTHS)
DATE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\s+((?:19|20)\d\d)\b")

ORGAN = re.compile(
    r"^The\s+((?:[A-Z][\w’'-]*|of|on|and|for|the|to)(?:\s+(?:[A-Z][\w’'-]*|of|on|and|for|the|to)){0,8}"
    r"\s+(?:Assembly|Council|Conference|Commission|Committee|Board|Meeting|Parties|Forum))\s*,?$"
)
_BODY_BY_ORGAN = {
    "General Assembly": "GA",
    "Human Rights Council": "HRC",
    "Security Council": "SC",
    "Economic and Social Council": "ECOSOC",
    "Trusteeship Council": "TC",
    "Commission on Human Rights": "CHR",
}
_OWN_SYMBOL = re.compile(
    r"(?<![\w./])(A/HRC/RES/\d{1,3}/\d{1,3}|A/RES/(?:ES-\d+/|S-\d+/)?\d{1,3}/\d{1,3}[A-Z]?"
    r"|S/RES/\d{1,5}\s*\(\d{4}\)|E/RES/\d{4}/\d{1,3}|A/HRC/\d{1,3}/L\.\d{1,3}(?:/Rev\.\d)?"
    r"|A/(?:C\.\d/|ES-\d+/)?\d{1,3}/L\.\d{1,3}(?:/Rev\.\d)?(?:/Add\.\d)?|S/\d{4}/\d{1,4})(?![\w/])"
)
_NUMBER_LINE = re.compile(r"^(?:Resolution\s+)?((?:ES-|S-)?\d{1,4})/(\d{1,3})\s*\.\s*(.*)$")
_SC_NUMBER = re.compile(r"^Resolution\s+(\d{3,5})\s*\((\d{4})\)")
_MEETING = re.compile(r"^(\d{1,4}(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?(?:plenary\s+)?meeting)\b", re.IGNORECASE)
_MEETING_IN_LINE = re.compile(r"\bat (?:its|the) (\d{1,5}(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?(?:plenary\s+)?meeting)\b")
_AGENDA = re.compile(r"^Agenda\s+items?\s*:?\s*(?:Item\s*)?(.+?)\s*:?(?:\s|$)", re.IGNORECASE)
_AGENDA_FULL = re.compile(r"^Agenda\s+items?\s*:?\s*(?:Item\s*)?([\w() ,]+?(?:\([a-z]\))?)(?::|$)", re.IGNORECASE)
_AGENDA_PROVISIONAL = re.compile(
    r"^Items?\s+(\d+(?:\s*\([a-z]\))?(?:\s+and\s+\d+(?:\s*\([a-z]\))?)?)\s+of\s+the\s+(?:provisional|preliminary)\s+agenda"
)
_ADOPTED_AT_MEETING = re.compile(r"^Adopted by the [\w ]+? at its (\d{1,5}(?:st|nd|rd|th)\s+meeting)")
_VOTE = re.compile(
    r"recorded vote of (\d+) to (\d+),?\s*(?:with\s+(\d+|no)\s+abstentions?)?", re.IGNORECASE
)
_SPONSORS = re.compile(
    r"^(.+?):\s*[*,\d]{0,8}\s*((?:revised\s+)?(?:draft\s+(?:resolution|decision)s?"
    r"|(?:oral\s+)?(?:sub-)?amendments?\s+to\s+(?:the\s+)?draft\s+(?:resolution|decision)s?))\b",
    re.IGNORECASE,
)
_COMMITTEES = {"1": "First Committee", "2": "Second Committee", "3": "Third Committee",
               "4": "Fourth Committee", "5": "Fifth Committee", "6": "Sixth Committee"}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_TENTHS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
           "seventieth": 70, "eightieth": 80, "ninetieth": 90}
_SESSION_WORDS = re.compile(r"^([A-Za-z]+(?:-[a-z]+)?)\s+(?:regular\s+)?session\b", re.IGNORECASE)


def iso_date(text: str) -> str | None:
    """Return the first date in ``text`` as YYYY-MM-DD, or ``None``."""
    match = DATE.search(text)
    if not match:
        return None
    try:
        return date(int(match.group(3)), MONTHS.index(match.group(2)) + 1, int(match.group(1))).isoformat()
    except ValueError:
        return None


def ordinal_session(words: str) -> int | None:
    """Return the number of an ordinal in words ("Fifty-third" -> 53), or ``None``."""
    words = words.lower()
    if words in _ORDINALS:
        return _ORDINALS[words]
    if words in _TENTHS:
        return _TENTHS[words]
    if "-" in words:
        tens, unit = words.split("-", 1)
        if tens in _TENS and unit in _ORDINALS and _ORDINALS[unit] < 10:
            return _TENS[tens] + _ORDINALS[unit]
    return None


def organ_index(lines: list[str]) -> int | None:
    """Return the index of the organ line ("The General Assembly,"), or ``None``."""
    for index, line in enumerate(lines):
        plain = strip_italics(line).strip()
        if len(plain) < 90 and ORGAN.match(plain):
            return index
    return None


def body_of(organ: str | None, symbol: str | None) -> str | None:
    """Return the body (GA, HRC, SC, ECOSOC …) from the organ line or the symbol."""
    if organ:
        name = ORGAN.match(organ)
        if name and name.group(1) in _BODY_BY_ORGAN:
            return _BODY_BY_ORGAN[name.group(1)]
    if symbol:
        if symbol.startswith("A/HRC/"):
            return "HRC"
        if symbol.startswith("A/"):
            return "GA"
        if symbol.startswith("S/"):
            return "SC"
        if symbol.startswith("E/"):
            return "ECOSOC"
    return None


def _text_lines(lines: list[str]) -> list[str]:
    return [strip_italics(ln).strip() for ln in lines if ln not in ("", PAGE_BREAK)]


def read_header(lines: list[str]) -> dict:
    """Return the metadata stated before the organ line: symbol, number, title, agenda item, sponsors …"""
    found: dict = {}
    text_lines = _text_lines(lines)
    for line in text_lines:
        if line.startswith("GE.") or re.search(r"\(E\)\s", line):
            continue  # job-number lines carry garbled symbols
        match = _OWN_SYMBOL.search(line)
        if match and (line.startswith("[") or line[:match.start()].rstrip().endswith("(")):
            match = None  # "[without reference to a Main Committee (A/79/L.9)]" names the draft, not this
        if match and "symbol" not in found and len(line) < 60:
            found["symbol"] = re.sub(r"\s+", " ", match.group(1))
    _read_sponsors_and_title(lines, found)
    chunks = _chunks(lines)
    if chunks and "title" not in found:
        last = chunks[-1]
        if (not re.match(r"^(?:\[|Resolution adopted|Decision adopted|Adopted by|Agenda|Item|Distr|\d)", last)
                and not _SUBMITTED.match(last) and not _SPONSORS.match(last) and len(last) < 400):
            found["fallback_title"] = last
    for index, line in enumerate(text_lines):
        number = _NUMBER_LINE.match(line)
        if number and "number" not in found and len(number.group(1)) <= 3 and not DATE.search(line[:12]):
            found["session_text"], found["number"] = number.group(1), int(number.group(2))
            title_parts = [number.group(3)] if number.group(3) else []
            for follow in text_lines[index + 1:]:
                if ORGAN.match(follow) or _MEETING.match(follow) or follow.startswith("["):
                    break
                title_parts.append(follow)
                if len(" ".join(title_parts)) > 300:
                    break
            if title_parts:
                found["title"] = _join_title(title_parts)
        sc_number = _SC_NUMBER.match(line)
        if sc_number and "number" not in found:
            found["number"], found["year"] = int(sc_number.group(1)), int(sc_number.group(2))
        agenda = _AGENDA_FULL.match(line) or _AGENDA.match(line) or _AGENDA_PROVISIONAL.match(line)
        if agenda and "agenda_item" not in found:
            found["agenda_item"] = agenda.group(1).strip().rstrip(":")
        session = _SESSION_WORDS.match(line) or re.search(
            r"\b([A-Z][a-z]+(?:-[a-z]+)?)\s+session\b", line)
        if session and "session_words" not in found:
            value = ordinal_session(session.group(1))
            if value:
                found["session_words"] = value
        session_number = re.search(r"\b(\d{1,3})(?:st|nd|rd|th)\s+Regular Session", line)
        if session_number and "session_words" not in found:
            found["session_words"] = int(session_number.group(1))
        sponsors = _SPONSORS.match(line)
        if sponsors and "sponsors" not in found:
            found["sponsors"] = split_sponsors(sponsors.group(1))
        council = _ADOPTED_AT_MEETING.match(line)
        if council:
            found["adopted"] = True
            found["header_meeting"] = re.sub(r"\s+", " ", council.group(1))
            found.setdefault("stated_date", iso_date(line))
        if re.match(r"^(?:Resolution|Decision) adopted by", line):
            found["adopted"] = True
            stated = iso_date(" ".join(text_lines[index:index + 2]))
            if stated:
                found.setdefault("stated_date", stated)
        if "distr_date" not in found and index > 0 and text_lines[index - 1].startswith("Distr"):
            found["distr_date"] = iso_date(line)
    if "title" not in found and "fallback_title" in found:
        found["title"] = found.pop("fallback_title")
    return found


_SUBMITTED = re.compile(
    r"^((?:Revised\s+)?[Dd]raft\s+(?:resolution|decision)s?)\s+submitted\s+by\s+(?:the\s+)?(.+?)\*?$"
)


def _chunks(lines: list[str]) -> list[str]:
    """Return the header as blank-separated chunks, each joined into one line."""
    chunks: list[list[str]] = [[]]
    for line in lines:
        if line in ("", PAGE_BREAK):
            if chunks[-1]:
                chunks.append([])
        else:
            chunks[-1].append(strip_italics(line).strip())
    return [_join_title(c) for c in chunks if c]


def _read_sponsors_and_title(lines: list[str], found: dict) -> None:
    """Fill sponsors and title of a draft: the sponsors chunk ends "draft resolution"; the title follows."""
    chunks = _chunks(lines)
    for index, chunk in enumerate(chunks):
        match = _SPONSORS.match(chunk)
        submitted = _SUBMITTED.match(chunk)
        if submitted:
            found["sponsors"] = [submitted.group(2)]
            found["document_kind"] = submitted.group(1).lower()
        elif match and len(chunk) < 2000:
            found["sponsors"] = split_sponsors(match.group(1))
            found["document_kind"] = match.group(2).lower()
        bare = re.match(r"^(?:Revised\s+)?[Dd]raft\s+(?:resolution|decision)\*?$", chunk)
        if bare:
            found["document_kind"] = chunk.rstrip("*").lower()
        if match or submitted or bare:
            rest = [c for c in chunks[index + 1:] if not ORGAN.match(c)]
            if rest:
                found["title"] = rest[0]
            return


def _join_title(parts: list[str]) -> str:
    title = ""
    for part in parts:
        title = title + part if title.endswith("-") else f"{title} {part}"
    return re.sub(r"\s+", " ", title).strip().rstrip("*").strip()


def split_sponsors(text: str) -> list[str]:
    """Return the sponsors of a draft from its sponsors line ("Cuba and Egypt" -> ["Cuba", "Egypt"])."""
    text = re.sub(r"\*+", "", text).strip()
    parts = re.split(r",\s*|\s+and\s+(?=[A-Z])", text)
    return [p.strip() for p in parts if p.strip()]


def read_adoption(lines: list[str]) -> Adoption:
    """Return the adoption stated after the operative part: meeting, date, mode, votes."""
    adoption = Adoption()
    text_lines = _text_lines(lines)
    for index, line in enumerate(text_lines):
        meeting = _MEETING.match(line) or _MEETING_IN_LINE.search(line)
        if meeting and adoption.meeting is None:
            adoption.meeting = re.sub(r"\s+", " ", meeting.group(1))
            adoption.date = iso_date(" ".join(text_lines[index:index + 2])[meeting.start():])
        lowered = line.lower()
        if adoption.mode is None and "without a vote" in lowered and "adopted" in lowered:
            adoption.mode = WITHOUT_A_VOTE
        vote = _VOTE.search(line)
        if vote and adoption.mode in (None, RECORDED_VOTE):
            adoption.mode = RECORDED_VOTE
            adoption.in_favour, adoption.against = int(vote.group(1)), int(vote.group(2))
            abstaining = vote.group(3)
            adoption.abstaining = 0 if abstaining in (None, "no") else int(abstaining)
        elif adoption.mode is None and re.search(r"adopted by (?:a )?(?:recorded )?vote", lowered):
            adoption.mode = RECORDED_VOTE
    return adoption


def committee_of(symbol: str | None) -> str | None:
    """Return the Main Committee of a draft symbol ("A/C.3/80/L.35" -> "Third Committee")."""
    match = re.match(r"^A/C\.(\d)/", symbol or "")
    return _COMMITTEES.get(match.group(1)) if match else None


def is_draft_symbol(symbol: str | None) -> bool:
    """Return whether ``symbol`` names a draft (``/L.``)."""
    return bool(symbol and "/L." in symbol)
