"""Tab completion in the editor: openers and verbs at a paragraph's start, the library's continuations
after an opener, the popup's keys, and Tab left alone where nothing is offered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import open_window

pytestmark = pytest.mark.timeout(60)

HEAD = "A title\nThe Human Rights Council,\n\n"


@pytest.fixture(scope="module")
def completer(seed_resolutions):
    """A completer over the seeds."""
    from penholder import completion
    return completion.Completer.from_resolutions(seed_resolutions)


@pytest.fixture
def window(qtbot, completer):
    """A window completing from the seeds, with the cursor at the end of a title and organ line."""
    window = open_window(qtbot)
    window.completion.set_completer(completer)
    window.editor.setPlainText(HEAD)
    _to_end(window.editor)
    return window


def _to_end(editor):
    from PySide6.QtGui import QTextCursor

    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)


def _rows(window):
    popup = window.completion.popup
    return [popup.item(i).text() for i in range(popup.count())]


def test_tab_at_a_paragraph_start_offers_openers_ranked_by_the_library(qtbot, window, completer):
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    popup = window.completion.popup
    assert popup.isVisible() and popup.currentRow() == 0
    rows = _rows(window)
    assert len(rows) >= 2 and rows == [s.text for s in completer.complete("", None, limit=len(rows))]
    counts = [completer.count(row, "preambular") + completer.count(row, "operative") for row in rows[:2]]
    assert counts[0] >= counts[1] > 0
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert window.editor.toPlainText() == HEAD + rows[0]
    assert "\t" not in window.editor.toPlainText()


def test_after_an_opener_the_library_continuations_are_offered(qtbot, window, seed_resolutions):
    from collections import Counter

    qtbot.keyClicks(window.editor, "Recalling")
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    rows = _rows(window)
    assert len(rows) >= 2
    assert all(row.startswith("Recalling ") for row in rows)
    # counted here from the seeds themselves: the word that follows "Recalling" in their paragraphs
    following = Counter(p.text.split()[1] for r in seed_resolutions for p in r.paragraphs
                        if p.text.split()[:1] == ["Recalling"] and len(p.text.split()) > 1)
    offered = [row.split()[1] for row in rows]
    assert offered[0] == following.most_common(1)[0][0]
    assert [following[word] for word in offered] == sorted((following[w] for w in offered), reverse=True)
    qtbot.keyClick(window.editor, Qt.Key.Key_Down)
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)  # Tab accepts the selected row too
    assert window.editor.toPlainText() == HEAD + rows[1]
    window.editor.undo_step()
    assert window.editor.toPlainText() == HEAD + "Recalling"


def test_a_partial_verb_on_a_numbered_line_completes_to_operative_verbs(qtbot, window):
    window.editor.setPlainText(HEAD + "Recalling its resolutions,\n\n1. Req")
    _to_end(window.editor)
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    rows = _rows(window)
    assert window.completion.popup.isVisible() and rows[0] == "1. Requests"
    assert all(row.startswith("1. Requests") for row in rows)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    assert window.editor.toPlainText() == HEAD + "Recalling its resolutions,\n\n1. Requests"


def test_typing_narrows_the_list_and_esc_closes_it(qtbot, window):
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    before = _rows(window)
    qtbot.keyClicks(window.editor, "Rec")
    rows = _rows(window)
    assert window.completion.popup.isVisible() and rows != before
    assert all(row.startswith("Rec") for row in rows)
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert not window.completion.popup.isVisible()
    assert window.editor.toPlainText() == HEAD + "Rec"


def test_ctrl_space_shows_even_a_lone_suggestion_without_inserting_it(qtbot, window, completer):
    window.editor.setPlainText(HEAD + "Deeply concerned")
    _to_end(window.editor)
    offered = completer.complete("Deeply concerned", None, limit=8)
    assert offered  # the seeds go on after it in more than one way
    qtbot.keyClick(window.editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.toPlainText() == HEAD + "Deeply concerned"
    assert window.completion.popup.isVisible()
    assert _rows(window) == [s.text for s in offered]


def test_tab_where_nothing_is_offered_is_a_tab(qtbot, window):
    window.editor.setPlainText(HEAD + "Recalling its resolution,\n\n1. Requests the Council to act:\n(a) On")
    _to_end(window.editor)
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)  # sub-paragraphs are not completed
    assert not window.completion.popup.isVisible()
    assert window.editor.toPlainText().endswith("(a) On\t")


def test_without_a_completer_tab_is_a_tab(qtbot):
    window = open_window(qtbot)
    qtbot.keyClicks(window.editor, "Recalling")
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert window.editor.toPlainText() == "Recalling\t"


def test_clicking_a_suggestion_inserts_it(qtbot, window):
    qtbot.keyClicks(window.editor, "Recalling")
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    popup = window.completion.popup
    rows = _rows(window)
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton,
                     pos=popup.visualItemRect(popup.item(1)).center())
    assert window.editor.toPlainText() == HEAD + rows[1]
    assert not popup.isVisible()


def test_the_completer_is_built_from_the_library_in_the_background(qtbot, seed_resolutions):

    from penholder.settings import Settings
    from penholder.ui.main_window import MainWindow

    window = MainWindow(Settings(), load_library=True)
    qtbot.addWidget(window)
    window.files.ask_unsaved = lambda: "discard"
    window.show()
    assert window.completion.completer is None  # the window is up first
    qtbot.waitUntil(lambda: window.completion.completer is not None, timeout=30_000)
    assert len(window.completion.completer) == sum(len(r.paragraphs) for r in seed_resolutions)
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "Recalling")
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert window.completion.popup.isVisible() and _rows(window)[0].startswith("Recalling ")
