"""Word signatures: each text's set of index terms folded into 256 bits, to find near-copies fast.

A whole paragraph typed with a word or two changed has thousands of siblings in a big library that open
and end the same way and share nearly all its words. Which of them is the paragraph itself only a close
comparison tells, and rapidfuzz costs microseconds a text. Counting the bits in which two signatures differ
costs nanoseconds: it ranks thousands of siblings by how many words they add or lack, and rapidfuzz then
compares only the nearest few.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

WORDS = 4  # 64-bit words per signature: 256 bits
_SPREAD = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: spreads consecutive term numbers over the bits


def term_bits(term_numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (word of the signature, bit mask) for each term number."""
    with np.errstate(over="ignore"):
        bit = (term_numbers.astype(np.uint64) * _SPREAD) >> np.uint64(56)  # 0..255
    return (bit >> np.uint64(6)).astype(np.int64), np.left_shift(np.uint64(1), bit & np.uint64(63))


def build(indptr: np.ndarray, docs: np.ndarray, size: int) -> np.ndarray:
    """Return the signatures (``size`` x WORDS, uint64) of the texts of a term index's postings."""
    signatures = np.zeros(size * WORDS, dtype=np.uint64)
    if len(docs):
        terms = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
        word, mask = term_bits(np.arange(len(indptr) - 1))
        np.bitwise_or.at(signatures, docs.astype(np.int64) * WORDS + word[terms], mask[terms])
    return signatures.reshape(size, WORDS)


def of_terms(term_numbers: Sequence[int]) -> np.ndarray:
    """Return the signature (WORDS, uint64) of a set of term numbers."""
    signature = np.zeros(WORDS, dtype=np.uint64)
    if len(term_numbers):
        word, mask = term_bits(np.asarray(sorted(set(term_numbers)), dtype=np.int64))
        np.bitwise_or.at(signature, word, mask)
    return signature


def nearest(signatures: np.ndarray, signature: np.ndarray, texts: np.ndarray, count: int) -> np.ndarray:
    """Return the ``count`` of ``texts`` whose signatures differ from ``signature`` in fewest bits, nearest
    first."""
    if len(texts) <= count:
        distance = np.bitwise_count(signatures[texts] ^ signature).sum(axis=1)
        return texts[np.argsort(distance, kind="stable")]
    distance = np.bitwise_count(signatures[texts] ^ signature).sum(axis=1, dtype=np.int32)
    best = np.argpartition(distance, count)[:count]
    return texts[best[np.argsort(distance[best], kind="stable")]]
