"""Lineage across the sessions of a series."""

from __future__ import annotations

import pytest

from penholder.errors import LibraryError
from penholder.search import lineage
from tests.search.conftest import paragraph_starting

HRC_SEEDS = ["A/HRC/RES/23/3", "A/HRC/RES/28/2", "A/HRC/RES/41/3", "A/HRC/RES/53/11"]


def test_recalling_6_17_across_the_four_hrc_seeds(seed_index, seed_resolutions):
    opening = "Recalling Human Rights Council resolution 6/17"
    kind, number, paragraph = paragraph_starting(seed_resolutions["A/HRC/RES/53/11"], opening)
    steps = lineage(seed_index, "A/HRC/RES/53/11", kind, number)
    assert [step.symbol for step in steps] == HRC_SEEDS
    years = [step.year for step in steps]
    assert years == sorted(years)
    for step in steps:
        assert step.text.startswith(opening)
        expected = paragraph_starting(seed_resolutions[step.symbol], opening)
        assert (step.kind, step.number) == expected[:2]
    assert steps[-1].similarity == 100 and steps[-1].text == paragraph.full_text()
    assert all(70 <= step.similarity <= 100 for step in steps)
    assert min(step.similarity for step in steps) < 100, "the 2008/2007 wording changed over the years"


def test_lineage_of_a_paragraph_in_all_five_seeds_starts_with_the_ga_one(seed_index):
    steps = lineage(seed_index, "A/HRC/RES/53/11", "operative", 34)
    assert steps[0].symbol == "A/RES/67/169"
    assert len(steps) == 5 and all(step.similarity == 100 for step in steps)


def test_lineage_errors_name_what_is_wrong(seed_index):
    with pytest.raises(LibraryError, match="not in the library"):
        lineage(seed_index, "A/RES/1/1", "operative", 1)
    with pytest.raises(LibraryError, match="no operative paragraph 999"):
        lineage(seed_index, "A/HRC/RES/53/11", "operative", 999)
