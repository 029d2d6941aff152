"""Fault probes of the saved search index: random bit flips and truncations of its arrays, its text
columns and its description. A search through the CLI must give exactly the hits of a fresh index built
from the library, never "internal error" and never a corrupted text; the damaged copy is rebuilt.

For the table, each damage is also loaded once with the checksum check switched off, to count what it
would have done before (an exception, or different hits served).
"""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest

from penholder.cli import main
from penholder.library import Library
from penholder.search import PrecedentIndex, integrity
from penholder.search.index import saved_files
from tests.readers.probes import report

FLIPS = int(os.environ.get("PENHOLDER_INDEX_FLIPS", "25"))
QUERIES = [
    "Recalling its resolution",
    "Requests the Office of the United Nations High Commissioner for Human Rights to",
    "Decides to continue its consideration of the question at its",
]
ARRAY_FILES = [name for name in saved_files() if name.endswith(".npy")]
TEXT_FILES = [name for name in saved_files() if not name.endswith(".npy")]


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> tuple[Path, Path, list]:
    """Return (library path, a pristine copy of its saved index, the fresh hits of QUERIES)."""
    folder = tmp_path_factory.mktemp("index-damage")
    path = folder / "library.sqlite3"
    with Library.open(path) as opened:
        opened.index()
        fresh = PrecedentIndex.from_resolutions(opened.resolutions())
        saved = opened.index_folder()
    pristine = folder / "pristine"
    shutil.copytree(saved, pristine)
    expected = [[hit.to_json() for hit in fresh.search(query, limit=5)] for query in QUERIES]
    return path, pristine, expected


def _restore(path: Path, pristine: Path) -> Path:
    target = path.with_name(path.name + ".index")
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(pristine, target)
    return target


def _cli_hits(path: Path, capsys) -> list:
    results = []
    for query in QUERIES:
        code = main(["search", query, "--json", "--limit", "5", "--library", str(path)])
        out, err = capsys.readouterr()
        assert code == 0 and "internal error" not in err, err
        results.append(json.loads(out))
    return results


def _unchecked(folder: Path, expected: list) -> str:
    """Return what the damaged copy would have done if served without its check."""
    verify, unseal = integrity.verify, integrity.unseal
    integrity.verify = lambda *_args: None
    integrity.unseal = lambda text: json.loads("{" + text.partition(", ")[2])  # the JSON, unchecked
    try:
        index = PrecedentIndex.load(folder)
        got = [[hit.to_json() for hit in index.search(query, limit=5)] for query in QUERIES]
    except Exception as exc:  # noqa: BLE001 - counting what used to escape as "internal error"
        return type(exc).__name__
    finally:
        integrity.verify, integrity.unseal = verify, unseal
    return "same hits" if got == expected else "different hits"


def _damage(target: Path, name: str, rng: random.Random, kind: str) -> None:
    file = target / name
    data = bytearray(file.read_bytes())
    if kind == "flip":
        if not data:
            data = bytearray(b"\0")
        position = rng.randrange(len(data))
        data[position] ^= 1 << rng.randrange(8)
    else:
        data = data[:rng.randrange(len(data))] if data else data
    file.write_bytes(bytes(data))


_CASES = {"bit flips of its arrays": (ARRAY_FILES, "flip"), "bit flips of its texts": (TEXT_FILES, "flip"),
          "bit flips of index.json": (["index.json"], "flip"),
          "truncations of any file": (ARRAY_FILES + TEXT_FILES + ["index.json"], "truncate")}


@pytest.mark.parametrize("case", _CASES)
def test_a_damaged_index_is_rebuilt_and_never_served(library, capsys, case):
    files, kind = _CASES[case]
    path, pristine, expected = library
    rng = random.Random(f"{kind}-{files[0]}")
    before: dict[str, int] = {}
    runs = FLIPS
    for _ in range(runs):
        target = _restore(path, pristine)
        name = rng.choice(files)
        _damage(target, name, rng, kind)
        outcome = _unchecked(target, expected)
        before[outcome] = before.get(outcome, 0) + 1
        assert _cli_hits(path, capsys) == expected, name
        integrity.verify(target, integrity.unseal((target / "index.json").read_text())["files"], saved_files())
    what = ", ".join(f"{count} {outcome}" for outcome, count in sorted(before.items()))
    report(f"saved index: {case} ({len(files)} file{'s' if len(files) > 1 else ''})", runs, f"CLI search = fresh index in {runs}/{runs}, copy rebuilt; unchecked it gave: {what}")


def test_a_zero_byte_or_missing_file_is_rebuilt(library, capsys):
    path, pristine, expected = library
    for name in saved_files():
        target = _restore(path, pristine)
        (target / name).write_bytes(b"")
        assert _cli_hits(path, capsys)[:1] == expected[:1], name
        target = _restore(path, pristine)
        (target / name).unlink()
        assert _cli_hits(path, capsys)[:1] == expected[:1], name
    report("saved index: each file emptied, then removed", 2 * len(saved_files()),
           "CLI search = fresh index every time")


def test_an_intact_index_is_served_from_its_copy(library, monkeypatch):
    """The check passes on what was written: the copy is loaded, not rebuilt."""
    path, pristine, expected = library
    _restore(path, pristine)
    built = []
    monkeypatch.setattr(PrecedentIndex, "from_resolutions", classmethod(lambda cls, r: built.append(1)))
    with Library.open(path) as opened:
        index = opened.index()
    assert not built
    assert [[hit.to_json() for hit in index.search(query, limit=5)] for query in QUERIES] == expected
