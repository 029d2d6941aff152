"""A full disk or a read-only folder during export and redline: one clear line, exit 1, no traceback, the
earlier file at that path unchanged and no temporary file left. On a small tmpfs when root; else ENOSPC
is simulated in-process."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from penholder.errors import ExportError
from penholder.export import export_docx, write_redline
from penholder.readers import read_resolution
from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parents[2]
is_root = hasattr(os, "geteuid") and os.geteuid() == 0 and sys.platform.startswith("linux")


@pytest.fixture
def small_disk(tmp_path):
    """Return a 256 KB tmpfs mounted in ``tmp_path`` (unmounted afterwards)."""
    if not is_root or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root on Linux")
    point = tmp_path / "disk"
    point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(point)], capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    yield point
    subprocess.run(["umount", "-l", str(point)], check=False)


def _fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "desktop"))
    env.pop("PENHOLDER_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "penholder", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def _one_clear_line(done, advice: str) -> str:
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr and "Exception" not in done.stderr
    assert advice in lines[0]
    return lines[0]


def test_a_full_disk_during_export_and_redline_prints_one_clear_line(small_disk, capsys):
    seed, other = str(SEEDS["A/HRC/RES/53/11"]), str(SEEDS["A/HRC/RES/41/3"])
    earlier = small_disk / "out.docx"
    assert _cli("export", seed, "-o", str(earlier)).returncode == 0
    before = earlier.read_bytes()
    _fill(small_disk)
    runs = [
        _cli("export", seed, "-o", str(earlier)),  # overwrite an earlier export
        _cli("export", seed, "-o", str(small_disk / "new.docx")),
        _cli("compare", other, seed, "-o", str(small_disk / "redline.docx")),
        _cli("sources", seed, "-o", str(small_disk / "report.docx")),  # the agreed-language report
    ]
    lines = [_one_clear_line(done, "the disk is full") for done in runs[:2]]
    for done in runs[2:]:
        assert done.returncode == 1 and "the disk is full" in done.stderr and "Traceback" not in done.stderr
    assert earlier.read_bytes() == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "out.docx"]  # no temp, no partial file
    with capsys.disabled():
        print(f"\n| full disk (256 KB tmpfs) during export/redline/report | {len(runs)} | one line each, exit 1, no "
              f"traceback: {lines[0]!r} | 0 (earlier export unchanged, no temp file) |")


def test_a_read_only_disk_during_export_prints_one_clear_line(small_disk, capsys):
    seed = str(SEEDS["A/HRC/RES/53/11"])
    earlier = small_disk / "out.docx"
    assert _cli("export", seed, "-o", str(earlier)).returncode == 0
    before = earlier.read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        line = _one_clear_line(_cli("export", seed, "-o", str(earlier)), "read-only")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert earlier.read_bytes() == before
    with capsys.disabled():
        print(f"\n| read-only disk during export | 1 | one line, exit 1: {line!r} | 0 |")


def test_a_simulated_full_disk_gives_an_export_error_and_keeps_the_file(tmp_path, monkeypatch):
    resolution = read_resolution(SEEDS["A/HRC/RES/53/11"])
    earlier = export_docx(resolution, tmp_path / "out.docx")
    before = earlier.read_bytes()
    import penholder.atomic as atomic

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(ExportError, match=r"the disk is full \(No space left on device\); free some space or choose another folder"):
        export_docx(resolution, earlier)
    with pytest.raises(ExportError, match="the disk is full"):
        write_redline(read_resolution(SEEDS["A/HRC/RES/41/3"]), resolution, tmp_path / "red.docx")
    monkeypatch.undo()
    assert earlier.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]
