"""Rebuilding from the sources, never from less: the journal, lost files said not replaced, versions,
removals and restores replayed, version 1 libraries upgraded, checksums of stored models."""

from __future__ import annotations

import json
import sqlite3

import pytest

from penholder.errors import LibraryError
from penholder.library import Library, rebuild_library
from penholder.library.journal import Journal
from penholder.library.store import model_checksum


@pytest.fixture
def grown(tmp_path, seed_paths):
    """A library with the seeds, a newer text of 67/169 and an extra resolution (copies in tmp_path)."""
    newer = tmp_path / "newer.txt"
    newer.write_text(seed_paths["A/RES/67/169"].read_text("utf-8").replace("Invites States", "Urges States", 1),
                     "utf-8")
    extra = tmp_path / "extra.txt"
    extra.write_text(seed_paths["A/HRC/RES/53/11"].read_text("utf-8").replace("53/11", "53/77"), "utf-8")
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as library:
        report = library.add_files([newer, extra])
        assert len(report.updated) == 1 and len(report.added) == 1
    return path, newer, extra


def _state(path):
    with Library.open(path, fill=False) as library:
        return ({r.symbol: r.to_dict() for r in library.resolutions()},
                {s: [(v.version, v.current, v.content_hash) for v in library.versions(s)]
                 for s in ("A/RES/67/169", "A/HRC/RES/53/77")})


def test_every_add_is_journaled_in_its_transaction(grown):
    path, newer, extra = grown
    events = Journal(path).read()
    assert events.unreadable == 0
    assert {e["source"] for e in events.adds()} >= {str(newer.resolve()), str(extra.resolve())}
    assert {e["symbol"] for e in events.adds()} >= {"A/RES/67/169", "A/HRC/RES/53/77", "A/HRC/RES/23/3"}
    assert all(len(e["sha256"]) == 64 and e["at"] for e in events.adds())


@pytest.mark.parametrize("loss", ["0 bytes", "deleted"])
def test_a_lost_file_is_said_and_rebuilt_from_the_journal(grown, loss):
    path, _, _ = grown
    before = _state(path)
    if loss == "0 bytes":
        path.write_bytes(b"")
    else:
        path.unlink()
    with pytest.raises(LibraryError, match="(is empty \\(0 bytes\\)|is missing).*journal.*library rebuild"):
        Library.open(path)
    assert not path.exists() or path.stat().st_size == 0, "a lost library is never silently replaced"
    library, report = rebuild_library(path)
    library.close()
    assert not report.failed and not report.missing
    assert _state(path) == before  # every text, the versions and which one is current


def test_rebuild_replays_removals_and_restores(grown):
    path, _, _ = grown
    with Library.open(path) as library:
        library.restore("A/RES/67/169", 1)
        assert library.remove("A/HRC/RES/53/77")
    before = _state(path)
    path.unlink()
    library, report = rebuild_library(path)
    library.close()
    assert _state(path) == before
    assert "A/HRC/RES/53/77" not in before[0] and not report.missing


def test_rebuild_names_what_it_cannot_bring_back(grown):
    path, _, extra = grown
    extra.unlink()
    path.write_bytes(b"")
    library, report = rebuild_library(path)
    library.close()
    assert report.missing == [("A/HRC/RES/53/77", f"its source {extra.resolve()} no longer exists")]
    assert (str(extra.resolve()), "the file no longer exists") in report.failed
    assert "1 missing" in report.summary()


def test_a_torn_journal_line_is_skipped_and_the_next_add_starts_a_new_line(grown, seed_paths, tmp_path):
    path, _, _ = grown
    journal = Journal(path)
    with open(journal.path, "ab") as handle:
        handle.write(b'{"event": "add", "source": "/half')  # a kill in the middle of a write
    other = tmp_path / "other.txt"
    other.write_text(seed_paths["A/HRC/RES/23/3"].read_text("utf-8").replace("23/3", "23/88"), "utf-8")
    with Library.open(path) as library:
        assert library.add_files([other]).added
    events = journal.read()
    assert events.unreadable == 1 and events.adds()[-1]["symbol"] == "A/HRC/RES/23/88"


