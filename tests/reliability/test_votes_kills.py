"""kill -9 at random moments of the real `penholder library votes`: the library holds all of the voting data
or none of it, its resolutions are as they were, and running the import again completes it.
Runs: PENHOLDER_KILLS (default 5)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import time
from collections import Counter

import pytest

from tests.library import voting_files as vf
from tests.reliability.library_probes import cli, kill_after, row, snapshot

pytestmark = pytest.mark.timeout(600)

KILLS = int(os.environ.get("PENHOLDER_KILLS", "5"))


def _votes_rows(database) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as peek:
        return peek.execute("SELECT COUNT(*) FROM ga_votes").fetchone()[0]


def test_kill_during_votes_import_leaves_all_or_nothing(tmp_path, shared_dir):
    votes = vf.recorded_votes(shared_dir, 30)
    data = vf.write_member_state(tmp_path / "votes.csv", votes + vf.filler(8000))  # 96,000 rows, 37 MB
    base = tmp_path / "base"
    texts = [str(vf.text_file(shared_dir, vote.symbol)) for vote in votes[:3]]
    assert cli(base, "library", "add", *texts).returncode == 0
    database = base / "data" / "library.sqlite3"
    stored = snapshot(database)
    timing = tmp_path / "timing"
    shutil.copytree(base, timing)
    began = time.monotonic()
    done = cli(timing, "library", "votes", str(data))
    duration = time.monotonic() - began
    assert done.returncode == 0, done.stderr
    whole = _votes_rows(timing / "data" / "library.sqlite3")
    assert whole == 8031
    rng = random.Random(20)
    outcomes, lost = Counter(), 0
    for trial in range(KILLS):
        home = tmp_path / f"home-{trial}"
        shutil.copytree(base, home)
        path = home / "data" / "library.sqlite3"
        code = kill_after(["library", "votes", str(data)], home, rng.uniform(0.2, duration))
        outcomes["killed" if code == -signal.SIGKILL else "finished"] += 1
        after = _votes_rows(path)
        assert after in (0, whole), f"trial {trial}: {after} of {whole} votes stored"
        outcomes["all stored" if after else "none stored"] += 1
        missing = [s for s, model in stored.items() if snapshot(path).get(s) != model]
        lost += len(missing)
        assert not missing, f"trial {trial}: resolutions changed {missing}"
        again = cli(home, "library", "votes", str(data))
        assert again.returncode == 0, again.stderr
        assert _votes_rows(path) == whole
    row("kill -9 during `library votes` (96,000 rows)", KILLS, outcomes, lost)
