"""Ranking: candidates from the term index, rescored with rapidfuzz and the drafter's context.

A query is usually the start of a paragraph being typed, so each candidate gets two scores: how well the
query matches the candidate's *beginning* (``ratio`` against the candidate cut to the query's length) and how
well it matches the *whole paragraph* (``ratio``). The better one counts. Context then adds a little: a
candidate that follows the previous paragraph's match in the same resolution (drafts reuse runs of
paragraphs in order) and, as a tie-breaker, recency.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz

from penholder.model import Adoption
from penholder.search.normalise import normalise, terms

if TYPE_CHECKING:
    from penholder.search.index import Hit, PrecedentIndex

CANDIDATES = 200
BEGINNING = "beginning matches"
WHOLE = "whole paragraph"
FOLLOWS = "follows the previous match"
# A query that ends like an operative paragraph (";" or ".") is probably complete: prefer whole matches.
COMPLETE_ENDINGS = (";", ".")
COMPLETE_BEGINNING_WEIGHT = 0.85
FOLLOW_BONUS = 8.0
RECENCY_BONUS = 0.5
# The very text typed, whole, beats a longer text that merely begins with it.
EXACT_BONUS = 1.0
# Text adopted in several resolutions is established language: a small edge among equal matches.
SOURCES_BONUS = 0.5
# A reference typed in the query (a resolution number, a date) that the candidate lacks costs this much.
MISSING_REFERENCE_PENALTY = 3.0
_REFERENCE = re.compile(r"\d")
# Lead adverbs that change from session to session ("Recalling also" / "Recalling further").
_LEAD_ADVERB = re.compile(r"^(\w+) (?:also|further|furthermore|moreover|again|once again) ")


def rank(index: PrecedentIndex, query: str, limit: int, *, kind: str | None, body: str | None,
         years: tuple[int, int] | None, consensus_only: bool, previous: Hit | None) -> list[Hit]:
    """Return up to ``limit`` hits for ``query`` from ``index``, best first."""
    normalised = normalise(query)
    if not normalised or limit <= 0 or len(index) == 0:
        return []
    masks = index.filter_masks(kind, body, years, consensus_only)
    allowed_paragraphs, allowed_groups = masks if masks is not None else (None, None)
    query_terms = terms(normalised)
    # A query that does not end with a space or punctuation may end in a half-typed word.
    partial = query_terms[-1] if query_terms and query[-1:].isalnum() else None
    found = index.term_index.candidates(query_terms, CANDIDATES, allowed_groups, partial=partial)
    candidates = [int(group) for group in found]
    following = _following_groups(index, previous, allowed_paragraphs)
    candidates.extend(group for group in following if group not in set(candidates))
    if not candidates:
        return []
    complete = normalised.endswith(COMPLETE_ENDINGS)
    low, high = index.year_span
    span = max(high - low, 1)
    scored = []
    query = _LEAD_ADVERB.sub(r"\1 ", normalised)
    length = len(query)
    references = [term for term in terms(normalised) if _REFERENCE.search(term)]
    for group in candidates:
        full_text = index.group_texts[group]
        text = _LEAD_ADVERB.sub(r"\1 ", full_text)
        whole = fuzz.ratio(normalised, full_text)
        beginning = _beginning(query, text, length)
        if complete:
            beginning *= COMPLETE_BEGINNING_WEIGHT
        score, reason = (beginning, BEGINNING) if beginning > whole else (whole, WHOLE)
        members = _allowed_members(index, group, allowed_paragraphs)
        if not len(members):
            continue
        year = index.resolution_info[index.paragraph_resolution[members[0]]]["year"] or low
        score += RECENCY_BONUS * (year - low) / span
        if whole == 100:
            score += EXACT_BONUS
        score += SOURCES_BONUS * min(len(members) - 1, 4) / 4
        if references:
            present = set(terms(full_text))
            score -= MISSING_REFERENCE_PENALTY * sum(term not in present for term in references)
        if group in following:
            score += FOLLOW_BONUS
            reason = f"{reason}; {FOLLOWS}"
        scored.append((score, whole, group, members, reason))
    # Sort on the raw score so the context bonuses still order texts that both match fully.
    scored.sort(key=lambda item: (-item[0], -item[1], item[2]))
    return [_hit(index, min(score, 100.0), members, reason) for score, _, _, members, reason in scored[:limit]]


def _beginning(query: str, text: str, length: int) -> float:
    """Return how well ``query`` matches the start of ``text`` (0 when the text is not longer)."""
    if len(text) <= length:
        return 0.0
    # Cut at the query's length, and a little further in case the text inserts a word early on.
    score = fuzz.ratio(query, text[:length])
    longer = text[:length + length // 8]
    return max(score, fuzz.ratio(query, longer)) if len(longer) > length else score


def _allowed_members(index: PrecedentIndex, group: int, allowed: np.ndarray | None) -> np.ndarray:
    members = index.members(group)
    return members if allowed is None else members[allowed[members]]


def _following_groups(index: PrecedentIndex, previous: Hit | None,
                      allowed: np.ndarray | None) -> dict[int, int]:
    """Return groups of the paragraphs that follow the previous hit's sources, with their paragraph."""
    if previous is None:
        return {}
    following: dict[int, int] = {}
    for source in previous.sources():
        paragraph = index.find_paragraph(source["symbol"], source["kind"], source["number"])
        if paragraph is None:
            continue
        after = paragraph + 1
        resolution = index.paragraph_resolution[paragraph]
        if after >= len(index) or index.paragraph_resolution[after] != resolution:
            continue
        if allowed is None or allowed[after]:
            following.setdefault(int(index.paragraph_group[after]), after)
    return following


def _hit(index: PrecedentIndex, score: float, members: np.ndarray, reason: str) -> Hit:
    from penholder.search.index import Hit

    first = int(members[0])
    source = index.source(first)
    info = index.resolution_info[index.paragraph_resolution[first]]
    return Hit(
        symbol=source["symbol"],
        body=info.get("body"),
        year=source["year"],
        kind=source["kind"],
        number=source["number"],
        lead=index.leads[first],
        text=index.texts[first],
        score=round(float(score), 2),
        adoption=Adoption.from_json(info.get("adoption")),
        also=[index.source(int(member)) for member in members[1:]],
        reason=reason,
    )
