"""The table the reliability probes print with ``pytest -s``: one row per probe (runs, outcome, lost)."""

from __future__ import annotations


def report(probe: str, runs: int, outcome: str, lost: str = "nothing") -> None:
    """Print one row of the probe table: ``| probe | runs | outcome | lost |``."""
    print(f"\n| {probe} | {runs} | {outcome} | {lost} |")
