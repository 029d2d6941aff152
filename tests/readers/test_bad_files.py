"""Junk, truncated and corrupted files: a resolution or one ParseError line, never anything else."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from penholder.errors import ParseError
from penholder.model import Resolution
from penholder.readers import read_resolution
from tests.readers.samples import resolution_runs, write_docx, write_text_pdf


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """Return a folder for the junk files of this module."""
    return tmp_path_factory.mktemp("junk")


@pytest.fixture(scope="module")
def docx_bytes(work) -> bytes:
    """Return a small real DOCX made with python-docx."""
    return write_docx(work / "sample.docx", numbered=True, table=True).read_bytes()


@pytest.fixture(scope="module")
def pdf_bytes(work) -> bytes:
    """Return a small real text PDF."""
    return write_text_pdf(work / "sample.pdf", resolution_runs()).read_bytes()


def _read(work: Path, data: bytes, name: str = "junk.bin") -> None:
    path = work / name
    path.write_bytes(data)
    try:
        assert isinstance(read_resolution(path), Resolution)
    except ParseError as error:
        message = str(error)
        assert message.startswith(f"{path}: "), message
        assert "\n" not in message and len(message) < 400, message


_PREFIXES = st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", codecs.BOM_UTF16_LE, codecs.BOM_UTF8,
                             bytes.fromhex("d0cf11e0a1b11ae1")])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(prefix=_PREFIXES, junk=st.binary(max_size=3000))
def test_junk_bytes(work, prefix, junk):
    _read(work, prefix + junk)


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=2000))
def test_junk_text(work, text):
    _read(work, text.encode("utf-8"), "junk.txt")


def _corrupt(data: bytes, flips: list[tuple[float, int]]) -> bytes:
    mutable = bytearray(data)
    for where, value in flips:
        mutable[int(where * (len(mutable) - 1))] = value
    return bytes(mutable)


_FLIPS = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(flips=_FLIPS)
def test_corrupted_docx(work, docx_bytes, flips):
    _read(work, _corrupt(docx_bytes, flips), "corrupt.docx")


@settings(max_examples=40, deadline=None)
@given(flips=_FLIPS)
def test_corrupted_pdf(work, pdf_bytes, flips):
    _read(work, _corrupt(pdf_bytes, flips), "corrupt.pdf")


@pytest.mark.parametrize("fraction", [0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99])
def test_truncated_docx(work, docx_bytes, fraction):
    _read(work, docx_bytes[: int(len(docx_bytes) * fraction)], "cut.docx")


def test_truncated_and_corrupted_official_pdf(work, shared_dir):
    data = (shared_dir / "corpus" / "pdf" / "A_RES_78_199.pdf").read_bytes()
    rng = random.Random(199)
    for fraction in (0.05, 0.5, 0.97):
        _read(work, data[: int(len(data) * fraction)], "cut.pdf")
    for _ in range(3):
        _read(work, _corrupt(data, [(rng.random(), rng.randrange(256)) for _ in range(20)]), "flipped.pdf")
