"""Columns of texts kept as one UTF-8 buffer plus offsets, so a million paragraphs load by memory-mapping.

A Python list of a million strings costs hundreds of megabytes and seconds to unpickle; a buffer and an
offsets array cost their size on disk, are mapped in an instant, and a text is decoded only when a query
needs it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np


class TextColumn:
    """Texts by number, stored as ``buffer`` (uint8) and ``offsets`` (int64, one more than texts)."""

    def __init__(self, buffer: np.ndarray, offsets: np.ndarray) -> None:
        self.buffer = buffer
        self.offsets = offsets

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> TextColumn:
        """Return a column holding ``texts`` in order."""
        texts = list(texts)
        offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        if all(map(str.isascii, texts)):  # a flag Python keeps on each string: no scan
            np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)), out=offsets[1:])
            return cls(np.frombuffer("".join(texts).encode("ascii"), dtype=np.uint8), offsets)
        # Encoded one by one: joining a million texts first, into one wide string, took three times longer.
        encoded = list(map(str.encode, texts))
        np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(texts)), out=offsets[1:])
        return cls(np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, number: int) -> str:
        start, end = self.offsets[number], self.offsets[number + 1]
        return self.buffer[start:end].tobytes().decode("utf-8")

    def many(self, numbers) -> list[str]:
        """Return the texts ``numbers`` (a sequence of text numbers), in order: one gather from the buffer
        instead of a slice and a decode each (a query reads hundreds)."""
        numbers = np.asarray(numbers, dtype=np.int64)
        starts, ends = self.offsets[numbers], self.offsets[numbers + 1]
        lengths = ends - starts
        bounds = np.zeros(len(numbers) + 1, dtype=np.int64)
        np.cumsum(lengths, out=bounds[1:])
        positions = np.arange(bounds[-1]) + np.repeat(starts - bounds[:-1], lengths)
        data = self.buffer[positions].tobytes()
        cuts = bounds.tolist()
        if data.isascii():
            text = data.decode("ascii")
            return [text[start:end] for start, end in zip(cuts, cuts[1:])]
        return [data[start:end].decode("utf-8") for start, end in zip(cuts, cuts[1:])]

    def save(self, folder: Path, name: str) -> None:
        """Write the column as ``name.bin`` and ``name.offsets.npy`` in ``folder``."""
        (folder / f"{name}.bin").write_bytes(self.buffer.tobytes())
        np.save(folder / f"{name}.offsets.npy", self.offsets)

    @classmethod
    def load(cls, folder: Path, name: str) -> TextColumn:
        """Return the column saved as ``name`` in ``folder``, memory-mapped."""
        path = folder / f"{name}.bin"
        # Plain ndarray views of the maps: slicing a numpy.memmap costs several times more.
        offsets = np.load(folder / f"{name}.offsets.npy", mmap_mode="r").view(np.ndarray)
        if path.stat().st_size == 0:
            return cls(np.zeros(0, dtype=np.uint8), offsets)
        return cls(np.memmap(path, dtype=np.uint8, mode="r").view(np.ndarray), offsets)
