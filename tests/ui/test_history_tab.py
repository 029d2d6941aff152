"""The History tab gives way to the Precedents tab when the cursor moves to another paragraph; Ctrl+H
toggles between them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

pytestmark = pytest.mark.timeout(60)


def showing(window) -> str:
    return "history" if window.panel.tabs.currentWidget() is window.panel.history else "precedents"


def ctrl_h(qtbot, window) -> None:
    qtbot.keyClick(window.editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture
def drafting(qtbot, window, seed_resolutions):
    """A window over the seeds with two preambular paragraphs of a seed, the cursor in the first."""
    texts = [p.text for p in seed_resolutions[3].preambular[:2]]
    window.editor.setPlainText("\n\n".join(texts))
    window.editor.go_to_block(0)
    qtbot.waitUntil(lambda: bool(window.panel.hits), timeout=10_000)
    return window


def test_ctrl_h_toggles_between_history_and_precedents(qtbot, drafting):
    assert showing(drafting) == "precedents"
    ctrl_h(qtbot, drafting)
    assert showing(drafting) == "history" and drafting.history_action.isChecked()
    qtbot.waitUntil(lambda: "History of" in drafting.panel.history.toPlainText(), timeout=10_000)
    ctrl_h(qtbot, drafting)
    assert showing(drafting) == "precedents" and not drafting.history_action.isChecked()
    ctrl_h(qtbot, drafting)
    assert showing(drafting) == "history"


def test_moving_to_another_paragraph_brings_the_precedents_back(qtbot, drafting):
    ctrl_h(qtbot, drafting)
    assert showing(drafting) == "history"
    drafting.editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)  # within the same paragraph
    qtbot.keyClick(drafting.editor, Qt.Key.Key_Left)
    assert showing(drafting) == "history"
    qtbot.keyClick(drafting.editor, Qt.Key.Key_Down)  # the blank line between: still no other paragraph
    qtbot.keyClick(drafting.editor, Qt.Key.Key_End)
    assert drafting.editor.current_block_number() == 1 and showing(drafting) == "history"
    qtbot.keyClick(drafting.editor, Qt.Key.Key_Down)
    assert drafting.editor.current_block_number() == 2
    assert showing(drafting) == "precedents"


def test_clicking_the_history_tab_then_moving_away_also_gives_way(qtbot, drafting):
    drafting.panel.tabs.setCurrentWidget(drafting.panel.history)  # as a click on the tab does
    drafting.editor.go_to_block(2)
    assert showing(drafting) == "precedents"
