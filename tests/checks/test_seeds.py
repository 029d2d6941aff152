"""The checks on the five bundled seeds: the 6/17 date disagreement is reported, correct text is not flagged."""

from __future__ import annotations

import pytest

from penholder.checks import Checker
from penholder.checks.references import find_citations
from penholder.cli.check_command import paragraph_texts
from penholder.parsing import parse_file

ENDINGS = {"PP-ENDING": ",", "OP-LIST": ":"}


@pytest.fixture(scope="module")
def seeds(seed_paths):
    return [parse_file(path) for path in seed_paths.values()]


@pytest.fixture(scope="module")
def checked(seeds):
    checker = Checker.from_resolutions(seeds)
    return [(seed, checker.check_resolution(seed)) for seed in seeds]


def cited_dates(resolution, number):
    return {c.date for p in resolution.paragraphs for c in find_citations(p.text, resolution.body)
            if c.number == number and c.date}


def test_every_seed_citing_6_17_reports_the_disagreement(checked):
    citing = [(seed, problems) for seed, problems in checked if cited_dates(seed, "6/17")]
    all_dates = set().union(*(cited_dates(seed, "6/17") for seed, _ in citing))
    assert len(citing) >= 2 and len(all_dates) == 2  # the seeds disagree on the year
    for seed, problems in citing:
        about = [p for p in problems if p.code.startswith("REF-") and "6/17" in p.message]
        assert about, f"{seed.symbol}: no problem reported for its citation of 6/17"
        other = (all_dates - cited_dates(seed, "6/17")).pop()
        assert other[:4] in about[0].message  # the other citations' year is shown


def test_the_wrong_year_gets_the_fix_and_the_right_year_is_only_information(checked):
    for seed, problems in checked:
        for problem in (p for p in problems if "6/17" in p.message):
            year = cited_dates(seed, "6/17").pop()[:4]
            if year == "2008":
                assert problem.severity == "error" and problem.fix == "28 September 2007"
            else:
                assert problem.severity == "info" and problem.fix is None


def test_no_false_alarms_on_the_seeds(checked):
    for seed, problems in checked:
        texts = paragraph_texts(seed)
        last = len(seed.operative)
        for problem in problems:
            text = texts[(problem.kind, problem.number, problem.sub)]
            assert problem.code not in {"PP-OPENER", "OP-VERB", "SUB-LABELS", "OP-NUMBERING", "OP-LONE",
                                        "REF-FORM", "REF-LIBRARY-DATE", "TYPO-LATIN"}, problem
            if problem.code.startswith("REF-"):
                assert "6/17" in problem.message
            elif problem.code == "TYPO-QUOTES":
                assert text[problem.start:problem.end] in {'"', "'"}
            elif problem.code == "OP-ENDING":
                wanted = "." if problem.number == last else ";"
                assert not text.rstrip().endswith(wanted), problem
            elif problem.code in ENDINGS:
                assert not text.rstrip().endswith(ENDINGS[problem.code]), problem


def test_seeds_cited_by_other_seeds_match_their_adoption_dates(checked, seeds):
    """A seed cited by another seed is cited with its adoption date, and no library alarm is raised."""
    adopted = {seed.symbol: seed.adoption.date for seed in seeds}
    cross = [c for seed in seeds for p in seed.paragraphs for c in find_citations(p.text, seed.body)
             if c.library_symbol() in adopted and c.date]
    assert cross and all(c.date == adopted[c.library_symbol()] for c in cross)
    assert not [p for _, problems in checked for p in problems if p.code == "REF-LIBRARY-DATE"]
