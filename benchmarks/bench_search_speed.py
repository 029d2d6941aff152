"""Search speed on synthetic libraries made from the seed paragraphs, against brute-force rapidfuzz.

For each size, paragraphs are made from the seeds' paragraphs by word substitutions (seed words, numbers,
symbols, made-up names), insertions, deletions and splicing, in synthetic resolutions of 60 paragraphs.
Reported: build time (paragraphs/s; big builds use worker processes, whose CPU time is reported apart),
size on disk of the saved index, then in a fresh process: cold open
(load + first query), RSS, and query latency median/p95 for 10-word prefixes and full paragraphs. Queries
are library paragraphs with one or two words changed; a query is recalled@5 when the paragraph it came
from (or, for prefixes, a paragraph beginning with the same words) is among the first five hits. The same
queries (a subset at large sizes) go through ``rapidfuzz.process.extract(query, texts, scorer=fuzz.ratio,
limit=5)`` in this process, the reference ratio.

    .venv/bin/python benchmarks/bench_search_speed.py --sizes 10000,100000,1000000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PREFIX_WORDS = 10
SYLLABLES = ["ka", "lo", "mi", "ra", "zu", "ten", "vor", "bel", "sa", "din", "gro", "pha"]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark for each size and print its figures; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated library sizes")
    parser.add_argument("--queries", type=int, default=200, help="queries per length")
    parser.add_argument("--brute-queries", type=int, default=0,
                        help="queries per length for brute force (default: all up to 100k, 20 above)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--serve", nargs=2, metavar=("FOLDER", "QUERIES"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        return _serve(Path(args.serve[0]), Path(args.serve[1]))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start "
          "(CPU times are this process's own, and its worker processes' apart: fairer figures when the "
          "machine is shared)")
    seeds = _seed_paragraphs()
    for size in (int(s) for s in args.sizes.split(",")):
        _bench_size(size, seeds, args)
    print(f"load average {os.getloadavg()[0]:.2f} at end")
    return 0


def _seed_paragraphs() -> list[tuple[str, int, str]]:
    from penholder.parsing import parse_file
    from penholder.paths import bundled_corpus_dir

    paragraphs = []
    for path in sorted(bundled_corpus_dir().glob("*.txt")):
        resolution = parse_file(path)
        for kind_number, group in enumerate((resolution.preambular, resolution.operative)):
            paragraphs.extend((p.lead, kind_number, p.full_text()) for p in group)
    return paragraphs


def synthetic_rows(size: int, seeds: list[tuple[str, int, str]], rng: random.Random):
    """Return (resolution infos newest first, paragraph rows) for a synthetic library of ``size`` paragraphs."""
    vocabulary = sorted({word for _, _, text in seeds for word in text.split()})
    per_resolution = 60
    count = (size + per_resolution - 1) // per_resolution
    infos = []
    for number in range(count):
        body = rng.choice(("GA", "HRC"))
        infos.append({"symbol": f"A/{'HRC/' if body == 'HRC' else ''}RES/{number // 200}/{number % 200 + 1}",
                      "body": body, "year": 2024 - number * 25 // count, "title": f"Synthetic {number % 500}",
                      "series": f"synthetic {number % 500}",
                      "adoption": {"mode": rng.choice(("without a vote", "recorded vote"))}})
    rows = []
    for position in range(size):
        lead, kind, text = rng.choice(seeds)
        words = text.split()
        for _ in range(rng.randint(1, 8)):
            operation = rng.random()
            at = rng.randrange(len(words))
            if operation < 0.45:
                words[at] = _new_word(rng, vocabulary)
            elif operation < 0.7:
                words.insert(at, _new_word(rng, vocabulary))
            elif operation < 0.9 and len(words) > 8:
                del words[at]
            else:
                other = rng.choice(seeds)[2].split()
                cut = rng.randrange(len(other))
                words = words[:max(at, 3)] + other[cut:]
        rows.append((position // per_resolution, kind, position % per_resolution + 1, lead, " ".join(words)))
    return infos, rows


def _new_word(rng: random.Random, vocabulary: list[str]) -> str:
    roll = rng.random()
    if roll < 0.7:
        return rng.choice(vocabulary)
    if roll < 0.85:
        return f"{rng.randint(1, 80)}/{rng.randint(1, 300)}"
    if roll < 0.93:
        return str(rng.randint(1945, 2030))
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _mutate(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    words = text.split()
    for _ in range(rng.randint(1, 2)):
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
    return " ".join(words)


def _bench_size(size: int, seeds, args) -> None:
    from rapidfuzz import fuzz, process

    from penholder.search import PrecedentIndex
    from penholder.search.normalise import normalise
    from penholder.search.preparing import worker_count

    rng = random.Random(args.seed + size)
    infos, rows = synthetic_rows(size, seeds, rng)
    load = os.getloadavg()[0]
    started, cpu, children_cpu = time.perf_counter(), time.process_time(), _children_cpu()
    index = PrecedentIndex.from_rows(infos, rows)
    build, build_cpu = time.perf_counter() - started, time.process_time() - cpu
    workers_cpu = _children_cpu() - children_cpu
    folder = Path(tempfile.mkdtemp(prefix="penholder-bench-"))
    try:
        started = time.perf_counter()
        index.save(folder / "index")
        saving = time.perf_counter() - started
        disk = sum(f.stat().st_size for f in (folder / "index").iterdir())
        vocabulary = sorted({word for _, _, text in seeds for word in text.split()})
        queries = []
        for _ in range(args.queries):
            paragraph = rng.randrange(size)
            full = _mutate(rows[paragraph][4], rng, vocabulary)
            # Mutate only beyond the prefix for prefix queries, so the target is knowable.
            prefix = " ".join(rows[paragraph][4].split()[:PREFIX_WORDS])
            queries.append({"paragraph": paragraph, "full": full, "prefix": prefix})
        prefix_groups: dict[str, set[int]] = {}
        wanted = {normalise(q["prefix"]) for q in queries}
        for group in range(len(index.group_texts)):
            start = " ".join(index.group_texts[group].split()[:PREFIX_WORDS])
            if start in wanted:
                prefix_groups.setdefault(start, set()).add(group)
        for query in queries:
            own = int(index.paragraph_group[query["paragraph"]])
            query["full_targets"] = [own]
            query["prefix_targets"] = sorted(prefix_groups.get(normalise(query["prefix"]), set()) | {own})
        query_file = folder / "queries.json"
        query_file.write_text(json.dumps(queries), encoding="utf-8")
        del index
        served = subprocess.run([sys.executable, __file__, "--serve", str(folder / "index"), str(query_file)],
                                check=True, capture_output=True, text=True)
        figures = json.loads(served.stdout)
        brute_count = args.brute_queries or (len(queries) if size <= 100_000 else 20)
        index = PrecedentIndex.load(folder / "index")
        texts = [index.group_texts[g] for g in range(len(index.group_texts))]
        brute = {}
        for length in ("prefix", "full"):
            times, cpu_times, recalled = [], [], 0
            for query in queries[:brute_count]:
                started, cpu = time.perf_counter(), time.process_time()
                found = process.extract(normalise(query[length]), texts, scorer=fuzz.ratio, limit=5)
                times.append(time.perf_counter() - started)
                cpu_times.append(time.process_time() - cpu)
                recalled += bool({position for _, _, position in found} & set(query[f"{length}_targets"]))
            brute[length] = (times, cpu_times, recalled / brute_count)
        print(f"\n== {size:,} paragraphs ({len(texts):,} distinct texts, {len(infos):,} resolutions)")
        workers = worker_count(size)
        print(f"build {build:.1f} s = {size / build:,.0f} paragraphs/s, "
              f"{'in this process' if workers == 1 else f'{workers} worker processes'}, load average {load:.2f} "
              f"at start (CPU {build_cpu:.1f} s here + {workers_cpu:.1f} s in worker processes = "
              f"{size / (build_cpu + workers_cpu):,.0f}/s); save {saving:.1f} s; on disk {disk / 1e6:.0f} MB")
        print(f"fresh process: cold open (load + first query) {figures['open_ms']:.0f} ms, "
              f"peak RSS {figures['peak_mb']:.0f} MB after the queries, of which private "
              f"{figures['anon_mb']:.0f} MB and {figures['file_mb']:.0f} MB pages of the mapped index files "
              "(shared, reclaimable)")
        for length, label in (("prefix", f"{PREFIX_WORDS}-word prefix"), ("full", "full paragraph")):
            ours = figures[length]
            times, cpu_times, recall = brute[length]
            ratio = statistics.median(times) * 1000 / statistics.median(ours["ms"][:brute_count])
            cpu_ratio = statistics.median(cpu_times) * 1000 / statistics.median(ours["cpu_ms"][:brute_count])
            print(f"{label:>16}: index median {statistics.median(ours['ms']):.1f} ms, "
                  f"p95 {_p95(ours['ms']):.1f} ms (CPU median {statistics.median(ours['cpu_ms']):.1f}, "
                  f"p95 {_p95(ours['cpu_ms']):.1f}), recall@5 {ours['recall']:.3f} ({len(ours['ms'])} queries) | "
                  f"brute force ratio median {statistics.median(times) * 1000:.0f} ms, recall@5 {recall:.3f} "
                  f"({brute_count} queries; index on those {_recall(ours, brute_count):.3f}) | "
                  f"{ratio:,.0f}x faster (CPU {cpu_ratio:,.0f}x)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _serve(folder: Path, query_file: Path) -> int:
    """In a fresh process: open the saved index, run the queries, print figures as JSON."""
    started = time.perf_counter()
    from penholder.search import PrecedentIndex

    index = PrecedentIndex.load(folder)
    queries = json.loads(query_file.read_text(encoding="utf-8"))
    index.search(queries[0]["prefix"])
    figures = {"open_ms": (time.perf_counter() - started) * 1000}
    for length in ("prefix", "full"):
        times, cpu_times, hits_per_query = [], [], []
        for query in queries:
            began, cpu = time.perf_counter(), time.process_time()
            hits = index.search(query[length], limit=5)
            times.append((time.perf_counter() - began) * 1000)
            cpu_times.append((time.process_time() - cpu) * 1000)
            groups = set()
            for hit in hits:
                paragraph = index.find_paragraph(hit.symbol, hit.kind, hit.number)
                groups.add(int(index.paragraph_group[paragraph]))
            hits_per_query.append(bool(groups & set(query[f"{length}_targets"])))
        figures[length] = {"ms": times, "cpu_ms": cpu_times, "hits": hits_per_query,
                           "recall": sum(hits_per_query) / len(hits_per_query)}
    figures.update(_memory())
    print(json.dumps(figures))
    return 0


def _children_cpu() -> float:
    """Return the CPU time (user + system) of this process's children that have ended and been waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _memory() -> dict[str, float]:
    """Return this process's resident memory split into private (anonymous) and mapped-file pages, MB."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the (large) parent process.
    figures = {"anon_mb": float("nan"), "file_mb": float("nan"), "peak_mb": float("nan")}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            name = line.split(":")[0]
            if name in ("RssAnon", "RssFile", "VmHWM"):
                figures[{"RssAnon": "anon_mb", "RssFile": "file_mb", "VmHWM": "peak_mb"}[name]] = (
                    int(line.split()[1]) / 1024)
    except OSError:
        pass
    return figures


def _recall(ours: dict, count: int) -> float:
    return sum(ours["hits"][:count]) / count


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


if __name__ == "__main__":
    sys.exit(main())
