"""Whole drafting sessions in the real main window (offscreen): real resolutions typed key by key, with the
precedent panel, live checks, completion and autosave running, then saved, reopened, exported, redlined
and reported on (``tests/ui/session_replay.py`` drives it).

    .venv/bin/python benchmarks/bench_drafting_session.py [--paragraphs 100000] [--limit 14] [--big-limit 5]
                                                           [--quick]

The resolutions: the three later versions of the seed resolution in ../shared/corpus/pdf's list (79/166,
78/199, 80/204), chosen ones of other shapes from the 1,202 GA texts (the longest under 40,000 characters,
the most sub-paragraphs, the most footnotes, the most sponsors among plenary and Committee drafts, the
shortest with five paragraphs or more, the median length) and two seeds. The library searched: the seeds and
every GA text (the real library a drafter builds), then again padded to ``--paragraphs`` with paragraphs
made from them by word edits. The naive way, measured in the same run: brute-force rapidfuzz over every
paragraph on the UI thread (what the panel would cost without the index), for the same pauses.

Printed per resolution: characters typed, ``sys.getrefcount(None)`` drift, RSS growth, the longest stall of
the UI thread (largest gap between ticks of a 5 ms timer) while typing, and panel latency p50/p95 (end of
the pause to panel filled). Targets: no stall over 50 ms, RSS growth under 50 MB per resolution, no
refcount drift (a leaking binding loses 5-7 per keystroke), panel p95 <= 50 ms at 100k paragraphs.
Exit status 1 when a session broke (text, save, reopen or an output wrong) or a target was missed.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("PENHOLDER_SHARED", ROOT.parent / "shared"))
GA_TEXTS = SHARED / "corpus" / "ga-78-80-text"
SEED_VERSIONS = ["A/RES/79/166", "A/RES/78/199", "A/RES/80/204"]
LONGEST = 40_000


def read_corpus():
    """Return {symbol: resolution} of every GA text that parses, and the manifest rows by symbol."""
    from penholder.errors import PenholderError
    from penholder.parsing import parse_file

    with open(GA_TEXTS / "MANIFEST.tsv", encoding="utf-8") as manifest:
        rows = {row["symbol"]: row for row in csv.DictReader(manifest, delimiter="\t")}
    parsed = {}
    for symbol in sorted(rows):
        try:
            resolution = parse_file(GA_TEXTS / (symbol.replace("/", "-") + ".txt"))
        except PenholderError:
            continue
        if len(resolution.paragraphs) >= 2:
            parsed[symbol] = resolution
    return parsed, rows


def choose(parsed) -> list[tuple[str, object, str]]:
    """Return (why, resolution, symbol to redline against) for resolutions of different shapes."""
    from tests.ui.session_replay import typed_text

    size = {s: len(typed_text(r)) for s, r in parsed.items()}
    subs = {s: sum(len(p.subparagraphs) for p in r.operative) for s, r in parsed.items()}
    chosen: dict[str, str] = {}

    def pick(why, candidates, key, reverse=True):
        for symbol in sorted(candidates, key=lambda s: (key(s), s), reverse=reverse):
            if symbol not in chosen and size[symbol] <= LONGEST:
                chosen[symbol] = why
                return

    for symbol in SEED_VERSIONS:
        if symbol in parsed:
            chosen[symbol] = "seed resolution, later version"
    pick("longest", parsed, lambda s: size[s])
    pick("most sub-paragraphs", parsed, lambda s: subs[s])
    pick("most footnotes", parsed, lambda s: len(parsed[s].footnotes))
    plenary = [s for s in parsed if s.startswith("A/80/L.")]
    committee = [s for s in parsed if s.startswith("A/C.")]
    pick("plenary draft, most sponsors", plenary, lambda s: len(parsed[s].sponsors))
    pick("Committee draft, most sponsors", committee, lambda s: len(parsed[s].sponsors))
    pick("shortest", [s for s in parsed if len(parsed[s].paragraphs) >= 5], lambda s: size[s], reverse=False)
    by_size = sorted(parsed, key=lambda s: (size[s], s))
    median = by_size[len(by_size) // 2]
    chosen.setdefault(median, "median length")
    return [(why, parsed[s], "A/HRC/RES/53/11") for s, why in chosen.items()]


def naive_pause_ms(texts: list[str], queries: list[str], panel) -> list[float]:
    """Return ms per query of brute-force rapidfuzz over every paragraph, shown in the panel."""
    from types import SimpleNamespace

    from rapidfuzz import fuzz, process

    times = []
    for query in queries:
        began = time.perf_counter()
        found = process.extract(query, texts, scorer=fuzz.ratio, limit=5)
        hits = [SimpleNamespace(symbol="A/RES/0/0", body="GA", year=2000, kind="preambular", number=1, text=t,
                                score=s, adoption=None, also=[]) for t, s, _i in found]
        panel.show_hits(hits, query)
        panel.browser.viewport().repaint()
        times.append((time.perf_counter() - began) * 1000)
    return times


def run_pass(label, sessions, index, resolutions, folder, checker, completer):
    """Replay every session against ``index``; print the table; return the figures."""
    from tests.ui.session_replay import HEADER, replay_session, summary

    from penholder.settings import Settings
    from penholder.ui.main_window import MainWindow

    def make():
        window = MainWindow(Settings(), index=index, load_library=False)
        window.files.ask_unsaved = lambda: "discard"
        window.checks.set_checker(checker)
        window.completion.set_completer(completer)
        window.show()
        window.editor.setFocus()
        return window

    print(f"\n== {label}\n{HEADER}  why", flush=True)
    results = []
    for why, resolution, against in sessions:
        name = (resolution.symbol or "draft").replace("/", "-")
        figures = replay_session(make, resolution, folder, name, symbol=against, sponsors=resolution.sponsors)
        results.append(figures)
        print(f"{figures.line()}  {why}", flush=True)
        for problem in figures.problems:
            print(f"   ! {problem}", flush=True)
    print(summary(results), flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the sessions at the real library size and at ``--paragraphs``; return 0 when targets are met."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=100_000)
    parser.add_argument("--limit", type=int, default=14, help="at most this many resolutions")
    parser.add_argument("--big-limit", type=int, default=5,
                        help="resolutions replayed again at --paragraphs (the first ones)")
    parser.add_argument("--quick", action="store_true", help="three resolutions, real library only")
    args = parser.parse_args(argv)
    if not (GA_TEXTS / "MANIFEST.tsv").is_file():
        print(f"the GA texts are not at {GA_TEXTS} (set PENHOLDER_SHARED)")
        return 2
    home = tempfile.mkdtemp(prefix="penholder-session-")
    os.environ["PENHOLDER_HOME"] = home

    from PySide6.QtWidgets import QApplication

    from penholder.checks import Checker
    from penholder.completion import Completer
    from penholder.parsing import parse_file
    from penholder.paths import bundled_corpus_dir
    from penholder.search import PrecedentIndex
    from penholder.settings import Settings
    from penholder.ui.main_window import load_precedents
    from penholder.ui.precedent_panel import PrecedentPanel

    app = QApplication.instance() or QApplication([sys.argv[0]])
    began = time.perf_counter()
    seeds = [parse_file(p) for p in sorted(bundled_corpus_dir().glob("*.txt"))]
    parsed, _rows = read_corpus()
    print(f"python {sys.version.split()[0]}, PySide6 {__import__('PySide6').__version__}; "
          f"{len(parsed)} GA texts parsed in {time.perf_counter() - began:.0f} s", flush=True)
    load_precedents(Settings().library())  # the bundled library, for the redline's precedent
    sessions = choose(parsed)
    seed_by_symbol = {r.symbol: r for r in seeds}
    sessions += [("seed", seed_by_symbol[s], "A/RES/67/169") for s in ("A/HRC/RES/53/11", "A/HRC/RES/23/3")]
    sessions = sessions[:3] if args.quick else sessions[: args.limit]

    library = [*seeds, *parsed.values()]
    checker = Checker.from_resolutions(library)
    completer = Completer.from_resolutions(library)
    index = PrecedentIndex.from_resolutions(library)
    real_paragraphs = sum(len(r.paragraphs) for r in library)
    folder = Path(home) / "out"
    folder.mkdir()
    passes = [run_pass(f"library of {len(library)} resolutions, {real_paragraphs:,} paragraphs", sessions, index,
                       library, folder, checker, completer)]
    if not args.quick and args.paragraphs > real_paragraphs:
        from benchmarks.bench_gui import synthetic_library

        padding = synthetic_library(library, args.paragraphs - real_paragraphs, random.Random(7))
        big = [*library, *padding]
        big_index = PrecedentIndex.from_resolutions(big)
        total = sum(len(r.paragraphs) for r in big)
        passes.append(run_pass(f"library padded to {total:,} paragraphs", sessions[: args.big_limit], big_index,
                               big, folder, checker, completer))
        queries = [p.text[:200] for _w, r, _s in sessions for p in r.paragraphs][::7][:40]
        naive = naive_pause_ms([p.text for r in big for p in r.paragraphs], queries, PrecedentPanel())
        ours = [ms for f in passes[-1] for ms in f.panel_ms]
        print(f"\nnaive (brute-force rapidfuzz on the UI thread, {len(queries)} pauses at {total:,} paragraphs): "
              f"p50 {statistics.median(naive):.0f} ms, p95 {sorted(naive)[round(0.95 * len(naive)) - 1]:.0f} ms; "
              f"ratio of p50 naive/ours {statistics.median(naive) / statistics.median(ours):.0f}x", flush=True)
    del app
    figures = [f for p in passes for f in p]
    broken = [f.name for f in figures if f.problems]
    missed = [f.name for f in figures if f.max_stall_ms > 50 or f.rss_growth_mb > 50 or f.none_drift < -50]
    last = passes[-1]
    panel = sorted(ms for f in last for ms in f.panel_ms)
    p95 = panel[max(0, round(0.95 * len(panel)) - 1)] if panel else 0.0
    print(f"\nsessions broken: {broken or 'none'}; stall/RSS/refcount targets missed: {missed or 'none'}; "
          f"panel p95 at the largest library {p95:.1f} ms (target 50)")
    return 1 if broken or missed or p95 > 50 else 0


if __name__ == "__main__":
    sys.exit(main())
