"""Four processes open one draft at the same instant, 20 rounds: exactly one gets the lock each round.
The same for four processes taking over one stale lock (left by a dead process) at once."""

from __future__ import annotations

import json
import multiprocessing
import socket
import subprocess
import sys
from collections import Counter

import pytest

from penholder.drafts import Draft, save_draft
from penholder.drafts.lock import DraftLock, LockedError, StaleLockError, lock_path

PROCESSES, ROUNDS = 4, 20
pytestmark = [pytest.mark.timeout(120),
              pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")]


def _contender(path, barrier, results, take_over: bool) -> None:
    for round_ in range(ROUNDS):
        barrier.wait()
        lock = DraftLock(path)
        try:
            try:
                lock.acquire()
                outcome = "won"
            except StaleLockError as stale:
                if not take_over:
                    raise
                lock.take_over(stale)
                outcome = "won"
        except LockedError:
            outcome = "refused"
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which fails the test
            outcome = f"error {exc.__class__.__name__}: {exc}"
        results.put((round_, outcome))
        barrier.wait()  # every contender has tried while the winner holds the lock
        lock.release()
        barrier.wait()  # released; the parent prepares the next round


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _race(tmp_path, take_over: bool) -> list[Counter]:
    path = tmp_path / "race.penholder"
    save_draft(Draft("1. Decides to act;"), path)
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(PROCESSES + 1)
    results = context.Queue()
    dead = _dead_pid()
    workers = [context.Process(target=_contender, args=(path, barrier, results, take_over))
               for _ in range(PROCESSES)]
    for worker in workers:
        worker.start()
    rounds = []
    try:
        for _round in range(ROUNDS):
            if take_over:
                lock_path(path.resolve()).write_text(json.dumps({"pid": dead, "host": socket.gethostname()}))
            barrier.wait()  # go
            barrier.wait()  # all tried
            rounds.append(Counter(results.get(timeout=30)[1] for _ in range(PROCESSES)))
            barrier.wait()  # released
    finally:
        for worker in workers:
            worker.join(timeout=30)
            if worker.is_alive():
                worker.kill()
    assert not lock_path(path.resolve()).exists()  # the winner's release removed it each round
    return rounds


@pytest.mark.parametrize("take_over", [False, True], ids=["fresh lock", "stale lock taken over"])
def test_exactly_one_of_four_processes_gets_the_lock_every_round(tmp_path, take_over, capsys):
    rounds = _race(tmp_path, take_over)
    winners = [r["won"] for r in rounds]
    errors = [k for r in rounds for k in r if k.startswith("error")]
    with capsys.disabled():
        what = "stale-lock take-over" if take_over else "lock"
        print(f"\n| {what} race, {PROCESSES} processes | {ROUNDS} rounds | "
              f"{sum(w == 1 for w in winners)} rounds with exactly one winner, "
              f"{sum(w > 1 for w in winners)} with more, {sum(w == 0 for w in winners)} with none; "
              f"{len(errors)} errors | 0 |")
    assert errors == []
    assert winners == [1] * ROUNDS
