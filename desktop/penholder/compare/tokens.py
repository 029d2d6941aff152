"""Split a paragraph into the tokens a drafter compares: words, numbers, symbols, references, punctuation.

Each token knows its span in the source string, with the whitespace (and any footnote mark) that
follows it attached, so that joining the spans of all tokens gives the source text back exactly.
``key`` is what comparison looks at: curly and straight quotes and dash variants fold to one form,
and footnote marks are never part of a key, so a changed mark is never a change in the text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

WORD = "word"
NUMBER = "number"
REFERENCE = "reference"  # a resolution reference such as 6/17 or 60/251
SYMBOL = "symbol"  # a document symbol such as A/HRC/RES/53/11 or E/CN.4/2001/2
PUNCTUATION = "punctuation"
SPACE = "space"  # only for a text that is nothing but whitespace

# One pattern, tried at each non-space position. A footnote mark (superscript digits; asterisks or
# plain digits glued to the end of a lower-case word or closing punctuation, as in "Nations,1" or
# "session.12") matches first and is then dropped: it becomes filler of the previous token.
_TOKEN = re.compile(
    r"""
    (?P<mark>[¹²³⁰⁴-⁹]+|(?<=\S)\*+|(?<=[a-z,;:.)”’"'])\d{1,3}(?=\s|$|[,;:.)]))
  | (?P<symbol>[A-Z]{1,8}(?:\.\d+)?(?:/[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*)+)
  | (?P<reference>\d+/\d+(?:/\d+)*)
  | (?P<number>\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?(?:st|nd|rd|th)?(?![^\W\d_]))
  | (?P<word>[^\W\d_]+(?:['’\-‐‑][^\W_]+)*|\d+[^\W\d_][^\W_]*)
  | (?P<punctuation>\S)
    """,
    re.VERBOSE,
)

# Every mapping is one character to one character, so offsets in a folded text are offsets in the source.
_FOLD = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    "\u00a0": " ",
})


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
        text = self.text.translate(_FOLD) if fold_punctuation else self.text
        return text.casefold() if ignore_case else text


def fold(text: str) -> str:
    """Return ``text`` with curly quotes, dash variants and no-break spaces folded to plain forms."""
    return text.translate(_FOLD)


def tokenize(text: str) -> list[Token]:
    """Return the tokens of ``text``; their spans, joined, give ``text`` back exactly."""
    cores = [(m.lastgroup, m.start(), m.end()) for m in _TOKEN.finditer(text) if m.lastgroup != "mark"]
    if not cores:
        return [Token(SPACE, "", 0, 0, 0, len(text))] if text else []
    tokens = []
    last = len(cores) - 1
    for index, (kind, start, end) in enumerate(cores):
        span_end = cores[index + 1][1] if index < last else len(text)
        tokens.append(Token(kind, text[start:end], start, end, start if index else 0, span_end))
    return tokens


def token_keys(text: str, tokens: list[Token], *, ignore_case: bool = False,
               fold_punctuation: bool = True) -> list[str]:
    """Return the comparison key of each token of ``text`` (folding the whole text once)."""
    source = text.translate(_FOLD) if fold_punctuation else text
    if ignore_case:
        return [source[t.start:t.end].casefold() for t in tokens]
    return [source[t.start:t.end] for t in tokens]
