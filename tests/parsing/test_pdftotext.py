"""pdftotext output of the official PDFs parses as the PDF reader reads the PDF itself (issue 18).

The outputs are made here with poppler's pdftotext, plain and ``-layout``, into tmp_path. A sample of
the 22 PDFs runs by default; PENHOLDER_FULL_CORPUS=1 runs all of them. Skipped without pdftotext or
../shared/.
"""

from __future__ import annotations

import os
import re
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from penholder.errors import ParseError
from penholder.model import Resolution
from penholder.parsing import parse_text
from penholder.parsing.normalize import to_lines
from penholder.parsing.pagebreaks import restore_page_breaks
from penholder.parsing.pdftext import looks_like_pdftotext, undo_pdftotext
from penholder.parsing.pdfwords import mend_words
from penholder.readers import read_resolution
from tests.parsing.pdftotext_check import MODES, compare, have_pdftotext, pdftotext

SAMPLE = ("A_RES_78_199", "A_RES_80_208", "A_RES_78_200", "A_80_L.1", "A_C.3_80_L.35")
FUZZ = int(os.environ.get("PENHOLDER_FUZZ", "0") or 0)


@pytest.fixture(scope="module")
def pdfs(shared_dir):
    if not have_pdftotext():
        pytest.skip("pdftotext (poppler-utils) is not installed")
    files = sorted((shared_dir / "corpus" / "pdf").glob("*.pdf"))
    if not files:
        pytest.skip("no official PDFs in shared corpus")
    if not os.environ.get("PENHOLDER_FULL_CORPUS"):
        files = [f for f in files if f.stem in SAMPLE]
    return files


@pytest.fixture(scope="module")
def outputs(pdfs, tmp_path_factory):
    """Return {(stem, mode): (reference, text)} for the PDFs under test."""
    folder = tmp_path_factory.mktemp("pdftotext")
    result = {}
    for pdf in pdfs:
        reference = read_resolution(pdf)
        for mode in MODES:
            out = pdftotext(pdf, folder / f"{pdf.stem}.{mode}.txt", mode)
            result[pdf.stem, mode] = reference, out.read_text(encoding="utf-8")
    return result


def test_the_style_is_recognised_by_its_features(outputs):
    for (stem, mode), (_reference, text) in outputs.items():
        assert looks_like_pdftotext(text), (stem, mode)


def test_counts_notes_and_final_paragraph_match_the_pdf_reader(outputs):
    for (stem, mode), (reference, text) in outputs.items():
        got = parse_text(text)  # no file name: the style is recognised from the text alone
        result = compare(reference, got)
        assert result.counts_same, (stem, mode, result.reference, result.got)
        assert result.notes_same, (stem, mode)
        assert result.final_whole, (stem, mode, got.paragraphs[-1].full_text()[-120:])
        assert result.metadata_same, (stem, mode)
        assert [f.mark for f in got.footnotes] == [f.mark for f in reference.footnotes], (stem, mode)


def test_text_copied_from_a_pdf_viewer_without_page_breaks_reads_the_same(outputs):
    # a viewer's copy is pdftotext's text without form feeds: the page heads tell where pages begin
    similarities = []
    for (stem, mode), (reference, text) in outputs.items():
        copied = text.replace("\f", "\n")
        result = compare(reference, parse_text(copied))
        assert result.counts_same and result.notes_same and result.final_whole, (stem, mode)
        assert result.metadata_same and min(result.similarities) >= 0.95, (stem, mode)
        similarities += result.similarities
    assert sum(1 for s in similarities if s < 0.98) <= 0.01 * len(similarities)


def test_paragraph_text_is_the_pdf_readers_word_for_word(outputs):
    similarities = []
    for (stem, mode), (reference, text) in outputs.items():
        result = compare(reference, parse_text(text))
        assert min(result.similarities) >= 0.95, (stem, mode)
        similarities += result.similarities
    assert sum(1 for s in similarities if s < 0.98) <= 0.01 * len(similarities)


def test_page_furniture_never_enters_a_paragraph_or_footnote(outputs):
    for (stem, mode), (reference, text) in outputs.items():
        got = parse_text(text)
        pages = text.count("\f")
        job = re.search(r"\b\d{2}-\d{5}\b", text).group(0)
        furniture = [job, f"*{job.replace('-', '')}*", reference.symbol, "Please rec",
                     *(f"{k}/{pages}" for k in range(2, pages + 1))]
        for mine, theirs in zip(got.paragraphs, reference.paragraphs, strict=True):
            for piece in furniture:
                assert mine.full_text().count(piece) <= theirs.full_text().count(piece), (stem, mode, piece)
        for footnote in got.footnotes:
            assert job not in footnote.text and "*" + job.replace("-", "") not in footnote.text, (stem, mode)


def test_texts_of_other_styles_are_not_taken_for_pdftotext(seed_paths, shared_dir):
    texts = [p.read_text(encoding="utf-8") for p in seed_paths.values()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((shared_dir / "corpus" / "ga-78-80-text").glob("*.txt"))[:60]]
    assert not any(looks_like_pdftotext(t) for t in texts)
    # nor the parser's own lines, whose page breaks are form feeds (a file split in several resolutions)
    assert not any(looks_like_pdftotext("\n".join(to_lines(t))) for t in texts)
    # where page breaks are put back into such a text, it parses exactly as without them
    for text in texts:
        if restore_page_breaks(text) is None:
            continue
        with_breaks = _json_or_error(text)
        with mock.patch("penholder.parsing.document.restore_page_breaks", return_value=None):
            assert _json_or_error(text) == with_breaks


def _json_or_error(text: str) -> object:
    try:
        return parse_text(text).to_json()
    except ParseError as exc:
        return str(exc)


