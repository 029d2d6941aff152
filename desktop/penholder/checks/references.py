"""References to other resolutions: find them, check their UN form and cross-check their dates.

A reference reads ``resolution 61/171 of 19 December 2006`` (``Human Rights Council resolution 6/17 of
28 September 2007``). Its date is checked three ways: against the calendar and the session the number
belongs to, against the adoption date of that resolution when the library holds it, and against every
other citation of the same resolution across the library.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from penholder.model import Resolution

MONTHS = [calendar.month_name[i] for i in range(1, 13)]
_MONTH_NUMBER = {name.lower(): i for i, name in enumerate(MONTHS, start=1)}
_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                  "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December" \
         r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
DATE_PATTERN = (rf"(?:(?P<day>\d{{1,2}})(?P<ordinal>st|nd|rd|th)?\s+(?P<month>{_MONTH})\s+(?P<year>\d{{4}})"
         rf"|(?P<month2>{_MONTH})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year2>\d{{4}})"
         r"|(?P<numeric>\d{1,2}/\d{1,2}/\d{2,4}))(?!\d)")
_BODIES = {
    "general assembly": "GA", "assembly": "GA", "human rights council": "HRC", "security council": "SC",
    "economic and social council": "ECOSOC", "commission on human rights": "CHR",
    "sub-commission": "SUBCOM", "commission": None, "council": None, "its": None,
}
_BODY = "|".join(sorted((re.escape(b) for b in _BODIES), key=len, reverse=True))
_HEAD = re.compile(r"\b(?P<word>[Rr]esolutions?|[Dd]ecisions?|[Rr]es\.)\s+(?=(?:A/(?:HRC/)?RES/|E?S-)?\d)")
_BODY_BEFORE = re.compile(rf"\b(?P<body>{_BODY})\s+$", re.IGNORECASE)
_ITEM = re.compile(rf"(?P<symbol>(?:A/(?:HRC/)?RES/)?(?P<special>E?S-)?(?P<first>\d{{1,4}})/\d{{1,4}})(?![/\d])"
                   rf"(?:(?P<tail>\s*,?\s+(?P<conn>of|dated)\s+){DATE_PATTERN})?")
_SEPARATOR = re.compile(r"(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+)(?=(?:A/)?(?:HRC/)?(?:RES/)?(?:E?S-)?\d{1,4}/\d)")
_ANOTHER_BODY = re.compile(r"\b(?:Commission|Committee|Conference|Assembly|Organization|Board|Forum|Parties"
                           r"|Summit|Programme|Council)\b")
# Capitalized words just before "resolution" name some other body: "Commission on the Status of Women".
_OTHER_BODY = re.compile(r"(?:(?:[A-Z][\w’'-]*|of|on|the|and|for)\s+)+$")
BODY_NAMES = {"GA": "General Assembly", "HRC": "Human Rights Council", "SC": "Security Council",
              "ECOSOC": "Economic and Social Council", "CHR": "Commission on Human Rights",
              "SUBCOM": "Sub-Commission"}
SESSION_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                    "tenth"]


@dataclass(frozen=True)
class Citation:
    """One reference in a text: which resolution (``body``, ``number``), its date as written and parsed."""

    body: str | None  # "GA", "HRC" … or None when the text does not say
    number: str  # "6/17", "2000/22"
    start: int  # offsets of the whole reference item within the text
    end: int
    date: str | None = None  # ISO date when the date could be read
    date_start: int | None = None
    date_end: int | None = None
    written: str = ""  # the date as written ("28 September 2007")
    word: str = "resolution"
    word_start: int = 0
    symbol_text: str = ""
    symbol_start: int = 0
    connective: str = "of"
    connective_start: int = 0

    @property
    def key(self) -> tuple[str | None, str]:
        """Return what identifies the cited resolution across texts: (body, number)."""
        return self.body, self.number

    def library_symbol(self) -> str | None:
        """Return the document symbol of the cited resolution (``A/HRC/RES/6/17``), when the body is known."""
        if self.body == "GA":
            return f"A/RES/{self.number}"
        if self.body == "HRC":
            return f"A/HRC/RES/{self.number}"
        return None

    def name(self) -> str:
        """Return how a drafter names the cited resolution: ``Human Rights Council resolution 6/17``."""
        body = BODY_NAMES.get(self.body or "")
        return f"{body} {self.word.rstrip('s')} {self.number}" if body else f"{self.word.rstrip('s')} {self.number}"


def body_of(resolution: Resolution) -> str | None:
    """Return the body of a resolution or draft ("GA", "HRC" …), from its metadata or its organ line."""
    if resolution.body:
        return resolution.body
    organ = (resolution.organ or "").lower()
    for name, code in _BODIES.items():
        if code and name in organ:
            return code
    symbol = resolution.symbol or ""
    return "HRC" if symbol.startswith("A/HRC/") else "GA" if symbol.startswith("A/") else None


def find_citations(text: str, own_body: str | None = None) -> list[Citation]:
    """Return the references to resolutions and decisions in ``text``, in order."""
    citations: list[Citation] = []
    position = 0
    while True:
        head = _HEAD.search(text, position)
        if head is None:
            return citations
        position = head.end()
        before = _BODY_BEFORE.search(text, max(0, head.start() - 40), head.start())
        named = before.group("body").lower() if before else ""
        body = _BODIES.get(named)
        inferred = "its" if named == "its" else "weak" if named in ("council", "") else ""
        if named == "its" and _ANOTHER_BODY.search(text, max(0, head.start() - 100), head.start()):
            inferred = "weak"  # "… by the Commission on Crime Prevention … in its resolution 34/1"
        if inferred:
            body = own_body if named != "council" or own_body == "HRC" else None
        if not named:
            other = _other_body(text, head.start("word"))
            if other:
                body, inferred = other, ""
        while True:
            item = _ITEM.match(text, position)
            if item is None:
                break
            citations.append(_citation(item, head, body, inferred))
            position = item.end()
            separator = _SEPARATOR.match(text, position)
            if separator is None:
                break
            position = separator.end()


def _other_body(text: str, word_start: int) -> str | None:
    """Return the name of a body other than those known, written just before "resolution", or ``None``."""
    match = _OTHER_BODY.search(text, max(0, word_start - 80), word_start)
    if match is None:
        return None
    words = match.group().split()
    if match.start() == 0:
        words = words[1:]  # the lead ("Recalling"), not a body
    while words and words[0][0].islower():
        words = words[1:]
    return "other:" + " ".join(words) if words else None


def _citation(item: re.Match[str], head: re.Match[str], body: str | None, inferred: str) -> Citation:
    symbol = item.group("symbol")
    number = symbol.split("RES/")[-1]
    if item.group("special"):
        body_for_number = body
    elif int(item.group("first")) >= 1946:
        body_for_number = None if body in (None, "GA", "HRC") else body  # 2000/22: ECOSOC, CHR …
    else:
        body_for_number = body
    if symbol.startswith("A/HRC/"):
        body_for_number = "HRC"
    elif symbol.startswith("A/RES/"):
        body_for_number = "GA"
    date = written = None
    date_start = date_end = None
    if item.group("tail") is not None:
        date_start = item.end("tail")
        date_end = item.end()
        written = item.group()[date_start - item.start():]
        date = match_to_iso(item)
    if inferred and date and not item.group("symbol").startswith("A/"):
        body_for_number = _likely_body(body_for_number, number, int(date[:4]), inferred == "its")
    return Citation(
        body=body_for_number, number=number, start=item.start(), end=item.end(), date=date,
        date_start=date_start, date_end=date_end, written=written or "", word=head.group("word"),
        word_start=head.start("word"), symbol_text=symbol, symbol_start=item.start("symbol"),
        connective=item.group("conn") or "of", connective_start=item.start("conn") if item.group("conn") else 0,
    )


def _likely_body(body: str | None, number: str, year: int, strong: bool) -> str | None:
    """Return the body whose sessions fit ``year`` when the text only implies one (``in its resolution``).

    "Recalls that, in its resolution 76/164 …, the General Assembly requested …": "its" is the
    Assembly's, not the Council's; a date that fits another body's session and not the implied one
    tells which. A bare "resolution 79/8 of 19 May 2023" that fits no known body is some other body's
    (``None``); "its resolution" that fits none stays its own body's, so its date gets checked.
    """
    implied = session_years(body, number)
    if implied is not None and year in implied[0]:
        return body
    for other in ("GA", "HRC"):
        fits = session_years(other, number)
        if other != body and fits is not None and year in fits[0]:
            return other
    return body if strong and implied is not None else None


def match_to_iso(match: re.Match[str]) -> str | None:
    """Return the ISO date of a matched date, or ``None`` when it is numeric or impossible."""
    if match.group("numeric"):
        return None
    day = int(match.group("day") or match.group("day2"))
    month_text = (match.group("month") or match.group("month2")).rstrip(".").lower()
    month = _MONTH_NUMBER.get(month_text) or _ABBREVIATIONS.get(month_text)
    year = int(match.group("year") or match.group("year2"))
    if not month or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def un_date(iso: str) -> str:
    """Return an ISO date the UN way: ``2007-09-28`` -> ``28 September 2007``."""
    year, month, day = (int(x) for x in iso.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def session_years(body: str | None, number: str) -> tuple[set[int], str] | None:
    """Return the years a resolution numbered ``number`` can date from and why, or ``None`` if unknown."""
    first = number.split("/")[0]
    if not first.isdigit():
        return None
    session = int(first)
    if session >= 1946:  # ECOSOC's 2026 session opens in July 2025
        return {session - 1, session}, f"its number says it dates from {session} (or late {session - 1})"
    if body == "GA" and 31 <= session <= 120:
        start = 1945 + session
        return {start, start + 1}, f"the Assembly's {_ordinal(session)} session ran {start}–{start + 1}"
    if body == "HRC" and 1 <= session <= 120:
        year = 2006 if session <= 3 else 2007 + (session - 4) // 3
        return {year}, f"the Council's {_ordinal(session)} session met in {year}"
    return None


def _ordinal(number: int) -> str:
    if number <= len(SESSION_ORDINALS):
        return SESSION_ORDINALS[number - 1]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


@dataclass(frozen=True)
class CitedAs:
    """Where a resolution is cited and with which date."""

    date: str
    citing: str  # symbol of the citing resolution (or its title when it has no symbol)
    kind: str
    number: int


class ReferenceIndex:
    """Adoption dates and every dated citation across a library, to cross-check references.

    Build it once per library (``from_library``) and pass it as ``library=`` to the checks; building
    reads every resolution, checking one draft against it is a dictionary look-up per reference.
    """

    def __init__(self) -> None:
        self.adopted: dict[str, str] = {}  # symbol -> ISO adoption date
        self.citations: dict[tuple[str | None, str], list[CitedAs]] = defaultdict(list)

    @classmethod
    def from_resolutions(cls, resolutions: Iterable[Resolution]) -> ReferenceIndex:
        """Return the index of the adoption dates and dated citations of ``resolutions``."""
        index = cls()
        for resolution in resolutions:
            index.add(resolution)
        return index

    @classmethod
    def from_library(cls, library: object) -> ReferenceIndex:
        """Return the index of a ``penholder.library.Library`` (anything with ``resolutions()``)."""
        return cls.from_resolutions(library.resolutions())  # type: ignore[attr-defined]

    def add(self, resolution: Resolution) -> None:
        """Record a resolution's adoption date and the dated citations in its paragraphs."""
        if resolution.symbol and resolution.adoption.date:
            self.adopted[resolution.symbol] = resolution.adoption.date
        citing = resolution.symbol or resolution.title or "?"
        for kind, number, text in paragraph_texts(resolution):
            for citation in find_citations(text, body_of(resolution)):
                if citation.date:
                    self.citations[citation.key].append(CitedAs(citation.date, citing, kind, number))

    def disagreements(self) -> list[tuple[tuple[str | None, str], dict[str, list[CitedAs]]]]:
        """Return every cited resolution whose citations give more than one date, dates -> citations."""
        found = []
        for key, cited in sorted(self.citations.items(), key=lambda item: (item[0][0] or "", item[0][1])):
            by_date: dict[str, list[CitedAs]] = defaultdict(list)
            for cited_as in cited:
                by_date[cited_as.date].append(cited_as)
            if len(by_date) > 1:
                found.append((key, dict(by_date)))
        return found


def paragraph_texts(resolution: Resolution) -> Iterator[tuple[str, int, str]]:
    """Yield (kind, 1-based position, text) for every paragraph and sub-paragraph text of a resolution."""
    for kind, paragraphs in (("preambular", resolution.preambular), ("operative", resolution.operative)):
        for position, paragraph in enumerate(paragraphs, start=1):
            yield kind, position, paragraph.text
            stack = list(paragraph.subparagraphs)
            while stack:
                sub = stack.pop(0)
                yield kind, position, sub.text
                stack[:0] = sub.subparagraphs
