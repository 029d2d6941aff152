"""Voting-data CSV files written by the tests, in the UN's two layouts and both header versions.

The resolutions are real GA symbols of ../shared/corpus/ga-78-80-text/MANIFEST.tsv; each State's vote is
drawn from a seeded random generator, the totals are those votes counted (written as floats, as the
UN file does), titles carry commas and quotes (quoted fields).
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

OLD_HEADER = ["undl_id", "ms_code", "ms_name", "ms_vote", "date", "session", "resolution", "draft",
              "committee_report", "meeting", "title", "agenda_title", "subjects", "total_yes", "total_no",
              "total_abstentions", "total_non_voting", "total_ms", "undl_link"]
NEW_HEADER = OLD_HEADER[:13] + ["vote_note"] + OLD_HEADER[13:]
RESOLUTION_COLUMNS = [c for c in NEW_HEADER if c not in ("ms_code", "ms_name", "ms_vote")]
STATES = [("AFG", "AFGHANISTAN"), ("BRA", "BRAZIL"), ("CHN", "CHINA"), ("EGY", "EGYPT"), ("FRA", "FRANCE"),
          ("IND", "INDIA"), ("ISR", "ISRAEL"), ("JPN", "JAPAN"), ("MEX", "MEXICO"), ("NGA", "NIGERIA"),
          ("RUS", "RUSSIAN FEDERATION"), ("USA", "UNITED STATES")]
# The real row of the issue (A/RES/ES-10/21), its State's vote and totals as the UN file has them.
ES_10_21 = {"undl_id": "4025240", "date": "2023-10-27", "session": "ES-10", "resolution": "A/RES/ES-10/21",
            "draft": "A/ES-10/L.25", "committee_report": "", "meeting": "A/ES-10/PV.41",
            "title": "Protection of civilians and upholding legal and humanitarian obligations : resolution / "
                     "adopted by the General Assembly",
            "agenda_title": "Illegal Israeli actions",
            "subjects": "TERRITORIES OCCUPIED BY ISRAEL--SETTLEMENT POLICY", "vote_note": "",
            "total_yes": "120.0", "total_no": "14.0", "total_abstentions": "45.0", "total_non_voting": "14.0",
            "total_ms": "193.0", "undl_link": "https://digitallibrary.un.org/record/4025240"}


@dataclass
class Vote:
    """One resolution adopted by a recorded vote, with every test State's vote."""

    symbol: str
    date: str
    votes: dict[str, str]
    fields: dict[str, str] = field(default_factory=dict)

    def totals(self) -> tuple[int, int, int, int]:
        letters = list(self.votes.values())
        return tuple(letters.count(x) for x in "YNAX")

    def row(self) -> dict[str, str]:
        if self.fields:
            return dict(self.fields)
        yes, no, abstaining, absent = self.totals()
        session, number = self.symbol.split("/")[2:4]
        return {"undl_id": str(4_000_000 + int(session) * 1000 + int(number)), "date": self.date,
                "session": session, "resolution": self.symbol, "draft": f"A/{session}/L.{number}",
                "committee_report": f"A/{session}/4{number}", "meeting": f"A/{session}/PV.{10 + int(number) % 90}",
                "title": f'Resolution {number}, "on items", adopted : resolution / adopted by the General Assembly',
                "agenda_title": f"Agenda item {number}, with a comma", "subjects": "SUBJECT A--SUBJECT B",
                "vote_note": "", "total_yes": f"{yes}.0", "total_no": f"{no}.0",
                "total_abstentions": f"{abstaining}.0", "total_non_voting": f"{absent}.0",
                "total_ms": f"{len(self.votes)}.0", "undl_link": "https://digitallibrary.un.org/record/1"}


def ga_resolutions(shared: Path) -> list[tuple[str, str]]:
    """Return (symbol, ISO adoption date) of the adopted GA resolutions in the shared manifest."""
    found = []
    with open(shared / "corpus" / "ga-78-80-text" / "MANIFEST.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["symbol"].startswith("A/RES/") and row["adoption_date"]:
                when = datetime.strptime(row["adoption_date"], "%d %B %Y").date().isoformat()
                found.append((row["symbol"], when))
    return found


def text_file(shared: Path, symbol: str) -> Path:
    """Return the shared text file of ``symbol``."""
    return shared / "corpus" / "ga-78-80-text" / (symbol.replace("/", "-") + ".txt")


def recorded_votes(shared: Path, count: int, seed: int = 20, sessions=("78", "79")) -> list[Vote]:
    """Return ``count`` recorded votes on real GA symbols of ``sessions`` (every other one of the manifest)."""
    rng = random.Random(seed)
    chosen = [(s, d) for s, d in ga_resolutions(shared) if s.split("/")[2] in sessions][::2][:count]
    return [Vote(symbol, when, {code: rng.choice("YYYYNAAX") for code, _ in STATES}) for symbol, when in chosen]


def write_member_state(path: Path, votes: list[Vote], *, with_note: bool = True, es_row: bool = True) -> Path:
    """Write the Member-State level file: one row per State per resolution."""
    header = NEW_HEADER if with_note else OLD_HEADER
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, extrasaction="ignore")
        writer.writeheader()
        for vote in votes:
            for code, name in STATES:
                writer.writerow({**vote.row(), "ms_code": code, "ms_name": name, "ms_vote": vote.votes[code]})
        if es_row:
            writer.writerow({**ES_10_21, "ms_code": "AFG", "ms_name": "AFGHANISTAN", "ms_vote": "Y"})
            writer.writerow({**ES_10_21, "ms_code": "ISR", "ms_name": "ISRAEL", "ms_vote": "N"})
    return path


def write_resolution_level(path: Path, votes: list[Vote], *, with_note: bool = False, by_name: bool = False,
                           es_row: bool = True) -> Path:
    """Write the resolution-level file: one row per resolution, one column per State (code or name)."""
    columns = [c for c in RESOLUTION_COLUMNS if with_note or c != "vote_note"]
    labels = [name if by_name else code for code, name in STATES]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns + labels, extrasaction="ignore")
        writer.writeheader()
        for vote in votes:
            writer.writerow({**vote.row(), **{label: vote.votes[code] for label, (code, _n) in zip(labels, STATES)}})
        if es_row:
            writer.writerow({**ES_10_21, labels[0]: "Y", labels[6]: "N"})
    return path


def filler(count: int, session: int = 70, seed: int = 7) -> list[Vote]:
    """Return ``count`` recorded votes on made-up numbers of an earlier session (to make a file longer)."""
    rng = random.Random(seed)
    return [Vote(f"A/RES/{session}/{number}", f"{session + 1945}-12-01",
                 {code: rng.choice("YYYNAX") for code, _ in STATES}) for number in range(1, count + 1)]
