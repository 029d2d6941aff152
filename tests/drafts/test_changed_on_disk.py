"""A draft changed on disk since it was read is never overwritten silently, even when the change kept the
file's time (``cp -p``, ``rsync -t``): saving compares size and SHA-256 recorded at load, not the time."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from penholder.drafts import Draft, file_stamp, load_draft, load_draft_stamped, save_draft
from penholder.errors import DraftError


def _same_time_copy(source, target, how: str) -> None:
    """Replace ``target`` by ``source``'s content and give it ``target``'s own time back, as ``how`` does."""
    before = os.stat(target).st_mtime_ns
    os.utime(source, ns=(before, before))
    if how == "cp -p":
        subprocess.run(["cp", "-p", str(source), str(target)], check=True)
    elif how == "rsync -t":
        subprocess.run(["rsync", "-t", str(source), str(target)], check=True)
    elif how == "renamed in":  # what rsync does: a new file beside the target, its time set, renamed over it
        fresh = target.with_name(".fresh")
        shutil.copyfile(source, fresh)
        os.utime(fresh, ns=(before, before))
        os.replace(fresh, target)
    else:
        shutil.copy2(source, target)
    assert os.stat(target).st_mtime_ns == before


TOOLS = ["copy2", "renamed in", pytest.param("cp -p", marks=pytest.mark.skipif(not shutil.which("cp"), reason="no cp")),
         pytest.param("rsync -t", marks=pytest.mark.skipif(not shutil.which("rsync"), reason="no rsync"))]


@pytest.mark.parametrize("how", TOOLS)
def test_a_same_time_replacement_is_not_overwritten(tmp_path, how):
    path = tmp_path / "d.penholder"
    save_draft(Draft("1. Decides to act;"), path)
    _draft, stamp = load_draft_stamped(path)
    other = tmp_path / "colleague.penholder"
    save_draft(Draft("1. Decides to act now; 2. Requests a report;"), other)
    _same_time_copy(other, path, how)
    with pytest.raises(DraftError, match="changed on disk") as info:
        save_draft(Draft("1. Decides to act; (mine)"), path, expected=stamp)
    assert "Save As" in str(info.value)
    assert load_draft(path).text == "1. Decides to act now; 2. Requests a report;"  # the colleague's text kept


def test_the_same_length_change_is_seen_too(tmp_path):
    path = tmp_path / "d.penholder"
    stamp = save_draft(Draft("1. Decides to act;"), path)
    raw = path.read_bytes().replace(b"act", b"ask")
    mtime = os.stat(path).st_mtime_ns
    path.write_bytes(raw)
    os.utime(path, ns=(mtime, mtime))
    with pytest.raises(DraftError, match="changed on disk"):
        save_draft(Draft("x"), path, expected=stamp)


def test_a_touched_but_unchanged_file_saves_and_successive_saves_chain(tmp_path):
    path = tmp_path / "d.penholder"
    stamp = save_draft(Draft("one"), path)
    os.utime(path, (1, 1))  # only the time changed (touch, backup tools): not a conflict
    stamp = save_draft(Draft("two"), path, expected=stamp)
    stamp = save_draft(Draft("three"), path, expected=stamp)
    assert load_draft(path).text == "three"
    assert stamp == file_stamp(path) or (stamp.size, stamp.sha256) == (file_stamp(path).size, file_stamp(path).sha256)


def test_a_deleted_file_is_saved_again(tmp_path):
    path = tmp_path / "d.penholder"
    stamp = save_draft(Draft("one"), path)
    path.unlink()
    save_draft(Draft("two"), path, expected=stamp)
    assert load_draft(path).text == "two"
