"""End matter beyond meeting, date and vote counts: the voting record of a recorded vote.

HRC texts adopted by a recorded vote end ``[Adopted by a recorded vote of 33 to 13, with 1 abstention.
The voting was as follows:`` and three labelled lists, ``In favour:``, ``Against:``, ``Abstaining:``,
each a list of States separated by commas with ``and`` before the last; the bracket closes after the
last list. The lists are read from the lines after the body; nothing is read without the labels.
"""

from __future__ import annotations

import re

from penholder.model import Voting
from penholder.parsing.normalize import PAGE_BREAK, strip_italics

_LABEL = re.compile(r"^(In favour|Against|Abstaining|Abstentions)\s*:\s*(.*)$", re.IGNORECASE)
_KEYS = {"in favour": "in_favour", "against": "against", "abstaining": "abstaining",
         "abstentions": "abstaining"}
# Page furniture that may sit inside a list crossing a page (PDF text): job numbers, symbols, page numbers.
_FURNITURE = re.compile(r"^(?:GE\.\d|\d{2}-\d{4,6}\b|A/HRC/RES/\d|A/RES/\d|\d{1,2}(?:/\d{1,2})?$)")
# Names of States with "and" inside: the last "and" of a list is never one of these.
STATES_WITH_AND = (
    "Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines", "Sao Tome and Principe", "Trinidad and Tobago",
    "United Kingdom of Great Britain and Northern Ireland", "Heard Island and McDonald Islands",
)
_PROTECT = "\x00"
_FOOTNOTE_LINE = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹*]+\s")


def split_states(text: str) -> list[str]:
    """Return the States of a list ``A, B and C`` (``Bosnia and Herzegovina`` kept whole)."""
    text = re.sub(r"\s+", " ", text).strip().rstrip("].;").strip()
    if not text or text.lower() in ("none", "nil", "-", "–"):
        return []
    for name in STATES_WITH_AND:
        text = text.replace(name, name.replace(" and ", f" {_PROTECT} "))
    names: list[str] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        pieces = re.split(r"\s+and\s+(?=[A-Z])", part)
        names.extend(p.strip() for p in pieces if p.strip())
    return [name.replace(f" {_PROTECT} ", " and ") for name in names]


def read_voting(lines: list[str]) -> Voting | None:
    """Return the voting record stated after the body, or ``None`` when there are no labelled lists."""
    plain = [strip_italics(line).strip() for line in lines if line not in ("", PAGE_BREAK)]
    start = next((i for i, line in enumerate(plain) if "voting was as follows" in line.lower()), None)
    if start is None:
        return None
    lists: dict[str, list[str]] = {}
    current: str | None = None
    closed = False
    for line in plain[start + 1:]:
        label = _LABEL.match(line)
        if label:
            current = _KEYS[label.group(1).lower()]
            lists[current] = [label.group(2)] if label.group(2) else []
        elif current is None or _FURNITURE.match(line) or _FOOTNOTE_LINE.match(line):
            continue
        else:
            lists[current].append(line)
        if current is not None and lists[current] and lists[current][-1].rstrip().endswith("]"):
            closed = True
            break
    if not lists:
        return None
    voting = Voting()
    for key, parts in lists.items():
        joined = ""
        for part in parts:
            joined = joined + part if joined.endswith("-") else f"{joined} {part}"
        setattr(voting, key, split_states(joined))
    if not closed and not voting.in_favour:
        return None
    return voting
