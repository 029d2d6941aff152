"""Background work on the global QThreadPool, reporting back by signal; the UI thread never waits.

``Task`` runs any function in the pool. ``SearchDispatcher`` keeps one precedent search in flight: a
request made while one runs replaces any waiting request, and results of a superseded request are
dropped (generation counter), so fast typing never builds a queue of searches.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal

from penholder import logs
from penholder.errors import PenholderError


class TaskSignals(QObject):
    """Signals of one task: ``done(result)`` or ``failed(message)``."""

    done = Signal(object)
    failed = Signal(str)


class Task:
    """Run ``function()`` in the pool; emit ``done`` with its result or ``failed`` with a one-line reason.

    Not a ``QRunnable``: PySide6 keeps every ``QRunnable`` given to ``QThreadPool.start`` alive for good
    (with what its function holds, often the whole draft: 40 MB over one long resolution), while a plain
    callable given to it is released when it has run (``tests/ui/test_workers.py`` guards both)."""

    def __init__(self, function: Callable[[], Any]):
        self.function = function
        self.signals = TaskSignals()

    def run(self) -> None:
        function, self.function = self.function, None  # what it holds (often the whole draft) goes with it
        try:
            result = function()
        except PenholderError as exc:
            _emit(self.signals.failed, str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug must not kill the worker thread silently
            if not _gone(exc):
                logs.unexpected("background task", exc, "penholder.ui")
            _emit(self.signals.failed, f"{exc.__class__.__name__}: {exc}")
        else:
            _emit(self.signals.done, result)


def _gone(exc: BaseException) -> bool:
    """Return whether ``exc`` says a Qt object was deleted (the window closed while the task ran)."""
    return isinstance(exc, RuntimeError) and "deleted" in str(exc)


def _emit(signal, value) -> None:
    """Emit a task's result; nothing when the window that asked for it has closed meanwhile."""
    try:
        signal.emit(value)
    except RuntimeError as exc:
        if not _gone(exc):
            raise


_RUNNING: set[Task] = set()


def start_task(function: Callable[[], Any], done: Callable[[Any], None] | None = None,
               failed: Callable[[str], None] | None = None, owner: QObject | None = None) -> Task:
    """Start ``function`` in the global pool and return its task (kept alive until it reports).

    With ``owner``, the callbacks are skipped if the owner was deleted meanwhile (a closed window).
    """
    task = Task(function)
    _RUNNING.add(task)
    if done:
        task.signals.done.connect(lambda result: _alive(owner) and done(result))
    if failed:
        task.signals.failed.connect(lambda message: _alive(owner) and failed(message))
    # Connected last, so it runs after the callbacks: the signals object is deleted once the event loop
    # turns, which releases these connections and with them the task (they form a cycle Python's
    # collector cannot see through Qt, and kept every finished task and what it held).
    task.signals.done.connect(lambda _r: _finished(task))
    task.signals.failed.connect(lambda _m: _finished(task))
    QThreadPool.globalInstance().start(task.run)
    return task


def _finished(task: Task) -> None:
    _RUNNING.discard(task)
    task.signals.deleteLater()


def _alive(owner: QObject | None) -> bool:
    return owner is None or shiboken6.isValid(owner)


class ProgressRelay(QObject):
    """Carries ``progress(done, total, path)`` calls from a worker to the UI thread as a signal."""

    progressed = Signal(int, int, str)

    def __call__(self, done: int, total: int, path: str) -> None:
        """Report progress (safe to call from any thread, and after the window closed)."""
        try:
            self.progressed.emit(done, total, path)
        except RuntimeError as exc:
            if not _gone(exc):
                raise


class SearchRequest:
    """One precedent search: the query, its filters, and when it was asked for."""

    def __init__(self, generation: int, query: str, options: dict[str, Any]):
        self.generation = generation
        self.query = query
        self.options = options
        self.asked = time.perf_counter()
        self.seconds = 0.0  # time spent searching, set by the worker
        self.prepared: Any = None  # what ``SearchDispatcher.prepare`` made of the hits, in the worker


class SearchDispatcher(QObject):
    """Run searches one at a time against an index; emit ``results(request, hits)`` for the latest only."""

    results = Signal(object, object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.index = None
        self.generation = 0
        self.running: SearchRequest | None = None
        self.waiting: SearchRequest | None = None
        self.started = 0  # searches actually run (for tests and the status bar)
        # Optional work on the hits done in the worker too (e.g. the diffs), so the UI thread only shows.
        self.prepare: Callable[[str, Any], Any] | None = None

    def set_index(self, index: Any) -> None:
        """Use ``index`` (a PrecedentIndex) for the next searches."""
        self.index = index

    def request(self, query: str, **options: Any) -> int:
        """Ask for a search; return its generation. Earlier requests still waiting are dropped."""
        self.generation += 1
        self.waiting = SearchRequest(self.generation, query, options)
        if self.running is None:
            self._start_next()
        return self.generation

    def cancel(self) -> None:
        """Drop the waiting request and any result still to come."""
        self.generation += 1
        self.waiting = None

    def busy(self) -> bool:
        """Return whether a search is running or waiting."""
        return self.running is not None or self.waiting is not None

    def _start_next(self) -> None:
        request, self.waiting = self.waiting, None
        if request is None or self.index is None:
            self.running = None
            return
        self.running = request
        self.started += 1
        index, prepare = self.index, self.prepare

        def search():
            began = time.perf_counter()
            hits = index.search(request.query, **request.options)
            request.seconds = time.perf_counter() - began
            if prepare is not None:
                request.prepared = prepare(request.query, hits)
            return hits

        start_task(search, lambda hits: self._finished(request, hits),
                   lambda message: self._failed(request, message), owner=self)

    def _finished(self, request: SearchRequest, hits: Any) -> None:
        self.running = None
        if request.generation == self.generation:
            self.results.emit(request, hits)
        self._start_next()

    def _failed(self, request: SearchRequest, message: str) -> None:
        self.running = None
        if request.generation == self.generation:
            self.failed.emit(message)
        self._start_next()
