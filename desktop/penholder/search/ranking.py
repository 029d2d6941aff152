"""Ranking: candidates from the term index, rescored with rapidfuzz and the drafter's context.

Candidates are the best BM25 texts, the texts that open (or, for a whole paragraph, end) exactly like the
query, and the paragraphs that follow the previous match. A query is usually the start of a paragraph being
typed, so each candidate gets two scores: how well the query matches the candidate's *beginning* (``ratio``
against the candidate cut to the query's length) and how well it matches the *whole paragraph*
(``ratio``). The better one counts. Then adjustments: a candidate that follows the previous paragraph's
match in the same resolution gains (drafts reuse runs of paragraphs in order). Each hit carries its *run*:
for each resolution among the best matches, the paragraph that matched and a weight that grows while
that resolution keeps matching paragraph after paragraph, so among versions that open alike the one from
the resolution the draft has been following wins; the gain is large while a beginning is typed and only
a tie-breaker for a whole paragraph. Each hit also carries the draft's *affinity* to each resolution (how
often it held one of the best matches, wherever in it): where the run stops following on because the draft
reorders paragraphs, the version from the resolution the draft has been closest to still wins a tie.
A reference typed in the query (``6/17``, ``2008``) that the
candidate lacks costs; recency, text adopted several times and an exact whole match break ties.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from penholder.model import Adoption
from penholder.search import signatures
from penholder.search.index import COMPLETE, LONG_QUERY, looks_whole
from penholder.search.normalise import normalise, terms
from penholder.search.terms_index import POSTINGS_BUDGET

if TYPE_CHECKING:
    from penholder.search.index import Hit, PrecedentIndex

CANDIDATES = 200
# Texts opening (or ending) exactly like the query (see ``index.OPENING``) join the candidates, up to
# this many: those sharing both first, then those with the best BM25 score.
OPENING_CANDIDATES = 100
# A whole paragraph sharing its opening and ending with other texts: of NEAR_EXACT_POOL of them (nearest
# in words), the closest NEAR_EXACT_CANDIDATES (ratio at least SHARING_CUTOFF) are candidates; if one
# matches at least NEAR_EXACT, the paragraph is found: the term index reads at most NEAR_EXACT_BUDGET
# postings for alternatives, and fewer candidates (of each source) are rescored.
NEAR_EXACT_POOL = 300
SHARING_CUTOFF = 80.0
NEAR_EXACT = 95.0
NEAR_EXACT_BUDGET = 40_000
NEAR_EXACT_CANDIDATES = 50
# Of the texts opening or ending like a whole paragraph typed, this many with the nearest words (see
# ``signatures``) are candidates.
NEAR_COPIES = 50
# Texts by term score among which, for a whole paragraph, the NEAR_COPIES with the nearest words are also
# candidates.
WIDE_CANDIDATES = 1000
# For a short whole paragraph, the best texts by term score among those of about its length (within
# 1/ALIKE_SPREAD of it) join the texts of which the NEAR_COPIES with the nearest words are candidates: a
# ratio compares lengths too, and its precedent is as short.
ALIKE_SPREAD = 5
BEGINNING = "beginning matches"
WHOLE = "whole paragraph"
FOLLOWS = "follows the previous match"
# A query that ends like an operative paragraph (";" or ".") is probably complete: prefer whole matches.
COMPLETE_ENDINGS = (";", ".")
COMPLETE_BEGINNING_WEIGHT = 0.85
# A candidate that continues the run of the previous match gains up to this much: a lot while only a
# beginning is typed (versions that open alike are told apart by the run), little for a whole paragraph
# (its own words decide; the run only breaks near ties).
FOLLOW_BONUS = 8.0
COMPLETE_FOLLOW_BONUS = 0.15
WHOLE_MATCH = 90.0
# The paragraph after a previous match continues the run, or the one after that at this fraction (the
# draft dropped a paragraph).
FOLLOW_STEPS = (1.0, 0.6, 0.4)
# A resolution's run weight carries over this much to the next paragraph when its match follows on.
RUN_CARRY = 0.7
# Matches up to this many points below the best still count as evidence that the draft follows their
# resolution; the best few candidates (and so many of their sources) are looked at.
RUN_MARGIN = 2.0
# A weaker match is no evidence at all: the drafter is writing a paragraph of their own.
RUN_MATCH = 70.0
RUN_CANDIDATES = 10
# A resolution drops out of the run when its weight fades below this.
RUN_FLOOR = 0.2
RUN_MEMBERS = 20
# The draft's *affinity* to each resolution: how often, paragraph after paragraph, that resolution held
# one of the best matches, wherever in it (drafts reorder, insert and drop paragraphs, so a run that stops
# following on still says which version the drafter works from). A moving average, updated with
# AFFINITY_UPDATE of each new paragraph's evidence; the candidate from the resolution of highest
# affinity gains up to AFFINITY_BONUS while a beginning is typed: enough to decide between versions that
# open alike, too little to overrule a closer match.
AFFINITY_UPDATE = 0.3
AFFINITY_BONUS = 4.0
COMPLETE_AFFINITY_BONUS = 0.05
AFFINITY_FLOOR = 0.01
ADVERB_PENALTY = 1.0
# More than every context bonus together (see ``_text_scores``).
BEGINNING_MARGIN = 15.0
RECENCY_BONUS = 0.5
# The very text typed, whole, beats a longer text that merely begins with it.
EXACT_BONUS = 1.0
# Text adopted in several resolutions is established language: a small edge among equal matches.
SOURCES_BONUS = 0.5
# A reference typed in the query (a resolution number, a date) that the candidate lacks costs this much
# while a beginning is typed (a one-character difference in ``6/17`` hardly moves the ratio).
MISSING_REFERENCE_PENALTY = 3.0
# In a whole paragraph the ratio already counts a changed number; the reference only breaks near ties.
COMPLETE_MISSING_REFERENCE_PENALTY = 0.5
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
    anchored, both = index.anchored(normalised)
    # A whole paragraph whose very opening and ending some text shares, nearly word for word, is found:
    # the term index then only needs to propose a few alternatives, from its rarest terms.
    budget, wanted, anchored_limit = POSTINGS_BUDGET, CANDIDATES, OPENING_CANDIDATES
    closest = []
    floor = 0.0  # a whole-paragraph score below this cannot make a hit (see ``_text_scores``)
    # A whole paragraph, perhaps (``index.anchored`` then also looked it up by its ending).
    whole_query = looks_whole(normalised)
    query_signature = None
    if whole_query:
        # Of the many texts that open or end like a whole paragraph typed, those with nearly its words
        # (a word or two added or lacking) are candidates, however the term scores rank them.
        query_signature = signatures.of_terms(index.term_index.term_numbers(query_terms))
        pool = np.sort(anchored)  # np.unique's hashing is slow here: the sort-based way
        pool = pool[np.concatenate(([True], pool[1:] != pool[:-1]))] if len(pool) else pool
        if allowed_groups is not None:
            pool = pool[allowed_groups[pool]]
        closest = signatures.nearest(index.group_signatures, query_signature, pool, NEAR_COPIES).tolist()
    if both:
        # The texts sharing both ends are ranked by their own ratio, so the closest of many siblings
        # is not left to the term scores; of thousands, those with the nearest words.
        sharing = anchored[:both] if allowed_groups is None else anchored[:both][allowed_groups[anchored[:both]]]
        if len(sharing) > NEAR_EXACT_POOL and whole_query:
            sharing = signatures.nearest(index.group_signatures, query_signature, sharing, NEAR_EXACT_POOL)
        if len(sharing):
            ratios = process.cdist([normalised], index.group_texts.many(sharing), scorer=fuzz.ratio,
                                   score_cutoff=SHARING_CUTOFF, dtype=np.float64)[0]
            best = np.argsort(-ratios, kind="stable")[:NEAR_EXACT_CANDIDATES]
            closest = sharing[best][ratios[best] > 0].tolist() + closest
            if np.count_nonzero(ratios) >= limit:
                # At least ``limit`` candidates match this well: a text far below cannot be a hit.
                floor = max(float(np.partition(ratios, -limit)[-limit]) - BEGINNING_MARGIN, 0.0)
            if ratios.max() >= NEAR_EXACT:
                budget, wanted, anchored_limit = NEAR_EXACT_BUDGET, NEAR_EXACT_CANDIDATES, NEAR_EXACT_CANDIDATES
    wanted = max(wanted, 4 * limit)
    alike = None
    if whole_query and len(normalised) < LONG_QUERY:
        size = len(normalised.encode("utf-8"))
        alike = (index.group_lengths(), size - size // ALIKE_SPREAD, size + size // ALIKE_SPREAD)
    found, opening = index.term_index.candidates(
        query_terms, max(wanted, WIDE_CANDIDATES if whole_query else 0), allowed_groups,
        partial=partial, anchored=anchored, preferred=both, anchored_limit=anchored_limit, budget=budget,
        alike=alike)
    if whole_query and len(found) > wanted:
        # A whole paragraph edited at both ends has no anchor: of the many texts sharing its words
        # about as well, those with the nearest words join the best by term score.
        closest += signatures.nearest(index.group_signatures, query_signature, found[wanted:], NEAR_COPIES).tolist()
        found = found[:wanted]
    candidates = [int(group) for group in found]
    followers = _followers(index, previous, allowed_paragraphs)
    following = _following_groups(index, followers)
    seen = set(candidates)
    for group in itertools.chain(closest, opening.tolist(), following):
        if group not in seen:
            seen.add(group)
            candidates.append(group)
    if not candidates:
        return []
    group_array = np.asarray(candidates, dtype=np.int64)
    texts = index.group_texts.many(candidates)
    score, whole, beginning_wins = _text_scores(normalised, texts, limit, floor)
    text_score = score.copy()
    low, high = index.year_span
    score += RECENCY_BONUS * (index.group_year()[group_array] - low).clip(0) / max(high - low, 1)
    score += EXACT_BONUS * (whole == 100)
    score += SOURCES_BONUS * np.minimum(index.group_size()[group_array] - 1, 4) / 4
    # A whole paragraph typed: it ends like one and some text matches it whole, or it is long.
    complete = len(normalised) >= LONG_QUERY or (normalised.endswith(COMPLETE) and whole.max() >= WHOLE_MATCH)
    references = [term for term in query_terms if _REFERENCE.search(term)]
    if references:
        missing = [sum(term not in text for term in references) for text in texts]
        penalty = COMPLETE_MISSING_REFERENCE_PENALTY if complete else MISSING_REFERENCE_PENALTY
        score -= penalty * np.asarray(missing, dtype=np.float64)
    weight = np.fromiter((following.get(group, 0.0) for group in candidates), dtype=np.float64,
                         count=len(candidates))
    follows = weight >= 0.5
    score += (COMPLETE_FOLLOW_BONUS if complete else FOLLOW_BONUS) * weight
    earlier_affinity = previous.affinity if previous is not None else {}
    if earlier_affinity:
        score += (COMPLETE_AFFINITY_BONUS if complete else AFFINITY_BONUS) * _affinity(
            index, candidates, earlier_affinity, allowed_paragraphs)
    # Sort on the raw score so the context bonuses still order texts that both match fully.
    order = np.lexsort((group_array, -whole, -score))
    run, evidence_of = _run(index, candidates, whole if complete else text_score, followers, allowed_paragraphs,
                            previous.run if previous is not None else {})
    affinity = _updated_affinity(earlier_affinity, evidence_of)
    hits = []
    for position in order:
        members = _allowed_members(index, candidates[position], allowed_paragraphs)
        if not len(members):
            continue
        reason = BEGINNING if beginning_wins[position] else WHOLE
        if follows[position]:
            reason = f"{reason}; {FOLLOWS}"
        hits.append(_hit(index, min(float(score[position]), 100.0), members, reason, run, affinity))
        if len(hits) == limit:
            break
    return hits


def _text_scores(normalised: str, texts: list[str], limit: int,
                 floor: float = 0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (score, whole-paragraph ratio, whether the beginning score won) for each candidate text.

    Whole-paragraph ratios below ``floor`` are not worked out exactly (0): the caller knows ``limit``
    texts that match better than ``floor`` plus every context bonus.
    """
    whole = process.cdist([normalised], texts, scorer=fuzz.ratio, score_cutoff=floor, dtype=np.float64)[0]
    # For what looks like a whole paragraph, a beginning far below the ``limit`` best whole matches cannot
    # bring its text among the hits, whatever the context adds: such beginnings are not worked out
    # exactly (a cut-off makes rapidfuzz several times faster on long texts).
    if len(texts) > limit and looks_whole(normalised):
        floor = max(float(np.partition(whole, -limit)[-limit]) - BEGINNING_MARGIN, floor)
    beginning = _beginning_scores(normalised, texts, floor)
    # "Recalling also" for "Recalling further": the same beginning, one point short of the very words.
    query = _without_lead_adverb(normalised)
    stripped = [_without_lead_adverb(text) for text in texts]
    differ = [i for i, text in enumerate(texts) if query != normalised or stripped[i] is not text]
    if differ:
        again = _beginning_scores(query, [stripped[i] for i in differ], floor) - ADVERB_PENALTY
        beginning[differ] = np.maximum(beginning[differ], again)
    if normalised.endswith(COMPLETE_ENDINGS):
        beginning *= COMPLETE_BEGINNING_WEIGHT
    beginning_wins = beginning > whole
    return np.where(beginning_wins, beginning, whole), whole, beginning_wins


