"""The library: first open, incremental adding, replacing, removing, failures, damage and rebuild."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from penholder import paths
from penholder.errors import LibraryError
from penholder.library import Library, rebuild_library, resolve_resolution
from penholder.library import store as library_store

SEEDS = {"A/HRC/RES/23/3", "A/HRC/RES/53/11", "A/HRC/RES/28/2", "A/HRC/RES/41/3", "A/RES/67/169"}


@pytest.fixture
def library(tmp_path):
    with Library.open(tmp_path / "library.sqlite3") as opened:
        yield opened


def changed_copy(source, folder, old: str, new: str):
    """Write a copy of ``source`` with one wording changed; return its path."""
    text = source.read_text(encoding="utf-8")
    assert old in text
    target = folder / f"changed-{source.name}"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def test_a_new_library_holds_the_bundled_corpus(library, seed_paths):
    assert {r.symbol for r in library.resolutions()} == set(seed_paths) == SEEDS
    resolution = library.get("A/HRC/RES/53/11")
    assert resolution.preambular and resolution.operative and resolution.adoption.mode
    assert library.get("a-hrc-res-53-11").symbol == "A/HRC/RES/53/11"
    assert library.get("A/RES/1/1") is None
    entry = next(e for e in library.entries() if e.symbol == "A/RES/67/169")
    assert entry.body == "GA" and entry.operative == len(library.get("A/RES/67/169").operative)


def test_the_default_library_lives_under_penholder_home(user_home):
    with Library.open() as library:
        assert library.path == paths.default_library_path()
        assert str(library.path).startswith(str(user_home))
        assert len(library) == len(SEEDS)


def test_adding_again_skips_unchanged_files(library, seed_paths):
    stamp = library.stamp()
    report = library.add_files(list(seed_paths.values()))
    assert sorted(report.skipped) == sorted(map(str, seed_paths.values()))
    assert not (report.added or report.updated or report.failed)
    assert library.stamp() == stamp


def test_a_newer_text_of_a_symbol_replaces_the_older(library, seed_paths, tmp_path):
    old = "*Decides* to continue its consideration of the matter"
    changed = changed_copy(seed_paths["A/HRC/RES/53/11"], tmp_path, old, "*Decides* to remain seized of it")
    stamp = library.stamp()
    report = library.add_files([changed])
    assert report.updated == [str(changed)] and not report.added
    assert library.stamp() != stamp
    texts = [p.text for p in library.get("A/HRC/RES/53/11").operative]
    assert any(t.startswith("Decides to remain seized of it") for t in texts)
    assert not any(t.startswith("Decides to continue its consideration") for t in texts)
    assert len(library) == len(SEEDS)
    hits = library.index().search("Decides to remain seized of it", limit=1)
    assert hits[0].symbol == "A/HRC/RES/53/11" and hits[0].score == 100


def test_failures_are_reported_and_leave_the_library_as_it_was(library, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    missing = tmp_path / "missing.txt"
    stamp, count = library.stamp(), len(library)
    report = library.add_files([empty, binary, missing])
    assert [path for path, _ in report.failed] == [str(empty), str(binary), str(missing)]
    assert all(reason for _, reason in report.failed)
    assert (library.stamp(), len(library)) == (stamp, count)


def test_a_failure_while_storing_rolls_the_file_back(library, seed_paths, tmp_path, monkeypatch):
    changed = changed_copy(seed_paths["A/RES/67/169"], tmp_path, "Invites States", "Encourages States")
    before = library.get("A/RES/67/169")

    def broken(connection):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(library_store, "_bump", broken)
    report = library.add_files([changed])
    assert report.failed and "disk I/O error" in report.failed[0][1]
    assert library.get("A/RES/67/169") == before
    assert len(library) == len(SEEDS)


def test_remove_progress_and_cancel(library, seed_paths, tmp_path):
    assert library.remove("A/RES/67/169") and not library.remove("A/RES/67/169")
    assert library.get("A/RES/67/169") is None
    seen = []
    report = library.add_files(list(seed_paths.values()), progress=lambda d, t, p: seen.append((d, t)))
    assert report.added == [str(seed_paths["A/RES/67/169"])] and len(report.skipped) == len(SEEDS) - 1
    assert seen == [(i, len(SEEDS)) for i in range(1, len(SEEDS) + 1)]
    assert library.remove("A/RES/67/169")
    report = library.add_files(list(seed_paths.values()), cancel=lambda: True)
    assert report.cancelled and not report.added and library.get("A/RES/67/169") is None


def test_a_damaged_file_is_refused_then_rebuilt_aside(tmp_path):
    path = tmp_path / "library.sqlite3"
    garbage = b"this is not a database " * 200
    path.write_bytes(garbage)
    with pytest.raises(LibraryError, match="penholder library rebuild") as error:
        Library.open(path)
    assert "\n" not in str(error.value)
    assert path.read_bytes() == garbage, "a refused library is never touched"
    library, report = rebuild_library(path)
    with library:
        assert Path(report.backup).read_bytes() == garbage
        assert {r.symbol for r in library.resolutions()} == SEEDS
        assert len(report.added) == len(SEEDS)


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="not a Penholder library"):
        Library.open(path)
    assert path.read_bytes() == before


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "library.sqlite3"
    Library.open(path).close()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {library_store.SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    with pytest.raises(LibraryError, match="newer Penholder.*penholder library rebuild"):
        Library.open(path)


def test_rebuild_keeps_added_files_and_the_old_database(library, seed_paths, tmp_path):
    changed = changed_copy(seed_paths["A/RES/67/169"], tmp_path, "Invites States", "Encourages States")
    library.add_files([changed])
    stamp = library.stamp()
    report = library.rebuild()
    assert Path(report.backup).exists() and Path(report.backup) != library.path
    operative = [p.text for p in library.get("A/RES/67/169").operative]
    assert any(text.startswith("Encourages States") for text in operative)
    assert not report.failed and library.stamp() != stamp


def test_index_is_saved_beside_the_library_and_follows_changes(library, seed_paths):
    first = library.index()
    assert library.index_folder().is_dir()
    again = library.index()
    assert again.paragraph_count() == first.paragraph_count()
    library.remove("A/RES/67/169")
    hits = library.index().search("Invites States and relevant United Nations human rights mechanisms")
    assert all(source["symbol"] != "A/RES/67/169" for source in hits[0].sources())


def test_resolve_resolution_takes_a_path_or_a_symbol(seed_paths, tmp_path):
    by_path = resolve_resolution(str(seed_paths["A/HRC/RES/41/3"]))
    by_symbol = resolve_resolution("A/HRC/RES/41/3", tmp_path / "library.sqlite3")
    assert by_path.symbol == by_symbol.symbol == "A/HRC/RES/41/3"
    assert [p.text for p in by_path.operative] == [p.text for p in by_symbol.operative]
    with pytest.raises(LibraryError, match="no such file"):
        resolve_resolution("A/RES/99/999", tmp_path / "library.sqlite3")


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(LibraryError, match="does not exist"):
        Library.open(tmp_path / "nowhere" / "library.sqlite3")


def test_two_first_opens_at_once_make_one_library(tmp_path):
    import threading

    path = tmp_path / "library.sqlite3"
    results, errors = [], []

    def open_it():
        try:
            with Library.open(path) as opened:
                results.append(len(opened))
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and results == [len(SEEDS)] * 3


def test_a_named_pipe_is_refused_and_the_batch_goes_on(tmp_path, seed_paths, capsys):
    # Reading a FIFO for its content hash waited for a writer for ever; it is refused at once now.
    import os

    from penholder.cli import main

    pipe = tmp_path / "resolution.txt"
    os.mkfifo(pipe)
    library = tmp_path / "lib.sqlite3"
    assert main(["library", "--library", str(library), "add", str(pipe), str(seed_paths["A/RES/67/169"])]) == 1
    captured = capsys.readouterr()
    assert "not a regular file" in captured.out + captured.err
    assert main(["library", "--library", str(library), "list"]) == 0
    assert "A/RES/67/169" in capsys.readouterr().out
