"""Typography: quotes, apostrophes, spaces, Latin marked as italic."""

from __future__ import annotations

from penholder.checks import apply_fix
from penholder.checks.typography import check_typography


def fixed(text):
    """Return ``text`` with every typography fix applied (from the end, so offsets stay right)."""
    for problem in sorted(check_typography(text), key=lambda p: p.start, reverse=True):
        text = apply_fix(text, problem)
    return text


def test_clean_text_has_no_problems():
    assert check_typography("Recalling the “Declaration”, the Women’s Conference and, inter alia, others,") == []


def test_straight_quotes_and_apostrophes_become_curly():
    text = "Recalling the \"Declaration\", States' duties and 'agreed' language,"
    assert {p.code for p in check_typography(text)} == {"TYPO-QUOTES"}
    assert fixed(text) == "Recalling the “Declaration”, States’ duties and ‘agreed’ language,"


def test_double_spaces_and_spaces_before_punctuation():
    text = "Recalling  the report , and ( in particular ) the annex ;"
    problems = check_typography(text)
    assert {p.code for p in problems} == {"TYPO-SPACES"}
    assert fixed(text) == "Recalling the report, and (in particular) the annex;"


def test_an_ellipsis_and_a_spaced_dash_are_not_flagged():
    assert check_typography("Recalling the text “… and others” – and the annex,") == []


def test_latin_marked_as_italic_is_information_with_the_roman_form_as_fix():
    text = "Stressing *inter alia* and _mutatis mutandis_ the need,"
    problems = check_typography(text)
    assert [p.code for p in problems] == ["TYPO-LATIN", "TYPO-LATIN"]
    assert all(p.severity == "info" for p in problems)
    assert fixed(text) == "Stressing inter alia and mutatis mutandis the need,"
    assert check_typography("Stressing, inter alia, the need,") == []
