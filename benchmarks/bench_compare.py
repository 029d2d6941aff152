"""Benchmark compare: whole-resolution alignment (53/11 against 41/3) and a 1,000-character word diff.

Run: ``.venv/bin/python benchmarks/bench_compare.py``. Targets: alignment <= 50 ms, word diff
<= 1 ms median. Each figure is printed with the ratio to the naive way, difflib.SequenceMatcher on
the same tokens, measured in the same run. Both wall-clock and CPU time of this process are shown:
on a busy shared machine the wall clock also counts time spent waiting for a core, so the target is
checked against the CPU time (equal to the wall time on an idle machine).
"""

from __future__ import annotations

import difflib
import statistics
import sys
import time
from pathlib import Path

from penholder.compare import align_resolutions, diff_words, tokenize
from penholder.compare.tokens import token_keys
from penholder.parsing import parse_file

CORPUS = Path(__file__).resolve().parents[1] / "resources" / "corpus"


def timed(function, repeat: int) -> tuple[list[float], list[float]]:
    """Return the wall and CPU times of ``repeat`` calls of ``function``, in milliseconds."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu


def keys(text: str) -> list[str]:
    return token_keys(text, tokenize(text))


def naive_word_diff(old: str, new: str) -> list:
    """The naive way: tokenize the same way, then difflib's opcodes over the token keys."""
    return difflib.SequenceMatcher(None, keys(old), keys(new), autojunk=False).get_opcodes()


def naive_alignment(old, new) -> list:
    """The naive way: difflib similarity of every paragraph pair, best pairs kept, difflib word diffs."""
    found = []
    for kind in ("preambular", "operative"):
        olds = [keys(p.full_text()) for p in getattr(old, kind)]
        news = [keys(p.full_text()) for p in getattr(new, kind)]
        scored = sorted(((difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(), i, j)
                         for i, a in enumerate(olds) for j, b in enumerate(news)), reverse=True)
        used_old, used_new = set(), set()
        for score, i, j in scored:
            if score >= 0.5 and i not in used_old and j not in used_new:
                used_old.add(i)
                used_new.add(j)
                found.append(difflib.SequenceMatcher(None, olds[i], news[j], autojunk=False).get_opcodes())
    return found


def report(label: str, ours: tuple, naive: tuple, target_ms: float) -> bool:
    """Print the medians (wall and CPU) against the target and difflib; return whether the target is met."""
    (wall, cpu), (naive_wall, naive_cpu) = ours, naive
    median, median_cpu = statistics.median(wall), statistics.median(cpu)
    ok = median_cpu <= target_ms
    print(f"{label}:\n  ours    median {median:.3f} ms wall, {median_cpu:.3f} ms CPU (min wall {min(wall):.3f}); "
          f"target <= {target_ms} ms: {'OK' if ok else 'MISSED'}\n"
          f"  difflib median {statistics.median(naive_wall):.3f} ms wall, {statistics.median(naive_cpu):.3f} ms CPU; "
          f"difflib / ours = {statistics.median(naive_cpu) / median_cpu:.1f}x (CPU)")
    return ok


def main() -> int:
    old = parse_file(CORPUS / "A-HRC-RES-41-3.txt")
    new = parse_file(CORPUS / "A-HRC-RES-53-11.txt")
    align_resolutions(old, new)  # warm up imports and caches of the regex engine
    ok = report("whole-resolution compare 41/3 -> 53/11", timed(lambda: align_resolutions(old, new), 30),
                timed(lambda: naive_alignment(old, new), 5), 50.0)
    summary = align_resolutions(old, new).summary()
    print("  alignment:", ", ".join(f"{n} {status}" for status, n in summary.items()))

    # Two 1,000-character texts: the paragraphs 53/11 revised from 41/3, one after another.
    revised = [c for c in align_resolutions(old, new).changes if c.status == "modified"]
    first = " ".join(c.old_text for c in revised)[:1000]
    second = " ".join(c.new_text for c in revised)[:1000]
    changes = sum(op.tag != "equal" for op in diff_words(first, second))
    ok &= report("word diff of two 1,000-character paragraphs", timed(lambda: diff_words(first, second), 2000),
                 timed(lambda: naive_word_diff(first, second), 300), 1.0)
    print(f"  {changes} changes shown after the semantic clean-up")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
