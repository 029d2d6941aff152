"""Search quality on the seeds: leave one resolution out, query with its paragraphs as typed.

For each seed in turn the other four are indexed; each of its paragraphs is a query after 6, 10 and 20
words and in full. The target is the closest paragraph among the other four (rapidfuzz ``ratio`` on the
normalised full texts); a query scores hit@k when the target is a source of one of the first k hits.
The same queries go through brute-force ``rapidfuzz.process.extract`` (``ratio`` and ``partial_ratio``)
over the same paragraphs (identical texts merged, as the index does).
"context" is the index given what a drafter's editor knows: the paragraph's kind and the previous
paragraph's top hit in the same leave-one-out run (``previous=``; that paragraph typed in full, as the
editor holds it when the drafter starts the next one); "index" has no context. Passing the kind means a
target of the other kind (which happens only where the paragraph has no real counterpart) cannot be hit.
Figures are printed for all queries and for those whose target is a real counterpart (ratio >= 70).
"reachable" bounds what any method can do that ranks first a text whose beginning matches the typed
words best (``ratio`` against each text cut to the query's length): the share of queries whose target is
among those best beginnings, and how many of them are ties the typed words cannot break (several texts
begin equally well and the target is one of them). Only context (the draft's run and affinity) or a prior
such as recency can break those ties.

    .venv/bin/python benchmarks/bench_search_quality.py [--corpus DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from penholder.parsing import parse_file
from penholder.paths import bundled_corpus_dir
from penholder.search import PrecedentIndex
from penholder.search.normalise import normalise

LENGTHS = (6, 10, 20, None)
COUNTERPART = 70.0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=bundled_corpus_dir())
    args = parser.parse_args(argv)
    resolutions = [parse_file(path) for path in sorted(args.corpus.glob("*.txt"))]
    methods = ("index", "context", "ratio", "partial_ratio")
    tallies = {(method, length, subset): [0, 0, 0] for method in methods for length in LENGTHS
               for subset in ("all", "counterpart")}
    times = {method: [] for method in methods}
    reachable = {(length, subset): [0, 0] for length in LENGTHS for subset in ("all", "counterpart")}
    for held_out in resolutions:
        others = [r for r in resolutions if r is not held_out]
        index = PrecedentIndex.from_resolutions(others)
        choices: dict[str, list[tuple[str, str, int]]] = {}
        for resolution in others:
            for paragraph in resolution.paragraphs:
                number = _number(resolution, paragraph)
                choices.setdefault(normalise(paragraph.full_text()), []).append(
                    (resolution.symbol, paragraph.kind, number))
        texts = list(choices)
        # With context: the paragraph's kind, and the top hit of the previous paragraph as the editor
        # holds it (typed in full, searched with its own context) -- what the panel passes as ``previous``.
        previous = None
        for paragraph in held_out.paragraphs:
            full = paragraph.full_text()
            best = process.extractOne(normalise(full), texts, scorer=fuzz.ratio)
            if best is None:
                continue
            target_text, similarity, _ = best
            targets = set(choices[target_text])
            subsets = ("all", "counterpart") if similarity >= COUNTERPART else ("all",)
            words = full.split()
            for length in LENGTHS:
                query = full if length is None or length >= len(words) else " ".join(words[:length])
                best_beginnings = _best_beginnings(normalise(query), texts)
                for subset in subsets:
                    reachable[(length, subset)][0] += target_text in best_beginnings
                    reachable[(length, subset)][1] += target_text in best_beginnings and len(best_beginnings) > 1
                ranked = {}
                started = time.perf_counter()
                hits = index.search(query, limit=5)
                times["index"].append(time.perf_counter() - started)
                ranked["index"] = _sources(hits)
                started = time.perf_counter()
                hits = index.search(query, limit=5, kind=paragraph.kind, previous=previous)
                times["context"].append(time.perf_counter() - started)
                ranked["context"] = _sources(hits)
                if length is None:
                    next_previous = hits[0] if hits else None
                for method, scorer in (("ratio", fuzz.ratio), ("partial_ratio", fuzz.partial_ratio)):
                    started = time.perf_counter()
                    found = process.extract(normalise(query), texts, scorer=scorer, limit=5)
                    times[method].append(time.perf_counter() - started)
                    ranked[method] = [set(choices[text]) for text, _, _ in found]
                for method in methods:
                    position = next((i for i, sources in enumerate(ranked[method]) if sources & targets), None)
                    for subset in subsets:
                        tally = tallies[(method, length, subset)]
                        tally[0] += 1
                        tally[1] += position == 0
                        tally[2] += position is not None
            previous = next_previous
    print(f"{len(resolutions)} resolutions, leave-one-out; hit@1 / hit@5 (queries)")
    for subset in ("all", "counterpart"):
        label = "all queries" if subset == "all" else f"queries with a counterpart (ratio >= {COUNTERPART:.0f})"
        print(f"\n{label}")
        print(f"{'length':>8}  " + "  ".join(f"{m:>22}" for m in methods))
        for length in LENGTHS:
            cells = []
            for method in methods:
                count, top1, top5 = tallies[(method, length, subset)]
                cells.append(f"{top1 / max(count, 1):.3f} / {top5 / max(count, 1):.3f} ({count})".rjust(22))
            print(f"{'full' if length is None else f'{length} words':>8}  " + "  ".join(cells))
        print("reachable (target among the best beginnings; of those, tied with other texts): " + ", ".join(
            f"{'full' if length is None else f'{length} words'} {reachable[(length, subset)][0] / count:.3f} "
            f"({reachable[(length, subset)][1] / count:.3f} tied)"
            for length in LENGTHS for count in [max(tallies[("index", length, subset)][0], 1)]))
    print("\nmedian ms per query: " + ", ".join(
        f"{method} {1000 * sorted(values)[len(values) // 2]:.2f}" for method, values in times.items() if values))
    return 0


def _best_beginnings(query: str, texts: list[str]) -> set[str]:
    """Return the texts whose beginning (cut to the query's length) matches ``query`` best."""
    scores = process.cdist([query], [text[:len(query)] for text in texts], scorer=fuzz.ratio)[0]
    best = scores.max()
    return {text for text, score in zip(texts, scores, strict=True) if score >= best}


def _sources(hits) -> list[set[tuple[str, str, int]]]:
    return [{(s["symbol"], s["kind"], s["number"]) for s in hit.sources()} for hit in hits]


def _number(resolution, paragraph) -> int:
    paragraphs = resolution.preambular if paragraph.kind == "preambular" else resolution.operative
    if paragraph.kind == "operative" and paragraph.number:
        return paragraph.number
    return next(i for i, p in enumerate(paragraphs, start=1) if p is paragraph)


if __name__ == "__main__":
    sys.exit(main())
