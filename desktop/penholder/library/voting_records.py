"""The General Assembly voting data inside the library: its tables, the coverage rule and GA adoption.

``ga_votes`` holds one row per resolution adopted by a recorded vote (totals, date, meeting record,
draft, committee report, agenda title) with every State's vote as one letter per State, in the order of
``ga_states``. An import replaces the previous data in one transaction. The data is applied when a
resolution is read (``apply``), so it reaches resolutions already in the library and those added later:
a GA resolution whose text states no mode of adoption is *recorded vote* when the data has it, and
*without a vote* when the data covers its session and number but does not list it (the data lists only
recorded votes). Covered: every regular session from the data's first to the one before its last; in
its last regular session and in each special or emergency special session it has, the numbers up to
the highest it lists.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass

from penholder.library.votes import VotingData, vote_word
from penholder.model import RECORDED_VOTE, WITHOUT_A_VOTE, Resolution

SCHEMA = """
CREATE TABLE IF NOT EXISTS ga_votes (
    id INTEGER PRIMARY KEY,
    symbol_key TEXT NOT NULL,
    resolution TEXT NOT NULL,
    undl_id TEXT,
    date TEXT,
    session TEXT,
    draft TEXT,
    committee_report TEXT,
    meeting TEXT,
    title TEXT,
    agenda_title TEXT,
    vote_note TEXT,
    yes INTEGER,
    no INTEGER,
    abstentions INTEGER,
    non_voting INTEGER,
    members INTEGER,
    votes TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ga_votes_key ON ga_votes (symbol_key);
CREATE TABLE IF NOT EXISTS ga_states (position INTEGER PRIMARY KEY, code TEXT NOT NULL, name TEXT);
"""
COVERAGE = "ga_votes_coverage"  # meta key: JSON {"first": 1, "last": 79, "highest": {"79": 317, "ES-10": 21}}
SOURCE = "ga_votes_source"  # meta key: JSON {"path", "sha256", "imported", "rows", "resolutions"}

_REGULAR = re.compile(r"^A/RES/(\d+)/(\d+)")
_SPECIAL = re.compile(r"^A/RES/((?:ES|S)-\d+)/(\d+)")
_OLD = re.compile(r"^A/RES/(\d+)\s*\((?:(ES|S)-)?([IVXLC]+)\)")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass
class VoteRow:
    """One stored recorded vote."""

    resolution: str
    date: str | None
    session: str | None
    draft: str | None
    committee_report: str | None
    meeting: str | None
    agenda_title: str | None
    vote_note: str | None
    yes: int | None
    no: int | None
    abstentions: int | None
    non_voting: int | None
    members: int | None
    votes: str

    def to_json(self) -> dict:
        """Return the record as a JSON-ready dict (States' votes left out)."""
        data = dict(self.__dict__)
        data.pop("votes")
        return data


def create(connection: sqlite3.Connection) -> None:
    """Create the voting tables (inside the caller's transaction)."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)


def symbol_key(symbol: str) -> str:
    """Return the key a symbol is matched by: upper case, no spaces."""
    return re.sub(r"\s+", "", symbol or "").upper()


def session_and_number(symbol: str) -> tuple[str, int] | None:
    """Return (session, number) of a GA resolution symbol (``A/RES/78/12`` → ("78", 12)), else None."""
    key = symbol_key(symbol)
    found = _SPECIAL.match(key)
    if found:
        return found.group(1), int(found.group(2))
    found = _REGULAR.match(key)
    if found:
        return str(int(found.group(1))), int(found.group(2))
    found = _OLD.match(key)
    if found:
        session = _roman(found.group(3))
        if session is None:
            return None
        return (f"{found.group(2)}-{session}" if found.group(2) else str(session)), int(found.group(1))
    return None


def coverage_of(data: VotingData) -> dict:
    """Return which sessions and numbers the data covers (see the module's docstring)."""
    highest: dict[str, int] = {}
    regular: list[int] = []
    for record in data.records:
        parsed = session_and_number(record.resolution)
        if parsed is None:
            continue
        session, number = parsed
        highest[session] = max(highest.get(session, 0), number)
        if session.isdigit():
            regular.append(int(session))
    return {"first": min(regular) if regular else None, "last": max(regular) if regular else None,
            "highest": highest}


def covered(symbol: str, coverage: dict | None) -> bool:
    """Return whether the data of ``coverage`` would list ``symbol`` had it been adopted by a recorded vote."""
    if not coverage:
        return False
    parsed = session_and_number(symbol)
    if parsed is None:
        return False
    session, number = parsed
    highest = coverage.get("highest") or {}
    first, last = coverage.get("first"), coverage.get("last")
    if session.isdigit() and first is not None and last is not None and first <= int(session) < last:
        return True
    return session in highest and number <= highest[session]


def store(connection: sqlite3.Connection, data: VotingData, source: dict) -> None:
    """Replace the stored voting data by ``data`` (inside the caller's transaction)."""
    create(connection)
    connection.execute("DELETE FROM ga_votes")
    connection.execute("DELETE FROM ga_states")
    connection.executemany("INSERT INTO ga_states VALUES (?, ?, ?)",
                           [(position, code, name) for position, (code, name) in enumerate(data.states)])
    width = len(data.states)

    def rows():
        for record in data.records:
            votes = bytes(record.votes).ljust(width, b"\0").replace(b"\0", b".").decode("ascii")
            yes, no, abstentions = record.totals_or_counts()
            yield (symbol_key(record.resolution), record.resolution, record.undl_id or None, record.date,
                   record.session or None, record.draft or None, record.committee_report or None,
                   record.meeting or None, record.title or None, record.agenda_title or None,
                   record.vote_note or None, yes, no, abstentions, record.totals[3], record.totals[4], votes)

    connection.executemany(
        "INSERT INTO ga_votes (symbol_key, resolution, undl_id, date, session, draft, committee_report, "
        "meeting, title, agenda_title, vote_note, yes, no, abstentions, non_voting, members, votes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
    for key, value in ((COVERAGE, coverage_of(data)), (SOURCE, source)):
        connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value)))


class Votes:
    """The stored voting data, read once, applied to resolutions and asked for a State's votes."""

    def __init__(self, by_key: dict[str, VoteRow], coverage: dict | None, states: list[tuple[str, str]],
                 source: dict | None) -> None:
        self.by_key = by_key
        self.coverage = coverage
        self.states = states
        self.source = source

    @classmethod
    def load(cls, connection: sqlite3.Connection) -> Votes:
        """Return the voting data stored in the library (empty when none was imported)."""
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "ga_votes" not in tables:
            return cls({}, None, [], None)
        by_key: dict[str, VoteRow] = {}
        for key, *fields in connection.execute(
                "SELECT symbol_key, resolution, date, session, draft, committee_report, meeting, agenda_title,"
                " vote_note, yes, no, abstentions, non_voting, members, votes FROM ga_votes ORDER BY id"):
            by_key.setdefault(key, VoteRow(*fields))
        meta = dict(connection.execute("SELECT key, value FROM meta WHERE key IN (?, ?)", (COVERAGE, SOURCE)))
        states = [(code, name or "") for code, name in
                  connection.execute("SELECT code, name FROM ga_states ORDER BY position")]
        return cls(by_key, _json(meta.get(COVERAGE)), states, _json(meta.get(SOURCE)))

    def __bool__(self) -> bool:
        return bool(self.by_key)

    def record(self, symbol: str) -> VoteRow | None:
        """Return the recorded vote on ``symbol``, or None."""
        return self.by_key.get(symbol_key(symbol))

    def apply(self, resolution: Resolution) -> Resolution:
        """Fill a GA resolution's adoption from the data where its text leaves it unknown; return it."""
        if not resolution.symbol or not symbol_key(resolution.symbol).startswith("A/RES/"):
            return resolution
        adoption = resolution.adoption
        row = self.record(resolution.symbol)
        if row is not None and not resolution.agenda_title and row.agenda_title:
            resolution.agenda_title = row.agenda_title  # for the export's front matter, where the text lacks it
        if adoption.mode is not None:
            return resolution
        if row is not None:
            adoption.mode = RECORDED_VOTE
            adoption.in_favour, adoption.against, adoption.abstaining = row.yes, row.no, row.abstentions
            adoption.date = adoption.date or row.date
            adoption.meeting = adoption.meeting or meeting_words(row.meeting)
        elif covered(resolution.symbol, self.coverage):
            adoption.mode = WITHOUT_A_VOTE
        return resolution

    def state(self, wanted: str) -> int | None:
        """Return the position of the State ``wanted`` (its code or its name, any case), or None."""
        wanted = (wanted or "").strip().upper()
        if not wanted:
            return None
        for position, (code, name) in enumerate(self.states):
            if wanted in (code.upper(), name.upper()):
                return position
        return None

    def vote_of(self, symbol: str, state: str) -> str | None:
        """Return the letter (Y, N, A, X) of ``state``'s vote on ``symbol``; None when not recorded."""
        position = self.state(state)
        row = self.record(symbol)
        if position is None or row is None or position >= len(row.votes):
            return None
        letter = row.votes[position]
        return letter if letter in "YNAX" else None

    def delegation_votes(self, state: str) -> dict[str, str]:
        """Return symbol key → vote letter of ``state`` for every recorded vote it took part in."""
        position = self.state(state)
        if position is None:
            return {}
        return {key: row.votes[position] for key, row in self.by_key.items()
                if position < len(row.votes) and row.votes[position] in "YNAX"}


def delegation_label(state: str, letter: str | None, mode: str | None = None, recorded: bool = False) -> str:
    """Return ``FRA: yes``; ``FRA: without a vote`` for a resolution adopted without one; ``FRA: not
    recorded`` for a recorded vote that lists no vote of the State (not yet a member); ``FRA: adoption
    not recorded`` when nothing is known."""
    code = state.strip().upper()
    if letter is not None:
        return f"{code}: {vote_word(letter)}"
    if mode == WITHOUT_A_VOTE:
        return f"{code}: without a vote"
    if recorded or mode == RECORDED_VOTE:
        return f"{code}: not recorded"
    return f"{code}: adoption not recorded"


def meeting_words(symbol: str | None) -> str | None:
    """Return ``A/78/PV.45`` as ``45th plenary meeting`` (other text as it is)."""
    if not symbol:
        return None
    found = re.search(r"PV\.(\d+)", symbol)
    if not found:
        return symbol
    number = int(found.group(1))
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix} plenary meeting"


def _roman(text: str) -> int | None:
    total, previous = 0, 0
    for letter in reversed(text):
        value = _ROMAN.get(letter)
        if value is None:
            return None
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total or None


def _json(text: str | None) -> dict | None:
    try:
        value = json.loads(text) if text else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
