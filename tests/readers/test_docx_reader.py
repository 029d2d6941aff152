"""Word files: leads from italics, numbering, footnotes, tables skipped; bombs and DTDs refused."""

from __future__ import annotations

import io
import zipfile

import pytest

from penholder.errors import ParseError
from penholder.export import export_docx
from penholder.readers import DOCX, read_document, read_resolution
from tests.readers.samples import OPERATIVE, PREAMBULAR, write_docx


def _rewrite(source, target, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None):
    """Copy a DOCX, replacing or adding parts."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, replace.get(item.filename, old.read(item.filename)))
        for name, data in add.items():
            new.writestr(name, data)
    return target


def _once(notes: list[str]) -> list[str]:
    return list(dict.fromkeys(notes))


@pytest.mark.parametrize("numbered", [False, True], ids=["typed numbers", "Word numbering"])
def test_leads_and_numbers(tmp_path, numbered):
    resolution = read_resolution(write_docx(tmp_path / "draft.docx", numbered=numbered))
    assert [p.lead for p in resolution.preambular] == [lead for lead, _ in PREAMBULAR]
    assert [p.lead for p in resolution.operative] == [lead for lead, _ in OPERATIVE]
    assert [p.number for p in resolution.operative] == list(range(1, len(OPERATIVE) + 1))


def test_tables_are_ignored_with_a_warning(tmp_path):
    document = read_document(write_docx(tmp_path / "draft.docx", table=True))
    assert document.format == DOCX
    assert "Recalling the table text" not in document.text
    assert any("table" in warning for warning in document.warnings)


def test_exports_read_back_to_the_same_paragraphs_and_footnotes(tmp_path, seed_paths):
    for symbol, seed in seed_paths.items():
        source = read_resolution(seed)
        path = tmp_path / (symbol.replace("/", "-") + ".docx")
        export_docx(source, path)
        back = read_resolution(path)
        assert back.symbol == source.symbol
        # The export cites each note once per paragraph (Word numbers every reference anew).
        assert [(p.kind, p.number, p.lead, p.text, _once(p.notes)) for p in back.paragraphs] == [
            (p.kind, p.number, p.lead, p.text, _once(p.notes)) for p in source.paragraphs], symbol
        assert [(f.mark, f.text) for f in back.footnotes] == [(f.mark, f.text) for f in source.footnotes]


_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
               for i in range(1, 10))
    + b']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def test_entity_bomb_is_refused(tmp_path):
    base = write_docx(tmp_path / "base.docx")
    bomb = _rewrite(base, tmp_path / "bomb.docx", replace={"word/document.xml": _LAUGHS})
    with pytest.raises(ParseError, match="DTD") as caught:
        read_resolution(bomb)
    assert str(caught.value).startswith(str(bomb))


def test_external_entity_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Recalling the secret", encoding="utf-8")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>").encode()
    base = write_docx(tmp_path / "base.docx")
    path = _rewrite(base, tmp_path / "xxe.docx", replace={"word/document.xml": xxe})
    with pytest.raises(ParseError, match="DTD"):
        read_document(path)


def test_footnotes_part_parser_never_expands_entities():
    from lxml import etree

    from penholder.readers.docx_reader import safe_xml_parser

    try:
        root = etree.fromstring(_LAUGHS, safe_xml_parser())
    except etree.XMLSyntaxError:
        return  # libxml2 stops the amplification itself: also safe
    assert len(etree.tostring(root)) < 2000


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    base = write_docx(tmp_path / "base.docx")
    bomb = _rewrite(base, tmp_path / "bomb.docx", add={"word/media/image1.png": bytes(30 * 1024 * 1024)})
    with pytest.raises(ParseError, match="expands"):
        read_resolution(bomb)


def test_zip_bomb_by_total_size(tmp_path, monkeypatch):
    from penholder.readers import zip_guard

    base = write_docx(tmp_path / "base.docx")
    monkeypatch.setattr(zip_guard, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(ParseError, match="expands"):
        read_resolution(base)


def test_zip_that_is_not_word(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "The General Assembly,")
    path = tmp_path / "archive.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ParseError, match="not a Word document"):
        read_resolution(path)


def test_missing_part_is_a_clean_error(tmp_path):
    base = write_docx(tmp_path / "base.docx")
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(base) as old, zipfile.ZipFile(broken, "w") as new:
        for item in old.infolist():
            if item.filename != "word/styles.xml":
                new.writestr(item, old.read(item.filename))
    try:
        read_resolution(broken)
    except ParseError as error:
        assert str(error).startswith(str(broken))


def test_hidden_text_is_skipped(tmp_path):
    import docx

    path = write_docx(tmp_path / "draft.docx")
    document = docx.Document(str(path))
    paragraph = document.paragraphs[-1]
    paragraph.add_run(" secret drafting note").font.hidden = True
    document.save(str(path))
    assert "secret drafting note" not in read_document(path).text


def test_word_number_formats():
    from penholder.readers.docx_numbering import format_number

    assert [format_number(n, "lowerRoman") for n in (1, 4, 9, 14, 40)] == ["i", "iv", "ix", "xiv", "xl"]
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert format_number(3, "upperRoman") == "III"
    assert format_number(12, "decimal") == "12"
    assert format_number(2, "bullet") == ""


def test_word_numbering_levels_restart(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>'
        "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    for text, level in [("Requests:", 0), ("first;", 1), ("second:", 1), ("detail;", 2), ("third;", 1),
                        ("Decides.", 0), ("again;", 1)]:
        numbered(text, level)
    path = tmp_path / "numbered.docx"
    document.save(path)
    labels = [block.split(" ")[0] for block in read_document(path).text.split("\n\n")]
    assert labels == ["1.", "(a)", "(b)", "(i)", "(c)", "2.", "(a)"]


def test_a_text_run_over_10_mb_gets_a_drafters_message(tmp_path):
    """lxml refuses a text node over 10 MB with advice to itself ("use XML_PARSE_HUGE option")."""
    import random

    base = write_docx(tmp_path / "base.docx")
    rng = random.Random(10)
    words = " ".join("".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=8)) for _ in range(1_300_000))
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body><w:p><w:r><w:t>{words}</w:t></w:r></w:p></w:body></w:document>").encode()
    path = _rewrite(base, tmp_path / "huge.docx", replace={"word/document.xml": document})
    with pytest.raises(ParseError) as caught:
        read_resolution(path)
    message = str(caught.value)
    assert "over 10 MB long; it is probably damaged" in message
    assert "XML_PARSE_HUGE" not in message and "huge text node" not in message
