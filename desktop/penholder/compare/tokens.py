"""Split a paragraph into the tokens a drafter compares: words, numbers, symbols, references, punctuation.

Each token knows its span in the source string, with the whitespace (and any footnote mark) that
follows it attached, so that joining the spans of all tokens gives the source text back exactly.
``key`` is what comparison looks at: curly and straight quotes and dash variants fold to one form,
and footnote marks are never part of a key, so a changed mark is never a change in the text.
"""

from __future__ import annotations

import re
from itertools import accumulate
from typing import NamedTuple

from penholder.folding import QUOTE_AND_DASH_FOLDS

WORD = "word"
NUMBER = "number"
REFERENCE = "reference"  # a resolution reference such as 6/17 or 60/251
SYMBOL = "symbol"  # a document symbol such as A/HRC/RES/53/11 or E/CN.4/2001/2
PUNCTUATION = "punctuation"
SPACE = "space"  # only for a text that is nothing but whitespace

# One pattern, tried after the whitespace before each token: plain words and punctuation first (the
# common case, fast), then the rest. A footnote mark (superscript digits; asterisks or plain digits
# glued to the end of a lower-case word or closing punctuation, as in "Nations,1" or "session.12")
# is matched and then dropped: it becomes filler of the previous token.
_SUPERSCRIPTS = "¹²³⁰⁴-⁹"
_LETTERS = rf"[^\W\d_{_SUPERSCRIPTS}]"  # letters, not digits or superscript footnote marks
_ALNUM = rf"[^\W_{_SUPERSCRIPTS}]"
_WORD = rf"{_LETTERS}+(?:['’\-‐‑]{_ALNUM}+)*"
_TOKEN = re.compile(
    rf"""
    (\s*)
    (
      (?P<plain>{_WORD})(?![/'’\-‐‑]|{_ALNUM})
    | (?P<stop>[^\w\s*{_SUPERSCRIPTS}])
    | (?P<mark>[{_SUPERSCRIPTS}]+|(?<=\S)\*+|(?<=[a-z,;:.)”’"'])\d{{1,3}}(?=\s|$|[,;:.)]))
    | (?P<symbol>[A-Z]{{1,8}}(?:\.\d+)?(?:/[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*)+)
    | (?P<reference>\d+/\d+(?:/\d+)*)
    | (?P<number>\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+(?:\.\d+)?(?:st|nd|rd|th)?(?!{_LETTERS}))
    | (?P<word>{_WORD}|\d+{_LETTERS}{_ALNUM}*)
    | (?P<punctuation>\S)
    )
    """,
    re.VERBOSE,
)
# Groups: 0 whitespace, 1 the token, then one per alternative; kinds of those alternatives:
_KINDS = (None, None, WORD, PUNCTUATION, "mark", SYMBOL, REFERENCE, NUMBER, WORD, PUNCTUATION)
_MARK_GROUP, _SYMBOL_GROUP, _REFERENCE_GROUP, _NUMBER_GROUP = 4, 5, 6, 7

# Every mapping is one character to one character, so offsets in a folded text are offsets in the source.
# (A regex substitution: str.translate with a non-ASCII table is some thirty times slower.)
_FOLDS = {**QUOTE_AND_DASH_FOLDS, "\u00a0": " "}
_FOLDABLE = re.compile("[" + re.escape("".join(_FOLDS)) + "]")


def fold(text: str) -> str:
    """Return ``text`` with curly quotes, dash variants and no-break spaces folded to plain forms."""
    return _FOLDABLE.sub(lambda match: _FOLDS[match.group()], text)


class Token(NamedTuple):
    """A token: its kind, its own text, where it starts and ends, and its span with trailing filler."""

    kind: str
    text: str
    start: int  # start of the token's own text
    end: int  # end of the token's own text
    span_start: int  # start of the span (0 for the first token: leading whitespace is attached)
    span_end: int  # end of the span: trailing whitespace and footnote marks included

    def key(self, *, ignore_case: bool = False, fold_punctuation: bool = True) -> str:
        """Return the text comparison looks at (folded quotes and dashes, optionally case-folded)."""
        text = fold(self.text) if fold_punctuation else self.text
        return text.casefold() if ignore_case else text


class Scan(NamedTuple):
    """A text's tokens as parallel lists (cheaper than Token objects): where each starts and ends."""

    text: str
    starts: list[int]
    ends: list[int]
    groups: list[tuple[str, ...]]  # the pattern's groups for each token, to tell its kind when asked

    def kind(self, index: int) -> str:
        """Return the kind of token ``index`` (word, number, reference, symbol, punctuation)."""
        groups = self.groups[index]
        if not groups:
            return SPACE
        return next(_KINDS[g] for g in range(2, len(groups)) if groups[g])

    def is_reference(self, index: int) -> bool:
        """Return whether token ``index`` is a resolution reference or a document symbol."""
        groups = self.groups[index]
        return bool(groups) and bool(groups[_SYMBOL_GROUP] or groups[_REFERENCE_GROUP])

    def is_number(self, index: int) -> bool:
        """Return whether token ``index`` is a number."""
        groups = self.groups[index]
        return bool(groups) and bool(groups[_NUMBER_GROUP])


def scan(text: str) -> Scan:
    """Return the tokens of ``text`` as a ``Scan`` (see ``tokenize`` for their spans)."""
    found = _TOKEN.findall(text)
    ends = list(accumulate([len(g[0]) + len(g[1]) for g in found]))
    starts = [end - len(g[1]) for end, g in zip(ends, found)]
    if any(g[_MARK_GROUP] for g in found):  # a footnote mark is filler of the token before
        kept = [k for k, g in enumerate(found) if not g[_MARK_GROUP]]
        found = [found[k] for k in kept]
        starts = [starts[k] for k in kept]
        ends = [ends[k] for k in kept]
    if not starts and text:
        return Scan(text, [0], [0], [()])
    return Scan(text, starts, ends, found)


def tokenize(text: str) -> list[Token]:
    """Return the tokens of ``text``; their spans, joined, give ``text`` back exactly."""
    found = scan(text)
    count = len(found.starts)
    return [
        Token(found.kind(index), text[start:end], start, end, start if index else 0,
              found.starts[index + 1] if index + 1 < count else len(text))
        for index, (start, end) in enumerate(zip(found.starts, found.ends))
    ]


def token_keys(text: str, tokens: list[Token], *, ignore_case: bool = False,
               fold_punctuation: bool = True) -> list[str]:
    """Return the comparison key of each token of ``text`` (folding the whole text once)."""
    return _keys(text, [t.start for t in tokens], [t.end for t in tokens], ignore_case, fold_punctuation)


def scan_keys(found: Scan, *, ignore_case: bool = False, fold_punctuation: bool = True) -> list[str]:
    """Return the comparison key of each token of a scan."""
    return _keys(found.text, found.starts, found.ends, ignore_case, fold_punctuation)


def _keys(text: str, starts: list[int], ends: list[int], ignore_case: bool, fold_punctuation: bool) -> list[str]:
    source = fold(text) if fold_punctuation else text
    if ignore_case:
        return [source[s:e].casefold() for s, e in zip(starts, ends)]
    return [source[s:e] for s, e in zip(starts, ends)]
