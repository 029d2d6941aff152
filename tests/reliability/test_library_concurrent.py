"""Concurrent `penholder library add` runs (2-4 processes at once, overlapping batches) into one library:
every run ends cleanly, the library holds every resolution exactly once, whole, and the journal records
each of them (so a later rebuild has them all)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter

import pytest

from penholder.library.journal import Journal
from tests.reliability.library_probes import cli, cli_env, ga_texts, lost, row

pytestmark = pytest.mark.timeout(600)


@pytest.mark.parametrize("processes", [2, 4])
def test_concurrent_adds_lose_nothing(processes, shared_dir, tmp_path):
    sources = ga_texts(shared_dir, 40)
    home = tmp_path / "home"
    batches = []
    for number in range(processes):  # each batch overlaps the next by half
        folder = tmp_path / f"batch-{number}"
        folder.mkdir()
        for path in sources[number * 8: number * 8 + 16] + sources[-4:]:
            shutil.copyfile(path, folder / path.name)
        batches.append(folder)
    runs = [subprocess.Popen([sys.executable, "-m", "penholder", "library", "add", str(folder)], env=cli_env(home),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for folder in batches]
    outcomes = Counter()
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        assert "internal error" not in err
        outcomes["exit 0"] += 1
    copies = sorted({p for folder in batches for p in folder.iterdir()}, key=lambda p: p.name)
    unique = {p.name: p for p in copies}.values()
    database = home / "data" / "library.sqlite3"
    missing = lost(database, list(unique))
    journal = Journal(database).read()
    listing = cli(home, "library", "list", "--json")
    assert listing.returncode == 0
    row(f"{processes} concurrent `library add` runs (overlapping batches)", processes, outcomes, len(missing))
    assert not missing
    assert journal.unreadable == 0
    from penholder.library import read_resolutions

    wanted = {r.symbol for p in unique for r in read_resolutions(p)}
    assert wanted <= {e["symbol"] for e in journal.adds()}