def _beginning_scores(query: str, texts: list[str], floor: float = 0.0) -> np.ndarray:
    """Return how well ``query`` matches the start of each text (0 for texts not longer than the query,
    or where the match is below ``floor``)."""
    length = len(query)
    longer = length + length // 8
    scores = np.zeros(len(texts))
    # Only texts longer than the query have a beginning to compare (a whole paragraph skips most).
    which = [i for i, text in enumerate(texts) if len(text) > length]
    if which:
        # Cut at the query's length, and a little further in case the text inserts a word early on.
        scores[which] = np.maximum(
            process.cdist([query], [texts[i][:length] for i in which], scorer=fuzz.ratio, score_cutoff=floor,
                          dtype=np.float64)[0],
            process.cdist([query], [texts[i][:longer] for i in which], scorer=fuzz.ratio, score_cutoff=floor,
                          dtype=np.float64)[0])
    return scores


def _without_lead_adverb(text: str) -> str:
    """Return ``text`` without an adverb after its first word (``recalling also the`` -> ``recalling the``)."""
    adverb = _LEAD_ADVERB.match(text)
    return f"{adverb.group(1)} {text[adverb.end():]}" if adverb else text


def _allowed_members(index: PrecedentIndex, group: int, allowed: np.ndarray | None) -> np.ndarray:
    members = index.members(group)
    return members if allowed is None else members[allowed[members]]


