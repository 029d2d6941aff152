"""Search quality: paragraphs queried as typed, against the closest earlier paragraph.

Two setups, the same measure:

* seeds (default): for each seed in turn the other four are indexed, and its paragraphs are the queries.
  A line per held-out seed follows the table: holding out the newest (53/11) against the four earlier
  ones is what a drafter does; holding out an older one puts its later versions in the index, and a
  middle one has near-copies on both sides that its first words cannot tell apart.
* ``--held-out-session 80``: the adopted GA resolutions of ``../shared/corpus/ga-78-80-text`` from the
  sessions before 80 are indexed; the paragraphs of session 80's resolutions are the queries (a sample of
  whole resolutions, ``--queries``). This is real data the ranking was never tuned on; the seeds are one
  linear series of five versions.

Each paragraph is a query after 6, 10 and 20 words and in full. The target is the closest indexed
paragraph (rapidfuzz ``ratio`` on the normalised full texts); where several texts are exactly as close
(a "for 2024" and a "for 2025" for a "for 2026") each of them counts. A query scores hit@k when a target
is a source of one of the first k hits. The same queries go through brute-force rapidfuzz (``ratio`` and
``partial_ratio``, ``process.cdist`` on all cores) over the same paragraphs, identical texts merged as
the index does. Held out, ``partial_ratio`` on whole paragraphs is left out (about half an hour).
"context" is the index given what the side panel passes: the previous paragraph's top hit in the same
run (``previous=``; that paragraph typed in full, as the editor holds it when the drafter starts the next
one), which carries the draft's run and affinity; "index" has no context. ``--kind`` also passes the
paragraph's kind, a filter the panel leaves to the drafter (an operative "Welcomes" often has its closest
precedent in a preambular "Welcoming"): then a target of the other kind cannot be hit.
Figures are printed for all queries and for those whose target is a real counterpart (ratio >= 70).
"reachable" bounds what any method can do that ranks first a text whose beginning matches the typed
words best (``ratio`` against each text cut to the query's length): the share of queries with a target
among those best beginnings, and how many of them are ties the typed words cannot break (several texts
begin equally well). Only context (the draft's run and affinity) or a prior such as recency can break
those ties.

    .venv/bin/python benchmarks/bench_search_quality.py [--corpus DIR]
    .venv/bin/python benchmarks/bench_search_quality.py --held-out-session 80 [--queries 400] [--no-brute]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from penholder.errors import PenholderError
from penholder.parsing import parse_file
from penholder.paths import bundled_corpus_dir
from penholder.search import PrecedentIndex
from penholder.search.normalise import normalise

LENGTHS = (6, 10, 20, None)
COUNTERPART = 70.0
SUBSETS = ("all", "counterpart")
GA_TEXTS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ga-78-80-text"
BRUTE = {"ratio": fuzz.ratio, "partial_ratio": fuzz.partial_ratio}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table; return 0 (1 when the held-out texts are missing)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=bundled_corpus_dir(), help="seed resolutions")
    parser.add_argument("--held-out-session", type=int, metavar="N",
                        help="query GA session N against the GA sessions before it")
    parser.add_argument("--ga-texts", type=Path, default=GA_TEXTS, help="folder of A-RES-<session>-<n>.txt")
    parser.add_argument("--queries", type=int, default=400,
                        help="held out: about this many paragraphs, whole resolutions drawn at random (0: all)")
    parser.add_argument("--seed", type=int, default=1, help="held out: the random draw")
    parser.add_argument("--no-brute", action="store_true", help="leave out brute force")
    parser.add_argument("--kind", action="store_true", help="context also filters by the paragraph's kind")
    parser.add_argument("--show-misses", action="store_true",
                        help="print each query with a counterpart whose target is not in the first 5 hits with context")
    args = parser.parse_args(argv)
    if args.held_out_session is None:
        resolutions = [parse_file(path) for path in sorted(args.corpus.glob("*.txt"))]
        runs = [([r for r in resolutions if r is not held], [held]) for held in resolutions]
        title = f"{len(resolutions)} resolutions, leave-one-out"
    else:
        if not args.ga_texts.is_dir():
            print(f"No GA texts at {args.ga_texts}: the held-out setup needs ../shared/ (or --ga-texts).")
            return 1
        library, queried = _held_out(args.ga_texts, args.held_out_session, args.queries, args.seed)
        runs = [(library, queried)]
        title = (f"GA session {args.held_out_session} held out: {len(library)} earlier resolutions indexed, "
                 f"{len(queried)} of session {args.held_out_session} queried (draw {args.seed})")
    methods = ("index", "context") + (() if args.no_brute else tuple(BRUTE))
    tally = Tally(methods)
    per_run = []
    for library, queried in runs:
        run = Tally(methods)
        _evaluate(library, queried, run, brute_full=args.held_out_session is None, show_misses=args.show_misses,
                  kind=args.kind)
        tally.merge(run)
        per_run.append((queried, run))
    tally.print(title)
    if len(per_run) > 1:
        print("\nper held-out resolution, queries with a counterpart, with context: hit@1 / hit@5 "
              "(drafting the newest version against the earlier ones is the drafter's case)")
        for queried, run in per_run:
            print(f"  {', '.join(f'{r.symbol} ({r.year})' for r in queried)}: " + ", ".join(
                f"{_label(length)} {run.rate('context', length)}" for length in (10, None)))
    return 0


def _held_out(folder: Path, session: int, queries: int, seed: int):
    """Return (earlier resolutions, a random draw of whole resolutions of ``session``)."""
    library, candidates, refused = [], [], 0
    for path in sorted(folder.glob("A-RES-*.txt")):
        found = re.match(r"A-RES-(\d+)-", path.name)
        if found is None or int(found.group(1)) > session:
            continue
        try:
            resolution = parse_file(path)
        except PenholderError:
            refused += 1
            continue
        (candidates if int(found.group(1)) == session else library).append(resolution)
    if refused:
        print(f"({refused} files refused by the parser: amendments, decisions)")
    random.Random(seed).shuffle(candidates)
    queried, count = [], 0
    for resolution in candidates:
        if queries and count >= queries:
            break
        queried.append(resolution)
        count += len(resolution.paragraphs)
    return library, queried


class Tally:
    """hit@1 / hit@5 counts per method, length and subset; "reachable" counts; time per query."""

    def __init__(self, methods: tuple[str, ...]) -> None:
        self.methods = methods
        self.hits = {(m, length, s): [0, 0, 0] for m in methods for length in LENGTHS for s in SUBSETS}
        self.reachable = {(length, s): [0, 0] for length in LENGTHS for s in SUBSETS}
        self.times: dict[str, list[float]] = {m: [] for m in methods}

    def add(self, method: str, length: int | None, subsets, position: int | None) -> None:
        for subset in subsets:
            counts = self.hits[(method, length, subset)]
            counts[0] += 1
            counts[1] += position == 0
            counts[2] += position is not None

    def merge(self, other: Tally) -> None:
        for key, counts in other.hits.items():
            self.hits[key] = [a + b for a, b in zip(self.hits[key], counts)]
        for key, counts in other.reachable.items():
            self.reachable[key] = [a + b for a, b in zip(self.reachable[key], counts)]
        for method, values in other.times.items():
            self.times[method].extend(values)

    def rate(self, method: str, length: int | None, subset: str = "counterpart") -> str:
        count, top1, top5 = self.hits[(method, length, subset)]
        return f"{top1 / count:.3f} / {top5 / count:.3f} ({count})" if count else "-"

    def print(self, title: str) -> None:
        print(f"{title}; hit@1 / hit@5 (queries)")
        for subset in SUBSETS:
            label = "all queries" if subset == "all" else f"queries with a counterpart (ratio >= {COUNTERPART:.0f})"
            print(f"\n{label}")
            print(f"{'length':>8}  " + "  ".join(f"{m:>22}" for m in self.methods))
            for length in LENGTHS:
                print(f"{_label(length):>8}  " + "  ".join(
                    self.rate(method, length, subset).rjust(22) for method in self.methods))
            print("reachable (a target among the best beginnings; of those, tied with other texts): " + ", ".join(
                f"{_label(length)} {self.reachable[(length, subset)][0] / count:.3f} "
                f"({self.reachable[(length, subset)][1] / count:.3f} tied)"
                for length in LENGTHS for count in [max(self.hits[("index", length, subset)][0], 1)]))
        print("\nmedian ms per query: " + ", ".join(
            f"{method} {1000 * float(np.median(values)):.2f}" for method, values in self.times.items() if values)
            + (" (brute force: one process.cdist per resolution and length on all cores, divided by its queries)"
               if set(BRUTE) & set(self.methods) else ""))


def _evaluate(library, queried, tally: Tally, *, brute_full: bool, show_misses: bool = False,
              kind: bool = False) -> None:
    """Index ``library``, query it with every paragraph of ``queried`` and count into ``tally``."""
    index = PrecedentIndex.from_resolutions(library)
    choices: dict[str, list[tuple[str, str, int]]] = {}
    for resolution in library:
        for paragraph in resolution.paragraphs:
            choices.setdefault(normalise(paragraph.full_text()), []).append(
                (resolution.symbol, paragraph.kind, _number(resolution, paragraph)))
    texts = list(choices)
    for resolution in queried:
        paragraphs = resolution.paragraphs
        if not paragraphs:
            continue
        scores = process.cdist([normalise(p.full_text()) for p in paragraphs], texts, scorer=fuzz.ratio, workers=-1)
        closest = scores.max(axis=1)
        target_texts = [{texts[j] for j in np.flatnonzero(row >= best)} for row, best in zip(scores, closest)]
        targets = [set().union(*(choices[text] for text in found)) for found in target_texts]
        subsets = [SUBSETS if best >= COUNTERPART else SUBSETS[:1] for best in closest]
        del scores
        contexts = [{"kind": p.kind} if kind else {} for p in paragraphs]
        # Each paragraph typed in full, with context: the editor holds it so when the drafter starts the
        # next one, whose ``previous`` its top hit is, whatever length the next one is typed to.
        whole, previous = [], None
        for paragraph, context in zip(paragraphs, contexts):
            started = time.perf_counter()
            hits = index.search(paragraph.full_text(), limit=5, previous=previous, **context)
            whole.append((hits, previous, time.perf_counter() - started))
            previous = hits[0] if hits else None
        for length in LENGTHS:
            typed = [_typed(p.full_text(), length) for p in paragraphs]
            normalised = [normalise(q) for q in typed]
            ranked: dict[str, list[list[set]]] = {m: [] for m in tally.methods}
            for method, scorer in BRUTE.items():
                if method not in tally.methods or (method == "partial_ratio" and length is None and not brute_full):
                    continue
                started = time.perf_counter()
                brute = process.cdist(normalised, texts, scorer=scorer, workers=-1)
                top = np.argsort(-brute, axis=1, kind="stable")[:, :5]
                tally.times[method].append((time.perf_counter() - started) / len(typed))
                ranked[method] = [[set(choices[texts[j]]) for j in row] for row in top]
            for i, query in enumerate(typed):
                best_beginnings = _best_beginnings(normalised[i], texts)
                for subset in subsets[i]:
                    reached = bool(best_beginnings & target_texts[i])
                    tally.reachable[(length, subset)][0] += reached
                    tally.reachable[(length, subset)][1] += reached and len(best_beginnings) > 1
                started = time.perf_counter()
                ranked["index"].append(_sources(index.search(query, limit=5)))
                tally.times["index"].append(time.perf_counter() - started)
                hits, previous, elapsed = whole[i]
                if length is not None:
                    started = time.perf_counter()
                    hits = index.search(query, limit=5, previous=previous, **contexts[i])
                    elapsed = time.perf_counter() - started
                tally.times["context"].append(elapsed)
                ranked["context"].append(_sources(hits))
            for method, lists in ranked.items():
                for i, hit_sources in enumerate(lists):
                    position = next((k for k, sources in enumerate(hit_sources) if sources & targets[i]), None)
                    tally.add(method, length, subsets[i], position)
                    if show_misses and method == "context" and position is None and len(subsets[i]) > 1:
                        _show_miss(resolution, paragraphs[i], typed[i], target_texts[i], closest[i], lists[i])


def _show_miss(resolution, paragraph, query, target_texts, closest, hit_sources) -> None:
    print(f"miss: {resolution.symbol} {paragraph.kind} {_number(resolution, paragraph)} "
          f"(closest ratio {closest:.0f}, {len(target_texts)} target text(s))\n  typed:  {query}\n"
          f"  target: {min(target_texts)[:160]}\n  hit 1:  {sorted(hit_sources[0]) if hit_sources else None}")


def _typed(full: str, length: int | None) -> str:
    """Return ``full`` as typed after ``length`` words (None: in full)."""
    words = full.split()
    return full if length is None or length >= len(words) else " ".join(words[:length])


def _label(length: int | None) -> str:
    return "full" if length is None else f"{length} words"


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
