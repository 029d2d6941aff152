"""``penholder export INPUT -o OUT.docx [--profile ny|geneva] [--state draft|adopted]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from penholder.model import Resolution


def register(subparsers: argparse._SubParsersAction, description: str) -> None:
    """Add the ``export`` command."""
    parser = subparsers.add_parser("export", help=description, description=description)
    parser.add_argument("input", metavar="INPUT", help="a resolution text file or a .penholder draft")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.docx", help="the DOCX file to write")
    parser.add_argument("--profile", choices=("ny", "geneva"),
                        help="page layout: ny (US Letter; GA and committees) or geneva (A4; HRC); "
                             "default from the resolution's body")
    parser.add_argument("--state", choices=("draft", "adopted"),
                        help="draft (Distr.: Limited, sponsors line) or adopted (adoption heading, end "
                             "matter); default from the resolution")
    parser.set_defaults(func=run)


def load_input(path: str | Path) -> Resolution:
    """Return the resolution in ``path``: a resolution file (text, DOCX or PDF) or a ``.penholder`` draft.

    The one place that decides how an input of ``export``, ``check`` and ``sources`` is read (extend it
    for new input kinds). A draft is read line by line as its editor shows it (``drafts.structure``),
    never through the parser for imported text, then its details (symbol, session, sponsors …) apply.
    """
    if str(path).endswith(".penholder"):
        from penholder.drafts.structure import read_draft_resolution

        return read_draft_resolution(path)
    from penholder.readers import read_resolution

    return read_resolution(path)


def run(args: argparse.Namespace) -> int:
    """Export the input to DOCX; print the path written; return 0."""
    from penholder.export import export_docx

    resolution = load_input(args.input)
    written = export_docx(resolution, args.output, profile=args.profile, state=args.state)
    print(written)
    return 0
