"""Starting the app, the metadata and settings dialogs (exec patched), and the source viewer."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from penholder.drafts import Draft, DraftMetadata, load_draft, save_draft, write_autosave
from penholder.model import Paragraph, Resolution
from penholder.settings import Settings
from penholder.ui.dialogs import MetadataDialog, SettingsDialog, SourceViewer, resolution_html
from penholder.ui.draft_files import DraftFiles
from penholder.ui.main_window import MainWindow
from tests.ui.conftest import open_window

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def started(qtbot, monkeypatch):
    """Run ``penholder.ui.app.run`` without entering the event loop; return the windows it made."""
    from penholder.ui import app

    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    monkeypatch.setattr(MainWindow, "load_library", lambda self: None)
    before = set(QApplication.topLevelWidgets())

    def start(argv):
        assert app.run(argv) == 0
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w not in before]
        for window in windows:
            qtbot.addWidget(window)
            window.files.ask_unsaved = lambda: "discard"
        return windows

    yield start
    import sys

    sys.excepthook = sys.__excepthook__


def test_run_opens_the_draft_named_on_the_command_line(started, tmp_path):
    path = tmp_path / "resolution.penholder"
    save_draft(Draft("1. Decides to remain seized of the matter.\n"), path)
    [window] = started([str(path)])
    assert window.isVisible()
    assert window.editor.toPlainText() == "1. Decides to remain seized of the matter.\n"
    assert window.windowTitle().startswith("resolution.penholder")


def test_run_offers_a_draft_left_by_a_crash(started, monkeypatch):
    write_autosave(Draft("Recalling its resolution 6/17,"), "old-session")
    monkeypatch.setattr(DraftFiles, "ask_recover", lambda self, title: True)
    [window] = started([])
    assert window.editor.toPlainText() == "Recalling its resolution 6/17,"


def test_window_layout_is_remembered(qtbot):
    window = open_window(qtbot)
    window.resize(900, 700)
    window.outline_dock.hide()
    window.close()
    settings = Settings.load()
    assert settings.window_geometry and settings.window_state
    again = open_window(qtbot)
    again.settings = settings
    again._restore_layout()
    assert not again.outline_dock.isVisible()


def test_metadata_dialog_edits_the_draft(qtbot, monkeypatch, tmp_path):
    window = open_window(qtbot)

    def fill(dialog):
        dialog.fields["symbol"].setText("A/HRC/56/L.3")
        dialog.fields["sponsors"].setText("Cuba, Egypt ,")
        dialog.fields["body"].setCurrentText("HRC")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MetadataDialog, "exec", fill)
    window.files.edit_metadata()
    assert window.files.draft.metadata.symbol == "A/HRC/56/L.3"
    assert window.files.draft.metadata.sponsors == ["Cuba", "Egypt"]
    assert window.isWindowModified()
    window.files.ask_save_path = lambda *_args: str(tmp_path / "m.penholder")
    assert window.files.save()
    assert load_draft(tmp_path / "m.penholder").metadata.body == "HRC"


def test_metadata_dialog_round_trips_values(qtbot):
    metadata = DraftMetadata("A/C.3/80/L.5", "GA", "80", "71 (b)", "Title", ["Chile", "Peru"], "2025-11-01")
    dialog = MetadataDialog(metadata)
    qtbot.addWidget(dialog)
    assert dialog.metadata() == metadata


def test_settings_dialog_applies_and_saves(qtbot, monkeypatch):
    window = open_window(qtbot)

    def change(dialog):
        dialog.hits.setValue(3)
        dialog.font_size.setValue(15)
        dialog.debounce.setValue(250)
        dialog.profile.setCurrentIndex(dialog.profile.findData("ny"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", change)
    window.files.edit_settings()
    assert window.editor.font().pointSize() == 15
    assert window.search_timer.interval() == 250
    saved = Settings.load()
    assert (saved.hits, saved.default_profile, saved.editor_font_size) == (3, "ny", 15)


def test_source_viewer_marks_the_paragraph(qtbot):
    resolution = Resolution(
        symbol="A/RES/1/1", title="A title", organ="The General Assembly,",
        preambular=[Paragraph("preambular", "Recalling", "Recalling the first,"),
                    Paragraph("preambular", "Noting", "Noting the second,")],
        operative=[Paragraph("operative", "Decides", "Decides to act.", number=1)])
    html = resolution_html(resolution, "preambular", 2)
    assert html.count("name='here'") == 1
    assert html.index("name='here'") > html.index("the first,") and "class='mark'" in html
    viewer = SourceViewer(resolution, "operative", 1)
    qtbot.addWidget(viewer)
    assert viewer.view.isReadOnly() and "Decides to act." in viewer.view.toPlainText()


def test_double_click_opens_the_source_from_the_library(qtbot, seed_index):
    window = open_window(qtbot, seed_index)
    hit = seed_index.search("Recalling Human Rights Council resolution", 1)[0]
    window.open_source(hit)
    qtbot.waitUntil(lambda: bool(window.viewers), timeout=20_000)
    assert hit.symbol in window.viewers[-1].windowTitle()


def test_first_start_loads_the_bundled_corpus_in_the_background(qtbot, seed_resolutions):
    from penholder.ui.main_window import MainWindow

    window = MainWindow(Settings(), load_library=True)
    qtbot.addWidget(window)
    window.files.ask_unsaved = lambda: "discard"
    window.show()
    assert window.index is None  # the window is up before the library
    qtbot.waitUntil(lambda: window.index is not None, timeout=30_000)
    assert f"{len(seed_resolutions)} resolutions" in window.library_label.text()
    words = " ".join(seed_resolutions[0].operative[1].text.split()[:10])
    qtbot.keyClicks(window.editor, words)
    qtbot.waitUntil(lambda: bool(window.panel.hits) and window.panel.current_text == words, timeout=10_000)


def test_an_unexpected_error_is_shown_and_the_text_autosaved(started, monkeypatch):
    import sys

    from PySide6.QtWidgets import QMessageBox

    from penholder.drafts.recovery import autosave_path

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    [window] = started([])
    window.editor.setPlainText("Recalling its resolution 6/17,")
    window.editor.document().setModified(False)
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert shown and "a bug" in shown[0]
    assert autosave_path(window.session).exists()


def test_adding_a_file_to_the_library_reloads_the_precedents(qtbot, tmp_path, seed_paths, seed_resolutions):
    from penholder.ui.main_window import MainWindow

    window = MainWindow(Settings(), load_library=True)
    qtbot.addWidget(window)
    window.files.ask_unsaved = lambda: "discard"
    qtbot.waitUntil(lambda: window.index is not None, timeout=30_000)
    source = seed_paths["A/RES/67/169"]
    renamed = tmp_path / "A-RES-68-201.txt"
    renamed.write_text(source.read_text(encoding="utf-8").replace("67/169", "68/201"), encoding="utf-8")
    window.add_to_library([renamed])
    expected = f"{len(seed_resolutions) + 1} resolutions"
    qtbot.waitUntil(lambda: expected in window.library_label.text(), timeout=30_000)
    assert not window.cancel_import_action.isEnabled()
