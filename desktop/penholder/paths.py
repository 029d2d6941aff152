"""Where Penholder keeps things: bundled resources and the user's data.

User data (library, settings, autosave) lives under platformdirs' per-user folders, or all under one
folder when ``PENHOLDER_HOME`` is set. Nothing is ever written inside the install folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Penholder"
HOME_ENV = "PENHOLDER_HOME"


def resources_dir() -> Path:
    """Return the folder of bundled resources (corpus, lexicon, icons)."""
    bundled = getattr(sys, "_MEIPASS", None)  # PyInstaller one-folder bundle
    candidates = [Path(bundled) / "resources"] if bundled else []
    candidates.append(Path(__file__).resolve().parents[2] / "resources")  # source tree / editable
    candidates.append(Path(__file__).resolve().parent / "resources")  # wheel with package data
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def bundled_corpus_dir() -> Path:
    """Return the folder of the bundled seed resolutions."""
    return resources_dir() / "corpus"


def lexicon_dir() -> Path:
    """Return the folder of the lexicon data (preambular openers, operative verbs)."""
    return resources_dir() / "lexicon"


def _home() -> Path | None:
    home = os.environ.get(HOME_ENV)
    return Path(home).expanduser() if home else None


def data_dir() -> Path:
    """Return (and create) the folder for user data such as the library."""
    home = _home()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Return (and create) the folder for settings."""
    home = _home()
    path = home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def state_dir(create: bool = True) -> Path:
    """Return (and create, unless ``create`` is False) the folder for autosave, crash-recovery files and
    the log."""
    home = _home()
    path = home / "state" if home else Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def default_library_path() -> Path:
    """Return the path of the user's precedent library database."""
    return data_dir() / "library.sqlite3"
