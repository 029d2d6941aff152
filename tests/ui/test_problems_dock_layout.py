"""The Problems dock at its default size: six rows and more at a glance, long messages wrapped whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from tests.ui.conftest import open_checked_window

pytestmark = pytest.mark.timeout(60)

HEAD = "A title\nThe Human Rights Council,\n\n"
# Ten one-line problems (no comma at the end of each preambular paragraph).
SHORT = HEAD + "\n\n".join(f"Recalling its resolution {n}/1" for n in range(1, 11))
LONG_MESSAGE = ("1. Decides to act;\n2. Requests the Secretary-General to report;\n"
                "3. Decides to remain seized of the matter;")  # the last one: a long two-clause message


def fully_shown_rows(window) -> int:
    tree = window.problems.tree
    viewport = tree.viewport().rect()
    return sum(viewport.contains(tree.visualItemRect(tree.topLevelItem(i)))
               for i in range(tree.topLevelItemCount()))


def clipped_messages(window) -> list[str]:
    """Return the messages whose wrapped text is taller than the room their row gives them, measured with
    the rectangle and margins the style paints the text in."""
    tree = window.problems.tree
    style = tree.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
    clipped = []
    for i in range(tree.topLevelItemCount()):
        index = tree.model().index(i, 2)
        option = QStyleOptionViewItem()
        option.initFrom(tree)
        tree.itemDelegateForColumn(2).initStyleOption(option, index)
        option.rect = tree.visualRect(index)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, tree)
        needed = tree.fontMetrics().boundingRect(QRect(0, 0, text_rect.width() - 2 * margin, 10_000),
                                                 Qt.TextFlag.TextWordWrap, str(index.data())).height()
        if needed > text_rect.height():
            clipped.append(str(index.data()))
    return clipped


def settle(qtbot) -> None:
    qtbot.wait(50)


def test_the_default_dock_shows_at_least_six_problems(qtbot):
    window = open_checked_window(qtbot, SHORT)
    settle(qtbot)
    assert window.problems.tree.topLevelItemCount() >= 10
    assert fully_shown_rows(window) >= 6


def test_long_messages_wrap_instead_of_being_clipped(qtbot):
    window = open_checked_window(qtbot, SHORT + "\n\n" + LONG_MESSAGE)
    settle(qtbot)
    tree = window.problems.tree
    rows = [tree.visualItemRect(tree.topLevelItem(i)).height() for i in range(tree.topLevelItemCount())]
    assert max(rows) > min(rows)  # the long message took two lines at least
    assert clipped_messages(window) == []
    # A narrower dock (the precedent panel widened): messages wrap again to the new width.
    window.resizeDocks([window.panel_dock], [window.width() - 520], Qt.Orientation.Horizontal)
    settle(qtbot)
    assert tree.header().sectionSize(2) < 300
    assert clipped_messages(window) == []
    assert max(tree.visualItemRect(tree.topLevelItem(i)).height()
               for i in range(tree.topLevelItemCount())) > max(rows)
