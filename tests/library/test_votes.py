"""The GA voting data: both layouts and header versions, the coverage rule, States' votes, failures that change
nothing, cancel, the schema upgrade and rebuild. Files are written by the tests (``voting_files``)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3

import pytest

from penholder.errors import LibraryError
from penholder.library import Library
from penholder.library.store import SCHEMA_VERSION
from penholder.library.votes import MEMBER_STATE, RESOLUTION_LEVEL, read_voting_data
from penholder.library.voting_records import covered, meeting_words, session_and_number
from penholder.model import RECORDED_VOTE, WITHOUT_A_VOTE
from tests.library import voting_files as vf

FLIPS = 3000 if os.environ.get("PENHOLDER_FUZZ") else 200
ROUNDS = 30  # recorded votes in a file: 30 x 12 States = 360 rows, plus the real ES-10 row


@pytest.fixture(scope="module")
def votes(shared_dir):
    return vf.recorded_votes(shared_dir, ROUNDS)


@pytest.fixture
def library(tmp_path, shared_dir, votes):
    """A library holding three GA texts: one voted on (in the file), one of a covered session absent from
    it (so adopted without a vote), one of session 80 (which the file does not cover)."""
    absent = next(s for s, _ in vf.ga_resolutions(shared_dir)
                  if s.startswith("A/RES/78/") and s not in {v.symbol for v in votes})
    chosen = [votes[0].symbol, absent, "A/RES/80/1"]
    with Library.open(tmp_path / "library.sqlite3") as opened:
        report = opened.add_files([vf.text_file(shared_dir, s) for s in chosen])
        assert len(report.added) == 3, report.failed
        opened.chosen = chosen
        yield opened


def _files(folder, votes):
    return {
        "member-state, with vote_note": vf.write_member_state(folder / "ms-new.csv", votes, with_note=True),
        "member-state, without vote_note": vf.write_member_state(folder / "ms-old.csv", votes, with_note=False),
        "resolution-level by code": vf.write_resolution_level(folder / "rl-code.csv", votes),
        "resolution-level by name, with vote_note": vf.write_resolution_level(folder / "rl-name.csv", votes,
                                                                              with_note=True, by_name=True),
    }


def test_both_layouts_and_header_versions_read_alike(tmp_path, votes):
    readings = {label: read_voting_data(path) for label, path in _files(tmp_path, votes).items()}
    layouts = {label: data.layout for label, data in readings.items()}
    assert layouts == {"member-state, with vote_note": MEMBER_STATE, "member-state, without vote_note": MEMBER_STATE,
                       "resolution-level by code": RESOLUTION_LEVEL,
                       "resolution-level by name, with vote_note": RESOLUTION_LEVEL}
    assert readings["member-state, without vote_note"].header_version == "without vote_note"
    assert readings["member-state, with vote_note"].rows == ROUNDS * len(vf.STATES) + 2
    for data in readings.values():
        records = {r.resolution: r for r in data.records}
        assert len(records) == ROUNDS + 1
        for vote in votes:
            record = records[vote.symbol]
            assert record.totals[:4] == vote.totals()  # written as floats ("7.0")
            assert record.counts() == dict(zip("YNAX", vote.totals()))
            assert record.agenda_title.endswith(", with a comma") and '"on items"' in record.title
        es = records["A/RES/ES-10/21"]
        assert (es.session, es.totals, es.date, es.meeting) == ("ES-10", (120, 14, 45, 14, 193), "2023-10-27",
                                                                "A/ES-10/PV.41")
        assert data.mismatched() == ["A/RES/ES-10/21"]  # only two States' rows of it are in the file


@pytest.mark.parametrize("kind", ["member-state, with vote_note", "member-state, without vote_note",
                                  "resolution-level by code", "resolution-level by name, with vote_note"])
def test_import_gives_mode_totals_and_each_states_vote(library, tmp_path, votes, kind):
    voted, absent, uncovered = library.chosen
    before = {s: library.get(s).adoption.mode for s in library.chosen}
    assert before == dict.fromkeys(library.chosen)  # GA texts do not state how they were adopted
    report = library.import_votes(_files(tmp_path, votes)[kind])
    assert report.recorded == [voted] and report.without_vote == [absent]
    adoption = library.get(voted).adoption
    yes, no, abstaining, _ = votes[0].totals()
    assert (adoption.mode, adoption.in_favour, adoption.against, adoption.abstaining) == (RECORDED_VOTE, yes, no,
                                                                                        abstaining)
    assert adoption.badge() == f"vote {yes}–{no}–{abstaining}"
    assert library.get(absent).adoption.mode == WITHOUT_A_VOTE  # the coverage rule
    assert library.get(uncovered).adoption.mode is None  # session 80 is beyond the file
    assert library.get("A/HRC/RES/53/11").adoption.mode == RECORDED_VOTE  # HRC: its own text, untouched
    data = library.votes()
    state = "FRANCE" if "name" in kind else "FRA"
    assert data.vote_of(voted, state) == votes[0].votes["FRA"]
    usa = "united states" if "name" in kind else "usa"
    assert all(data.vote_of(v.symbol, usa) == v.votes["USA"] for v in votes)
    assert data.vote_of("A/RES/ES-10/21", "FRANCE" if "name" in kind else "fra") is None  # no row of it
    record = data.record(voted)
    assert record.draft == votes[0].row()["draft"] and record.agenda_title == votes[0].row()["agenda_title"]
    from penholder.model import Resolution

    bare = data.apply(Resolution(symbol=voted, body="GA"))  # a text without its agenda item's title
    assert bare.agenda_title == votes[0].row()["agenda_title"] and bare.adoption.mode == RECORDED_VOTE
    own = data.apply(Resolution(symbol=voted, body="GA", agenda_title="As the text has it"))
    assert own.agenda_title == "As the text has it"
    assert record.committee_report == votes[0].row()["committee_report"]


def test_the_data_applies_to_resolutions_added_later_and_reaches_the_index(library, tmp_path, votes, shared_dir):
    library.import_votes(vf.write_member_state(tmp_path / "votes.csv", votes))
    later = votes[1].symbol
    assert library.get(later) is None
    library.add_files([vf.text_file(shared_dir, later)])
    assert library.get(later).adoption.in_favour == votes[1].totals()[0]
    index = library.index()
    info = index.resolution_info[index.resolution_number(later)]
    assert info["adoption"]["mode"] == RECORDED_VOTE
    absent = library.chosen[1]
    paragraph = library.get(absent).operative[0].full_text()
    consensus = index.search(paragraph, 3, consensus_only=True, delegation="FRA")
    assert consensus[0].symbol == absent  # "Consensus only" now keeps GA texts
    assert consensus[0].delegation == {"state": "FRA", "vote": None, "label": "FRA: without a vote"}
    hit = index.search(library.get(later).operative[0].full_text(), 1, delegation="fra")[0]
    assert hit.symbol == later
    word = {"Y": "yes", "N": "no", "A": "abstained", "X": "did not vote"}[votes[1].votes["FRA"]]
    assert hit.to_json()["delegation"]["label"] == f"FRA: {word}"


MALFORMED = {
    "a field missing (a file cut short)": lambda text: text.rsplit(",", 3)[0],
    "cut inside the last field": lambda text: text[:-40],
    "a vote that is not Y, N, A or X": lambda text: text.replace(",FRANCE,Y,", ",FRANCE,Q,", 1)
                                                    .replace(",FRANCE,A,", ",FRANCE,Q,", 1),
    "a total that is not a number": lambda text: text.replace(".0,", ".5,", 1),
    "a date that is not a date": lambda text: text.replace(",2023-", ",2023/", 1),
    "rows of one resolution disagreeing": lambda text: text.replace("\n", "\n", 5).replace(
        text.splitlines()[3], text.splitlines()[3].replace("PV.", "PV.9"), 1),
    "a NUL byte": lambda text: text[:500] + "\0" + text[500:],
    "another kind of CSV": lambda text: "symbol,body,year,title\nA/RES/78/1,GA,2023,x\n",
    "an empty file": lambda text: "",
    "a header only": lambda text: text.splitlines()[0] + "\n",
    "an unclosed quote": lambda text: text.replace(',"Resolution', ',"Resolution ""', 1).replace('"on', 'on', 1)
                                      + '\n4,X,"unclosed',
}


@pytest.mark.parametrize("damage", sorted(MALFORMED))
def test_a_wrong_or_damaged_file_gives_one_line_and_changes_nothing(library, tmp_path, votes, damage):
    good = vf.write_member_state(tmp_path / "good.csv", votes[:10])
    library.import_votes(good)
    before = (library.stamp(), [(s, library.get(s).adoption) for s in library.chosen],
              library.votes().by_key.keys())
    bad = tmp_path / "bad.csv"
    bad.write_text(MALFORMED[damage](vf.write_member_state(tmp_path / "all.csv", votes).read_text("utf-8")),
                   encoding="utf-8")
    with pytest.raises(LibraryError) as caught:
        library.import_votes(bad)
    message = str(caught.value)
    assert "\n" not in message and str(bad) in message
    after = (library.stamp(), [(s, library.get(s).adoption) for s in library.chosen], library.votes().by_key.keys())
    assert after == before


def test_a_binary_file_and_a_missing_file_are_refused(library, tmp_path):
    binary = tmp_path / "votes.csv"
    binary.write_bytes(b"undl_id,resolution\n" + bytes(range(256)) * 40)
    for path in (binary, tmp_path / "missing.csv"):
        with pytest.raises(LibraryError, match=str(path)):
            library.import_votes(path)
    assert not library.votes()


def test_a_bit_flip_in_the_file_is_refused_or_imported_whole(library, tmp_path, votes):
    """Flip one bit at FLIPS places (3,000 with PENHOLDER_FUZZ=1): each import either fails with one line
    (nothing stored) or stores a file that reads; never half of one."""
    good = vf.write_member_state(tmp_path / "good.csv", votes)
    raw = good.read_bytes()
    outcomes = {"refused": 0, "imported": 0}
    flipped = tmp_path / "flipped.csv"
    for step in range(FLIPS):
        position = (step * 7919) % len(raw)
        flipped.write_bytes(raw[:position] + bytes([raw[position] ^ (1 << step % 8)]) + raw[position + 1:])
        stamp = library.stamp()
        try:
            report = library.import_votes(flipped)
        except LibraryError as exc:
            assert "\n" not in str(exc) and library.stamp() == stamp
            outcomes["refused"] += 1
            continue
        outcomes["imported"] += 1
        stored = library._query("SELECT COUNT(*) FROM ga_votes")[0][0]
        assert library.stamp() != stamp and stored == report.resolutions
        assert report.resolutions in (ROUNDS + 1, ROUNDS + 2)  # a flipped digit of a symbol or id: one more
    assert outcomes["refused"] > FLIPS // 10 and sum(outcomes.values()) == FLIPS


def test_a_file_cut_anywhere_but_at_a_line_end_is_refused(library, tmp_path, votes):
    raw = vf.write_member_state(tmp_path / "all.csv", votes).read_bytes()
    cut = tmp_path / "cut.csv"
    refused = 0
    for size in range(len(raw) - 1, 0, -len(raw) // 97):
        cut.write_bytes(raw[:size])
        try:
            library.import_votes(cut)
        except LibraryError as exc:
            assert "\n" not in str(exc)
            refused += 1
        else:
            assert raw[size - 1:size] in (b"\n", b"\r")  # a cut at a line end reads as a shorter file
    assert refused >= 95


def test_cancel_stores_nothing(library, tmp_path, votes, monkeypatch):
    from penholder.library import votes as votes_module

    monkeypatch.setattr(votes_module, "_EVERY", 50)
    seen = []
    report = library.import_votes(vf.write_member_state(tmp_path / "votes.csv", votes),
                                  progress=lambda done, total, path: seen.append((done, total)),
                                  cancel=lambda: len(seen) >= 2)
    assert report.cancelled and len(seen) == 2 and seen[0][0] < seen[0][1]
    assert not library.votes() and library.get(library.chosen[0]).adoption.mode is None


def test_a_second_import_replaces_the_first(library, tmp_path, votes):
    library.import_votes(vf.write_member_state(tmp_path / "a.csv", votes))
    report = library.import_votes(vf.write_resolution_level(tmp_path / "b.csv", votes[5:], es_row=False))
    assert report.resolutions == ROUNDS - 5 and library.votes().record("A/RES/ES-10/21") is None
    assert library.get(library.chosen[0]).adoption.mode == WITHOUT_A_VOTE  # votes[0] is no longer in it


def test_coverage_rule():
    coverage = {"first": 60, "last": 79, "highest": {"79": 317, "ES-10": 21, "60": 290}}
    assert covered("A/RES/78/5", coverage) and covered("A/RES/61/300", coverage)
    assert covered("A/RES/79/317", coverage) and not covered("A/RES/79/318", coverage)
    assert not covered("A/RES/80/1", coverage) and not covered("A/RES/59/1", coverage)
    assert covered("A/RES/ES-10/21", coverage) and not covered("A/RES/ES-10/22", coverage)
    assert not covered("A/HRC/RES/53/11", coverage) and not covered("A/80/L.1", coverage)
    assert session_and_number("A/RES/1514(XV)") == ("15", 1514)
    assert session_and_number("A/RES/ES-10/21") == ("ES-10", 21)
    assert meeting_words("A/ES-10/PV.41") == "41st plenary meeting" and meeting_words("A/78/PV.12") == \
        "12th plenary meeting"


def test_a_schema_2_library_is_upgraded_and_loses_nothing(tmp_path, library):
    path = library.path
    symbols = sorted(r.symbol for r in library.resolutions())
    library.close()
    connection = sqlite3.connect(path)
    connection.execute("DROP TABLE ga_votes")
    connection.execute("DROP TABLE ga_states")
    connection.execute("PRAGMA user_version = 2")
    connection.commit()
    connection.close()
    with Library.open(path) as reopened:
        assert sorted(r.symbol for r in reopened.resolutions()) == symbols
        version = reopened._query("PRAGMA user_version")[0][0]
        assert version == SCHEMA_VERSION == 3 and not reopened.votes()


def test_rebuild_keeps_the_votes(library, tmp_path, votes):
    csv_file = vf.write_member_state(tmp_path / "votes.csv", votes)
    library.import_votes(csv_file)
    voted = library.chosen[0]
    journal = [json.loads(line) for line in library._journal.path.read_text("utf-8").splitlines()]
    assert journal[-1]["event"] == "votes" and journal[-1]["source"] == str(csv_file.resolve())
    # From the unchanged CSV the journal names.
    report = library.rebuild()
    assert library.get(voted).adoption.mode == RECORDED_VOTE and not report.notes
    # The CSV gone: from the old file's tables.
    moved = tmp_path / "elsewhere.csv"
    shutil.move(csv_file, moved)
    report = library.rebuild()
    assert library.get(voted).adoption.mode == RECORDED_VOTE
    assert any("taken from the old file" in note for note in report.notes)
    assert library.votes().vote_of(voted, "FRA") == votes[0].votes["FRA"]
    # Both gone (the database lost): the report says to import it again.
    path = library.path
    library.close()
    path.unlink()
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    from penholder.library import rebuild_library

    rebuilt, report = rebuild_library(path)
    with rebuilt:
        assert rebuilt.get(voted).adoption.mode is None
        assert any("import it again" in note for note in report.notes)
    shutil.move(moved, csv_file)  # the CSV back where the journal says: read again from it
    rebuilt, report = rebuild_library(path)
    with rebuilt:
        assert rebuilt.get(voted).adoption.mode == RECORDED_VOTE
