"""Readers: DOCX, PDF and plain text files into resolution text and the resolution model (no Qt).

This is the one door every incoming file goes through (library import, the GUI's Import Draft via
``readers.incoming``, compare, check, export and sources): the size limit before reading
(``limits``), Word files inflated against a byte budget with DTDs refused in any encoding
(``zip_guard``), PDFs read in a worker process with a hard time limit (``pdf_worker``), and text in
its own encoding, mixed UTF-8/Windows-1252 repaired (``text_reader``).

``read_resolution(path)`` picks the reader by the file's content (``%PDF-``, a ZIP holding
``word/document.xml``, else text), not by its extension, rebuilds plain text the parser understands
(italic leads as ``*Lead*``, footnote marks as superscripts, footnotes at the end) and parses it.
``read_document(path)`` returns that text with what was learnt on the way (format, encoding, pages,
warnings); ``read_text(path)`` just the text. Every failure is a ParseError "<file>: <reason>".
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

from penholder.errors import ParseError
from penholder.model import Resolution
from penholder.readers.limits import fail, read_bytes_checked

_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")

TEXT = "text"
DOCX = "docx"
PDF = "pdf"

__all__ = ["DOCX", "PDF", "TEXT", "Document", "detect_format", "parse_document", "read_document",
           "read_resolution", "read_text"]


@dataclass
class Document:
    """A file read into plain text: its format, the encoding used (text files), pages (PDF), warnings.

    ``sha256`` is the hash of the bytes that were read, so a caller need not read the file twice.
    """

    path: str
    format: str
    text: str
    encoding: str | None = None
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    sha256: str = ""


def detect_format(data: bytes) -> str:
    """Return "pdf", "docx" or "text" from a file's first bytes (its content, not its name)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return DOCX
    return TEXT


def read_document(path: str | os.PathLike) -> Document:
    """Return the file's text rebuilt for the parser, with format, encoding, pages and warnings."""
    name = os.fspath(path)
    data = read_bytes_checked(name)
    if data.startswith(_OLE_MAGIC):
        raise fail(name, "is an old Word (.doc) or password-protected Office file; save it as an "
                         "unprotected .docx and try again")
    kind = detect_format(data)
    if kind == TEXT and _is_draft(name, data):
        raise fail(name, "is a Penholder draft, not a resolution file: open it in Penholder, check it with "
                         f"`penholder check {name}` or export it with `penholder export {name} -o OUT.docx`")
    if kind == PDF:
        from penholder.readers.pdf_reader import read_pdf_bytes

        pdf = read_pdf_bytes(name, data)
        document = Document(name, PDF, pdf.text, pages=pdf.pages, warnings=pdf.warnings)
    elif kind == DOCX:
        from penholder.readers.docx_reader import read_docx_bytes

        docx = read_docx_bytes(name, data)
        document = Document(name, DOCX, docx.text, warnings=docx.warnings)
    else:
        from penholder.readers.text_reader import read_text_checked

        text, encoding, warnings = read_text_checked(name, data)
        document = Document(name, TEXT, text, encoding=encoding, warnings=warnings)
    document.sha256 = hashlib.sha256(data).hexdigest()
    return document


def _is_draft(name: str, data: bytes) -> bool:
    """Return whether the bytes are a ``.penholder`` draft (a JSON object with its schema and text)."""
    if name.endswith(".penholder"):
        return True
    if not data.lstrip()[:1] == b"{":
        return False
    import json

    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return False
    return isinstance(value, dict) and "schema" in value and "text" in value


def read_text(path: str | os.PathLike) -> str:
    """Return the plain text the parser gets for this file (any supported format)."""
    return read_document(path).text


def read_resolution(path: str | os.PathLike) -> Resolution:
    """Return the resolution in a DOCX, PDF or text file, or raise ParseError "<file>: <reason>"."""
    document = read_document(path)
    return parse_document(document)


def parse_document(document: Document) -> Resolution:
    """Return the resolution parsed from an already read document."""
    from penholder.parsing import parse_text

    try:
        return parse_text(document.text, source=document.path)
    except ParseError:
        raise
    except RecursionError:
        raise fail(document.path, "text too deeply nested to parse") from None
    except Exception as exc:  # noqa: BLE001 - a parser bug must not cost the batch; say where it happened
        from penholder import logs

        if logs.debugging():
            raise
        logs.unexpected(f"parsing {document.path}", exc, "penholder.parsing")
        raise fail(document.path, f"could not be parsed ({type(exc).__name__}: {exc})") from None
