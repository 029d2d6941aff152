"""House-style checks of resolutions and drafts (core, no Qt).

``check_resolution(resolution)`` checks a parsed resolution; ``check_text(text)`` checks the raw editor
text and gives offsets into it (for wavy underlines and click-to-jump). Both take ``library=``: a
``Checker`` built once per library (fast), a ``penholder.library.Library`` or any iterable of
resolutions; with a library, references are cross-checked against adoption dates and every other
citation, and the leads the library uses count as known openers and verbs.

For live checks build the checker once (in a worker) and ask it on each edit::

    checker = Checker.from_library(library)          # ~2 s for 1,200 resolutions
    for problem in checker.check_text(editor_text):   # ~10 ms for a 70-paragraph draft
        underline(problem.start, problem.end, problem.severity)
        if problem.fix is not None:                   # one-click fix
            editor_text = apply_fix(editor_text, problem)
"""

from __future__ import annotations

from collections.abc import Iterable

from penholder.checks.problem import ERROR, INFO, WARNING, Problem, apply_fix
from penholder.checks.reference_checks import check_reference_dates, check_reference_form
from penholder.checks.references import ReferenceIndex, body_of, find_citations
from penholder.checks.structure import (
    check_operative_ending,
    check_operative_numbering,
    check_operative_verb,
    check_preambular_ending,
    check_preambular_opener,
    check_sub_labels,
)
from penholder.checks.typography import check_typography
from penholder.checks.vocabulary import Vocabulary, default_vocabulary
from penholder.model import OPERATIVE, PREAMBULAR, Paragraph, Resolution, SubParagraph

CODES = {
    "PP-OPENER": "a preambular paragraph opens with a known opener (participle or adjective phrase)",
    "PP-ENDING": "a preambular paragraph ends with a comma",
    "OP-VERB": "an operative paragraph opens with a verb in the present tense, third person",
    "OP-ENDING": "an operative paragraph ends with a semicolon, the last with a full stop",
    "OP-LIST": "a paragraph that introduces sub-paragraphs ends with a colon",
    "SUB-ENDING": "sub-paragraphs end with a semicolon, the last with its paragraph's own mark",
    "SUB-LABELS": "sub-paragraphs run (a), (b) … then (i), (ii) …",
    "OP-NUMBERING": "operative paragraphs are numbered 1, 2, 3 … without gaps",
    "OP-LONE": "a single operative paragraph is not numbered",
    "REF-FORM": "references read “resolution 61/171 of 19 December 2006”",
    "REF-DATE": "a reference's date exists and fits the session its number belongs to",
    "REF-LIBRARY-DATE": "a reference's date matches the adoption date of the resolution in the library",
    "REF-CITED-DATE": "a reference's date matches the other citations of the resolution across the library",
    "TYPO-QUOTES": "curly quotation marks and apostrophes",
    "TYPO-SPACES": "single spaces, no space before punctuation",
    "TYPO-LATIN": "Latin (inter alia …) in roman, not italics",
}

__all__ = ["CODES", "ERROR", "INFO", "WARNING", "Checker", "Problem", "apply_fix", "check_resolution",
           "check_text"]


