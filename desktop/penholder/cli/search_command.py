"""``penholder search "TEXT"``: find precedent paragraphs in the library (or in a folder of files)."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
import time
from pathlib import Path

KIND_CHOICES = ("preambular", "operative")


def register(subparsers: argparse._SubParsersAction, description: str) -> None:
    """Add the ``search`` command."""
    parser = subparsers.add_parser(
        "search", help=description, description=description,
        epilog='example: penholder search "Recalling Human Rights Council resolution 6/17" --body HRC')
    parser.add_argument("text", nargs="?", metavar="TEXT", help="the paragraph, or its beginning")
    parser.add_argument("--limit", type=_positive, default=5, metavar="K", help="at most K hits (default 5)")
    parser.add_argument("--json", action="store_true", help="print the hits as one JSON array")
    parser.add_argument("--body", type=str.upper, choices=("GA", "HRC", "SC", "ECOSOC"),
                        help="only resolutions of this body")
    parser.add_argument("--kind", choices=KIND_CHOICES, help="only preambular or operative paragraphs")
    parser.add_argument("--years", type=_years, metavar="FROM-TO", help="only resolutions of these years")
    parser.add_argument("--consensus", action="store_true", help="only resolutions adopted without a vote")
    parser.add_argument("--delegation", metavar="CODE", type=str.upper,
                        help="say how this Member State voted on each hit (default: the 'my delegation' "
                             "setting; needs `penholder library votes`)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--library", type=Path, metavar="PATH", help="library database (default: yours)")
    where.add_argument("--corpus", type=Path, metavar="DIR",
                       help="search only the resolution files in DIR (your library is left alone)")
    parser.add_argument("--batch", type=Path, metavar="FILE",
                        help='JSON lines {"query": ..., "body": ...} ("-" = stdin); one JSON line out each')
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Search once or for each batch line; return 0, or 1 when nothing was found."""
    from penholder.errors import PenholderError

    if (args.text is None) == (args.batch is None):
        raise PenholderError("give the TEXT to search for, or --batch FILE (not both)")
    index = load_index(args.library, args.corpus)
    args.delegation = my_delegation(args.delegation)
    if args.batch is not None:
        return _run_batch(index, args)
    hits = index.search(args.text, args.limit, kind=args.kind, body=args.body, years=args.years,
                        consensus_only=args.consensus, delegation=args.delegation)
    if args.json:
        print(json.dumps([hit.to_json() for hit in hits], ensure_ascii=False, indent=2))
    else:
        _print_hits(hits)
    if not hits:
        print("penholder: no precedent found", file=sys.stderr)
        return 1
    return 0


def my_delegation(given: str | None) -> str | None:
    """Return the delegation given on the command line, else the one of the settings (or None)."""
    if given is not None:
        return given.strip().upper() or None
    from penholder.settings import Settings

    return Settings.load().my_delegation or None


def load_index(library_path: Path | None, corpus: Path | None):
    """Return the index of the library, or of the files in ``corpus`` (read in memory, nothing saved)."""
    from penholder.errors import LibraryError
    from penholder.library import Library, read_resolution
    from penholder.library.importing import expand_paths
    from penholder.search import PrecedentIndex

    if corpus is None:
        with Library.open(library_path) as library:
            return library.index()
    if not corpus.is_dir():
        raise LibraryError(f"{corpus}: not a folder")
    resolutions = []
    for path in expand_paths([corpus]):
        try:
            resolutions.append(read_resolution(path))
        except Exception as exc:  # noqa: BLE001 (one bad file must not stop the search)
            print(f"penholder: skipped {exc}", file=sys.stderr)
    if not resolutions:
        raise LibraryError(f"{corpus}: no resolution files could be read")
    return PrecedentIndex.from_resolutions(resolutions)


def _run_batch(index, args: argparse.Namespace) -> int:
    handle = sys.stdin if str(args.batch) == "-" else None
    try:
        handle = handle or open(args.batch, encoding="utf-8")  # noqa: SIM115 (closed below)
    except OSError as exc:
        from penholder.errors import PenholderError

        raise PenholderError(f"{args.batch}: cannot read ({exc.strerror})") from None
    failed = False
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                request = json.loads(line)
                query = request["query"]
                if not isinstance(query, str):
                    raise TypeError("query is not a string")
            except (ValueError, KeyError, TypeError) as exc:
                failed = True
                print(json.dumps({"query": None, "line": number, "error": f"bad request: {exc}"}), flush=True)
                continue
            started = time.perf_counter()
            hits = index.search(query, int(request.get("limit") or args.limit),
                                kind=request.get("kind", args.kind), body=request.get("body", args.body),
                                years=_batch_years(request.get("years")) or args.years,
                                consensus_only=bool(request.get("consensus", args.consensus)),
                                delegation=request.get("delegation", args.delegation))
            elapsed = (time.perf_counter() - started) * 1000
            answer = {"query": query, "hits": [hit.to_json() for hit in hits], "ms": round(elapsed, 3)}
            print(json.dumps(answer, ensure_ascii=False), flush=True)
    return 1 if failed else 0


def _print_hits(hits) -> None:
    for rank, hit in enumerate(hits, start=1):
        facts = ", ".join(str(part) for part in (hit.year, hit.body, hit.adoption.badge() or "adoption not recorded",
                                                 (hit.delegation or {}).get("label")) if part)
        print(f"{rank:>2}. {hit.score:5.1f}  {hit.symbol} {_label(hit.kind, hit.number)} ({facts})  {hit.reason}")
        for line in textwrap.wrap(hit.text, 100):
            print(f"           {line}")
        if hit.also:
            also = ", ".join(f"{s['symbol']} {_label(s['kind'], s['number'])}" for s in hit.also)
            for line in textwrap.wrap(f"also in {also}", 100):
                print(f"           {line}")


def _label(kind: str, number: int) -> str:
    return f"{'PP' if kind == 'preambular' else 'OP'}{number}"


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _years(text: str) -> tuple[int, int]:
    try:
        first, _, last = text.partition("-")
        span = (int(first), int(last or first))
    except ValueError:
        raise argparse.ArgumentTypeError("use FROM-TO, e.g. 2015-2023") from None
    return (min(span), max(span))


def _batch_years(value) -> tuple[int, int] | None:
    if isinstance(value, list) and len(value) == 2:
        return (int(value[0]), int(value[1]))
    return _years(value) if isinstance(value, str) else None
