"""Save and Export dialogs open in the drafter's documents folder first, then where they last saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import open_window

pytestmark = pytest.mark.timeout(60)

DRAFT = ("A title\nThe Human Rights Council,\n\nRecalling the Charter of the United Nations,\n\n"
         "1. Requests the Secretary-General to report;\n2. Decides to remain seized of the matter.")


@pytest.fixture
def started_elsewhere(tmp_path, monkeypatch):
    """The program was started from some unrelated folder."""
    cwd = tmp_path / "started-here"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return cwd


@pytest.fixture
def save_dialog(monkeypatch):
    """The real ``ask_save_path`` with Qt's file dialog replaced: records the start path, answers from a list."""
    from penholder.ui import draft_files

    asked: list[str] = []
    answers: list[str] = []

    def get_save_file_name(_parent, _title, start, _filters):
        asked.append(start)
        return (answers.pop(0) if answers else "", "")

    monkeypatch.setattr(draft_files.QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
    return asked, answers


def wait_export(qtbot, window, target: Path) -> None:
    qtbot.waitUntil(lambda: target.exists() and "Wrote" in window.statusBar().currentMessage(), timeout=20_000)


def test_the_first_save_and_export_open_in_the_documents_folder(qtbot, user_home, started_elsewhere,
                                                               save_dialog):
    from penholder.ui.draft_files import documents_folder

    asked, _answers = save_dialog
    window = open_window(qtbot)
    window.editor.setPlainText(DRAFT)
    assert not window.files.save_as()  # cancelled
    window.files.export_docx_dialog()  # cancelled
    documents = documents_folder()
    assert documents.is_relative_to(user_home)
    assert [Path(p).parent for p in asked] == [documents, documents]
    assert [Path(p).name for p in asked] == ["draft.penholder", "draft.docx"]
    assert not any(Path(p).is_relative_to(started_elsewhere) for p in asked)


def test_later_dialogs_open_where_the_drafter_last_saved(qtbot, tmp_path, started_elsewhere, save_dialog):
    asked, answers = save_dialog
    window = open_window(qtbot)
    window.editor.setPlainText(DRAFT)
    drafts, exports = tmp_path / "drafts", tmp_path / "exports"
    drafts.mkdir()
    exports.mkdir()
    answers.append(str(drafts / "mine.penholder"))
    assert window.files.save_as()
    window.files.export_docx_dialog()  # next to the draft just saved: the last place saved
    assert asked[-1] == str(drafts / "mine.docx")
    answers.append(str(exports / "for-the-meeting.docx"))
    window.files.export_docx_dialog()
    wait_export(qtbot, window, exports / "for-the-meeting.docx")
    window.files.new_draft(ask=False)
    window.editor.setPlainText(DRAFT)
    assert not window.files.save_as()  # a new draft: where the drafter last saved, the export folder
    assert asked[-1] == str(exports / "draft.penholder")


def test_the_last_folder_is_remembered_for_the_next_start(qtbot, tmp_path, save_dialog):
    from penholder.settings import Settings

    _asked, answers = save_dialog
    window = open_window(qtbot)
    window.editor.setPlainText(DRAFT)
    folder = tmp_path / "kept"
    folder.mkdir()
    answers.append(str(folder / "kept.penholder"))
    assert window.files.save_as()
    window.close()
    assert Settings.load().last_folder == str(folder.resolve())


def test_a_removed_last_folder_falls_back_to_the_documents_folder(qtbot, tmp_path, user_home):
    from penholder.ui.draft_files import documents_folder

    window = open_window(qtbot, last_folder=str(tmp_path / "gone"))
    assert window.files.start_folder() == documents_folder() == user_home
    (user_home / "documents").mkdir(parents=True)
    assert window.files.start_folder() == user_home / "documents"


def test_without_penholder_home_the_platform_documents_folder(monkeypatch, tmp_path):
    import platformdirs

    from penholder.ui.draft_files import documents_folder

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.delenv("PENHOLDER_HOME")
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(documents))
    assert documents_folder() == documents
    documents.rmdir()  # none on this machine: the home folder
    assert documents_folder() == Path.home()
