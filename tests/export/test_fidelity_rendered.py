"""The export next to the official PDF (issue 17 item 4): A/RES/78/199 and A/C.3/80/L.35 exported from their
official PDFs, rendered by LibreOffice, measured against the official PDFs themselves.

Line ends: at least 90% of 78/199's body lines end after the same letter as in the official PDF, and the
page count is the same. Geometry (baselines from pypdf, rules from the content streams) within 1.5 pt:
running heads 8.5 pt bold, the masthead's thin rule, the thick rule, "78/199." at x = 72, footnote text
8.5 pt at 10.6 pt pitch, the bottom of the text area. One LibreOffice run for the module (~5 s).
"""

from __future__ import annotations

import statistics

import pytest

from penholder.export import PROFILES, export_docx
from penholder.parsing import parse_file
from penholder.readers import read_resolution
from tests.conftest import SEEDS
from tests.export.line_ends import body_lines, compare_line_ends, page_count, pdf_words, pdftotext, rules
from tests.export.rendering import convert_to_pdf, fragments, soffice, squeeze

DOCUMENTS = {"A_RES_78_199": 90.0, "A_C.3_80_L.35": 88.0}  # least share of line ends in place, percent
NY = PROFILES["ny"]


@pytest.fixture(scope="module")
def rendered(shared_dir, tmp_path_factory):
    """Return {name: (official PDF, our PDF)} for each document, rendered in one LibreOffice run."""
    soffice()
    if pdftotext() is None:
        pytest.skip("pdftotext (poppler) is not installed")
    folder = tmp_path_factory.mktemp("fidelity")
    official = {name: shared_dir / "corpus" / "pdf" / f"{name}.pdf" for name in DOCUMENTS}
    docx = {name: export_docx(read_resolution(path), folder / f"{name}.docx") for name, path in official.items()}
    hrc = export_docx(parse_file(SEEDS["A/HRC/RES/53/11"]), folder / "A_HRC_RES_53_11.docx")
    pdfs = convert_to_pdf([*docx.values(), hrc], folder)
    rendered = {name: (official[name], pdfs[docx[name]]) for name in DOCUMENTS}
    rendered["A/HRC/RES/53/11"] = (None, pdfs[hrc])
    return rendered


def test_53_11_prints_its_voting_lists_after_the_vote_line(rendered):
    resolution = parse_file(SEEDS["A/HRC/RES/53/11"])
    found = fragments(rendered["A/HRC/RES/53/11"][1])
    text = squeeze("".join(f.text for f in found))
    start = text.find(squeeze("The voting was as follows:"))
    assert start > 0
    position = start
    voting = resolution.voting
    for label, names in (("In favour:", voting.in_favour), ("Against:", voting.against),
                         ("Abstaining:", voting.abstaining)):
        position = text.find(squeeze(label), position)
        assert position > 0, label
        for name in names:  # every State, in order, after its label
            position = text.find(squeeze(name), position)
            assert position > 0, name
    assert text[position:].startswith(squeeze("Mexico]"))
    labels = [f for f in found if f.text.strip() in ("In favour:", "Against:", "Abstaining:")]
    assert len(labels) == 3 and all("Italic" in f.font for f in labels)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_body_line_ends_and_page_count_match_the_official_pdf(rendered, name):
    official, ours = rendered[name]
    result = compare_line_ends(body_lines(pdf_words(official), NY.text_left, NY.text_right),
                               body_lines(pdf_words(ours), NY.text_left, NY.text_right))
    pages = (page_count(official), page_count(ours))
    print(f"\n{name}: {result.matched}/{result.official} body line ends in place ({result.percent:.1f}%), "
          f"{result.ours} lines of ours; pages official {pages[0]}, ours {pages[1]}")
    assert result.official > 100, "the official body was not found"
    assert result.percent >= DOCUMENTS[name]
    assert pages[0] == pages[1]


def _head(found, page):
    """Return the running head's fragments of ``page`` (above the text area)."""
    return [f for f in found if f.page == page and f.y > NY.page_height - NY.margin_top]


def test_running_heads_are_8_5_pt_bold_at_the_official_baseline(rendered):
    official, ours = (fragments(path) for path in rendered["A_RES_78_199"])
    for page in (2, 3):
        theirs, mine = _head(official, page), _head(ours, page)
        assert mine and all(abs(f.size - 8.5) < 0.2 and "Bold" in f.font for f in mine)
        symbol = [f.y for f in theirs if "A/RES/78/199" in f.text], [f.y for f in mine if "A/RES/78/199" in f.text]
        print(f"\npage {page}: symbol baseline official {symbol[0][0]:.1f}, ours {symbol[1][0]:.1f}")
        assert abs(symbol[0][0] - symbol[1][0]) < 1.5


def test_rules_weigh_and_sit_as_in_the_official_pdf(rendered):
    official, ours = (rules(path) for path in rendered["A_RES_78_199"])

    def full_width(found, page):
        return sorted((r for r in found if r.page == page and r.x1 - r.x0 > 400), key=lambda r: -r.y)

    theirs, mine = full_width(official, 1), full_width(ours, 1)
    print("\npage 1 rules (y, weight): official", [(round(r.y, 1), r.weight) for r in theirs],
          "ours", [(round(r.y, 1), r.weight) for r in mine])
    assert len(mine) == len(theirs) == 2  # the thin rule under "United Nations", the thick one
    for their, my in zip(theirs, mine):
        assert abs(their.y - my.y) < 1.5 and abs(their.weight - my.weight) < 0.1
        assert abs(their.x0 - my.x0) < 1.5 and abs(their.x1 - my.x1) < 1.5
    head_theirs, head_mine = full_width(official, 2), full_width(ours, 2)
    assert head_mine and abs(head_theirs[0].y - head_mine[0].y) < 1.5
    assert abs(head_theirs[0].weight - head_mine[0].weight) < 0.1  # the running head's 0.25 pt rule


def test_title_number_hangs_at_72_and_footnotes_are_8_5_on_10_6(rendered):
    official, ours = (fragments(path) for path in rendered["A_RES_78_199"])
    for found in (official, ours):
        number = [f for f in found if f.page == 1 and f.text.strip().startswith("78/199.")]
        assert number and abs(number[0].x - 72) < 1
    for found in (official, ours):
        notes = sorted({round(f.y, 1) for f in found
                        if f.page == 2 and abs(f.size - 8.5) < 0.1 and f.y < 200}, reverse=True)
        pitch = statistics.median(a - b for a, b in zip(notes, notes[1:]))
        assert abs(pitch - 10.6) < 0.3, notes


def test_the_text_area_ends_where_the_official_one_does(rendered):
    official, ours = (fragments(path) for path in rendered["A_RES_78_199"])

    def lowest_text(found, page):  # the last footnote line, the bottom of the text area
        return min(f.y for f in found if f.page == page and f.x >= NY.text_left - 1 and f.size > 8)

    for page in (1, 2):
        theirs, mine = lowest_text(official, page), lowest_text(ours, page)
        print(f"\npage {page}: lowest text line official {NY.page_height - theirs:.1f} pt from the top, "
              f"ours {NY.page_height - mine:.1f}")
        assert abs(theirs - mine) < 2
