"""Export (DOCX and redline) says in the status bar, without a dialog, how many style errors are open."""

from __future__ import annotations

import pytest

from tests.ui.conftest import open_window

pytestmark = pytest.mark.timeout(60)

CLEAN = ("A title\nThe Human Rights Council,\n\nRecalling the Charter of the United Nations,\n\n"
         "1. Requests the Secretary-General to report;\n2. Decides to remain seized of the matter.")
# The same draft with two errors: the preambular comma and the last operative full stop are missing.
TWO_ERRORS = CLEAN.replace("Nations,", "Nations").replace("matter.", "matter")


def export(qtbot, window, target, action_text: str) -> list:
    errors: list = []
    window.files.show_error = errors.append
    window.files.ask_save_path = lambda *_args: str(target)
    window.files.ask_precedent = lambda symbols: symbols[0]
    exports = len(window.files.exports)
    next(a for a in window.actions() if a.text().replace("&", "") == action_text).trigger()
    assert len(window.files.exports) == exports + 1
    qtbot.waitUntil(lambda: "Wrote" in window.statusBar().currentMessage() or bool(errors), timeout=30_000)
    return errors


@pytest.mark.parametrize("draft, note", [(TWO_ERRORS, "2 style errors still open"),
                                         (CLEAN, "no style errors open")])
def test_docx_export_counts_the_open_errors(qtbot, tmp_path, draft, note):
    from penholder.checks import Checker

    window = open_window(qtbot)
    window.editor.setPlainText(draft)
    expected = sum(p.severity == "error" for p in Checker().check_draft(draft))
    assert expected == (2 if draft is TWO_ERRORS else 0)
    target = tmp_path / "draft.docx"
    assert export(qtbot, window, target, "Export to DOCX …") == []  # no dialog
    assert target.exists()
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Wrote {target}") and note in message


def test_redline_export_counts_the_open_errors(qtbot, tmp_path, seed_index):
    window = open_window(qtbot, seed_index)
    window.editor.setPlainText(TWO_ERRORS)
    target = tmp_path / "redline.docx"
    assert export(qtbot, window, target, "Export Redline against Precedent …") == []
    assert target.exists()
    assert "2 style errors still open" in window.statusBar().currentMessage()


def test_a_failed_count_does_not_fail_the_export(qtbot, tmp_path):
    class Broken:
        def check_draft(self, _text):
            raise RuntimeError("checker broke")

    window = open_window(qtbot)
    window.editor.setPlainText(TWO_ERRORS)
    window.checks.checker = Broken()
    target = tmp_path / "draft.docx"
    assert export(qtbot, window, target, "Export to DOCX …") == []
    assert target.exists() and window.statusBar().currentMessage() == f"Wrote {target}"
