"""The words of the furniture: symbols, session names, dates, headings and vote lines.

Missing metadata gives a visible placeholder (``A/HRC/xx/L.xx``, ``[date]``) rather than an error,
so an incomplete draft still exports and the drafter sees what to fill in.
"""

from __future__ import annotations

import datetime as _dt

from penholder.export.profiles import ADOPTED
from penholder.model import RECORDED_VOTE, WITHOUT_A_VOTE, Resolution

_ONES = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
         "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
         "seventeenth", "eighteenth", "nineteenth"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_TENS_ORDINAL = ["", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
                 "eightieth", "ninetieth"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]

_COMMITTEES = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}

ORGAN_NAMES = {"HRC": "Human Rights Council", "GA": "General Assembly",
               "SC": "Security Council", "ECOSOC": "Economic and Social Council"}


def ordinal_words(number: int) -> str:
    """Return ``number`` as an ordinal in words (``53`` -> ``fifty-third``); digits past 99."""
    if 0 < number < 20:
        return _ONES[number]
    if 20 <= number < 100:
        tens, ones = divmod(number, 10)
        return _TENS_ORDINAL[tens] if not ones else f"{_TENS[tens]}-{_ONES[ones]}"
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def session_line(resolution: Resolution) -> str:
    """Return ``Fifty-third session`` (or ``[session]`` when unknown)."""
    if not resolution.session:
        return "[session] session"
    words = ordinal_words(resolution.session)
    return f"{words[:1].upper()}{words[1:]} session"


def long_date(iso: str | None) -> str | None:
    """Return ``12 July 2023`` from ``2023-07-12``; ``None`` when the date is missing or malformed."""
    if not iso:
        return None
    try:
        day = _dt.date.fromisoformat(iso[:10])
    except ValueError:
        return None
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def today_long() -> str:
    """Return today's date as ``27 November 2026``."""
    return long_date(_dt.date.today().isoformat()) or ""


def organ_name(body: str) -> str:
    """Return the organ's name for a body code (``HRC`` -> ``Human Rights Council``)."""
    return ORGAN_NAMES.get(body, "General Assembly")


def symbol_or_placeholder(resolution: Resolution, body: str, state: str) -> str:
    """Return the document symbol, or a placeholder shaped like the symbol it should be."""
    if resolution.symbol:
        return resolution.symbol
    session = str(resolution.session) if resolution.session else "xx"
    if body == "HRC":
        return f"A/HRC/RES/{session}/xx" if state == ADOPTED else f"A/HRC/{session}/L.xx"
    if state == ADOPTED:
        return f"A/RES/{session}/xx"
    committee = _COMMITTEES.get((resolution.committee or "").split(" ")[0].lower())
    return f"A/C.{committee}/{session}/L.xx" if committee else f"A/{session}/L.xx"


def organ_line(resolution: Resolution, body: str) -> tuple[str, str]:
    """Return the organ line split as (italic name, roman rest): ``("The General Assembly", ",")``."""
    line = (resolution.organ or f"The {organ_name(body)},").strip()
    name = line.rstrip(",;: ")
    return name, line[len(name):]


def adoption_heading(resolution: Resolution, body: str) -> str:
    """Return ``Resolution adopted by the Human Rights Council on 12 July 2023``."""
    when = long_date(resolution.adoption.date) or "[date]"
    return f"Resolution adopted by the {organ_name(body)} on {when}"


def resolution_number(resolution: Resolution, symbol: str) -> str:
    """Return the number hung in the margin before an adopted title (``53/11.``)."""
    if resolution.session and resolution.number:
        return f"{resolution.session}/{resolution.number}."
    tail = symbol.rstrip("/").split("/")
    if len(tail) >= 2 and tail[-1].isdigit():
        return f"{tail[-2]}/{tail[-1]}."
    return "xx/xx."


def sponsors_text(sponsors: list[str]) -> str:
    """Return ``Cuba, Egypt and Nigeria`` (or ``[Sponsors]`` when none are known)."""
    names = [s.strip() for s in sponsors if s.strip()]
    if not names:
        return "[Sponsors]"
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


ISSUE_DATE_PLACEHOLDER = "[date of issue]"
VOTING_FOLLOWS = "The voting was as follows:"


def issue_date(resolution: Resolution) -> str:
    """Return the date under "Distr.": the document's own date of issue, or a placeholder saying so."""
    return long_date(resolution.document_date) or ISSUE_DATE_PLACEHOLDER


def carries_original_language(body: str, state: str) -> bool:
    """Return whether the masthead says "Original: English": drafts and HRC texts do, an A/RES does not."""
    return state != ADOPTED or body == "HRC"


def voting_lists(voting) -> list[tuple[str, str]]:
    """Return (label, States joined as printed) for each list of a voting record, empty lists left out."""
    labelled = (("In favour:", voting.in_favour), ("Against:", voting.against),
                ("Abstaining:", voting.abstaining))
    return [(label, sponsors_text(names)) for label, names in labelled if names]


def vote_line(resolution: Resolution) -> str | None:
    """Return the HRC vote line (``[Adopted without a vote.]``), or ``None`` when the mode is unknown."""
    adoption = resolution.adoption
    if adoption.mode == WITHOUT_A_VOTE:
        return "[Adopted without a vote.]"
    if adoption.mode != RECORDED_VOTE:
        return None
    if adoption.in_favour is None:
        return "[Adopted by a recorded vote.]"
    line = f"[Adopted by a recorded vote of {adoption.in_favour} to {adoption.against or 0}"
    abstaining = adoption.abstaining or 0
    if abstaining:
        line += f", with {abstaining} abstention{'s' if abstaining != 1 else ''}"
    voting = resolution.voting
    if voting and (voting.in_favour or voting.against or voting.abstaining):
        return f"{line}. {VOTING_FOLLOWS}"  # the lists follow; the bracket closes after the last
    return line + ".]"


def agenda_lines(agenda_item: str | None) -> tuple[str, str | None]:
    """Return the agenda item line (``Agenda item 3``) and the item's title when it comes with it."""
    if not agenda_item:
        return "Agenda item [xx]", None
    first, _, rest = agenda_item.strip().partition("\n")
    first = first.strip()
    if not first.lower().startswith("agenda item"):
        first = f"Agenda item {first}"
    rest = " ".join(rest.split())
    return first, rest or None
