"""The term index is built chunk by chunk: every chunking gives the same index, holding each text's terms."""

from __future__ import annotations

from collections import Counter

import numpy as np

from penholder.search import terms_index
from penholder.search.normalise import normalise, terms
from penholder.search.terms_index import BOUNDARY, TermIndex, tokenise

ODD = ["", "the of and", "rights. rights, (rights) -rights-", "6/17 a/hrc/53/46 non-selectivity ./ -",
       "\u00e9tats membres \u00e9tats", "a \x00 b", "\x00. rights", "x\x00y rights"]


def _texts(seed_resolutions) -> list[str]:
    return [normalise(p.full_text()) for r in seed_resolutions.values() for p in r.paragraphs] + ODD


def _postings_by_text(chunk) -> list[Counter]:
    """Return, for each text of a chunk, its terms and how often each occurs."""
    found = [Counter() for _ in chunk.lengths]
    position = 0
    for term, count in zip(chunk.terms, chunk.counts):
        for doc, tf in zip(chunk.docs[position:position + count], chunk.tf[position:position + count]):
            found[doc][term] = int(tf)
        position += count
    return found


def _same_index(one: TermIndex, other: TermIndex) -> None:
    assert one.vocabulary == other.vocabulary
    assert one.size == other.size
    for name in ("indptr", "docs", "weights"):
        mine, theirs = getattr(one, name), getattr(other, name)
        assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs), name


def test_a_chunk_holds_each_text_s_terms_as_normalise_splits_them(seed_resolutions):
    texts = _texts(seed_resolutions)
    chunk = tokenise(texts)
    expected = [Counter(term for term in terms(text) if term != BOUNDARY) for text in texts]
    assert _postings_by_text(chunk) == expected
    assert chunk.lengths.tolist() == [sum(counter.values()) for counter in expected]
    assert chunk.terms == sorted(chunk.terms)


def test_any_chunking_gives_the_same_index(seed_resolutions, monkeypatch):
    texts = _texts(seed_resolutions)
    whole = TermIndex.build(texts)
    monkeypatch.setattr(terms_index, "CHUNK", 7)
    _same_index(TermIndex.build(texts), whole)
    chunks = [tokenise(texts[start:start + 50]) for start in range(0, len(texts), 50)]
    _same_index(TermIndex.from_chunks(chunks), whole)


def test_a_selected_chunk_is_the_chunk_of_the_selected_texts(seed_resolutions):
    texts = _texts(seed_resolutions)[:60]
    keep = np.arange(len(texts)) % 3 != 1
    selected, direct = tokenise(texts).select(keep), tokenise([t for t, k in zip(texts, keep) if k])
    assert _postings_by_text(selected) == _postings_by_text(direct)
    assert selected.lengths.tolist() == direct.lengths.tolist()


def test_a_text_holding_the_boundary_word_is_still_one_text():
    index = TermIndex.build(["a \x00 b rights", "rights.", "\x00"])
    assert index.size == 3
    rights = index.vocabulary["rights"]
    assert index.docs[index.indptr[rights]:index.indptr[rights + 1]].tolist() == [0, 1]
    assert BOUNDARY not in index.vocabulary


def test_no_terms_give_an_empty_index():
    index = TermIndex.build(["the of", "", ", ;"])
    assert index.size == 3 and index.vocabulary == {} and len(index.docs) == 0
    assert TermIndex.build([]).size == 0
