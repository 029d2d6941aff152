"""The index's texts prepared chunk by chunk (normalised, deduplicated, tokenised), in worker processes
for big libraries, then grouped across chunks.

Building the index of a million paragraphs spends most of its time in pure per-text work: normalising
each text, splitting the distinct ones into terms, encoding them. ``prepare`` runs it a chunk at a time,
here or in a pool of worker processes (one per core) when the library is big enough for the pool's
start-up to pay; either way each chunk gives the same ``PreparedChunk``, so the index is the same.
``group`` then joins the chunks with numpy only: no Python work per text is left in this process.

The pool starts its processes by *spawning* fresh interpreters, never by forking: the GUI builds the
index from a thread of its thread pool, and forking a process that runs threads (Qt's) is unsafe. A
frozen (PyInstaller) app must call ``multiprocessing.freeze_support()`` first thing in its entry point
for the spawned workers to start (``penholder.cli.main`` and ``gui_main`` do).

``PENHOLDER_BUILD_WORKERS`` (a whole number) sets how many processes to use whatever the size: ``1``
never starts a pool; ``2`` or more forces one (tests and the bundle's smoke test use it).
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import signal
import zlib
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

import numpy as np

from penholder.search.columns import TextColumn
from penholder.search.normalise import normalise_many
from penholder.search.terms_index import CHUNK, TermChunk, tokenise

WORKERS_ENV = "PENHOLDER_BUILD_WORKERS"
# Texts from which a pool pays on its own. Spawning two workers (an interpreter, numpy and this package
# each) costs about 0.45 s of wall time: at 50,000 synthetic paragraphs two workers only broke even
# (1.2 s either way), at 100,000 they took 2.0 s against 2.4 s, at 200,000 3.5 s against 4.8 s.
POOL_FROM = 100_000
# Chunks per worker at least: a pool's last chunk keeps one core busy alone, so chunks are small enough
# for the tail to be short (and a forced pool on a small library still spreads its work).
CHUNKS_PER_WORKER = 4

_log = logging.getLogger(__name__)


@dataclass
class PreparedChunk:
    """A run of paragraph texts, normalised: its distinct texts (in order of first appearance) as UTF-8,
    which of them each paragraph has, a digest of each, and their terms."""

    buffer: bytes  # the distinct normalised texts, UTF-8, one after the other
    offsets: np.ndarray  # int64, where each distinct text starts in ``buffer`` (one more than texts)
    digests: np.ndarray  # uint64, each distinct text's length and CRC-32: equal texts, equal digests
    distinct_of: np.ndarray  # int32, each paragraph's distinct text
    terms: TermChunk  # the terms of the distinct texts


def prepare_chunk(texts: list[str]) -> PreparedChunk:
    """Return the chunk of ``texts`` prepared (what a worker process computes)."""
    normalised = normalise_many(texts)
    distinct = list(dict.fromkeys(normalised))
    numbers = dict(zip(distinct, range(len(distinct))))
    distinct_of = np.fromiter(map(numbers.__getitem__, normalised), np.int32, len(normalised))
    encoded = list(map(str.encode, distinct))
    lengths = np.fromiter(map(len, encoded), np.int64, len(encoded))
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    # A CRC is cheap (a fifth of a 64-bit cryptographic digest's time) and ``group`` checks the bytes of
    # every text whose digest it has seen before, so a collision costs a comparison, never a wrong group.
    crcs = np.fromiter(map(zlib.crc32, encoded), np.uint64, len(encoded))
    digests = (lengths.astype(np.uint64) << np.uint64(32)) | crcs
    return PreparedChunk(b"".join(encoded), offsets, digests, distinct_of, tokenise(distinct))


def worker_count(size: int) -> int:
    """Return how many processes should prepare ``size`` texts (1: this process alone)."""
    forced = os.environ.get(WORKERS_ENV, "").strip()
    if forced.isdigit():
        return max(int(forced), 1)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores if cores > 1 and size >= POOL_FROM else 1


def prepare(texts: list[str], workers: int | None = None) -> Iterator[PreparedChunk]:
    """Yield ``prepare_chunk`` of consecutive chunks of ``texts``, in order.

    ``workers`` processes (default ``worker_count``) do the work when there are two or more; they start
    at once, so the caller can do other work before taking the first chunk. If the pool cannot start or
    a worker dies, the remaining chunks are prepared in this process.
    """
    workers = worker_count(len(texts)) if workers is None else workers
    if workers <= 1:
        return (prepare_chunk(texts[start:start + CHUNK]) for start in range(0, len(texts), CHUNK))
    size = max(min(CHUNK, math.ceil(len(texts) / (workers * CHUNKS_PER_WORKER))), 1)
    chunks = [texts[start:start + size] for start in range(0, len(texts), size)]
    pool = None
    try:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_leave_interrupts_to_the_parent)
        futures = [pool.submit(prepare_chunk, chunk) for chunk in chunks]
    except (OSError, BrokenProcessPool) as error:  # e.g. no semaphores (/dev/shm), no processes left
        _log.warning("index build: worker processes did not start (%s); building in this process", error)
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        return map(prepare_chunk, chunks)
    return _collect(pool, futures, chunks)


def _collect(pool: ProcessPoolExecutor, futures: list, chunks: list[list[str]]) -> Iterator[PreparedChunk]:
    """Yield the pool's results in order; prepare here what a broken pool could not."""
    try:
        for number, future in enumerate(futures):
            try:
                result = future.result()
            except (OSError, BrokenProcessPool) as error:
                _log.warning("index build: a worker process failed (%s); building the rest in this process",
                             error)
                yield from map(prepare_chunk, chunks[number:])
                return
            futures[number] = None  # the caller holds the result; the pool need not
            yield result
    finally:
        # Waiting reaps the workers (their CPU time then shows in RUSAGE_CHILDREN); by now they are idle,
        # or at most finishing one chunk if the caller stopped early.
        pool.shutdown(wait=True, cancel_futures=True)


