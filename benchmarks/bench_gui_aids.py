"""Drafting aids in the desktop app, timed on the UI thread (what the drafter waits for):

1. Tab pressed in the editor to completion list shown, with a 100k-paragraph completer, against the
   naive way (scan every paragraph for the next words, as ``bench_completion.naive``) and against the
   core request alone;
2. the Problems dock refilled from a check of a long draft (the checking itself runs in a worker and is
   printed for comparison).

    .venv/bin/python benchmarks/bench_gui_aids.py [--paragraphs 100000]

Target: Tab to list shown well under 10 ms at 100k paragraphs (it must feel instant).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

PREFIXES = ["", "Re", "Recalling", "Recalling ", "Recalling also ", "1. Requests the", "Also", "1. Decides to",
            "1. Calls upon States to", "Noting with", "Expressing deep concern", "3. Urges", "Takes note of the"]


def percentile(values: list[float], share: float) -> float:
    """Return the value below which ``share`` of ``values`` lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()

    from bench_completion import grown, naive, openings
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from penholder.completion import Completer, tokens
    from penholder.settings import Settings
    from penholder.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    library = grown(openings(), options.paragraphs)
    began = time.perf_counter()
    completer = Completer(library)
    print(f"completer over {len(completer):,} paragraphs built in {time.perf_counter() - began:.1f} s "
          f"(in a worker in the app)")
    window = MainWindow(Settings(), load_library=False)
    window.files.ask_unsaved = lambda: "discard"
    window.resize(1400, 860)
    window.show()
    window.completion.set_completer(completer)
    head = "A title\nThe Human Rights Council,\n\n"

    shown, core = [], []
    for _round in range(options.rounds):
        for prefix in PREFIXES:
            window.editor.setPlainText(head + prefix)
            cursor = window.editor.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            window.editor.setTextCursor(cursor)
            app.processEvents()
            start = time.perf_counter()
            QTest.keyClick(window.editor, Qt.Key.Key_Tab)
            shown.append((time.perf_counter() - start) * 1000)
            window.completion.popup.hide()
            start = time.perf_counter()
            completer.complete(prefix, None, limit=8)
            core.append((time.perf_counter() - start) * 1000)
    scanned = [(kind, [w.lower() for w in tokens(text)[:32]]) for kind, text in library]
    naive_ms = []
    for prefix in PREFIXES:
        start = time.perf_counter()
        naive(scanned, prefix.lstrip("0123456789. "))
        naive_ms.append((time.perf_counter() - start) * 1000)
    print(f"Tab to list shown: median {statistics.median(shown):.2f} ms, p95 {percentile(shown, 0.95):.2f} ms, "
          f"worst {max(shown):.2f} ms ({len(shown)} presses)")
    print(f"  core request alone: median {statistics.median(core):.2f} ms, p95 {percentile(core, 0.95):.2f} ms")
    print(f"  naive scan of every paragraph: median {statistics.median(naive_ms):.1f} ms "
          f"-> {statistics.median(naive_ms) / statistics.median(shown):.0f}x slower than the app's Tab")

    from penholder.checks import Checker
    from penholder.drafts.layout import draft_text
    from penholder.parsing import parse_file
    from penholder.paths import bundled_corpus_dir

    seeds = [parse_file(p) for p in sorted(bundled_corpus_dir().glob("*.txt"))]
    draft = "\n\n".join(draft_text(r).replace(" the ", "  the ", 3) for r in seeds)  # a long draft with slips
    checker = Checker.from_resolutions(seeds)
    start = time.perf_counter()
    problems = checker.check_text(draft)
    check_ms = (time.perf_counter() - start) * 1000
    window.editor.setPlainText(draft)
    refill = []
    for _round in range(options.rounds):
        start = time.perf_counter()
        window.checks.show(problems)  # underlines, then the dock refills on `checked`
        refill.append((time.perf_counter() - start) * 1000)
    print(f"Problems dock: {len(window.problems.problems())} problems of a {draft.count(chr(10)) + 1}-line draft "
          f"shown in median {statistics.median(refill):.1f} ms on the UI thread "
          f"(checking them took {check_ms:.0f} ms, in a worker)")
    window.editor.document().setModified(False)
    window.files.close_cleanly()
    window.close()


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # PySide can crash tearing down a 100k-entry completer at interpreter exit; figures are out

