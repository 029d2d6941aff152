"""kill -9 at random moments of saving a draft and writing an autosave, 60 kills each (300 with
``PENHOLDER_FUZZ=1``): the file is always a complete version (the old or the new one, never partial),
and the temporary files the killed saves left are gone after the next start (open / recovery scan)."""

from __future__ import annotations

import os
import random
import signal
import time

import pytest

from penholder.atomic import TMP_SUFFIX
from penholder.drafts import Draft, load_draft, save_draft, scan_autosaves, write_autosave
from penholder.drafts.recovery import autosave_dir

KILLS = 300 if os.environ.get("PENHOLDER_FUZZ") == "1" else 60
pytestmark = [pytest.mark.timeout(300), pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")]


def _text(version: int) -> str:
    """Return version ``version`` of a long draft (about 600 KB, so a kill often lands mid-write)."""
    line = f"{version}. Requests the Secretary-General to report on version {version};\n"
    return f"VERSION {version}\n" + line * 8000 + f"END {version}"


def _killed_writer(write, rng: random.Random) -> int:
    """Fork a process that writes versions 1, 2, 3 … for ever; kill -9 it at a random moment."""
    pid = os.fork()
    if pid == 0:  # the child: never returns
        try:
            version = 1
            while True:
                write(version)
                version += 1
        finally:
            os._exit(0)
    time.sleep(rng.uniform(0.002, 0.08))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return pid


def _leftovers(folder) -> list[str]:
    return [name for name in os.listdir(folder) if name.endswith(TMP_SUFFIX)]


def _check_complete(text: str) -> int:
    first = text.split("\n", 1)[0]
    assert first.startswith("VERSION ")
    version = int(first.removeprefix("VERSION "))
    assert text == _text(version)  # complete: every line of that version, its end mark
    return version


def test_kill_during_draft_saves_never_leaves_a_partial_draft(tmp_path, capsys):
    rng = random.Random(16)
    path = tmp_path / "killed.penholder"
    save_draft(Draft(_text(0)), path)
    versions, mid_write, cleaned = [], 0, 0
    for _kill in range(KILLS):
        _killed_writer(lambda v: save_draft(Draft(_text(v)), path), rng)
        left = _leftovers(tmp_path)
        mid_write += bool(left)
        versions.append(_check_complete(load_draft(path).text))  # the next start opens it: cleans leftovers
        cleaned += len(left)
        assert _leftovers(tmp_path) == []
        save_draft(Draft(_text(0)), path)
    with capsys.disabled():
        print(f"\n| kill -9 during draft saves | {KILLS} kills | {mid_write} mid-write (temp file left), "
              f"{KILLS - mid_write} between writes; after kill: version 0 (old) {versions.count(0)}, a newer "
              f"complete version {KILLS - versions.count(0)}, partial 0; {cleaned} temp files removed at next "
              "open, 0 left | 0 |")
    assert mid_write > 0  # the probe really killed saves in the middle


def test_kill_during_autosaves_never_leaves_a_partial_copy(tmp_path, capsys):
    rng = random.Random(61)
    folder = autosave_dir()
    versions, mid_write, cleaned = [], 0, 0
    for _kill in range(KILLS):
        write_autosave(Draft(_text(0)), "killed")
        _killed_writer(lambda v: write_autosave(Draft(_text(v)), "killed"), rng)
        left = _leftovers(folder)
        mid_write += bool(left)
        scan = scan_autosaves()  # the next start
        assert scan.set_aside == []
        [recovery] = scan.recoveries
        versions.append(_check_complete(recovery.draft.text))
        cleaned += len(scan.cleaned)
        assert sorted(scan.cleaned) == sorted(folder / name for name in left)
        assert _leftovers(folder) == []
    with capsys.disabled():
        print(f"\n| kill -9 during autosaves | {KILLS} kills | {mid_write} mid-write; recovered: old "
              f"{versions.count(0)}, newer complete {KILLS - versions.count(0)}, partial 0; {cleaned} temp files "
              "removed by the start-up scan, 0 left | 0 |")
    assert mid_write > 0


SAVER = """
import sys
from penholder.drafts import Draft, save_draft
sys.path.insert(0, {root!r})
from tests.reliability.test_drafts_killed_saves import _text
version = 1
print("ready", flush=True)
while True:
    save_draft(Draft(_text(version)), {path!r})
    version += 1
"""


def test_kill_of_a_separate_interpreter_saving_a_draft(tmp_path, capsys):
    import subprocess
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    path = tmp_path / "separate.penholder"
    rng = random.Random(5)
    mid_write = 0
    runs = 5
    for _kill in range(runs):
        save_draft(Draft(_text(0)), path)
        child = subprocess.Popen([sys.executable, "-c", SAVER.format(root=root, path=str(path))],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.01, 0.2))
        child.kill()
        child.wait()
        child.stdout.close()
        mid_write += bool(_leftovers(tmp_path))
        _check_complete(load_draft(path).text)
        assert _leftovers(tmp_path) == []
    with capsys.disabled():
        print(f"\n| kill -9 of a separate interpreter saving | {runs} kills | {mid_write} mid-write, partial 0, "
              "0 temp files left after the next open | 0 |")
