"""The agreed-language report: a draft made from 53/11 with three paragraphs edited shows exactly those three."""

from __future__ import annotations

import copy

import pytest

from penholder.model import OPERATIVE, PREAMBULAR
from penholder.parsing import parse_file
from penholder.report import agreed_language_report, report_summary
from penholder.report.agreed import unchanged_share
from penholder.search import PrecedentIndex

SOURCE = "A/HRC/RES/53/11"


@pytest.fixture(scope="module")
def seeds(seed_paths):
    return {symbol: parse_file(path) for symbol, path in seed_paths.items()}


@pytest.fixture(scope="module")
def index(seeds):
    return PrecedentIndex.from_resolutions(seeds.values())


@pytest.fixture(scope="module")
def draft(seeds):
    """A draft made from 53/11: one preambular and two operative paragraphs edited, the rest untouched."""
    resolution = copy.deepcopy(seeds[SOURCE])
    resolution.symbol, resolution.state = None, "draft"
    pp, op_a, op_b = resolution.preambular[2], resolution.operative[4], resolution.operative[-2]
    words = pp.text.split(" ")
    pp.text = " ".join([*words[:2], "firmly", *words[2:]])  # a word inserted
    words = op_a.text.split(" ")
    op_a.text = " ".join([*words[:3], "negotiators", *words[4:]])  # a word replaced
    words = op_b.text.split(" ")
    op_b.text = " ".join([*words[:4], *words[8:]])  # four words deleted
    edited = {(PREAMBULAR, 3), (OPERATIVE, op_a.number), (OPERATIVE, op_b.number)}
    return resolution, edited


def test_exactly_the_three_edited_paragraphs_are_marked_changed(draft, index):
    resolution, edited = draft
    rows = agreed_language_report(resolution, index)
    assert len(rows) == len(resolution.paragraphs)
    changed = {(row.kind, row.number) for row in rows if row.changed}
    assert changed == edited
    for row in rows:
        if row.changed:
            assert row.precedent.symbol == SOURCE and 0.5 < row.share_unchanged < 1
            assert any(op.tag != "equal" for op in row.ops)
        else:
            assert row.share_unchanged == 1 and row.status == "agreed"
    assert report_summary(rows) == {"agreed": len(rows) - 3, "changed": 3, "new": 0}


def test_the_changed_words_are_the_edits(draft, index):
    resolution, _ = draft
    rows = {row.label: row for row in agreed_language_report(resolution, index) if row.changed}
    inserted = " ".join(op.new for row in rows.values() for op in row.ops if op.tag in ("insert", "replace"))
    assert "firmly" in inserted and "negotiators" in inserted


def test_excluding_the_source_finds_earlier_sessions_and_new_language(seeds, index):
    rows = agreed_language_report(seeds[SOURCE], index, exclude=SOURCE)
    assert all(row.precedent is None or row.precedent.symbol != SOURCE for row in rows)
    summary = report_summary(rows)
    assert summary["agreed"] > 0 and summary["changed"] > 0 and summary["new"] > 0
    for row in rows:
        assert (row.precedent is None) == (row.status == "new")
        assert row.to_json()["status"] == row.status


def test_unchanged_share_counts_kept_words_against_every_word_touched():
    from penholder.compare import diff_words

    assert unchanged_share(diff_words("Requests the Office to report;", "Requests the Office to report;")) == 1
    assert unchanged_share(diff_words("Requests the Office to report;", "Urges the Office to report;")) == 4 / 6
    assert unchanged_share(diff_words("Requests the Office to report;", "Requests the Office;")) == 3 / 5
    assert unchanged_share([]) == 0
