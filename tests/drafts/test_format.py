"""The .penholder file: round trip, damaged files, lock, autosave and recovery."""

from __future__ import annotations

import json
import os

import pytest

from penholder.drafts import (
    Draft,
    DraftLock,
    DraftMetadata,
    Provenance,
    discard_autosave,
    list_recoveries,
    load_draft,
    save_draft,
    write_autosave,
)
from penholder.drafts.lock import StaleLockError
from penholder.errors import DraftError


def _draft() -> Draft:
    meta = DraftMetadata(symbol="A/HRC/55/L.1", body="HRC", sponsors=["Cuba", "Egypt"], date="2024-04-01")
    prov = [Provenance("A/HRC/RES/53/11", "operative", 34, "2026-01-02T03:04:05", "Requests the Secretary-General …")]
    return Draft("Title\nThe Human Rights Council,\n1. Requests the Secretary-General …", meta, prov)


def test_round_trip_keeps_text_metadata_and_provenance(tmp_path):
    path = tmp_path / "d.penholder"
    save_draft(_draft(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == 1
    assert load_draft(path) == _draft()
    found = load_draft(path).provenance_of("Requests   the Secretary-General …")
    assert found is not None and found.label() == "A/HRC/RES/53/11 OP34"


@pytest.mark.parametrize("content, reason", [
    ("{not json", "damaged JSON"),
    ('{"schema": 1}', "no text"),
    ('{"text": "x"}', "no schema"),
    ('{"schema": 99, "text": "x"}', "newer Penholder"),
])
def test_damaged_files_give_one_line_reasons(tmp_path, content, reason):
    path = tmp_path / "bad.penholder"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DraftError, match=reason) as info:
        load_draft(path)
    assert "\n" not in str(info.value)


def test_save_refuses_a_file_changed_on_disk(tmp_path):
    path = tmp_path / "d.penholder"
    mtime = save_draft(_draft(), path).mtime
    os.utime(path, (mtime + 5, mtime + 5))
    with pytest.raises(DraftError, match="changed on disk"):
        save_draft(_draft(), path, expected_mtime=mtime)


def test_lock_keeps_a_second_window_out_until_released(tmp_path):
    path = tmp_path / "d.penholder"
    save_draft(_draft(), path)
    first, second = DraftLock(path), DraftLock(path)
    first.acquire()
    with pytest.raises(DraftError, match="already open"):
        second.acquire()
    first.release()
    second.acquire()
    second.release()


def test_stale_lock_of_a_dead_process_is_offered_for_take_over(tmp_path):
    import socket

    path = tmp_path / "d.penholder"
    (tmp_path / ".~d.penholder.lock").write_text(
        json.dumps({"pid": 2**22 + 12345, "host": socket.gethostname()}), encoding="utf-8")
    lock = DraftLock(path)
    with pytest.raises(StaleLockError) as stale:
        lock.acquire()
    assert "Take the lock over" in stale.value.question
    lock.take_over(stale.value)
    assert lock.held
    lock.release()


def test_autosave_is_offered_unless_its_window_is_alive():
    write_autosave(_draft(), "session-a", "/tmp/x.penholder")
    assert list_recoveries({"session-a"}) == []
    [found] = list_recoveries()
    assert found.draft == _draft() and found.origin == "/tmp/x.penholder"
    discard_autosave("session-a")
    assert list_recoveries() == []


def test_provenance_now_is_stamped_with_the_time():
    stamp = Provenance.now("A/RES/67/169", "preambular", 2, "Recalling …").inserted
    assert len(stamp) == 19 and stamp[10] == "T"
