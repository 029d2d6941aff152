"""A kill in the middle of `penholder library add` leaves a library that opens and holds every file
imported before the kill, each whole (one transaction per file)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from penholder.library import Library
from penholder.parsing import parse_file

pytestmark = pytest.mark.timeout(120)

VARIANTS = 300


def _write_variants(seed_text: str, folder) -> None:
    """Write distinct resolutions (A/HRC/RES/53/100 …) made from the 53/11 seed."""
    folder.mkdir()
    for n in range(VARIANTS):
        (folder / f"variant-{n:03}.txt").write_text(seed_text.replace("53/11", f"53/{100 + n}"), "utf-8")


def _wait_for_rows(database, at_least: int) -> None:
    """Wait until the importing process has committed ``at_least`` resolutions (read-only peeks)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if database.exists():
            try:
                with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as peek:
                    if peek.execute("SELECT count(*) FROM resolutions").fetchone()[0] >= at_least:
                        return
            except sqlite3.Error:
                pass  # not created yet
        time.sleep(0.02)
    pytest.fail("the import did not get going within 60 s")


def test_killed_import_keeps_what_was_imported(tmp_path, seed_paths):
    folder = tmp_path / "incoming"
    _write_variants(seed_paths["A/HRC/RES/53/11"].read_text("utf-8"), folder)
    database = tmp_path / "library.sqlite3"
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "penholder", "library", "add", str(folder), "--library", str(database)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for_rows(database, at_least=5 + 20)  # the bundled seeds, then well into the batch
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    expected = parse_file(folder / "variant-000.txt")
    with Library.open(database) as library:
        imported = [r for r in library.resolutions()
                    if r.symbol.startswith("A/HRC/RES/53/") and r.symbol != "A/HRC/RES/53/11"]
        assert imported, "the kill came before any file was imported; nothing was tested"
        assert expected.symbol == "A/HRC/RES/53/100"
        for resolution in imported:  # every stored file is whole, never half-written
            assert len(resolution.preambular) == len(expected.preambular)
            assert len(resolution.operative) == len(expected.operative)
        # The batch goes on from where it stopped: nothing imported is lost, the rest is added.
        report = library.add_files([folder])
        assert len(report.skipped) == len(imported)
        assert len(report.added) == VARIANTS - len(imported)
        assert not report.failed


def test_library_add_shows_progress_only_on_a_terminal(monkeypatch, capsys):
    from penholder.cli import library_command

    monkeypatch.setattr("sys.stderr.isatty", lambda: False, raising=False)
    assert library_command._terminal_progress() is None
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    show = library_command._terminal_progress()
    show(1, 3, "/x/A-RES-78-199.pdf")
    assert "[1/3] A-RES-78-199.pdf" in capsys.readouterr().err
