"""Front matter beyond the symbol and title: the agenda item's title, the report line, the dates.

Read from the header lines (before the organ line) as the official documents print them:

- the agenda item's title, the (bold) lines under ``Agenda item 71 (b)``;
- the report line, ``[on the report of the Third Committee (A/78/481/Add.2, para. 139)]`` or
  ``[without reference to a Main Committee (A/78/L.30)]``, kept without its brackets;
- an HRC session's dates, ``19 June–14 July 2023``, as printed;
- the document's own date (the date of issue under ``Distr.``), apart from the adoption date.

Each is ``None`` when the header does not state it; nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from penholder.parsing.metadata import (
    _AGENDA,
    _NUMBER_LINE,
    _OWN_SYMBOL,
    _SESSION_WORDS,
    _SPONSORS,
    DATE,
    MONTHS,
    ORGAN,
    iso_date,
    ordinal_session,
)
from penholder.parsing.normalize import PAGE_BREAK, strip_italics

_MONTH = "|".join(MONTHS)
SESSION_DATES = re.compile(
    rf"^\d{{1,2}}(?:\s+(?:{_MONTH}))?(?:\s+(?:19|20)\d\d)?\s*[–—-]\s*\d{{1,2}}\s+(?:{_MONTH})\s+(?:19|20)\d\d$"
)
_REPORT_START = re.compile(r"^\[\s*(?:on the reports? of|without reference to)\b", re.IGNORECASE)
# Lines that end the agenda item's title: what the header prints after it.
_AFTER_AGENDA_TITLE = re.compile(
    r"^(?:\[|(?:Resolution|Decision) adopted|Adopted\b|(?:Revised\s+)?[Dd]raft\s+(?:resolution|decision)"
    r"|Distr\b|Original\b|United Nations$|General Assembly$|Human Rights Council(?:\s+\S+\s+session)?$"
    r"|Security Council$"
    r"|Agenda items?\b|Items?\s+\d|\*\d+\*$|GE\.|Topic:|Date:|Session:|Document Type:)",
)
_JOB_NUMBER = re.compile(r"\(E\)|^\d{2}-\d{4,6}\b")


@dataclass
class FrontMatter:
    """What the header says beyond symbol, title and sponsors (each ``None`` when not stated)."""

    agenda_title: str | None = None
    report_line: str | None = None
    session_dates: str | None = None
    document_date: str | None = None


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        text = text + part if text.endswith("-") else f"{text} {part}"
    return re.sub(r"\s+", " ", text).strip()


def _ends_title(line: str) -> bool:
    return bool(
        _AFTER_AGENDA_TITLE.match(line) or _JOB_NUMBER.search(line) or _NUMBER_LINE.match(line)
        or ORGAN.match(line) or _SPONSORS.match(line) or SESSION_DATES.match(line)
        or DATE.fullmatch(line) or _OWN_SYMBOL.fullmatch(line) or _is_session_line(line)
    )


def _is_session_line(line: str) -> bool:
    session = _SESSION_WORDS.match(line)
    return bool(session and ordinal_session(session.group(1)) and len(line) < 40)


def agenda_title(lines: list[str]) -> str | None:
    """Return the agenda item's title: the lines right under ``Agenda item …`` (or after its colon)."""
    plain = [strip_italics(line).strip() for line in lines]
    for index, line in enumerate(plain):
        agenda = _AGENDA.match(line)
        if not agenda:
            continue
        same_line = re.match(r"^Agenda\s+items?\s*:?\s*(?:Item\s*)?[\w() ,]+?:\s*(\S.*)$", line,
                             re.IGNORECASE)
        if same_line:  # "Agenda Item: Item3: Promotion and protection …"
            title = same_line.group(1).strip()
            return title if not _ends_title(title) else None
        parts: list[str] = []
        for follow in plain[index + 1:]:
            if follow in ("", PAGE_BREAK):
                if parts:
                    break
                continue
            if _ends_title(follow) or len(" ".join(parts)) > 400:
                break
            parts.append(follow)
        title = _join(parts).rstrip("*").strip()
        return title or None
    return None


def report_line(lines: list[str]) -> str | None:
    """Return ``on the report of the Third Committee (A/78/481/Add.2, para. 139)`` (no brackets)."""
    plain = [strip_italics(line).strip() for line in lines if line not in ("", PAGE_BREAK)]
    for index, line in enumerate(plain):
        if not _REPORT_START.match(line):
            continue
        parts = [line]
        for follow in plain[index + 1:index + 4]:
            if "]" in parts[-1]:
                break
            parts.append(follow)
        text = _join(parts)
        if "]" not in text:
            return None
        return text[1:text.index("]")].strip() or None
    return None


def session_dates(lines: list[str]) -> str | None:
    """Return the session's dates as printed (``19 June–14 July 2023``), when a line holds only them."""
    for line in lines:
        plain = re.sub(r"\s+", " ", strip_italics(line).strip())
        if SESSION_DATES.match(plain):
            return plain
    return None


def document_date(lines: list[str]) -> str | None:
    """Return the date of issue under ``Distr.`` as YYYY-MM-DD (on the Distr. line or the next)."""
    plain = [strip_italics(line).strip() for line in lines if line not in ("", PAGE_BREAK)]
    for index, line in enumerate(plain):
        if not line.startswith("Distr"):
            continue
        for candidate in plain[index:index + 3]:
            found = iso_date(candidate)
            if found:
                return found
        return None
    return None


def read_front_matter(header_lines: list[str]) -> FrontMatter:
    """Return the agenda title, report line, session dates and date of issue of a header."""
    return FrontMatter(
        agenda_title=agenda_title(header_lines),
        report_line=report_line(header_lines),
        session_dates=session_dates(header_lines),
        document_date=document_date(header_lines),
    )
