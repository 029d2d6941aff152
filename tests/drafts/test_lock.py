"""The draft lock: created atomically, stale locks (dead process, reused process id, another host long
ago, damaged file) offered for take-over with a question, live ones refused with what to do."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import pytest

from penholder.drafts import Draft, DraftLock, save_draft
from penholder.drafts.lock import FOREIGN_STALE_HOURS, LockedError, StaleLockError, lock_path
from penholder.processes import started


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "d.penholder"
    save_draft(Draft("1. Decides to act;"), path)
    return path


def _write_lock(draft, **record):
    lock_path(draft).write_text(json.dumps(record), encoding="utf-8")


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def sleeper():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    time.sleep(0.05)
    yield child
    child.kill()
    child.wait()


def test_a_live_window_of_another_process_keeps_the_lock(draft, sleeper):
    begun = started(sleeper.pid)
    _write_lock(draft, pid=sleeper.pid, host=socket.gethostname(), started=begun, locked=time.time())
    with pytest.raises(LockedError) as info:
        DraftLock(draft).acquire()
    message = str(info.value)
    assert f"process {sleeper.pid}" in message and "close it there" in message and "Save As" in message


@pytest.mark.skipif(started(os.getpid()) is None, reason="no /proc: process start times unknown")
def test_a_reused_process_id_is_a_stale_lock(draft, sleeper):
    # the lock names the sleeper's pid but a start time an hour earlier: the pid now belongs to another process
    _write_lock(draft, pid=sleeper.pid, host=socket.gethostname(), started=started(sleeper.pid) - 3600,
                locked=time.time() - 3600)
    with pytest.raises(StaleLockError, match="now another program") as stale:
        DraftLock(draft).acquire()
    lock = DraftLock(draft)
    lock.take_over(stale.value)
    assert lock.held and json.loads(lock_path(draft).read_text())["pid"] == os.getpid()
    lock.release()
    assert not lock_path(draft).exists()


@pytest.mark.skipif(started(os.getpid()) is None, reason="no /proc: process start times unknown")
def test_an_old_style_lock_whose_pid_started_after_it_is_stale(draft, sleeper):
    _write_lock(draft, pid=sleeper.pid, host=socket.gethostname())  # the format before start times
    then = time.time() - 600
    os.utime(lock_path(draft), (then, then))
    with pytest.raises(StaleLockError, match="started after the lock"):
        DraftLock(draft).acquire()


def test_a_dead_process_lock_is_offered_and_refusing_keeps_it(draft):
    _write_lock(draft, pid=_dead_pid(), host=socket.gethostname(), locked=time.time())
    before = lock_path(draft).read_text()
    with pytest.raises(StaleLockError) as stale:
        DraftLock(draft).acquire()
    assert "no longer running" in str(stale.value) and stale.value.question.endswith("?")
    assert lock_path(draft).read_text() == before  # nothing changes until the drafter agrees


def test_another_host_recent_lock_is_refused_with_what_to_do(draft):
    _write_lock(draft, pid=os.getpid(), host="other-host.example", locked=time.time() - 3600)
    with pytest.raises(LockedError) as info:
        DraftLock(draft).acquire()
    message = str(info.value)
    assert "other-host.example" in message and "delete the lock file" in message and str(lock_path(draft)) in message


def test_another_host_old_lock_is_offered_for_take_over(draft):
    then = time.time() - (FOREIGN_STALE_HOURS + 1) * 3600
    _write_lock(draft, pid=1, host="other-host.example", locked=then)
    os.utime(lock_path(draft), (then, then))
    with pytest.raises(StaleLockError) as stale:
        DraftLock(draft).acquire()
    assert "other-host.example" in stale.value.question and "hours ago" in stale.value.question
    lock = DraftLock(draft)
    lock.take_over(stale.value)
    assert lock.held
    lock.release()


def test_a_damaged_lock_file_is_stale_once_it_is_not_being_written(draft):
    lock_path(draft).write_bytes(b"\x00garbage")
    with pytest.raises(LockedError, match="being opened"):
        DraftLock(draft).acquire()  # young: a window may be writing it this instant
    then = time.time() - 60
    os.utime(lock_path(draft), (then, then))
    with pytest.raises(StaleLockError) as stale:
        DraftLock(draft).acquire()
    lock = DraftLock(draft)
    lock.take_over(stale.value)
    assert lock.held
    lock.release()


def test_take_over_fails_when_another_window_took_the_lock_first(draft, sleeper):
    _write_lock(draft, pid=_dead_pid(), host=socket.gethostname(), locked=time.time())
    with pytest.raises(StaleLockError) as stale:
        DraftLock(draft).acquire()
    # meanwhile a live window takes it
    _write_lock(draft, pid=sleeper.pid, host=socket.gethostname(), started=started(sleeper.pid),
                locked=time.time())
    with pytest.raises(LockedError):
        DraftLock(draft).take_over(stale.value)
    assert json.loads(lock_path(draft).read_text())["pid"] == sleeper.pid


def test_a_lock_in_a_read_only_folder_does_not_stop_editing(tmp_path, monkeypatch):
    path = tmp_path / "d.penholder"
    save_draft(Draft("x"), path)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    lock = DraftLock(path)
    lock.acquire()
    assert lock.held
    monkeypatch.undo()
    lock.release()


def test_release_leaves_a_lock_that_is_not_ours(draft, sleeper):
    lock = DraftLock(draft)
    lock.acquire()
    _write_lock(draft, pid=sleeper.pid, host=socket.gethostname(), started=started(sleeper.pid),
                locked=time.time())  # someone replaced it (took it over)
    lock.release()
    assert lock_path(draft).exists()
