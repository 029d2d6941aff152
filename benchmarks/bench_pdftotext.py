"""Benchmark: the text drafters actually have, pdftotext output, against Penholder's own PDF reader (issue 18).

Run: ``.venv/bin/python benchmarks/bench_pdftotext.py [--derived N] [--seed S] [--show-misses]``.

1. Each of the 22 official PDFs in ``../shared/corpus/pdf`` through ``pdftotext`` and ``pdftotext -layout``
   (into a temporary folder): a line per file and mode with the preambular / operative / footnote counts
   against the PDF reader's, the paragraphs below 0.98 word similarity, whether each paragraph cites the
   same notes, whether the final paragraph is whole and the metadata the same. The naive way, same run,
   is the parser without the pdftotext step (the issue's "before" figures). The same text without its
   form feeds stands for a PDF viewer's copy.
2. N adopted GA resolutions (default all of them) re-set as pdftotext of an older layout
   (``tests/parsing/older_layout.py``, seeded): the share whose counts are exactly the source's, with
   and without the pdftotext step, and the misses.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.parsing.older_layout import older_layout  # noqa: E402
from tests.parsing.pdftotext_check import MODES, compare, counts, have_pdftotext, pdftotext  # noqa: E402

from penholder.errors import ParseError  # noqa: E402
from penholder.parsing import parse_file, parse_text  # noqa: E402
from penholder.readers import read_resolution  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"


def _without_step():
    """Return a context in which the parser does not recognise pdftotext output (the naive way)."""
    return mock.patch("penholder.parsing.document.looks_like_pdftotext", return_value=False)


def _parse(text: str):
    try:
        return parse_text(text)
    except ParseError:
        return None


def official_pdfs() -> None:
    """Print a line per PDF and mode, then the totals."""
    pdfs = sorted((SHARED / "pdf").glob("*.pdf"))
    totals = {mode: dict(files=0, counts=0, good=0, notes=0, final=0, meta=0, found=0, footnotes=0,
                         paragraphs=0, low=0, naive_counts=0, naive_found=0, naive_pp_op=0,
                         viewer=0, viewer_low=0, seconds=0.0) for mode in MODES}
    print(f"{'file':16} {'mode':6} {'PDF reader':>12} {'pdftotext':>12} {'<0.98':>5} {'min':>5} notes final meta"
          f"   naive")
    with tempfile.TemporaryDirectory() as folder:
        for pdf in pdfs:
            reference = read_resolution(pdf)
            for mode in MODES:
                text = pdftotext(pdf, Path(folder) / f"{pdf.stem}.{mode}.txt", mode).read_text("utf-8")
                start = time.perf_counter()
                got = parse_text(text)
                seconds = time.perf_counter() - start
                with _without_step():
                    naive = _parse(text)
                result = compare(reference, got)
                t = totals[mode]
                t["files"] += 1
                t["counts"] += result.counts_same
                t["good"] += result.counts_same and result.low == 0 and result.final_whole
                t["notes"] += result.notes_same
                t["final"] += result.final_whole
                t["meta"] += result.metadata_same
                t["found"] += len(got.footnotes)
                t["footnotes"] += len(reference.footnotes)
                t["paragraphs"] += len(result.similarities)
                t["low"] += result.low
                t["seconds"] += seconds
                # a PDF viewer's copy: the same text without form feeds
                viewer = compare(reference, parse_text(text.replace("\f", "\n")))
                t["viewer"] += viewer.counts_same and viewer.notes_same and viewer.final_whole and viewer.metadata_same
                t["viewer_low"] += viewer.low
                naive_counts = counts(naive) if naive else None
                t["naive_counts"] += naive_counts == result.reference
                t["naive_pp_op"] += naive_counts is not None and naive_counts[:2] == result.reference[:2]
                t["naive_found"] += len(naive.footnotes) if naive else 0
                print(f"{pdf.stem:16} {mode:6} {str(result.reference):>12} {str(result.got):>12} {result.low:5d} "
                      f"{min(result.similarities, default=1):5.3f} {'same' if result.notes_same else 'DIFF':5} "
                      f"{'whole' if result.final_whole else 'CUT':5} {'same' if result.metadata_same else 'DIFF':4}"
                      f"   {naive_counts}")
    for mode, t in totals.items():
        print(f"\n{mode}: same PP/OP/footnote counts as the PDF reader {t['counts']}/{t['files']}; "
              f"footnotes {t['found']}/{t['footnotes']}; paragraphs below 0.98 word similarity "
              f"{t['low']}/{t['paragraphs']}; every paragraph >= 0.98 and final whole {t['good']}/{t['files']}; "
              f"notes per paragraph the same {t['notes']}/{t['files']}; final paragraph whole "
              f"{t['final']}/{t['files']}; metadata the same {t['meta']}/{t['files']}; "
              f"{t['seconds'] / max(t['files'], 1) * 1000:.0f} ms a file")
        print(f"{mode}, as a PDF viewer copies it (no form feeds): counts, notes, final paragraph and metadata "
              f"the same {t['viewer']}/{t['files']}; paragraphs below 0.98 {t['viewer_low']}/{t['paragraphs']}")
        print(f"{mode}, naive way (no pdftotext step): same PP/OP counts {t['naive_pp_op']}/{t['files']}, "
              f"and footnote counts {t['naive_counts']}/{t['files']}; "
              f"footnotes {t['naive_found']}/{t['footnotes']}")


def derived(count: int | None, seed: int, show: bool) -> None:
    """Print the share of older-layout inputs whose counts are exactly their source's."""
    files = sorted((SHARED / "ga-78-80-text").glob("A-RES-*.txt"))
    if count is not None:
        files = random.Random(seed).sample(files, min(count, len(files)))
    exact = naive_exact = viewer_exact = tried = 0
    misses = []
    start = time.perf_counter()
    for index, path in enumerate(files):
        try:
            source = parse_file(path)
        except ParseError:
            continue
        tried += 1
        text = older_layout(source, seed * 100_003 + index)
        got = _parse(text)
        with _without_step():
            naive = _parse(text)
        want = counts(source)
        if got is not None and counts(got) == want:
            exact += 1
        else:
            misses.append((path.name, want, counts(got) if got else None))
        naive_exact += naive is not None and counts(naive) == want
        viewer = _parse(text.replace("\f", "\n"))  # as a PDF viewer copies it: no form feeds
        viewer_exact += viewer is not None and counts(viewer) == want
    seconds = time.perf_counter() - start
    print(f"\nolder layout derived from {tried} adopted GA resolutions (seed {seed}): exact counts "
          f"{exact}/{tried} = {exact / max(tried, 1):.1%}; naive way {naive_exact}/{tried} = "
          f"{naive_exact / max(tried, 1):.1%}; without form feeds (a viewer's copy) {viewer_exact}/{tried} = "
          f"{viewer_exact / max(tried, 1):.1%}; {seconds:.1f} s")
    for name, want, got in misses if show else misses[:10]:
        print(f"  miss {name}: source {want}, derived {got}")


def main(argv: list[str]) -> int:
    """Run the benchmark; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--derived", type=int, default=None, help="how many GA resolutions to re-set (all)")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--skip-pdfs", action="store_true")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"no shared corpus at {SHARED}", file=sys.stderr)
        return 1
    if not args.skip_pdfs:
        if not have_pdftotext():
            print("pdftotext (poppler-utils) is not installed", file=sys.stderr)
            return 1
        official_pdfs()
    derived(args.derived, args.seed, args.show_misses)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
