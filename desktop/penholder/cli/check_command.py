"""``penholder check FILE... [--json]``: house-style checks of a resolution or draft (exit 1 on problems)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction, description: str) -> None:
    """Add the ``check`` command."""
    parser = subparsers.add_parser(
        "check", help=description, description=description + "; exit 1 when problems are found",
        epilog="example: penholder check draft.txt --json",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="resolution or draft files (text)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per file")
    parser.add_argument("--library", type=Path, metavar="PATH",
                        help="library to cross-check references against (default: your library)")
    parser.add_argument("--no-library", action="store_true",
                        help="do not cross-check references against a library")
    parser.add_argument("--across-library", action="store_true",
                        help="list every resolution the library cites with disagreeing dates")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check each file; print problems (or JSON); return 1 if any problem was found or a file failed."""
    from penholder.checks import Checker
    from penholder.errors import PenholderError

    if not args.files and not args.across_library:
        raise PenholderError("check: name a file to check (or use --across-library)")
    checker = Checker() if args.no_library else Checker.from_resolutions(library_resolutions(args.library))
    found = False
    if args.across_library:
        found |= print_disagreements(checker, args.json)
    for path in args.files:
        try:
            resolution = read_draft(path)
        except PenholderError as exc:
            print(f"penholder: {exc}", file=sys.stderr)
            found = True
            continue
        problems = checker.check_resolution(resolution)
        found |= bool(problems)
        if args.json:
            print(json.dumps({"file": str(path), "symbol": resolution.symbol,
                              "problems": [p.to_json() for p in problems]}, ensure_ascii=False))
            continue
        print_problems(path, resolution, problems)
    return 1 if found else 0


def read_draft(path: str | Path):
    """Return the resolution in a ``.penholder`` draft, or in a text, DOCX or PDF file."""
    from penholder.cli.export_command import load_input

    return load_input(path)


def library_resolutions(path: Path | None) -> list:
    """Return the resolutions of the library at ``path`` (None: the user's library)."""
    from penholder.library import Library

    with Library.open(path) as library:
        return list(library.resolutions())


def print_problems(path: str, resolution, problems: list) -> None:
    """Print a file's problems, one per line, with the text they concern and the fix on offer."""
    texts = paragraph_texts(resolution)
    name = resolution.symbol or path
    if not problems:
        print(f"{path}: no problems found ({name})")
        return
    print(f"{path}: {len(problems)} problem{'s' if len(problems) != 1 else ''} ({name})")
    for problem in problems:
        print(f"  {problem.where:<10} {problem.severity:<7} {problem.code:<16} {problem.message}")
        text = texts.get((problem.kind, problem.number, problem.sub))
        if text is not None and problem.start is not None and problem.end is not None:
            shown = text[problem.start:problem.end]
            if problem.fix is not None:
                print(f"  {'':<10} fix: replace [{shown}] with [{problem.fix}]" if shown
                      else f"  {'':<10} fix: insert [{problem.fix}] at character {problem.start}")


def paragraph_texts(resolution) -> dict:
    """Return the text of each paragraph and sub-paragraph keyed as problems name them."""
    texts = {}
    for kind, paragraphs in (("preambular", resolution.preambular), ("operative", resolution.operative)):
        for number, paragraph in enumerate(paragraphs, start=1):
            texts[(kind, number, None)] = paragraph.text
            stack = [("", s) for s in paragraph.subparagraphs]
            while stack:
                path, sub = stack.pop(0)
                label = f"{path} {sub.label}".strip()
                texts[(kind, number, label)] = sub.text
                stack[:0] = [(label, s) for s in sub.subparagraphs]
    return texts


def print_disagreements(checker, as_json: bool) -> bool:
    """Print every cited resolution whose citations across the library disagree on its date."""
    from penholder.checks.references import BODY_NAMES, un_date

    disagreements = checker.references.disagreements() if checker.references else []
    if as_json:
        print(json.dumps({"disagreements": [
            {"body": body, "number": number,
             "dates": {date: [{"symbol": c.citing, "kind": c.kind, "number": c.number} for c in cited]
                       for date, cited in dates.items()}}
            for (body, number), dates in disagreements]}, ensure_ascii=False))
        return bool(disagreements)
    if not disagreements:
        print("library: every resolution cited more than once is cited with one date")
    for (body, number), dates in disagreements:
        print(f"{BODY_NAMES.get(body or '', '')} resolution {number}".strip() + " is cited with different dates:")
        for date, cited in sorted(dates.items()):
            where = ", ".join(f"{c.citing} {'PP' if c.kind == 'preambular' else 'OP'} {c.number}" for c in cited)
            print(f"  of {un_date(date)}: {where}")
    return bool(disagreements)
