"""The editor's line layout: roles, renumbering and moving paragraphs."""

from __future__ import annotations

from penholder.drafts import layout

DRAFT = [
    "Enhancement of international cooperation",
    "The Human Rights Council,",
    "",
    "Recalling its earlier resolutions,",
    "",
    "1. Requests the Secretary-General to report;",
    "2. Decides to:",
    "(a) Convene a panel;",
    "(b) Continue its consideration;",
    "3. Decides to remain seized of the matter.",
]


def test_roles_follow_the_organ_line():
    roles = [line.role for line in layout.classify(DRAFT)]
    assert roles[:4] == [layout.TITLE, layout.ORGAN, layout.BLANK, layout.PREAMBULAR]
    assert roles[5:] == [layout.OPERATIVE, layout.OPERATIVE, layout.SUB, layout.SUB, layout.OPERATIVE]


def test_without_organ_line_every_unnumbered_line_is_preambular():
    roles = [line.role for line in layout.classify(["Recalling its resolution 6/17,", "1. Decides"])]
    assert roles == [layout.PREAMBULAR, layout.OPERATIVE]


def test_renumbered_fixes_gaps_and_duplicates():
    lines = ["4. Requests a;", "4. Decides b;", "9. Urges c."]
    changes = layout.renumbered(lines)
    assert changes == {0: "1. Requests a;", 1: "2. Decides b;", 2: "3. Urges c."}
    assert layout.renumbered([changes[i] for i in range(3)]) == {}


def test_an_operative_paragraph_moves_with_its_subparagraphs_and_numbers_stay_right():
    new, index = layout.moved(DRAFT, 6, -1)
    assert new[5:9] == ["1. Decides to:", "(a) Convene a panel;", "(b) Continue its consideration;",
                        "2. Requests the Secretary-General to report;"]
    assert index == 5
    back, index = layout.moved(new, 5, +1)
    assert back == DRAFT and index == 6


def test_first_and_last_paragraphs_cannot_move_past_the_ends():
    assert layout.moved(DRAFT, 3, -1) is None
    assert layout.moved(DRAFT, 9, +1) is None
    assert layout.moved(DRAFT, 0, +1) is None  # the title is not a paragraph


def test_split_subparagraphs_only_splits_an_ordered_run_after_a_colon():
    text = "Decides to: (a) Convene a panel; (b) Request a report; and (c) Remain seized."
    assert layout.split_subparagraphs(text) == [
        "Decides to:", "(a) Convene a panel;", "(b) Request a report; and", "(c) Remain seized."]
    quoted = "Recalls paragraph 3 (a) of its resolution 6/17,"
    assert layout.split_subparagraphs(quoted) == [quoted]
    assert layout.split_subparagraphs("Decides to: (a) Act;") == ["Decides to:", "(a) Act;"]


def test_paragraph_text_leaves_out_numbers_and_labels():
    lines = layout.classify(DRAFT)
    assert layout.paragraph_text(DRAFT[5], lines[5]) == "Requests the Secretary-General to report;"
    assert layout.paragraph_text(DRAFT[7], lines[7]) == "Convene a panel;"
    assert layout.paragraph_text(DRAFT[3], lines[3]) == DRAFT[3]
