"""Checks of references to resolutions: their UN form and whether their dates agree.

``resolution 61/171 of 19 December 2006`` is the form; a date that the calendar, the session, the
library's copy of the resolution or the other citations across the library contradict is flagged.
"""

from __future__ import annotations

import re

from penholder.checks.problem import ERROR, INFO, WARNING, Problem
from penholder.checks.references import (
    DATE_PATTERN,
    Citation,
    CitedAs,
    ReferenceIndex,
    match_to_iso,
    session_years,
    un_date,
)

_ANY_DATE = re.compile(DATE_PATTERN)


def check_reference_form(text: str, citations: list[Citation], kind: str, number: int,
                         sub: str | None = None) -> list[Problem]:
    """Return problems where a reference departs from ``resolution 61/171 of 19 December 2006``."""
    problems: list[Problem] = []
    seen_words: set[int] = set()
    for citation in citations:
        if citation.word_start not in seen_words:
            seen_words.add(citation.word_start)
            problems += _word_form(text, citation, kind, number, sub)
        if citation.symbol_text != citation.number:
            start = citation.symbol_start
            end = start + len(citation.symbol_text)
            message = (f"Cite the resolution by its number, “{citation.name()}”, "
                       f"not by its document symbol “{citation.symbol_text}”")
            problems.append(Problem("REF-FORM", message, WARNING, kind, number, start, end,
                                    citation.number, sub))
        if citation.date_start is None:
            continue
        if citation.connective == "dated":
            start = citation.connective_start
            problems.append(Problem("REF-FORM", "UN references read “of 19 December 2006”, not “dated …”",
                                    WARNING, kind, number, start, start + len("dated"), "of", sub))
        problems += _date_form(text, citation, kind, number, sub)
    return problems


def _word_form(text: str, citation: Citation, kind: str, number: int, sub: str | None) -> list[Problem]:
    word = citation.word
    start = citation.word_start
    before = text[:start].rstrip()
    if word.lower() in ("res.", "res"):
        return [Problem("REF-FORM", "Write “resolution” in full, not “res.”", WARNING, kind, number,
                        start, start + len(word), "resolution", sub)]
    sentence_start = not before or before.endswith((".", "“", "\"", "(", ":"))
    if word[0].isupper() and not sentence_start:
        return [Problem("REF-FORM", f"“{word.lower()}” takes a lower-case r inside a sentence",
                        WARNING, kind, number, start, start + len(word), word.lower(), sub)]
    return []


def _date_form(text: str, citation: Citation, kind: str, number: int, sub: str | None) -> list[Problem]:
    start, end = citation.date_start, citation.date_end
    assert start is not None and end is not None
    written = text[start:end]
    match = _ANY_DATE.fullmatch(written)
    if match is None:
        return []
    if match.group("numeric"):
        message = (f"Write the date in words, day first (“of 19 December 2006”), not “{written}”: "
                   "numeric dates are ambiguous")
        return [Problem("REF-FORM", message, WARNING, kind, number, start, end, None, sub)]
    iso = match_to_iso(match)
    if iso is None:
        message = f"“{written}” is not a date that exists; check the date of {citation.name()}"
        return [Problem("REF-DATE", message, ERROR, kind, number, start, end, None, sub)]
    proper = un_date(iso)
    if written != proper:
        message = f"UN references write the date as “{proper}”, not “{written}”"
        return [Problem("REF-FORM", message, WARNING, kind, number, start, end, proper, sub)]
    return []


def check_reference_dates(citations: list[Citation], index: ReferenceIndex | None, citing: str | None,
                          kind: str, number: int, sub: str | None = None) -> list[Problem]:
    """Return problems where a reference's date disagrees with its session, the library or other citations."""
    problems: list[Problem] = []
    for citation in citations:
        if citation.date is None or citation.date_start is None or citation.date_end is None:
            continue
        span = (citation.date_start, citation.date_end)
        adopted = index.adopted.get(citation.library_symbol() or "") if index else None
        if adopted and adopted != citation.date:
            message = (f"{citation.name()} was adopted on {un_date(adopted)} (library: "
                       f"{citation.library_symbol()}), but is cited here “of {un_date(citation.date)}”")
            problems.append(Problem("REF-LIBRARY-DATE", message, ERROR, kind, number, *span,
                                    un_date(adopted), sub))
            continue
        others = _other_dates(citation, index, citing)
        session = session_years(citation.body, citation.number)
        fits = session is None or int(citation.date[:4]) in session[0]
        if not fits:
            assert session is not None
            fitting = sorted(d for d in others if int(d[:4]) in session[0])
            elsewhere = f"; {_cited_elsewhere(others)}" if others else ""
            message = (f"{citation.name()} cannot date from {citation.date[:4]}: {session[1]} "
                       f"(cited here “of {un_date(citation.date)}”{elsewhere})")
            fix = un_date(fitting[0]) if len(fitting) == 1 else None
            problems.append(Problem("REF-DATE", message, ERROR, kind, number, *span, fix, sub))
        elif others and not adopted:
            unsure = all(session is not None and int(d[:4]) not in session[0] for d in others)
            message = (f"{citation.name()} is cited here “of {un_date(citation.date)}” but "
                       f"{_cited_elsewhere(others)}")
            if unsure:
                message += f"; the date here fits the session ({session[1]})"  # type: ignore[index]
            problems.append(Problem("REF-CITED-DATE", message, INFO if unsure else WARNING, kind, number,
                                    *span, None, sub))
    return problems


def _other_dates(citation: Citation, index: ReferenceIndex | None,
                 citing: str | None) -> dict[str, list[CitedAs]]:
    """Return the other dates given to the same resolution across the library, with who gives them."""
    if index is None or citation.body is None:
        return {}  # a body the text leaves unsaid: "decision 15/10" of which conference?
    others: dict[str, list[CitedAs]] = {}
    for cited_as in index.citations.get(citation.key, []):
        if cited_as.date != citation.date and cited_as.citing != citing:
            others.setdefault(cited_as.date, []).append(cited_as)
    return others


def _cited_elsewhere(others: dict[str, list[CitedAs]]) -> str:
    parts = []
    for date, cited in sorted(others.items()):
        symbols = sorted({c.citing for c in cited})
        listed = ", ".join(symbols[:4]) + (f" and {len(symbols) - 4} more" if len(symbols) > 4 else "")
        parts.append(f"“of {un_date(date)}” in {listed}")
    return "cited as " + "; as ".join(parts)


