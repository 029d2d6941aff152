"""kill -9 at random moments of the real `penholder library add`: every resolution it committed is
whole and running it again adds the rest. Runs: PENHOLDER_KILLS (default 5)."""

from __future__ import annotations

import os
import random
import signal
import time
from collections import Counter

import pytest

from tests.reliability.library_probes import (
    cli,
    copied_sources,
    count_rows,
    kill_after,
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


def test_kill_during_add_loses_nothing(tmp_path, sources):
    rng = random.Random(16)
    outcomes, lost_total = Counter(), 0
    folder = sources[0].parent
    timed = time.monotonic()
    assert cli(tmp_path / "timing", "library", "add", str(folder)).returncode == 0
    duration = time.monotonic() - timed  # the kills fall anywhere in a whole run
    for trial in range(KILLS):
        home = tmp_path / f"home-{trial}"
        database = home / "data" / "library.sqlite3"
        code = kill_after(["library", "add", str(folder)], home, rng.uniform(0.1, duration))
        committed = count_rows(database) if database.exists() else 0
        outcomes["killed" if code == -signal.SIGKILL else "finished"] += 1
        if database.exists() and committed > 0:
            # Whatever was committed before the kill is whole: each stored text equals its source.
            stored = snapshot(database)
            wrong = [s for s in lost(database, sources) if s in stored]
            assert not wrong, f"trial {trial}: half-stored resolutions {wrong}"
        again = cli(home, "library", "add", str(folder))
        assert again.returncode == 0, again.stderr
        missing = lost(database, sources)
        lost_total += len(missing)
        assert not missing, f"trial {trial}: lost {missing}"
        outcomes[f"{'0-4' if committed < 5 else '5+'} rows at kill"] += 1
    row("kill -9 during `library add` (40 GA texts)", KILLS, outcomes, lost_total)
