"""Fault probes of the one guarded door every incoming file goes through (library import and the GUI's
Import Draft): ZIP bombs that lie about their sizes and honest ones, DTDs in any encoding, a 60 MB text.

Each probe prints a row of the table with ``pytest -s``. Memory is measured with tracemalloc (every
bytes object zlib and zipfile make is traced), time with the monotonic clock.
"""

from __future__ import annotations

import codecs
import io
import os
import struct
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from penholder.errors import ParseError
from penholder.readers import read_resolution
from penholder.readers.incoming import import_draft_text
from penholder.readers.limits import MAX_UNPACKED_BYTES
from tests.readers.probes import report
from tests.readers.samples import write_docx, zip_parts, zipped

MB = 1024 * 1024
LYING_BYTES = 430 * MB  # what the lying bomb cost before failing
BOMB_PART = "word/document.xml"  # the part every reader parses


def _gui_import(path: Path) -> str:
    """The GUI's Import Draft call (ui.draft_files.read_draft_text), which must use the same door."""
    from penholder.ui.draft_files import read_draft_text

    return read_draft_text(path)


DOORS = {"library import": read_resolution, "Import Draft": import_draft_text, "GUI Import Draft": _gui_import}


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    return write_docx(tmp_path_factory.mktemp("door") / "base.docx")


def _deflated_zip(parts: dict[str, bytes], name: str, size: int) -> bytes:
    """Return a DOCX of ``parts`` and a part ``name`` of ``size`` zero bytes, deflated as a stream."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for part, data in parts.items():
            if part != name:
                archive.writestr(part, data)
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w") as handle:
            chunk = bytes(MB)
            for _ in range(size // MB):
                handle.write(chunk)
    return buffer.getvalue()


def _lie(data: bytes, name: str, declared: int, crc: int | None = None) -> bytes:
    """Return the ZIP with ``name``'s uncompressed size (and CRC, if given) rewritten in both headers."""
    mutable = bytearray(data)
    encoded = name.encode()
    local = data.index(b"PK\x03\x04")
    while data[local + 30:local + 30 + struct.unpack_from("<H", data, local + 26)[0]] != encoded:
        local = data.index(b"PK\x03\x04", local + 4)
    central = data.index(b"PK\x01\x02")
    while data[central + 46:central + 46 + struct.unpack_from("<H", data, central + 28)[0]] != encoded:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", mutable, local + 22, declared)
    struct.pack_into("<I", mutable, central + 24, declared)
    if crc is not None:
        struct.pack_into("<I", mutable, local + 14, crc)
        struct.pack_into("<I", mutable, central + 16, crc)
    return bytes(mutable)


@pytest.fixture(scope="module")
def lying_source(base) -> bytes:
    """A DOCX whose main part, word/document.xml, is 430 MB of zeros deflated (about 420 kB), sizes true."""
    return _deflated_zip(zip_parts(base), BOMB_PART, LYING_BYTES)


def _reason(outcome: str, path: Path) -> str:
    return outcome if outcome == "read" else outcome[len(str(path)) + 2:]


def _measure(function, path: Path) -> tuple[str, float, float]:
    """Return (error message or "read", seconds, peak traced MB) of ``function(path)``."""
    tracemalloc.start()
    began = time.monotonic()
    try:
        function(path)
        outcome = "read"
    except ParseError as exc:
        outcome = str(exc)
    finally:
        seconds = time.monotonic() - began
        peak = tracemalloc.get_traced_memory()[1] / MB
        tracemalloc.stop()
    return outcome, seconds, peak


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("crc", ["true CRC", "CRC of the declared prefix"])
def test_a_bomb_that_lies_about_its_size_stops_at_that_size(tmp_path, lying_source, door, crc):
    declared = 4096
    data = _lie(lying_source, BOMB_PART, declared,
                zlib.crc32(bytes(declared)) if crc != "true CRC" else None)
    path = tmp_path / "liar.docx"
    path.write_bytes(data)
    outcome, seconds, peak = _measure(DOORS[door], path)
    report(f"lying ZIP bomb (word/document.xml: 430 MB declared as 4 kB, {crc}) via {door}", 1,
           f"{_reason(outcome, path)!r}; {seconds:.2f} s, peak {peak:.1f} MB traced")
    assert peak < 20, f"inflated far past the declared size: {peak:.0f} MB"
    assert seconds < 5
    if crc == "true CRC":
        assert outcome.startswith(f"{path}: ") and "checksum" in outcome, outcome
    else:
        # The part, cut at its declared 4 kB, is 4 kB of zeros: not XML.
        assert outcome.startswith(f"{path}: ") and "not well-formed" in outcome, outcome


