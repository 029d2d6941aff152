"""The parser's pieces on small made-up texts: each rule alone, so a regression names its cause."""

from __future__ import annotations

import pytest

from penholder.errors import ParseError
from penholder.parsing import lexicon, parse_file, parse_text
from penholder.parsing.footnotes import take_inlined, take_marks
from penholder.parsing.metadata import iso_date, ordinal_session
from penholder.parsing.normalize import ITALIC_CLOSE, ITALIC_OPEN, PAGE_BREAK, to_lines

DRAFT = """United Nations
A/C.3/99/L.7

General Assembly
Distr.: Limited
1 November 2099
Original: English

99-12345 (E)    021199
*9912345*

Ninety-ninth session
Third Committee
Agenda item 70 (b)
Promotion of good things

Ruritania, Freedonia and
Utopia:* draft resolution

Cooperation on good things

The General Assembly,

Recalling its resolution 98/1 of 1 December 2098,1

Noting with concern the report of the Secretary-General,2

1.
Decides to continue;
__________________

* Any changes to the list of sponsors will be reflected in the official record.

1 See A/98/1.

2 A/99/2.

A/C.3/99/L.7

99-12345
2/2

2.
Requests the Secretary-General:
(a)
To report on good things;
(b) To report on better things, including:
(i) in the short term;
(ii) in the long term;
(c) To do the rest;

3.
Decides to remain seized of the matter.
"""


def _parse(text: str):
    return parse_text(text, source="made-up.txt")


def test_draft_metadata_and_structure():
    draft = _parse(DRAFT)
    assert draft.symbol == "A/C.3/99/L.7" and draft.session == 99 and draft.number is None
    assert draft.state == "draft" and draft.committee == "Third Committee"
    assert draft.sponsors == ["Ruritania", "Freedonia", "Utopia"]
    assert draft.title == "Cooperation on good things" and draft.agenda_item == "70 (b)"
    assert draft.year == 2099 and draft.adoption.date is None
    assert [p.lead for p in draft.preambular] == ["Recalling", "Noting with concern"]
    assert [p.notes for p in draft.preambular] == [["1"], ["2"]]
    assert [f.mark for f in draft.footnotes] == ["*", "1", "2"]
    assert [p.number for p in draft.operative] == [1, 2, 3]


def test_subparagraphs_nest_roman_under_letters():
    requests = _parse(DRAFT).operative[1]
    assert requests.text == "Requests the Secretary-General:"
    assert [s.label for s in requests.subparagraphs] == ["(a)", "(b)", "(c)"]
    assert [s.label for s in requests.subparagraphs[1].subparagraphs] == ["(i)", "(ii)"]
    assert requests.subparagraphs[0].text == "To report on good things;"


def test_page_furniture_and_footnotes_leave_paragraphs_whole():
    draft = _parse(DRAFT)
    texts = " ".join(p.full_text() for p in draft.paragraphs)
    for furniture in ("99-12345", "2/2", "A/C.3/99/L.7", "sponsors", "See A/98/1"):
        assert furniture not in texts


def test_built_symbol_for_an_unstated_one():
    text = "12/34.\nA title\n\nThe Human Rights Council,\n\nRecalling things,\n\n1. Decides to act.\n"
    resolution = _parse(text)
    assert resolution.symbol == "A/HRC/RES/12/34" and resolution.body == "HRC"
    text = "GE.A/HRC/9/9. 5-01234 (E)\n\n45/6. A title\n\nThe General Assembly,\n\nRecalling things,\n\n1. Decides.\n"
    assert _parse(text).symbol == "A/RES/45/6"


def test_single_unnumbered_operative_paragraph():
    text = "The General Assembly,\n\nRecalling its resolution 1/1,\n\nDecides to do the thing.\n\n5th plenary meeting\n1 May 2020\n"
    resolution = _parse(text)
    assert len(resolution.preambular) == 1 and len(resolution.operative) == 1
    assert resolution.operative[0].lead == "Decides" and resolution.operative[0].number is None
    assert resolution.adoption.meeting == "5th plenary meeting" and resolution.adoption.date == "2020-05-01"


def test_page_break_joins_lower_case_and_splits_openers():
    text = ("The General Assembly,\n\nRecalling the first thing of\n\n\n\nthe second,\n\n"
            "Stressing the need for all human\n\n\nWelcoming everything,\n\n1. Decides.\n")
    preambular = _parse(text).preambular
    assert [p.text for p in preambular] == [
        "Recalling the first thing of the second,", "Stressing the need for all human", "Welcoming everything,"]


