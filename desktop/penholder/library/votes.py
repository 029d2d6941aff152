"""Reading the UN's General Assembly voting data (Dag Hammarskjöld Library, record 4060887) from its CSV.

Two layouts, recognised by their header: the Member-State level file (one row per State per resolution
adopted by a recorded vote: ``ms_code``, ``ms_vote`` …) and the resolution-level file (one row per
resolution, one column per State holding its vote). Both header versions are read (files before 2026
lack ``vote_note``); totals may be written as floats (``120.0``); sessions may be ``ES-10``. The file is
streamed with the ``csv`` module: States' votes are kept as one byte per State per resolution, so the
900,000 rows of the full file take a few MB. ``progress(done_bytes, total_bytes, path)`` is called every
few thousand rows and ``cancel()`` is asked as often; a wrong or damaged file raises one LibraryError
naming the line and what is wrong with it (a file that does not end with a line break is taken as cut short).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from penholder.errors import LibraryError

# Columns describing a resolution (both layouts); every other column of the resolution-level file is a State.
RESOLUTION_COLUMNS = ("undl_id", "date", "session", "resolution", "draft", "committee_report", "meeting",
                      "title", "agenda_title", "subjects", "vote_note", "total_yes", "total_no",
                      "total_abstentions", "total_non_voting", "total_ms", "undl_link")
REQUIRED = ("resolution", "date", "session", "total_yes", "total_no", "total_abstentions")
STATE_COLUMNS = ("ms_code", "ms_name", "ms_vote")
TOTALS = ("total_yes", "total_no", "total_abstentions", "total_non_voting", "total_ms")
VOTES = "YNAX"  # yes, no, abstention, non-voting
VOTE_WORDS = {"Y": "yes", "N": "no", "A": "abstained", "X": "did not vote"}
_SPELLED = {"YES": "Y", "NO": "N", "ABSTAIN": "A", "ABSTENTION": "A", "ABSTAINED": "A", "NON-VOTING": "X",
            "NON VOTING": "X", "ABSENT": "X"}
MEMBER_STATE = "member-state"
RESOLUTION_LEVEL = "resolution"
_EVERY = 20_000  # rows between progress reports and cancel checks
_CODE = re.compile(r"^[A-Z]{2,4}$")

Progress = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The drafter cancelled the import (nothing was stored)."""


@dataclass
class VoteRecord:
    """One resolution adopted by a recorded vote, as the file gives it."""

    resolution: str
    undl_id: str = ""
    date: str | None = None
    session: str = ""
    draft: str = ""
    committee_report: str = ""
    meeting: str = ""
    title: str = ""
    agenda_title: str = ""
    vote_note: str = ""
    totals: tuple[int | None, ...] = (None, None, None, None, None)  # yes, no, abstentions, non-voting, MS
    votes: bytearray = field(default_factory=bytearray)  # one byte per State number: b"Y" … or 0
    line: int = 0  # where it starts in the file
    raw: tuple[str, ...] = ()  # the resolution-level fields as written (to check every row agrees)

    def counts(self) -> dict[str, int]:
        """Return how many States voted Y, N, A and X."""
        return {letter: self.votes.count(ord(letter)) for letter in VOTES}

    def totals_or_counts(self) -> tuple[int, int, int]:
        """Return (yes, no, abstentions): the file's totals, or the States' votes counted where it has none."""
        counted = self.counts()
        yes, no, abstaining = self.totals[:3]
        return (counted["Y"] if yes is None else yes, counted["N"] if no is None else no,
                counted["A"] if abstaining is None else abstaining)


@dataclass
class VotingData:
    """What a voting-data file holds: its records, its States (numbered in order) and how it was read."""

    path: str
    layout: str
    header_version: str  # "with vote_note" or "without vote_note"
    records: list[VoteRecord] = field(default_factory=list)
    states: list[tuple[str, str]] = field(default_factory=list)  # (code, name) by State number
    rows: int = 0

    def mismatched(self) -> list[str]:
        """Return the resolutions whose States' votes do not add up to the file's totals."""
        found = []
        for record in self.records:
            counted = record.counts()
            wanted = dict(zip("YNA", record.totals[:3]))
            if any(wanted[k] is not None and counted[k] != wanted[k] for k in "YNA") and any(record.votes):
                found.append(record.resolution)
        return found


