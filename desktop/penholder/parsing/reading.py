"""Reading a resolution file as text for ``parse_file``.

The bytes and their encoding are handled by the readers' text reader (size limit, UTF-8/UTF-16/cp1252
detection, binary and empty files refused), so ``parse_file`` and ``penholder parse`` read a text file the
same way. Every failure is a ``ParseError`` naming the file and saying what is wrong with it.
"""

from __future__ import annotations

from pathlib import Path

from penholder.readers.limits import read_bytes_checked
from penholder.readers.text_reader import read_text_bytes


def read_text(path: str | Path) -> str:
    """Return the text of the file at ``path``; raise ``ParseError`` if it cannot be read as text."""
    return read_text_bytes(path, read_bytes_checked(path))[0]
