"""The kill probes at the size of the issue's report: the 1,157 GA texts that are resolutions (1,162 with
the seeds). Slow (a few minutes): PENHOLDER_RELIABILITY_FULL=1 pytest -s -m slow tests/reliability.

kill -9 at random moments of `library add` of the whole folder and of `library rebuild` (from a healthy
file, and from an emptied one, which reads every source again); after each kill the live library
holds every resolution it held before (or a complete new one), and running the command again ends
with every resolution whose source exists.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from collections import Counter

import pytest

from tests.reliability.library_probes import cli, count_rows, kill_after, lost, row, snapshot

FULL = os.environ.get("PENHOLDER_RELIABILITY_FULL") == "1"
KILLS = int(os.environ.get("PENHOLDER_KILLS", "5"))

pytestmark = [pytest.mark.slow, pytest.mark.timeout(3600),
              pytest.mark.skipif(not FULL, reason="set PENHOLDER_RELIABILITY_FULL=1 (a few minutes)")]




@pytest.fixture(scope="module")
def corpus(shared_dir):
    folder = shared_dir / "corpus" / "ga-78-80-text"
    return folder, sorted(folder.glob("*.txt"))


def _resolutions(sources):
    from penholder.errors import PenholderError
    from penholder.library import read_resolutions

    good = []
    for path in sources:
        try:
            read_resolutions(path)
            good.append(path)
        except PenholderError:
            pass
    return good


def test_kills_during_a_full_add(corpus, tmp_path):
    folder, sources = corpus
    good = _resolutions(sources)
    rng = random.Random(78)
    outcomes, lost_total = Counter(), 0
    for trial in range(KILLS):
        home = tmp_path / f"home-{trial}"
        database = home / "data" / "library.sqlite3"
        code = kill_after(["library", "add", str(folder)], home, rng.uniform(1, 30), wait=120)
        outcomes["killed" if code == -signal.SIGKILL else "finished"] += 1
        committed = count_rows(database)
        if committed > 0:
            stored = snapshot(database)
            assert not [s for s in lost(database, good) if s in stored]
        assert cli(home, "library", "add", str(folder), timeout=600).returncode == 1  # 45 are not resolutions
        missing = lost(database, good)
        lost_total += len(missing)
        assert not missing
        outcomes[f"rows at kill {committed // 200 * 200}-{committed // 200 * 200 + 199}"] += 1
    row(f"kill -9 during `library add` of {len(sources)} GA texts", KILLS, outcomes, lost_total)


@pytest.mark.parametrize("start", ["healthy file", "emptied file"])
def test_kills_during_a_full_rebuild(start, corpus, tmp_path):
    folder, sources = corpus
    good = _resolutions(sources)
    base = tmp_path / "base"
    assert cli(base, "library", "add", str(folder), timeout=600).returncode == 1
    database_name = ("data", "library.sqlite3")
    before = snapshot(base.joinpath(*database_name))
    timing = tmp_path / "timing"
    shutil.copytree(base, timing)
    if start == "emptied file":
        timing.joinpath(*database_name).write_bytes(b"")
    started = time.monotonic()
    assert cli(timing, "library", "rebuild", timeout=600).returncode == 0
    duration = time.monotonic() - started
    rng = random.Random(1162)
    outcomes, lost_total = Counter(), 0
    for trial in range(KILLS):
        home = tmp_path / f"home-{trial}"
        shutil.copytree(base, home)
        database = home.joinpath(*database_name)
        if start == "emptied file":
            database.write_bytes(b"")
        delay = rng.uniform(0.3, duration) if trial % 2 == 0 else rng.uniform(0.8 * duration, 1.05 * duration)
        code = kill_after(["library", "rebuild"], home, delay, wait=120)
        outcomes["killed" if code == -signal.SIGKILL else "finished"] += 1
        if start == "healthy file":
            assert snapshot(database) == before  # old or new, never partial
        else:
            now = count_rows(database)
            assert now in (-1, 0, len(before)), f"a partial live library: {now} of {len(before)}"
            outcomes["still empty" if now <= 0 else "complete"] += 1
        again = cli(home, "library", "rebuild", timeout=600)
        assert again.returncode == 0, again.stderr
        missing = lost(database, good)
        lost_total += len(missing)
        assert not missing and snapshot(database) == before
    row(f"kill -9 during `library rebuild` of {len(before)} resolutions ({start}, full run {duration:.1f} s)",
        KILLS, outcomes, lost_total)
