"""The DOCX itself: styles, italics, footnotes part, page setup, furniture, placeholders, errors."""

from __future__ import annotations

import os

import pytest
from docx import Document

from penholder.errors import ExportError
from penholder.export import choose_profile, choose_state, export_docx
from penholder.export.wording import ordinal_words, vote_line
from penholder.model import OPERATIVE, PREAMBULAR, Adoption, Footnote, Paragraph, Resolution
from tests.export.reading import W, part_names, part_xml, runs_by_character_style, styled_paragraphs
from tests.export.samples import sample_resolution

BODY_STYLES = {"UN Preambular", "UN Operative", "UN Subparagraph", "UN Subparagraph 2"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Export a Geneva adopted and a New York draft sample; return {name: (resolution, path)}."""
    folder = tmp_path_factory.mktemp("docx")
    result = {}
    for name, resolution in {
        "geneva": sample_resolution(body="HRC", state="adopted"),
        "ny": sample_resolution(body="GA", state="draft"),
    }.items():
        path = folder / f"{name}.docx"
        export_docx(resolution, path)
        result[name] = (resolution, path)
    return result


@pytest.mark.parametrize("name", ["geneva", "ny"])
def test_italic_runs_are_exactly_the_leads_and_the_organ_name(exported, name):
    resolution, path = exported[name]
    italic = [text for style, text in runs_by_character_style(path) if style in ("UNLead", "UNOrganName")]
    organ_name = resolution.organ.rstrip(",")
    assert italic == [organ_name] + [p.lead for p in resolution.paragraphs]
    document = part_xml(path, "word/document.xml")
    assert document.find(f".//{W}r/{W}rPr/{W}i") is None, "italics come from styles, not direct formatting"
    styles = Document(str(path)).styles
    italic_styles = {s.name for s in styles if s.name.startswith("UN ") and s.font.italic}
    assert italic_styles <= {"UN Lead", "UN Organ Name", "UN Meeting", "UN Report Text", "UN Vote Label"}


@pytest.mark.parametrize("name", ["geneva", "ny"])
def test_body_paragraphs_use_named_styles_and_keep_their_text(exported, name):
    resolution, path = exported[name]
    body = [(style, text) for style, text in styled_paragraphs(path) if style in BODY_STYLES]
    expected = []
    for paragraph in resolution.preambular:
        expected.append(("UN Preambular", paragraph.text))
    for paragraph in resolution.operative:
        expected.append(("UN Operative", f"{paragraph.number}.\t{paragraph.text}"))
        for sub in paragraph.subparagraphs:
            expected.append(("UN Subparagraph", f"{sub.label}\t{sub.text}"))
            expected += [("UN Subparagraph 2", f"{s.label}\t{s.text}") for s in sub.subparagraphs]
    assert [(s, t.rstrip("*")) for s, t in body] == expected
    runs = part_xml(path, "word/document.xml").iter(f"{W}rPr")
    direct = {child.tag for rpr in runs for child in rpr} - {f"{W}rStyle"}
    assert not direct, f"direct run formatting: {direct}"


@pytest.mark.parametrize("name", ["geneva", "ny"])
def test_footnotes_part_holds_the_notes(exported, name):
    resolution, path = exported[name]
    assert "word/footnotes.xml" in part_names(path)
    notes = part_xml(path, "word/footnotes.xml")
    by_id = {int(n.get(f"{W}id")): n for n in notes.findall(f"{W}footnote")}
    assert by_id[-1].get(f"{W}type") == "separator" and by_id[0].get(f"{W}type") == "continuationSeparator"
    texts = ["".join(n.itertext()).strip() for i, n in sorted(by_id.items()) if i > 0]
    assert sorted(texts) == sorted(f.text for f in resolution.footnotes) or sorted(
        t.lstrip("*") for t in texts) == sorted(f.text for f in resolution.footnotes)
    document = part_xml(path, "word/document.xml")
    references = document.findall(f".//{W}footnoteReference")
    assert sorted(int(r.get(f"{W}id")) for r in references) == sorted(i for i in by_id if i > 0)
    custom = [r for r in references if r.get(f"{W}customMarkFollows") == "1"]
    assert len(custom) == sum(f.mark.startswith("*") for f in resolution.footnotes)
    content_types = part_xml(path, "[Content_Types].xml")
    assert any(o.get("PartName") == "/word/footnotes.xml" for o in content_types)
    rels = part_xml(path, "word/_rels/document.xml.rels")
    assert any(r.get("Type").endswith("/footnotes") and r.get("Target") == "footnotes.xml" for r in rels)


def test_numbered_notes_keep_their_source_marks_when_not_1_2_3(tmp_path):
    resolution = sample_resolution()
    for note in resolution.footnotes:
        note.mark = str(int(note.mark) + 3)
    for paragraph in resolution.paragraphs:
        paragraph.notes = [str(int(m) + 3) for m in paragraph.notes]
        for sub in paragraph.subparagraphs:
            sub.notes = [str(int(m) + 3) for m in sub.notes]
    path = export_docx(resolution, tmp_path / "marks.docx")
    references = part_xml(path, "word/document.xml").findall(f".//{W}footnoteReference")
    assert references and all(r.get(f"{W}customMarkFollows") == "1" for r in references)
    marks = [r.getparent().findtext(f"{W}t") for r in references]
    assert marks == ["4", "5", "6"]


@pytest.mark.parametrize("name, width, height", [("geneva", 595, 842), ("ny", 612, 792)])
def test_page_setup_per_profile(exported, name, width, height):
    _, path = exported[name]
    section = Document(str(path)).sections[0]
    assert round(section.page_width.pt) == width and round(section.page_height.pt) == height
    assert section.different_first_page_header_footer
    settings = part_xml(path, "word/settings.xml")
    assert settings.find(f"{W}evenAndOddHeaders") is not None
    assert settings.find(f"{W}footnotePr") is not None


@pytest.mark.parametrize("name, numpages", [("geneva", False), ("ny", True)])
def test_running_heads_and_page_numbers(exported, name, numpages):
    resolution, path = exported[name]
    section = Document(str(path)).sections[0]
    even = [cell.text for cell in section.even_page_header.tables[0].rows[0].cells]
    odd = [cell.text for cell in section.header.tables[0].rows[0].cells]
    title = resolution.title if resolution.state == "adopted" else ""  # a draft's head: the symbol only
    assert even == [resolution.symbol, title], "even pages: symbol outside (left)"
    assert odd == [title, resolution.symbol], "odd pages: symbol outside (right)"
    for footer in (section.footer, section.even_page_footer):
        fields = [f.get(f"{W}instr").strip() for f in footer._element.iter(f"{W}fldSimple")]
        assert fields == (["PAGE", "NUMPAGES"] if numpages else ["PAGE"])
    assert section.first_page_header.paragraphs[0].text.startswith("United Nations\t")


def masthead(path) -> dict[str, str]:
    """Return {style name: text} of the masthead, which sits in the first page's header."""
    header = Document(str(path)).sections[0].first_page_header
    return {p.style.name: p.text for p in reversed(header.paragraphs)}


def test_furniture_of_an_adopted_hrc_text(exported):
    resolution, path = exported["geneva"]
    texts = {style: text for style, text in reversed(styled_paragraphs(path))} | masthead(path)
    assert texts["UN Masthead"] == f"United Nations\t{resolution.symbol}"
    assert texts["UN Masthead Organ"] == "General Assembly\tDistr.: General"
    assert texts["UN Session Organ"] == "Human Rights Council"
    assert texts["UN Session"] == "Fifty-third session"
    assert texts["UN Agenda"] == "Agenda item 3"
    assert texts["UN Adoption Heading"] == "Resolution adopted by the Human Rights Council on 12 July 2023"
    assert texts["UN Title Numbered"] == f"53/11.\t{resolution.title}"
    assert texts["UN Organ"] == "The Human Rights Council,"
    assert texts["UN Meeting"] == "34th meeting\n12 July 2023"
    assert texts["UN Vote"] == "[Adopted by a recorded vote of 33 to 13, with 1 abstention.]"
    assert "UN Sponsors" not in texts


def test_furniture_of_a_committee_draft(exported):
    resolution, path = exported["ny"]
    texts = {style: text for style, text in reversed(styled_paragraphs(path))} | masthead(path)
    assert texts["UN Masthead Organ"] == "General Assembly\tDistr.: Limited"
    assert texts["UN Session Organ"] == "Third Committee"
    assert texts["UN Sponsors"] == "Cuba:* draft resolution"
    assert texts["UN Title"] == resolution.title
    assert not {"UN Adoption Heading", "UN Meeting", "UN Vote", "UN Title Numbered"} & set(texts)


def test_profile_and_state_defaults():
    hrc = Resolution(symbol="A/HRC/56/L.12", body="HRC")
    assert choose_profile(hrc).page_width == 595 and choose_state(hrc) == "draft"
    ga = Resolution(symbol="A/RES/78/199")
    assert choose_profile(ga).page_width == 612 and choose_state(ga) == "adopted"
    assert choose_profile(ga, "geneva").page_width == 595 and choose_state(ga, "draft") == "draft"
    assert choose_state(Resolution()) == "draft"
    with pytest.raises(ExportError):
        choose_profile(ga, "tokyo")


def test_missing_metadata_gives_visible_placeholders(tmp_path):
    bare = Resolution(body="HRC", state="draft",
                      preambular=[Paragraph(PREAMBULAR, "", "Guided by the Charter,")],
                      operative=[Paragraph(OPERATIVE, "Decides", "Decides to remain seized.", notes=["9"])])
    path = export_docx(bare, tmp_path / "bare.docx")
    texts = dict(styled_paragraphs(path)) | masthead(path)
    assert texts["UN Masthead"] == "United Nations\tA/HRC/xx/L.xx"
    assert texts["UN Sponsors"] == "[Sponsors]: draft resolution"
    assert texts["UN Title"] == "[Title]" and texts["UN Session"] == "[session] session"
    assert texts["UN Operative"] == "Decides to remain seized.9", "a lone operative paragraph has no number"
    committee = export_docx(Resolution(body="GA", session=80, committee="Third Committee"),
                            tmp_path / "committee.docx")
    assert masthead(committee)["UN Masthead"] == "United Nations\tA/C.3/80/L.xx"
    empty = export_docx(Resolution(), tmp_path / "empty.docx", state="adopted")
    assert dict(styled_paragraphs(empty))["UN Adoption Heading"].endswith("on [date]")


def test_every_note_reaches_the_document_even_when_no_paragraph_cites_it(tmp_path):
    resolution = sample_resolution(state="adopted")
    resolution.footnotes.append(Footnote("*", "Reissued for technical reasons."))
    path = export_docx(resolution, tmp_path / "star.docx")
    title = dict(styled_paragraphs(path))["UN Title Numbered"]
    assert title.endswith("*")
    assert "Reissued for technical reasons." in "".join(part_xml(path, "word/footnotes.xml").itertext())


def test_ordinal_words_and_vote_lines():
    assert [ordinal_words(n) for n in (1, 11, 21, 53, 78, 80)] == [
        "first", "eleventh", "twenty-first", "fifty-third", "seventy-eighth", "eightieth"]
    assert vote_line(Resolution(adoption=Adoption(mode="without a vote"))) == "[Adopted without a vote.]"
    assert vote_line(Resolution(adoption=Adoption(mode="recorded vote", in_favour=30, against=15,
                                                  abstaining=2))) == (
        "[Adopted by a recorded vote of 30 to 15, with 2 abstentions.]")
    assert vote_line(Resolution(adoption=Adoption(mode="recorded vote", in_favour=47, against=0,
                                                  abstaining=0))) == "[Adopted by a recorded vote of 47 to 0.]"
    assert vote_line(Resolution()) is None


def test_a_missing_folder_is_a_clear_error_and_writes_nothing(tmp_path):
    with pytest.raises(ExportError, match="folder does not exist"):
        export_docx(sample_resolution(), tmp_path / "no" / "such" / "out.docx")
    with pytest.raises(ExportError, match="is a folder"):
        export_docx(sample_resolution(), tmp_path)
    assert not (tmp_path / "no").exists() and os.listdir(tmp_path) == []


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "out.docx"
    target.write_bytes(b"previous version")

    def broken_save(self, stream):
        stream.write(b"PK partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("docx.document.Document.save", broken_save)
    with pytest.raises(ExportError, match="No space left"):
        export_docx(sample_resolution(), target)
    assert target.read_bytes() == b"previous version"
    assert os.listdir(tmp_path) == ["out.docx"]


def test_note_cited_twice_in_a_paragraph_and_ocr_marks_in_note_text(tmp_path):
    resolution = sample_resolution()
    resolution.preambular[1].notes = ["1", "1"]
    resolution.footnotes[0].text = "¹A/CONF.157/24 (Part I), chap. III."
    path = export_docx(resolution, tmp_path / "twice.docx")
    document = part_xml(path, "word/document.xml")
    assert len(document.findall(f".//{W}footnoteReference")) == len(resolution.footnotes)
    notes = "".join(part_xml(path, "word/footnotes.xml").itertext())
    assert "A/CONF.157/24 (Part I), chap. III." in notes and "¹" not in notes
