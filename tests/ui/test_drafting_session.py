"""A whole drafting session in the real window, as a drafter has one: two resolutions typed key by key
(a seed, and a real General Assembly draft with sponsors and sub-paragraphs from ../shared/), with the
precedent panel, live checks, completion and autosave running; then save, close, reopen, export, redline
and the agreed-language report. The figures of a longer run are ``benchmarks/bench_drafting_session.py``'s.
"""

from __future__ import annotations

import csv

import pytest

from penholder.errors import ParseError
from penholder.parsing import parse_file
from penholder.settings import Settings
from tests.conftest import SEEDS, SHARED
from tests.ui.session_replay import HEADER, replay_session

pytestmark = pytest.mark.timeout(240)


def _window_maker(qtbot):
    from penholder.ui.main_window import MainWindow

    def make():
        window = MainWindow(Settings(), load_library=True)  # the first start fills the library from the seeds
        qtbot.addWidget(window)
        window.files.ask_unsaved = lambda: "discard"
        window.show()
        window.editor.setFocus()
        return window

    return make


def _shared_draft():
    """Return the first short real GA draft (by symbol) with sponsors and sub-paragraphs, or None."""
    folder = SHARED / "corpus" / "ga-78-80-text"
    if not (folder / "MANIFEST.tsv").is_file():
        return None
    with open(folder / "MANIFEST.tsv", encoding="utf-8") as manifest:
        rows = sorted(csv.DictReader(manifest, delimiter="\t"), key=lambda row: row["symbol"])
    for row in rows:
        if "/L." not in row["symbol"] or not 3500 <= int(row["chars"]) <= 7000:
            continue
        try:
            resolution = parse_file(folder / (row["symbol"].replace("/", "-") + ".txt"))
        except ParseError:  # a draft decision: no paragraphs to type
            continue
        if resolution.sponsors and any(p.subparagraphs for p in resolution.operative):
            return resolution
    return None


def _check(figures, name):
    print(f"\n{HEADER}\n{figures.line()}")
    assert not figures.problems, f"{name}: {figures.problems}"
    assert figures.characters > 2000 and figures.paragraphs >= 5
    # A leaking binding loses 5 to 7 references to None per keystroke (thousands over a session).
    assert figures.none_drift > -50, f"{name}: None lost {-figures.none_drift} references"
    assert figures.replaced >= 1 and figures.moved == 1
    assert len(figures.panel_ms) >= figures.paragraphs // 2  # the panel filled after the pauses


def test_typing_a_seed_resolution_whole_then_save_reopen_and_export(qtbot, tmp_path):
    resolution = parse_file(SEEDS["A/RES/67/169"])
    figures = replay_session(_window_maker(qtbot), resolution, tmp_path, "67-169", symbol="A/HRC/RES/53/11")
    _check(figures, "A/RES/67/169")
    assert figures.completions >= 1


def test_typing_a_real_draft_with_sponsors_and_subparagraphs(qtbot, tmp_path):
    resolution = _shared_draft()
    if resolution is None:
        pytest.skip(f"no real GA draft under {SHARED} (set PENHOLDER_SHARED)")
    figures = replay_session(_window_maker(qtbot), resolution, tmp_path, "draft", symbol="A/RES/67/169",
                             sponsors=resolution.sponsors)
    _check(figures, resolution.symbol)
