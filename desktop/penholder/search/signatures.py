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
BITS = 64 * WORDS
_SPREAD = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: spreads consecutive term numbers over the bits
# Texts whose bits are set at once: bounds the byte-per-bit matrix (CHUNK x BITS bytes).
CHUNK = 1 << 20


def term_bit(term_numbers: np.ndarray) -> np.ndarray:
    """Return the bit (0-255) of each term number."""
    with np.errstate(over="ignore"):
        return ((term_numbers.astype(np.uint64) * _SPREAD) >> np.uint64(64 - 8)).astype(np.int64)


def build(indptr: np.ndarray, docs: np.ndarray, size: int) -> np.ndarray:
    """Return the signatures (``size`` x WORDS, uint64) of the texts of a term index's postings."""
    signatures = np.zeros((size, WORDS), dtype=np.uint64)
    if not len(docs):
        return signatures
    bit = np.repeat(term_bit(np.arange(len(indptr) - 1)), np.diff(indptr))
    docs = docs.astype(np.int64)
    # One byte per bit, set by plain assignment (a bit set twice is still set), then packed: many times
    # faster than OR-ing masks with ``np.bitwise_or.at``.
    for first in range(0, size, CHUNK):
        last = min(first + CHUNK, size)
        inside = (docs >= first) & (docs < last) if size > CHUNK else slice(None)
        flags = np.zeros((last - first) * BITS, dtype=np.uint8)
        flags[(docs[inside] - first) * BITS + bit[inside]] = 1
        signatures[first:last] = _pack(flags.reshape(last - first, BITS))
    return signatures


def of_terms(term_numbers: Sequence[int]) -> np.ndarray:
    """Return the signature (WORDS, uint64) of a set of term numbers."""
    flags = np.zeros((1, BITS), dtype=np.uint8)
    flags[0, term_bit(np.asarray(list(term_numbers), dtype=np.int64))] = 1
    return _pack(flags)[0]


def _pack(flags: np.ndarray) -> np.ndarray:
    """Return rows of BITS 0/1 bytes packed into WORDS uint64 each (bit ``b`` of a row in word ``b // 64``)."""
    packed = np.packbits(flags, axis=1, bitorder="little")
    return packed.view("<u8").astype(np.uint64, copy=False)


def nearest(signatures: np.ndarray, signature: np.ndarray, texts: np.ndarray, count: int) -> np.ndarray:
    """Return the ``count`` of ``texts`` whose signatures differ from ``signature`` in fewest bits, nearest
    first."""
    distance = np.bitwise_count(signatures[texts] ^ signature).sum(axis=1, dtype=np.int32)
    best = np.argpartition(distance, count)[:count] if len(texts) > count else np.arange(len(texts))
    return texts[best[np.argsort(distance[best], kind="stable")]]