@pytest.mark.parametrize("door", DOORS)
def test_an_honest_bomb_is_refused_from_its_directory(tmp_path, lying_source, door):
    path = tmp_path / "honest.docx"
    path.write_bytes(lying_source)
    outcome, seconds, peak = _measure(DOORS[door], path)
    report(f"honest ZIP bomb (word/document.xml: 430 MB in 420 kB) via {door}", 1,
           f"{_reason(outcome, path)!r}; {seconds:.2f} s, peak {peak:.1f} MB traced")
    reason = outcome[len(str(path)) + 2:]
    assert "expands" in reason and "probably damaged" in reason and "bomb" not in reason
    assert peak < 20 and seconds < 5


def test_many_small_parts_that_lie_are_cut_each_at_its_size(tmp_path, base):
    """300 parts each declaring 1 kB (under every ratio check) but holding 1 MB of zeros each."""
    parts = zip_parts(base)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
        for number in range(300):
            archive.writestr(f"word/media/p{number}.bin", bytes(MB))
    data = buffer.getvalue()
    for number in range(300):
        data = _lie(data, f"word/media/p{number}.bin", 1024, zlib.crc32(bytes(1024)))
    path = tmp_path / "many.docx"
    path.write_bytes(data)
    outcome, seconds, peak = _measure(read_resolution, path)
    report("300 lying parts (1 MB each, declared 1 kB, CRC of the prefix)", 1,
           f"{_reason(outcome, path)!r}; {seconds:.2f} s, "
           f"peak {peak:.1f} MB traced")
    assert peak < 30 and seconds < 10


def test_the_budget_counts_what_is_inflated(tmp_path, base, monkeypatch):
    """A part within every directory check still stops at the byte budget while it is inflated."""
    from penholder.readers import zip_guard

    path = tmp_path / "big.docx"
    path.write_bytes(_deflated_zip(zip_parts(base), "word/media/image1.png", 3 * MB))
    monkeypatch.setattr(zip_guard, "MAX_UNPACKED_BYTES", 2 * MB)
    monkeypatch.setattr(zip_guard, "_check_directory", lambda *_args: None)  # as if the directory lied
    with pytest.raises(ParseError, match=r"expands to more than 2 MB; it is probably damaged"):
        read_resolution(path)


def _dtd_document(encoding: str, bom: bool, declaration: bool) -> bytes:
    text = ('<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Recalling &x;</w:t></w:r></w:p></w:body></w:document>")
    if declaration:
        name = encoding.replace("-le", "").replace("-be", "").upper()
        text = f'<?xml version="1.0" encoding="{name}" standalone="yes"?>\n' + text
    boms = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
    return (boms.get(encoding, b"") if bom else b"") + text.encode(encoding)


_ENCODINGS = ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "[Content_Types].xml",
                                  "word/_rels/document.xml.rels"])
