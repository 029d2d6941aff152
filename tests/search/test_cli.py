"""The search, lineage and library commands, run through the CLI entry point."""

from __future__ import annotations

import json
import shutil

from penholder import paths
from penholder.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_prints_hits_and_json(capsys):
    code, out, _ = run(capsys, "search", "Invites States and relevant United Nations", "--limit", "2")
    assert code == 0 and "A/HRC/RES/53/11 OP34" in out and "also in A/HRC/RES/41/3 OP31" in out
    code, out, _ = run(capsys, "search", "Invites States and relevant", "--json", "--body", "GA")
    hits = json.loads(out)
    assert code == 0 and hits and all(hit["body"] == "GA" for hit in hits)
    code, out, _ = run(capsys, "search", "Requests", "--json", "--kind", "operative", "--limit", "3")
    assert [hit["kind"] for hit in json.loads(out)] == ["operative"] * 3


def test_search_finding_nothing_exits_1(capsys):
    code, _, err = run(capsys, "search", "xylophone quagmire")
    assert code == 1 and err.startswith("penholder: ") and err.count("\n") == 1


def test_batch_answers_each_line_with_the_index_loaded_once(capsys, tmp_path):
    batch = tmp_path / "queries.jsonl"
    lines = [{"query": "Invites States and relevant"}, {"query": "Recalling its", "body": "GA"}, "not json"]
    batch.write_text("\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines), encoding="utf-8")
    code, out, _ = run(capsys, "search", "--batch", str(batch), "--limit", "2")
    answers = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and len(answers) == 3
    assert answers[0]["query"] == "Invites States and relevant" and len(answers[0]["hits"]) == 2
    assert all(hit["body"] == "GA" for hit in answers[1]["hits"])
    assert all(isinstance(a["ms"], float) for a in answers[:2]) and "error" in answers[2]


def test_corpus_searches_a_folder_and_leaves_the_library_alone(capsys, tmp_path, seed_paths):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(seed_paths["A/RES/67/169"], folder)
    code, out, _ = run(capsys, "search", "Invites States and relevant", "--corpus", str(folder), "--json")
    hits = json.loads(out)
    assert code == 0 and {hit["symbol"] for hit in hits} == {"A/RES/67/169"}
    assert not paths.default_library_path().exists()


def test_lineage_command(capsys):
    code, out, _ = run(capsys, "lineage", "A/HRC/RES/53/11", "operative", "34", "--json")
    steps = json.loads(out)
    assert code == 0 and steps[0]["symbol"] == "A/RES/67/169" and steps[-1]["symbol"] == "A/HRC/RES/53/11"
    code, out, _ = run(capsys, "lineage", "a-hrc-res-53-11", "op", "34")
    assert code == 0 and "oldest first" in out
    code, _, err = run(capsys, "lineage", "A/HRC/RES/53/11", "operative", "999")
    assert code == 1 and "no operative paragraph 999" in err


def test_library_commands(capsys, tmp_path, seed_paths):
    db = str(tmp_path / "lib.sqlite3")
    code, _, err = run(capsys, "library", "--library", db, "list", "--json")  # a typo never makes a library
    assert code == 1 and "no such library file" in err and not (tmp_path / "lib.sqlite3").exists()
    code, out, _ = run(capsys, "library", "add", str(seed_paths["A/RES/67/169"]), "--library", db)
    assert code == 0 and "1 unchanged" in out  # `add` makes the library, filled with the seeds
    code, out, _ = run(capsys, "library", "--library", db, "list", "--json")
    assert code == 0 and len(json.loads(out)) == 5
    code, out, _ = run(capsys, "library", "remove", "A/RES/67/169", "--library", db)
    assert code == 0
    code, out, _ = run(capsys, "library", "add", str(seed_paths["A/RES/67/169"]), "--library", db)
    assert code == 0 and out.startswith("1 added")
    code, out, _ = run(capsys, "library", "add", str(seed_paths["A/RES/67/169"]), "--library", db)
    assert "1 unchanged" in out
    code, _, err = run(capsys, "library", "remove", "A/RES/1/1", "--library", db)
    assert code == 1 and "not in the library" in err


def test_a_damaged_library_says_how_to_rebuild(capsys, tmp_path):
    db = tmp_path / "lib.sqlite3"
    db.write_bytes(b"\x00garbage" * 512)
    code, _, err = run(capsys, "search", "Recalling", "--library", str(db))
    assert code == 1 and "penholder library rebuild" in err and err.count("\n") == 1
    code, out, _ = run(capsys, "library", "rebuild", "--library", str(db))
    assert code == 0 and ".bak" in out and "5 added" in out
    code, out, _ = run(capsys, "search", "Recalling", "--library", str(db), "--limit", "1")
    assert code == 0
