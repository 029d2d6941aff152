"""Plain text files: encodings detected and named, binary and empty files refused in one line."""

from __future__ import annotations

import codecs
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from penholder.errors import ParseError
from penholder.readers import TEXT, read_document, read_resolution
from penholder.readers.text_reader import decode_bytes, decode_text

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


def test_a_utf8_file_with_some_cp1252_lines_is_repaired_and_the_lines_named(tmp_path, seed_paths):
    seed = seed_paths["A/HRC/RES/53/11"].read_text(encoding="utf-8")
    lines = seed.splitlines(keepends=True)
    pasted = {4: "Recalling “the Côte d’Ivoire” déclaration – again,\n", 9: "Noting the “rapport” of café,\n"}
    data = b"".join(pasted[n].encode("cp1252") if n in pasted else line.encode("utf-8")
                    for n, line in enumerate(lines))
    assert any(not line.isascii() for n, line in enumerate(lines) if n not in pasted)  # real UTF-8 around
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    document = read_document(path)
    expected = "".join(pasted.get(n, line) for n, line in enumerate(lines)).replace("\r\n", "\n")
    assert document.text == expected
    assert document.encoding == "utf-8+cp1252"
    assert len(document.warnings) == 1 and "lines 5, 10 " in document.warnings[0]
    assert "Windows-1252" in document.warnings[0]


def test_a_cp1252_file_stays_cp1252():
    data = "Recalling “the Côte d’Ivoire” déclaration – again,\n".encode("cp1252")
    assert decode_bytes(data)[1] == "cp1252"


_PLAIN = st.text(alphabet="abcdefghij ,.;", min_size=1, max_size=30)
_ACCENTED = st.sampled_from(["é", "è", "à", "ç", "ô", "ü"])
_QUOTES = st.sampled_from(["“", "”", "’", "–", "—", "€"])


@st.composite
def _cp1252_line(draw) -> str:
    """A line whose cp1252 bytes cannot be read as UTF-8 by chance: each accented letter is followed by an
    ASCII letter, each quote stands between spaces."""
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        pieces.append(draw(_PLAIN))
        pieces.append(draw(st.one_of(_ACCENTED.map(lambda c: c + "a"), _QUOTES.map(lambda c: f" {c} "))))
    return "".join(pieces)


@settings(max_examples=int(os.environ.get("PENHOLDER_FUZZ") and 3000 or 200), deadline=None)
@given(utf8=st.lists(st.text(min_size=1, max_size=40).filter(lambda t: "\n" not in t and "\r" not in t),
                     min_size=1, max_size=6),
       pasted=st.lists(_cp1252_line(), min_size=1, max_size=4), seed=st.randoms())
def test_any_mix_of_utf8_and_cp1252_lines_reads_back_exactly(utf8, pasted, seed):
    utf8 = [line for line in utf8 if not line.isascii()] or ["Résolution « spéciale » — Côte d’Ivoire"]
    if sum(not c.isascii() for c in "".join(utf8)) < 2:
        utf8.append("déjà vu")
    lines = [(line, "utf-8") for line in utf8] + [(line, "cp1252") for line in pasted]
    seed.shuffle(lines)
    data = b"\n".join(line.encode(encoding, errors="surrogatepass") for line, encoding in lines)
    try:
        text, encoding, repaired = decode_text(data)
    except ValueError:
        return  # control characters or NULs drawn in the UTF-8 lines: not text, refused
    assert text == "\n".join(line for line, _ in lines)
    assert repaired == [n for n, (_, encoding) in enumerate(lines, start=1) if encoding == "cp1252"]


@pytest.mark.parametrize("name", ["draft.penholder", "renamed.txt"])
def test_parse_of_a_draft_says_it_is_a_draft_and_what_to_do(tmp_path, capsys, name):
    from penholder.cli import main
    from penholder.drafts import Draft, save_draft

    path = tmp_path / name
    save_draft(Draft("The Human Rights Council,\n\n1. Decides to remain seized of the matter."), path)
    assert main(["parse", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: is a Penholder draft, not a resolution file" in err
    assert f"penholder export {path} -o OUT.docx" in err and f"penholder check {path}" in err
    assert "no resolution structure" not in err and err.count("\n") == 1


def test_parse_names_the_file_once_in_a_warning(tmp_path, capsys, seed_paths):
    from penholder.cli import main

    seed = seed_paths["A/HRC/RES/53/11"].read_text(encoding="utf-8")
    path = tmp_path / "mixed.txt"
    path.write_bytes(seed.encode("utf-8") + "\nRecalling “the” café,\n".encode("cp1252"))
    assert main(["parse", str(path)]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "Windows-1252" in line]
    assert len(warnings) == 1 and warnings[0].startswith(f"penholder: {path}: line ")
    assert warnings[0].count(str(path)) == 1