class Checker:
    """The checks with what they know of a library: its vocabulary of leads and its citations."""

    def __init__(self, vocabulary: Vocabulary | None = None, references: ReferenceIndex | None = None):
        self.vocabulary = vocabulary if vocabulary is not None else default_vocabulary()
        self.references = references

    @classmethod
    def from_resolutions(cls, resolutions: Iterable[Resolution],
                         vocabulary: Vocabulary | None = None) -> Checker:
        """Return a checker that knows the leads, adoption dates and citations of ``resolutions``."""
        resolutions = list(resolutions)
        base = vocabulary if vocabulary is not None else default_vocabulary()
        return cls(base.widened(resolutions), ReferenceIndex.from_resolutions(resolutions))

    @classmethod
    def from_library(cls, library: object, vocabulary: Vocabulary | None = None) -> Checker:
        """Return a checker for a ``penholder.library.Library`` (read once; reuse it for live checks)."""
        return cls.from_resolutions(library.resolutions(), vocabulary)  # type: ignore[attr-defined]

    def check_resolution(self, resolution: Resolution, *, typography: bool = True) -> list[Problem]:
        """Return every problem in a resolution, paragraph by paragraph, offsets within each text."""
        problems: list[Problem] = []
        for number, paragraph in enumerate(resolution.preambular, start=1):
            problems += self._preambular(paragraph, number, resolution, typography)
        for number, paragraph in enumerate(resolution.operative, start=1):
            last = number == len(resolution.operative)
            problems += self._operative(paragraph, number, last, resolution, typography)
        problems += check_operative_numbering(resolution.operative)
        return sorted(problems, key=_order)

    def _preambular(self, paragraph: Paragraph, number: int, resolution: Resolution,
                    typography: bool) -> list[Problem]:
        problems = check_preambular_opener(paragraph, number, self.vocabulary)
        problems += check_preambular_ending(paragraph, number)
        problems += self._text(paragraph.text, PREAMBULAR, number, None, resolution, typography)
        return problems

    def _operative(self, paragraph: Paragraph, number: int, last: bool, resolution: Resolution,
                   typography: bool) -> list[Problem]:
        problems = check_operative_verb(paragraph, number, self.vocabulary)
        problems += check_operative_ending(paragraph, number, last)
        problems += check_sub_labels(paragraph, number)
        problems += self._text(paragraph.text, OPERATIVE, number, None, resolution, typography)
        for label, sub in _walk(paragraph.subparagraphs):
            problems += self._text(sub.text, OPERATIVE, number, label, resolution, typography)
        return problems

    def _text(self, text: str, kind: str, number: int, sub: str | None, resolution: Resolution,
              typography: bool) -> list[Problem]:
        citations = find_citations(text, body_of(resolution))
        problems = check_reference_form(text, citations, kind, number, sub)
        problems += check_reference_dates(citations, self.references, resolution.symbol, kind, number, sub)
        if typography:
            problems += check_typography(text, kind, number, sub)
        return problems

    def check_draft(self, text: str) -> list[Problem]:
        """Return every problem of the editor's text, read line by line as the editor shows it (the
        structure of ``penholder.drafts.structure``), with offsets into ``text``."""
        from penholder.checks.editor_text import check_editor_text

        return check_editor_text(self, text)

    def check_text(self, text: str) -> list[Problem]:
        """Return every problem in draft text, with offsets into ``text`` (for the editor).

        The editor's text (one paragraph per line) is read line by line, so offsets are exact; text
        with paragraphs wrapped over several lines is parsed, and each paragraph found again in it.
        """
        from penholder.checks.editor_text import check_editor_text, looks_like_editor_text
        from penholder.checks.locate import check_located_text

        if looks_like_editor_text(text):
            return check_editor_text(self, text)
        return check_located_text(self, text)


def _walk(subs: list[SubParagraph], path: str = "") -> list[tuple[str, SubParagraph]]:
    found = []
    for sub in subs:
        label = f"{path} {sub.label}".strip()
        found.append((label, sub))
        found += _walk(sub.subparagraphs, label)
    return found


def _order(problem: Problem) -> tuple:
    return (problem.kind != PREAMBULAR, problem.number or 0, problem.sub or "", problem.start or 0,
            problem.code)


def checker_for(library: object = None) -> Checker:
    """Return a checker for ``library``: a Checker, a Library, an iterable of resolutions, or None."""
    if library is None:
        return Checker()
    if isinstance(library, Checker):
        return library
    if isinstance(library, ReferenceIndex):
        return Checker(references=library)
    if hasattr(library, "resolutions"):
        return Checker.from_library(library)
    return Checker.from_resolutions(library)  # type: ignore[arg-type]


def check_resolution(resolution: Resolution, *, library: object = None) -> list[Problem]:
    """Return the house-style problems of a resolution (offsets within each paragraph's text)."""
    return checker_for(library).check_resolution(resolution)


def check_text(text: str, *, library: object = None) -> list[Problem]:
    """Return the house-style problems of raw draft text (offsets into ``text``)."""
    return checker_for(library).check_text(text)