def _followers(index: PrecedentIndex, previous: Hit | None, allowed: np.ndarray | None) -> dict[int, float]:
    """Return the paragraphs that continue the previous match's run, with the weight of that run."""
    if previous is None:
        return {}
    run = previous.run or {source["symbol"]: (source["kind"], source["number"], 1.0)
                           for source in previous.sources()}
    followers: dict[int, float] = {}
    for symbol, (kind, number, weight) in run.items():
        paragraph = index.find_paragraph(symbol, kind, number)
        if paragraph is None:
            continue
        resolution = index.paragraph_resolution[paragraph]
        for step, factor in enumerate(FOLLOW_STEPS, start=1):
            after = paragraph + step
            if after >= len(index) or index.paragraph_resolution[after] != resolution:
                break
            if allowed is None or allowed[after]:
                followers[after] = max(followers.get(after, 0.0), factor * weight)
    return followers


def _following_groups(index: PrecedentIndex, followers: dict[int, float]) -> dict[int, float]:
    """Return the groups of the followers with their weight relative to the strongest run (0-1]."""
    if not followers:
        return {}
    strongest = max(followers.values())
    following: dict[int, float] = {}
    for paragraph, weight in followers.items():
        group = int(index.paragraph_group[paragraph])
        following[group] = max(following.get(group, 0.0), weight / strongest)
    return following


