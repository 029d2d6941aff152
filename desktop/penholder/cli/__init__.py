"""The ``penholder`` command line: one entry point for the CLI commands and the GUI.

``penholder`` with no arguments (or with a ``.penholder`` draft) starts the GUI; otherwise the first
argument names a command. Each command lives in its own module here and registers itself with
``register(subparsers)``. Exit codes: 0 ok, 1 user error (bad file, nothing found), 2 usage error.
Errors are printed as one line (``penholder: …``), never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import multiprocessing
import os
import sys

from penholder import __version__
from penholder.errors import PenholderError

# Module name -> one-line description (kept here so ``--help`` needs no heavy import).
COMMANDS = {
    "parse": "parse resolution files and print their structure",
    "search": "find precedent paragraphs in the library",
    "lineage": "show a paragraph's versions across the sessions of its series",
    "library": "add, list, remove or rebuild the precedent library",
    "compare": "compare two resolutions paragraph by paragraph, word by word",
    "export": "export a resolution or draft to UN-style DOCX",
    "check": "check a draft against UN house style",
    "sources": "report, paragraph by paragraph, which language is agreed and where",
}

EXAMPLES = """examples:
  penholder parse resources/corpus/A-HRC-RES-53-11.txt --json
  penholder search "Recalling Human Rights Council resolution 6/17" --limit 5
  penholder lineage A/HRC/RES/53/11 operative 34
  penholder compare A/HRC/RES/41/3 A/HRC/RES/53/11
  penholder export resolution.txt -o resolution.docx --profile geneva
  penholder check draft.txt

exit codes: 0 ok, 1 user error (bad input, nothing found), 2 usage error.
Run 'penholder' with no arguments to start the desktop app."""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every available command registered."""
    parser = argparse.ArgumentParser(
        prog="penholder",
        description="Penholder: draft UN resolutions from agreed language.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"penholder {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, description in COMMANDS.items():
        module = importlib.import_module(f"penholder.cli.{name}_command")
        module.register(subparsers, description)
    return parser


def _wants_gui(argv: list[str]) -> bool:
    return not argv or (len(argv) == 1 and argv[0].endswith(".penholder"))


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    # In a frozen (PyInstaller) app the index build's worker processes, and multiprocessing's resource
    # tracker, are this executable started again with their own arguments: hand those over first.
    multiprocessing.freeze_support()
    argv = sys.argv[1:] if argv is None else list(argv)
    if _wants_gui(argv):
        return gui_main(argv)
    from penholder import logs

    logs.setup()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        _check_library_path(args)
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # surface a closed pipe here, not at interpreter exit
        return code
    except PenholderError as exc:
        print(f"penholder: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("penholder: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug: one line for the drafter, the traceback in the log
        if logs.debugging():
            raise
        logs.unexpected(f"penholder {args.command}", exc, "penholder.cli")
        where = logs.where_text()
        print(f"penholder: internal error ({exc.__class__.__name__}: {exc}); please report it "
              f"({where + '; ' if where else ''}set PENHOLDER_DEBUG=1 to see the details)", file=sys.stderr)
        return 1


def _check_library_path(args: argparse.Namespace) -> None:
    """Refuse a ``--library`` path where no library exists for commands that only read one."""
    library = getattr(args, "library", None)
    if library is None or args.command == "library":  # `library` decides per action (add may create)
        return
    from pathlib import Path

    from penholder.errors import LibraryError
    from penholder.library.journal import journal_path

    path = Path(library).expanduser()
    if not path.exists() and not journal_path(path).exists():
        raise LibraryError(f"{path}: no such library file (check the path, or leave out --library to use "
                           "yours)")


def gui_main(argv: list[str] | None = None) -> int:
    """Start the desktop app (optionally opening a draft); return its exit code."""
    multiprocessing.freeze_support()  # see ``main``: the GUI builds the index too
    from penholder.ui.app import run

    return run(sys.argv[1:] if argv is None else list(argv))
