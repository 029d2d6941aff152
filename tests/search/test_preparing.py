"""The index's texts prepared in chunks: a pool of worker processes builds exactly the index this process
builds, equal texts are grouped whatever their digests, and a pool that fails leaves the build whole."""

from __future__ import annotations

import random
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import numpy as np
import pytest

from penholder.search import PrecedentIndex, preparing
from penholder.search.index import ARRAYS
from penholder.search.normalise import normalise
from penholder.search.terms_index import TermIndex


@pytest.fixture(scope="module")
def synthetic(seed_resolutions):
    """Return (infos, rows): 20,000 paragraphs made from the seeds' by word changes, with repeats."""
    rng = random.Random(3)
    seeds = [(p.lead, kind, p.full_text()) for r in seed_resolutions.values()
             for kind, group in enumerate((r.preambular, r.operative)) for p in group]
    words = sorted({word for _, _, text in seeds for word in text.split()})
    rows = []
    for position in range(20_000):
        if rows and rng.random() < 0.1:  # the same text again, often in another chunk
            _, kind, _, lead, text = rng.choice(rows)
        else:
            lead, kind, text = rng.choice(seeds)
            text = text.split()
            for _ in range(rng.randint(0, 4)):
                text[rng.randrange(len(text))] = rng.choice(words + [f"{rng.randint(1, 80)}/{rng.randint(1, 9)}"])
            text = " ".join(text)
        rows.append((position // 60, kind, position % 60 + 1, lead, text))
    odd = ["", "with \x00 inside", "\x00", "\U0001d400 wide \U0001f600", "12.  Decides", "tab\there", "a\nb"]
    rows += [(len(rows) // 60, 1, 99, "", text) for text in odd * 2]
    infos = [{"symbol": f"A/RES/{n}", "body": "GA", "year": 2024 - n // 40, "title": "", "series": "",
              "adoption": {}} for n in range(rows[-1][0] + 1)]
    return infos, rows


def _assert_same(index: PrecedentIndex, other: PrecedentIndex) -> None:
    for name in ARRAYS:
        mine, theirs = getattr(index, name), getattr(other, name)
        assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs), name
    for name in ("texts", "leads", "group_texts"):
        mine, theirs = getattr(index, name), getattr(other, name)
        assert np.array_equal(mine.offsets, theirs.offsets) and np.array_equal(mine.buffer, theirs.buffer), name
    assert index.term_index.vocabulary == other.term_index.vocabulary
    assert index.term_index.size == other.term_index.size
    for name in ("indptr", "docs", "weights"):
        mine, theirs = getattr(index.term_index, name), getattr(other.term_index, name)
        assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs), name


@pytest.fixture(scope="module")
def built_here(synthetic):
    return PrecedentIndex.from_rows(*synthetic, workers=1)


def test_groups_are_the_distinct_normalised_texts_in_order_of_appearance(synthetic, built_here):
    groups: dict[str, int] = {}
    expected = [groups.setdefault(normalise(row[4]), len(groups)) for row in synthetic[1]]
    assert built_here.paragraph_group.tolist() == expected
    assert [built_here.group_texts[number] for number in range(len(groups))] == list(groups)
    _assert_same_terms(built_here.term_index, TermIndex.build(list(groups)))


def _assert_same_terms(index: TermIndex, other: TermIndex) -> None:
    assert index.vocabulary == other.vocabulary
    for name in ("indptr", "docs", "weights"):
        assert np.array_equal(getattr(index, name), getattr(other, name)), name


def test_a_pool_of_worker_processes_builds_the_same_index(synthetic, built_here, monkeypatch, caplog):
    _assert_same(PrecedentIndex.from_rows(*synthetic, workers=2), built_here)
    monkeypatch.setenv(preparing.WORKERS_ENV, "3")  # what the bundle's smoke test does
    _assert_same(PrecedentIndex.from_rows(*synthetic), built_here)
    assert "in this process" not in caplog.text  # the workers did the work


def test_a_pool_started_from_another_thread_builds_the_same_index(synthetic, built_here):
    # The GUI builds the index from a thread of its QThreadPool: spawned workers do not mind.
    with ThreadPoolExecutor(1) as thread:
        _assert_same(thread.submit(PrecedentIndex.from_rows, *synthetic, workers=2).result(), built_here)


def test_colliding_digests_still_group_by_text(synthetic, built_here, monkeypatch):
    class OneCrc:
        @staticmethod
        def crc32(data: bytes) -> int:
            return 7  # every text of a length collides with every other

    monkeypatch.setattr(preparing, "zlib", OneCrc)
    _assert_same(PrecedentIndex.from_rows(*synthetic, workers=1), built_here)


def test_the_environment_forces_or_forbids_a_pool(monkeypatch):
    monkeypatch.delenv(preparing.WORKERS_ENV, raising=False)
    assert preparing.worker_count(10) == 1
    cores = preparing.worker_count(preparing.POOL_FROM)
    assert cores >= 1
    monkeypatch.setenv(preparing.WORKERS_ENV, "1")
    assert preparing.worker_count(10 * preparing.POOL_FROM) == 1
    monkeypatch.setenv(preparing.WORKERS_ENV, "2")
    assert preparing.worker_count(10) == 2
    monkeypatch.setenv(preparing.WORKERS_ENV, "several")  # not a number: as if unset
    assert preparing.worker_count(10) == 1


class _PoolThatBreaks:
    """Stands in for ProcessPoolExecutor: the first ``working`` chunks succeed, then the pool is broken."""

    working = 0

    def __init__(self, workers, mp_context, initializer=None):
        assert mp_context.get_start_method() == "spawn"
        self.submitted = 0

    def submit(self, function, chunk):
        future = Future()
        if self.submitted < self.working:
            future.set_result(function(chunk))
        else:
            future.set_exception(BrokenProcessPool("a worker died"))
        self.submitted += 1
        return future

    def shutdown(self, wait=True, cancel_futures=False):
        pass


class _PoolThatCannotStart(_PoolThatBreaks):
    def submit(self, function, chunk):
        raise OSError("no processes left")


@pytest.mark.parametrize("pool", [_PoolThatCannotStart, type("Breaks", (_PoolThatBreaks,), {"working": 3})])
def test_a_failing_pool_leaves_the_rest_to_this_process(synthetic, built_here, monkeypatch, pool, caplog, capsys):
    monkeypatch.setattr(preparing, "ProcessPoolExecutor", pool)
    _assert_same(PrecedentIndex.from_rows(*synthetic, workers=2), built_here)
    assert "building" in caplog.text and "in this process" in caplog.text
    assert capsys.readouterr().out == ""  # the CLI prints JSON there
