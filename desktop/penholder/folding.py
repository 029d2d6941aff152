"""Typographic variants that mean the same text: curly and straight quotes, the dash family.

One table for every part that compares text (the word diff, search's normalisation), so they agree on
what counts as "the same". Every mapping is one character to one character, so offsets survive folding.
"""

QUOTE_AND_DASH_FOLDS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
}
