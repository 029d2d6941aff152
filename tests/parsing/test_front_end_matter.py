"""Front and end matter the model keeps (issue 17 item 2): agenda title, report line, dates, voting record."""

from __future__ import annotations

import collections
import json
import re

import pytest

from penholder.cli import main
from penholder.errors import ParseError
from penholder.model import Resolution
from penholder.parsing import parse_file
from penholder.parsing.end_matter import split_states
from penholder.readers import read_resolution

AGENDA_71B = ("Promotion and protection of human rights: human rights questions, including alternative "
              "approaches for improving the effective enjoyment of human rights and fundamental freedoms")
HRC_ITEM_3 = ("Promotion and protection of all human rights, civil, political, economic, social and cultural "
              "rights, including the right to development")


def test_53_11_keeps_its_voting_lists_session_dates_and_agenda_title(seed_paths):
    resolution = parse_file(seed_paths["A/HRC/RES/53/11"])
    voting = resolution.voting
    assert voting is not None
    assert (len(voting.in_favour), len(voting.against), len(voting.abstaining)) == (33, 13, 1)
    assert voting.in_favour[:2] == ["Algeria", "Argentina"] and voting.in_favour[-1] == "Viet Nam"
    assert "Bolivia (Plurinational State of)" in voting.in_favour
    assert voting.against[-2:] == ["United Kingdom of Great Britain and Northern Ireland",
                                   "United States of America"]
    assert voting.abstaining == ["Mexico"]
    assert resolution.session_dates == "19 June–14 July 2023"
    assert resolution.agenda_item == "3" and resolution.agenda_title == HRC_ITEM_3
    assert resolution.report_line is None  # HRC resolutions have none


def test_41_3_lists_match_its_counts_and_it_has_no_agenda_title_to_invent(seed_paths):
    resolution = parse_file(seed_paths["A/HRC/RES/41/3"])
    adoption, voting = resolution.adoption, resolution.voting
    assert (adoption.in_favour, adoption.against, adoption.abstaining) == (28, 14, 5)
    assert (len(voting.in_favour), len(voting.against), len(voting.abstaining)) == (28, 14, 5)
    assert voting.abstaining == ["Argentina", "Brazil", "Chile", "Mexico", "Peru"]
    assert resolution.session_dates == "24 June–12 July 2019"
    assert resolution.document_date == "2019-07-17" and resolution.adoption.date == "2019-07-11"
    assert resolution.agenda_title is None  # the source goes from "Agenda item 3" to the heading


def test_adopted_without_a_vote_has_no_voting_record(seed_paths):
    for symbol in ("A/HRC/RES/28/2", "A/HRC/RES/23/3", "A/RES/67/169"):
        assert parse_file(seed_paths[symbol]).voting is None, symbol


@pytest.mark.parametrize("name", ["ga-78-80-text/A-RES-78-199.txt", "pdf/A_RES_78_199.pdf"])
def test_78_199_keeps_agenda_title_report_line_and_its_own_date(shared_dir, name):
    resolution = read_resolution(shared_dir / "corpus" / name)
    assert resolution.agenda_item == "71 (b)"
    assert resolution.agenda_title == AGENDA_71B
    assert resolution.report_line == "on the report of the Third Committee (A/78/481/Add.2, para. 139)"
    assert resolution.document_date == "2023-12-22"  # issued three days after adoption
    assert resolution.adoption.date == "2023-12-19"
    assert resolution.session_dates is None and resolution.voting is None


def test_a_draft_has_its_date_of_issue_and_no_report_line(shared_dir):
    resolution = read_resolution(shared_dir / "corpus" / "pdf" / "A_C.3_80_L.35.pdf")
    assert resolution.document_date == "2025-11-04"
    assert resolution.agenda_title == AGENDA_71B
    assert resolution.report_line is None and resolution.voting is None


