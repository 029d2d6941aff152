"""``penholder compare``: readable terminal output, JSON shape, redline hand-off, one-line errors."""

from __future__ import annotations

import json
import re
import sys
import types

from penholder.cli import main

OLD, NEW = "A/HRC/RES/41/3", "A/HRC/RES/53/11"


def test_compare_seed_files_is_readable_on_a_terminal(seed_paths, capsys):
    assert main(["compare", str(seed_paths[OLD]), str(seed_paths[NEW]), "--color", "never"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    summary = lines[-1]
    assert re.fullmatch(r"\d+ unchanged, \d+ modified, \d+ inserted, \d+ deleted, \d+ moved(, .*)?", summary)
    unchanged = int(summary.split()[0])
    assert unchanged > 0
    collapsed = [line for line in lines if line.lstrip().startswith("= ")]
    assert 0 < len(collapsed) < unchanged  # runs of unchanged paragraphs take one line each
    assert max(len(line) for line in lines) <= 120
    assert "\x1b[" not in out and ("{+" in out or "[-" in out)


def test_compare_by_symbol(capsys):
    assert main(["compare", OLD, NEW, "--color", "never"]) == 0
    assert capsys.readouterr().out.startswith(f"{OLD} → {NEW}")


def test_json_shape(seed_paths, capsys):
    assert main(["compare", str(seed_paths[OLD]), str(seed_paths[NEW]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"old", "new", "summary", "changes"}
    assert (data["old"], data["new"]) == (OLD, NEW)
    assert sum(data["summary"].values()) == len(data["changes"])
    for change in data["changes"]:
        assert set(change) == {"status", "kind", "old_numbers", "new_numbers", "old_text", "new_text", "ops"}
        assert "".join(op["old"] for op in change["ops"]) == change["old_text"]
        assert "".join(op["new"] for op in change["ops"]) == change["new_text"]


def test_unknown_reference_is_a_one_line_error(capsys):
    assert main(["compare", "A/HRC/RES/99/99", "no-such-file.txt"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("penholder: ") and err.count("\n") == 1


def test_output_hands_the_redline_to_the_exporter(seed_paths, tmp_path, monkeypatch, capsys):
    written = []
    fake = types.ModuleType("penholder.export")
    fake.write_redline = lambda old, new, path, **_: written.append((old.symbol, new.symbol, str(path)))
    monkeypatch.setitem(sys.modules, "penholder.export", fake)
    out = tmp_path / "redline.docx"
    assert main(["compare", str(seed_paths[OLD]), str(seed_paths[NEW]), "-o", str(out), "--color", "never"]) == 0
    assert written == [(OLD, NEW, str(out))]
    assert str(out) in capsys.readouterr().out


def test_colour_is_closed_at_each_line_end(seed_paths, capsys):
    assert main(["compare", str(seed_paths[OLD]), str(seed_paths[NEW]), "--color", "always"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any("\x1b[" in line for line in lines)
    for line in lines:
        codes = re.findall(r"\x1b\[[0-9;]*m", line)
        assert not codes or codes[-1] == "\x1b[0m"  # no colour bleeds into the next line's indent
