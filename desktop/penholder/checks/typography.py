"""Typography checks: curly quotes and apostrophes, single spaces, no space before punctuation, Latin in roman.

These run on any stretch of text (a paragraph, or the raw editor text) and give offsets into it.
"""

from __future__ import annotations

import re

from penholder.checks.problem import INFO, WARNING, Problem

LATIN = ("inter alia", "mutatis mutandis", "ad hoc", "de facto", "de jure", "per se", "a priori",
         "bona fide", "ex officio", "status quo", "ad interim", "ipso facto", "prima facie", "sui generis",
         "vice versa", "vis-à-vis", "et al.", "ibid.", "i.e.", "e.g.")
_LATIN = "|".join(re.escape(word) for word in sorted(LATIN, key=len, reverse=True))
# Italics marked in plain text: *inter alia*, _inter alia_, /inter alia/ is too ambiguous to read.
_ITALIC_LATIN = re.compile(rf"(?P<mark>\*{{1,2}}|_)(?P<latin>{_LATIN})(?P=mark)", re.IGNORECASE)
_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
_SPACE_BEFORE = re.compile(r"(?<=\S)[ \u00a0]+(?=[,;:)\]]|\.(?:\s|$))")
_SPACE_AFTER_BRACKET = re.compile(r"(?<=[(\[])[ \u00a0]+(?=\S)")
_STRAIGHT_DOUBLE = re.compile(r'"')
_STRAIGHT_SINGLE = re.compile(r"'")


def check_typography(text: str, kind: str | None = None, number: int | None = None,
                     sub: str | None = None) -> list[Problem]:
    """Return typography problems in ``text`` with offsets into it, each with a safe fix."""
    problems: list[Problem] = []
    for match in _STRAIGHT_DOUBLE.finditer(text):
        at = match.start()
        curly = "“" if _opens(text, at) else "”"
        problems.append(Problem("TYPO-QUOTES", f"Use curly quotation marks (“ ”): here {curly}",
                                WARNING, kind, number, at, at + 1, curly, sub))
    for match in _STRAIGHT_SINGLE.finditer(text):
        at = match.start()
        if at and text[at - 1].isalnum():  # Women's, States'
            problems.append(Problem("TYPO-QUOTES", "Use a curly apostrophe (’), as in “Women’s”",
                                    WARNING, kind, number, at, at + 1, "’", sub))
            continue
        curly = "‘" if _opens(text, at) else "’"
        problems.append(Problem("TYPO-QUOTES", f"Use curly quotation marks (‘ ’): here {curly}",
                                WARNING, kind, number, at, at + 1, curly, sub))
    for match in _DOUBLE_SPACE.finditer(text):
        problems.append(Problem("TYPO-SPACES", "Use a single space between words", WARNING, kind, number,
                                match.start(), match.end(), " ", sub))
    for match in _SPACE_BEFORE.finditer(text):
        mark = text[match.end()]
        problems.append(Problem("TYPO-SPACES", f"No space before “{mark}”", WARNING, kind, number,
                                match.start(), match.end(), "", sub))
    for match in _SPACE_AFTER_BRACKET.finditer(text):
        problems.append(Problem("TYPO-SPACES", f"No space after “{text[match.start() - 1]}”", WARNING, kind,
                                number, match.start(), match.end(), "", sub))
    for match in _ITALIC_LATIN.finditer(text):
        latin = match.group("latin")
        message = f"“{latin}” and other Latin phrases are set in roman in UN texts, not in italics"
        problems.append(Problem("TYPO-LATIN", message, INFO, kind, number, match.start(), match.end(),
                                latin, sub))
    return sorted(problems, key=lambda p: (p.start or 0, p.code))


def _opens(text: str, at: int) -> bool:
    """Return whether a quotation mark at ``at`` opens a quotation (start, or after a space or bracket)."""
    return at == 0 or text[at - 1].isspace() or text[at - 1] in "([{—–-/“‘"