def test_parse_json_adds_the_new_keys_and_round_trips(seed_paths, capsys):
    assert main(["parse", str(seed_paths["A/HRC/RES/53/11"]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["session_dates"] == "19 June–14 July 2023"
    assert {key: len(names) for key, names in data["voting"].items()} == {
        "in_favour": 33, "against": 13, "abstaining": 1}
    assert data["agenda_title"] == HRC_ITEM_3
    again = Resolution.from_dict(data)
    assert again.voting == parse_file(seed_paths["A/HRC/RES/53/11"]).voting
    assert Resolution.from_dict(again.to_dict()).to_dict() == again.to_dict()
    assert Resolution.from_dict({"symbol": "A/RES/1/1"}).voting is None  # older records: still readable


def test_split_states_keeps_names_with_and_whole():
    assert split_states("Antigua and Barbuda, Chile, Bosnia and Herzegovina and Trinidad and Tobago]") == [
        "Antigua and Barbuda", "Chile", "Bosnia and Herzegovina", "Trinidad and Tobago"]
    assert split_states("Saint Vincent and the Grenadines and Sao Tome and Principe") == [
        "Saint Vincent and the Grenadines", "Sao Tome and Principe"]
    assert split_states("Mexico]") == ["Mexico"]
    assert split_states("None") == []


@pytest.fixture(scope="module")
def ga_texts(shared_dir):
    results = {}
    for path in sorted((shared_dir / "corpus" / "ga-78-80-text").glob("*.txt")):
        try:
            results[path] = parse_file(path)
        except ParseError:
            continue
    if not results:
        pytest.skip("no GA texts in shared corpus")
    return results


_NOT_A_TITLE = re.compile(r"Resolution adopted|Distr\.|Original:|draft resolution|\(E\)|"
                          r"\b(?:19|20)\d\d\b.*\b(?:plenary|session)\b|^\[|A/RES/\d")


def test_real_ga_texts_fill_the_fields_without_false_positives(ga_texts):
    adopted = {p: r for p, r in ga_texts.items() if r.state == "adopted"}
    drafts = {p: r for p, r in ga_texts.items() if r.state == "draft"}
    report = re.compile(r"^(?:on the reports? of the [\w ,-]+Committee(?: \(\w+ Committee\))?"
                        r"|without reference to a Main Committee) \(A/")
    with_report = [r for r in adopted.values() if r.report_line and report.match(r.report_line)]
    titled = [r for r in ga_texts.values() if r.agenda_title]
    dated = [r for r in ga_texts.values() if r.document_date]
    print(f"\n{len(ga_texts)} GA texts ({len(adopted)} adopted, {len(drafts)} drafts): report line "
          f"{len(with_report)}/{len(adopted)}, agenda title {len(titled)}, date of issue {len(dated)}")
    assert len(with_report) >= 0.98 * len(adopted)
    assert all(r.report_line is None for r in drafts.values())
    assert len(dated) >= 0.98 * len(ga_texts) and len(titled) >= 0.95 * len(ga_texts)
    assert all(r.voting is None and r.session_dates is None for r in ga_texts.values())  # none in GA texts
    for resolution in adopted.values():
        if resolution.document_date and resolution.adoption.date:  # issued on or after adoption
            assert resolution.adoption.date <= resolution.document_date, resolution.symbol
    for resolution in titled:
        assert not _NOT_A_TITLE.search(resolution.agenda_title), (resolution.symbol, resolution.agenda_title)
        assert len(resolution.agenda_title) < 420


def test_one_agenda_item_has_one_title_across_documents(ga_texts):
    """The same item of the same session is titled alike in every document that cites it."""
    titles: dict[tuple, collections.Counter] = collections.defaultdict(collections.Counter)
    for resolution in ga_texts.values():
        if resolution.agenda_title and resolution.agenda_item and " and " not in resolution.agenda_item:
            titles[(resolution.session, resolution.agenda_item)][resolution.agenda_title.lower()] += 1
    total = sum(sum(c.values()) for c in titles.values())
    agreeing = sum(c.most_common(1)[0][1] for c in titles.values())
    print(f"\nagenda titles: {agreeing}/{total} agree with their item's most common title")
    assert agreeing >= 0.98 * total
