"""Normalisation of paragraph text before indexing and scoring.

Two paragraphs that differ only in case, curly or straight quotes, the kind of dash, spacing, footnote marks
or a paragraph number normalise to the same string, so they count as one text and score 100 against each
other.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u200b": "",
    "*": "", "\u2020": "", "\u2021": "",
})
_SUPERSCRIPTS = re.compile("[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+")
# A paragraph number or sub-paragraph label typed at the start: "34. ", "34 ", "(a) ", "a) ", "(iv) ".
_LEADING_NUMBER = re.compile(r"^\s*(?:\d{1,3}\s*[.)]\s+|\(?[a-z]{1,4}\)\s+|\([ivx]+\)\s+)")
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W_]+(?:[/.\-][^\W_]+)*")

# Words too common in resolutions to help find a paragraph; left out of the term index (not of scoring).
STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "has", "have", "in", "is", "it",
    "its", "of", "on", "or", "that", "the", "their", "these", "this", "those", "to", "which", "with",
})


def normalise(text: str) -> str:
    """Return ``text`` lower-cased with quotes, dashes, spaces, footnote marks and a leading number folded."""
    text = _SUPERSCRIPTS.sub("", text.translate(_QUOTES))
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = _SPACES.sub(" ", text).strip().lower()
    return _LEADING_NUMBER.sub("", text, count=1)


def terms(normalised: str) -> list[str]:
    """Return the index terms of a normalised text: its words and symbols (``6/17``), minus stopwords."""
    return [word for word in _WORDS.findall(normalised) if word not in STOPWORDS]


def normalise_title(title: str | None) -> str:
    """Return a resolution title reduced to its series name (no number prefix, punctuation or case)."""
    if not title:
        return ""
    text = normalise(title)
    text = re.sub(r"^\s*\d+/\d+\.?\s*", "", text)
    return " ".join(_WORDS.findall(text))
