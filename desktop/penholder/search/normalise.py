"""Normalisation of paragraph text before indexing and scoring.

Two paragraphs that differ only in case, curly or straight quotes, the kind of dash, spacing, footnote marks
or a paragraph number normalise to the same string, so they count as one text and score 100 against each
other.
"""

from __future__ import annotations

import re
import unicodedata

from penholder.folding import QUOTE_AND_DASH_FOLDS

_FOLDS = {
    **QUOTE_AND_DASH_FOLDS, "\u00b4": "'",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u200b": "",
    "*": "", "\u2020": "", "\u2021": "",
    # Footnote marks printed as superscripts.
    "\u00b9": "", "\u00b2": "", "\u00b3": "", "\u2070": "", "\u2074": "", "\u2075": "", "\u2076": "",
    "\u2077": "", "\u2078": "", "\u2079": "",
}
_ASCII_FOLDS = [(char, replacement) for char, replacement in _FOLDS.items() if char.isascii()]
_OTHER_FOLDS = [(char, replacement) for char, replacement in _FOLDS.items() if not char.isascii()]
# A paragraph number or sub-paragraph label typed at the start: "34. ", "34 ", "(a) ", "a) ", "(iv) ".
_SEPARATOR = "\x00"
_LEADING_NUMBER = re.compile(r"^\s*(?:\d{1,3}\s*[.)]\s+|\(?[a-z]{1,4}\)\s+|\([ivx]+\)\s+)")
_LEADING_NUMBERS = re.compile(f"{_SEPARATOR}" + r"(?:\d{1,3} ?[.)] |\(?[a-z]{1,4}\) )")
_PRINTABLE_ASCII_OR_SEPARATOR = bytes(range(0x20, 0x7F)) + _SEPARATOR.encode()
# Texts normalised per pass in ``normalise_many``: a pass over a few megabytes stays in the CPU cache (a
# million texts in one pass took twice as long), and one text with a wide character (an emoji makes
# every character of a string four bytes) widens only its own chunk.
MANY_CHUNK = 5_000
_WORDS = re.compile(r"[^\W_]+(?:[/.\-][^\W_]+)*")
# Punctuation that never belongs to a term becomes a space; ``.``, ``-`` and ``/`` are stripped from a
# word's ends only (``6/17``, ``a/hrc/53/46``, ``non-selectivity`` stay whole).
TERM_SPACES = str.maketrans({c: " " for c in ",;:()[]{}\"'!?"})
TERM_ENDS = "./-"

# Words too common in resolutions to help find a paragraph; left out of the term index (not of scoring).
STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "has", "have", "in", "is", "it",
    "its", "of", "on", "or", "that", "the", "their", "these", "this", "those", "to", "which", "with",
})


def normalise(text: str) -> str:
    """Return ``text`` lower-cased with quotes, dashes, spaces, footnote marks and a leading number folded."""
    return _tidy(_fold(text).lower())


def normalise_many(texts: list[str]) -> list[str]:
    """Return ``normalise(text)`` for each text, folding many at once (the index builds this way)."""
    normalised: list[str] = []
    for start in range(0, len(texts), MANY_CHUNK):
        normalised += _normalise_chunk(texts[start:start + MANY_CHUNK])
    return normalised


def _normalise_chunk(texts: list[str]) -> list[str]:
    """Return ``normalise(text)`` for each text, in a few passes over all of them joined."""
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != max(len(texts) - 1, 0):
        return [normalise(text) for text in texts]  # a text holds the separator itself
    joined = _fold(joined).lower()
    if joined.isascii():
        # Printable ASCII is 0x20-0x7e: deleting those bytes (and the separators) must leave nothing.
        # Four times faster than ``str.isprintable`` on a copy with the separators replaced.
        printable = not joined.encode("ascii").translate(None, _PRINTABLE_ASCII_OR_SEPARATOR)
    else:
        printable = joined.replace(_SEPARATOR, " ").isprintable()
    if not printable:
        return [_tidy(text) for text in joined.split(_SEPARATOR)]
    # Printable text: spaces collapse and leading numbers go in a few passes over all texts at once
    # instead of a Python call per text.
    while "  " in joined:
        joined = joined.replace("    ", " ").replace("  ", " ")
    joined = f"{_SEPARATOR}{joined}{_SEPARATOR}".replace(f" {_SEPARATOR}", _SEPARATOR)
    joined = joined.replace(f"{_SEPARATOR} ", _SEPARATOR)
    joined = _LEADING_NUMBERS.sub(_SEPARATOR, joined)
    return joined[1:-1].split(_SEPARATOR)


def _fold(text: str) -> str:
    # str.replace for the few characters present is many times faster than str.translate on non-ASCII text.
    for char, replacement in _ASCII_FOLDS:
        if char in text:
            text = text.replace(char, replacement)
    if not text.isascii():
        for char, replacement in _OTHER_FOLDS:
            if char in text:
                text = text.replace(char, replacement)
        text = unicodedata.normalize("NFKC", text)
    return text


def _tidy(text: str) -> str:
    """Collapse the spaces of a folded, lower-cased text and drop a leading paragraph number."""
    if "  " in text or text[:1] == " " or text[-1:] == " " or not text.isprintable():
        text = " ".join(text.split())
    head = text[:6]
    if ")" in head or "." in head:
        number = _LEADING_NUMBER.match(text)
        if number:
            text = text[number.end():]
    return text


def terms(normalised: str) -> list[str]:
    """Return the index terms of a normalised text: its words and symbols (``6/17``), minus stopwords.

    ``TermIndex.build`` splits texts the same way (``TERM_SPACES``, then ``TERM_ENDS`` per distinct word).
    """
    words = (word.strip(TERM_ENDS) for word in normalised.translate(TERM_SPACES).split())
    return [word for word in words if word and word not in STOPWORDS]


def normalise_title(title: str | None) -> str:
    """Return a resolution title reduced to its series name (no number prefix, punctuation or case)."""
    if not title:
        return ""
    text = normalise(title)
    text = re.sub(r"^\s*\d+/\d+\.?\s*", "", text)
    return " ".join(_WORDS.findall(text))
