"""A whole paragraph typed with a word changed is found among thousands of siblings that share its words."""

from __future__ import annotations

import random

import numpy as np
from rapidfuzz import fuzz, process

from penholder.search import PrecedentIndex, ranking, signatures
from penholder.search.normalise import normalise, terms
from penholder.search.terms_index import TermIndex

WORDS = ("cooperation dialogue states council assembly rights development solidarity capacity mechanisms "
         "review reports voluntary technical assistance promotion protection equality fund session").split()
OPENING = "reaffirms the importance of the enhancement of international cooperation in the field of"
ENDING = "and to report thereon to the council at its next session;"


def _siblings(count: int, rng: random.Random) -> list[str]:
    """Return ``count`` texts made from one paragraph, each with a few of its middle words changed to
    words of a wider vocabulary (as versions of a paragraph differ: by the words they add or drop)."""
    base = [rng.choice(WORDS) for _ in range(30)]
    vocabulary = [f"{a}{b}" for a in WORDS for b in ("al", "ing", "ed", "ity", "ive", "ion", "s")]
    texts = set()
    while len(texts) < count:
        middle = list(base)
        for _ in range(rng.randint(2, 4)):
            middle[rng.randrange(len(middle))] = rng.choice(vocabulary)
        texts.add(f"{OPENING} {' '.join(middle)} {ENDING}")
    return sorted(texts)


def test_signatures_count_the_words_two_texts_do_not_share():
    index = TermIndex.build(["human rights council", "rights of states", "council states human"])
    table = signatures.build(index.indptr, index.docs, index.size)
    query = signatures.of_terms([index.vocabulary[word] for word in ("human", "rights", "council")])
    assert np.bitwise_count(table ^ query).sum(axis=1).tolist() == [0, 3, 2]
    assert signatures.nearest(table, query, np.arange(3), 2).tolist() == [0, 2]


def test_a_paragraph_with_a_phrase_added_finds_its_precedent_among_thousands_of_siblings():
    # Every sibling opens and ends alike and draws on the same twenty words: only the order and the few
    # words that differ tell the typed paragraph apart, so term scores and length cannot pick it out.
    rng = random.Random(3)
    texts = _siblings(4000, rng)
    rows = [(position // 50, 1, position % 50 + 1, "Reaffirms", text) for position, text in enumerate(texts)]
    infos = [{"symbol": f"A/RES/{number}/1", "body": "GA", "year": 2000 + number % 20, "title": "T",
              "series": "t", "adoption": {}} for number in range(len(texts) // 50)]
    index = PrecedentIndex.from_rows(infos, rows)
    found = brute = 0
    normalised = [normalise(text) for text in texts]
    for position in rng.sample(range(len(texts)), 20):
        # The drafter adds a phrase in the middle: the typed text is longer than its precedent by as much
        # as many siblings are.
        words = texts[position].split()
        at = rng.randrange(14, 14 + 30)
        words[at:at] = ["including", "through", "its"]
        query = " ".join(words)
        found += texts[position] in [hit.text for hit in index.search(query, limit=5)]
        best = process.extract(normalise(query), normalised, scorer=fuzz.ratio, limit=5)
        brute += position in [choice for _, _, choice in best]
    # As good as comparing the typed text with every sibling (rapidfuzz brute force): each of its
    # misses is a sibling that is closer than the precedent itself.
    assert found >= brute >= 10, (found, brute)


def test_signatures_built_a_chunk_of_texts_at_a_time_are_the_same(monkeypatch):
    texts = _siblings(300, random.Random(5))
    index = TermIndex.build(texts)
    whole = signatures.build(index.indptr, index.docs, index.size)
    monkeypatch.setattr(signatures, "CHUNK", 7)
    assert np.array_equal(signatures.build(index.indptr, index.docs, index.size), whole)
    query = signatures.of_terms([index.vocabulary[term] for term in terms(texts[0])])
    assert np.bitwise_count(whole[0] ^ query).sum() == 0


def test_a_short_whole_paragraph_finds_its_short_precedent_among_long_texts_sharing_its_rarer_words(
        monkeypatch):
    rng = random.Random(11)
    own = "reaffirms the importance of the enhancement of international cooperation for cooperation;"
    long_texts = ["reaffirms response societies importance enhancement international "
                  + " ".join(rng.choice(WORDS) for _ in range(15)) + ";" for _ in range(3000)]
    # Many other texts: the two typed words are rare in the library, so the long texts that have them
    # all outrank the short precedent by term score.
    others = [" ".join(rng.choice(WORDS) for _ in range(40)) + ";" for _ in range(20000)]
    texts = sorted(set(long_texts) | set(others)) + [own]
    rows = [(position // 50, 1, position % 50 + 1, "Lead", text) for position, text in enumerate(texts)]
    infos = [{"symbol": f"A/RES/{number}/1", "body": "GA", "year": 2000, "title": "T", "series": "t",
              "adoption": {}} for number in range(len(texts) // 50 + 1)]
    index = PrecedentIndex.from_rows(infos, rows)
    # Both ends edited, so no opening or ending leads to it, and two words of the many long texts typed.
    query = "reaffirms response importance of the enhancement of international societies, for cooperation;"
    best = process.extract(normalise(query), [normalise(text) for text in texts], scorer=fuzz.ratio, limit=1)
    assert best[0][2] == len(texts) - 1  # brute force finds it first
    assert index.search(query, limit=5)[0].text == own
    monkeypatch.setattr(ranking, "ALIKE_SPREAD", 10**9)  # no texts of about its length: it is lost
    assert own not in [hit.text for hit in index.search(query, limit=5)]
