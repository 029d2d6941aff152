"""Tokens: what counts as one token, and spans that give the text back exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from penholder.compare import tokenize
from penholder.compare.tokens import NUMBER, REFERENCE, SYMBOL, token_keys


def texts_of(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def test_document_symbols_are_single_tokens():
    tokens = tokenize("See A/HRC/RES/53/11 and E/CN.4/2001/2, also A/78/L.5.")
    symbols = [t.text for t in tokens if t.kind == SYMBOL]
    assert symbols == ["A/HRC/RES/53/11", "E/CN.4/2001/2", "A/78/L.5"]
    assert tokens[-1].text == "."  # a full stop after a symbol is not part of it


def test_resolution_references_and_numbers_are_single_tokens():
    tokens = tokenize("resolution 6/17 of 28 September 2008, for 1,000 people and 3.5 per cent")
    assert [t.text for t in tokens if t.kind == REFERENCE] == ["6/17"]
    assert [t.text for t in tokens if t.kind == NUMBER] == ["28", "2008", "1,000", "3.5"]


def test_hyphenated_words_and_punctuation():
    assert texts_of("non-selectivity, Secretary-General’s “report”;") == [
        "non-selectivity", ",", "Secretary-General’s", "“", "report", "”", ";"]


def test_footnote_marks_are_not_tokens():
    assert texts_of("the United Nations,1 its session.¹ Then States.12 And*") == [
        "the", "United", "Nations", ",", "its", "session", ".", "Then", "States", ".", "And"]


def test_a_number_after_a_space_is_not_a_footnote_mark():
    assert "2" in texts_of("paragraph 2 of resolution")


def test_keys_fold_quotes_dashes_and_optionally_case():
    text = "“North‑South” ‘Member’"
    tokens = tokenize(text)
    assert token_keys(text, tokens) == ['"', "North-South", '"', "'", "Member", "'"]
    assert token_keys(text, tokens, fold_punctuation=False)[0] == "“"
    assert token_keys(text, tokens, ignore_case=True)[4] == "member"


@settings(deadline=None, max_examples=60)
@given(st.text())
def test_spans_give_the_text_back(text):
    tokens = tokenize(text)
    assert "".join(text[t.span_start:t.span_end] for t in tokens) == text
    assert all(t.span_start <= t.start <= t.end <= t.span_end for t in tokens)
    assert all(text[t.start:t.end] == t.text for t in tokens)
