"""Live checks leave the ending of the paragraph being typed alone until the drafter leaves it or pauses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.ui.conftest import open_checked_window

pytestmark = pytest.mark.timeout(60)

HEAD = "A title\nThe Human Rights Council,\n\n"


def listed(window) -> set[str]:
    return {problem.code for problem, _cursor in window.checks.listed}


def type_at_end(qtbot, window, keys: str) -> None:
    """Put the cursor at the end of the text and type ``keys``, then wait for the check after the pause."""
    editor = window.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(window.checks.checked, timeout=20_000):
        qtbot.keyClicks(editor, keys)


def test_the_comma_is_not_asked_for_while_the_paragraph_is_typed(qtbot):
    window = open_checked_window(qtbot, HEAD)
    type_at_end(qtbot, window, "Recalling its resolution 6/17 of 28 September 2007")
    assert "PP-ENDING" in {p.code for p in window.checks.found}  # found, and waiting
    assert "PP-ENDING" not in listed(window)
    assert not window.editor.extraSelections()
    with qtbot.waitSignal(window.checks.checked, timeout=20_000):
        qtbot.keyClick(window.editor, Qt.Key.Key_Return)  # leaves it for the next paragraph
    assert "PP-ENDING" in listed(window)
    assert any(p.code == "PP-ENDING" for p in window.problems.problems())


def test_other_problems_of_the_paragraph_show_at_once(qtbot):
    window = open_checked_window(qtbot, HEAD)
    type_at_end(qtbot, window, "Recalling  its resolution 6/17")
    assert "TYPO-SPACES" in listed(window) and "PP-ENDING" not in listed(window)


def test_a_long_pause_shows_the_ending_too(qtbot):
    from penholder.ui.live_checks import TYPING_PAUSE_MS

    window = open_checked_window(qtbot, HEAD)
    type_at_end(qtbot, window, "Recalling its resolution 6/17 of 28 September 2007")
    assert "PP-ENDING" not in listed(window)
    assert window.checks.pause.isActive() and window.checks.pause.interval() == TYPING_PAUSE_MS == 3000
    qtbot.waitUntil(lambda: "PP-ENDING" in listed(window), timeout=20_000)  # no key: the pause ends
    assert window.checks.typing_line is None
    assert window.editor.current_block_number() == 3  # the cursor never left


def test_moving_away_with_the_arrows_shows_it(qtbot):
    window = open_checked_window(qtbot, HEAD)
    type_at_end(qtbot, window, "Recalling the Charter")
    assert "PP-ENDING" not in listed(window)
    qtbot.keyClick(window.editor, Qt.Key.Key_Up)  # the text is already checked: shown at once
    assert "PP-ENDING" in listed(window)


def test_the_last_and_lone_operative_paragraph_waits_for_the_next_one(qtbot):
    window = open_checked_window(qtbot, HEAD + "Recalling the Charter,\n\n")
    type_at_end(qtbot, window, "1. Decides to remain seized of the matter;")
    assert {"OP-LONE", "OP-ENDING"} <= {p.code for p in window.checks.found}
    assert not {"OP-LONE", "OP-ENDING"} & listed(window)
    with qtbot.waitSignal(window.checks.checked, timeout=20_000):
        qtbot.keyClick(window.editor, Qt.Key.Key_Return)  # a new paragraph is begun below it
    assert not {"OP-LONE", "OP-ENDING"} & listed(window)
    with qtbot.waitSignal(window.checks.checked, timeout=20_000):
        qtbot.keyClicks(window.editor, "2. Requests the Secretary-General to report.")
    assert not {"OP-LONE", "OP-ENDING"} & listed(window)  # now two, the first rightly with ";"
    with qtbot.waitSignal(window.checks.checked, timeout=20_000):
        for _ in range(len("2. Requests the Secretary-General to report.")):
            qtbot.keyClick(window.editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(window.editor, Qt.Key.Key_Up)
    qtbot.keyClick(window.editor, Qt.Key.Key_Up)  # the drafter goes back up: OP 1 is the lone, last one
    qtbot.waitUntil(lambda: {"OP-LONE", "OP-ENDING"} <= listed(window), timeout=20_000)


def test_a_program_edit_is_not_typing(qtbot):
    window = open_checked_window(qtbot, HEAD + "Recalling the Charter")
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    assert "PP-ENDING" in listed(window)  # opened, not typed: flagged where the cursor is
