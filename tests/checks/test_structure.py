"""Openers, verbs, endings, sub-paragraph labels and numbering: each check positive and negative."""

from __future__ import annotations

import pytest

from penholder.checks import Checker, apply_fix, check_resolution
from penholder.checks.vocabulary import Vocabulary
from tests.checks.helpers import codes, resolution

GOOD_PP = ["Recalling its previous resolutions on the subject,",
           "Deeply concerned about the situation,", "Taking note with appreciation of the report,"]
GOOD_OP = ["Requests the Office to report to the Council;", "Also requests the Secretary-General to help;",
           "Decides to remain seized of the matter."]


def structural(problems):
    return [p for p in problems if not p.code.startswith(("TYPO", "REF"))]


def test_a_well_formed_resolution_has_no_problems():
    assert check_resolution(resolution(GOOD_PP, GOOD_OP)) == []


@pytest.mark.parametrize("text, fix", [("Recalls its resolution,", "Recalling"),
                                       ("Noted the report,", "Noting"),
                                       ("Welcomes the progress,", "Welcoming")])
def test_preambular_opening_with_a_verb_form_is_an_error_with_the_participle_as_fix(text, fix):
    problems = check_resolution(resolution([text], GOOD_OP))
    assert codes(problems) == ["PP-OPENER"]
    assert problems[0].fix == fix and problems[0].severity == "error"
    assert apply_fix(text, problems[0]).startswith(fix + " ")


def test_an_unknown_preambular_opener_is_a_warning_without_fix():
    problems = check_resolution(resolution(["Bananas are yellow,"], GOOD_OP))
    assert codes(problems) == ["PP-OPENER"] and problems[0].fix is None
    assert problems[0].severity == "warning" and "Bananas" in problems[0].message


def test_a_library_lead_used_twice_counts_as_an_opener():
    rare = "Frobnicating the widgets,"
    assert codes(check_resolution(resolution([rare], GOOD_OP))) == ["PP-OPENER"]
    library = [resolution([rare], GOOD_OP), resolution([rare, GOOD_PP[0]], GOOD_OP)]
    assert check_resolution(resolution([rare], GOOD_OP), library=library) == []


@pytest.mark.parametrize("verb, right", [("Request", "Requests"), ("Requested", "Requests"),
                                         ("Requesting", "Requests"), ("Urged", "Urges"),
                                         ("Decide", "Decides"), ("Call upon", "Calls upon")])
def test_operative_verb_must_be_present_tense_third_person(verb, right):
    text = f"{verb} States to act;"
    problems = structural(check_resolution(resolution(GOOD_PP, [text, GOOD_OP[2]])))
    assert codes(problems) == ["OP-VERB"]
    assert problems[0].number == 1 and problems[0].severity == "error"
    assert apply_fix(text, problems[0]).startswith(right)


def test_adverbs_before_the_verb_are_skipped_and_kept():
    text = "Also request the Office to act;"
    problem = check_resolution(resolution(GOOD_PP, [text, GOOD_OP[2]]))[0]
    assert apply_fix(text, problem) == "Also requests the Office to act;"
    assert check_resolution(resolution(GOOD_PP, ["Strongly urges States to act;", GOOD_OP[2]])) == []


def test_declaration_paragraphs_in_the_first_person_are_not_flagged():
    ops = ["We recognize the role of the Forum.", "We commit to act."]
    assert check_resolution(resolution(GOOD_PP, ops)) == []


@pytest.mark.parametrize("ending, found", [(";", "semicolon"), (".", "full stop"), ("", None)])
def test_preambular_paragraph_ends_with_a_comma(ending, found):
    text = "Recalling its resolution on the subject" + ending
    problems = check_resolution(resolution([text], GOOD_OP))
    assert codes(problems) == ["PP-ENDING"]
    assert apply_fix(text, problems[0]) == "Recalling its resolution on the subject,"
    assert (found or "should end") in problems[0].message


def test_operative_paragraphs_end_with_semicolons_and_the_last_with_a_full_stop():
    ops = ["Requests the Office to report.", "Decides to remain seized of the matter;"]
    problems = check_resolution(resolution(GOOD_PP, ops))
    assert codes(problems) == ["OP-ENDING", "OP-ENDING"]
    assert [p.fix for p in problems] == [";", "."]
    assert "last" in problems[1].message


def test_a_footnote_mark_after_the_final_mark_is_not_an_ending_problem():
    ops = ["Requests the Office to report; 12", "Decides to remain seized of the matter.*"]
    assert check_resolution(resolution(["Recalling the Charter, 3"], ops)) == []


