"""Drafts in the window: moving and renumbering, save/open with provenance, autosave and recovery,
export from the File menu, import, the close prompt and the file lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from penholder.drafts import list_recoveries, load_draft
from penholder.drafts.recovery import autosave_path
from penholder.ui.draft_files import ACTIVE_SESSIONS
from penholder.ui.precedent_panel import paragraph_label, short_symbol
from tests.ui.conftest import open_window

pytestmark = pytest.mark.timeout(60)

DRAFT = """Enhancement of international cooperation in the field of human rights
The Human Rights Council,

Recalling its earlier resolutions on the subject,

1. Reaffirms that dialogue among cultures is essential;
2. Requests the Secretary-General to report:
(a) On the implementation of the present resolution;
(b) On the work of the mechanisms;
3. Decides to remain seized of the matter."""


def _lines(window) -> list[str]:
    return window.editor.toPlainText().split("\n")


def _action(window, text: str):
    return next(a for a in window.actions() if a.text().replace("&", "") == text)


def test_moving_a_paragraph_keeps_operative_numbers_right_and_undo_restores(qtbot):
    window = open_window(qtbot)
    window.editor.setPlainText(DRAFT)
    window.editor.go_to_block(9)  # "3. Decides …"
    qtbot.keyClick(window.editor, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    operative = [line for line in _lines(window) if line[:1].isdigit()]
    assert operative == ["1. Reaffirms that dialogue among cultures is essential;",
                         "2. Decides to remain seized of the matter.",
                         "3. Requests the Secretary-General to report:"]
    assert _lines(window)[8:10] == ["(a) On the implementation of the present resolution;",
                                   "(b) On the work of the mechanisms;"]
    assert window.editor.textCursor().block().text().startswith("2. Decides")
    window.editor.undo_step()
    assert window.editor.toPlainText() == DRAFT


def test_deleting_a_paragraph_renumbers_after_the_typing_pause(qtbot):
    window = open_window(qtbot)
    window.editor.setPlainText(DRAFT)
    window.editor.go_to_block(5)
    cursor = window.editor.textCursor()
    cursor.select(cursor.SelectionType.BlockUnderCursor)
    cursor.removeSelectedText()
    window.editor.history_step = False
    qtbot.waitUntil(lambda: [x[:2] for x in _lines(window) if x[:1].isdigit()] == ["1.", "2."], timeout=5000)
    window.editor.undo_step()
    assert window.editor.toPlainText() == DRAFT


def test_outline_lists_paragraphs_and_jumps_to_them(qtbot):
    window = open_window(qtbot)
    window.editor.setPlainText(DRAFT)
    window.update_structure()
    labels = [window.outline.topLevelItem(i).text(0).split()[0] for i in range(window.outline.topLevelItemCount())]
    assert labels == ["PP1", "OP1", "OP2", "OP3"]
    assert window.outline.topLevelItem(2).childCount() == 2
    window.outline.paragraph_chosen.emit(9)
    assert window.editor.current_block_number() == 9


def test_save_then_open_keeps_text_and_provenance(qtbot, tmp_path, seed_index, seed_resolutions):
    window = open_window(qtbot, seed_index)
    paragraph = seed_resolutions[2].preambular[4]
    words = " ".join(paragraph.text.split()[:10])
    qtbot.keyClicks(window.editor, words)
    qtbot.waitUntil(lambda: bool(window.panel.hits) and window.panel.current_text == words, timeout=10_000)
    assert window.replace_with_hit(0)
    hit = window.panel.hits[0]
    target = tmp_path / "my draft"
    window.files.ask_save_path = lambda *_args: str(target)
    assert window.files.save()
    saved = tmp_path / "my draft.penholder"
    assert not window.isWindowModified() and saved.exists()
    assert load_draft(saved).provenance[-1].symbol == hit.symbol
    window.close()

    other = open_window(qtbot, seed_index)
    assert other.files.open_path(saved)
    assert other.editor.toPlainText() == hit.text
    found = other.files.draft.provenance_of(hit.text)
    assert (found.symbol, found.kind, found.number) == (hit.symbol, hit.kind, hit.number)
    label = f"← {short_symbol(hit.symbol)} {paragraph_label(hit.kind, hit.number)}"
    assert other.outline.topLevelItem(0).text(0).endswith(label)
    assert str(saved.resolve()) in other.settings.recent_files


def test_a_file_open_in_one_window_is_refused_by_another(qtbot, tmp_path):
    first = open_window(qtbot)
    first.files.ask_save_path = lambda *_args: str(tmp_path / "d.penholder")
    first.editor.setPlainText("1. Decides to remain seized of the matter.")
    assert first.files.save()
    second = open_window(qtbot)
    errors = []
    second.files.show_error = errors.append
    assert not second.files.open_path(tmp_path / "d.penholder")
    assert "already open" in errors[0]
    first.close()
    assert second.files.open_path(tmp_path / "d.penholder")


def test_autosave_is_offered_after_a_crash(qtbot):
    crashed = open_window(qtbot)
    qtbot.keyClicks(crashed.editor, "Recalling its resolution 6/17 of 28 September 2007,")
    assert crashed.files.autosave()
    assert autosave_path(crashed.session).exists()
    assert "Autosaved" in crashed.autosave_label.text()
    assert not crashed.files.autosave()  # nothing new since
    ACTIVE_SESSIONS.discard(crashed.session)  # the process died: its window is gone without closing
    crashed.files.editor.document().setModified(False)
    assert len(list_recoveries(ACTIVE_SESSIONS)) == 1

    restarted = open_window(qtbot)
    asked = []
    restarted.files.ask_recover = lambda title: asked.append(title) or True
    assert restarted.files.offer_recovery() == 1
    assert "unsaved draft" in asked[0]
    assert restarted.editor.toPlainText() == "Recalling its resolution 6/17 of 28 September 2007,"
    assert restarted.isWindowModified()
    assert not autosave_path(crashed.session).exists()


def test_close_asks_about_unsaved_changes(qtbot, tmp_path):
    window = open_window(qtbot)
    qtbot.keyClicks(window.editor, "Recalling")
    window.files.ask_unsaved = lambda: "cancel"
    assert not window.close()
    window.files.ask_unsaved = lambda: "save"
    window.files.ask_save_path = lambda *_args: str(tmp_path / "kept.penholder")
    assert window.close()
    assert load_draft(tmp_path / "kept.penholder").text == "Recalling"
    assert not autosave_path(window.session).exists()


def test_export_menu_writes_a_docx(qtbot, tmp_path, seed_index):
    window = open_window(qtbot, seed_index)
    window.editor.setPlainText(DRAFT)
    target = tmp_path / "draft.docx"
    window.files.ask_save_path = lambda *_args: str(target)
    errors = []
    window.files.show_error = errors.append
    _action(window, "Export to DOCX …").trigger()
    qtbot.waitUntil(lambda: target.exists() or bool(errors), timeout=20_000)
    assert not errors
    import docx

    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Requests the Secretary-General to report" in text


def test_import_text_draft_gives_one_paragraph_per_line(qtbot, tmp_path, seed_paths, seed_index):
    window = open_window(qtbot, seed_index)
    path = next(iter(seed_paths.values()))
    assert window.files.import_path(path)
    roles = [line.role for line in window.editor.lines()]
    assert roles.count("organ") == 1 and roles.count("operative") >= 10
    assert window.isWindowModified()


def test_a_precedent_with_subparagraphs_replaces_the_whole_paragraph(qtbot):
    window = open_window(qtbot)
    window.editor.setPlainText(DRAFT)
    window.editor.replace_paragraph(6, "Invites States to: (a) Share practice; (b) Report to the Council;")
    assert _lines(window)[6:10] == ["2. Invites States to:", "(a) Share practice;", "(b) Report to the Council;",
                                    "3. Decides to remain seized of the matter."]
    window.editor.undo_step()
    assert window.editor.toPlainText() == DRAFT
    window.editor.insert_paragraph_below(5, "Urges States to: (a) Act; (b) Cooperate;", operative=True)
    assert _lines(window)[6:9] == ["2. Urges States to:", "(a) Act;", "(b) Cooperate;"]
    assert _lines(window)[9].startswith("3. Requests")


def test_redline_against_a_precedent_from_the_file_menu(qtbot, tmp_path, seed_index, seed_resolutions):
    window = open_window(qtbot, seed_index)
    window.editor.setPlainText(DRAFT)
    offered = []
    window.files.ask_precedent = lambda symbols: offered.extend(symbols) or symbols[-1]
    target = tmp_path / "redline.docx"
    window.files.ask_save_path = lambda *_args: str(target)
    errors = []
    window.files.show_error = errors.append
    _action(window, "Export Redline against Precedent …").trigger()
    qtbot.waitUntil(lambda: target.exists() or bool(errors), timeout=30_000)
    assert not errors
    assert sorted(offered) == sorted(r.symbol for r in seed_resolutions)
    assert target.stat().st_size > 0


def test_an_exported_docx_imports_back_as_the_same_paragraphs(qtbot, tmp_path, seed_resolutions):
    from penholder import export
    source = seed_resolutions[1]
    path = tmp_path / "exported.docx"
    export.export_docx(source, path)
    window = open_window(qtbot)
    assert window.files.import_path(path)
    roles = [line.role for line in window.editor.lines()]
    assert roles.count("operative") == len(source.operative)
    assert roles.count("preambular") == len(source.preambular)


def test_an_unreadable_import_says_why_in_one_line(qtbot, tmp_path):
    window = open_window(qtbot)
    errors = []
    window.files.show_error = errors.append
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip")
    assert not window.files.import_path(bad)
    assert errors and "broken.docx" in errors[0] and "\n" not in errors[0]


def test_replacing_a_subparagraph_keeps_its_label(qtbot):
    window = open_window(qtbot)
    window.editor.setPlainText(DRAFT)
    window.editor.go_to_block(7)
    assert window.editor.current_paragraph()[1] == "On the implementation of the present resolution;"
    window.editor.replace_paragraph(7, "On progress made;")
    assert _lines(window)[7] == "(a) On progress made;"


def test_leads_come_from_the_parser_after_a_pause(qtbot):
    window = open_window(qtbot)
    window.leads_timer.setInterval(10)
    paragraph = "Deeply concerned by the situation of human rights defenders,"
    window.editor.setPlainText(f"A title\nThe Human Rights Council,\n\n{paragraph}\n\n1. Calls upon States to act;")
    assert window.editor.lead_of(paragraph) == ""  # no verb form the editor can guess
    window.update_structure()
    qtbot.waitUntil(lambda: window.editor.lead_of(paragraph) == "Deeply concerned", timeout=10_000)
    assert window.outline.topLevelItem(0).text(0) == "PP1  Deeply concerned"


def test_the_autosave_tick_keeps_the_lock_fresh(qtbot, tmp_path):
    # A lock is offered to another computer for take-over once it is old; a draft open all day must not be.
    import os

    from penholder.drafts.lock import lock_path

    window = open_window(qtbot)
    window.editor.setPlainText(DRAFT)
    path = tmp_path / "d.penholder"
    window.files.ask_save_path = lambda *_a: str(path)
    assert window.files.save()
    lock = lock_path(path)
    os.utime(lock, (1_000_000_000, 1_000_000_000))  # as if taken in 2001
    window.files.autosave()  # what the 30 s timer calls, modified or not
    assert lock.stat().st_mtime > 1_700_000_000
