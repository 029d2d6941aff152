"""The search dispatcher: one search in flight, superseded requests dropped, deleted owners ignored."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject

from penholder.ui.workers import _RUNNING, SearchDispatcher, start_task

pytestmark = pytest.mark.timeout(30)


class GatedIndex:
    """A test double whose searches wait for a gate, so requests pile up while one runs."""

    def __init__(self):
        self.gate = threading.Event()
        self.queries = []

    def search(self, query, limit=5, **_filters):
        self.queries.append(query)
        self.gate.wait(5)
        return [query.upper()]


def test_only_the_latest_request_is_run_after_the_one_in_flight_and_only_it_is_shown(qtbot):
    dispatcher = SearchDispatcher()
    index = GatedIndex()
    dispatcher.set_index(index)
    shown = []
    dispatcher.results.connect(lambda request, hits: shown.append((request.query, hits)))
    for query in ("a", "ab", "abc", "abcd"):
        dispatcher.request(query)
    qtbot.waitUntil(lambda: index.queries == ["a"], timeout=5000)
    index.gate.set()
    qtbot.waitUntil(lambda: not dispatcher.busy(), timeout=5000)
    assert index.queries == ["a", "abcd"]  # "ab" and "abc" never ran
    assert shown == [("abcd", ["ABCD"])]  # the stale "a" result was dropped


def test_failures_are_reported_as_one_line(qtbot):
    class Broken:
        def search(self, query, **_filters):
            raise ValueError("index damaged")

    dispatcher = SearchDispatcher()
    dispatcher.set_index(Broken())
    with qtbot.waitSignal(dispatcher.failed, timeout=5000) as blocker:
        dispatcher.request("Recalling")
    assert blocker.args == ["ValueError: index damaged"]
    assert not dispatcher.busy()


def test_a_task_whose_owner_was_deleted_does_not_call_back(qtbot):
    owner = QObject()
    called = []
    gate = threading.Event()
    task = start_task(lambda: gate.wait(5), called.append, owner=owner)
    owner.deleteLater()
    qtbot.wait(20)
    gate.set()
    qtbot.waitUntil(lambda: task not in _RUNNING, timeout=5000)  # its done signal was delivered
    qtbot.wait(10)
    assert called == []


class _Payload:
    """Stands for what a task's function holds: the whole draft's text."""


def test_a_finished_task_lets_go_of_its_function_and_callbacks(qtbot):
    # Each pause starts tasks whose functions hold the whole draft; a finished task kept alive by its own
    # signal connections kept two copies of the draft per pause (40 MB over one long resolution).
    import gc
    import weakref

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    refs, results = [], []
    for number in range(20):
        payload = _Payload()
        refs.append(weakref.ref(payload))
        task = start_task(lambda p=payload, n=number: (p, n)[1], results.append, owner=None)
        refs.append(weakref.ref(task))
        del payload, task
    qtbot.waitUntil(lambda: len(results) == 20 and not _RUNNING, timeout=5000)
    for _ in range(3):  # what the event loop does when it turns: deferred deletes
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
    assert sorted(results) == list(range(20))
    assert [r for r in refs if r() is not None] == []


def test_a_task_that_fails_unexpectedly_leaves_its_traceback_in_the_log(qtbot, user_home):
    from penholder import logs

    logs.setup()
    try:
        messages = []

        def broken():
            raise IndexError("a bug in a worker")

        start_task(broken, failed=messages.append)
        qtbot.waitUntil(lambda: bool(messages), timeout=5000)
        assert messages == ["IndexError: a bug in a worker"]
        text = logs.log_path().read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" in text and "in broken" in text
    finally:
        logs.shutdown()


def test_loading_the_library_sets_its_objects_aside_from_the_collector(qtbot, seed_index):
    # A full collection walks every object alive; with a real library in memory that stalled typing.
    import gc

    from tests.ui.conftest import open_window

    gc.unfreeze()
    window = open_window(qtbot, seed_index)  # set_index: the library is ready
    try:
        assert gc.get_freeze_count() > 0
        frozen = gc.get_freeze_count()
        window.set_index(seed_index, None, None)  # a reload thaws, collects and freezes again
        assert gc.get_freeze_count() >= frozen // 2
    finally:
        gc.unfreeze()


def test_progress_after_the_window_closed_is_dropped_quietly(qtbot):
    # An agreed-language report still running when its window closed raised in the worker thread.
    from penholder.ui.workers import ProgressRelay

    relay = ProgressRelay()
    import shiboken6

    shiboken6.delete(relay)
    relay(1, 2, "")  # no RuntimeError: nobody is listening any more
