"""The editor leaves space after each paragraph (as in the UN layout) without changing the text: wrapped
lines of one paragraph stay close, clicks land on the line under the mouse, and scrolling reaches the end."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from penholder.ui.editor import PARAGRAPH_SPACE_PT, DraftEditor

pytestmark = pytest.mark.timeout(60)

LONG = ("Recalling its resolution 6/17 of 28 September 2007 on the establishment of funds for the universal "
        "periodic review mechanism of the Human Rights Council, and its resolutions 16/21 of 25 March 2011,")
TEXT = "\n".join([LONG, "Recalling also the Charter of the United Nations,", "", "1. Decides to act."])


@pytest.fixture
def editor(qtbot):
    editor = DraftEditor()
    qtbot.addWidget(editor)
    editor.resize(480, 300)
    editor.setPlainText(TEXT)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def line_top(editor, block: int, offset: int = 0) -> int:
    cursor = QTextCursor(editor.document().findBlockByNumber(block))
    cursor.movePosition(QTextCursor.MoveOperation.Right, n=offset)
    return editor.cursorRect(cursor).top()


def test_space_after_each_paragraph_but_not_between_its_wrapped_lines(editor):
    space = PARAGRAPH_SPACE_PT * editor.logicalDpiY() / 72
    line = editor.fontMetrics().lineSpacing()
    first = editor.document().firstBlock().layout()
    assert first.lineCount() >= 2  # the long paragraph wraps
    wrapped_gap = line_top(editor, 0, first.lineAt(1).textStart()) - line_top(editor, 0)
    last_line_top = line_top(editor, 0, first.lineAt(first.lineCount() - 1).textStart())
    paragraph_gap = line_top(editor, 1) - last_line_top
    assert wrapped_gap <= line + 1
    assert paragraph_gap >= wrapped_gap + space - 1
    assert editor.toPlainText() == TEXT and not editor.document().isUndoAvailable()  # nothing stored


def test_a_click_lands_on_the_line_under_the_mouse(qtbot, editor):
    from PySide6.QtCore import Qt

    for block in (1, 3):
        rect = editor.cursorRect(QTextCursor(editor.document().findBlockByNumber(block)))
        qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert editor.textCursor().blockNumber() == block


def test_the_end_of_a_long_draft_can_be_scrolled_to(qtbot, editor):
    editor.setPlainText("\n".join(f"Recalling its resolution {n}/1," for n in range(1, 80)))
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.ensureCursorVisible()
    qtbot.wait(20)
    assert editor.viewport().rect().contains(editor.cursorRect())
    editor.verticalScrollBar().setValue(editor.verticalScrollBar().maximum())
    last = editor.blockBoundingGeometry(editor.document().lastBlock()).translated(editor.contentOffset())
    assert last.bottom() <= editor.viewport().height() + 1
