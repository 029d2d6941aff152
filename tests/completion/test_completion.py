"""Completion: lexicon leads ranked by the library, library continuations, partial words, numbers."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from penholder.completion import Completer, detokenize, tokens
from penholder.model import OPERATIVE, PREAMBULAR
from penholder.parsing import parse_file

LEADS = {PREAMBULAR: ["Recalling", "Noting", "Deeply concerned"],
         OPERATIVE: ["Requests", "Decides", "Calls upon", "Urges"]}
OHCHR = "Requests the Office of the United Nations High Commissioner for Human Rights to "
LIBRARY = [
    (PREAMBULAR, "Recalling its resolution 6/17 of 28 September 2007,"),
    (PREAMBULAR, "Recalling its resolution 53/11 of 12 July 2023,"),
    (PREAMBULAR, "Recalling its resolution 41/3 of 11 July 2019,"),
    (PREAMBULAR, "Recalling also General Assembly resolution 70/1,"),
    (PREAMBULAR, "Noting the report,"),
    (OPERATIVE, OHCHR + "report to the Council;"),
    (OPERATIVE, OHCHR + "present a report;"),
    (OPERATIVE, OHCHR + "assist States;"),
    (OPERATIVE, "Requests the Secretary-General to report;"),
    (OPERATIVE, "Decides to continue its consideration of the matter."),
]


@pytest.fixture(scope="module")
def completer():
    return Completer(LIBRARY, LEADS)


def test_leads_at_paragraph_start_are_ranked_by_library_use(completer):
    suggestions = completer.complete("", kind=OPERATIVE)
    lexicon = [s for s in suggestions if s.source == "lexicon"]
    assert [s.text for s in lexicon][:2] == ["Requests", "Decides"]
    assert [s.count for s in lexicon][:2] == [4, 1]
    assert all(s.kind == OPERATIVE for s in suggestions)


def test_a_partial_word_completes_to_a_lead(completer):
    suggestions = completer.complete("Rec", kind=PREAMBULAR)
    assert suggestions[0].text == "Recalling" and suggestions[0].insert == "alling"
    assert completer.complete("Deeply c", kind=PREAMBULAR)[0].text == "Deeply concerned"


def test_after_an_opener_the_most_frequent_continuations_come_first(completer):
    suggestions = completer.complete("Recalling ")
    assert suggestions[0].text == "Recalling its resolution" and suggestions[0].count == 3
    assert suggestions[1].text.startswith("Recalling also")
    assert completer.complete("Recalling")[0].insert == " its resolution"  # no space typed yet


def test_a_continuation_runs_on_while_the_library_agrees(completer):
    suggestion = completer.complete("Requests")[0]
    assert suggestion.text == OHCHR.strip() and suggestion.count == 3  # 3 of the 4 agree: run on
    assert completer.complete("Recalling its ")[0].text == "Recalling its resolution"  # then 3 numbers
    office = completer.complete("Requests the O")[0]
    assert office.text == OHCHR.strip() and office.count == 3
    assert completer.complete("Requests the ")[0].text == OHCHR.strip()


def test_a_leading_operative_number_is_kept_and_implies_operative(completer):
    suggestion = completer.complete("3. Req")[0]
    assert suggestion.text == "3. Requests" and suggestion.kind == OPERATIVE


def test_an_empty_library_still_offers_the_lexicon():
    suggestions = Completer([], LEADS).complete("", kind=PREAMBULAR)
    assert {s.text for s in suggestions} == set(LEADS[PREAMBULAR]) and all(s.count == 0 for s in suggestions)
    assert Completer([], LEADS).complete("Recalling ") == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="RecalingNotsqu 3.", max_size=14))
def test_prefix_plus_insert_is_always_the_suggested_text(prefix):
    completer = Completer(LIBRARY, LEADS)
    for suggestion in completer.complete(prefix):
        assert suggestion.text == prefix + suggestion.insert and suggestion.insert.strip()


def test_detokenize_puts_punctuation_back():
    words = tokens("Recalling “Transforming our world”, (2015) and 6/17;")
    assert detokenize(words) == "Recalling “Transforming our world”, (2015) and 6/17;"


def test_after_recalling_the_seeds_most_common_continuations_come_first(seed_paths):
    seeds = [parse_file(p) for p in seed_paths.values()]
    completer = Completer.from_resolutions(seeds)
    after = Counter(tokens(p.text)[1] for s in seeds for p in s.preambular
                    if tokens(p.text)[:1] == ["Recalling"] and len(tokens(p.text)) > 1)
    suggestions = completer.complete("Recalling ", kind=PREAMBULAR)
    next_words = [tokens(s.text)[1] for s in suggestions]
    assert next_words[0] == after.most_common(1)[0][0]
    assert [after[w] for w in next_words] == sorted((after[w] for w in next_words), reverse=True)
    for suggestion in suggestions:  # every suggestion is how some seed paragraph really opens
        assert any(p.text.startswith(suggestion.text) for s in seeds for p in s.preambular)


def test_a_sub_paragraph_line_gets_no_paragraph_openings(completer):
    assert completer.complete("(a) Req") == []