def read_voting_data(path: str | Path, progress: Progress | None = None,
                     cancel: Callable[[], bool] | None = None) -> VotingData:
    """Read a voting-data CSV; raise LibraryError when it is not one or is damaged, ``Cancelled`` on cancel."""
    path = Path(path)
    name = str(path)
    try:
        total = path.stat().st_size
        raw = open(path, "rb")  # noqa: SIM115 (closed below, read through the text wrapper)
    except OSError as exc:
        raise LibraryError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    reader_state = _Reader(name, total, progress, cancel)
    try:
        if total:
            raw.seek(-1, io.SEEK_END)
            if raw.read(1) not in (b"\n", b"\r"):
                raw.close()
                raise LibraryError(f"{name} ends in the middle of a line: the file is cut short (download it "
                                   "again) or is not the UN voting data (CSV)")
            raw.seek(0)
        with raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
            return reader_state.read(csv.reader(text, strict=True), raw)
    except UnicodeDecodeError as exc:
        raise LibraryError(f"{name}: not UTF-8 text near byte {exc.start} of a line after line "
                           f"{reader_state.line}; the file is damaged or is not the UN voting data (CSV)") from None
    except csv.Error as exc:
        raise LibraryError(f"{name} line {reader_state.line + 1}: {exc}; the file is damaged or is not the UN "
                           "voting data (CSV)") from None
    except OSError as exc:
        raise LibraryError(f"{name}: cannot be read ({exc.strerror or exc})") from None


