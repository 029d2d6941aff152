"""A full disk and a read-only disk under the library, on a small tmpfs (root only; skipped otherwise).

Each is named for what it is, never "damaged … run rebuild", never an internal error; what was added
before stays whole, a rebuild on a full disk leaves the old library as it was, and reading still works
on a read-only disk.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import Counter

import pytest

from tests.reliability.library_probes import cli, count_rows, ga_texts, lost, row, snapshot

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def tmpfs(tmp_path):
    """Return a folder on a fresh 3 MB tmpfs (unmounted afterwards)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "mnt"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True,
                            text=True)
    if result.returncode:
        pytest.skip(f"cannot mount a tmpfs here ({result.stderr.strip()})")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _remount(mount, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(mount)], check=True, capture_output=True)


@pytest.fixture
def read_only_view(tmpfs, tmp_path):
    """Return a function giving a read-only view (a read-only bind mount) of the tmpfs."""
    view = tmp_path / "read-only"
    view.mkdir()

    def make():
        subprocess.run(["mount", "--bind", str(tmpfs), str(view)], check=True, capture_output=True)
        subprocess.run(["mount", "-o", "remount,ro,bind", str(view)], check=True, capture_output=True)
        return view

    yield make
    subprocess.run(["umount", "-l", str(view)], capture_output=True)


def _clean(result) -> None:
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert "library rebuild" not in result.stderr, f"a full or read-only disk is not damage: {result.stderr}"


def test_a_full_disk_is_named_and_loses_nothing(tmpfs, shared_dir, tmp_path):
    sources = ga_texts(shared_dir, 80)
    folder = tmp_path / "sources"
    folder.mkdir()
    for path in sources:
        shutil.copyfile(path, folder / path.name)
    sources = sorted(folder.iterdir())
    home = tmpfs / "home"
    result = cli(home, "library", "add", str(folder))
    assert result.returncode == 1, "the disk did not fill up; nothing was tested"
    _clean(result)
    assert "is full" in result.stderr, result.stderr
    database = home / "data" / "library.sqlite3"
    stored = count_rows(database)
    assert stored >= 5, "not even the seeds fit"
    outcomes = Counter({"add: disk full named": 1})
    # What was committed is whole; the library still opens and lists.
    assert not [s for s in lost(database, sources) if s in snapshot(database)]
    listing = cli(home, "library", "list")
    assert listing.returncode == 0, listing.stderr
    # A rebuild on the full disk fails with the cause and leaves the old library as it was.
    before = snapshot(database)
    rebuilt = cli(home, "library", "rebuild")
    _clean(rebuilt)
    if rebuilt.returncode:
        assert "is full" in rebuilt.stderr, rebuilt.stderr
        assert snapshot(database) == before
        assert not list(database.parent.glob(".library.sqlite3.rebuild-*"))
        outcomes["rebuild: disk full named, old kept"] += 1
    else:
        outcomes["rebuild: fitted"] += 1
    # With room again, the same command brings in the rest.
    _remount(tmpfs, "size=64m")
    again = cli(home, "library", "add", str(folder))
    assert again.returncode == 0, again.stderr
    missing = lost(database, sources)
    row("full disk (3 MB tmpfs) during `library add` of 80 GA texts, then rebuild, then room again", 1,
        outcomes, len(missing))
    assert not missing


def test_a_read_only_disk_is_named_and_reading_still_works(tmpfs, read_only_view, seed_paths, tmp_path):
    writable = tmpfs / "home"
    assert cli(writable, "library", "list").returncode == 0  # creates the library with the seeds
    assert cli(writable, "search", "Recalling", "--limit", "1").returncode == 0  # saves the index
    before = snapshot(writable / "data" / "library.sqlite3")
    extra = tmp_path / "extra.txt"
    extra.write_text(seed_paths["A/HRC/RES/53/11"].read_text("utf-8").replace("53/11", "53/99"), "utf-8")
    home = read_only_view() / "home"
    database = home / "data" / "library.sqlite3"
    outcomes = Counter()
    added = cli(home, "library", "add", str(extra))
    _clean(added)
    assert added.returncode == 1 and "read-only" in added.stderr, added.stderr
    outcomes["add: read-only named"] += 1
    rebuilt = cli(home, "library", "rebuild")
    _clean(rebuilt)
    assert rebuilt.returncode == 1 and "read-only" in rebuilt.stderr, rebuilt.stderr
    outcomes["rebuild: read-only named"] += 1
    listing = cli(home, "library", "list")
    _clean(listing)
    assert listing.returncode == 0 and "5 resolution(s)" in listing.stdout, listing.stderr
    outcomes["list: works"] += 1
    search = cli(home, "search", "Recalling", "--limit", "1")
    _clean(search)
    outcomes["search: works" if search.returncode == 0 else "search: message"] += 1
    assert snapshot(database) == before
    # A read-only home with no library yet: a clear message, never an internal error.
    empty = cli(home.parent / "nobody", "library", "list")
    _clean(empty)
    assert empty.returncode == 1 and "read-only" in empty.stderr, empty.stderr
    outcomes["read-only empty home: named"] += 1
    row("read-only tmpfs under the library / an empty read-only home", 5, outcomes, 0)
