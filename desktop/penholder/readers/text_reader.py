"""Plain text files: detect the encoding (UTF-8, UTF-16 with BOM, cp1252 fallback) and say which.

A UTF-8 file with a few Windows-1252 bytes (a paragraph pasted from an older file) is repaired byte by
byte, not read whole as cp1252 (which turns every UTF-8 accent into mojibake): its UTF-8 stays UTF-8, each
stray byte is read as Windows-1252, and the lines concerned are named in a warning.
"""

from __future__ import annotations

import codecs
import re

from penholder.errors import ParseError

UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
UTF16_LE = "utf-16-le"
UTF16_BE = "utf-16-be"
UTF32_LE = "utf-32-le"
UTF32_BE = "utf-32-be"
CP1252 = "cp1252"
LATIN1 = "latin-1"
MIXED = "utf-8+cp1252"
"""A UTF-8 file with some Windows-1252 bytes, repaired (``decode_text`` names its lines)."""

_BOMS = (
    (codecs.BOM_UTF32_LE, UTF32_LE),
    (codecs.BOM_UTF32_BE, UTF32_BE),
    (codecs.BOM_UTF8, UTF8_BOM),
    (codecs.BOM_UTF16_LE, UTF16_LE),
    (codecs.BOM_UTF16_BE, UTF16_BE),
)

# Control characters that never occur in a text document (tab, newlines and form feed do).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# What ``surrogateescape`` makes of bytes that are not UTF-8, and the characters real UTF-8 gave.
_ESCAPED = re.compile("[\udc80-\udcff]+")
_DECODED = re.compile("[^\x00-\x7f\udc80-\udcff]")
_LINES_NAMED = 10


class _NotText(ValueError):
    """The bytes are not a text document (reason in the message)."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) for text bytes; raise ValueError with a reason if they are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise _NotText(f"starts with a {encoding} byte-order mark but is not valid {encoding}") from None
            return _checked(text), encoding
    if b"\x00" in data:
        encoding = _bomless_utf16(data)
        if encoding is None:
            raise _NotText("binary file (contains NUL bytes), not text")
        try:
            return _checked(data.decode(encoding)), encoding
        except UnicodeDecodeError:
            raise _NotText("binary file (contains NUL bytes), not text") from None
    try:
        return _checked(data.decode(UTF8)), UTF8
    except UnicodeDecodeError:
        pass
    mixed = _repaired(data)
    if mixed is not None:
        return _checked(mixed[0]), MIXED
    try:
        return _checked(data.decode(CP1252)), CP1252
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps them to C1 controls.
        return _checked(data.decode(LATIN1)), LATIN1


def decode_text(data: bytes) -> tuple[str, str, list[int]]:
    """Return (text, encoding, lines repaired): like ``decode_bytes``, with the numbers of the lines of a
    mixed UTF-8 / Windows-1252 file whose stray bytes were read as Windows-1252."""
    text, encoding = decode_bytes(data)
    if encoding != MIXED:
        return text, encoding, []
    return text, encoding, _repaired(data)[1]


def _repaired(data: bytes) -> tuple[str, list[int]] | None:
    """Return (text, lines repaired) of UTF-8 with stray Windows-1252 bytes, or None when the file holds
    no real UTF-8 beyond ASCII (then it is Windows-1252 throughout)."""
    escaped = data.decode(UTF8, errors="surrogateescape")
    valid = len(_DECODED.findall(escaped))
    stray = sum(len(run) for run in _ESCAPED.findall(escaped))
    # Two UTF-8 characters could happen by chance in a cp1252 file (an accented capital, then a quote).
    if valid < 2 and valid < stray:
        return None
    lines = [number for number, line in enumerate(escaped.split("\n"), start=1) if _ESCAPED.search(line)]
    return _ESCAPED.sub(lambda run: _cp1252(run.group()), escaped), lines


def _cp1252(run: str) -> str:
    raw = bytes(ord(char) - 0xDC00 for char in run)
    try:
        return raw.decode(CP1252)
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return "".join(bytes([byte]).decode(CP1252, errors="ignore") or chr(byte) for byte in raw)


def _bomless_utf16(data: bytes) -> str | None:
    """Return "utf-16-le"/"utf-16-be" when NUL bytes sit at every other position (UTF-16 without BOM)."""
    sample = data[:20000]
    if len(sample) < 8 or len(data) % 2:
        return None
    odd, even = sample[1::2], sample[0::2]
    if odd.count(0) >= 0.95 * len(odd) and even.count(0) == 0:
        return UTF16_LE
    if even.count(0) >= 0.95 * len(even) and odd.count(0) == 0:
        return UTF16_BE
    return None


def _checked(text: str) -> str:
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    if sample and controls > max(4, len(sample) // 100):
        raise _NotText("binary file (control characters), not text")
    if "\x00" in text:
        raise _NotText("binary file (contains NUL characters), not text")
    return text


def read_text_bytes(path: object, data: bytes) -> tuple[str, str]:
    """Return (text, encoding) of a text file's bytes, or raise ParseError "<file>: <reason>"."""
    return read_text_checked(path, data)[:2]


def read_text_checked(path: object, data: bytes) -> tuple[str, str, list[str]]:
    """Return (text, encoding, warnings) of a text file's bytes, or raise ParseError "<file>: <reason>"."""
    try:
        text, encoding, repaired = decode_text(data)
    except _NotText as exc:
        raise ParseError(f"{path}: {exc}") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ParseError(f"{path}: is empty")
    warnings = []
    if repaired:
        named = ", ".join(map(str, repaired[:_LINES_NAMED]))
        more = f" and {len(repaired) - _LINES_NAMED} more" if len(repaired) > _LINES_NAMED else ""
        which = "line" if len(repaired) == 1 else "lines"
        warnings.append(f"{path}: {which} {named}{more} had characters that are not UTF-8 like the rest of "
                        "the file; read them as Windows-1252 (check their accents and quotes)")
    return text, encoding, warnings
