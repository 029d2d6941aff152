"""The five bundled seeds parse to the structure a drafter reads in them (the issue's table)."""

from __future__ import annotations

import re

import pytest

from penholder.model import RECORDED_VOTE, WITHOUT_A_VOTE
from penholder.parsing import parse_file

# symbol: (preambular, operative, footnotes, mode, votes, meeting, date)
TABLE = {
    "A/HRC/RES/23/3": (11, 24, 6, WITHOUT_A_VOTE, None, "38th meeting", "2013-06-13"),
    "A/HRC/RES/53/11": (33, 37, 5, RECORDED_VOTE, (33, 13, 1), "34th meeting", "2023-07-12"),
    "A/HRC/RES/28/2": (17, 27, 2, WITHOUT_A_VOTE, None, "55th meeting", "2015-03-26"),
    "A/HRC/RES/41/3": (28, 34, 3, RECORDED_VOTE, (28, 14, 5), "38th meeting", "2019-07-11"),
    "A/RES/67/169": (9, 14, 5, None, None, "60th plenary meeting", "2012-12-20"),
}

OPERATIVE_LEADS_23_3 = [
    "Reaffirms", "Recognizes", "Reaffirms", "Urges", "Reaffirms", "Considers", "Emphasizes", "Reaffirms",
    "Emphasizes", "Also emphasizes", "Takes note", "Also takes note", "Further takes note", "Requests",
    "Also requests", "Urges", "Calls upon", "Calls upon", "Urges", "Invites", "Takes note", "Recalls",
    "Requests", "Decides",
]

FURNITURE = re.compile(r"\b(?:GE\.)?\d{2}-\d{5}\b|Distr\.|Please recycle|\bPage \d|\(E\)")


@pytest.fixture(scope="module")
def parsed(seed_paths):
    return {symbol: parse_file(path) for symbol, path in seed_paths.items()}


@pytest.mark.parametrize("symbol", list(TABLE))
def test_seed_counts_and_adoption(parsed, symbol):
    resolution = parsed[symbol]
    preambular, operative, footnotes, mode, votes, meeting, day = TABLE[symbol]
    assert resolution.symbol == symbol
    assert (len(resolution.preambular), len(resolution.operative), len(resolution.footnotes)) == (
        preambular, operative, footnotes)
    assert resolution.adoption.mode == mode
    assert resolution.adoption.meeting == meeting
    assert resolution.adoption.date == day
    if votes:
        adoption = resolution.adoption
        assert (adoption.in_favour, adoption.against, adoption.abstaining) == votes
    assert resolution.year == int(day[:4])
    assert resolution.body == ("GA" if symbol.startswith("A/RES/") else "HRC")


@pytest.mark.parametrize("symbol", list(TABLE))
def test_operatives_numbered_in_order_with_leads(parsed, symbol):
    operative = parsed[symbol].operative
    assert [p.number for p in operative] == list(range(1, len(operative) + 1))
    for paragraph in [*operative, *parsed[symbol].preambular]:
        assert paragraph.lead, paragraph.text[:60]
        assert paragraph.text.startswith(paragraph.lead)


def test_operative_leads_in_order(parsed):
    assert [p.lead for p in parsed["A/HRC/RES/23/3"].operative] == OPERATIVE_LEADS_23_3


def test_multiword_leads(parsed):
    leads = {p.lead for r in parsed.values() for p in r.preambular}
    assert {"Recalling also", "Recalling further", "Deeply concerned", "Taking note with appreciation"} <= leads
    operative_leads = {p.lead for r in parsed.values() for p in r.operative}
    assert {"Expresses its concern", "Further emphasizes", "Also re-emphasizes", "Calls upon"} <= operative_leads


def test_footnote_marks_and_references(parsed):
    resolution = parsed["A/HRC/RES/23/3"]
    assert [f.mark for f in resolution.footnotes] == ["*", "1", "2", "3", "4", "5"]
    assert resolution.operative[20].notes == ["4", "5"]
    assert resolution.operative[10].notes == ["1"]
    texts = [f.text for f in parsed["A/HRC/RES/28/2"].footnotes]
    assert any("A/HRC/19/50" in t for t in texts) and any("A/HRC/26/41" in t for t in texts)


def test_no_paragraph_carries_footnotes_or_furniture(parsed):
    for resolution in parsed.values():
        notes = [f.text for f in resolution.footnotes if len(f.text) > 10]
        for paragraph in resolution.paragraphs:
            text = paragraph.full_text()
            assert not FURNITURE.search(text), text
            for note in notes:
                assert note not in text
            assert not re.search(r"[¹²³⁴⁵⁶⁷⁸⁹*]", text), text
            assert "  " not in text


def test_inlined_footnote_text_is_taken_out(parsed):
    paragraph = parsed["A/HRC/RES/28/2"].operative[14]
    assert "Assistance, in particular" in paragraph.text
    assert "A/HRC/19/50" not in paragraph.text
    assert paragraph.notes == ["1"]


def test_year_with_glued_mark(parsed):
    paragraph = parsed["A/RES/67/169"].preambular[1]
    assert "8 September 2000 and" in paragraph.text
    assert "2" in paragraph.notes


def test_real_hyphens_kept_across_lines(parsed):
    text = " ".join(p.text for p in parsed["A/HRC/RES/28/2"].paragraphs)
    assert "non-selectivity" in text and "capacity-building" in text
    assert "non- selectivity" not in text


def test_page_break_split_paragraphs(parsed):
    # "for the benefit of all human" + page break + "Stressing ..." is two paragraphs.
    preambular = parsed["A/HRC/RES/28/2"].preambular
    assert preambular[5].text.endswith("for the benefit of all human")
    assert preambular[6].lead == "Stressing"
    # A lower-case continuation after a page break stays in its paragraph.
    reaffirming = parsed["A/HRC/RES/53/11"].preambular[6]
    assert "Countries”, in which the Assembly endorsed" in reaffirming.text


def test_titles_and_organs(parsed):
    for resolution in parsed.values():
        assert resolution.title.startswith("Enhancement of international cooperation")
        assert resolution.organ in ("The Human Rights Council,", "The General Assembly,")
        assert resolution.state == "adopted"
