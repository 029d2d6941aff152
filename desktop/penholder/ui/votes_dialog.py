"""Library ▸ Import Voting Data: the UN's General Assembly voting data read in the pool, with progress and Cancel.

The file is read and stored in one transaction (``Library.import_votes``): a wrong or damaged file, or a
Cancel, leaves the library as it was, and the window says so in one line. When the data is in, the window
says what it holds and what it says of the library's GA resolutions, and stays open on that report.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from penholder.ui.workers import ProgressRelay, start_task


class VotesDialog(QDialog):
    """Imports the voting-data CSV ``path`` into the library at ``library_path``; emits ``finished_report``."""

    finished_report = Signal(object)  # the VotesReport, or None when the file could not be imported

    def __init__(self, library_path: Path | None, path: str | Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import Voting Data")
        self.setMinimumWidth(520)
        self.library_path = library_path
        self.path = str(path)
        self.cancelled = threading.Event()
        self.report = None
        self.message = ""
        self.status = QLabel(f"Reading {Path(self.path).name} …")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self._cancel_or_close)
        layout = QVBoxLayout(self)
        for widget in (self.status, self.progress, self.buttons):
            layout.addWidget(widget)

    def start(self) -> None:
        """Show the window and start the import in the pool."""
        relay = ProgressRelay(self)
        relay.progressed.connect(self._progressed)
        library_path, path, cancelled = self.library_path, self.path, self.cancelled

        def work():
            from penholder.library import Library

            library = Library.open(library_path)
            try:
                return library.import_votes(path, progress=relay, cancel=cancelled.is_set)
            finally:
                library.close()

        self.show()
        self.task = start_task(work, self._finished, self._failed, owner=self)

    def cancel(self) -> None:
        """Stop reading: nothing is stored."""
        self.cancelled.set()
        self.status.setText("Stopping …")
        self.buttons.setEnabled(False)

    def _cancel_or_close(self) -> None:
        if self.report is None and not self.message:
            self.cancel()
        else:
            self.accept()

    def _progressed(self, done: int, total: int, _path: str) -> None:
        percent = done * 100 // max(total, 1)
        self.progress.setValue(percent)
        self.status.setText(f"Reading {Path(self.path).name}: {percent} % of {total / 1e6:.0f} MB")

    def _finished(self, report) -> None:
        self.report = report
        self.progress.setValue(100 if not report.cancelled else self.progress.value())
        if report.cancelled:
            self.status.setText("Cancelled: nothing was imported, the library is as it was.")
        else:
            text = report.summary()
            if report.mismatched:
                text += (f". In {len(report.mismatched)} resolution(s) the States' votes do not add up to the "
                         "file's totals (the totals are shown).")
            self.status.setText(text[0].upper() + text[1:])
        self._show_close()
        self.finished_report.emit(report)

    def _failed(self, message: str) -> None:
        self.message = message
        self.status.setText(f"Nothing was imported (the library is as it was): {message}")
        self._show_close()
        self.finished_report.emit(None)

    def _show_close(self) -> None:
        self.buttons.setEnabled(True)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)


def import_votes(parent: QWidget, library_path: Path | None, path: str | Path,
                 when_done: Callable[[object], None]) -> VotesDialog:
    """Open the Import Voting Data window for ``path`` and start; ``when_done(report)`` runs at the end."""
    dialog = VotesDialog(library_path, path, parent)
    dialog.finished_report.connect(when_done)
    dialog.start()
    return dialog