def _run(index: PrecedentIndex, candidates: list[int], text_score: np.ndarray, followers: dict[int, float],
         allowed: np.ndarray | None, earlier: dict[str, tuple[str, int, float]],
         ) -> tuple[dict[str, tuple[str, int, float]], dict[str, float]]:
    """Return the run this query continues and the evidence behind it.

    The run: for each resolution among the best matches, its matching paragraph (kind, number) and
    weight (how well it matches now, plus what its run carried over); a resolution of the earlier run
    without a match now keeps its place, its weight fading. The evidence: for each resolution among the
    best matches, how close its match comes to the best (0-1].
    """
    run: dict[str, tuple[str, int, float]] = {}
    evidence_of: dict[str, float] = {}
    best = float(text_score.max()) if len(text_score) else 0.0
    for position in np.argsort(-text_score, kind="stable")[:RUN_CANDIDATES]:
        evidence = 1.0 - (best - float(text_score[position])) / RUN_MARGIN
        if evidence <= 0 or text_score[position] < RUN_MATCH:
            break
        for member in _allowed_members(index, candidates[position], allowed)[:RUN_MEMBERS]:
            member = int(member)
            source = index.source(member)
            symbol = source["symbol"]
            evidence_of[symbol] = max(evidence_of.get(symbol, 0.0), evidence)
            weight = evidence + RUN_CARRY * followers.get(member, 0.0)
            known = run.get(symbol)
            if known is None or weight > known[2]:
                run[symbol] = (source["kind"], source["number"], weight)
    for symbol, (kind, number, weight) in earlier.items():
        if symbol not in run and weight * RUN_CARRY >= RUN_FLOOR:
            run[symbol] = (kind, number, weight * RUN_CARRY)
    return run, evidence_of


