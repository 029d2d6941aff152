"""``penholder library add|list|remove|rebuild|versions|restore|votes``: manage the precedent library.

``add`` goes on past missing or unreadable paths (each reported; exit 1). ``versions SYMBOL`` lists the
texts kept of a symbol, ``restore SYMBOL VERSION`` makes an earlier one current again, ``votes FILE.csv``
imports the UN's General Assembly voting data (how each GA resolution was adopted, each State's vote). Commands that
only read or change an existing library refuse a ``--library`` path where there is none.
"""

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
                       help="build the library again from its source files (the old file kept as .bak)")
    versions = actions.add_parser("versions", parents=[library_option],
                                  help="list the texts the library keeps of a symbol")
    versions.add_argument("symbol", metavar="SYMBOL")
    versions.add_argument("--json", action="store_true", help="print one JSON array")
    restore = actions.add_parser("restore", parents=[library_option],
                                 help="make an earlier version of a symbol the current text")
    restore.add_argument("symbol", metavar="SYMBOL")
    restore.add_argument("version", type=int, metavar="VERSION", help="a number from `library versions`")
    votes = actions.add_parser("votes", parents=[library_option],
                               help="import the UN General Assembly voting data (digitallibrary.un.org/record/4060887)")
    votes.add_argument("file", type=Path, metavar="FILE.csv", help="the Member-State or resolution-level CSV")
    votes.add_argument("--json", action="store_true", help="print the import report as one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the chosen action; return 0, or 1 when something failed."""
    from penholder.errors import LibraryError
    from penholder.library import Library, rebuild_library

    if args.action == "rebuild":
        if args.library is not None and not _library_known(args.library):
            raise LibraryError(f"{args.library}: no such library file and no journal of one (check the path)")
        library, report = rebuild_library(args.library)
        with library:
            if report.backup:
                print(f"old library set aside as {report.backup}")
            print(f"rebuilt {library.path}: {report.summary()}")
            if report.salvaged:
                print(f"{report.salvaged} file(s) taken from the old library, the rest read again from their sources")
            _print_failures(report)
            for note in report.notes:
                print(f"penholder: note: {note}", file=sys.stderr)
            for symbol, reason in report.missing:
                print(f"penholder: missing from the rebuilt library: {symbol} ({reason})", file=sys.stderr)
        return 1 if report.failed or report.missing else 0
    with Library.open(args.library, create=args.action == "add" or args.library is None) as library:
        if args.action == "add":
            report = library.add_files(args.paths, progress=_terminal_progress())
            print(report.summary())
            _print_failures(report)
            for path, reason in report.held:
                print(f"penholder: {path}: kept as a version beside the library's text, not replacing "
                      f"it ({reason}); see `penholder library versions`", file=sys.stderr)
            if report.stopped:
                print(f"penholder: stopped: {report.stopped}", file=sys.stderr)
            if report.changed():
                library.index()  # save the index now so the next search starts fast
            return 1 if report.failed else 0
        if args.action == "votes":
            report = library.import_votes(args.file, progress=_terminal_progress(bytes_read=True))
            if args.json:
                print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
            else:
                print(report.summary())
            if report.mismatched:
                print(f"penholder: note: in {len(report.mismatched)} resolution(s) the States' votes do not add up "
                      f"to the file's totals (the totals are shown), e.g. {report.mismatched[0]}", file=sys.stderr)
            if not report.cancelled:
                library.index()  # the index carries the adoptions: save it now so the next search starts fast
            return 1 if report.cancelled else 0
        if args.action == "versions":
            found = library.versions(args.symbol)
            if not found:
                raise LibraryError(f"{args.symbol} is not in the library (see `penholder library list`)")
            if args.json:
                print(json.dumps([entry.to_json() for entry in found], ensure_ascii=False, indent=2))
            else:
                for entry in found:
                    mark = "current" if entry.current else (entry.note or "")
                    print(f"{entry.version:>3}  {entry.added}  {entry.preambular:>3} PP {entry.operative:>3} OP  "
                          f"{entry.source or ''}  {mark}")
            return 0
        if args.action == "restore":
            entry = library.restore(args.symbol, args.version)
            print(f"{entry.symbol}: version {entry.version} is the current text again")
            library.index()
            return 0
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


def _library_known(path: Path) -> bool:
    from penholder.library.journal import journal_path

    return path.exists() or journal_path(path).exists()


def _terminal_progress(bytes_read: bool = False):
    """Return a progress callback that redraws one line on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, path: str) -> None:
        name = Path(path).name
        count = f"{done * 100 // max(total, 1)} %" if bytes_read else f"{done}/{total}"
        line = f"\r[{count}] {name[:60]:<60}"
        sys.stderr.write(line if done < total else "\r" + " " * len(line) + "\r")
        sys.stderr.flush()

    return show


def _print_failures(report) -> None:
    for path, reason in report.failed:
        print(f"penholder: {reason if reason.startswith(path) else f'{path}: {reason}'}", file=sys.stderr)
