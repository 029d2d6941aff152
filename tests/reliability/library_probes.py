"""Helpers of the library's fault-injection probes: real GA texts, the real CLI in a subprocess, and the
comparison of a library with its source files ("nothing lost": every resolution, whole)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from penholder.errors import PenholderError
from penholder.library import Library, read_resolutions

ROWS: list[str] = []


def ga_texts(shared_dir: Path, count: int, start: int = 0) -> list[Path]:
    """Return ``count`` real GA texts (adopted resolutions, spread over the sessions) that parse."""
    folder = shared_dir / "corpus" / "ga-78-80-text"
    files = sorted(folder.glob("A-RES-*.txt"))
    step = max(1, len(files) // (count * 2))
    chosen = []
    for path in files[start::step]:
        try:
            if read_resolutions(path):
                chosen.append(path)
        except PenholderError:
            continue
        if len(chosen) == count:
            break
    return chosen


def cli(home: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the real ``penholder`` CLI with ``PENHOLDER_HOME=home``; return the finished process."""
    return subprocess.run([sys.executable, "-m", "penholder", *args], env=cli_env(home), capture_output=True,
                          text=True, timeout=timeout)


def cli_env(home: Path) -> dict[str, str]:
    """Return the environment of a CLI run with its user data under ``home``."""
    return dict(os.environ, PENHOLDER_HOME=str(home), PYTHONUNBUFFERED="1")


def expected_models(sources: list[Path]) -> dict[str, dict]:
    """Return symbol -> model (``to_dict``) of every resolution in ``sources``, read now."""
    models = {}
    for path in sources:
        for resolution in read_resolutions(path):
            models[resolution.symbol] = resolution.to_dict()
    return models


_EXPECTED: dict[tuple, dict[str, dict]] = {}


def lost(library_path: Path, sources: list[Path]) -> list[str]:
    """Return the symbols of ``sources`` missing from the library or stored differently (an empty list
    when nothing is lost). The sources are read once per set of (path, size, mtime)."""
    key = tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in sources)
    if key not in _EXPECTED:
        _EXPECTED[key] = expected_models(sources)
    with Library.open(library_path, fill=False, create=False) as library:
        stored = {r.symbol: r.to_dict() for r in library.resolutions()}
    return [symbol for symbol, model in _EXPECTED[key].items() if stored.get(symbol) != model]


def count_rows(library_path: Path) -> int:
    """Return the number of current resolutions committed in a library file (a read-only peek; -1 if unreadable)."""
    try:
        with sqlite3.connect(f"file:{library_path}?mode=ro", uri=True, timeout=1) as peek:
            return peek.execute("SELECT count(*) FROM resolutions").fetchone()[0]
    except sqlite3.Error:
        return -1


def snapshot(library_path: Path) -> dict[str, str]:
    """Return symbol -> stored model JSON of the current texts (read-only)."""
    with sqlite3.connect(f"file:{library_path}?mode=ro", uri=True, timeout=5) as peek:
        return dict(peek.execute("SELECT symbol, model FROM resolutions"))


def row(probe: str, runs: int, outcomes: Counter | dict, lost_count: int) -> str:
    """Print (seen with ``pytest -s``) and remember one row of the probe table."""
    text = (f"| {probe} | {runs} | " + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items()))
            + f" | {lost_count} |")
    ROWS.append(text)
    print("\n" + text)
    return text


def dump(value) -> str:
    """Return ``value`` as one line of JSON (for assertion messages)."""
    return json.dumps(value, ensure_ascii=False)[:2000]


def kill_after(args: list[str], home, delay: float, wait: float = 60) -> int:
    """Run the real CLI with ``args`` in ``home``, kill -9 it after ``delay`` seconds if still running;
    return its exit code (negative: killed)."""
    process = subprocess.Popen([sys.executable, "-m", "penholder", *args], env=cli_env(home),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    return process.wait(timeout=wait)


def library_id(database) -> str:
    """Return the id a library file was made with (a rebuild makes a new one)."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as peek:
        return peek.execute("SELECT value FROM meta WHERE key = 'library_id'").fetchone()[0]


def copied_sources(shared_dir, folder: Path, count: int) -> list[Path]:
    """Copy ``count`` real GA texts into ``folder`` (so a probe may delete some); return them sorted."""
    import shutil

    folder.mkdir()
    for path in ga_texts(shared_dir, count):
        shutil.copyfile(path, folder / path.name)
    return sorted(folder.iterdir())
