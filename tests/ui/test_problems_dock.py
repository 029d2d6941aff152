"""The Problems dock: lists the live checks' problems, jumps to them, fixes them."""

from __future__ import annotations

import pytest

from tests.ui.conftest import open_checked_window

pytestmark = pytest.mark.timeout(60)

DRAFT = ("A title\nThe Human Rights Council,\n\nRecalling its resolution 6/17 of 28 September 2007\n\n"
         "Bananas are good,\n\n1. Requests  the Secretary-General to report;\n2. Decides to remain seized of the matter.")


@pytest.fixture
def checked(qtbot):
    """A window whose draft has been checked by the plain house rules."""
    return open_checked_window(qtbot, DRAFT)


def _row(window, code):
    tree = window.problems.tree
    return next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if window.problems.problems()[i].code == code)


def test_the_dock_lists_every_problem_of_the_last_check(checked):
    listed = checked.problems.problems()
    assert {p.code for p in listed} == {p.code for p, _c in checked.checks.listed}
    assert len(listed) == len(checked.checks.listed) >= 2
    severities = [p.severity for p in listed]
    order = {"error": 0, "warning": 1, "info": 2}
    assert [order[s] for s in severities] == sorted(order[s] for s in severities)  # most severe first
    row = _row(checked, "TYPO-SPACES")
    assert row.text(1) == "OP 1" and "single space" in row.text(2)
    assert str(len(listed)) in checked.problems.summary.text() or "error" in checked.problems.summary.text()
    assert checked.problems_dock.isVisible()


def test_clicking_a_problem_puts_the_cursor_on_it(qtbot, checked):
    from PySide6.QtCore import Qt

    tree = checked.problems.tree
    row = _row(checked, "TYPO-SPACES")
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(row).center())
    cursor = checked.editor.textCursor()
    assert cursor.selectionStart() == DRAFT.index("  ")
    assert cursor.selectedText() == "  "


def test_the_fix_button_fixes_the_selected_problem_as_one_undo_step(qtbot, checked):
    problems = checked.problems
    problems.tree.setCurrentItem(_row(checked, "TYPO-SPACES"))
    assert problems.fix_button.isEnabled()
    with qtbot.waitSignal(checked.checks.checked, timeout=20_000):
        problems.fix_button.click()
    assert "1. Requests the Secretary-General" in checked.editor.toPlainText()
    assert "TYPO-SPACES" not in {p.code for p in problems.problems()}
    checked.editor.undo_step()
    assert checked.editor.toPlainText() == DRAFT


def test_a_problem_without_a_fix_offers_none(checked):
    problems = checked.problems
    unfixable = [i for i, p in enumerate(problems.problems()) if p.fix is None]
    assert [problems.problems()[i].code for i in unfixable] == ["PP-OPENER"]
    item = problems.tree.topLevelItem(unfixable[0])
    problems.tree.setCurrentItem(item)
    assert not problems.fix_button.isEnabled()
    assert not problems.fix_selected()
    assert checked.editor.toPlainText() == DRAFT
    assert not any(a.text().startswith("Fix") for a in problems.context_menu(item).actions())


def test_the_context_menu_fixes_the_missing_comma(checked):
    problems = checked.problems
    item = _row(checked, "PP-ENDING")
    problems.tree.setCurrentItem(item)
    [fix] = [a for a in problems.context_menu(item).actions() if a.text().startswith("Fix")]
    fix.trigger()
    assert "28 September 2007,\n" in checked.editor.toPlainText()


def test_the_list_follows_the_next_check(qtbot, checked):
    editor = checked.editor
    with qtbot.waitSignal(checked.checks.checked, timeout=20_000):
        editor.setPlainText(DRAFT.replace("  ", " ").replace("2007\n", "2007,\n"))
        checked.checks.check()
    codes = {p.code for p in checked.problems.problems()}
    assert "TYPO-SPACES" not in codes and "PP-ENDING" not in codes
    with qtbot.waitSignal(checked.checks.checked, timeout=20_000):
        editor.setPlainText("")
        checked.checks.check()
    assert checked.problems.problems() == []
    assert checked.problems.summary.text() == "No style problems"


def test_f8_walks_through_the_problems(checked):
    listed = checked.problems.problems()
    first = checked.problems.tree.topLevelItem(0)
    assert checked.problems.next_problem(1)
    assert checked.problems.tree.currentItem() is first
    if listed[0].start is not None:
        assert checked.editor.textCursor().selectionStart() <= listed[0].start + 1
    assert checked.problems.next_problem(-1)
    assert checked.problems.tree.currentItem() is checked.problems.tree.topLevelItem(len(listed) - 1)


def test_typing_updates_the_list_without_asking(qtbot, checked):
    editor = checked.editor
    cursor = editor.textCursor()
    cursor.setPosition(DRAFT.index("Secretary-General"))
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "  ")  # a second run of spaces in the same paragraph
    qtbot.waitUntil(lambda: sum(p.code == "TYPO-SPACES" for p in checked.problems.problems()) == 2,
                    timeout=20_000)
    text = editor.toPlainText()
    spans = [text[p.start:p.end] for p in checked.problems.problems() if p.code == "TYPO-SPACES"]
    assert spans == ["  ", "   "]


def test_the_editor_context_menu_leads_with_the_fix_at_the_mouse(checked):
    commas = checked.checks.context_menu_at(DRAFT.index("2007\n") + 4).actions()
    assert commas[0].text() == "Fix: Insert “,”" and commas[1].isSeparator()
    plain = checked.checks.context_menu_at(DRAFT.index("A title") + 2).actions()
    assert not any(action.text().startswith("Fix") for action in plain)
    assert len(plain) == len(commas) - 2  # the editor's own actions stay
    commas[0].trigger()
    assert "28 September 2007,\n" in checked.editor.toPlainText()
