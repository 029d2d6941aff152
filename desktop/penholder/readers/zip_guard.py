"""The guarded opening of a Word file's ZIP container: every part inflated as a stream against a byte budget.

The directory is checked first (number of parts, declared sizes, compression ratio, encryption). Then each
part is inflated 64 KB at a time and counted: a part is never inflated past the size its directory entry
declares, nor the whole file past ``MAX_UNPACKED_BYTES`` (a ZIP bomb that lies about its sizes stops at
the first chunk past them and fails its checksum). A part Word's XML reader will parse that declares a DTD
(the door to entity expansion and external entities) is refused before any XML parser sees it, in whatever
encoding the part is written (``xml_encoding``: XML 1.0 appendix F, BOM or not). What goes on to
python-docx is a new, uncompressed archive of the parts just checked, so no other code inflates the file.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile

from penholder.errors import ParseError
from penholder.readers.limits import MAX_COMPRESSION_RATIO, MAX_UNPACKED_BYTES, MAX_ZIP_ENTRIES, fail

DOCUMENT_PART = "word/document.xml"
CONTENT_TYPES = "[Content_Types].xml"
_CHUNK = 64 * 1024
_MB = 1024 * 1024
_DTD_MARKERS = ("<!doctype", "<!entity")
_WORD_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)

# XML 1.0 appendix F: the encoding family from the first four bytes of a document.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_FIRST_BYTES = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00<\x00", None),  # UCS-4 in the unusual octet orders 2143 and 3412: no codec reads them
    (b"\x00<\x00\x00", None),
    (b"Lo\xa7\x94", "cp500"),  # EBCDIC: the declaration says which code page
)
_EBCDIC = "cp500"
_EBCDIC_PAGES = ("cp037", "cp500", "cp1140", "cp273", "cp1026")  # '!' and '[' move between them
_DECLARED = re.compile(r"""^<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")


def checked_docx(path: object, data: bytes) -> bytes:
    """Return the Word file's parts repacked uncompressed, once each is inflated within the budget and no
    parsed part declares a DTD; else raise ParseError with a reason a drafter can act on."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, KeyError,
            NotImplementedError):
        raise fail(path, "damaged Word file (not a readable ZIP archive)") from None
    with archive:
        _check_directory(path, entries)
        parts = {}
        budget = MAX_UNPACKED_BYTES
        for entry in entries:
            if entry.is_dir():
                continue
            parts[entry.filename] = _inflate(path, archive, entry, budget)
            budget -= len(parts[entry.filename])
    xml_parts = _parsed_as_xml(path, parts)
    for name in xml_parts:
        _refuse_dtd(path, name, parts[name])
    clean = io.BytesIO()
    with zipfile.ZipFile(clean, "w", zipfile.ZIP_STORED) as repacked:
        for name, content in parts.items():
            repacked.writestr(name, content)
    return clean.getvalue()


def _check_directory(path: object, entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ZIP_ENTRIES:
        raise fail(path, f"this Word file holds {len(entries):,} parts, more than {MAX_ZIP_ENTRIES:,}; "
                         "it is probably damaged")
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise fail(path, "Word file is password-protected; save an unprotected copy and try again")
        if entry.compress_type not in _WORD_METHODS:
            raise fail(path, f"part {entry.filename} of this Word file is compressed in a way Word does not "
                             "use; it is probably damaged or not from Word")
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > _MB and ratio > MAX_COMPRESSION_RATIO:
            raise fail(path, f"part {entry.filename} of this Word file expands {ratio:,.0f} times, to "
                             f"{_megabytes(entry.file_size)}; real Word files do not; it is probably damaged")
    if total > MAX_UNPACKED_BYTES:
        raise fail(path, f"this Word file expands to {_megabytes(total)}, more than "
                         f"{_megabytes(MAX_UNPACKED_BYTES)}; it is probably damaged")
    if DOCUMENT_PART not in {entry.filename for entry in entries}:
        raise fail(path, "is a ZIP archive but not a Word document (no word/document.xml)")


def _inflate(path: object, archive: zipfile.ZipFile, entry: zipfile.ZipInfo, budget: int) -> bytes:
    """Return one part's bytes, inflated a chunk at a time: never past its declared size or ``budget``."""
    name = entry.filename
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(entry) as handle:
            # zipfile stops at the declared size and then checks the CRC: a part that lies is cut there.
            while chunk := handle.read(_CHUNK):
                size += len(chunk)
                if size > budget:
                    raise fail(path, f"this Word file expands to more than {_megabytes(MAX_UNPACKED_BYTES)}; "
                                     "it is probably damaged")
                chunks.append(chunk)
    except ParseError:
        raise
    except zipfile.BadZipFile as exc:
        if "CRC" in str(exc):
            raise fail(path, f"damaged Word file (part {name} does not match its checksum)") from None
        raise fail(path, f"damaged Word file (part {name} cannot be read)") from None
    except (ValueError, OSError, EOFError, KeyError, NotImplementedError, RuntimeError):
        raise fail(path, f"damaged Word file (part {name} cannot be read)") from None
    except Exception:  # noqa: BLE001 - zlib.error and friends on a corrupted stream
        raise fail(path, f"damaged Word file (part {name} cannot be unpacked)") from None
    if size != entry.file_size:
        raise fail(path, f"damaged Word file (part {name} is shorter than its directory says)")
    return b"".join(chunks)


