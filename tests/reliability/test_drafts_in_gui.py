"""The window keeps the drafter's file safe: a draft replaced on disk with its time kept (``cp -p``) is not
overwritten by Save, and a stale lock is offered for take-over with a question (yes opens, no does not)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys

import pytest

from penholder.drafts import Draft, load_draft, save_draft
from penholder.drafts.lock import lock_path
from tests.ui.conftest import open_window

pytestmark = pytest.mark.timeout(60)


def _errors(window) -> list[str]:
    shown: list[str] = []
    window.files.show_error = shown.append
    return shown


@pytest.mark.skipif(not shutil.which("cp"), reason="no cp")
def test_save_does_not_overwrite_a_draft_copied_over_with_its_time_kept(qtbot, tmp_path):
    path = tmp_path / "resolution.penholder"
    save_draft(Draft("1. Decides to act;"), path)
    window = open_window(qtbot)
    shown = _errors(window)
    assert window.files.open_path(path)
    window.editor.setPlainText("1. Decides to act; my edit")
    window.editor.document().setModified(True)
    theirs = tmp_path / "theirs.penholder"
    save_draft(Draft("1. Decides to act; their edit"), theirs)
    mtime = os.stat(path).st_mtime_ns
    os.utime(theirs, ns=(mtime, mtime))
    subprocess.run(["cp", "-p", str(theirs), str(path)], check=True)
    assert os.stat(path).st_mtime_ns == mtime
    assert not window.files.save()
    assert shown and "changed on disk" in shown[0]
    assert load_draft(path).text == "1. Decides to act; their edit"
    assert window.editor.toPlainText() == "1. Decides to act; my edit"  # still in the editor for Save As
    window.files.ask_save_path = lambda *args: str(tmp_path / "mine.penholder")
    assert window.files.save_as()
    assert load_draft(tmp_path / "mine.penholder").text == "1. Decides to act; my edit"


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("answer", [True, False])
def test_a_stale_lock_is_offered_for_take_over(qtbot, tmp_path, answer):
    path = tmp_path / "resolution.penholder"
    save_draft(Draft("1. Decides to act;"), path)
    lock_path(path).write_text(json.dumps({"pid": _dead_pid(), "host": socket.gethostname()}))
    window = open_window(qtbot)
    shown = _errors(window)
    asked: list[str] = []
    window.files.ask_take_over = lambda question: asked.append(question) or answer
    assert window.files.open_path(path) is answer
    [question] = asked
    assert "no longer running" in question and question.endswith("?")
    if answer:
        assert window.editor.toPlainText() == "1. Decides to act;" and shown == []
        assert json.loads(lock_path(path).read_text())["pid"] == os.getpid()
        window.files.close_cleanly()
        assert not lock_path(path).exists()
    else:
        assert shown and "not opened" in shown[0] and "Open again" in shown[0]
        assert lock_path(path).exists()


@pytest.mark.parametrize("content", [
    {"schema": 1, "text": "x", "metadata": "A/HRC/59/L.1"},
    {"schema": 1, "text": "x", "metadata": {"sponsors": 7}},
    {"schema": 1, "text": ["x"]},
    {"schema": 1, "text": "x", "provenance": [{"symbol": "s", "kind": "operative", "number": "1e999"}]},
])
def test_opening_a_damaged_draft_says_why_and_keeps_the_window(qtbot, tmp_path, content):
    path = tmp_path / "damaged.penholder"
    path.write_text(json.dumps(content), encoding="utf-8")
    window = open_window(qtbot)
    window.editor.setPlainText("1. Decides to keep this text;")
    window.editor.document().setModified(False)
    shown = _errors(window)
    assert window.files.open_path(path) is False
    [message] = shown
    assert "damaged" in message and "damaged.penholder" in message and "\n" not in message
    assert window.isVisible() and window.editor.toPlainText() == "1. Decides to keep this text;"
    assert not lock_path(path).exists()
