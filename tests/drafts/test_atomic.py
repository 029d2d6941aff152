"""Atomic writes: through symlinks to the real file, keeping its permissions, the umask for new files,
and temporary files of killed saves recognised and cleaned (never anybody else's files)."""

from __future__ import annotations

import os
import stat
import sys
import time

import pytest

from penholder.atomic import (
    ABANDONED_AFTER,
    TMP_SUFFIX,
    clean_leftovers,
    host_tag,
    temp_name,
    write_atomic,
    write_text_atomic,
)
from penholder.drafts import Draft, load_draft, save_draft
from penholder.export import export_docx
from penholder.model import OPERATIVE, Paragraph, Resolution

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and symlinks")


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@posix
def test_a_symlinked_draft_is_saved_into_its_target_and_the_link_stays_a_link(tmp_path):
    real = tmp_path / "real" / "draft.penholder"
    real.parent.mkdir()
    save_draft(Draft("old text"), real)
    link = tmp_path / "link.penholder"
    link.symlink_to(real)
    save_draft(Draft("new text"), link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert load_draft(real).text == "new text"
    assert [p.name for p in tmp_path.iterdir() if p.is_file() and not p.is_symlink()] == []


@posix
def test_a_chain_of_links_is_followed_to_the_end(tmp_path):
    real = tmp_path / "a.txt"
    real.write_text("old")
    (tmp_path / "b.txt").symlink_to(real)
    (tmp_path / "c.txt").symlink_to(tmp_path / "b.txt")
    write_text_atomic(tmp_path / "c.txt", "new")
    assert real.read_text() == "new" and (tmp_path / "b.txt").is_symlink() and (tmp_path / "c.txt").is_symlink()


@posix
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o664])
def test_an_existing_file_keeps_its_permissions(tmp_path, mode):
    path = tmp_path / "d.penholder"
    save_draft(Draft("one"), path)
    os.chmod(path, mode)
    save_draft(Draft("two"), path)
    assert _mode(path) == mode
    out = tmp_path / "d.docx"
    resolution = Resolution(title="T", operative=[Paragraph(OPERATIVE, "Decides", "Decides to act;", 1)])
    export_docx(resolution, out)
    os.chmod(out, mode)
    export_docx(resolution, out)
    assert _mode(out) == mode


@posix
@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077, 0o002])
def test_a_new_file_gets_the_users_umask(tmp_path, umask):
    old = os.umask(umask)
    try:
        write_text_atomic(tmp_path / "new.txt", "x")
        save_draft(Draft("x"), tmp_path / "new.penholder")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "new.txt") == 0o666 & ~umask
    assert _mode(tmp_path / "new.penholder") == 0o666 & ~umask


def test_a_failed_write_leaves_the_target_and_no_temporary_file(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("kept")

    def broken(handle):
        handle.write(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_atomic(path, broken)
    assert path.read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.txt"]


def _leftover(folder, name, host=None, pid=None, age=0.0):
    tmp = temp_name(folder / name)
    if host is not None or pid is not None:
        tmp = folder / f".{name}.{host or host_tag()}-{pid or os.getpid()}-0123abcd{TMP_SUFFIX}"
    tmp.write_text("partial")
    if age:
        then = time.time() - age
        os.utime(tmp, (then, then))
    return tmp


def _dead_pid() -> int:
    import subprocess

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_dead_processes_here_are_cleaned_and_nothing_else(tmp_path):
    dead = _dead_pid()
    gone = _leftover(tmp_path, "d.penholder", pid=dead)
    mine = _leftover(tmp_path, "d.penholder")  # this process may be writing it
    parent = _leftover(tmp_path, "d.penholder", pid=os.getppid())  # a running process
    foreign = _leftover(tmp_path, "d.penholder", host="abcdef" if host_tag() != "abcdef" else "fedcba", pid=dead)
    old_foreign = _leftover(tmp_path, "e.penholder", host="abcdef" if host_tag() != "abcdef" else "fedcba",
                            pid=dead, age=ABANDONED_AFTER + 60)
    others = [tmp_path / name for name in (".d.penholder.tmp", ".d.penholder.123.tmp", "d.penholder",
                                           f"x{TMP_SUFFIX}", ".~d.penholder.lock")]
    for other in others:
        other.write_text("someone else's")
    removed = clean_leftovers(tmp_path)
    assert sorted(removed) == sorted([gone, old_foreign])
    assert all(p.exists() for p in (mine, parent, foreign, *others))


def test_a_save_cleans_the_leftovers_of_its_own_file_only(tmp_path):
    dead = _dead_pid()
    own = _leftover(tmp_path, "d.penholder", pid=dead)
    other = _leftover(tmp_path, "other.penholder", pid=dead)
    save_draft(Draft("x"), tmp_path / "d.penholder")
    assert not own.exists() and other.exists()
    load_draft(tmp_path / "d.penholder")
    assert other.exists()


def test_an_earlier_versions_leftover_of_the_same_file_is_cleaned_once_an_hour_old(tmp_path):
    old = tmp_path / ".d.penholder.ab12_x9z.tmp"  # tempfile.mkstemp(prefix=".d.penholder.", suffix=".tmp")
    young = tmp_path / ".d.penholder.zz12_x9z.tmp"
    stranger = tmp_path / ".e.penholder.ab12_x9z.tmp"
    for path in (old, young, stranger):
        path.write_text("partial")
    then = time.time() - 7200
    for path in (old, stranger):
        os.utime(path, (then, then))
    save_draft(Draft("x"), tmp_path / "d.penholder")
    assert not old.exists() and young.exists() and stranger.exists()


@posix
def test_the_folder_is_synced_after_the_rename(tmp_path, monkeypatch):
    import penholder.atomic as atomic

    synced: list[str] = []
    real = os.fsync

    def record(fd):
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", record)
    write_text_atomic(tmp_path / "x.txt", "x")
    assert synced == ["file", "folder"]


def test_the_start_up_scan_cleans_settings_and_data_folders():
    from penholder import paths
    from penholder.drafts import scan_autosaves

    dead = _dead_pid()
    left = [_leftover(paths.config_dir(), "settings.json", pid=dead),
            _leftover(paths.data_dir(), "library.sqlite3", pid=dead)]
    scan = scan_autosaves()
    assert set(left) <= set(scan.cleaned) and not any(p.exists() for p in left)


def test_a_read_only_file_is_not_replaced(tmp_path, monkeypatch):
    path = tmp_path / "d.penholder"
    save_draft(Draft("kept"), path)
    os.chmod(path, 0o444)
    real_access = os.access
    # root may write anything; ask as a user would for this file
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(path) else real_access(p, mode))
    from penholder.errors import DraftError

    with pytest.raises(DraftError, match="read-only"):
        save_draft(Draft("new"), path)
    monkeypatch.undo()
    assert load_draft(path).text == "kept" and _mode(path) == 0o444
