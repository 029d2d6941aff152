"""``penholder parse``: summary, exact JSON keys, one-line errors for bad files."""

from __future__ import annotations

import json

import pytest

from penholder.cli import main

JSON_KEYS = {"symbol", "body", "session", "number", "year", "title", "organ", "adoption", "preambular",
             "operative", "footnotes",
             # added by issue 17 (front and end matter); keys are only ever added
             "agenda_item", "agenda_title", "report_line", "session_dates", "document_date", "voting"}


def test_json_has_exactly_the_documented_keys(seed_paths, capsys):
    path = seed_paths["A/HRC/RES/53/11"]
    assert main(["parse", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == JSON_KEYS
    assert set(data["adoption"]) == {"date", "meeting", "mode", "in_favour", "against", "abstaining"}
    assert set(data["preambular"][0]) == {"lead", "text", "notes"}
    assert set(data["operative"][0]) == {"number", "lead", "text", "notes", "subparagraphs"}
    assert set(data["footnotes"][0]) == {"mark", "text"}
    assert data["symbol"] == "A/HRC/RES/53/11"


def test_json_one_object_per_file(seed_paths, capsys):
    paths = [str(p) for p in seed_paths.values()]
    assert main(["parse", *paths, "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["symbol"] for line in lines] == list(seed_paths)


def test_summary(seed_paths, capsys):
    assert main(["parse", str(seed_paths["A/RES/67/169"])]) == 0
    out = capsys.readouterr().out
    assert "A/RES/67/169" in out and "9 preambular, 14 operative, 5 footnotes" in out


def _bad_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n\n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    prose = tmp_path / "letter.txt"
    prose.write_text("Dear colleague,\n\nThank you for your letter of last week.\n", encoding="utf-8")
    return {"missing": tmp_path / "nowhere.txt", "empty": empty, "binary": binary, "prose": prose,
            "folder": tmp_path}


@pytest.mark.parametrize("kind", ["missing", "empty", "binary", "prose", "folder"])
def test_bad_file_exits_1_with_one_line(tmp_path, capsys, kind):
    path = _bad_files(tmp_path)[kind]
    assert main(["parse", str(path)]) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert str(path) in lines[0]
    assert "Traceback" not in captured.err and captured.out == ""


def test_encodings(seed_paths, tmp_path, capsys):
    text = seed_paths["A/HRC/RES/23/3"].read_text(encoding="utf-8")
    variants = {
        "bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf16.txt": text.encode("utf-16"),
        "cp1252.txt": text.replace("¹", "").replace("²", "").replace("³", "").replace("⁴", "")
        .replace("⁵", "").encode("cp1252", errors="replace"),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        assert main(["parse", str(tmp_path / name), "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["symbol"] == "A/HRC/RES/23/3" and len(data["operative"]) == 24


def test_summary_of_a_draft_names_its_sponsors(tmp_path, capsys):
    path = tmp_path / "draft.txt"
    path.write_text("A/C.3/99/L.7\n\nDistr.: Limited\n\nRuritania and Utopia:* draft resolution\n\nA title\n\n"
                    "The General Assembly,\n\nRecalling things,\n\n1. Decides.\n", encoding="utf-8")
    assert main(["parse", str(path)]) == 0
    out = capsys.readouterr().out
    assert "draft by Ruritania, Utopia; Third Committee" in out
    assert "1 preambular, 1 operative" in out