def _updated_affinity(earlier: dict[str, float], evidence_of: dict[str, float]) -> dict[str, float]:
    """Return the draft's affinity to each resolution after one more paragraph (a moving average)."""
    affinity = {symbol: (1 - AFFINITY_UPDATE) * value for symbol, value in earlier.items()}
    for symbol, evidence in evidence_of.items():
        affinity[symbol] = affinity.get(symbol, 0.0) + AFFINITY_UPDATE * evidence
    return {symbol: value for symbol, value in affinity.items() if value >= AFFINITY_FLOOR}


def _affinity(index: PrecedentIndex, candidates: list[int], affinity: dict[str, float],
              allowed: np.ndarray | None) -> np.ndarray:
    """Return, for each candidate, the highest affinity among its sources' resolutions, relative to the
    highest affinity of all (0-1)."""
    strongest = max(affinity.values(), default=0.0)
    by_resolution = np.zeros(len(index.resolution_info) + 1)
    for symbol, value in affinity.items():
        number = index.resolution_number(symbol)
        if number is not None:
            by_resolution[number] = value / strongest
    scores = np.zeros(len(candidates))
    for position, group in enumerate(candidates):
        members = _allowed_members(index, group, allowed)
        if len(members):
            scores[position] = by_resolution[index.paragraph_resolution[members]].max()
    return scores


def _hit(index: PrecedentIndex, score: float, members: np.ndarray, reason: str,
         run: dict[str, tuple[str, int, float]], affinity: dict[str, float]) -> Hit:
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
        run=run,
        affinity=affinity,
    )