class _Reader:
    """The reading of one file: header, then rows, keeping each resolution's record."""

    def __init__(self, name: str, total: int, progress: Progress | None, cancel: Callable[[], bool] | None):
        self.name = name
        self.total = total
        self.progress = progress
        self.cancel = cancel
        self.line = 0
        self.numbers: dict[str, int] = {}  # State code -> number
        self.states: list[tuple[str, str]] = []

    def read(self, rows, raw) -> VotingData:
        header = next(rows, None)
        self.line = 1
        if header is None:
            raise LibraryError(f"{self.name} is empty; choose the CSV file of the UN General Assembly voting "
                               "data (digitallibrary.un.org/record/4060887)")
        columns = [column.strip().lower() for column in header]
        index = {column: position for position, column in enumerate(columns)}
        missing = [column for column in REQUIRED if column not in index]
        if missing or len(index) != len(columns):
            raise LibraryError(f"{self.name} is not the UN General Assembly voting data: its first line "
                               + (f"lacks the column(s) {', '.join(missing)}" if missing else
                                  "names a column twice")
                               + " (choose the Member-State or the resolution-level CSV of "
                               "digitallibrary.un.org/record/4060887)")
        layout = MEMBER_STATE if all(c in index for c in ("ms_code", "ms_vote")) else RESOLUTION_LEVEL
        state_columns = []
        if layout == RESOLUTION_LEVEL:
            if any(c in index for c in STATE_COLUMNS):
                raise LibraryError(f"{self.name} is not the UN General Assembly voting data: its first line has "
                                   "some of ms_code, ms_name, ms_vote but not both ms_code and ms_vote")
            state_columns = [(position, header[position].strip()) for position, column in enumerate(columns)
                             if column not in RESOLUTION_COLUMNS and header[position].strip()]
            if not state_columns:
                raise LibraryError(f"{self.name} is not the UN General Assembly voting data: it has neither "
                                   "ms_code and ms_vote columns nor a column per Member State")
            for _position, label in state_columns:  # a column named by the State's code or by its name
                self._state_number(label.upper(), "" if _CODE.match(label) else label)
        data = VotingData(self.name, layout, "with vote_note" if "vote_note" in index else "without vote_note")
        records: dict[tuple[str, str], VoteRecord] = {}
        width = len(columns)
        resolution_at = index["resolution"]
        undl_at = index.get("undl_id")
        shared = [index[c] for c in RESOLUTION_COLUMNS if c in index and c not in ("subjects", "undl_link",
                                                                                     "title")]
        code_at, name_at, vote_at = index.get("ms_code"), index.get("ms_name"), index.get("ms_vote")
        next_report = _EVERY
        for row in rows:
            self.line = rows.line_num
            if len(row) != width:
                if not any(field.strip() for field in row):
                    continue  # a blank line
                raise LibraryError(f"{self.name} line {self.line}: {len(row)} fields where the header has "
                                   f"{width}; the file is damaged (cut short?) or not the UN voting data")
            data.rows += 1
            if data.rows >= next_report:
                next_report += _EVERY
                self._report(raw.tell())
            symbol = row[resolution_at].strip()
            if not symbol:
                raise LibraryError(f"{self.name} line {self.line}: the resolution column is empty")
            key = (_key(symbol), row[undl_at].strip() if undl_at is not None else "")
            record = records.get(key)
            if record is None:
                record = records[key] = self._record(row, index, symbol)
            elif layout == RESOLUTION_LEVEL or tuple(row[i] for i in shared) != record.raw:
                what = "appears twice" if layout == RESOLUTION_LEVEL else "differs in date, session, totals or " \
                                                                          "meeting from"
                raise LibraryError(f"{self.name} line {self.line}: {symbol} {what} line {record.line}; the file "
                                   "is damaged or not the UN voting data")
            if record.raw == ():
                record.raw = tuple(row[i] for i in shared)
            if layout == MEMBER_STATE:
                code = row[code_at].strip().upper()
                if not code:
                    raise LibraryError(f"{self.name} line {self.line}: ms_code is empty")
                number = self.numbers.get(code)
                if number is None:
                    number = self._state_number(code, row[name_at].strip() if name_at is not None else "")
                self._vote(record, number, row[vote_at], "ms_vote")
            else:
                for number, (position, label) in enumerate(state_columns):
                    self._vote(record, number, row[position], label)
        self._report(self.total)
        data.records = list(records.values())
        data.states = list(self.states)
        if not data.records:
            raise LibraryError(f"{self.name} has a header but no resolution: the file is cut short or empty")
        return data

    def _report(self, done: int) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled()
        if self.progress is not None:
            self.progress(min(done, self.total), self.total, self.name)

    def _state_number(self, code: str, name: str) -> int:
        if code in self.numbers:
            raise LibraryError(f"{self.name}: the State column {code} appears twice in the first line")
        self.numbers[code] = len(self.states)
        self.states.append((code, name))
        return len(self.states) - 1

    def _vote(self, record: VoteRecord, number: int, value: str, column: str) -> None:
        vote = value.strip().upper()
        if not vote:
            return  # not a Member State then, or no vote recorded
        if len(vote) != 1 or vote not in VOTES:
            spelled = _SPELLED.get(vote)
            if spelled is None:
                raise LibraryError(f"{self.name} line {self.line}: {column} is {value.strip()!r}, not Y, N, A or X; "
                                   "the file is damaged or not the UN voting data")
            vote = spelled
        votes = record.votes
        if number >= len(votes):
            votes.extend(bytes(number + 1 - len(votes)))
        if votes[number] and votes[number] != ord(vote):
            raise LibraryError(f"{self.name} line {self.line}: a second, different vote of "
                               f"{self.states[number][0]} on {record.resolution}; the file is damaged")
        votes[number] = ord(vote)

    def _record(self, row: list[str], index: dict[str, int], symbol: str) -> VoteRecord:
        def get(column: str) -> str:
            position = index.get(column)
            return row[position].strip() if position is not None else ""

        return VoteRecord(
            resolution=symbol, undl_id=get("undl_id"), date=self._date(get("date")),
            session=_session(get("session")), draft=get("draft"), committee_report=get("committee_report"),
            meeting=get("meeting"), title=get("title"), agenda_title=get("agenda_title"),
            vote_note=get("vote_note"), totals=tuple(self._count(get(column), column) for column in TOTALS),
            line=self.line)

    def _date(self, text: str) -> str | None:
        if not text:
            return None
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            raise LibraryError(f"{self.name} line {self.line}: the date {text!r} is not a date (YYYY-MM-DD); "
                               "the file is damaged or not the UN voting data") from None

    def _count(self, text: str, column: str) -> int | None:
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            value = -1.0
        if not value.is_integer() or not 0 <= value <= 1000:
            raise LibraryError(f"{self.name} line {self.line}: {column} is {text!r}, not a number of States; "
                               "the file is damaged or not the UN voting data")
        return int(value)


def _key(symbol: str) -> str:
    """Return the key rows of one resolution share (its symbol in upper case, without spaces)."""
    return "".join(symbol.split()).upper()


def _session(text: str) -> str:
    """Return a session as the data writes it, ``78.0`` read as ``78``."""
    text = text.strip().upper()
    try:
        value = float(text)
    except ValueError:
        return text
    return str(int(value)) if value.is_integer() else text


def vote_word(letter: str | None) -> str:
    """Return ``yes``, ``no``, ``abstained``, ``did not vote``, or ``not recorded``."""
    return VOTE_WORDS.get(letter or "", "not recorded")
