"""kill -9 at random moments of the real `penholder library rebuild` (half of them near the end, where
the new file is swapped in): the live library is the old one exactly as it was, or the complete new
one, never a partial one; the next rebuild clears the half-built file and ends with every resolution.
Runs: PENHOLDER_KILLS (default 5) each."""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from collections import Counter

import pytest

from tests.reliability.library_probes import (
    cli,
    copied_sources,
    count_rows,
    kill_after,
    library_id,
    lost,
    row,
    snapshot,
)

pytestmark = pytest.mark.timeout(600)

KILLS = int(os.environ.get("PENHOLDER_KILLS", "5"))
FILES = 40


@pytest.fixture
def sources(shared_dir, tmp_path):
    """A folder of real GA texts (copies, so a probe may delete some)."""
    return copied_sources(shared_dir, tmp_path / "sources", FILES)


def test_kill_during_rebuild_keeps_the_old_library(tmp_path, sources):
    rng = random.Random(1616)
    base = tmp_path / "base"
    assert cli(base, "library", "add", str(sources[0].parent)).returncode == 0
    timed = time.monotonic()
    timing = tmp_path / "timing"
    shutil.copytree(base, timing)
    assert cli(timing, "library", "rebuild").returncode == 0
    duration = time.monotonic() - timed
    outcomes, lost_total = Counter(), 0
    for trial in range(KILLS):
        home = tmp_path / f"home-{trial}"
        shutil.copytree(base, home)
        database = home / "data" / "library.sqlite3"
        before, identity = snapshot(database), library_id(database)
        # Half the kills anywhere, half near the end (the swap).
        delay = rng.uniform(0.05, duration) if trial % 2 == 0 else rng.uniform(0.6 * duration, 0.98 * duration)
        code = kill_after(["library", "rebuild"], home, delay)
        outcomes["killed" if code == -signal.SIGKILL else "finished"] += 1
        # Old or new, the live library holds every resolution, each exactly as before.
        assert snapshot(database) == before, f"trial {trial}: the live library is partial or changed"
        outcomes["old library live" if library_id(database) == identity else "new library live"] += 1
        again = cli(home, "library", "rebuild")
        assert again.returncode == 0, again.stderr
        assert not list(database.parent.glob(".library.sqlite3.rebuild-*")), "half-built files left behind"
        missing = lost(database, sources)
        lost_total += len(missing)
        assert not missing, f"trial {trial}: lost {missing}"
    row("kill -9 during `library rebuild` (45 resolutions)", KILLS, outcomes, lost_total)


def test_kill_during_a_rebuild_from_the_sources_never_leaves_a_partial_library(tmp_path, sources):
    """The issue's case: the file was lost (0 bytes), the rebuild reads every source again and is killed."""
    rng = random.Random(638)
    base = tmp_path / "base"
    assert cli(base, "library", "add", str(sources[0].parent)).returncode == 0
    total = len(snapshot(base / "data" / "library.sqlite3"))
    timing = tmp_path / "timing"
    shutil.copytree(base, timing)
    (timing / "data" / "library.sqlite3").write_bytes(b"")
    timed = time.monotonic()
    assert cli(timing, "library", "rebuild").returncode == 0
    duration = time.monotonic() - timed
    outcomes, lost_total = Counter(), 0
    for trial in range(KILLS):
        home = tmp_path / f"home-{trial}"
        shutil.copytree(base, home)
        database = home / "data" / "library.sqlite3"
        database.write_bytes(b"")
        delay = rng.uniform(0.05, duration) if trial % 2 == 0 else rng.uniform(0.6 * duration, 0.98 * duration)
        code = kill_after(["library", "rebuild"], home, delay)
        outcomes["killed" if code == -signal.SIGKILL else "finished"] += 1
        rows = count_rows(database)
        assert rows in (-1, 0, total), f"trial {trial}: a partial live library ({rows} of {total})"
        if rows == total:
            outcomes["complete library live"] += 1
        else:  # still the empty file: said, not used as a new library
            listing = cli(home, "library", "list")
            assert listing.returncode == 1 and "journal" in listing.stderr, listing.stderr
            outcomes["empty file still refused"] += 1
        again = cli(home, "library", "rebuild")
        assert again.returncode == 0, again.stderr
        missing = lost(database, sources)
        lost_total += len(missing)
        assert not missing, f"trial {trial}: lost {missing}"
    row("kill -9 during `library rebuild` from the sources (0-byte file, 45 resolutions)", KILLS, outcomes,
        lost_total)
