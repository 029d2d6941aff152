"""Completion speed on a 100k-paragraph library: ``python benchmarks/bench_completion.py [PARAGRAPHS]``.

The library is the bundled seeds plus the shared GA corpus (when ../shared is present), repeated with a
varied word until it holds the wanted number of paragraphs. Prints the build time, the time per request
(median, 95th percentile, worst) and the same requests done the naive way (scan every paragraph and count
the next words), with the ratio.
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from penholder.completion import Completer, tokens
from penholder.errors import ParseError
from penholder.parsing import parse_file
from penholder.paths import bundled_corpus_dir

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PENHOLDER_SHARED", ROOT.parent / "shared"))
QUERIES = ["", "Re", "Recalling", "Recalling ", "Recalling also ", "Requests the", "Also", "Decides to",
           "Calls upon States to", "Noting with", "Expressing deep concern", "3. Urges", "Takes note of the"]


def openings(limit_files: int | None = None) -> list[tuple[str, str]]:
    """Return (kind, text) of every paragraph of the seeds and, when present, the shared GA corpus."""
    paths = sorted(bundled_corpus_dir().glob("*.txt"))
    shared = SHARED / "corpus" / "ga-78-80-text"
    if shared.is_dir():
        paths += sorted(shared.glob("*.txt"))[:limit_files]
    found = []
    for path in paths:
        try:
            resolution = parse_file(path)
        except ParseError:
            continue
        found += [(p.kind, p.text) for p in resolution.paragraphs]
    return found


def grown(base: list[tuple[str, str]], size: int) -> list[tuple[str, str]]:
    """Return ``size`` paragraphs: the base ones, then copies with one later word varied."""
    rng = random.Random(7)
    out = list(base)
    while len(out) < size:
        kind, text = base[len(out) % len(base)]
        words = text.split()
        if len(words) > 4:
            words[rng.randrange(3, len(words))] = f"w{rng.randrange(10_000)}"
        out.append((kind, " ".join(words)))
    return out[:size]


def naive(library: list[tuple[str, list[str]]], prefix: str) -> list[tuple[str, int]]:
    """Return the most frequent next words after ``prefix`` by scanning every paragraph."""
    wanted = [w.lower() for w in tokens(prefix)]
    counts: Counter[str] = Counter()
    for _kind, words in library:
        if words[: len(wanted)] == wanted and len(words) > len(wanted):
            counts[words[len(wanted)]] += 1
    return counts.most_common(5)


def timed(function, repeat: int = 5) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    start = time.perf_counter()
    base = openings()
    print(f"parsed {len(base):,} paragraphs in {time.perf_counter() - start:.1f} s")
    library = grown(base, size)
    start = time.perf_counter()
    completer = Completer(library)
    print(f"built a completer over {len(completer):,} paragraphs in {time.perf_counter() - start:.2f} s")
    # The library is long-lived in the app: move it out of the collector's way, as the app can, so the
    # figures measure completion rather than a full garbage collection of the benchmark's own lists.
    gc.collect()
    gc.freeze()
    per_query = {query: timed(lambda q=query: completer.complete(q)) for query in QUERIES}
    fast = [t for times in per_query.values() for t in times]
    lowered = [(kind, [w.lower() for w in tokens(text)]) for kind, text in library]
    slow = [t for query in QUERIES for t in timed(lambda q=query: naive(lowered, q), repeat=1)]
    fast.sort()
    print(f"complete(): median {statistics.median(fast):.2f} ms, p95 {fast[int(len(fast) * 0.95)]:.2f} ms, "
          f"worst {fast[-1]:.2f} ms over {len(fast)} requests ({len(QUERIES)} prefixes)")
    slowest = max(per_query, key=lambda q: max(per_query[q]))
    print(f"  slowest prefix {slowest!r}: " + ", ".join(f"{t:.2f}" for t in per_query[slowest]) + " ms")
    print(f"naive scan: median {statistics.median(slow):.1f} ms, worst {max(slow):.1f} ms")
    print(f"ratio (naive / completer, medians): {statistics.median(slow) / statistics.median(fast):.0f}x")
    for query in ("Recalling", "Requests the"):
        print(f"  {query!r:>16} -> " + "; ".join(f"{s.text} ({s.count})" for s in completer.complete(query)))


if __name__ == "__main__":
    main()
