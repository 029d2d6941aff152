"""Checks on a DOCX's ZIP container before anything unpacks it: sizes, ratio, DTDs.

A ZIP bomb disguised as a DOCX is refused from its directory (declared sizes and compression ratio)
before any part is inflated; a part that declares a DTD (the door to entity expansion and external
entities) is refused before an XML parser sees it. Real Word files never carry a DTD.
"""

from __future__ import annotations

import codecs
import io
import zipfile

from penholder.readers.limits import MAX_COMPRESSION_RATIO, MAX_UNPACKED_BYTES, MAX_ZIP_ENTRIES, fail

DOCUMENT_PART = "word/document.xml"
_DTD_MARKERS = (b"<!doctype", b"<!entity")
_REASON_CHARS = 100


def open_checked_zip(path: object, data: bytes) -> zipfile.ZipFile:
    """Return the DOCX's ZipFile once sizes and parts look sane, else raise ParseError."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, KeyError,
            NotImplementedError):
        raise fail(path, "damaged Word file (not a readable ZIP archive)") from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise fail(path, f"Word file holds {len(entries)} parts, more than {MAX_ZIP_ENTRIES}; refused")
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise fail(path, "Word file is password-protected; save an unprotected copy and try again")
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO:
            raise fail(path, f"refused as a ZIP bomb: part {entry.filename} would unpack {ratio:.0f} times "
                             "its size")
    if total > MAX_UNPACKED_BYTES:
        raise fail(path, f"refused as a ZIP bomb: would unpack to {total // (1024 * 1024)} MB")
    names = {entry.filename for entry in entries}
    if DOCUMENT_PART not in names:
        raise fail(path, "is a ZIP archive but not a Word document (no word/document.xml)")
    for entry in entries:
        if entry.filename.endswith((".xml", ".rels")):
            _refuse_dtd(path, archive, entry)
    return archive


def read_part(path: object, archive: zipfile.ZipFile, name: str) -> bytes:
    """Return one part's bytes, at most its declared size (checked above), or raise ParseError."""
    try:
        with archive.open(name) as handle:
            return handle.read(MAX_UNPACKED_BYTES)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, KeyError, NotImplementedError) as exc:
        # zipfile's message can quote a corrupted header's raw bytes (hundreds of them): keep the line short.
        reason = str(exc) if len(str(exc)) <= _REASON_CHARS else str(exc)[:_REASON_CHARS - 1] + "…"
        raise fail(path, f"damaged Word file (part {name}: {reason})") from None
    except Exception as exc:  # noqa: BLE001 - zlib.error and friends on a corrupted stream
        raise fail(path, f"damaged Word file (part {name}: {type(exc).__name__})") from None


def _refuse_dtd(path: object, archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
    data = read_part(path, archive, entry.filename)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data.decode("utf-16", errors="replace").encode("utf-8", errors="replace")
    lowered = data.lower()
    if any(marker in lowered for marker in _DTD_MARKERS):
        raise fail(path, f"Word file part {entry.filename} declares a DTD (possible entity bomb); refused")
