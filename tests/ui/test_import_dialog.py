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
