"""The official UN PDFs in ../shared/corpus/pdf: every one reads; two are checked paragraph by paragraph."""

from __future__ import annotations

import os
import re

import pytest

from penholder.readers import parse_document, read_document

# pypdf reads about 5 pages a second here: the default run reads three documents of different kinds;
# PENHOLDER_FULL_CORPUS=1 reads all 22 (about 25 s on a quiet 2-core machine).
DEFAULT = ("A_RES_78_199.pdf", "A_C.3_80_L.35.pdf", "A_80_L.1.pdf")
FULL = os.environ.get("PENHOLDER_FULL_CORPUS") == "1"


@pytest.fixture(scope="module")
def official_pdfs(shared_dir):
    """Return {file name: Document} for the official PDFs, each read once for the whole module."""
    paths = sorted((shared_dir / "corpus" / "pdf").glob("*.pdf"))
    if not paths:
        pytest.skip("no PDFs in shared/corpus/pdf")
    if not FULL:
        paths = [p for p in paths if p.name in DEFAULT]
    return {path.name: read_document(path) for path in paths}


@pytest.mark.slow
@pytest.mark.skipif(not FULL, reason="set PENHOLDER_FULL_CORPUS=1 to read all 22 official PDFs (~25 s)")
def test_all_22_official_pdfs_were_read(official_pdfs):
    assert len(official_pdfs) == 22


def test_every_official_pdf_reads_and_parses(official_pdfs):
    for name, document in official_pdfs.items():
        resolution = parse_document(document)
        expected = name.removesuffix(".pdf").replace("_", "/")
        assert resolution.symbol == expected, name
        assert resolution.paragraphs, name
        # Furniture never survives into paragraphs: job numbers, page numbers, running heads, barcodes.
        pages = "|".join(f"{page}/{document.pages}" for page in range(2, document.pages + 1))
        furniture = re.compile(rf"\d{{2}}-\d{{5}}|(?<![\w/-])(?:{pages})(?![\w/])|Please recycle|\*\d{{7}}\*")
        for paragraph in resolution.paragraphs:
            assert not furniture.search(paragraph.full_text()), (name, paragraph.text)
            assert expected not in paragraph.full_text()


def test_operative_numbers_run_without_gaps(official_pdfs):
    for name, document in official_pdfs.items():
        numbers = [p.number for p in parse_document(document).operative]
        assert numbers == list(range(1, len(numbers) + 1)), name


def test_a_res_78_199(official_pdfs):
    resolution = parse_document(official_pdfs["A_RES_78_199.pdf"])
    assert resolution.symbol == "A/RES/78/199"
    assert (len(resolution.preambular), len(resolution.operative), len(resolution.footnotes)) == (16, 17, 7)
    assert resolution.adoption.date == "2023-12-19"
    assert resolution.adoption.meeting == "50th plenary meeting"
    assert resolution.preambular[0].lead == "Reaffirming its commitment"
    assert [p.lead for p in resolution.operative[:4]] == ["Reaffirms", "Recognizes", "Reaffirms", "Also reaffirms"]
    # A paragraph that crosses from page 1 to page 2 is one paragraph, its footnote marks kept apart.
    durban = next(p for p in resolution.preambular if p.lead == "Recalling further")
    assert "General Assembly to commemorate the tenth and twentieth anniversaries" in durban.text
    assert durban.notes == ["4", "5"]
    assert resolution.footnote("1").text == "A/CONF.157/24 (Part I), chap. III."


def test_a_c3_80_l35_is_a_draft(official_pdfs):
    resolution = parse_document(official_pdfs["A_C.3_80_L.35.pdf"])
    assert resolution.symbol == "A/C.3/80/L.35"
    assert resolution.state == "draft"
    assert resolution.sponsors == ["Cuba"]
    assert (len(resolution.preambular), len(resolution.operative)) == (15, 17)


def test_footnotes_are_separated_from_the_text(official_pdfs):
    document = official_pdfs["A_RES_78_199.pdf"]
    body, _, notes = document.text.partition("\n\n¹ ")
    assert "Resolution 55/2." not in body
    assert "Resolution 55/2." in notes
