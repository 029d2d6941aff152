"""References: finding them, their UN form, and their dates against the session, library and other citations."""

from __future__ import annotations

import pytest

from penholder.checks import apply_fix, check_resolution
from penholder.checks.references import ReferenceIndex, find_citations, session_years
from tests.checks.helpers import codes, resolution

OPS = ["Requests the Office to report;", "Decides to remain seized of the matter."]


def pp(text):
    """Return the problems of a one-paragraph HRC resolution whose preambular paragraph is ``text``."""
    return check_resolution(resolution([text], OPS))


def test_citations_are_found_with_body_number_and_date():
    text = ("Recalling General Assembly resolutions 60/251 of 15 March 2006 and 65/281 of 17 June 2011, "
            "Human Rights Council resolution 6/17 of 28 September 2007 and its resolution 53/11,")
    found = find_citations(text, "HRC")
    assert [(c.body, c.number, c.date) for c in found] == [
        ("GA", "60/251", "2006-03-15"), ("GA", "65/281", "2011-06-17"), ("HRC", "6/17", "2007-09-28"),
        ("HRC", "53/11", None)]
    assert text[found[2].date_start:found[2].date_end] == "28 September 2007"


def test_the_body_follows_the_date_when_the_text_only_implies_it():
    text = "Recalls that, in its resolution 76/164 of 16 December 2021, the General Assembly requested"
    assert find_citations(text, "HRC")[0].body == "GA"
    other = "as called for by the Commission on Crime Prevention in its resolution 34/1 of 23 May 2025"
    assert find_citations(other, "GA")[0].body is None
    named = "Recalling Commission on the Status of Women resolution 51/2 of 9 March 2007"
    assert find_citations(named, "GA")[0].body == "other:Commission on the Status of Women"


def test_session_years_of_assembly_council_and_year_numbered_resolutions():
    assert session_years("GA", "61/171")[0] == {2006, 2007}
    assert session_years("HRC", "6/17")[0] == {2007}
    assert session_years("HRC", "53/11")[0] == {2023}
    assert 2000 in session_years(None, "2000/22")[0]
    assert session_years("GA", "10/6") is None  # before the Assembly numbered resolutions this way


@pytest.mark.parametrize("written, proper", [("December 19, 2006", "19 December 2006"),
                                             ("19th December 2006", "19 December 2006"),
                                             ("19 Dec. 2006", "19 December 2006")])
def test_dates_in_other_forms_get_the_un_form_as_fix(written, proper):
    text = f"Recalling General Assembly resolution 61/171 of {written},"
    problems = pp(text)
    assert codes(problems) == ["REF-FORM"]
    assert apply_fix(text, problems[0]) == "Recalling General Assembly resolution 61/171 of 19 December 2006,"
    assert proper in problems[0].message


def test_numeric_dates_capital_r_dated_and_symbols_are_flagged():
    assert codes(pp("Recalling General Assembly resolution 61/171 of 19/12/2006,")) == ["REF-FORM"]
    text = "Recalling also General Assembly Resolution 61/171 dated 19 December 2006,"
    problems = pp(text)
    assert codes(problems) == ["REF-FORM", "REF-FORM"]
    for problem in reversed(problems):
        text = apply_fix(text, problem)
    assert text == "Recalling also General Assembly resolution 61/171 of 19 December 2006,"
    symbol = "Recalling General Assembly resolution A/RES/61/171 of 19 December 2006,"
    problems = pp(symbol)
    assert codes(problems) == ["REF-FORM"] and apply_fix(symbol, problems[0]).count("A/RES") == 0


def test_a_correct_reference_is_not_flagged():
    assert pp("Recalling General Assembly resolution 61/171 of 19 December 2006,") == []
    assert pp("Recalling Human Rights Council resolution 6/17 of 28 September 2007,") == []


def test_an_impossible_date_and_a_date_outside_the_session_are_errors():
    assert codes(pp("Recalling General Assembly resolution 61/171 of 31 September 2006,")) == ["REF-DATE"]
    problems = pp("Recalling Human Rights Council resolution 6/17 of 28 September 2008,")
    assert codes(problems) == ["REF-DATE"] and "2007" in problems[0].message


def test_a_date_that_disagrees_with_the_library_is_flagged_with_the_librarys_date():
    cited = resolution(["Recalling its resolution 20/5,"], OPS, symbol="A/HRC/RES/20/5", date="2012-07-05")
    text = "Recalling Human Rights Council resolution 20/5 of 6 July 2012,"
    problems = check_resolution(resolution([text], OPS), library=[cited])
    assert codes(problems) == ["REF-LIBRARY-DATE"]
    assert apply_fix(text, problems[0]).endswith("of 5 July 2012,")
    good = "Recalling Human Rights Council resolution 20/5 of 5 July 2012,"
    assert check_resolution(resolution([good], OPS), library=[cited]) == []


def test_a_date_that_disagrees_with_other_citations_across_the_library_is_flagged():
    def citing(symbol, date):
        return resolution([f"Recalling General Assembly resolution 70/1 of {date},"], OPS, symbol=symbol)

    library = [citing("A/HRC/RES/1/1", "25 September 2015"), citing("A/HRC/RES/1/2", "25 September 2015")]
    draft = citing(None, "27 September 2015")
    problems = check_resolution(draft, library=library)
    assert codes(problems) == ["REF-CITED-DATE"]
    assert "25 September 2015" in problems[0].message and "A/HRC/RES/1/1" in problems[0].message
    assert check_resolution(citing(None, "25 September 2015"), library=library) == []


def test_the_index_lists_every_disagreement_across_the_library():
    library = [resolution([f"Recalling its resolution 6/17 of 28 September {year},"], OPS,
                          symbol=f"A/HRC/RES/{n}/1") for n, year in ((20, 2007), (21, 2008), (22, 2007))]
    (key, dates), = ReferenceIndex.from_resolutions(library).disagreements()
    assert key == ("HRC", "6/17")
    assert {d: sorted(c.citing for c in cited) for d, cited in dates.items()} == {
        "2007-09-28": ["A/HRC/RES/20/1", "A/HRC/RES/22/1"], "2008-09-28": ["A/HRC/RES/21/1"]}
