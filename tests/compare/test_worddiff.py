"""Word diff: exact reconstruction, phrases not confetti, options, and facts worth a drafter's eye."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from penholder.compare import DiffOp, diff_words, tokenize, worddiff
from penholder.compare.tokens import token_keys

FRAGMENTS = [
    "the", "The", "States", "Member", "and", "of", "to", "foster", "explore", "Council", "resolution",
    "6/17", "60/251", "A/HRC/RES/53/11", "28", "September", "2008", "2007", "1,000", ",", ";", ".",
    "“", "”", "\"", "-", "–", "human", "rights", "Nations,1", "session,¹", "é", "Recalling",
]
drafted = st.lists(st.sampled_from(FRAGMENTS), max_size=30).map(" ".join)
anything = st.text(alphabet=st.characters(codec="utf-8"), max_size=80)


def changes(ops: list[DiffOp]) -> list[DiffOp]:
    return [op for op in ops if op.tag != "equal"]


def keys(text: str, **options) -> list[str]:
    return token_keys(text, tokenize(text), **options)


@settings(deadline=None, max_examples=60)
@given(st.one_of(drafted, anything), st.one_of(drafted, anything), st.booleans(), st.booleans())
def test_ops_reconstruct_both_texts_exactly(old, new, ignore_case, fold):
    ops = diff_words(old, new, ignore_case=ignore_case, fold_punctuation=fold)
    assert "".join(op.old for op in ops) == old
    assert "".join(op.new for op in ops) == new
    for op in ops:
        if op.tag != "equal":
            expected = "replace" if op.old and op.new else ("insert" if op.new else "delete")
            assert op.tag == expected
        assert set(op.facts) <= {"date", "number", "reference"}


@settings(deadline=None, max_examples=60)
@given(drafted, drafted, st.booleans())
def test_applying_the_ops_to_the_old_tokens_gives_the_new_tokens(old, new, ignore_case):
    ops = diff_words(old, new, ignore_case=ignore_case)
    applied: list[str] = []
    for op in ops:
        # An equal op keeps the old tokens; a change puts the new ones in their place.
        applied += keys(op.old if op.tag == "equal" else op.new, ignore_case=ignore_case)
    assert applied == keys(new, ignore_case=ignore_case)


@settings(deadline=None, max_examples=60)
@given(st.one_of(drafted, anything))
def test_a_text_against_itself_has_no_changes(text):
    assert changes(diff_words(text, text)) == []


def equal_positions(ops: list[DiffOp]) -> set[int]:
    """Return the offsets in the old text that the ops hold equal."""
    held, position = set(), 0
    for op in ops:
        if op.tag == "equal":
            held.update(range(position, position + len(op.old)))
        position += len(op.old)
    return held


@settings(deadline=None, max_examples=60)
@given(drafted, drafted)
def test_cleanup_changes_only_how_ops_are_cut_never_what_they_give(old, new):
    cleanup = worddiff.cleanup_semantic
    try:
        worddiff.cleanup_semantic = lambda segments, *_: segments
        raw = diff_words(old, new)
    finally:
        worddiff.cleanup_semantic = cleanup
    cleaned = diff_words(old, new)
    for ops in (raw, cleaned):
        assert "".join(op.old for op in ops) == old
        assert "".join(op.new for op in ops) == new
    assert len(changes(cleaned)) <= len(changes(raw))
    assert equal_positions(cleaned) <= equal_positions(raw)  # it only folds equalities into changes


def test_short_equalities_between_changes_fold_into_one_replacement():
    ops = diff_words("The cat sat on the mat today", "A dog stood on a rug today")
    assert [op.tag for op in ops] == ["replace", "equal"]
    assert ops[0].old == "The cat sat on the mat " and ops[0].new == "A dog stood on a rug "


def test_changes_far_apart_stay_apart():
    old = "to help countries implement recommendations in consultation with the country concerned,"
    new = "to help States to implement recommendations in consultation with the State concerned,"
    assert [(op.old, op.new) for op in changes(diff_words(old, new))] == [
        ("countries ", "States to "), ("country ", "State ")]


def test_a_phrase_grown_inside_a_term_is_one_change_not_confetti():
    old = "particularly least developing countries, in the universal periodic review"
    new = "particularly least developed countries and landlocked developing countries, in the universal periodic review"
    found = changes(diff_words(old, new))
    assert len(found) == 1
    assert found[0].old.strip() in ("", "developing countries") and "landlocked" in found[0].new


def test_insertion_keeps_the_surrounding_words_equal():
    ops = diff_words("the United Nations system to foster complementarities",
                     "the United Nations system to explore and foster complementarities")
    assert [(op.tag, op.old, op.new) for op in changes(ops)] == [("insert", "", "explore and ")]


def test_changed_year_in_a_date_is_tagged_date():
    ops = diff_words("Recalling resolution 6/17 of 28 September 2008, in which",
                     "Recalling resolution 6/17 of 28 September 2007, in which")
    [change] = changes(ops)
    assert (change.old, change.new, change.facts) == ("2008", "2007", ("date",))


def test_changed_day_and_month_are_dates_numbers_and_references_are_tagged():
    [day] = changes(diff_words("of 5 July 2018", "of 7 July 2018"))
    assert day.facts == ("date",)
    [month] = changes(diff_words("of 5 July 2018", "of 5 June 2018"))
    assert month.facts == ("date",)
    [number] = changes(diff_words("at least 3 members", "at least 5 members"))
    assert number.facts == ("number",)
    [reference] = changes(diff_words("Council resolution 38/3 and", "Council resolution 50/4 and"))
    assert reference.facts == ("reference",)
    [symbol] = changes(diff_words("report A/HRC/41/20 on", "report A/HRC/53/20 on"))
    assert symbol.facts == ("reference",)
    [words] = changes(diff_words("Recalling also the", "Recalling further the"))
    assert words.facts == ()
    [verb] = changes(diff_words("States may wish to", "States might wish to"))
    assert verb.facts == ()
    [may] = changes(diff_words("of 5 May 2018", "of 5 March 2018"))
    assert may.facts == ("date",)


def test_ignore_case_option():
    assert changes(diff_words("Member States", "member states"))
    assert not changes(diff_words("Member States", "member states", ignore_case=True))


def test_quotes_and_dashes_fold_by_default():
    old, new = "entitled “Transforming our world” – South‑South", 'entitled "Transforming our world" - South-South'
    assert not changes(diff_words(old, new))
    assert changes(diff_words(old, new, fold_punctuation=False))


def test_footnote_marks_and_spacing_never_count_as_changes():
    assert not changes(diff_words("the Charter of the United Nations,1 and", "the Charter of the United Nations,2 and"))
    assert not changes(diff_words("at its fifty-second session,¹", "at its fifty-second  session,"))
    assert not changes(diff_words("at its session ¹ and the", "at its session and the"))
    assert not changes(diff_words("the Council,* and", "the Council, and"))


def test_insert_into_and_delete_everything():
    assert [(op.tag, op.new) for op in diff_words("", "Decides to remain seized")] == [
        ("insert", "Decides to remain seized")]
    assert [(op.tag, op.old) for op in diff_words("Decides to remain seized", "")] == [
        ("delete", "Decides to remain seized")]
    assert diff_words("", "") == []
