"""Shared fixtures: user data in a temp dir, the bundled corpus, and ../shared/ (skipped when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "resources" / "corpus"
SHARED = Path(os.environ.get("PENHOLDER_SHARED", ROOT.parent / "shared"))

# Bundled seeds by symbol (the product's corpus, named by symbol in resources/corpus/).
SEEDS = {
    "A/HRC/RES/23/3": CORPUS / "A-HRC-RES-23-3.txt",
    "A/HRC/RES/53/11": CORPUS / "A-HRC-RES-53-11.txt",
    "A/HRC/RES/28/2": CORPUS / "A-HRC-RES-28-2.txt",
    "A/HRC/RES/41/3": CORPUS / "A-HRC-RES-41-3.txt",
    "A/RES/67/169": CORPUS / "A-RES-67-169.txt",
}


@pytest.fixture(autouse=True)
def user_home(tmp_path, monkeypatch) -> Path:
    """Point all user data (library, settings, autosave) at a fresh temp folder."""
    home = tmp_path / "penholder-home"
    monkeypatch.setenv("PENHOLDER_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """Return ../shared/, or skip when it is absent on this machine."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"shared material not found at {SHARED} (set PENHOLDER_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def seed_paths() -> dict[str, Path]:
    """Return the bundled seed files by symbol."""
    return dict(SEEDS)
