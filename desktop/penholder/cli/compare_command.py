"""``penholder compare OLD NEW``: compare two resolutions paragraph by paragraph, word by word.

OLD and NEW are resolution files or symbols (``A/HRC/RES/41/3``) found in the library. Prints what
happened to each paragraph with its word diff (unchanged paragraphs collapsed to one line per run),
then one summary line; ``--json`` prints the alignment instead; ``-o FILE.docx`` writes a redline.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

STATUS_MARKS = {"unchanged": "=", "modified": "~", "inserted": "+", "deleted": "-", "moved": ">",
                "split": "/", "merged": "&"}
PART_LABELS = {"preambular": "PP", "operative": "OP"}
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
RESET = "\x1b[0m"


def register(subparsers: argparse._SubParsersAction, description: str) -> None:
    """Add the ``compare`` command."""
    parser = subparsers.add_parser(
        "compare", help=description, description=description,
        epilog="example: penholder compare A/HRC/RES/41/3 A/HRC/RES/53/11",
    )
    parser.add_argument("old", metavar="OLD", help="the earlier resolution: a text file or a symbol")
    parser.add_argument("new", metavar="NEW", help="the later resolution: a text file or a symbol")
    parser.add_argument("--json", action="store_true", help="print the alignment as one JSON object")
    parser.add_argument("-o", "--output", metavar="OUT.docx", help="also write a redline DOCX here")
    parser.add_argument("--library", metavar="PATH", help="library to look symbols up in (default: yours)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour the word diff (default: on a terminal unless NO_COLOR is set)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Compare OLD with NEW; print the alignment (or JSON) and optionally write a redline; return 0."""
    from penholder.compare import align_resolutions

    old = resolve(args.old, args.library)
    new = resolve(args.new, args.library)
    alignment = align_resolutions(old, new)
    if args.output:
        _write_redline(old, new, Path(args.output))
    if args.json:
        print(json.dumps(alignment.to_json(), ensure_ascii=False))
        return 0
    if args.color == "auto":
        from penholder.compare.render import colour_wanted

        colour = colour_wanted(sys.stdout)
    else:
        colour = args.color == "always"
    print_alignment(alignment, colour=colour, width=shutil.get_terminal_size((100, 24)).columns)
    if args.output:
        print(f"redline written to {args.output}")
    return 0


def resolve(ref: str, library_path: str | None = None):
    """Return the resolution ``ref`` names: a file (parsed) or a symbol in the library."""
    from penholder.library import resolve_resolution

    return resolve_resolution(ref, Path(library_path) if library_path else None)


def _write_redline(old, new, path: Path) -> None:
    """Write the redline DOCX of ``old`` against ``new`` to ``path``."""
    from penholder.export import write_redline

    write_redline(old, new, path)


def print_alignment(alignment, *, colour: bool = False, width: int = 100, stream=None) -> None:
    """Print each paragraph change with its word diff, unchanged runs collapsed, then the summary."""
    from penholder.compare import to_ansi

    out = stream or sys.stdout
    width = max(40, min(width, 120))
    print(f"{alignment.old.symbol or 'OLD'} → {alignment.new.symbol or 'NEW'}", file=out)
    for kind in ("preambular", "operative"):
        changes = [c for c in alignment.changes if c.kind == kind]
        if not changes:
            continue
        print(f"\n{kind.capitalize()} paragraphs", file=out)
        unchanged: list = []
        for change in changes:
            if change.status == "unchanged":
                unchanged.append(change)
                continue
            _print_unchanged(unchanged, out)
            unchanged = []
            print(f"  {STATUS_MARKS[change.status]} {_where(change)}  {change.status}", file=out)
            for line in _wrap(to_ansi(change.ops, colour=colour), width - 6):
                print(f"      {line}", file=out)
        _print_unchanged(unchanged, out)
    print(file=out)
    print(summary_line(alignment.summary()), file=out)


def summary_line(summary: dict[str, int]) -> str:
    """Return 'n unchanged, n modified, n inserted, n deleted, n moved' (splits and merges if any)."""
    keys = ["unchanged", "modified", "inserted", "deleted", "moved"]
    keys += [k for k in ("split", "merged") if summary.get(k)]
    return ", ".join(f"{summary.get(k, 0)} {k}" for k in keys)


def _where(change) -> str:
    """Return 'PP 3', 'OP 4 → 5' or 'OP 2 → 2, 3' for a change."""
    label = PART_LABELS.get(change.kind, change.kind)
    old = ", ".join(map(str, change.old_numbers))
    new = ", ".join(map(str, change.new_numbers))
    if not old or not new:
        return f"{label} {old or new}"
    return f"{label} {old}" if old == new else f"{label} {old} → {new}"


def _print_unchanged(changes: list, out) -> None:
    """Print a run of unchanged paragraphs as one line."""
    if not changes:
        return
    label = PART_LABELS.get(changes[0].kind, changes[0].kind)
    old = _span([n for c in changes for n in c.old_numbers])
    new = _span([n for c in changes for n in c.new_numbers])
    where = f"{label} {old}" if old == new else f"{label} {old} → {new}"
    count = f"{len(changes)} paragraph{'s' if len(changes) > 1 else ''}"
    print(f"  = {where}  unchanged ({count})", file=out)


def _span(numbers: list[int]) -> str:
    """Return '3' or '3–7' for consecutive numbers, else the list."""
    if len(numbers) == 1:
        return str(numbers[0])
    if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return f"{numbers[0]}–{numbers[-1]}"
    return ", ".join(map(str, numbers))


def _wrap(text: str, width: int) -> list[str]:
    """Return ``text`` wrapped at spaces to ``width`` visible characters (colour codes not counted)."""
    lines: list[str] = []
    line, visible = "", 0
    for word in text.split():
        size = len(_ANSI.sub("", word))
        if line and visible + 1 + size > width:
            lines.append(line)
            line, visible = word, size
        else:
            line, visible = (f"{line} {word}", visible + 1 + size) if line else (word, size)
    if line:
        lines.append(line)
    return _close_colours(lines)


def _close_colours(lines: list[str]) -> list[str]:
    """Return the lines with a colour left open at a line's end closed there and reopened on the next."""
    closed, carried = [], ""
    for line in lines:
        line = carried + line
        codes = _ANSI.findall(line)
        since_reset = codes[len(codes) - codes[::-1].index(RESET):] if RESET in codes else codes
        carried = "".join(since_reset)
        closed.append(line + RESET if carried else line)
    return closed