def test_a_paragraph_introducing_sub_paragraphs_ends_with_a_colon():
    good = ("Requests the Office:", [("(a)", "To report;"), ("(b)", "To assist;")])
    bad = ("Requests the Office;", [("(a)", "To report;"), ("(b)", "To assist;")])
    assert check_resolution(resolution(GOOD_PP, [good, GOOD_OP[2]])) == []
    problems = check_resolution(resolution(GOOD_PP, [bad, GOOD_OP[2]]))
    assert codes(problems) == ["OP-LIST"] and problems[0].fix == ":"


def test_sub_paragraphs_end_with_semicolons_and_the_last_takes_the_paragraphs_mark():
    last = ("Decides:", [("(a)", "To report;"), ("(b)", "To assist;")])
    problems = check_resolution(resolution(GOOD_PP, [GOOD_OP[0], last]))
    assert codes(problems) == ["SUB-ENDING"]
    assert problems[0].sub == "(b)" and problems[0].fix == "." and problems[0].where == "OP 2 (b)"
    middle = ("Requests:", [("(a)", "To report,"), ("(b)", "To assist;")])
    assert codes(check_resolution(resolution(GOOD_PP, [middle, GOOD_OP[2]]))) == ["SUB-ENDING"]


def test_sub_paragraph_labels_run_letters_then_roman_numerals():
    nested = ("Requests:", [("(a)", "To report:", [("(i)", "On this;"), ("(ii)", "On that;")]),
                            ("(b)", "To assist;")])
    assert check_resolution(resolution(GOOD_PP, [nested, GOOD_OP[2]])) == []
    skipped = ("Requests:", [("(a)", "To report;"), ("(c)", "To assist;"), ("(d)", "To act;")])
    problems = check_resolution(resolution(GOOD_PP, [skipped, GOOD_OP[2]]))
    assert codes(problems) == ["SUB-LABELS"]  # one problem for the gap, not one per later label
    assert "expected (b)" in problems[0].message
    wrong_level = ("Requests:", [("(a)", "To report:", [("(a)", "On this;"), ("(b)", "On that;")]),
                                 ("(b)", "To assist;")])
    problems = check_resolution(resolution(GOOD_PP, [wrong_level, GOOD_OP[2]]))
    assert set(codes(problems)) == {"SUB-LABELS"} and "expected (i)" in problems[0].message


def test_letters_run_on_doubled_after_z_and_a_misnested_i_is_read_in_line():
    letters = [f"({chr(97 + i)})" for i in range(26)] + ["(aa)", "(bb)"]
    subs = [(label, "To act;") for label in letters]
    assert check_resolution(resolution(GOOD_PP, [("Requests:", subs), GOOD_OP[2]])) == []
    # "(i)" read as a level below "(h)" is the letter after it, not a roman numeral
    misread = [("(g)", "x;"), ("(h)", "y;", [("(i)", "z;")]), ("(j)", "w;")]
    items = [(f"({chr(97 + i)})", "v;") for i in range(6)] + misread
    assert codes(check_resolution(resolution(GOOD_PP, [("Requests:", items), GOOD_OP[2]]))) == []


def test_operative_numbering_is_contiguous():
    r = resolution(GOOD_PP, GOOD_OP)
    r.operative[1].number = 3
    r.operative[2].number = 4
    problems = check_resolution(r)
    assert codes(problems) == ["OP-NUMBERING"]  # one problem at the gap
    assert problems[0].number == 2 and "expected 2" in problems[0].message
    r.operative[1].number = None
    r.operative[2].number = 3
    assert codes(check_resolution(r)) == ["OP-NUMBERING"]


def test_a_lone_operative_paragraph_is_not_numbered():
    numbered = resolution(GOOD_PP, ["Decides to remain seized of the matter."])
    assert codes(check_resolution(numbered)) == ["OP-LONE"]
    unnumbered = resolution(GOOD_PP, ["Decides to remain seized of the matter."], numbered=False)
    assert check_resolution(unnumbered) == []


def test_without_a_lexicon_only_the_shape_of_the_verb_is_checked():
    checker = Checker(Vocabulary())
    assert checker.check_resolution(resolution(["Bananas,"], ["Frobnicates;", "Decides."])) == []
    problems = checker.check_resolution(resolution([], ["Requested States to act;", "Decides."]))
    assert codes(problems) == ["OP-VERB"]


def test_problems_are_plain_json():
    problem = check_resolution(resolution(["Recalls it,"], GOOD_OP))[0]
    data = problem.to_json()
    assert data["code"] == "PP-OPENER" and data["where"] == "PP 1" and data["fix"] == "Recalling"


def test_an_unlisted_verb_shaped_word_is_information_and_a_non_verb_a_warning():
    shaped = check_resolution(resolution(GOOD_PP, ["Frobnicates States to act;", GOOD_OP[2]]))
    assert codes(shaped) == ["OP-VERB"] and shaped[0].severity == "info"
    other = check_resolution(resolution(GOOD_PP, ["The Council will act;", GOOD_OP[2]]))
    assert codes(other) == ["OP-VERB"] and other[0].severity == "warning"
