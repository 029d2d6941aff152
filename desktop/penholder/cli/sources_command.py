"""``penholder sources DRAFT [--json] [-o report.docx]``: the agreed-language report of a draft."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction, description: str) -> None:
    """Add the ``sources`` command."""
    parser = subparsers.add_parser(
        "sources", help=description,
        description=description + ": for each paragraph its closest precedent, the share unchanged and "
                                   "the changed words",
        epilog="example: penholder sources draft.txt -o agreed-language.docx",
    )
    parser.add_argument("draft", metavar="DRAFT", help="a draft or resolution file, or a symbol in the library")
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE.docx", help="also write the table as DOCX")
    parser.add_argument("--library", type=Path, metavar="PATH", help="library to search (default: yours)")
    parser.add_argument("--exclude", metavar="SYMBOL",
                        help="do not count this resolution as a precedent (default: DRAFT when it is a symbol)")
    parser.add_argument("--delegation", metavar="CODE", type=str.upper,
                        help="add how this Member State voted on each precedent (default: the 'my delegation' "
                             "setting)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print (and optionally write) the agreed-language report; return 0."""
    from penholder.cli.check_command import read_draft
    from penholder.library import Library, resolve_resolution
    from penholder.report import agreed_language_report, report_summary, write_report_docx
    from penholder.search import PrecedentIndex

    is_file = Path(args.draft).expanduser().is_file()
    draft = read_draft(args.draft) if is_file else resolve_resolution(args.draft, args.library)
    exclude = args.exclude
    if exclude is None and not is_file:
        exclude = draft.symbol  # a resolution from the library is not its own precedent
    with Library.open(args.library) as library:
        index = PrecedentIndex.from_library(library)
    from penholder.cli.search_command import my_delegation

    delegation = my_delegation(args.delegation)
    rows = agreed_language_report(draft, index, exclude=exclude, delegation=delegation)
    if args.output:
        title = f"Agreed-language report: {draft.symbol or draft.title or Path(args.draft).name}"
        write_report_docx(rows, args.output, title=title, delegation=delegation)
    if args.json:
        print(json.dumps({"draft": args.draft, "summary": report_summary(rows),
                          "paragraphs": [row.to_json() for row in rows]}, ensure_ascii=False))
    else:
        print_report(rows, args.draft)
    if args.output:
        print(f"penholder: report written to {args.output}", file=sys.stderr)
    return 0


def print_report(rows: list, name: str) -> None:
    """Print one line per paragraph and, under each changed one, its word diff from the precedent."""
    from penholder.compare import to_ansi
    from penholder.report import report_summary

    summary = report_summary(rows)
    print(f"{name}: {len(rows)} paragraphs, {summary['agreed']} agreed word for word, "
          f"{summary['changed']} changed, {summary['new']} without a precedent")
    for row in rows:
        hit = row.precedent
        if hit is None:
            print(f"  {row.label:<6}   new   no precedent found")
            continue
        kind = "OP" if hit.kind == "operative" else "PP"
        how = ", ".join(x for x in (str(hit.year or ""), hit.adoption.badge() or "adoption not recorded",
                                    (hit.delegation or {}).get("label")) if x)
        print(f"  {row.label:<6} {row.share_unchanged:>5.0%}  {hit.symbol} {kind} {hit.number}"
              + (f" ({how})" if how else ""))
        if row.changed:
            print(f"           {to_ansi(row.ops)}")
