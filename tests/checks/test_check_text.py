"""check_text: problems on the raw editor text, with offsets into it and fixes that apply there."""

from __future__ import annotations

from penholder.checks import apply_fix, check_text

DRAFT = """Human Rights Council
Fifty-fourth session

54/1. Enhancement of the checks

The Human Rights Council,

Recalling  its resolution 20/5 of July 5, 2012,

Recalls the "Declaration" on the matter ;

1. Request the Office to report to the Council;

2. Requests the Office:

(a) To report;

(c) To assist;

3. Decides to remain seized of the matter;
"""


def test_offsets_point_at_the_offending_text_in_the_raw_draft():
    problems = check_text(DRAFT)
    found = {(p.code, DRAFT[p.start:p.end]) for p in problems if p.start is not None}
    assert ("PP-OPENER", "Recalls") in found
    assert ("OP-VERB", "Request") in found
    assert ("TYPO-QUOTES", '"') in found
    assert ("TYPO-SPACES", "  ") in found
    assert ("REF-FORM", "July 5, 2012") in found
    assert ("PP-ENDING", ";") in found
    assert ("OP-ENDING", ";") in found  # the last paragraph ends with ";"
    assert any(p.code == "SUB-LABELS" and p.sub == "(c)" for p in problems)


def test_applying_every_fix_leaves_only_problems_without_a_fix():
    text = DRAFT
    for problem in sorted(check_text(text), key=lambda p: p.start or 0, reverse=True):
        text = apply_fix(text, problem)
    assert "Recalling its resolution 20/5 of 5 July 2012," in text
    assert "Recalling the “Declaration” on the matter," in text
    assert "1. Requests the Office" in text and "seized of the matter." in text
    assert {p.code for p in check_text(text)} == {"SUB-LABELS"}  # relabelling is the drafter's call


def test_text_that_does_not_parse_still_gets_typography_checks():
    problems = check_text('Just a "note"  here')
    assert {p.code for p in problems} == {"TYPO-QUOTES", "TYPO-SPACES"}
    assert check_text("") == []


EDITOR = """Enhancement of the checks
The Human Rights Council,

Recalling its resolution 20/5 of 5 July 2012,

1. Requests the Office to report;

3. Requests the Office:
(a) To report:
    (i) On this;
    (iii) On that;
(b) To assist;

4. Decides to remain seized of the matter.
"""


def test_editor_lines_give_exact_offsets_for_numbering_and_nested_labels():
    problems = check_text(EDITOR)
    numbering = next(p for p in problems if p.code == "OP-NUMBERING")
    assert EDITOR[numbering.start:].startswith("3. Requests the Office:")  # on the number itself
    label = next(p for p in problems if p.code == "SUB-LABELS")
    assert label.sub == "(a) (iii)" and "expected (ii)" in label.message
    assert EDITOR[label.start:].startswith("On that;")
    assert {p.code for p in problems} == {"OP-NUMBERING", "SUB-LABELS"}


def test_wrapped_text_pasted_from_a_document_is_parsed_and_offsets_still_point_at_the_text(seed_paths):
    raw = seed_paths["A/HRC/RES/53/11"].read_text(encoding="utf-8")
    quotes = [p for p in check_text(raw) if p.code == "TYPO-QUOTES"]
    assert quotes and all(raw[p.start:p.end] in {'"', "'"} for p in quotes)


def test_numbering_problems_in_editor_text_sit_on_the_number_and_fix_it():
    problems = check_text(EDITOR)
    numbering = next(p for p in problems if p.code == "OP-NUMBERING")
    assert EDITOR[numbering.start:numbering.end] == "3" and numbering.fix == "2"
    assert "2. Requests the Office:" in apply_fix(EDITOR, numbering)
    lone = "The Human Rights Council,\n\nRecalling the Charter,\n\n1. Decides to act.\n"
    problem = next(p for p in check_text(lone) if p.code == "OP-LONE")
    assert apply_fix(lone, problem).endswith("\nDecides to act.\n")
