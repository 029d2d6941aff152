"""Lineage: one paragraph's versions across the resolutions of its series, oldest to newest.

A series is the resolutions sharing a normalised title (the same agenda resolution year after year; a
title cut short or with a typo still counts). For
each other resolution of the series, the closest paragraph (rapidfuzz ``ratio`` on normalised texts) is
its version there; below ``MIN_SIMILARITY`` the paragraph is taken not to exist in that session, so the
drafter sees when the text appeared and how it changed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from rapidfuzz import fuzz

from penholder.errors import LibraryError
from penholder.model import Adoption
from penholder.search.index import KINDS, PrecedentIndex

MIN_SIMILARITY = 70.0
SERIES_MIN_SIMILARITY = 92.0
SERIES_MIN_PREFIX = 24


@dataclass
class LineageStep:
    """One version of a paragraph: where it is, its text and its similarity (0–100) to the chosen one."""

    symbol: str
    year: int | None
    kind: str
    number: int
    text: str
    similarity: float
    adoption: dict[str, Any] = field(default_factory=dict)  # the resolution's, as in search hits
    badge: str = ""  # ``vote 120–14–45``, ``consensus`` or empty when the adoption is not recorded

    def to_json(self) -> dict[str, Any]:
        """Return the step as a JSON-ready dict."""
        data = asdict(self)
        data["similarity"] = round(self.similarity, 1)
        return data


def lineage(index: PrecedentIndex, symbol: str, kind: str, number: int) -> list[LineageStep]:
    """Return the versions of paragraph ``number`` of ``kind`` in ``symbol`` across its series, oldest first."""
    if kind not in KINDS:
        raise LibraryError(f"{kind!r} is not a paragraph kind; use preambular or operative")
    resolution = index.resolution_number(symbol)
    if resolution is None:
        raise LibraryError(f"{symbol} is not in the library; see `penholder library list`")
    paragraph = index.find_paragraph(symbol, kind, number)
    if paragraph is None:
        raise LibraryError(f"{symbol} has no {kind} paragraph {number}")
    series = index.resolution_info[resolution]["series"]
    text = index.group_texts[int(index.paragraph_group[paragraph])]
    steps = [_step(index, paragraph, 100.0)]
    for other, info in enumerate(index.resolution_info):
        if other == resolution or not same_series(series, info["series"]):
            continue
        best, best_similarity = None, -1.0
        for candidate in index.paragraphs_of(other):
            similarity = fuzz.ratio(text, index.group_texts[int(index.paragraph_group[candidate])],
                                    score_cutoff=max(best_similarity, MIN_SIMILARITY))
            # Same kind first on a tie (a preambular rarely becomes operative).
            if similarity > best_similarity or (similarity == best_similarity and best is not None
                                                and index.paragraph_kind[candidate] == KINDS.index(kind)
                                                and index.paragraph_kind[best] != KINDS.index(kind)):
                best, best_similarity = candidate, similarity
        if best is not None and best_similarity >= MIN_SIMILARITY:
            steps.append(_step(index, best, best_similarity))
    # Resolutions are numbered newest first: within a year, the higher number is older.
    steps.sort(key=lambda step: (step.year or 0, -index.resolution_number(step.symbol)))
    return steps


def same_series(title: str, other: str) -> bool:
    """Return whether two normalised titles name the same series (allowing a cut-off or a typo)."""
    if not title or not other:
        return False
    if title == other:
        return True
    shorter, longer = sorted((title, other), key=len)
    if len(shorter) >= SERIES_MIN_PREFIX and longer.startswith(shorter):
        return True  # a title cut short at a line or page break
    return fuzz.ratio(title, other) >= SERIES_MIN_SIMILARITY


def _step(index: PrecedentIndex, paragraph: int, similarity: float) -> LineageStep:
    source = index.source(paragraph)
    adoption = Adoption.from_json(index.resolution_info[index.paragraph_resolution[paragraph]].get("adoption"))
    return LineageStep(symbol=source["symbol"], year=source["year"], kind=source["kind"],
                       number=source["number"], text=index.texts[paragraph], similarity=float(similarity),
                       adoption=adoption.to_json(), badge=adoption.badge())