def _parsed_as_xml(path: object, parts: dict[str, bytes]) -> list[str]:
    """Return the parts an XML parser will read: the content types, relationships and every part whose
    content type is XML (images, SVG included, are kept as bytes and never parsed)."""
    names = [CONTENT_TYPES] if CONTENT_TYPES in parts else []
    if names:
        _refuse_dtd(path, CONTENT_TYPES, parts[CONTENT_TYPES])
    defaults, overrides = _content_types(parts.get(CONTENT_TYPES, b""))
    for name in parts:
        if name == CONTENT_TYPES:
            continue
        extension = name.rpartition(".")[2].lower() if "." in name.rpartition("/")[2] else ""
        kind = overrides.get("/" + name.lower(), defaults.get(extension, ""))
        if name.lower().endswith((".rels", ".xml")) or not kind or ("xml" in kind and not kind.startswith("image/")):
            names.append(name)
    return names


def _content_types(data: bytes) -> tuple[dict[str, str], dict[str, str]]:
    """Return (extension -> content type, part name -> content type), lower case; empty when unreadable."""
    from lxml import etree

    from penholder.readers.docx_reader import safe_xml_parser

    try:
        root = etree.fromstring(data, safe_xml_parser())
    except Exception:  # noqa: BLE001 - python-docx will report the damaged part
        return {}, {}
    defaults, overrides = {}, {}
    for element in root:
        tag = element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""
        kind = (element.get("ContentType") or "").lower()
        if tag == "Default":
            defaults[(element.get("Extension") or "").lower()] = kind
        elif tag == "Override":
            overrides[(element.get("PartName") or "").lower()] = kind
    return defaults, overrides


def xml_encoding(data: bytes) -> str | None:
    """Return the encoding an XML parser reads ``data`` in (XML 1.0 appendix F: byte-order mark, first
    bytes, then the declaration for the ASCII and EBCDIC families), or None when no codec here reads it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    for start, encoding in _FIRST_BYTES:
        if data.startswith(start):
            return encoding if encoding != _EBCDIC else _declared(data, _EBCDIC, default=_EBCDIC)
    if len(data) >= 2 and data[0] == 0x3C and data[1] == 0:
        return "utf-16-le"  # '<' then NUL: UTF-16 little-endian without a BOM
    if len(data) >= 2 and data[0] == 0 and data[1] == 0x3C:
        return "utf-16-be"
    return _declared(data, "ascii", default="utf-8")


def _declared(data: bytes, family: str, default: str) -> str | None:
    """Return the codec the XML declaration names (read in its family's codec), ``default`` without one."""
    declared = _DECLARED.match(data[:256].decode(family, errors="replace"))
    if declared is None:
        return default
    try:
        return codecs.lookup(declared.group(1)).name
    except LookupError:
        return None


def declares_dtd(data: bytes) -> bool:
    """Return whether XML ``data`` declares a DTD or an entity, in its own encoding or as plain bytes."""
    lowered = data.lower()
    if any(marker.encode() in lowered for marker in _DTD_MARKERS):
        return True
    for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        if any(marker.encode(encoding) in lowered for marker in _DTD_MARKERS):
            return True
    encoding = xml_encoding(data)
    if encoding is None:
        return True  # a parser might read what no codec here can: refuse rather than guess
    encodings = [encoding] + (list(_EBCDIC_PAGES) if data.startswith(b"Lo\xa7\x94") else [])
    for name in encodings:
        text = data.decode(name, errors="replace").lower()
        if any(marker in text for marker in _DTD_MARKERS):
            return True
    return False


def _refuse_dtd(path: object, name: str, data: bytes) -> None:
    if declares_dtd(data):
        if xml_encoding(data) is None:
            raise fail(path, f"Word file part {name} is written in a text encoding Word does not use; refused")
        raise fail(path, f"Word file part {name} declares a DTD (possible entity bomb); refused")


def _megabytes(size: int) -> str:
    return f"{size / _MB:,.0f} MB" if size >= _MB else f"{size / 1024:,.0f} KB"
