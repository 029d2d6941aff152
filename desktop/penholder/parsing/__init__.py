"""Parsing plain resolution text into ``penholder.model.Resolution``.

``parse_text(text, source)`` and ``parse_file(path)`` are the only entry points; both raise
``ParseError("<file>: <reason>")`` for input that is missing, unreadable, binary, empty or has no
resolution structure. ``penholder.parsing.lexicon`` holds the preambular openers and operative verbs.
"""

from __future__ import annotations

from pathlib import Path

from penholder.model import Resolution
from penholder.parsing import lexicon
from penholder.parsing.document import parse_text
from penholder.parsing.reading import read_text

__all__ = ["lexicon", "parse_file", "parse_text"]


def parse_file(path: str | Path) -> Resolution:
    """Return the resolution read from the text file at ``path``."""
    return parse_text(read_text(path), source=str(path))
