"""``penholder check``: one line per problem, JSON on request, exit 1 when problems are found."""

from __future__ import annotations

import argparse
import json

import pytest

from penholder.cli import check_command

CLEAN = """The Human Rights Council,

Recalling its resolution 20/5 of 5 July 2012,

1. Requests the Office to report;

2. Decides to remain seized of the matter.
"""


def run(*argv):
    parser = argparse.ArgumentParser(prog="penholder")
    check_command.register(parser.add_subparsers(), "check house style")
    args = parser.parse_args(["check", *argv])
    return args.func(args)


def test_a_clean_draft_exits_0(tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text(CLEAN, encoding="utf-8")
    assert run(str(draft), "--no-library") == 0
    assert "no problems" in capsys.readouterr().out


def test_problems_exit_1_with_the_place_code_and_fix(tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text(CLEAN.replace("1. Requests", "1. Requested"), encoding="utf-8")
    assert run(str(draft), "--no-library") == 1
    out = capsys.readouterr().out
    assert "OP 1" in out and "OP-VERB" in out and "replace [Requested] with [Requests]" in out


def test_json_output_and_the_seed_date_disagreement(seed_paths, capsys):
    citing = [p for p in seed_paths.values() if "6/17 of 28 September 2008" in p.read_text(encoding="utf-8")]
    assert run(*map(str, citing), "--json") == 1  # the bundled corpus is the library
    reports = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(reports) == len(citing)
    for report in reports:
        assert any(p["code"] == "REF-DATE" and "6/17" in p["message"] for p in report["problems"])


def test_across_library_lists_every_disagreement(capsys):
    assert run("--across-library") == 1
    out = capsys.readouterr().out
    assert "resolution 6/17 is cited with different dates" in out
    assert "of 28 September 2007" in out and "of 28 September 2008" in out


def test_a_missing_file_is_one_line_and_exit_1(tmp_path, capsys):
    assert run(str(tmp_path / "nope.txt"), "--no-library") == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_nothing_to_check_is_a_usage_error():
    from penholder.errors import PenholderError

    with pytest.raises(PenholderError):
        run()


def test_a_penholder_draft_file_is_checked_from_its_editor_text(tmp_path, capsys):
    from penholder.drafts.format import Draft, DraftMetadata, save_draft

    path = tmp_path / "draft.penholder"
    text = "Enhancement\nThe Human Rights Council,\n\nRecalls its resolution 20/5,\n\n1. Decides to act.\n"
    save_draft(Draft(text, DraftMetadata(body="HRC")), path)
    assert run(str(path), "--no-library") == 1
    out = capsys.readouterr().out
    assert "PP-OPENER" in out and "OP-LONE" in out
