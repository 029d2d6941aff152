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
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np

from penholder.search.normalise import STOPWORDS, TERM_ENDS, TERM_SPACES

SAVED_FILES = ("terms_indptr.npy", "terms_docs.npy", "terms_weights.npy", "terms_vocabulary.json")

K1 = 1.2
B = 0.75
# Query terms beyond this many (the most frequent ones) add time but hardly change the candidates.
MAX_QUERY_TERMS = 16
# Postings read per query, at most (beyond the first MIN_QUERY_TERMS terms): bounds latency on big indexes.
POSTINGS_BUDGET = 250_000
MIN_QUERY_TERMS = 3
# Texts tokenised per chunk (bounds the memory of the word lists), and the word that separates them.
CHUNK = 20_000
# Texts split at once within a chunk: their words (objects of their own) stay in the CPU cache until
# they are looked up; 10% faster than splitting the whole chunk at once.
SPLIT = 5_000
BOUNDARY = "\x00"
# Words that never become terms: the boundary, what was only punctuation, and the stopwords.
DROPPED = frozenset({BOUNDARY, "", *STOPWORDS})
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
        return cls.from_chunks([tokenise(texts[start:start + CHUNK]) for start in range(0, len(texts), CHUNK)])

    @classmethod
    def from_chunks(cls, chunks: Sequence[TermChunk]) -> TermIndex:
        """Return the index of the texts of ``chunks`` one after the other (as ``build`` of them all)."""
        size = sum(len(chunk.lengths) for chunk in chunks)
        words = sorted(set().union(*(chunk.terms for chunk in chunks)))
        if not words:
            empty = np.zeros(0, dtype=np.int32)
            return cls({}, np.zeros(1, np.int64), empty, np.zeros(0, np.float32), size)
        # Terms are numbered 0..n-1 in alphabetical order (so completions can bisect the word list).
        vocabulary = {word: number for number, word in enumerate(words)}
        numbers = [np.fromiter(map(vocabulary.__getitem__, chunk.terms), np.int64, len(chunk.terms))
                   for chunk in chunks]
        df = np.zeros(len(words), dtype=np.int64)
        for chunk, chunk_numbers in zip(chunks, numbers):
            df[chunk_numbers] += chunk.counts  # a chunk lists each of its terms once
        indptr = np.zeros(len(words) + 1, dtype=np.int64)
        np.cumsum(df, out=indptr[1:])
        # Each chunk's postings of a term go after the earlier chunks' postings of that term: its texts
        # come later, so every term's texts stay in order without sorting all the postings again.
        docs = np.empty(int(indptr[-1]), dtype=np.int32)
        tf = np.empty(len(docs), dtype=np.float32)
        free = indptr[:-1].copy()
        first_doc = 0
        for chunk, chunk_numbers in zip(chunks, numbers):
            chunk_starts = np.cumsum(chunk.counts) - chunk.counts
            destination = np.repeat(free[chunk_numbers] - chunk_starts, chunk.counts)
            destination += np.arange(len(chunk.docs))
            docs[destination] = chunk.docs + first_doc
            tf[destination] = chunk.tf.astype(np.float32)  # converting while scattering is slower
            free[chunk_numbers] += chunk.counts
            first_doc += len(chunk.lengths)
        doc_lengths = np.concatenate([chunk.lengths for chunk in chunks]).astype(np.int64)
        idf = np.log1p((size - df + 0.5) / (df + 0.5)).astype(np.float32)
        average = max(float(doc_lengths.mean()), 1.0)
        norm = (K1 * (1 - B + B * doc_lengths / average)).astype(np.float32)
        # Postings come term after term, so each term's idf is repeated rather than gathered.
        weights = np.repeat(idf, df) * tf * (K1 + 1) / (tf + norm[docs.astype(np.intp)])
        return cls(vocabulary, indptr, docs, weights.astype(np.float32), size)

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

    def term_numbers(self, words: Sequence[str]) -> list[int]:
        """Return the term numbers of those of ``words`` that are known terms."""
        return [self.vocabulary[word] for word in words if word in self.vocabulary]

    def candidates(self, query_terms: Sequence[str], limit: int, allowed: np.ndarray | None = None,
                   partial: str | None = None, anchored: np.ndarray | None = None, preferred: int = 0,
                   anchored_limit: int = 0, budget: int = POSTINGS_BUDGET,
                   alike: tuple[np.ndarray, int, int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Return (up to ``limit`` text numbers with the best BM25 score for the terms, best first;
        up to ``anchored_limit`` of the ``anchored`` texts, the first ``preferred`` of them first, then
        by the same score).

        ``partial`` is a last word still being typed: the known words it begins count for it.
        ``anchored`` are texts found another way (e.g. by their opening), possibly thousands: the
        score picks the few worth ranking. ``budget`` bounds the postings read (beyond a few terms).
        ``alike`` (the texts' lengths, a low and a high bound) adds, after the ``limit`` best, the best
        ``limit // 4`` of the texts whose length lies within the bounds: a short whole paragraph's
        precedent is as short, however many long texts share its rarer words.
        """
        anchored = np.zeros(0, dtype=np.int64) if anchored is None else anchored
        if allowed is not None and len(anchored):
            keep = allowed[anchored]
            preferred = int(keep[:preferred].sum())
            anchored = anchored[keep]
        found = set(self.term_numbers(query_terms))
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
        extra = np.zeros(0, dtype=np.int64)
        if alike is not None:
            lengths, low, high = alike
            length = lengths[pool]
            within = (length >= low) & (length <= high)
            extra = _best_distinct(pool[within], pool_scores[within], limit // 4, len(selected))
        # A text appears once per selected term it has.
        best = _best_distinct(pool, pool_scores, limit, len(selected))
        if anchored_scores is not None:
            anchored_scores[:preferred] += anchored_scores.max() + 1
            # Of thousands, only the best few (a text may be listed thrice: opening, ending, both) need
            # sorting; kept in their listed order first, so equal scores keep that order.
            keep = 3 * anchored_limit
            top = np.sort(np.argpartition(-anchored_scores, keep)[:keep]) if len(anchored) > keep else None
            if top is not None:
                anchored, anchored_scores = anchored[top], anchored_scores[top]
            anchored = anchored[np.argsort(-anchored_scores, kind="stable")]
        if len(extra):
            best = np.concatenate([best, extra[~np.isin(extra, best)]])
        return best, _first_distinct(anchored, anchored_limit)

    def save(self, folder: Path) -> None:
        """Write the arrays and the vocabulary into ``folder`` (which must exist): ``SAVED_FILES``."""
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




@dataclass
class TermChunk:
    """The postings of a run of texts, in the run's own term numbering: a small term index that a worker
    process can build and send back, merged into the whole by ``TermIndex.from_chunks``."""

    terms: list[str]  # the run's terms, alphabetical: term number -> term (stopwords left out)
    lengths: np.ndarray  # int32, how many indexed words each text has
    counts: np.ndarray  # int64, how many texts each term is in
    docs: np.ndarray  # int32, the texts of term 0, then those of term 1... (each in order)
    tf: np.ndarray  # int32, how many times the term is in that text

    def select(self, keep: np.ndarray) -> TermChunk:
        """Return the chunk of the texts where ``keep`` (bool, one per text) is true, renumbered."""
        docs = self.docs.astype(np.intp)  # numpy gathers with int32 indexes slowly
        kept = keep[docs]
        # Few texts are left out (those seen in an earlier chunk): count their postings off each term.
        term_of_dropped = np.searchsorted(np.cumsum(self.counts), np.flatnonzero(~kept), side="right")
        counts = self.counts - np.bincount(term_of_dropped, minlength=len(self.terms))
        new_number = np.cumsum(keep, dtype=np.int32) - 1
        return TermChunk(self.terms, self.lengths[keep], counts, new_number[docs[kept]], self.tf[kept])


class _WordNumbers(dict):
    """Word as split (``rights.``) -> term number: a word seen for the first time is stripped of
    ``TERM_ENDS`` and its term looked up or numbered, so one C-level ``map`` both numbers and finds."""

    def __init__(self) -> None:
        super().__init__({BOUNDARY: 0})
        self.terms: dict[str, int] = {BOUNDARY: 0}

    def __missing__(self, word: str) -> int:
        number = self[word] = self.terms.setdefault(word.strip(TERM_ENDS), len(self.terms))
        return number


def tokenise(texts: Sequence[str]) -> TermChunk:
    """Return the postings of normalised texts (text number = position), split as ``normalise.terms``."""
    numbers = _WordNumbers()
    pieces = [_numbered_words(texts[start:start + SPLIT], numbers) for start in range(0, len(texts), SPLIT)]
    piece_starts = np.cumsum([0] + [len(piece_ids) for piece_ids, _ in pieces])
    ids = np.concatenate([np.zeros(0, np.intp)] + [piece_ids for piece_ids, _ in pieces])
    ends = np.concatenate([np.zeros(0, np.intp)] + [piece_ends + start
                                                    for (_, piece_ends), start in zip(pieces, piece_starts)])
    del pieces
    kept_terms = sorted(term for term in numbers.terms if term not in DROPPED)
    renumber = np.full(len(numbers.terms), -1, dtype=np.int32)
    renumber[np.fromiter(map(numbers.terms.__getitem__, kept_terms), np.int64, len(kept_terms))] = np.arange(
        len(kept_terms), dtype=np.int32)
    ids = renumber[ids]
    keep = ids >= 0
    kept_before = np.zeros(len(ids) + 1, dtype=np.int64)
    np.cumsum(keep, out=kept_before[1:])
    lengths = np.diff(kept_before[ends], prepend=0).astype(np.int32)
    ids = ids[keep]
    docs = np.repeat(np.arange(len(texts), dtype=np.int32), lengths)
    # One sortable number per (term, text); 32 bits when it fits, twice as fast to sort as 64.
    width = max(len(texts), 1)
    dtype = np.int32 if len(kept_terms) * width < 2**31 else np.int64
    keys = ids.astype(dtype) * dtype(width) + docs
    keys.sort()
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    starts = np.flatnonzero(first)
    tf = np.diff(np.append(starts, len(keys))).astype(np.int32)
    keys = keys[starts]
    counts = np.bincount(keys // width, minlength=len(kept_terms)).astype(np.int64)
    return TermChunk(kept_terms, lengths, counts, (keys % width).astype(np.int32), tf)


def _numbered_words(texts: Sequence[str], numbers: _WordNumbers) -> tuple[np.ndarray, np.ndarray]:
    """Return (the term number of each word of the texts, where each text's words end)."""
    # The texts are joined by a boundary word: one C-level split and one C-level map for all of them
    # instead of a Python loop per word.
    words = (f" {BOUNDARY} ".join(texts) + f" {BOUNDARY}").translate(TERM_SPACES).split()
    # intp, not int32: numpy converts smaller indexes before gathering with them, slowly.
    ids = np.fromiter(map(numbers.__getitem__, words), np.intp, len(words))
    ends = np.flatnonzero(ids == 0)  # each text's boundary word
    if len(ends) == len(texts):
        return ids, ends
    # A text holds the boundary as a word itself (or ``\x00.``): split text by text instead.
    word_lists = [text.translate(TERM_SPACES).split() for text in texts]
    counts = np.fromiter(map(len, word_lists), np.intp, len(texts))
    ids = np.fromiter(map(numbers.__getitem__, chain.from_iterable(word_lists)), np.intp, int(counts.sum()))
    return ids, np.cumsum(counts)


def _best_distinct(pool: np.ndarray, scores: np.ndarray, limit: int, repeats: int) -> np.ndarray:
    """Return up to ``limit`` distinct texts of ``pool`` (each listed up to ``repeats`` times) with the
    best ``scores``, best first."""
    if not len(pool) or limit <= 0:
        return np.zeros(0, dtype=np.int64)
    wanted = limit * repeats
    if len(pool) > wanted:
        best = np.argpartition(scores, -wanted)[-wanted:]
        pool, scores = pool[best], scores[best]
    pool, first = np.unique(pool, return_index=True)
    return pool[np.lexsort((pool, -scores[first]))[:limit]].astype(np.int64)


def _first_distinct(numbers: np.ndarray, limit: int) -> np.ndarray:
    """Return the first ``limit`` distinct values of ``numbers``, in order."""
    if not len(numbers) or limit <= 0:
        return np.zeros(0, dtype=np.int64)
    _, first = np.unique(numbers, return_index=True)
    return numbers[np.sort(first)][:limit].astype(np.int64)
