"""The "Add to library" window: a progress bar and Cancel while files are added in the pool, then the report.

The report says how many files were added, updated, skipped as unchanged, and lists every failed file
with its reason, so a drafter knows exactly what a batch of PDFs and Word files did. A PDF being read
shows its time against the limit, and Cancel stops it at once (``readers.pdf_worker``). When every file
went in, the window closes itself (the report stays in the status bar and under Library › Last Import
Report); when a file failed or was kept as an earlier version (much shorter than the text it would
replace), nothing could be added or the drafter cancelled, it stays open on the report.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from penholder.ui.workers import ProgressRelay, start_task


class ImportDialog(QDialog):
    """Adds ``paths`` to the library at ``library_path`` off the UI thread; emits ``finished_report``."""

    finished_report = Signal(object)  # the ImportReport, or None when nothing could be added

    def __init__(self, library_path: Path | None, paths: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Add to Library")
        self.setMinimumWidth(520)
        self.library_path = library_path
        self.paths = [str(p) for p in paths]
        self.cancelled = threading.Event()
        self.report = None

        self.status = QLabel("Looking for resolution files …")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy until the number of files is known
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self._cancel_or_close)
        layout = QVBoxLayout(self)
        for widget in (self.status, self.progress, self.details, self.buttons):
            layout.addWidget(widget)

    def start(self) -> None:
        """Show the window and start adding the files in the pool."""
        relay = ProgressRelay(self)
        relay.progressed.connect(self._progressed)
        library_path, paths, cancelled = self.library_path, self.paths, self.cancelled

        def add():
            from penholder.library import Library
            from penholder.readers.pdf_worker import cancellable

            library = Library.open(library_path)
            try:
                with cancellable(cancelled.is_set):
                    return library.add_files(paths, progress=relay, cancel=cancelled.is_set)
            finally:
                library.close()

        self.show()
        self.task = start_task(add, self._finished, self._failed, owner=self)
        self.clock = QTimer(self)
        self.clock.timeout.connect(self._show_pdf_time)
        self.clock.start(1000)

    def cancel(self) -> None:
        """Stop now (a PDF being read is given up); files already added stay in the library."""
        self.cancelled.set()
        self.status.setText("Stopping after the current file …")
        self.buttons.setEnabled(False)

    def _cancel_or_close(self) -> None:
        if self.report is None and not self.buttons.button(QDialogButtonBox.StandardButton.Close):
            self.cancel()
        else:
            self.accept()

    def _progressed(self, done: int, total: int, path: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(f"Adding {done} of {total}: {Path(path).name}")

    def _show_pdf_time(self) -> None:
        from penholder.readers.pdf_worker import reading_now

        reading = [entry for entry in reading_now() if entry[1] >= 2]
        if reading and self.report is None and not self.cancelled.is_set():
            path, seconds, limit = reading[0]
            self.status.setText(f"Reading {Path(path).name}: {seconds:.0f} s (given up at {limit:.0f} s; "
                                "Cancel stops it now)")

    def _finished(self, report) -> None:
        self.clock.stop()
        self.report = report
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status.setText(report_headline(report))
        lines = [f"{Path(path).name}: {_reason(path, reason)}" for path, reason in report.failed]
        lines += [f"{Path(path).name}: kept as an earlier version, not in place of the current text: "
                  f"{_reason(path, reason)}" for path, reason in getattr(report, "held", [])]
        if getattr(report, "stopped", None):
            lines.append(f"The import stopped: {report.stopped}")
        if lines:
            self.details.setPlainText("\n".join(lines))
            self.details.setVisible(True)
        self._show_close()
        if not lines and not report.cancelled:
            self.accept()  # all went in: nothing to read here
        self.finished_report.emit(report)

    def _failed(self, message: str) -> None:
        self.clock.stop()
        self.status.setText(f"Nothing was added: {message}")
        self.progress.setRange(0, 1)
        self._show_close()
        self.finished_report.emit(None)

    def _show_close(self) -> None:
        self.buttons.setEnabled(True)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)


def report_headline(report) -> str:
    """Return the report in a drafter's words: ``3 added, 1 updated, 2 unchanged (skipped), 1 failed``."""
    parts = [f"{len(report.added)} added", f"{len(report.updated)} updated",
             f"{len(report.skipped)} unchanged (skipped)", f"{len(report.failed)} failed"]
    if getattr(report, "held", None):
        parts.append(f"{len(report.held)} kept as an earlier version")
    text = ", ".join(parts) + "."
    return "Cancelled: " + text if report.cancelled else text


def _reason(path: str, reason: str) -> str:
    return reason[len(path):].lstrip(": ") if reason.startswith(path) else reason


def add_to_library(parent: QWidget, library_path: Path | None, paths: list,
                   when_done: Callable[[object], None]) -> ImportDialog:
    """Open the Add to Library window for ``paths`` and start; ``when_done(report)`` runs at the end."""
    dialog = ImportDialog(library_path, paths, parent)
    dialog.finished_report.connect(when_done)
    dialog.start()
    return dialog
