"""Columns of texts kept as one UTF-8 buffer plus offsets, so a million paragraphs load by memory-mapping.

A Python list of a million strings costs hundreds of megabytes and seconds to unpickle; a buffer and an
offsets array cost their size on disk, are mapped in an instant, and a text is decoded only when a query
needs it. A column read only a few texts at a time (what the hits show) is read from its file instead of
mapped (``ReadTextColumn``): each text a query touches in a mapping stays resident with the file pages
around it, up to hundreds of kilobytes where the kernel caches the file in large folios.
"""

from __future__ import annotations

import os
import shutil
import threading
import weakref
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from penholder.errors import LibraryError


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
        offsets = _load_offsets(folder, name)
        if path.stat().st_size == 0:
            return cls(np.zeros(0, dtype=np.uint8), offsets)
        return cls(np.memmap(path, dtype=np.uint8, mode="r").view(np.ndarray), offsets)


_PREAD = getattr(os, "pread", None)  # absent on Windows


class ReadTextColumn(TextColumn):
    """A saved column whose texts are read from its file when asked: for columns a query reads a few of."""

    def __init__(self, path: Path, offsets: np.ndarray) -> None:
        self.path = path
        self.offsets = offsets
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115 -- open as long as the column is
        weakref.finalize(self, self._file.close)
        self._lock = threading.Lock()  # for systems without os.pread, where reading moves the file position

    @classmethod
    def load(cls, folder: Path, name: str) -> ReadTextColumn:
        """Return the column saved as ``name`` in ``folder``, its offsets mapped, its texts left in the file."""
        return cls(folder / f"{name}.bin", _load_offsets(folder, name))

    def __getitem__(self, number: int) -> str:
        start, end = int(self.offsets[number]), int(self.offsets[number + 1])
        return self._read(start, end - start).decode("utf-8")

    def many(self, numbers) -> list[str]:
        """Return the texts ``numbers``, in order, each read from the file."""
        return [self[int(number)] for number in numbers]

    def save(self, folder: Path, name: str) -> None:
        """Copy the column's file and offsets into ``folder`` as ``name``."""
        shutil.copyfile(self.path, folder / f"{name}.bin")
        np.save(folder / f"{name}.offsets.npy", self.offsets)

    def close(self) -> None:
        """Close the column's file (texts can no longer be read)."""
        self._file.close()

    def _read(self, start: int, size: int) -> bytes:
        if _PREAD is not None:
            data = _PREAD(self._file.fileno(), size, start)
        else:
            with self._lock:
                self._file.seek(start)
                data = self._file.read(size)
        if len(data) != size:
            raise LibraryError(f"The library's search index is damaged ({self.path.name} is shorter than it "
                               "should be). Rebuild it with 'penholder library rebuild'.")
        return data


def _load_offsets(folder: Path, name: str) -> np.ndarray:
    # A plain ndarray view of the map: slicing a numpy.memmap costs several times more.
    return np.load(folder / f"{name}.offsets.npy", mmap_mode="r").view(np.ndarray)
