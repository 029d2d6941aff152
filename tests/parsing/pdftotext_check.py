"""Comparing a parse of pdftotext output with the PDF reader's parse of the same PDF (tests and benchmark).

``pdftotext_outputs`` runs poppler's ``pdftotext`` (plain and ``-layout``) into a folder; ``compare`` gives
the counts, the word similarity of each paragraph and whether the final paragraph is whole. Word
similarity is difflib's ratio over words, with a hyphen and the spaces around it read as one hyphen
("well - being" = "well-being"): the PDF reader itself sets some hyphens apart.
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from penholder.model import Resolution

MODES = {"plain": [], "layout": ["-layout"]}
_HYPHEN = re.compile(r"(?<=\w) ?- ?(?=\w)")


def have_pdftotext() -> bool:
    """Return whether poppler's pdftotext is installed."""
    return shutil.which("pdftotext") is not None


def pdftotext(pdf: Path, out: Path, mode: str) -> Path:
    """Write ``pdftotext [-layout] pdf out`` and return ``out``."""
    subprocess.run(["pdftotext", *MODES[mode], str(pdf), str(out)], check=True, capture_output=True, timeout=120)
    return out


def similarity(a: str, b: str) -> float:
    """Return the word-level similarity of two paragraph texts (1.0 = the same words)."""
    left, right = _HYPHEN.sub("-", a).split(), _HYPHEN.sub("-", b).split()
    return difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()


@dataclass
class Comparison:
    """How a parse of pdftotext output compares with the PDF reader's parse of the same file."""

    reference: tuple[int, int, int]
    got: tuple[int, int, int]
    similarities: list[float] = field(default_factory=list)
    notes_same: bool = True
    final_whole: bool = True
    metadata_same: bool = True

    @property
    def counts_same(self) -> bool:
        """Return whether preambular, operative and footnote counts agree."""
        return self.reference == self.got

    @property
    def low(self) -> int:
        """Return how many paragraphs are below 0.98 word similarity."""
        return sum(1 for s in self.similarities if s < 0.98)


def counts(resolution: Resolution) -> tuple[int, int, int]:
    """Return (preambular, operative, footnotes) of a resolution."""
    return len(resolution.preambular), len(resolution.operative), len(resolution.footnotes)


def _notes(paragraph) -> list:
    """Return the marks a paragraph cites, with each sub-paragraph's label and marks, nested."""
    return [paragraph.notes, [(s.label, _notes(s)) for s in paragraph.subparagraphs]]


def compare(reference: Resolution, got: Resolution) -> Comparison:
    """Return the comparison of ``got`` with the PDF reader's ``reference``."""
    result = Comparison(counts(reference), counts(got))
    result.similarities = [similarity(a.full_text(), b.full_text())
                           for a, b in zip(reference.paragraphs, got.paragraphs, strict=False)]
    result.notes_same = [_notes(p) for p in reference.paragraphs] == [_notes(p) for p in got.paragraphs]
    last_ref = reference.paragraphs[-1] if reference.paragraphs else None
    last_got = got.paragraphs[-1] if got.paragraphs else None
    result.final_whole = last_ref is None or (
        last_got is not None and similarity(last_ref.full_text(), last_got.full_text()) == 1.0)
    # every key of ``parse --json`` but the paragraphs and footnotes, and the sponsors and state
    ours, theirs = reference.to_json(), got.to_json()
    keys = [k for k in ours if k not in ("preambular", "operative", "footnotes")]
    result.metadata_same = all(ours[k] == theirs.get(k) for k in keys) and (
        reference.sponsors, reference.state) == (got.sponsors, got.state)
    return result
