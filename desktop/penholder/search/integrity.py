"""Checksums of a saved index: written with it, verified before any of it is opened or served.

A saved index is a folder of arrays and text columns next to the library. Flipped bytes in an array made
every search fail (an index out of range); flipped bytes in a text column served a corrupted precedent
that Ctrl+1 would insert into a draft. Each file's size and CRC-32 are recorded in ``index.json`` (itself
opening with the CRC-32 of the rest), and ``verify`` reads every file back against them before the index is
mapped: a mismatch raises ``DamagedIndex`` and the caller rebuilds the index from the library.
"""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path
from typing import Any

_CHUNK = 4 * 1024 * 1024
# The description's checksum is the CRC-32 of the JSON that follows it, checked without re-encoding it.
_SEAL = '{"checksum": %010d, '
_SEALED = re.compile(r'\{"checksum": (\d{10}), ')


class DamagedIndex(ValueError):
    """A saved index whose files do not match their checksums (rebuild it from the library)."""


def file_checksum(path: Path) -> tuple[int, int]:
    """Return (size, CRC-32) of a file, read in 4 MB chunks into one buffer."""
    crc = 0
    size = 0
    buffer = bytearray(_CHUNK)
    view = memoryview(buffer)
    with open(path, "rb", buffering=0) as handle:
        while count := handle.readinto(buffer):
            crc = zlib.crc32(view[:count], crc)
            size += count
    return size, crc


def folder_checksums(folder: Path, skip: str) -> dict[str, list[int]]:
    """Return {file name: [size, CRC-32]} of every file in ``folder`` but ``skip``."""
    return {path.name: list(file_checksum(path)) for path in sorted(folder.iterdir())
            if path.is_file() and path.name != skip}


def seal(meta: dict[str, Any]) -> str:
    """Return ``meta`` (a non-empty dict) as JSON that opens with the CRC-32 of the rest: ``{"checksum": N, …``."""
    body = json.dumps(meta, ensure_ascii=False)
    return _SEAL % zlib.crc32(body.encode("utf-8")) + body[1:]


def unseal(text: str) -> dict[str, Any]:
    """Return the metadata JSON written by ``seal``; raise DamagedIndex when its checksum does not match."""
    sealed = _SEALED.match(text)
    body = "{" + text[sealed.end():] if sealed else ""
    if not sealed or int(sealed.group(1)) != zlib.crc32(body.encode("utf-8", errors="surrogatepass")):
        raise DamagedIndex("the index description does not match its checksum")
    try:
        meta = json.loads(body)
    except ValueError:
        raise DamagedIndex("the index description is not valid JSON") from None
    if not isinstance(meta, dict):
        raise DamagedIndex("the index description is not a JSON object")
    return meta


def verify(folder: Path, expected: Any, required: list[str]) -> None:
    """Raise DamagedIndex unless every file of ``required`` is listed in ``expected`` and every listed
    file has its recorded size and CRC-32."""
    if not isinstance(expected, dict) or any(name not in expected for name in required):
        raise DamagedIndex("the index lists no checksum for some of its files")
    for name, recorded in expected.items():
        path = folder / name
        if not isinstance(recorded, list) or len(recorded) != 2 or path.parent != folder:
            raise DamagedIndex(f"the checksum of {name} is malformed")
        try:
            size = path.stat().st_size
        except OSError:
            raise DamagedIndex(f"{name} is missing") from None
        if size != recorded[0]:
            raise DamagedIndex(f"{name} has {size} bytes, not {recorded[0]}")
        if list(file_checksum(path)) != recorded:
            raise DamagedIndex(f"{name} does not match its checksum")

