"""``penholder lineage SYMBOL preambular|operative N``: a paragraph's versions across its series."""

from __future__ import annotations

import argparse
import json
import textwrap
from pathlib import Path

KINDS = {"preambular": "preambular", "pp": "preambular", "operative": "operative", "op": "operative"}


def register(subparsers: argparse._SubParsersAction, description: str) -> None:
    """Add the ``lineage`` command."""
    parser = subparsers.add_parser(
        "lineage", help=description, description=description,
        epilog="example: penholder lineage A/HRC/RES/53/11 preambular 24")
    parser.add_argument("symbol", metavar="SYMBOL", help="a resolution in the library, e.g. A/HRC/RES/53/11")
    parser.add_argument("kind", type=str.lower, choices=sorted(KINDS), metavar="preambular|operative")
    parser.add_argument("number", type=int, metavar="N", help="paragraph number within its kind (1-based)")
    parser.add_argument("--json", action="store_true", help="print the versions as one JSON array")
    parser.add_argument("--library", type=Path, metavar="PATH", help="library database (default: yours)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the paragraph's versions, oldest first; return 0."""
    from penholder.library import Library
    from penholder.search import lineage

    with Library.open(args.library) as library:
        index = library.index()
        symbol = _symbol_in(library, args.symbol)
    steps = lineage(index, symbol, KINDS[args.kind], args.number)
    if args.json:
        print(json.dumps([step.to_json() for step in steps], ensure_ascii=False, indent=2))
        return 0
    print(f"{symbol} {KINDS[args.kind]} {args.number}: {len(steps)} version(s), oldest first")
    for step in steps:
        label = f"{'PP' if step.kind == 'preambular' else 'OP'}{step.number}"
        print(f"  {step.year or '????'}  {step.symbol} {label}  similarity {step.similarity:.0f}  "
              f"({step.badge or 'adoption not recorded'})")
        for line in textwrap.wrap(step.text, 96):
            print(f"        {line}")
    return 0


def _symbol_in(library, symbol: str) -> str:
    """Return the library's own spelling of ``symbol`` (``a-hrc-res-53-11`` → ``A/HRC/RES/53/11``)."""
    found = library.get(symbol)
    return found.symbol if found is not None and found.symbol else symbol
