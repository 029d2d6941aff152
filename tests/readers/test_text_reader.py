"""Plain text files: encodings detected and named, binary and empty files refused in one line."""

from __future__ import annotations

import codecs

import pytest

from penholder.errors import ParseError
from penholder.readers import TEXT, read_document, read_resolution
from penholder.readers.text_reader import decode_bytes

SAMPLE = "Résolution « spéciale » — Côte d’Ivoire, 25 June 1993\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("cp1252"), "cp1252"),
    ],
)
def test_encoding_is_detected_and_named(data, encoding):
    text, used = decode_bytes(data)
    assert used == encoding
    assert text == SAMPLE


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_pattern(encoding):
    text = "The General Assembly,\n\nRecalling its resolution 70/1,\n"
    assert decode_bytes(text.encode(encoding)) == (text, encoding)


def test_ascii_is_reported_as_utf8():
    assert decode_bytes(b"The General Assembly,\n")[1] == "utf-8"


def test_document_reports_the_encoding(tmp_path, seed_paths):
    path = tmp_path / "seed.txt"
    seed = next(iter(seed_paths.values())).read_text(encoding="utf-8")
    path.write_bytes(codecs.BOM_UTF16_LE + seed.encode("utf-16-le"))
    document = read_document(path)
    assert (document.format, document.encoding) == (TEXT, "utf-16-le")
    assert document.text.replace("\r\n", "\n") == seed.replace("\r\n", "\n")


def test_utf16_seed_parses_like_the_utf8_seed(tmp_path, seed_paths):
    seed = next(iter(seed_paths.values()))
    path = tmp_path / "seed-utf16.txt"
    path.write_bytes(codecs.BOM_UTF16_BE + seed.read_text(encoding="utf-8").encode("utf-16-be"))
    assert read_resolution(path).to_json() == read_resolution(seed).to_json()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Recalling\x00its resolution", "binary file"),
        (bytes(range(256)) * 4, "binary file"),
        (b"", "is empty"),
        (b"  \n\n\t ", "is empty"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "not valid"),
    ],
)
def test_not_text_gives_one_line(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ParseError) as caught:
        read_document(path)
    message = str(caught.value)
    assert reason in message
    assert message.startswith(str(path) + ": ")
    assert "\n" not in message


def test_text_that_is_not_a_resolution_is_refused(tmp_path):
    path = tmp_path / "shopping.txt"
    path.write_text("Milk\nBread\nEggs\n", encoding="utf-8")
    with pytest.raises(ParseError, match=str(path)):
        read_resolution(path)


def test_text_files_read_exactly_as_the_parser_reads_them(seed_paths):
    from penholder.parsing import parse_file

    for seed in seed_paths.values():
        assert read_resolution(seed).to_json() == parse_file(seed).to_json()