def _leave_interrupts_to_the_parent() -> None:
    """Ignore Ctrl-C in a worker: the terminal sends it to the whole process group, and the parent stops
    the pool itself (a worker interrupted while waiting for work would print a traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def group(chunks: list[PreparedChunk]) -> tuple[np.ndarray, TextColumn, list[TermChunk]]:
    """Return (each paragraph's group, the groups' texts, the terms of the groups' texts by chunk).

    Paragraphs with the same normalised text form one group; groups are numbered in order of first
    appearance.
    """
    bases = np.cumsum([0, *(len(chunk.digests) for chunk in chunks)])
    first = _first_same(chunks, bases)
    is_first = first == np.arange(len(first))
    group_of_distinct = (np.cumsum(is_first, dtype=np.int32) - 1)[first]
    paragraph_group = np.concatenate([np.zeros(0, np.int32)] + [
        group_of_distinct[chunk.distinct_of.astype(np.intp) + base] for chunk, base in zip(chunks, bases)])
    terms, parts, lengths = [], [], []
    for chunk, start, end in zip(chunks, bases[:-1], bases[1:]):
        keep = is_first[start:end]
        lengths.append(np.diff(chunk.offsets)[keep])
        if keep.all():
            terms.append(chunk.terms)
            parts.append(chunk.buffer)
            continue
        terms.append(chunk.terms.select(keep))
        # The kept texts' bytes are the runs between the left-out texts (few): join those runs.
        left_out = np.flatnonzero(~keep)
        run_starts = [0, *chunk.offsets[left_out + 1].tolist()]
        run_ends = [*chunk.offsets[left_out].tolist(), len(chunk.buffer)]
        view = memoryview(chunk.buffer)
        parts.extend(view[run_start:run_end] for run_start, run_end in zip(run_starts, run_ends))
    offsets = np.zeros(int(is_first.sum()) + 1, dtype=np.int64)
    np.cumsum(np.concatenate([np.zeros(0, np.int64), *lengths]), out=offsets[1:])
    column = TextColumn(np.frombuffer(b"".join(parts), dtype=np.uint8), offsets)
    return paragraph_group, column, terms


def _first_same(chunks: list[PreparedChunk], bases: np.ndarray) -> np.ndarray:
    """Return, for each distinct text of each chunk (numbered across chunks), the first text equal to it."""
    digests = np.concatenate([np.zeros(0, np.uint64)] + [chunk.digests for chunk in chunks])
    _, first, inverse = np.unique(digests, return_index=True, return_inverse=True)
    first = first[inverse.reshape(-1)]
    repeats = np.flatnonzero(first != np.arange(len(first)))
    if not len(repeats):
        return first

    # Where each text is: its chunk and its bytes there.
    chunk_of = np.repeat(np.arange(len(chunks)), np.diff(bases)).tolist()
    starts = np.concatenate([chunk.offsets[:-1] for chunk in chunks]).tolist()
    ends = np.concatenate([chunk.offsets[1:] for chunk in chunks]).tolist()
    buffers = [chunk.buffer for chunk in chunks]

    def text(number: int) -> bytes:
        return buffers[chunk_of[number]][starts[number]:ends[number]]

    # Same digest, same text, nearly always: check the bytes (real libraries repeat many paragraphs,
    # each repeat costs one comparison); texts whose digests collide are grouped by their bytes.
    collided = {int(digests[number]) for number in repeats.tolist() if text(number) != text(int(first[number]))}
    if collided:
        seen: dict[bytes, int] = {}
        for number in np.flatnonzero(np.isin(digests, np.array(sorted(collided), dtype=np.uint64))).tolist():
            first[number] = seen.setdefault(text(number), number)
    return first
