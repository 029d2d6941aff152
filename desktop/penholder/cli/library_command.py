"""``penholder library add|list|remove|rebuild``: manage the precedent library."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction, description: str) -> None:
    """Add the ``library`` command and its sub-commands."""
    parser = subparsers.add_parser("library", help=description, description=description,
                                   epilog="example: penholder library add ~/resolutions/*.pdf")
    parser.add_argument("--library", type=Path, metavar="PATH", help="library database (default: yours)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    library_option = argparse.ArgumentParser(add_help=False)
    library_option.add_argument("--library", type=Path, metavar="PATH", default=argparse.SUPPRESS,
                                help="library database (default: yours)")
    add = actions.add_parser("add", parents=[library_option], help="add resolution files or folders")
    add.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="text, DOCX, PDF files or folders")
    listing = actions.add_parser("list", parents=[library_option], help="list the resolutions")
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    remove = actions.add_parser("remove", parents=[library_option], help="remove a resolution")
    remove.add_argument("symbol", metavar="SYMBOL")
    actions.add_parser("rebuild", parents=[library_option],
                       help="set the database aside as .bak and build it again from its files")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the chosen action; return 0, or 1 when something failed."""
    from penholder.errors import LibraryError
    from penholder.library import Library, rebuild_library

    if args.action == "rebuild":
        library, report = rebuild_library(args.library)
        with library:
            if report.backup:
                print(f"old library set aside as {report.backup}")
            print(f"rebuilt {library.path}: {report.summary()}")
            _print_failures(report)
        return 1 if report.failed else 0
    with Library.open(args.library) as library:
        if args.action == "add":
            missing = [str(p) for p in args.paths if not p.exists()]
            if missing:
                raise LibraryError(f"{missing[0]}: no such file or folder")
            report = library.add_files(args.paths, progress=_terminal_progress())
            print(report.summary())
            _print_failures(report)
            if report.changed():
                library.index()  # save the index now so the next search starts fast
            return 1 if report.failed else 0
        if args.action == "remove":
            if not library.remove(args.symbol):
                raise LibraryError(f"{args.symbol} is not in the library (see `penholder library list`)")
            print(f"removed {args.symbol}")
            return 0
        entries = library.entries()
        if args.json:
            print(json.dumps([entry.to_json() for entry in entries], ensure_ascii=False, indent=2))
        else:
            for entry in entries:
                print(f"{entry.symbol:<22} {entry.body or '?':<6} {entry.year or '????'}  "
                      f"{entry.preambular:>3} PP {entry.operative:>3} OP  {entry.title or ''}")
            print(f"{len(entries)} resolution(s) in {library.path}")
        return 0


def _terminal_progress():
    """Return a progress callback that redraws one line on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, path: str) -> None:
        name = Path(path).name
        line = f"\r[{done}/{total}] {name[:60]:<60}"
        sys.stderr.write(line if done < total else "\r" + " " * len(line) + "\r")
        sys.stderr.flush()

    return show


def _print_failures(report) -> None:
    for path, reason in report.failed:
        print(f"penholder: {reason if reason.startswith(path) else f'{path}: {reason}'}", file=sys.stderr)
