"""The checks on real General Assembly texts (../shared): few alarms (a sample of one file in forty)."""

from __future__ import annotations

import pytest

from penholder.checks import ERROR, Checker
from penholder.errors import ParseError
from penholder.parsing import parse_file


@pytest.fixture(scope="module")
def sample(shared_dir):
    paths = sorted((shared_dir / "corpus" / "ga-78-80-text").glob("*.txt"))[::40]
    resolutions = []
    for path in paths:
        try:
            resolutions.append(parse_file(path))
        except ParseError:
            continue
    return resolutions


def test_errors_are_rare_on_adopted_and_draft_texts(sample):
    checker = Checker.from_resolutions(sample)
    paragraphs = sum(len(r.paragraphs) for r in sample)
    errors = [p for r in sample for p in checker.check_resolution(r) if p.severity == ERROR]
    assert paragraphs > 500
    assert len(errors) < 0.03 * paragraphs, sorted({p.code for p in errors})


def test_no_opener_or_verb_alarm_on_leads_the_library_uses(sample):
    checker = Checker.from_resolutions(sample)
    flagged = [p for r in sample for p in checker.check_resolution(r)
               if p.code in ("PP-OPENER", "OP-VERB") and p.severity != "info"]
    # what remains is mostly verbs the lexicon lacks ("Commits", "Rejects") and budget clauses
    assert len(flagged) < 0.02 * sum(len(r.paragraphs) for r in sample)
