"""Fuzzed DOCX and text files through the guarded door (library import and Import Draft): a resolution,
a text, or one ParseError line naming the file, never any other exception.

300 DOCX and 300 texts by default, 3,000 of each with ``PENHOLDER_FUZZ=1``. DOCX files are damaged two
ways: bytes of the archive flipped (mostly caught by the checksums), and bytes of an XML part flipped,
cut or repeated before the archive is rebuilt (reaching python-docx and lxml).
"""

from __future__ import annotations

import codecs
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from penholder.errors import ParseError
from penholder.model import Resolution
from penholder.readers import read_resolution
from penholder.readers.incoming import import_draft_text
from tests.readers.probes import report
from tests.readers.samples import write_docx, zip_parts, zipped

EXAMPLES = 3000 if os.environ.get("PENHOLDER_FUZZ") else 300
OUTCOMES: dict[str, Counter] = {"DOCX": Counter(), "text": Counter()}
REASONS: Counter = Counter()
_SETTINGS = settings(max_examples=EXAMPLES // 2, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def docx_parts(work) -> dict[str, bytes]:
    return zip_parts(write_docx(work / "sample.docx", numbered=True, table=True))


def _through_the_door(path: Path, data: bytes, kind: str) -> None:
    path.write_bytes(data)
    for door in (read_resolution, import_draft_text):
        try:
            result = door(path)
        except ParseError as error:
            message = str(error)
            assert message.startswith(f"{path}: ") and "\n" not in message and len(message) < 400, message
            OUTCOMES[kind]["ParseError"] += 1
            REASONS[re.sub(r"\d+", "N", message[len(str(path)) + 2:])[:90]] += 1
        else:
            assert isinstance(result, (Resolution, str))
            OUTCOMES[kind]["read"] += 1


_FLIPS = st.lists(st.tuples(st.floats(0, 1), st.integers(1, 255)), min_size=1, max_size=12)


def _flip(data: bytes, flips) -> bytes:
    mutable = bytearray(data)
    for where, mask in flips:
        mutable[int(where * (len(mutable) - 1))] ^= mask
    return bytes(mutable)


@_SETTINGS
@given(flips=_FLIPS)
def test_docx_with_flipped_archive_bytes(work, docx_parts, flips):
    _through_the_door(work / "flipped.docx", _flip(zipped(docx_parts), flips), "DOCX")


_PARTS = st.sampled_from(["word/document.xml", "word/styles.xml", "word/numbering.xml", "[Content_Types].xml",
                          "word/_rels/document.xml.rels", "_rels/.rels", "word/settings.xml"])


@_SETTINGS
@given(part=_PARTS, flips=_FLIPS, cut=st.one_of(st.none(), st.floats(0, 1)),
       repeat=st.one_of(st.none(), st.tuples(st.floats(0, 1), st.integers(1, 200), st.integers(2, 50))))
def test_docx_with_damaged_xml_parts(work, docx_parts, part, flips, cut, repeat):
    parts = dict(docx_parts)
    data = _flip(parts[part], flips)
    if cut is not None:
        data = data[:int(cut * len(data))]
    if repeat is not None:
        where, length, times = repeat
        start = int(where * len(data))
        data = data[:start] + data[start:start + length] * times + data[start:]
    parts[part] = data
    _through_the_door(work / "damaged.docx", zipped(parts), "DOCX")


_ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-16", "utf-32", "cp1252",
                              "latin-1"])
_RESOLUTION_WORDS = st.sampled_from(["The General Assembly,", "Recalling", "1.", "(a)", "Decides", "*Noting*",
                                     "\n", "\n\n", "A/RES/78/1", "¹", "—", "“", "’", "\t", "\f", "…"])


@_SETTINGS
@given(words=st.lists(st.one_of(_RESOLUTION_WORDS, st.text(max_size=20)), max_size=80), encoding=_ENCODINGS)
def test_fuzzed_texts_in_any_encoding(work, words, encoding):
    data = " ".join(words).encode(encoding, errors="replace")
    _through_the_door(work / "fuzzed.txt", data, "text")


@_SETTINGS
@given(prefix=st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"{", b"\x00",
                               b"PK\x03\x04", b"%PDF-1.4\n"]),
       junk=st.binary(max_size=4000))
def test_fuzzed_bytes(work, prefix, junk):
    _through_the_door(work / "fuzzed.txt", prefix + junk, "text")


def test_fuzz_table():
    for kind, outcomes in OUTCOMES.items():
        runs = sum(outcomes.values())
        report(f"fuzzed {kind} files x 2 doors (library import, Import Draft)", runs,
               f"{outcomes['read']} read, {outcomes['ParseError']} ParseError, 0 other exceptions")
    assert all(sum(outcomes.values()) for outcomes in OUTCOMES.values())
    if os.environ.get("PENHOLDER_FUZZ_REASONS"):
        for reason, count in REASONS.most_common():
            print(f"{count:6} {reason}")
