"""Benchmark: parse the 1,202 GA texts of ../shared/corpus/ga-78-80-text; print files/s and clean share.

Run: ``.venv/bin/python benchmarks/bench_parse.py [FOLDER]``. "Clean" means parsed without error, with
operative paragraphs numbered 1..N and at least one paragraph. The naive way measured in the same run
is reading each file and cutting it at blank lines, the least any parser must do.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from penholder.errors import ParseError
from penholder.parsing import parse_file

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ga-78-80-text"


def _naive(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    return len([b for b in re.split(r"\n\s*\n", text) if b.strip()])


def main(argv: list[str]) -> int:
    """Run the benchmark; return the exit code."""
    folder = Path(argv[0]) if argv else DEFAULT
    files = sorted(folder.glob("*.txt"))
    if not files:
        print(f"no .txt files in {folder}", file=sys.stderr)
        return 1
    start = time.perf_counter()
    for path in files:
        _naive(path)
    naive_seconds = time.perf_counter() - start

    clean = errors = 0
    start = time.perf_counter()
    for path in files:
        try:
            resolution = parse_file(path)
        except ParseError:
            errors += 1
            continue
        numbers = [p.number for p in resolution.operative if p.number is not None]
        if resolution.paragraphs and numbers == list(range(1, len(numbers) + 1)):
            clean += 1
    seconds = time.perf_counter() - start
    count = len(files)
    print(f"files: {count}")
    print(f"parse: {seconds:.2f} s, {count / seconds:.0f} files/s ({seconds / count * 1000:.1f} ms/file)")
    print(f"naive blank-line split: {naive_seconds:.2f} s; parse costs {seconds / naive_seconds:.0f}x the naive way")
    print(f"parsed cleanly: {clean}/{count} = {clean / count:.1%}; ParseError: {errors} ({errors / count:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
