"""Benchmark: parse the 1,202 GA texts of ../shared/corpus/ga-78-80-text; print files/s and clean share.

Run: ``.venv/bin/python benchmarks/bench_parse.py [FOLDER]``. "Clean" means parsed without error, with
operative paragraphs numbered 1..N (restarting per section) and at least one paragraph; "counts look
right" compares the operative count with a plain scan of the raw text's numbered lines. The naive way measured in the same run
is reading each file and cutting it at blank lines, the least any parser must do.
"""

from __future__ import annotations

import itertools
import re
import sys
import time
from pathlib import Path

from penholder.errors import ParseError
from penholder.parsing import parse_file

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ga-78-80-text"


_END = re.compile(r"^\s*(?:\d+(?:st|nd|rd|th) (?:\(resumed\) )?plenary meeting|Annex)\b", re.MULTILINE)
_NUMBERED = re.compile(r"^[ \t]*(\d{1,3})(?:\.(?:[ \t]*$|[ \t]+[A-Z])|[ \t]*\n[ \t]*[A-Z])", re.MULTILINE)


def _numbered_in_raw(text: str) -> int:
    """Count operative numbers in the raw text before the adoption line (1, 2 … restarting at 1)."""
    end = _END.search(text)
    count = last = 0
    for match in _NUMBERED.finditer(text[: end.start() if end else len(text)]):
        value = int(match.group(1))
        if value == last + 1 or (value == 1 and last):
            count, last = count + 1, value
    return count


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
    parsed = {}
    start = time.perf_counter()
    for path in files:
        try:
            parsed[path] = resolution = parse_file(path)
        except ParseError:
            errors += 1
            continue
        numbers = [p.number for p in resolution.operative if p.number is not None]
        whole = all(b in (a + 1, 1) for a, b in itertools.pairwise(numbers)) and numbers[:1] in ([], [1])
        if resolution.paragraphs and whole:
            clean += 1
    seconds = time.perf_counter() - start
    # "Counts look right": the operative count equals the numbers found in the raw text by a plain
    # line scan, the symbol is the file's, and no paragraph is empty.
    right = sum(
        1 for path, r in parsed.items()
        if r.symbol == path.stem.replace("-", "/") and all(p.text for p in r.paragraphs)
        and len([p for p in r.operative if p.number is not None]) == _numbered_in_raw(path.read_text("utf-8"))
    )
    count = len(files)
    print(f"files: {count}")
    print(f"parse: {seconds:.2f} s, {count / seconds:.0f} files/s ({seconds / count * 1000:.1f} ms/file)")
    print(f"naive blank-line split: {naive_seconds:.2f} s; parse costs {seconds / naive_seconds:.0f}x the naive way")
    print(f"parsed cleanly: {clean}/{count} = {clean / count:.1%}; ParseError: {errors} ({errors / count:.1%})")
    print(f"counts look right: {right}/{len(parsed)} parsed files = {right / max(len(parsed), 1):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
