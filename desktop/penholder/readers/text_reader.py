"""Plain text files: detect the encoding (UTF-8, UTF-16 with BOM, cp1252 fallback) and say which."""

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

_BOMS = (
    (codecs.BOM_UTF32_LE, UTF32_LE),
    (codecs.BOM_UTF32_BE, UTF32_BE),
    (codecs.BOM_UTF8, UTF8_BOM),
    (codecs.BOM_UTF16_LE, UTF16_LE),
    (codecs.BOM_UTF16_BE, UTF16_BE),
)

# Control characters that never occur in a text document (tab, newlines and form feed do).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


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
    try:
        return _checked(data.decode(CP1252)), CP1252
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps them to C1 controls.
        return _checked(data.decode(LATIN1)), LATIN1


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
    try:
        text, encoding = decode_bytes(data)
    except _NotText as exc:
        raise ParseError(f"{path}: {exc}") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ParseError(f"{path}: is empty")
    return text, encoding
