"""The problems that wait while their paragraph is being typed: its ending, and its being the last or lone one."""

from __future__ import annotations

from penholder.checks import Checker
from penholder.checks.being_typed import held_while_typing

HEAD = "A title\nThe Human Rights Council,\n\n"


def codes_held(text: str, line: int) -> set[str]:
    problems = Checker().check_draft(text)
    return {p.code for p in held_while_typing(problems, text, line)}


def test_the_preambular_paragraph_being_typed_waits_for_its_comma():
    text = HEAD + "Recalling its resolution 6/17 of 28 September 2007\n\nRecalling also the Charter"
    lines = text.split("\n")
    assert "PP-ENDING" in {p.code for p in Checker().check_draft(text)}
    assert codes_held(text, len(lines) - 1) == {"PP-ENDING"}  # the one on the last line
    held = held_while_typing(Checker().check_draft(text), text, len(lines) - 1)
    assert all(p.start > text.index("Recalling also") for p in held)  # not the one above
    assert codes_held(text, 3) == {"PP-ENDING"}
    assert codes_held(text, 2) == set()  # a blank line between preambular paragraphs holds nothing


def test_the_lone_operative_paragraph_being_typed_is_not_yet_lone_nor_last():
    text = HEAD + "Recalling the Charter,\n\n1. Decides to remain seized of the matter;"
    line = len(text.split("\n")) - 1
    found = {p.code for p in Checker().check_draft(text)}
    assert {"OP-LONE", "OP-ENDING"} <= found
    assert codes_held(text, line) == {"OP-LONE", "OP-ENDING"}
    # Enter after it: a new paragraph is begun below the last operative one.
    assert codes_held(text + "\n", line + 1) == {"OP-LONE", "OP-ENDING"}
    assert codes_held(text, 3) == set()  # typing in the preambular part does not hold the operative ones


def test_a_new_line_below_a_preambular_paragraph_shows_its_missing_comma():
    text = HEAD + "Recalling the Charter\n"
    assert "PP-ENDING" in {p.code for p in Checker().check_draft(text)}
    assert codes_held(text, 4) == set()


def test_other_problems_show_while_typing():
    text = HEAD + "Recalling  the Charter"
    found = {p.code for p in Checker().check_draft(text)}
    assert "TYPO-SPACES" in found
    assert "TYPO-SPACES" not in codes_held(text, 3)


def test_sub_paragraph_endings_wait_with_their_paragraph():
    text = HEAD + "Recalling the Charter,\n\n1. Requests:\n(a) To report\n(b) To act"
    held = codes_held(text, 5)
    assert "SUB-ENDING" in held
    assert held <= {"SUB-ENDING", "OP-LONE", "OP-LIST", "OP-ENDING"}


def test_a_line_outside_the_text_holds_nothing():
    text = HEAD + "Recalling the Charter"
    assert held_while_typing(Checker().check_draft(text), text, 99) == []