def test_a_version_1_library_is_upgraded_and_journaled(tmp_path, seed_paths):
    from penholder.library.store import _SCHEMA
    from penholder.parsing import parse_file

    path = tmp_path / "old.sqlite3"
    connection = sqlite3.connect(path)
    schema = _SCHEMA.replace(",\n    version INTEGER NOT NULL DEFAULT 1,\n    model_sha256 TEXT", "")
    connection.executescript(schema)
    resolution = parse_file(seed_paths["A/RES/67/169"])
    connection.execute("INSERT INTO meta VALUES ('library_id', 'x'), ('generation', '0'), ('bundled', 'y')")
    connection.execute("INSERT INTO resolutions (symbol, body, year, title, source, content_hash, model, added)"
                       " VALUES (?, 'GA', 2012, 't', ?, 'abc', ?, 'then')",
                       (resolution.symbol, str(seed_paths["A/RES/67/169"]), json.dumps(resolution.to_dict())))
    connection.execute("PRAGMA user_version = 1")
    connection.commit()
    connection.close()
    with Library.open(path) as library:
        assert library.get("A/RES/67/169") == resolution
        assert [v.version for v in library.versions("A/RES/67/169")] == [1]
    assert [e["symbol"] for e in Journal(path).read().adds()] == ["A/RES/67/169"]


def test_a_damaged_model_is_repaired_from_its_source_or_reported(tmp_path, seed_paths, caplog):
    source = tmp_path / "copy.txt"
    source.write_text(seed_paths["A/HRC/RES/53/11"].read_text("utf-8").replace("53/11", "53/66"), "utf-8")
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as library:
        library.add_files([source])
        good = library.get("A/HRC/RES/53/66")

    def damage():  # a bit flip that integrity_check cannot see: a letter of the stored text
        with sqlite3.connect(path) as connection:
            (model,) = connection.execute("SELECT model FROM resolutions WHERE symbol = 'A/HRC/RES/53/66'").fetchone()
            connection.execute("UPDATE resolutions SET model = ? WHERE symbol = 'A/HRC/RES/53/66'",
                               (model.replace("Recalling", "Recalljng", 1),))

    damage()
    with Library.open(path) as library:
        assert library.get("A/HRC/RES/53/66") == good  # read again from the source
        assert library.notices and "read again from" in library.notices[0]
    with sqlite3.connect(path) as connection:  # and stored back, checksum and all
        model, checksum = connection.execute(
            "SELECT model, model_sha256 FROM resolutions WHERE symbol = 'A/HRC/RES/53/66'").fetchone()
        assert model_checksum(model) == checksum and "Recalljng" not in model
    damage()
    source.unlink()
    with Library.open(path) as library:
        with pytest.raises(LibraryError, match="does not match its checksum.*gone or has changed"):
            library.get("A/HRC/RES/53/66")
        symbols = {r.symbol for r in library.resolutions()}  # left out, and said
        assert "A/HRC/RES/53/66" not in symbols and len(symbols) == 5
        assert any("left out" in notice for notice in library.notices)


def test_a_failure_at_the_swap_leaves_the_old_library_live(grown, monkeypatch):
    import errno

    from penholder.library import rebuild as rebuild_module

    path, _, _ = grown
    before = _state(path)

    def full(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(rebuild_module.os, "replace", full)
    with pytest.raises(LibraryError, match="is full") as error:
        rebuild_library(path)
    assert "rebuild" not in str(error.value).split(";")[0]
    monkeypatch.undo()
    assert _state(path) == before
    assert not list(path.parent.glob(".library.sqlite3.rebuild-*"))


def test_a_library_open_elsewhere_follows_a_rebuild(grown, seed_paths, tmp_path):
    path, _, _ = grown
    later = tmp_path / "later.txt"
    later.write_text(seed_paths["A/HRC/RES/41/3"].read_text("utf-8").replace("41/3", "41/55"), "utf-8")
    with Library.open(path) as window:  # e.g. the GUI, while a command rebuilds the file
        stamp = window.stamp()
        library, _ = rebuild_library(path)
        library.close()
        assert window.stamp() != stamp  # it reads the new file, not the one set aside
        assert window.add_files([later]).added
    with Library.open(path) as again:
        assert again.get("A/HRC/RES/41/55") is not None
