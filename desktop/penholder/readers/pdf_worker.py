"""PDFs are read in a worker process with a hard wall-clock limit per file, which the caller can cancel.

pypdf is pure Python: a small PDF whose 2,000 pages share one heavy content stream took 2 s a page, and
nothing inside the interpreter can stop a pypdf call that never returns to our code. So each PDF is read
by a separate process (spawned, never forked: the GUI reads from a thread of its pool): when the file has
taken ``MAX_PDF_SECONDS`` in all (not per page), or the caller's ``cancel()`` says so, the process is
killed and the file given up with one line. Idle workers are kept for the next file (starting one, with
pypdf, costs about 0.3 s); one that was killed is replaced when next needed.

``reading_now()`` tells a window which PDFs are being read and for how long, so it can show it.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from penholder.errors import ParseError
from penholder.readers.limits import fail

MAX_PDF_SECONDS = 60.0
"""A PDF still being read after this long, in all, is given up. A 13-page resolution takes about 2.5 s."""

NOTICE_SECONDS = 10.0
"""A PDF still being read after this long is logged (shown on the command line) every as many seconds."""
_GRACE = 1.0  # the worker's own deadline comes first, with a clean message; the kill is the backstop
_POLL = 0.1
_IDLE_KEPT = 2

_lock = threading.Lock()
_idle: list[_Worker] = []
_reading: dict[int, tuple[str, float, float]] = {}  # id -> (path, started, limit)
_local = threading.local()
_log = logging.getLogger(__name__)


def read_in_worker(path: object, data: bytes, *, seconds: float | None = None,
                   cancel: Callable[[], bool] | None = None) -> Any:
    """Return the PdfText of a PDF's bytes, read in a worker process within ``seconds`` (default
    ``MAX_PDF_SECONDS``); raise ParseError when it fails, takes longer, or ``cancel()`` becomes true."""
    limit = MAX_PDF_SECONDS if seconds is None else seconds
    cancel = cancel or getattr(_local, "cancel", None)
    if cancel is not None and cancel():
        raise fail(path, "reading was cancelled")
    try:
        worker = _take()
    except (OSError, RuntimeError, ValueError) as exc:  # no process can be started here: read in this one
        _log.warning("PDF worker process could not start (%s); reading %s in-process", exc, path)
        from penholder.readers.pdf_reader import read_pdf_here

        return read_pdf_here(path, data, seconds=limit)
    started = time.monotonic()
    key = id(worker)
    with _lock:
        _reading[key] = (str(path), started, limit)
    try:
        outcome = worker.run(path, data, limit, started, cancel)
    finally:
        with _lock:
            _reading.pop(key, None)
    if outcome == "timeout":
        raise fail(path, f"reading this PDF took longer than {limit:.0f} s and was given up; it is probably "
                         "damaged or unusually complex (save it again as PDF, or import the Word file)")
    if outcome == "cancelled":
        raise fail(path, "reading was cancelled")
    if outcome == "died":
        raise fail(path, "the PDF reader stopped on this file (it is probably damaged)")
    _give_back(worker)
    kind, value = outcome
    if kind == "error":
        raise ParseError(value)
    return value


@contextmanager
def cancellable(cancel: Callable[[], bool]) -> Iterator[None]:
    """``with cancellable(event.is_set):`` every PDF this thread reads meanwhile stops when it is true
    (the GUI's Cancel reaches a PDF being read deep inside a library import)."""
    previous = getattr(_local, "cancel", None)
    _local.cancel = cancel
    try:
        yield
    finally:
        _local.cancel = previous


def reading_now() -> list[tuple[str, float, float]]:
    """Return (path, seconds so far, limit) of each PDF being read now."""
    now = time.monotonic()
    with _lock:
        return [(path, now - started, limit) for path, started, limit in _reading.values()]


class _Worker:
    """One spawned process reading PDFs sent over a pipe, one at a time."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), daemon=True, name="penholder-pdf")
        self.process.start()
        child.close()

    def run(self, path: object, data: bytes, limit: float, started: float,
            cancel: Callable[[], bool] | None) -> Any:
        """Return ("ok", PdfText) or ("error", message), else "timeout", "cancelled" or "died" (killed)."""
        kill_at, notice_at = started + limit + _GRACE, started + NOTICE_SECONDS
        try:
            self.connection.send((str(path), data, limit))
            while not self.connection.poll(_POLL):
                now = time.monotonic()
                if not self.process.is_alive():
                    self.stop()
                    return "died"
                if cancel is not None and cancel():
                    self.stop()
                    return "cancelled"
                if now > kill_at:
                    self.stop()
                    return "timeout"
                if now > notice_at:  # a command-line user sees why nothing happens
                    _log.warning("penholder: still reading %s after %.0f s (given up at %.0f s)", path,
                                 now - started, limit)
                    notice_at += NOTICE_SECONDS
            return self.connection.recv()
        except (EOFError, OSError):
            self.stop()
            return "died"
        except BaseException:  # Ctrl+C, or a bug: the process may be deep inside pypdf, never reuse it
            self.stop()
            raise

    def stop(self) -> None:
        """Kill the process (it may be deep inside pypdf) and close the pipe."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()


def _take() -> _Worker:
    with _lock:
        while _idle:
            worker = _idle.pop()
            if worker.process.is_alive():
                return worker
            worker.stop()
    return _Worker()


def _give_back(worker: _Worker) -> None:
    with _lock:
        if len(_idle) < _IDLE_KEPT:
            _idle.append(worker)
            return
    worker.stop()


@atexit.register
def _stop_all() -> None:
    with _lock:
        workers, _idle[:] = list(_idle), []
    for worker in workers:
        worker.stop()


def _serve(connection) -> None:
    """The worker process: read each (path, bytes, seconds) received and send back the outcome."""
    from penholder.readers.pdf_reader import read_pdf_here

    while True:
        try:
            path, data, limit = connection.recv()
        except (EOFError, OSError):
            return
        try:
            outcome: tuple[str, Any] = ("ok", read_pdf_here(path, data, seconds=limit))
        except ParseError as exc:
            outcome = ("error", str(exc))
        except Exception as exc:  # noqa: BLE001 - reported as a damaged file, the worker goes on
            outcome = ("error", f"{path}: damaged or unsupported PDF ({type(exc).__name__})")
        try:
            connection.send(outcome)
        except (OSError, ValueError):
            return
