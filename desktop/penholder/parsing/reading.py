"""Reading a resolution file as text: UTF-8 (BOM ok), else UTF-16 with a BOM, else cp1252.

Every failure becomes a ``ParseError`` naming the file and saying what is wrong with it.
"""

from __future__ import annotations

from pathlib import Path

from penholder.errors import ParseError

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_bytes(data: bytes, source: str) -> str:
    """Return ``data`` decoded as resolution text, or raise ``ParseError`` for binary content."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ParseError(f"{source}: not readable as text (bad UTF-16)") from exc
    if b"\x00" in data:
        raise ParseError(f"{source}: binary file, not text (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ParseError(f"{source}: not readable as text (neither UTF-8 nor Windows-1252)") from exc
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text) // 100):
        raise ParseError(f"{source}: binary file, not text")
    return text


def read_text(path: str | Path) -> str:
    """Return the text of the file at ``path``; raise ``ParseError`` if it cannot be read as text."""
    path = Path(path)
    source = str(path)
    if not path.exists():
        raise ParseError(f"{source}: file not found")
    if path.is_dir():
        raise ParseError(f"{source}: is a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"{source}: cannot be read ({exc.strerror or exc.__class__.__name__})") from exc
    return decode_bytes(data, source)
