"""The year filters go back to "any year" in one click: the field's clear button, the Any year button,
an emptied field or "any" typed; never snapping back to the year it showed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from penholder.ui.precedent_panel import PrecedentPanel

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def panel(qtbot):
    panel = PrecedentPanel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def clear_button(box) -> QToolButton:
    return next(button for button in box.lineEdit().findChildren(QToolButton) if button.isVisible())


def test_the_clear_button_of_a_year_field_means_any_year(qtbot, panel):
    assert not panel.year_from.lineEdit().isClearButtonEnabled()  # none over "from any year"
    panel.year_from.setValue(2015)
    qtbot.waitUntil(panel.year_from.lineEdit().isClearButtonEnabled, timeout=5_000)
    assert panel.search_options(5)["years"] == (2015, 2100)
    with qtbot.waitSignal(panel.filters_changed, timeout=5_000):
        qtbot.mouseClick(clear_button(panel.year_from), Qt.MouseButton.LeftButton)
    assert panel.year_from.is_any() and "years" not in panel.search_options(5)
    panel.year_from.interpretText()  # focus leaving the field does not bring the year back
    assert panel.year_from.is_any() and panel.year_from.text() == "from any year"
    qtbot.waitUntil(lambda: not panel.year_from.lineEdit().isClearButtonEnabled(), timeout=5_000)


def test_an_emptied_field_or_any_typed_is_any_year(qtbot, panel):
    box = panel.year_to
    box.setValue(2020)
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.is_any() and "years" not in panel.search_options(5)
    box.setValue(2020)
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "any")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.is_any()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "2003")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.value() == 2003 and panel.search_options(5)["years"] == (1945, 2003)


def test_the_any_year_button_clears_both_with_one_search(qtbot, panel):
    assert not panel.any_year.isEnabled()
    panel.year_from.setValue(2010)
    panel.year_to.setValue(2020)
    assert panel.any_year.isEnabled()
    searches = []
    panel.filters_changed.connect(lambda: searches.append(panel.search_options(5)))
    qtbot.mouseClick(panel.any_year, Qt.MouseButton.LeftButton)
    assert panel.year_from.is_any() and panel.year_to.is_any()
    assert len(searches) == 1 and "years" not in searches[0]
    assert not panel.any_year.isEnabled()


def test_the_window_searches_every_year_again(qtbot, window):
    window.editor.setPlainText("Recalling its resolution 6/17 of 28 September 2007,")
    window.panel.year_from.setValue(2020)
    assert dict(window.last_query[1])["years"] == (2020, 2100)
    qtbot.mouseClick(window.panel.any_year, Qt.MouseButton.LeftButton)
    assert "years" not in dict(window.last_query[1])
