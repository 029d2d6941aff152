"""Compare texts the way a drafter reads them: a word diff of two paragraphs, an alignment of two resolutions.

No Qt here: the panel, the redline DOCX and ``penholder compare`` render what this package returns.
"""

from penholder.compare.align import Alignment, ParagraphChange, align_resolutions
from penholder.compare.render import Run, to_ansi, to_html, to_runs
from penholder.compare.tokens import Token, tokenize
from penholder.compare.worddiff import DiffOp, diff_words

__all__ = [
    "Alignment",
    "DiffOp",
    "ParagraphChange",
    "Run",
    "Token",
    "align_resolutions",
    "diff_words",
    "to_ansi",
    "to_html",
    "to_runs",
    "tokenize",
]