def test_blank_line_after_every_line_is_pdf_wrapping():
    lines = ["The Human Rights Council,", "Recalling the outcome of the conference held in Durban,",
             "Xenophobia and Related Intolerance, and the capacity-", "building of States,",
             "Recognizing that all is well in", "the world and that non-", "selectivity matters,",
             "1. Reaffirms the commitment of", "all States;", "2. Decides to continue", "the work."]
    resolution = _parse("\n\n".join(lines))
    assert [p.lead for p in resolution.preambular] == ["Recalling", "Recognizing"]
    assert "capacity-building of States" in resolution.preambular[0].text
    assert "non-selectivity" in resolution.preambular[1].text
    assert [p.text for p in resolution.operative] == ["Reaffirms the commitment of all States;",
                                                      "Decides to continue the work."]


def test_markdown_marks_give_headings_and_leads():
    text = ("Council**First session**\n\n**A heading****1/1. A title***The Human Rights Council,*\n\n"
            "*Deeply alarmed* by things,\n\n1. *Expresses its deep concern* at things;\n")
    resolution = _parse(text)
    assert resolution.organ == "The Human Rights Council," and resolution.symbol == "A/HRC/RES/1/1"
    assert resolution.preambular[0].lead == "Deeply alarmed"
    assert resolution.operative[0].lead == "Expresses its deep concern"
    assert resolution.operative[0].text == "Expresses its deep concern at things;"


def test_normalized_lines_mark_page_breaks_and_italics():
    lines = to_lines("a\r\n\r\nb\n\n\n\nc\fd *e f*\u00a0g")
    assert lines[:5] == ["a", "", "b", PAGE_BREAK, "c"]
    assert lines[-1] == f"d {ITALIC_OPEN}e f{ITALIC_CLOSE} g"


@pytest.mark.parametrize(("text", "clean", "notes"), [
    ("on 8 September 20002 and", "on 8 September 2000 and", ["2"]),
    ("the Action,1 for", "the Action, for", ["1"]),
    ("the tenth4 and twentieth5 anniversaries", "the tenth and twentieth anniversaries", ["4", "5"]),
    ("the Secretary-General² informing", "the Secretary-General informing", ["2"]),
    ("the Action,* and their", "the Action, and their", ["*"]),
    ("its fifty-second session,”", "its fifty-second session,", []),
    ("and paragraphs 2 and 3 of resolution 1/2,", "and paragraphs 2 and 3 of resolution 1/2,", []),
    ("see A/67/53 and Corr.1, and", "see A/67/53 and Corr.1, and", []),
    ("the Universal Declaration of Human Rights, 1", "the Universal Declaration of Human Rights,", ["1"]),
])
def test_footnote_marks_in_text(text, clean, notes):
    assert take_marks(text, {"*", "1", "2", "3", "4", "5"}) == (clean, notes)


def test_inlined_footnote_text():
    footnotes = []
    text, notes = take_inlined("Technical Assistance,A/HRC/19/50. in particular", footnotes)
    assert text == "Technical Assistance, in particular" and notes == ["1"]
    assert footnotes[0].text == "A/HRC/19/50."


def test_lexicon_lists_and_leads():
    assert "Recalling" in lexicon.preambular_openers() and "Takes note" in lexicon.operative_verbs()
    assert lexicon.preambular_lead("Recalling further its resolution") == "Recalling further"
    assert lexicon.preambular_lead("Taking note with appreciation of") == "Taking note with appreciation"
    assert lexicon.operative_lead("Also takes note of") == "Also takes note"
    assert lexicon.operative_lead("Strongly objects to") == "Strongly objects"
    assert lexicon.operative_lead("Nations are") == ""


def test_dates_and_ordinals():
    assert iso_date("adopted on 12 July 2023 at") == "2023-07-12"
    assert iso_date("31 February 2023") is None
    assert ordinal_session("Fifty-third") == 53 and ordinal_session("Eightieth") == 80


@pytest.mark.parametrize("text", ["Dear colleague,\n\nThank you.\n", "1, 2, 3\n", "The General Assembly,\n"])
def test_text_without_structure_is_a_parse_error(text):
    with pytest.raises(ParseError, match=r"^made-up\.txt: "):
        _parse(text)


def test_amendment_is_named(tmp_path):
    path = tmp_path / "amendment.txt"
    path.write_text("Ruritania: amendment to draft resolution A/99/L.1\n\nA title\n\n"
                    "The General Assembly,\n\nRecalling things,\n\n1. Decides.\n", encoding="utf-8")
    with pytest.raises(ParseError, match="amendment"):
        parse_file(path)


def test_header_variants_of_drafts():
    text = ("United Nations\nA/99/L.3\n\nItem 12 of the provisional agenda*\nA topic\n\n"
            "Draft resolution submitted by the President of the General Assembly\n\n"
            "Non\u2011selectivity in all things\n\nThe General Assembly,\n\nRecalling things,\n\n1. Decides.\n")
    draft = _parse(text)
    assert draft.agenda_item == "12" and draft.sponsors == ["President of the General Assembly"]
    assert draft.title == "Non-selectivity in all things" and draft.state == "draft"


