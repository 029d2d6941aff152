"""The precedent panel in the running window: typing finds precedents, keys use them, undo restores."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import open_window

pytestmark = pytest.mark.timeout(60)


def _type(qtbot, window, text: str) -> None:
    qtbot.keyClicks(window.editor, text)


def _wait_for_hits(qtbot, window, query: str) -> list:
    qtbot.waitUntil(lambda: bool(window.panel.hits) and window.panel.current_text == query, timeout=10_000)
    return window.panel.hits


def _sample_paragraphs(resolutions, count=6):
    """Return (resolution, paragraph) pairs spread over every seed and both parts."""
    picked = []
    for resolution in resolutions:
        for part in (resolution.preambular, resolution.operative):
            long_enough = [p for p in part if len(p.text.split()) >= 14]
            if long_enough:
                picked.append((resolution, long_enough[len(long_enough) // 2]))
    return picked[:: max(1, len(picked) // count)][:count]


def test_typing_ten_words_brings_the_paragraph_to_the_top(qtbot, window, seed_resolutions):
    for resolution, paragraph in _sample_paragraphs(seed_resolutions):
        window.editor.clear()
        words = " ".join(paragraph.text.split()[:10])
        _type(qtbot, window, words)
        hits = _wait_for_hits(qtbot, window, words)
        # The top hit continues what was typed (several resolutions may share an opening: then the
        # newest leads) and the seed paragraph itself is among the hits shown.
        assert " ".join(hits[0].text.split()[:10]) == words
        sources = [(s["symbol"], s["kind"], s["number"]) for hit in hits for s in hit.sources()]
        number = (paragraph.number if paragraph.kind == "operative"
                  else resolution.preambular.index(paragraph) + 1)
        assert (resolution.symbol, paragraph.kind, number) in sources, words
        assert hits[0].symbol in window.panel.browser.toPlainText()


def test_ctrl_1_replaces_the_paragraph_and_undo_restores_it(qtbot, window, seed_resolutions):
    paragraph = seed_resolutions[0].operative[3]
    typed = "1. " + " ".join(paragraph.text.split()[:8])
    _type(qtbot, window, typed)
    hits = _wait_for_hits(qtbot, window, typed[3:])
    window.activateWindow()
    qtbot.keyClick(window.editor, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.toPlainText() == "1. " + hits[0].text
    assert window.files.draft.provenance[-1].symbol == hits[0].symbol
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.toPlainText() == typed


def test_insert_below_adds_a_numbered_operative_paragraph(qtbot, window, seed_resolutions):
    window.editor.setPlainText("1. Requests the Secretary-General to report;\n2. Decides to remain seized.")
    window.editor.go_to_block(0)
    operative = next(p for p in seed_resolutions[1].operative if len(p.text) > 60)
    query = " ".join(operative.text.split()[:10])
    window.editor.replace_paragraph(0, query)
    hits = _wait_for_hits(qtbot, window, query)
    window.panel.select(next(i for i, h in enumerate(hits) if h.kind == "operative"))
    chosen = window.panel.selected_hit()
    assert window.insert_selected()
    lines = window.editor.toPlainText().split("\n")
    assert lines[1] == "2. " + chosen.text
    assert lines[2].startswith("3. Decides")
    window.editor.undo_step()
    assert window.editor.toPlainText().split("\n")[1].startswith("2. Decides")


def test_filters_reach_the_search(qtbot, window, seed_resolutions):
    paragraph = seed_resolutions[0].operative[0]
    words = " ".join(paragraph.text.split()[:10])
    _type(qtbot, window, words)
    _wait_for_hits(qtbot, window, words)
    window.panel.kind.setCurrentText("Preambular")
    qtbot.waitUntil(lambda: bool(window.panel.hits) and all(h.kind == "preambular" for h in window.panel.hits),
                    timeout=10_000)
    window.panel.consensus.setChecked(True)
    qtbot.waitUntil(lambda: bool(window.panel.hits) and all(h.adoption.badge() == "consensus"
                                                      for h in window.panel.hits), timeout=10_000)


def test_history_tab_shows_the_lineage_of_the_selected_hit(qtbot, window, seed_resolutions):
    paragraph = seed_resolutions[3].operative[-2]
    words = " ".join(paragraph.text.split()[:10])
    _type(qtbot, window, words)
    top = _wait_for_hits(qtbot, window, words)[0]
    window.show_history_tab()
    qtbot.waitUntil(lambda: "History of" in window.panel.history.toPlainText(), timeout=10_000)
    shown = window.panel.history.toPlainText()
    assert top.symbol in shown
    assert len({s["symbol"] for s in top.sources()} & {r.symbol for r in seed_resolutions if r.symbol in shown}) >= 1


class SlowIndex:
    """A test double: answers after a delay and records how many searches overlap."""

    def __init__(self, delay: float = 0.03):
        self.delay, self.queries, self.running, self.most_at_once = delay, [], 0, 0
        self.filters = []

    def search(self, query, limit=5, **filters):
        import time

        from penholder.model import Adoption

        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        self.queries.append(query)
        self.filters.append(filters)
        time.sleep(self.delay)
        self.running -= 1
        from types import SimpleNamespace

        return [SimpleNamespace(symbol="X/RES/1", body="GA", year=2020, kind="preambular", number=1, lead="",
                                text=query, score=100.0, adoption=Adoption(), also=[], reason="",
                                sources=list)]


def test_the_panel_keeps_up_with_fast_typing(qtbot):
    index = SlowIndex()
    window = open_window(qtbot, index, debounce_ms=0)
    text = "Recalling all previous resolutions on the right to development and cooperation"
    for char in text:
        qtbot.keyClicks(window.editor, char)
        qtbot.wait(2)
    qtbot.waitUntil(lambda: window.panel.current_text == text and not window.dispatcher.busy(), timeout=10_000)
    assert index.most_at_once == 1
    assert len(index.queries) < len(text) / 2, "searches queued behind the typing"
    assert index.queries[-1] == text


def test_the_previous_paragraphs_precedent_is_passed_as_context(qtbot):
    index = SlowIndex(delay=0)
    window = open_window(qtbot, index, debounce_ms=0)
    qtbot.keyClicks(window.editor, "Recalling its resolution 6/17,")
    qtbot.waitUntil(lambda: window.panel.current_text == "Recalling its resolution 6/17,", timeout=5000)
    first_top = window.panel.hits[0]
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "Noting with concern")
    qtbot.waitUntil(lambda: window.panel.current_text == "Noting with concern", timeout=5000)
    assert index.filters[-1].get("previous") is first_top


def _point_in_card(browser, card: int):
    from PySide6.QtGui import QTextCursor

    frame = browser.document().rootFrame().childFrames()[card]
    cursor = QTextCursor(browser.document())
    cursor.setPosition(frame.firstPosition() + 2)
    return browser.cursorRect(cursor).center()


def test_clicking_a_card_selects_it_and_double_clicking_opens_it(qtbot):
    window = open_window(qtbot, SlowIndex(delay=0))
    window.panel.show_hits(SlowIndex(delay=0).search("first") + SlowIndex(delay=0).search("second"), "x")
    browser = window.panel.browser
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=_point_in_card(browser, 1))
    assert window.panel.selected == 1
    with qtbot.waitSignal(window.panel.open_requested, timeout=2000) as opened:
        qtbot.mouseDClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=_point_in_card(browser, 1))
    assert opened.args[0].text == "second"
