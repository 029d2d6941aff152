"""Paths that cannot be read, files over 50 MB, and the choice of reader by content, not by name."""

from __future__ import annotations

import os
import shutil

import pytest

from penholder.errors import ParseError
from penholder.readers import DOCX, PDF, TEXT, detect_format, read_document, read_resolution
from penholder.readers.limits import MAX_FILE_BYTES
from tests.readers.samples import resolution_runs, write_docx, write_text_pdf


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.pdf"
    with pytest.raises(ParseError, match="no such file"):
        read_resolution(path)


def test_folder(tmp_path):
    with pytest.raises(ParseError, match="is a folder"):
        read_resolution(tmp_path)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("The General Assembly,", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(ParseError, match="permission denied"):
            read_resolution(path)
    finally:
        path.chmod(0o600)


def test_file_over_50_mb_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(ParseError, match="larger than 50 MB") as caught:
        read_resolution(path)
    assert "\n" not in str(caught.value)


def test_format_comes_from_content():
    assert detect_format(b"%PDF-1.7\n...") == PDF
    assert detect_format(b"PK\x03\x04rest") == DOCX
    assert detect_format(b"The General Assembly,") == TEXT


def test_misnamed_files_are_read_by_content(tmp_path):
    pdf = write_text_pdf(tmp_path / "real.pdf", resolution_runs())
    docx = write_docx(tmp_path / "real.docx")
    pdf_as_txt = tmp_path / "resolution.txt"
    docx_as_pdf = tmp_path / "resolution.pdf"
    shutil.copy(pdf, pdf_as_txt)
    shutil.copy(docx, docx_as_pdf)
    assert read_document(pdf_as_txt).format == PDF
    assert read_document(docx_as_pdf).format == DOCX
    assert read_resolution(pdf_as_txt).to_json() == read_resolution(pdf).to_json()
    assert read_resolution(docx_as_pdf).to_json() == read_resolution(docx).to_json()


def test_old_word_or_protected_office_file(tmp_path):
    path = tmp_path / "draft.docx"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 600)
    with pytest.raises(ParseError, match="unprotected .docx"):
        read_resolution(path)


def test_document_carries_the_hash_of_the_bytes_read(tmp_path):
    import hashlib

    path = write_docx(tmp_path / "draft.docx")
    assert read_document(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
