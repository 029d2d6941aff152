"""Each failure names its real cause (full, read-only, locked, newer schema, damage); only damage advises
a rebuild. Batches go on past missing paths; commands that read refuse a library path that is not there."""

from __future__ import annotations

import sqlite3

import pytest

from penholder.cli import main
from penholder.errors import LibraryError
from penholder.library import Library, failures


def _real_error(path, action) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as caught:
        action(path)
    return caught.value


def _fill_up(path):
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x BLOB)")
    connection.execute("PRAGMA max_page_count = 3")  # SQLite's own SQLITE_FULL, as on a full disk
    for _ in range(10):
        connection.execute("INSERT INTO t VALUES (randomblob(3000))")


def _hold_and_write(path):
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE IF NOT EXISTS t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0)
    other.execute("INSERT INTO t VALUES (1)")


def _write_read_only(path):
    sqlite3.connect(path).execute("CREATE TABLE IF NOT EXISTS t (x)")
    sqlite3.connect(f"file:{path}?mode=ro", uri=True).execute("INSERT INTO t VALUES (1)")


def _read_garbage(path):
    path.write_bytes(b"not a database at all " * 300)
    sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()


@pytest.mark.parametrize(("action", "expected"), [
    (_fill_up, "is full"), (_hold_and_write, "locked by another program"),
    (_write_read_only, "could not be changed"), (_read_garbage, "damaged"),
])
def test_sqlite_errors_are_named_by_cause(tmp_path, action, expected):
    path = tmp_path / "x.sqlite3"
    message = failures.describe(_real_error(path, action), path)
    assert expected in message
    assert ("library rebuild" in message) == (expected == "damaged")


def test_os_errors_are_named_by_cause(tmp_path):
    import errno

    path = tmp_path / "library.sqlite3"
    assert "is full" in failures.describe(OSError(errno.ENOSPC, "No space left on device"), path)
    assert "read-only" in failures.describe(OSError(errno.EROFS, "Read-only file system"), path)
    assert "no permission" in failures.describe(PermissionError(errno.EACCES, "Permission denied"), path)
    assert not any("rebuild" in failures.describe(OSError(code, "x"), path)
                   for code in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EIO))


def test_a_full_disk_while_adding_stops_the_batch_with_its_cause(tmp_path, seed_paths, monkeypatch):
    import errno

    from penholder.library import journal as journal_module

    path = tmp_path / "library.sqlite3"
    extra = tmp_path / "extra.txt"
    extra.write_text(seed_paths["A/RES/67/169"].read_text("utf-8").replace("67/169", "67/999"), "utf-8")
    with Library.open(path) as library:
        count = len(library)

        def full(self, event, **fields):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(journal_module.Journal, "append", full)
        report = library.add_files([extra, extra])
        assert report.stopped and "is full" in report.stopped and "rebuild" not in report.stopped
        assert len(report.failed) == 1  # stopped after the first: the second was never tried
        assert len(library) == count  # rolled back with the journal line that could not be written


def test_the_newer_schema_message_says_to_update(tmp_path):
    path = tmp_path / "library.sqlite3"
    Library.open(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 99")
    with pytest.raises(LibraryError, match="newer Penholder.*update Penholder"):
        Library.open(path)


def test_a_batch_goes_on_past_missing_paths(tmp_path, seed_paths, capsys):
    database = str(tmp_path / "library.sqlite3")
    good = tmp_path / "good.txt"
    good.write_text(seed_paths["A/RES/67/169"].read_text("utf-8").replace("67/169", "67/500"), "utf-8")
    missing = tmp_path / "missing.txt"
    assert main(["library", "add", str(missing), str(good), "--library", database]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("1 added") and f"{missing}: no such file or folder" in captured.err
    with Library.open(database) as library:
        assert library.get("A/RES/67/500") is not None


def test_a_folder_without_a_resolution_file_says_so(tmp_path, capsys):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8\xff")
    assert main(["library", "add", str(folder), "--library", str(tmp_path / "library.sqlite3")]) == 1
    assert "holds no text, DOCX or PDF file" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["search", "Recalling"], ["sources", "{seed}"], ["compare", "{seed}", "{seed}"],
                                     ["library", "list"], ["library", "versions", "A/RES/67/169"],
                                     ["lineage", "A/RES/67/169", "operative", "1"]])
def test_read_commands_refuse_a_library_path_that_does_not_exist(command, tmp_path, seed_paths, capsys):
    typo = tmp_path / "typo.sqlite3"
    args = [part.format(seed=seed_paths["A/RES/67/169"]) for part in command]
    if args[0] == "library":
        args = [*args[:1], "--library", str(typo), *args[1:]]
    else:
        args += ["--library", str(typo)]
    assert main(args) == 1
    assert "no such library file" in capsys.readouterr().err
    assert not typo.exists()
