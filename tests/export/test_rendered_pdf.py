"""What Word users will see: exported DOCX rendered by LibreOffice, checked from the PDF.

Slow part of the suite (one LibreOffice run, ~3-5 s, shared by the module).
"""

from __future__ import annotations

import pytest

from penholder.export import PROFILES, export_docx
from tests.export.rendering import convert_to_pdf, fragments, page_sizes, soffice, squeeze
from tests.export.samples import sample_resolution

CASES = {
    "geneva-adopted": sample_resolution(body="HRC", state="adopted", preambular=12, operative=14, words=2),
    "ny-draft": sample_resolution(body="GA", state="draft", preambular=12, operative=14, words=2),
}
PROFILE_OF = {"geneva-adopted": "geneva", "ny-draft": "ny"}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Export every case and render it once; return {case: (resolution, fragments, pdf)}."""
    soffice()
    folder = tmp_path_factory.mktemp("pdf")
    docx = {name: export_docx(resolution, folder / f"{name}.docx") for name, resolution in CASES.items()}
    pdfs = convert_to_pdf(list(docx.values()), folder)
    return {name: (CASES[name], fragments(pdfs[path]), pdfs[path]) for name, path in docx.items()}


def body_stream(found, profile) -> str:
    """Return the 10-pt text inside the text block, all pages joined, without whitespace."""
    return squeeze("".join(f.text for f in found if round(f.size) == 10 and f.x >= profile.text_left - 1))


def expected_paragraphs(resolution) -> list[str]:
    """Return each body paragraph as it should print (number, text; sub-paragraphs on their own)."""
    lines = []
    for paragraph in resolution.paragraphs:
        number = f"{paragraph.number}." if paragraph.kind == "operative" else ""
        lines.append(number + paragraph.text)
        for sub in paragraph.subparagraphs:
            lines.append(f"{sub.label}{sub.text}")
            lines.extend(f"{s.label}{s.text}" for s in sub.subparagraphs)
    return lines


@pytest.mark.parametrize("case", CASES)
def test_page_size_follows_the_profile(rendered, case):
    profile = PROFILES[PROFILE_OF[case]]
    sizes = page_sizes(rendered[case][2])
    assert len(sizes) >= 2
    assert all(abs(w - profile.page_width) < 1 and abs(h - profile.page_height) < 1 for w, h in sizes)


@pytest.mark.parametrize("case", CASES)
def test_set_in_times_new_roman_or_its_metric_twin(rendered, case):
    fonts = {f.font.split("+")[-1] for f in rendered[case][1]}
    assert fonts and all(f.startswith(("TimesNewRoman", "Times-", "LiberationSerif")) for f in fonts), fonts


@pytest.mark.parametrize("case", CASES)
def test_body_is_10_pt_and_leads_are_italic(rendered, case):
    resolution, found, _ = rendered[case]
    for paragraph in resolution.paragraphs:
        pieces = [f for f in found if squeeze(f.text) == squeeze(paragraph.lead)]
        assert pieces, f"lead {paragraph.lead!r} not printed as its own run"
        assert all(round(f.size) == 10 and "Italic" in f.font for f in pieces)
    sized = [f for f in found if len(f.text.strip()) > 20 and any(
        squeeze(f.text) in squeeze(p.text) for p in resolution.paragraphs)]
    assert len(sized) > len(resolution.paragraphs)
    assert {round(f.size) for f in sized} == {10}


@pytest.mark.parametrize("case", CASES)
def test_every_paragraph_prints_in_order(rendered, case):
    resolution, found, _ = rendered[case]
    stream = body_stream(found, PROFILES[PROFILE_OF[case]])
    position = 0
    for line in expected_paragraphs(resolution):
        found_at = stream.find(squeeze(line), position)
        assert found_at >= 0, f"missing or out of order: {line[:60]!r}"
        position = found_at + len(squeeze(line))


@pytest.mark.parametrize("case", CASES)
def test_symbol_heads_pages_after_the_first(rendered, case):
    resolution, found, pdf = rendered[case]
    profile = PROFILES[PROFILE_OF[case]]
    pages = len(page_sizes(pdf))
    for page in range(1, pages + 1):
        head = [f for f in found if f.page == page and f.y > profile.page_height - profile.margin_top]
        has_symbol = any(resolution.symbol in f.text and abs(f.size - 8.5) < 0.3 for f in head)  # 8.5 pt bold
        assert has_symbol == (page > 1), f"page {page}: running head {[f.text for f in head]}"


@pytest.mark.parametrize("case", CASES)
def test_footnotes_sit_at_the_foot_of_a_page_not_in_the_body(rendered, case):
    resolution, found, _ = rendered[case]
    stream = body_stream(found, PROFILES[PROFILE_OF[case]])
    feet = {}
    for page in {f.page for f in found}:
        lowest_body = min(f.y for f in found if f.page == page and round(f.size) == 10)
        feet[page] = [f for f in found if f.page == page and f.y < lowest_body]
    for note in resolution.footnotes:
        pages = [page for page, foot in feet.items()
                 if squeeze(note.text) in squeeze("".join(f.text for f in foot))]
        assert pages, f"footnote {note.mark} is not below the body of any page"
        texts = [f for f in feet[pages[0]] if len(squeeze(f.text)) > 2]
        assert {round(f.size, 1) for f in texts} == {8.5}, "footnote text is 8.5 pt"
        assert squeeze(note.text) not in stream
