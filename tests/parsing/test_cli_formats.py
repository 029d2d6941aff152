"""`penholder parse` reads every supported format, chosen by content rather than by extension."""

from __future__ import annotations

import json

from penholder.cli import main
from penholder.export import export_docx
from penholder.parsing import parse_file


def test_parse_reads_a_docx_even_when_misnamed(tmp_path, seed_paths, capsys):
    resolution = parse_file(seed_paths["A/HRC/RES/53/11"])
    docx = tmp_path / "resolution.docx"
    export_docx(resolution, docx)
    misnamed = tmp_path / "resolution.txt"
    misnamed.write_bytes(docx.read_bytes())

    assert main(["parse", str(misnamed), "--json"]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert parsed["symbol"] == "A/HRC/RES/53/11"
    assert [p["text"] for p in parsed["operative"]] == [p.text for p in resolution.operative]
    assert [p["lead"] for p in parsed["preambular"]] == [p.lead for p in resolution.preambular]


def test_parse_reports_a_damaged_docx_in_one_line(tmp_path, capsys):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    assert main(["parse", str(broken)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "broken.docx" in err[0] and "Traceback" not in err[0]


def test_an_unexpected_error_is_one_line_not_a_traceback(monkeypatch, seed_paths, capsys):
    import penholder.readers

    def broken(path):
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(penholder.readers, "read_document", broken)
    assert main(["parse", str(seed_paths["A/RES/67/169"])]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error" in err and "Traceback" not in err
