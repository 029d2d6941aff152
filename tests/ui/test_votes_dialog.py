"""Library › Import Voting Data: progress, Cancel (nothing stored), a damaged file named in one line, and a hit
that says how "my delegation" voted (Settings), or "adoption not recorded"."""

from __future__ import annotations

import pytest

from penholder.library import Library
from penholder.model import RECORDED_VOTE
from penholder.settings import Settings
from penholder.ui.dialogs import SettingsDialog
from penholder.ui.votes_dialog import VotesDialog
from tests.library import voting_files as vf

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def voted(shared_dir, tmp_path):
    votes = vf.recorded_votes(shared_dir, 30)
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as library:
        library.add_files([vf.text_file(shared_dir, votes[0].symbol)])
    return path, votes


def _run(qtbot, dialog):
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished_report, timeout=30_000) as signal:
        dialog.start()
    return signal.args[0]


def test_import_reports_and_the_library_gets_the_votes(qtbot, tmp_path, voted):
    path, votes = voted
    report = _run(qtbot, VotesDialog(path, vf.write_member_state(tmp_path / "v.csv", votes)))
    assert report.resolutions == 31 and report.recorded == [votes[0].symbol]
    assert "31 recorded votes read" in report.summary() and "31 recorded votes" in _status(qtbot)
    with Library.open(path) as library:
        assert library.get(votes[0].symbol).adoption.mode == RECORDED_VOTE


def _status(qtbot):
    from PySide6.QtWidgets import QApplication

    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, VotesDialog)).status.text()


def test_cancel_and_a_damaged_file_store_nothing(qtbot, tmp_path, voted, monkeypatch):
    from penholder.library import votes as votes_module

    path, votes = voted
    monkeypatch.setattr(votes_module, "_EVERY", 20)
    dialog = VotesDialog(path, vf.write_member_state(tmp_path / "v.csv", votes))
    dialog.cancel()  # as Cancel does; the reader asks every 20 rows (the file is read in milliseconds)
    report = _run(qtbot, dialog)
    assert report.cancelled and dialog.status.text().startswith("Cancelled: nothing was imported")
    damaged = tmp_path / "damaged.csv"
    damaged.write_text(vf.write_member_state(tmp_path / "w.csv", votes).read_text("utf-8")[:-40], "utf-8")
    second = VotesDialog(path, damaged)
    assert _run(qtbot, second) is None
    assert second.status.text().startswith("Nothing was imported (the library is as it was): ")
    assert str(damaged) in second.status.text() and "\n" not in second.status.text()
    with Library.open(path) as library:
        assert not library.votes()


def test_my_delegation_setting_and_the_hit_card(qtbot, tmp_path, voted):
    from tests.ui.conftest import open_window

    path, votes = voted
    settings = Settings()
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.delegation.setText("fra")
    settings.update(**dialog.values())
    assert settings.my_delegation == "FRA"
    with pytest.raises(ValueError, match="Member State"):
        settings.update(my_delegation="France!")
    with Library.open(path) as library:
        library.import_votes(vf.write_member_state(tmp_path / "v.csv", votes))
        index = library.index()
        paragraph = library.get(votes[0].symbol).operative[0].full_text()
    window = open_window(qtbot, index)
    hits = index.search(paragraph, 3, delegation="FRA")
    unknown = index.search("Taking note of the report of the Secretary-General", 3, body="GA")
    window.panel.show_hits(hits + unknown, paragraph)
    text = window.panel.browser.toPlainText()
    word = {"Y": "yes", "N": "no", "A": "abstained", "X": "did not vote"}[votes[0].votes["FRA"]]
    yes, no, abstaining, _ = votes[0].totals()
    assert f"vote {yes}–{no}–{abstaining}" in text and f"FRA: {word}" in text
    if any(not hit.adoption.mode for hit in unknown):
        assert "adoption not recorded" in text
