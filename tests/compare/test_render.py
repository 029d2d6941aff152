"""Renderers: runs that rebuild both texts, Qt rich text readable without colour, terminal text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from penholder.compare import diff_words, to_ansi, to_html, to_runs

words = st.lists(st.sampled_from(["the", "The", "States", "“a”", '"a"', "2008", "2007", "6/17", ",", "<b>",
                                  "&", "and", "foster", "explore", "  ", "-", "–"]), max_size=20).map(" ".join)


@settings(deadline=None, max_examples=60)
@given(words, words, st.booleans())
def test_runs_rebuild_old_and_new_exactly(old, new, ignore_case):
    runs = to_runs(diff_words(old, new, ignore_case=ignore_case))
    assert "".join(r.text for r in runs if r.change != "insert") == old
    assert "".join(r.text for r in runs if r.change != "delete") == new
    assert all(r.text for r in runs)
    assert {r.change for r in runs} <= {None, "insert", "delete"}


def test_runs_keep_facts_on_changed_runs():
    runs = to_runs(diff_words("of 28 September 2008, in", "of 28 September 2007, in"))
    assert [(r.text, r.change, r.facts) for r in runs if r.change] == [
        ("2008", "delete", ("date",)), ("2007", "insert", ("date",))]


def test_text_held_equal_by_an_option_still_rebuilds_both_texts():
    runs = to_runs(diff_words("Member States", "member states", ignore_case=True))
    assert "".join(r.text for r in runs if r.change != "insert") == "Member States"
    assert "".join(r.text for r in runs if r.change != "delete") == "member states"


def test_html_underlines_insertions_strikes_deletions_and_escapes():
    html = to_html(diff_words("A <b> & B", "A <i> & B and C"))
    assert "<s>" in html and "<u>" in html  # readable without colour
    assert "&lt;" in html and "&gt;" in html and "&amp;" in html
    assert "<b>" not in html and "<i>" not in html


def test_html_marks_a_changed_fact():
    html = to_html(diff_words("of 5 July 2018", "of 5 July 2019"))
    assert "changed date" in html and "background-color" in html


def test_ansi_without_colour_uses_brackets():
    ops = diff_words("Requests all Member States to foster", "Requests all States to explore and foster")
    assert to_ansi(ops, colour=False) == "Requests all [-Member-] States to {+explore and+} foster"


def test_ansi_follows_no_color(monkeypatch):
    ops = diff_words("a b", "a c")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in to_ansi(ops)
    assert "\x1b[" in to_ansi(ops, colour=True)


def test_ansi_keeps_a_space_before_a_deletion():
    ops = diff_words("on favourable conditions and terms,", "on favourable, preferential and terms,")
    assert "favourable [-" in to_ansi(ops, colour=False)
