"""Front and end matter in the export (issue 17 items 2-3): voting lists, agenda title, report line, dates."""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document

from penholder.export import export_docx
from penholder.export.wording import ISSUE_DATE_PLACEHOLDER, long_date
from penholder.parsing import parse_file
from penholder.parsing.end_matter import split_states
from penholder.readers import read_resolution
from tests.export.reading import W, part_xml, styled_paragraphs


def masthead(path) -> list[tuple[str, str]]:
    """Return (style name, text) of the masthead paragraphs (the first page's header)."""
    header = Document(str(path)).sections[0].first_page_header
    return [(p.style.name, p.text) for p in header.paragraphs]


def by_style(path, name: str) -> list[str]:
    return [text for style, text in styled_paragraphs(path) if style == name]


@pytest.fixture(scope="module")
def hrc_53_11(tmp_path_factory):
    from tests.conftest import SEEDS

    resolution = parse_file(SEEDS["A/HRC/RES/53/11"])
    return resolution, export_docx(resolution, tmp_path_factory.mktemp("hrc") / "53-11.docx")


def test_53_11_exported_keeps_its_voting_lists(hrc_53_11):
    resolution, path = hrc_53_11
    vote = by_style(path, "UN Vote")
    assert vote == ["[Adopted by a recorded vote of 33 to 13, with 1 abstention. The voting was as follows:"]
    assert by_style(path, "UN Vote Label") == ["In favour:", "Against:", "Abstaining:"]
    lists = by_style(path, "UN Vote List")
    assert [len(split_states(text)) for text in lists] == [33, 13, 1]
    assert [split_states(text) for text in lists] == [
        resolution.voting.in_favour, resolution.voting.against, resolution.voting.abstaining]
    assert lists[-1] == "Mexico]" and not any(text.endswith("]") for text in lists[:-1])
    assert "United Kingdom of Great Britain and Northern Ireland and United States of America" in lists[1]


def test_53_11_exported_and_read_back_gives_the_same_voting_record(hrc_53_11, tmp_path):
    resolution, path = hrc_53_11
    again = read_resolution(path)
    assert again.voting == resolution.voting
    assert (again.adoption.in_favour, again.adoption.against, again.adoption.abstaining) == (33, 13, 1)
    assert again.session_dates == "19 June–14 July 2023"
    assert again.agenda_title == resolution.agenda_title


def test_53_11_session_block_has_its_dates_and_agenda_title(hrc_53_11):
    resolution, path = hrc_53_11
    paragraphs = styled_paragraphs(path)
    block = [text for style, text in paragraphs[:6]]
    assert block[:5] == ["Human Rights Council", "Fifty-third session", "19 June–14 July 2023", "Agenda item 3",
                         resolution.agenda_title]
    assert ("UN Agenda Title", resolution.agenda_title) in paragraphs
    # an HRC text carries "Original: English" (A/HRC/RES/41/3 and 23/3 do); no date known: say so
    texts = dict(masthead(path))
    assert texts["UN Distribution"] == "Original: English"
    assert [t for s, t in masthead(path) if s == "UN Distribution"][0] == ISSUE_DATE_PLACEHOLDER


@pytest.fixture(scope="module")
def ga_78_199(shared_dir, tmp_path_factory):
    resolution = read_resolution(shared_dir / "corpus" / "pdf" / "A_RES_78_199.pdf")
    return resolution, export_docx(resolution, tmp_path_factory.mktemp("ga") / "78-199.docx")


def test_78_199_keeps_its_agenda_title_and_report_line(ga_78_199):
    resolution, path = ga_78_199
    assert by_style(path, "UN Agenda") == ["Agenda item 71 (b)"]
    assert by_style(path, "UN Agenda Title") == [
        "Promotion and protection of human rights: human rights questions, including alternative "
        "approaches for improving the effective enjoyment of human rights and fundamental freedoms"]
    assert by_style(path, "UN Report Line") == [
        "[on the report of the Third Committee (A/78/481/Add.2, para. 139)]"]
    paragraphs = [style for style, _ in styled_paragraphs(path)]
    assert paragraphs.index("UN Adoption Heading") + 1 == paragraphs.index("UN Report Line")
    body = part_xml(path, "word/document.xml")
    report = [p for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "UNReportLine"][0]
    runs = [(r.find(f"{W}rPr/{W}rStyle"), "".join(r.itertext())) for r in report.iter(f"{W}r")]
    assert [(s.get(f"{W}val") if s is not None else None, t) for s, t in runs] == [
        (None, "["), ("UNReportText", resolution.report_line), (None, "]")], "italic inside the brackets"


def test_78_199_masthead_has_its_date_of_issue_and_no_original_language(ga_78_199):
    _, path = ga_78_199
    texts = [text for _, text in masthead(path)]
    assert "22 December 2023" in texts and "19 December 2023" not in texts
    assert "Original: English" not in texts  # an adopted A/RES does not carry it
    heading = by_style(path, "UN Adoption Heading")
    assert heading == ["Resolution adopted by the General Assembly on 19 December 2023"]


@pytest.fixture(scope="module")
def draft_l35(shared_dir, tmp_path_factory):
    resolution = read_resolution(shared_dir / "corpus" / "pdf" / "A_C.3_80_L.35.pdf")
    return resolution, export_docx(resolution, tmp_path_factory.mktemp("draft") / "l35.docx")


def test_draft_front_matter_date_original_and_symbol_only_heads(draft_l35):
    resolution, path = draft_l35
    texts = [text for _, text in masthead(path)]
    assert "4 November 2025" in texts and long_date(dt.date.today().isoformat()) not in texts
    assert "Original: English" in texts
    section = Document(str(path)).sections[0]
    for header in (section.header, section.even_page_header):
        cells = [cell.text for cell in header.tables[0].rows[0].cells]
        assert sorted(cells) == ["", "A/C.3/80/L.35"], cells  # the symbol only
    assert not by_style(path, "UN Report Line")


def test_sponsors_asterisk_is_full_size_roman(draft_l35):
    _, path = draft_l35
    body = part_xml(path, "word/document.xml")
    sponsors = [p for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "UNSponsors"][0]
    marks = [r for r in sponsors.iter(f"{W}r") if r.find(f"{W}footnoteReference") is not None]
    assert marks and all(r.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "UNSponsorMark" for r in marks)
    assert "".join(marks[0].itertext()) == "*"
    style = Document(str(path)).styles["UN Sponsor Mark"]
    assert style.font.superscript is not True and style.font.bold is False and style.font.size is None


def test_a_draft_without_a_date_of_issue_says_so_not_today(draft_l35, tmp_path):
    resolution, _ = draft_l35
    resolution.document_date = None
    path = export_docx(resolution, tmp_path / "undated.docx")
    texts = [text for _, text in masthead(path)]
    assert ISSUE_DATE_PLACEHOLDER in texts
    assert long_date(dt.date.today().isoformat()) not in texts
