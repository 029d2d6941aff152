"""Reading a file for the editor off the UI thread, with a progress window and Cancel when it lasts.

Import Draft reads through the guarded door (``readers.incoming``); a PDF may take up to its time limit
there. The read runs in a thread; the window keeps repainting, and after a moment a progress window shows
the file, the seconds so far against the limit, and a Cancel that stops the PDF worker at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

QUIET_SECONDS = 0.4
"""Reads shorter than this (nearly all) show no window at all."""


def read_with_progress(parent: QWidget | None, path: Path, read: Callable[[Path], Any]) -> Any:
    """Return ``read(path)``, run in a thread while the UI stays live; re-raise what it raised."""
    from penholder.readers.pdf_worker import cancellable, reading_now

    done, cancelled = threading.Event(), threading.Event()
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            with cancellable(cancelled.is_set):
                outcome["value"] = read(path)
        except BaseException as exc:  # noqa: BLE001 - handed back to the UI thread as it is
            outcome["error"] = exc
        finally:
            done.set()

    thread = threading.Thread(target=work, name="penholder-import", daemon=True)
    thread.start()
    if not done.wait(QUIET_SECONDS):
        dialog = QProgressDialog(f"Reading {path.name} …", "Cancel", 0, 0, parent)
        dialog.setWindowTitle("Import Draft")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(cancelled.set)
        loop = QEventLoop()
        clock = QTimer()

        def tick() -> None:
            if done.is_set():
                loop.quit()
                return
            for name, seconds, limit in reading_now():
                if name == str(path) and not cancelled.is_set():
                    dialog.setLabelText(f"Reading {path.name}: {seconds:.0f} s (given up at {limit:.0f} s)")

        clock.timeout.connect(tick)
        clock.start(100)
        dialog.show()
        loop.exec()
        clock.stop()
        dialog.close()
        dialog.deleteLater()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
