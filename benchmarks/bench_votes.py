"""Benchmark the GA voting-data import on a generated file of 900,000 rows in the real Member-State layout.

Run: ``.venv/bin/python benchmarks/bench_votes.py`` (``--rows N`` for another size, ``--keep DIR`` to keep
the generated file there and reuse it). The file has the UN header (with ``vote_note``), 193 States per
resolution, float totals, quoted titles with commas and ES-10 sessions, about 370 bytes a row as in the
real file. Each measurement runs in a fresh process so its peak memory (``ru_maxrss``) is its own:
``penholder library votes`` into a new library (read, check, store in one transaction), next to
``csv.DictReader`` reading the same file once and doing nothing else. Targets: import <= 15 s, peak <= 200 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = ["undl_id", "ms_code", "ms_name", "ms_vote", "date", "session", "resolution", "draft",
          "committee_report", "meeting", "title", "agenda_title", "subjects", "vote_note", "total_yes", "total_no",
          "total_abstentions", "total_non_voting", "total_ms", "undl_link"]
STATES = 193


def generate(path: Path, rows: int, seed: int = 4060887) -> int:
    """Write ``rows`` rows (193 a resolution) in the Member-State layout; return the resolutions written."""
    rng = random.Random(seed)
    states = [(f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}X", f"MEMBER STATE NUMBER {n}, REPUBLIC OF")
              for n in range(STATES)]
    resolutions = -(-rows // STATES)
    written = 0
    numbers: dict[str, int] = {}
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(resolutions):
            session = 31 + number * 49 // resolutions
            emergency = number % 97 == 0
            name = "ES-10" if emergency else str(session)
            numbers[name] = numbers.get(name, 0) + 1
            symbol = f"A/RES/{name}/{numbers[name]}"
            votes = [rng.choice("YYYYYYNAAX") for _ in states]
            totals = [f"{votes.count(x)}.0" for x in "YNAX"]
            fields = [str(4_000_000 + number), None, None, None, f"{1976 + session - 31}-12-{number % 28 + 1:02d}",
                      "ES-10" if emergency else str(session), symbol, f"A/{session}/L.{number % 90 + 1}",
                      f"A/{session}/4{number % 90:02d}/Add.1", f"A/{session}/PV.{number % 100 + 1}",
                      f"Resolution on item {number}, including \"quoted\" words : resolution / adopted by the "
                      "General Assembly", f"Agenda item {number % 170}, its sub-item (b)",
                      "HUMAN RIGHTS--DEVELOPMENT--INTERNATIONAL COOPERATION", "", *totals, f"{len(states)}.0",
                      f"https://digitallibrary.un.org/record/{4_000_000 + number}"]
            for (code, name), vote in zip(states, votes):
                if written == rows:
                    break
                fields[1:4] = code, name, vote
                writer.writerow(fields)
                written += 1
    return resolutions


def child(args: argparse.Namespace) -> None:
    """Run one measurement in this (fresh) process and print it as JSON."""
    start, start_cpu = time.perf_counter(), time.process_time()
    if args.child == "dictreader":
        with open(args.file, encoding="utf-8", newline="") as handle:
            count = sum(1 for _row in csv.DictReader(handle))
        result = {"rows": count}
    else:
        from penholder.library import Library

        with Library.open(Path(args.library), fill=False) as library:
            report = library.import_votes(args.file)
        result = {"rows": report.rows, "resolutions": report.resolutions}
    result.update(seconds=time.perf_counter() - start, cpu=time.process_time() - start_cpu,
                  peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result))


def measure(*arguments: str) -> dict:
    """Run ``child`` in a new process; return its figures."""
    done = subprocess.run([sys.executable, __file__, *arguments], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=900_000)
    parser.add_argument("--keep", type=Path, help="folder for the generated file (kept, reused)")
    parser.add_argument("--child", choices=("dictreader", "import"), help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--library", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-votes-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        data = folder / f"ga-votes-{args.rows}.csv"
        if not data.exists():
            began = time.perf_counter()
            generate(data, args.rows)
            print(f"generated {data.name}: {data.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - began:.1f} s")
        naive = measure("--child", "dictreader", "--file", str(data))
        library = Path(scratch) / "library.sqlite3"
        ours = measure("--child", "import", "--file", str(data), "--library", str(library))
        size = library.stat().st_size / 1e6
        megabytes = data.stat().st_size / 1e6
    print(f"file: {args.rows:,} rows, {megabytes:.0f} MB, "
          f"{ours['resolutions']:,} resolutions; cores {os.cpu_count()}, load {os.getloadavg()[0]:.1f}")
    print(f"csv.DictReader, read once:  {naive['seconds']:6.1f} s wall, {naive['cpu']:6.1f} s CPU, "
          f"peak {naive['peak_mb']:5.0f} MB")
    print(f"penholder library votes:    {ours['seconds']:6.1f} s wall, {ours['cpu']:6.1f} s CPU, "
          f"peak {ours['peak_mb']:5.0f} MB  ({ours['seconds'] / naive['seconds']:.2f}x DictReader's time; "
          f"library file {size:.1f} MB)")
    met = ours["seconds"] <= 15 and ours["peak_mb"] <= 200
    print(f"targets (import <= 15 s, peak <= 200 MB): {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
