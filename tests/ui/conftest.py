"""Fixtures for the desktop app tests: a seed precedent index and a main window that closes quietly."""

from __future__ import annotations

import pytest

from penholder.settings import Settings


@pytest.fixture(scope="session")
def seed_resolutions(seed_paths):
    """Return the bundled seeds parsed by the core parser."""
    from penholder import parsing
    return [parsing.parse_file(path) for path in seed_paths.values()]


@pytest.fixture(scope="session")
def seed_index(seed_resolutions):
    """Return a PrecedentIndex over the seeds."""
    from penholder import search
    return search.PrecedentIndex.from_resolutions(seed_resolutions)


def open_window(qtbot, index=None, **settings):
    """Return a shown main window searching ``index``; it is closed without prompts after the test."""
    from penholder.ui.main_window import MainWindow

    values = Settings()
    values.update(debounce_ms=settings.pop("debounce_ms", 20), **settings)
    window = MainWindow(values, index=index, load_library=False)
    qtbot.addWidget(window)
    window.files.ask_unsaved = lambda: "discard"
    window.show()
    qtbot.waitExposed(window)
    window.editor.setFocus()
    return window


def open_checked_window(qtbot, draft: str):
    """Return a window showing ``draft`` once the plain house rules have checked it."""
    from penholder import checks
    window = open_window(qtbot)
    window.editor.setPlainText(draft)
    with qtbot.waitSignal(window.checks.checked, timeout=20_000):
        window.checks.set_checker(checks.Checker())
    return window


@pytest.fixture
def window(qtbot, seed_index):
    """Return a main window over the seed index."""
    return open_window(qtbot, seed_index)
