"""``penholder sources``: the report on the terminal, as JSON and as DOCX."""

from __future__ import annotations

import argparse
import json

from docx import Document

from penholder.cli import sources_command
from penholder.model import Resolution


def run(*argv):
    parser = argparse.ArgumentParser(prog="penholder")
    sources_command.register(parser.add_subparsers(), "agreed-language report")
    args = parser.parse_args(["sources", *argv])
    return args.func(args)


def test_a_library_symbol_is_not_its_own_precedent_and_json_lists_every_paragraph(capsys):
    assert run("A/HRC/RES/53/11", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["paragraphs"] and sum(report["summary"].values()) == len(report["paragraphs"])
    precedents = {p["precedent"]["symbol"] for p in report["paragraphs"] if p["precedent"]}
    assert precedents and "A/HRC/RES/53/11" not in precedents
    changed = [p for p in report["paragraphs"] if p["status"] == "changed"]
    assert changed and all(p["changes"] for p in changed)


def test_a_draft_file_writes_the_docx_and_prints_a_line_per_paragraph(seed_paths, tmp_path, capsys):
    from penholder.parsing import parse_file

    out = tmp_path / "report.docx"
    assert run(str(seed_paths["A/HRC/RES/41/3"]), "-o", str(out)) == 0
    text = capsys.readouterr().out
    resolution: Resolution = parse_file(seed_paths["A/HRC/RES/41/3"])
    assert text.count("\n  PP ") == len(resolution.preambular)
    assert len(Document(str(out)).tables[0].rows) == len(resolution.paragraphs) + 1