# --- pieces, on small inputs written out here ------------------------------------------------------

PAGE_ONE = """A/RES/78/199

United Nations

General Assembly

Distr.: General
22 December 2023

Resolution adopted by the General Assembly on 19 December 2023

78/199.

Enhancement of international cooperation in the field of
human rights
The General Assembly,
Reaffirming its commitment to promoting international cooperation, as set forth
in the Charter of the United Nations, in particular Article 1, paragraph 3, as well as
relevant provisions adopted by the World Conference on Human Rights on 25 June 1993, 1 for
enhancing genuine cooperation among Member States in the field of human rights,
Recalling also its adoption of the Millennium Declaration on 8 September 2000, 2 and of
the Durban Declaration in the field of human rights, 3
__________________

A/CONF.157/24 (Part I), chap. III.
Resolution 55/2.
3
See Official Records of the General Assembly, Seventy-eighth Session, Supplement No. 53
(A/78/53), chap. VII, sect. A.
1
2

23-26037 (E)

090124

*2326037*

\f"""

PAGE_TWO = """Enhancement of international cooperation in the field of human
rights

A/RES/78/199

1.
Reaffirms that cooperation is not just a matter of relations of goodneighbourliness, coexistence or reciprocity, but rather of a willingness to look beyond
mutual interests in order to advance the general interest of good-neighbourliness;
2.
Urges all actors on the international scene to build an international order
based on inclusion, justice, equality and equity, including through capacity -building;
3.
session.

2/2

Decides to continue its consideration of the question at its seventy-ninth

50th plenary meeting
19 December 2023

23-26037

\f"""


def test_plain_pdftotext_footnotes_regrouped_with_their_marks():
    resolution = parse_text(PAGE_ONE + PAGE_TWO)
    assert [(f.mark, f.text) for f in resolution.footnotes] == [
        ("1", "A/CONF.157/24 (Part I), chap. III."),
        ("2", "Resolution 55/2."),
        ("3", "See Official Records of the General Assembly, Seventy-eighth Session, Supplement No. 53 "
              "(A/78/53), chap. VII, sect. A."),
    ]
    assert [p.notes for p in resolution.preambular] == [["1"], ["2", "3"]]
    assert "Article 1, paragraph 3" in resolution.preambular[0].text  # numbers of the text stay
    assert "1993, for" in resolution.preambular[0].text


def test_plain_pdftotext_numbers_furniture_and_words():
    resolution = parse_text(PAGE_ONE + PAGE_TWO)
    assert [p.number for p in resolution.operative] == [1, 2, 3]
    assert resolution.operative[-1].text == ("Decides to continue its consideration of the question at its "
                                             "seventy-ninth session.")
    assert "relations of good-neighbourliness, coexistence" in resolution.operative[0].text
    assert "through capacity-building;" in resolution.operative[1].text
    assert resolution.adoption.meeting == "50th plenary meeting"
    for paragraph in resolution.paragraphs:
        assert "rights A/RES" not in paragraph.text and "2/2" not in paragraph.text


def test_number_after_the_first_line_goes_back_to_its_paragraph():
    text = PAGE_ONE + PAGE_TWO.replace(
        "2.\nUrges all actors on the international scene to build an international order\n",
        "Urges all actors on the international scene to build an international order\n2.\n")
    resolution = parse_text(text)
    assert [p.number for p in resolution.operative] == [1, 2, 3]
    assert resolution.operative[1].text.startswith("Urges all actors on the international scene to build an "
                                                   "international order based on inclusion")


def test_words_split_by_a_space_are_joined_when_the_document_has_them_whole():
    text = (PAGE_ONE + PAGE_TWO).replace("willingness to look beyond", "willingness to lo ok beyo nd")
    text = text.replace("Reaffirming its commitment to promoting", "Reaffirming its commitment to promo ting")
    resolution = parse_text(text + "\nto look beyond, promoting")
    assert "willingness to look beyond" in resolution.operative[0].text
    assert resolution.preambular[0].text.startswith("Reaffirming its commitment to promoting")


_PIECES = st.sampled_from([
    "\f", "\n", "\n\n", "__________________", "1", "2", "3.", "12.", "session.", "23-26037 (E)", "*2326037*",
    "2/4", "A/RES/78/199", "Please rec cle", "♲", "0F", "The General Assembly,", "Recalling", "Decides",
    "goodneighbourliness", "capacity -building", "sovere ignty", " 1 ", "      ", "(a)", "Resolution 55/2.",
])


@settings(max_examples=3000 if FUZZ else 200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES | st.text(max_size=20), max_size=80).map("\n".join))
def test_any_pdftotext_like_text_gives_resolution_or_parse_error(text):
    undo_pdftotext(text)
    try:
        result = parse_text(text + "\f", source="generated.txt")
    except ParseError as exc:
        assert str(exc).startswith("generated.txt: ")
        return
    assert isinstance(result, Resolution)
    result.to_json()


def test_run_together_lines_get_their_hyphen_back_where_the_document_hyphenates():
    filler = [f"line {i} of the text of a resolution that runs to the usual measure of a page" for i in range(12)]
    merged = ("Emphasizes that the pandemic has revealed the short- and longterm impacts of unilateral measures, "
              "which are not in accordance with international law")
    other = "and recalls the principle of self-determination and the long-term effects of the crisis,"
    (lines,) = mend_words([[*filler, merged, other, "of the self determination of peoples, and the Secretary -General"]],
                          raw=True)
    assert "short- and long-term impacts" in lines[12]
    assert lines[14] == "of the self determination of peoples, and the Secretary-General"  # a usual line: kept
    (layout,) = mend_words([["the principle of equal rights and self -", "determination of peoples,"]], raw=False)
    assert layout[0].endswith("self-")
