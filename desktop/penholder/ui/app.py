"""Start the desktop app: ``run(argv)`` builds the QApplication and the main window.

``argv`` holds at most one ``.penholder`` draft to open. Drafts left by a crash are offered first. An
unexpected error shows a dialog and autosaves the drafter's text instead of losing it.
"""

from __future__ import annotations

import sys
import traceback

from penholder import APP_ID, __version__
from penholder.paths import resources_dir


def run(argv: list[str]) -> int:
    """Run the app until the last window closes; return the exit code."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from penholder import logs
    from penholder.settings import Settings
    from penholder.ui.main_window import MainWindow

    logs.setup()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Penholder")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    icon = resources_dir() / "icons" / "penholder.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    settings = Settings.load()
    window = MainWindow(settings)
    _install_excepthook(window)
    window.show()
    for problem in settings.problems:
        window.statusBar().showMessage(problem, 8000)
    drafts = [a for a in argv if a.endswith(".penholder")]
    restored = window.files.offer_recovery()
    if drafts and not restored:
        window.files.open_path(drafts[0])
    _quit_after_env_delay(app)
    return app.exec()


def _quit_after_env_delay(app) -> None:
    """Quit after ``PENHOLDER_QUIT_AFTER_MS`` milliseconds when set (smoke tests of a built bundle)."""
    import os

    from PySide6.QtCore import QTimer

    delay = os.environ.get("PENHOLDER_QUIT_AFTER_MS", "")
    if delay.isdigit():
        QTimer.singleShot(int(delay), app.quit)


def _install_excepthook(window) -> None:
    """Show unexpected errors in a dialog and autosave the draft, rather than closing silently."""
    from PySide6.QtWidgets import QMessageBox

    from penholder import logs

    def hook(kind, value, trace):
        traceback.print_exception(kind, value, trace)
        logs.unexpected("the window", value.with_traceback(trace), "penholder.ui")
        try:
            window.files.editor.document().setModified(True)
            window.files.autosave()
        except Exception:  # noqa: BLE001, S110 - already reporting an error; keep going
            pass
        QMessageBox.critical(window, "Penholder",
                             f"Something went wrong: {value}\nYour text was autosaved and will be offered "
                             f"for recovery if Penholder has to close.\n{logs.where_text()}")

    sys.excepthook = hook
