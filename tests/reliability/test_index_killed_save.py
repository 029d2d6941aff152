"""kill -9 at random moments of saving the search index: the next search through the CLI gives the hits of
a fresh index, and the folders the killed saves left are removed at the next open."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from penholder.cli import main
from penholder.library import Library
from penholder.search import PrecedentIndex
from tests.readers.probes import report

KILLS = int(os.environ.get("PENHOLDER_INDEX_KILLS", "6"))
QUERY = "Requests the Office of the United Nations High Commissioner for Human Rights to"

# Saves the library's index again and again, as fast as it can, until it is killed.
SAVER = """
import sys
from pathlib import Path
from penholder.library import Library
from penholder.search.persist import save_index
library = Library.open(Path(sys.argv[1]))
index = library.index()
folder, stamp = library.index_folder(), library.stamp()
print("ready", flush=True)
while True:
    save_index(index, folder, stamp)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")
def test_a_killed_save_never_leaves_a_wrong_index(tmp_path, capsys):
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as library:
        expected = [hit.to_json() for hit in PrecedentIndex.from_resolutions(library.resolutions())
                    .search(QUERY, limit=5)]
        folder = library.index_folder()
    rng = random.Random(16)
    states: dict[str, int] = {}
    leftovers_seen = 0
    for _ in range(KILLS):
        saver = subprocess.Popen([sys.executable, "-c", SAVER, str(path)], stdout=subprocess.PIPE, text=True)
        assert saver.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.6))
        saver.send_signal(signal.SIGKILL)
        saver.wait()
        state = "complete" if (folder / "index.json").exists() else "absent"
        states[state] = states.get(state, 0) + 1
        leftovers_seen += len(list(tmp_path.glob(f".{folder.name}.*")))
        code = main(["search", QUERY, "--json", "--limit", "5", "--library", str(path)])
        out, err = capsys.readouterr()
        assert code == 0 and "internal error" not in err, err
        assert json.loads(out) == expected
        assert not list(tmp_path.glob(f".{folder.name}.*")), "a killed save's folder was left"
    report("kill -9 at random moments of saving the index", KILLS,
           f"index after the kill: {states}; {leftovers_seen} leftover folders, all removed at the next open; "
           f"CLI search = fresh index {KILLS}/{KILLS}")
