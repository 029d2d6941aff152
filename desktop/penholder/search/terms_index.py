"""A BM25 term index over texts, in plain numpy arrays (built fast, saved and memory-mapped back).

It only proposes candidates: the few hundred texts sharing the most informative words with a query. The
ranking proper (rapidfuzz on the normalised texts) happens in ``ranking``. Terms are stored column-wise
(for each term, the texts containing it and their BM25 weight), so a query touches only its own terms.
"""

from __future__ import annotations

import bisect
import json
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from penholder.search.normalise import STOPWORDS, TERM_ENDS, TERM_SPACES

K1 = 1.2
B = 0.75
# Query terms beyond this many (the most frequent ones) add time but hardly change the candidates.
MAX_QUERY_TERMS = 16
# Postings read per query, at most (beyond the first MIN_QUERY_TERMS terms): bounds latency on big indexes.
POSTINGS_BUDGET = 250_000
MIN_QUERY_TERMS = 3
# Texts tokenised per chunk (bounds the memory of the word lists), and the word that separates them.
CHUNK = 20_000
BOUNDARY = "\x00"
# How many known words a half-typed last word may stand for.
PARTIAL_EXPANSIONS = 8


class TermIndex:
    """BM25 weights by term: ``indptr`` into ``docs`` (text numbers) and ``weights``; ``vocabulary``."""

    def __init__(self, vocabulary: dict[str, int], indptr: np.ndarray, docs: np.ndarray,
                 weights: np.ndarray, size: int) -> None:
        self.vocabulary = vocabulary
        self.indptr = indptr
        self.docs = docs
        self.weights = weights
        self.size = size
        self._sorted_terms: list[str] | None = None
        self._buffers = threading.local()

    @classmethod
    def build(cls, texts: Sequence[str]) -> TermIndex:
        """Return the index of normalised texts (text number = position), split as ``normalise.terms``."""
        vocabulary: dict[str, int] = {BOUNDARY: 0}
        raw_words: dict[str, int] = {BOUNDARY: 0}  # word as split (``rights.``) -> term number
        term_chunks = []
        # Texts are tokenised a chunk at a time, joined by a boundary word: one C-level split and one
        # C-level dictionary map per chunk instead of a Python loop per word; punctuation is stripped
        # once per distinct word.
        for start in range(0, len(texts), CHUNK):
            joined = f" {BOUNDARY} ".join(texts[start:start + CHUNK]) + f" {BOUNDARY}"
            words = joined.translate(TERM_SPACES).split()
            for word in set(words).difference(raw_words):
                raw_words[word] = vocabulary.setdefault(word.strip(TERM_ENDS), len(vocabulary))
            term_chunks.append(np.fromiter(map(raw_words.__getitem__, words), np.int32, len(words)))
        del raw_words
        size = len(texts)
        term_ids = np.concatenate(term_chunks).astype(np.int64) if term_chunks else np.zeros(0, np.int64)
        # Every text ends with a boundary word: a word's text number is how many boundaries came before it.
        boundary = (term_ids == 0).astype(np.int64)
        doc_ids = np.cumsum(boundary) - boundary
        dropped = np.zeros(len(vocabulary), dtype=bool)
        dropped[[vocabulary[word] for word in (BOUNDARY, "", *STOPWORDS) if word in vocabulary]] = True
        keep = ~dropped[term_ids]
        term_ids, doc_ids = term_ids[keep], doc_ids[keep]
        for word in (BOUNDARY, "", *STOPWORDS):
            vocabulary.pop(word, None)
        doc_lengths = np.bincount(doc_ids, minlength=size).astype(np.int64)[:size]
        if not len(term_ids):
            empty = np.zeros(0, dtype=np.int32)
            return cls({}, np.zeros(1, np.int64), empty, np.zeros(0, np.float32), size)
        # Renumber the kept words 0..n-1 in alphabetical order (so completions can bisect the word list).
        words = sorted(vocabulary)
        old_ids = np.fromiter((vocabulary[word] for word in words), dtype=np.int64, count=len(words))
        renumber = np.full(int(old_ids.max()) + 1, -1, dtype=np.int64)
        renumber[old_ids] = np.arange(len(old_ids))
        term_ids = renumber[term_ids]
        vocabulary = {word: number for number, word in enumerate(words)}
        keys = (term_ids << 32) | doc_ids
        keys.sort()
        starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        tf = np.diff(np.append(starts, len(keys))).astype(np.float32)
        keys = keys[starts]
        postings_terms = (keys >> 32).astype(np.int64)
        postings_docs = (keys & 0xFFFFFFFF).astype(np.int32)
        df = np.bincount(postings_terms, minlength=len(vocabulary))
        indptr = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        np.cumsum(df, out=indptr[1:])
        idf = np.log1p((size - df + 0.5) / (df + 0.5)).astype(np.float32)
        average = max(float(doc_lengths.mean()), 1.0)
        norm = (K1 * (1 - B + B * doc_lengths / average)).astype(np.float32)
        weights = idf[postings_terms] * tf * (K1 + 1) / (tf + norm[postings_docs])
        return cls(vocabulary, indptr, postings_docs, weights.astype(np.float32), size)

    def completions(self, partial: str, limit: int = PARTIAL_EXPANSIONS) -> list[str]:
        """Return up to ``limit`` known terms that start with ``partial`` (a word still being typed)."""
        if self._sorted_terms is None:
            # Term numbers follow alphabetical order (see ``build``).
            self._sorted_terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        words = self._sorted_terms
        found = []
        for position in range(bisect.bisect_left(words, partial), len(words)):
            if not words[position].startswith(partial) or len(found) >= limit:
                break
            found.append(words[position])
        return found

    def candidates(self, query_terms: Sequence[str], limit: int, allowed: np.ndarray | None = None,
                   partial: str | None = None, anchored: np.ndarray | None = None, preferred: int = 0,
                   anchored_limit: int = 0, budget: int = POSTINGS_BUDGET) -> tuple[np.ndarray, np.ndarray]:
        """Return (up to ``limit`` text numbers with the best BM25 score for the terms, best first;
        up to ``anchored_limit`` of the ``anchored`` texts, the first ``preferred`` of them first, then
        by the same score).

        ``partial`` is a last word still being typed: the known words it begins count for it.
        ``anchored`` are texts found another way (e.g. by their opening), possibly thousands: the
        score picks the few worth ranking. ``budget`` bounds the postings read (beyond a few terms).
        """
        anchored = np.zeros(0, dtype=np.int64) if anchored is None else anchored
        if allowed is not None and len(anchored):
            keep = allowed[anchored]
            preferred = int(keep[:preferred].sum())
            anchored = anchored[keep]
        found = {self.vocabulary[t] for t in query_terms if t in self.vocabulary}
        if partial and partial not in self.vocabulary and len(partial) >= 3:
            found.update(self.vocabulary[t] for t in self.completions(partial))
        if not found or self.size == 0:
            return np.zeros(0, dtype=np.int64), _first_distinct(anchored, anchored_limit)
        indptr = self.indptr
        # The rarest terms carry the score; very common ones only cost time: take terms rarest first
        # until their postings reach the budget (but always a few).
        selected, postings = [], 0
        for term in sorted(found, key=lambda t: indptr[t + 1] - indptr[t])[:MAX_QUERY_TERMS]:
            count = int(indptr[term + 1] - indptr[term])
            if len(selected) >= MIN_QUERY_TERMS and postings + count > budget:
                break
            selected.append(term)
            postings += count
        # Scores accumulate in a buffer kept per thread and cleared where touched: allocating and
        # zeroing a score for every text at each keystroke costs more than the adding itself.
        scores = getattr(self._buffers, "scores", None)
        if scores is None or len(scores) != self.size:
            scores = self._buffers.scores = np.zeros(self.size, dtype=np.float32)
        touched = []
        try:
            for term in selected:
                start, end = indptr[term], indptr[term + 1]
                docs = self.docs[start:end]
                scores[docs] += self.weights[start:end]  # a term lists each text once
                touched.append(docs)
            # Choose among the texts touched, not all texts: argpartition over a million mostly-zero
            # scores is slow (ties), and scanning for non-zeros costs more than gathering the touched.
            pool = np.concatenate(touched)
            pool_scores = scores[pool]
            anchored_scores = scores[anchored] if len(anchored) > anchored_limit else None
        finally:
            for docs in touched:
                scores[docs] = 0
        if allowed is not None:
            keep = allowed[pool]
            pool, pool_scores = pool[keep], pool_scores[keep]
        # A text appears once per selected term it has: keep enough to leave ``limit`` distinct ones.
        wanted = limit * len(selected)
        if len(pool) > wanted:
            best = np.argpartition(pool_scores, -wanted)[-wanted:]
            pool, pool_scores = pool[best], pool_scores[best]
        pool, first = np.unique(pool, return_index=True)
        pool_scores = pool_scores[first]
        order = np.lexsort((pool, -pool_scores))[:limit]
        if anchored_scores is not None:
            anchored_scores[:preferred] += anchored_scores.max() + 1
            anchored = anchored[np.argsort(-anchored_scores, kind="stable")]
        return pool[order].astype(np.int64), _first_distinct(anchored, anchored_limit)

    def save(self, folder: Path) -> None:
        """Write the arrays and the vocabulary into ``folder`` (which must exist)."""
        np.save(folder / "terms_indptr.npy", self.indptr)
        np.save(folder / "terms_docs.npy", self.docs)
        np.save(folder / "terms_weights.npy", self.weights)
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        (folder / "terms_vocabulary.json").write_text(json.dumps([self.size, words], ensure_ascii=False),
                                                      encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> TermIndex:
        """Return the index saved in ``folder``, its arrays memory-mapped."""
        size, words = json.loads((folder / "terms_vocabulary.json").read_text(encoding="utf-8"))
        index = cls(
            {word: number for number, word in enumerate(words)},
            np.load(folder / "terms_indptr.npy", mmap_mode="r").view(np.ndarray),
            np.load(folder / "terms_docs.npy", mmap_mode="r").view(np.ndarray),
            np.load(folder / "terms_weights.npy", mmap_mode="r").view(np.ndarray),
            size,
        )
        index._sorted_terms = words  # saved by term number, which is alphabetical
        return index




def _first_distinct(numbers: np.ndarray, limit: int) -> np.ndarray:
    """Return the first ``limit`` distinct values of ``numbers``, in order."""
    if not len(numbers) or limit <= 0:
        return np.zeros(0, dtype=np.int64)
    _, first = np.unique(numbers, return_index=True)
    return numbers[np.sort(first)][:limit].astype(np.int64)
