"""``penholder parse FILE... [--json]``: parse resolution files and print their structure."""

from __future__ import annotations

import argparse
import json
import sys

from penholder.errors import ParseError
from penholder.model import Resolution


def register(subparsers: argparse._SubParsersAction, description: str) -> None:
    """Add the ``parse`` command."""
    parser = subparsers.add_parser("parse", help=description, description=description)
    parser.add_argument("files", nargs="+", metavar="FILE", help="resolution files (text, DOCX or PDF; recognised by content)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Parse each file; print a summary or JSON; return 1 if any file failed."""
    from penholder.readers import parse_document, read_document

    failed = False
    for index, path in enumerate(args.files):
        try:
            document = read_document(path)
            resolution = parse_document(document)
        except ParseError as exc:
            print(f"penholder: {exc}", file=sys.stderr)
            failed = True
            continue
        for warning in document.warnings:  # the readers' warnings already name the file
            named = warning if warning.startswith(f"{path}: ") else f"{path}: {warning}"
            print(f"penholder: {named}", file=sys.stderr)
        if args.json:
            print(json.dumps(resolution.to_json(), ensure_ascii=False))
        else:
            if index:
                print()
            print_summary(resolution, path)
    return 1 if failed else 0


def print_summary(resolution: Resolution, source: str) -> None:
    """Print a human-readable summary of a parsed resolution."""
    adoption = resolution.adoption
    unknown = "?"
    print(f"{source}")
    print(f"  {resolution.symbol or unknown}  {resolution.title or unknown}")
    print(f"  body {resolution.body or unknown}, session {resolution.session or unknown}, "
          f"year {resolution.year or unknown}; {resolution.organ or 'no organ line'}")
    if resolution.state == "draft":
        by = ", ".join(resolution.sponsors) or "sponsors unknown"
        print(f"  draft by {by}" + (f"; {resolution.committee}" if resolution.committee else ""))
    how = adoption.mode or "adoption unknown"
    if adoption.in_favour is not None:
        how += f" {adoption.in_favour}–{adoption.against}–{adoption.abstaining}"
    print(f"  {how}; {adoption.meeting or 'meeting unknown'}; {adoption.date or 'date unknown'}")
    print(f"  {len(resolution.preambular)} preambular, {len(resolution.operative)} operative, "
          f"{len(resolution.footnotes)} footnotes")
    for paragraph in resolution.preambular:
        print(f"    PP  {_short(paragraph.text)}")
    for paragraph in resolution.operative:
        print(f"    OP{paragraph.number or '':<3}{_short(paragraph.text)}")


def _short(text: str, width: int = 96) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