def test_section_numbering_restarts_and_headings_are_dropped():
    text = ("The General Assembly,\n\nI\nFirst matters\n\nRecalling things,\n\n1. Decides one;\n\n"
            "2. Decides two;\n\nII\nSecond matters\n\nRecalling other things,\n\n1. Decides three;\n\n"
            "A. A heading\n\n2. Decides four.\n")
    resolution = _parse(text)
    assert [p.number for p in resolution.operative] == [1, 2, 1, 2]
    assert [p.text for p in resolution.operative] == ["Decides one;", "Decides two;", "Decides three;",
                                                      "Decides four."]
    assert [p.lead for p in resolution.preambular] == ["Recalling", "Recalling"]


def test_security_council_resolution():
    text = ("United Nations\nS/RES/9999 (2030)\n\nSecurity Council\nDistr.: General\n2 May 2030\n\n"
            "Resolution 9999 (2030)\n\nAdopted by the Security Council at its 12345th meeting, on 2 May 2030\n\n"
            "The Security Council,\n\nReaffirming its resolutions,\n\n"
            "Acting under Chapter VII of the Charter of the United Nations,\n\n"
            "1. Demands compliance;\n\n2. Decides to remain seized of the matter.\n\n30-12345 (E)\n*3012345*\n")
    resolution = _parse(text)
    assert (resolution.symbol, resolution.body, resolution.number, resolution.year) == (
        "S/RES/9999 (2030)", "SC", 9999, 2030)
    assert resolution.adoption.meeting == "12345th meeting" and resolution.adoption.date == "2030-05-02"
    assert resolution.preambular[1].lead == "Acting under Chapter VII of the Charter of the United Nations"
    assert resolution.operative[-1].text == "Decides to remain seized of the matter."
    assert resolution.title is None


def test_bracketed_draft_symbol_is_not_the_resolution_symbol():
    text = ("Resolution adopted by the General Assembly on 1 May 2030\n\n"
            "[without reference to a Main Committee (A/84/L.9/Rev.1)]\n\n84/9. A title\n\n"
            "The General Assembly,\n\n*Recalling* also its resolution 1/1,\n\n1. Decides.\n")
    resolution = _parse(text)
    assert resolution.symbol == "A/RES/84/9" and resolution.state == "adopted"
    assert resolution.preambular[0].lead == "Recalling also"


def test_one_paragraph_a_line_without_blank_lines():
    filler = "the matter before the Assembly, which it has considered at length in its previous sessions"
    text = "\n".join([
        "The General Assembly,",
        f"Recalling {filler},",
        f"Ever mindful of {filler},",
        f"Profoundly troubled by {filler},",
        f"1. Decides to consider {filler};",
        f"2. Resolves to remain seized of {filler}.",
    ])
    resolution = _parse(text)
    assert [p.lead for p in resolution.preambular] == ["Recalling", "Ever mindful", "Profoundly troubled"]
    assert len(resolution.operative) == 2


def test_adoption_sentence_with_vote():
    text = ("The General Assembly,\n\nRecalling things,\n\n1. Decides.\n\n"
            "Adopted at the 50th plenary meeting, on 19 December 2029, by a recorded vote of 123 to 8, "
            "with 54 abstentions\n")
    adoption = _parse(text).adoption
    assert (adoption.meeting, adoption.date, adoption.mode) == ("50th plenary meeting", "2029-12-19", "recorded vote")
    assert (adoption.in_favour, adoption.against, adoption.abstaining) == (123, 8, 54)


def test_geneva_page_furniture_inside_a_paragraph():
    text = ("A/HRC/RES/99/1\n\nHuman Rights Council\n\n99/1. A title\n\nThe Human Rights Council,\n\n"
            "Recalling its resolution 98/1 on the subject of this text and the\n"
            "GE.29-12345 (E) 010129\n\nPlease recycle \u2672\n\n"
            "A/HRC/RES/99/1\n\n2\n\n"
            "report of the Secretary-General,¹\n\n"
            "1. *Decides* to continue.\n\n¹ A/HRC/98/2.\n")
    resolution = _parse(text)
    assert resolution.preambular[0].text == (
        "Recalling its resolution 98/1 on the subject of this text and the report of the Secretary-General,")
    assert resolution.preambular[0].notes == ["1"] and resolution.footnotes[0].text == "A/HRC/98/2."


def test_annex_and_its_footnotes_are_not_the_resolution():
    text = ("The General Assembly,\n\nRecalling its resolution 1/1,¹\n\n1. Adopts the declaration annexed.\n\n"
            "9th plenary meeting\n1 May 2030\n\n¹ A/1/1.\n\nAnnex\n\nA declaration\n\n1. We agree on things.²\n\n"
            "² A/2/2.\n")
    resolution = _parse(text)
    assert len(resolution.operative) == 1 and [f.text for f in resolution.footnotes] == ["A/1/1."]
