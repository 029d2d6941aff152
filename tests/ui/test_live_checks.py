"""House-style checks in the editor: underlines, the status count, and the one-key fix."""

from __future__ import annotations

import pytest

from tests.ui.conftest import open_checked_window

pytestmark = pytest.mark.timeout(60)

DRAFT = ("A title\nThe Human Rights Council,\n\nRecalling its resolution 6/17 of 28 September 2007\n\n"
         "1. Requests  the Secretary-General to report;\n2. Decides to remain seized of the matter.")


@pytest.fixture
def checked(qtbot):
    """A window whose draft has been checked by the plain house rules."""
    return open_checked_window(qtbot, DRAFT)


def test_problems_are_underlined_and_counted(checked):
    problems = [problem for problem, _cursor in checked.checks.problems]
    assert {"PP-ENDING", "TYPO-SPACES"} <= {p.code for p in problems}
    assert len(checked.editor.extraSelections()) == len(problems)
    assert checked.problems_label.text() == f"{len(problems)} style problems"


def test_a_fix_applies_at_the_cursor_and_undo_restores(qtbot, checked):
    editor = checked.editor
    spaces = DRAFT.index("  ")
    cursor = editor.textCursor()
    cursor.setPosition(spaces + 1)
    editor.setTextCursor(cursor)
    with qtbot.waitSignal(checked.checks.checked, timeout=20_000):
        assert checked.checks.fix_at_cursor()
    assert "1. Requests the Secretary-General" in editor.toPlainText()
    assert "TYPO-SPACES" not in {p.code for p, _c in checked.checks.problems}
    editor.undo_step()
    assert editor.toPlainText() == DRAFT


def test_an_insertion_fix_adds_the_missing_comma(checked):
    editor = checked.editor
    end_of_preambular = DRAFT.index("2007") + 4
    cursor = editor.textCursor()
    cursor.setPosition(end_of_preambular)
    editor.setTextCursor(cursor)
    assert checked.checks.fix_at_cursor()
    assert "28 September 2007,\n" in editor.toPlainText()


def test_underlines_follow_the_text_when_it_changes(checked):
    cursor = next(c for p, c in checked.checks.problems if p.code == "TYPO-SPACES")
    before = cursor.selectionStart()
    edit = checked.editor.textCursor()
    edit.setPosition(0)
    edit.insertText("Draft: ")
    assert cursor.selectionStart() == before + len("Draft: ")


def test_hovering_an_underline_shows_its_message(checked):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent, QTextCursor
    from PySide6.QtWidgets import QApplication, QToolTip

    editor = checked.editor
    place = QTextCursor(editor.document())
    place.setPosition(DRAFT.index("  ") + 1)
    point = editor.cursorRect(place).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, editor.viewport().mapToGlobal(point))
    QApplication.sendEvent(editor.viewport(), event)
    assert "single space" in QToolTip.text() and "OP 1" in QToolTip.text()
