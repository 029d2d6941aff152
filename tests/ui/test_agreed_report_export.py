"""File ▸ Export Agreed-Language Report: written in the background, summarised in the status bar, and a
failure shown as its one-line message."""

from __future__ import annotations

import pytest

from tests.ui.conftest import open_window

pytestmark = pytest.mark.timeout(60)

MENU_TEXT = "Export A&greed-Language Report …"


def _action(window, text: str):
    return next(a for a in window.findChildren(type(window.menuBar().actions()[0])) if a.text() == text)


def _edited_draft(seed_resolutions, count: int = 3) -> tuple[str, list[str]]:
    """Return the editor text of the seed with the most operative paragraphs, with ``count`` paragraphs
    reworded (a word added in the middle), and the reworded paragraphs."""
    from penholder.drafts.layout import draft_text

    seed = max(seed_resolutions, key=lambda r: len(r.operative))
    text = draft_text(seed)
    plain = [p for p in seed.paragraphs if not p.subparagraphs and text.count(p.text) == 1
             and len(p.text.split()) > 8]
    chosen = plain[:: max(1, len(plain) // count)][:count]
    edited = []
    for paragraph in chosen:
        words = paragraph.text.split(" ")
        middle = len(words) // 2
        new = " ".join(words[:middle] + ["expressly"] + words[middle:])
        text = text.replace(paragraph.text, new, 1)
        edited.append(new)
    return text, edited


def test_the_report_marks_exactly_the_edited_paragraphs(qtbot, tmp_path, seed_index, seed_resolutions):
    import docx

    window = open_window(qtbot, seed_index)
    text, edited = _edited_draft(seed_resolutions)
    window.editor.setPlainText(text)
    target = tmp_path / "agreed.docx"
    window.files.ask_save_path = lambda *_args: str(target)
    errors = []
    window.files.show_error = errors.append
    _action(window, MENU_TEXT).trigger()
    qtbot.waitUntil(lambda: "Wrote agreed.docx" in window.statusBar().currentMessage() or bool(errors),
                    timeout=30_000)
    assert not errors
    message = window.statusBar().currentMessage()
    assert f"{len(edited)} changed" in message and "0 without precedent" in message
    [table] = docx.Document(str(target)).tables
    paragraphs = window.files.resolution().paragraphs
    assert len(table.rows) == len(paragraphs) + 1  # a header row, then one row per paragraph
    body = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    not_agreed = [row[0] for row in body if row[3] != "100%"]
    reworded = [row[0] for row in body if "expressly" in row[1]]
    assert not_agreed == reworded and len(reworded) == len(edited)


def test_a_report_that_cannot_be_written_shows_one_line(qtbot, tmp_path, seed_index, seed_resolutions):
    window = open_window(qtbot, seed_index)
    window.editor.setPlainText(_edited_draft(seed_resolutions, 1)[0])
    window.files.ask_save_path = lambda *_args: str(tmp_path / "missing" / "agreed.docx")
    errors = []
    window.files.show_error = errors.append
    _action(window, MENU_TEXT).trigger()
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    assert "\n" not in errors[0] and "missing" in errors[0]
    assert window.statusBar().currentMessage() == "Agreed-language report not written"


def test_no_report_before_the_library_is_loaded(qtbot, tmp_path):
    window = open_window(qtbot)  # no index
    window.editor.setPlainText("A title\nThe Human Rights Council,\n\nRecalling its resolution,\n\n1. Decides;")
    asked, errors = [], []
    window.files.ask_save_path = lambda *args: asked.append(args) or str(tmp_path / "r.docx")
    window.files.show_error = errors.append
    _action(window, MENU_TEXT).trigger()
    assert errors and "loading" in errors[0] and not asked


def test_cancelling_the_file_dialog_writes_nothing(qtbot, tmp_path, seed_index, seed_resolutions):
    window = open_window(qtbot, seed_index)
    window.editor.setPlainText(_edited_draft(seed_resolutions, 1)[0])
    window.files.ask_save_path = lambda *_args: ""
    exports = len(window.files.exports)
    _action(window, MENU_TEXT).trigger()
    assert len(window.files.exports) == exports and not list(tmp_path.iterdir())