@pytest.mark.parametrize("encoding", _ENCODINGS)
@pytest.mark.parametrize("bom", [True, False], ids=["BOM", "no BOM"])
@pytest.mark.parametrize("declaration", [True, False], ids=["declared", "undeclared"])
def test_a_dtd_is_refused_in_any_encoding(tmp_path, base, part, encoding, bom, declaration):
    parts = zip_parts(base)
    parts[part] = _dtd_document(encoding, bom, declaration)
    path = tmp_path / "dtd.docx"
    path.write_bytes(zipped(parts))
    for door in (read_resolution, import_draft_text):
        with pytest.raises(ParseError) as caught:
            door(path)
        assert "declares a DTD" in str(caught.value) or "encoding Word does not use" in str(caught.value)


def test_dtd_probe_table(tmp_path, base):
    """Every DTD probe once more, counted for the table (documents in the main part)."""
    refused = runs = 0
    for encoding in [*_ENCODINGS, "utf-7", "cp500", "cp037"]:
        for bom in (True, False):
            for declaration in (True, False):
                if encoding in ("utf-7", "cp500", "cp037") and (bom or not declaration):
                    continue
                parts = zip_parts(base)
                parts["word/document.xml"] = _dtd_document(encoding, bom, declaration)
                path = tmp_path / "dtd.docx"
                path.write_bytes(zipped(parts))
                runs += 1
                try:
                    import_draft_text(path)
                except ParseError as exc:
                    refused += "DTD" in str(exc) or "encoding" in str(exc)
    report("DOCX part with a DTD: UTF-8/16LE/16BE/32LE/32BE, UTF-7, EBCDIC (cp500, cp037); BOM or not; "
           "declared or not",
           runs, f"{refused} refused before any XML parser")
    assert refused == runs


def test_a_part_in_an_encoding_no_codec_reads_is_refused(tmp_path, base):
    parts = zip_parts(base)
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"encoding='UTF-8'", b"encoding='X-MADE-UP'", 1)
    assert b"X-MADE-UP" in parts["word/document.xml"]
    path = tmp_path / "odd.docx"
    path.write_bytes(zipped(parts))
    with pytest.raises(ParseError, match="text encoding Word does not use"):
        read_resolution(path)


def test_an_svg_picture_with_a_doctype_is_not_refused(tmp_path, base):
    """SVG files often carry a DOCTYPE; Word keeps them as pictures, which nothing parses."""
    parts = zip_parts(base)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"<Default ", b'<Default Extension="svg" ContentType="image/svg+xml"/><Default ', 1)
    parts["word/media/image9.svg"] = (b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
                                      b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg/>')
    path = tmp_path / "logo.docx"
    path.write_bytes(zipped(parts))
    assert read_resolution(path).operative


@pytest.mark.parametrize("door", DOORS)
def test_a_60_mb_text_is_refused_without_being_read(tmp_path, door):
    path = tmp_path / "huge.txt"
    line = b"Recalling its resolution 70/1 of 25 September 2015 on the 2030 Agenda,\n"
    with open(path, "wb") as handle:
        handle.write(line * (60 * MB // len(line) + 1))
    outcome, seconds, peak = _measure(DOORS[door], path)
    report(f"60 MB text via {door}", 1, f"{_reason(outcome, path)!r}; {seconds:.2f} s, peak {peak:.1f} MB")
    assert "larger than 50 MB" in outcome and peak < 5 and seconds < 1


def test_a_text_too_long_for_the_editor_is_refused_by_import_draft(tmp_path):
    path = tmp_path / "long.txt"
    path.write_bytes(b"Recalling the long text of the annex,\n" * 200_000)  # 7.6 MB, under the file limit
    with pytest.raises(ParseError, match="more than the editor takes"):
        import_draft_text(path)


def test_the_budget_is_what_the_messages_say():
    assert MAX_UNPACKED_BYTES == 100 * MB


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("door", DOORS)
def test_a_pipe_is_refused_not_waited_on(tmp_path, door):
    path = tmp_path / "draft.txt"
    os.mkfifo(path)
    outcome, seconds, _ = _measure(DOORS[door], path)
    assert "not a regular file" in outcome and seconds < 1
