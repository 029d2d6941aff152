"""Damage to the library file: each kind, then what the CLI says and what `library rebuild` brings back.

Truncation (last page, half), 0 bytes, a deleted file, a garbage header and random bit flips: reading
commands either serve exactly the stored texts or stop with a message (never an internal error, never
a wrong text), and `penholder library rebuild` ends with every resolution whose source exists, plus
those salvaged from the file, naming the rest. PENHOLDER_FUZZ=1 runs 200 bit-flip cases instead of 20.
"""

from __future__ import annotations

import os
import random
import shutil
from collections import Counter
from pathlib import Path

import pytest

from penholder.errors import LibraryError
from penholder.library import Library, rebuild_library
from tests.reliability.library_probes import cli, expected_models, ga_texts, lost, row

pytestmark = pytest.mark.timeout(600)

FLIPS = 200 if os.environ.get("PENHOLDER_FUZZ") else 20
FILES = 40


@pytest.fixture(scope="module")
def built(shared_dir, tmp_path_factory):
    """A library of real GA texts (plus the seeds) made by the real CLI, and its sources."""
    root = tmp_path_factory.mktemp("built")
    folder = root / "sources"
    folder.mkdir()
    for path in ga_texts(shared_dir, FILES):
        shutil.copyfile(path, folder / path.name)
    home = root / "home"
    result = cli(home, "library", "add", str(folder))
    assert result.returncode == 0, result.stderr
    return home, sorted(folder.iterdir())


def _copy(built, tmp_path) -> tuple[Path, Path]:
    home, _ = built
    target = tmp_path / "home"
    shutil.copytree(home, target)
    return target, target / "data" / "library.sqlite3"


def _flip_bits(path: Path, rng: random.Random, bits: int) -> None:
    data = bytearray(path.read_bytes())
    for _ in range(bits):
        position = rng.randrange(len(data))
        data[position] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(data))


DAMAGE = {
    "truncate last 4 KB page": lambda p, rng: os.truncate(p, p.stat().st_size - 4096),
    "truncate to half": lambda p, rng: os.truncate(p, p.stat().st_size // 2),
    "0 bytes": lambda p, rng: os.truncate(p, 0),
    "deleted file": lambda p, rng: p.unlink(),
    "garbage header": lambda p, rng: p.write_bytes(b"\x00garbage" * 16 + p.read_bytes()[128:]),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_each_damage_is_named_and_rebuild_brings_back_everything(kind, built, tmp_path):
    home, database = _copy(built, tmp_path)
    _, sources = built
    DAMAGE[kind](database, random.Random(kind))
    listing = cli(home, "library", "list")
    assert "internal error" not in listing.stderr and "Traceback" not in listing.stderr
    if listing.returncode:
        assert "penholder library rebuild" in listing.stderr, listing.stderr
    rebuilt = cli(home, "library", "rebuild")
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    missing = lost(database, sources)
    with Library.open(database, fill=False) as library:
        count = len(library)
    row(f"damage: {kind}", 1, {"refused" if listing.returncode else "listed": 1,
                               f"rebuilt {count} of {len(expected_models(sources)) + 5}": 1}, len(missing))
    assert not missing
    assert count == len(expected_models(sources)) + 5  # and the five seeds


def test_bit_flips_never_serve_a_wrong_text_and_rebuild_restores_all(built, tmp_path):
    _, sources = built
    expected = expected_models(sources)
    outcomes, lost_total = Counter(), 0
    for case in range(FLIPS):
        rng = random.Random(case)
        home, database = _copy(built, tmp_path / f"case-{case}")
        _flip_bits(database, rng, bits=rng.choice([1, 8, 64]))
        try:
            with Library.open(database, fill=False) as library:
                served = {r.symbol: r.to_dict() for r in library.resolutions()}
                repaired = bool(library.notices)
            wrong = [s for s, model in served.items() if s in expected and model != expected[s]]
            assert not wrong, f"case {case}: served changed texts {wrong}"
            outcomes["read (repaired from source)" if repaired else "read"] += 1
        except LibraryError as exc:
            assert "\n" not in str(exc)
            outcomes["refused with a message"] += 1
        library, report = rebuild_library(database)  # in-process: the CLI's own call, without start-up
        library.close()
        assert not report.failed and not report.missing, f"case {case}: {report.failed} {report.missing}"
        missing = lost(database, sources)
        lost_total += len(missing)
        assert not missing, f"case {case}: lost {missing}"
    row("bit flips (1/8/64) of the library file, then rebuild", FLIPS, outcomes, lost_total)


def test_rebuild_without_some_sources_salvages_them_or_names_them(built, tmp_path):
    home, database = _copy(built, tmp_path)
    _, sources = built
    gone = sources[:5]
    gone_symbols = set(expected_models(gone))
    moved = tmp_path / "moved"
    moved.mkdir()
    for path in gone:
        path.rename(moved / path.name)
    try:
        # The file reads: the texts of the deleted sources are salvaged from it.
        result = cli(home, "library", "rebuild")
        assert result.returncode == 0, result.stderr
        assert not lost(database, sources[5:])
        with Library.open(database, fill=False) as library:
            assert gone_symbols <= {r.symbol for r in library.resolutions()}
        # The file is gone too: those five are named as missing, every other one is back.
        database.unlink()
        result = cli(home, "library", "rebuild")
        assert result.returncode == 1
        for symbol in gone_symbols:
            assert f"missing from the rebuilt library: {symbol}" in result.stderr
        assert not lost(database, sources[5:])
    finally:
        for path in gone:
            (moved / path.name).rename(path)
    row("rebuild with 5 sources deleted: salvaged from the file / file deleted too", 2,
        {"salvaged 5": 1, "named 5 missing": 1}, 0)
