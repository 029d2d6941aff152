"""Add to Library: progress, Cancel, and a final report naming every failed file and its reason."""

from __future__ import annotations

import pytest

from penholder.ui.import_dialog import ImportDialog

pytestmark = pytest.mark.timeout(60)


def _variants(seed_paths, folder, count):
    text = seed_paths["A/RES/67/169"].read_text(encoding="utf-8")
    folder.mkdir()
    for n in range(count):
        (folder / f"A-RES-68-{100 + n}.txt").write_text(text.replace("67/169", f"68/{100 + n}"), "utf-8")


def test_report_counts_added_skipped_and_names_each_failure(qtbot, tmp_path, seed_paths):
    folder = tmp_path / "incoming"
    _variants(seed_paths, folder, 2)
    (folder / "notes.txt").write_text("Lunch with the facilitator at one.", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 broken")
    library = tmp_path / "library.sqlite3"

    dialog = ImportDialog(library, [folder])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished_report, timeout=30_000) as signal:
        dialog.start()
    report = signal.args[0]
    assert len(report.added) == 2 and len(report.failed) == 2
    assert dialog.status.text() == "2 added, 0 updated, 0 unchanged (skipped), 2 failed."
    details = dialog.details.toPlainText().splitlines()
    assert sorted(line.split(":")[0] for line in details) == ["notes.txt", "scan.pdf"]
    assert all(len(line.split(": ", 1)[1]) > 5 for line in details)  # a reason, not just a name

    again = ImportDialog(library, [folder])
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.finished_report, timeout=30_000) as signal:
        again.start()
    assert len(signal.args[0].skipped) == 2 and not signal.args[0].added


def test_cancel_stops_after_the_current_file_and_keeps_what_was_added(qtbot, tmp_path, seed_paths):
    folder = tmp_path / "incoming"
    _variants(seed_paths, folder, 40)
    dialog = ImportDialog(tmp_path / "library.sqlite3", [folder])
    qtbot.addWidget(dialog)
    dialog.progress.valueChanged.connect(lambda value: value >= 2 and dialog.cancel())
    with qtbot.waitSignal(dialog.finished_report, timeout=30_000) as signal:
        dialog.start()
    report = signal.args[0]
    assert report.cancelled
    assert 2 <= len(report.added) < 40
    assert dialog.status.text().startswith("Cancelled: ")


def _add_from_window(qtbot, tmp_path, paths):
    from tests.ui.conftest import open_window

    window = open_window(qtbot, library_path=str(tmp_path / "library.sqlite3"))
    assert not window.import_report_action.isEnabled()
    with qtbot.waitSignal(window.cancel_import_action.changed, timeout=30_000):
        window.add_to_library(paths)
    qtbot.waitUntil(lambda: window.import_dialog.report is not None, timeout=30_000)
    return window


def test_a_successful_import_closes_its_window_and_keeps_the_report(qtbot, tmp_path, seed_paths):
    folder = tmp_path / "incoming"
    _variants(seed_paths, folder, 2)
    window = _add_from_window(qtbot, tmp_path, [folder])
    dialog = window.import_dialog
    assert not dialog.isVisible()
    # The library is reloaded; the report is what the status bar says once it is ready.
    qtbot.waitUntil(lambda: "2 added" in window.statusBar().currentMessage(), timeout=30_000)
    assert window.library_label.text().startswith("Library: ") and "resolutions" in window.library_label.text()
    assert "Last Import Report" in window.statusBar().currentMessage()
    assert "2 added" in window.library_label.toolTip()
    assert window.import_report_action.isEnabled()
    window.import_report_action.trigger()
    assert dialog.isVisible()
    assert dialog.status.text() == "2 added, 0 updated, 0 unchanged (skipped), 0 failed."


def test_an_import_with_a_failure_stays_open_on_its_report(qtbot, tmp_path, seed_paths):
    folder = tmp_path / "incoming"
    _variants(seed_paths, folder, 1)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 broken")
    window = _add_from_window(qtbot, tmp_path, [folder])
    dialog = window.import_dialog
    assert dialog.isVisible()
    assert dialog.status.text().endswith("1 failed.") and "scan.pdf" in dialog.details.toPlainText()


def test_a_cancelled_import_stays_open(qtbot, tmp_path, seed_paths):
    folder = tmp_path / "incoming"
    _variants(seed_paths, folder, 40)
    dialog = ImportDialog(tmp_path / "library.sqlite3", [folder])
    qtbot.addWidget(dialog)
    dialog.progress.valueChanged.connect(lambda value: value >= 2 and dialog.cancel())
    with qtbot.waitSignal(dialog.finished_report, timeout=30_000):
        dialog.start()
    assert dialog.isVisible() and dialog.report.cancelled


def test_a_half_copy_is_reported_as_kept_beside_and_the_window_stays_open(qtbot, tmp_path, seed_paths):
    # A half copy of 53/11 must not replace the whole text: the library keeps it as a version, and the
    # drafter must see that, not a window that closes itself on "1 updated".
    library = tmp_path / "library.sqlite3"
    whole = seed_paths["A/HRC/RES/53/11"]
    first = ImportDialog(library, [whole])
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.finished_report, timeout=30_000):
        first.start()
    text = whole.read_text(encoding="utf-8")
    half = tmp_path / "half.txt"
    half.write_text(text[: len(text) // 2], encoding="utf-8")
    dialog = ImportDialog(library, [half])
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.finished_report, timeout=30_000) as signal:
        dialog.start()
    assert signal.args[0].held
    assert "1 kept as an earlier version" in dialog.status.text()
    assert "half.txt: kept as an earlier version" in dialog.details.toPlainText()
    assert dialog.isVisible()
