"""Benchmark the readers: PDF throughput on the 22 official PDFs, text reading of the 1,202 GA texts.

Run: ``.venv/bin/python benchmarks/bench_import.py [--limit N]``. Needs ../shared/ (or PENHOLDER_SHARED).
PDF: ``read_document`` (pypdf runs with size, position and font, then the layout) in pages/s and
files/s, with the ratio to the naive way measured in the same run, pypdf's plain ``extract_text()``
(no furniture removal, no footnotes, no leads). Text: ``read_resolution`` (encoding detection, then the
parser) over the 1,202 texts in files/s, with the ratio to the naive way, ``Path.read_text`` then
``parse_text``; the issue's target is 1,202 texts in <= 60 s. Wall-clock and CPU time are both shown:
on a busy shared machine the wall clock also counts waiting for a core.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import sys
import time
from pathlib import Path

from penholder.errors import ParseError
from penholder.parsing import parse_text
from penholder.readers import parse_document, read_document

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PENHOLDER_SHARED", ROOT.parent / "shared"))


class Clock:
    """Wall-clock and CPU seconds of a block."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def naive_pdf(path: Path) -> int:
    """Return the page count after pypdf's plain text extraction of every page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(path.read_bytes()))
    for page in reader.pages:
        page.extract_text()
    return len(reader.pages)


def bench_pdf(paths: list[Path]) -> None:
    """Print PDF read and parse throughput and the ratio to plain extract_text."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    pages = failed = 0
    documents = []
    with Clock() as ours:
        for path in paths:
            try:
                document = read_document(path)
            except ParseError as error:
                failed += 1
                print(f"  failed: {error}")
                continue
            pages += document.pages or 0
            documents.append(document)
    with Clock() as parse:
        parsed = 0
        for document in documents:
            try:
                parse_document(document)
                parsed += 1
            except ParseError as error:
                print(f"  not parsed: {error}")
    with Clock() as naive:
        for path in paths:
            naive_pdf(path)
    print(f"PDF: {len(paths)} files, {pages} pages, {failed} failed to read, {parsed} parsed")
    print(f"  read (layout):  {ours.wall:6.2f} s wall, {ours.cpu:6.2f} s CPU = "
          f"{pages / ours.cpu:5.1f} pages/s, {len(paths) / ours.cpu:5.2f} files/s (CPU)")
    print(f"  parse:          {parse.wall:6.2f} s wall, {parse.cpu:6.2f} s CPU")
    print(f"  naive extract_text(): {naive.wall:6.2f} s wall, {naive.cpu:6.2f} s CPU = "
          f"{pages / naive.cpu:5.1f} pages/s")
    print(f"  ratio read/naive (CPU): {ours.cpu / naive.cpu:4.2f}x")


def bench_text(paths: list[Path]) -> None:
    """Print text read+parse throughput over the GA texts and the ratio to read_text + parse_text."""
    failed: list[str] = []
    encodings: dict[str, int] = {}
    with Clock() as ours:
        for path in paths:
            try:
                document = read_document(path)
                encodings[document.encoding or "?"] = encodings.get(document.encoding or "?", 0) + 1
                parse_document(document)
            except ParseError as error:
                failed.append(str(error))
    with Clock() as naive:
        for path in paths:
            try:
                parse_text(path.read_text(encoding="utf-8", errors="replace"), source=str(path))
            except ParseError:
                pass
    count = len(paths)
    print(f"Text: {count} files, {len(failed)} refused with a ParseError, encodings {encodings}")
    for line in failed[:5]:
        print(f"  {line}")
    print(f"  read_resolution: {ours.wall:6.2f} s wall, {ours.cpu:6.2f} s CPU = "
          f"{count / ours.cpu:6.1f} files/s (CPU); target 1,202 in <= 60 s: "
          f"{'met' if ours.cpu * 1202 / max(count, 1) <= 60 else 'MISSED'}")
    print(f"  naive read_text + parse_text: {naive.wall:6.2f} s wall, {naive.cpu:6.2f} s CPU")
    print(f"  ratio (CPU): {ours.cpu / naive.cpu:4.2f}x")


def bench_library(paths: list[Path]) -> None:
    """Time `Library.add_files` (read, parse, store, one transaction per file) and the index build after."""
    import tempfile

    from penholder.library import Library

    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "library.sqlite3"
        with Library.open(database) as library:  # a new library: the bundled corpus goes in first
            with Clock() as add:
                report = library.add_files(paths)
            with Clock() as index:
                library.index()
        size = sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file()) / 1e6
    print(f"Library import: {report.summary()}")
    print(f"  add_files: {add.wall:6.2f} s wall, {add.cpu:6.2f} s CPU = {len(paths) / add.wall:6.1f} files/s "
          f"(target: the 1,202 texts in <= 60 s)")
    print(f"  index build after: {index.wall:6.2f} s wall; library on disk {size:.1f} MB")


def main() -> int:
    """Run both benchmarks; return 1 when ../shared/ is missing."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--limit", type=int, default=0, help="read only the first N files of each set")
    args = options.parse_args()
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        print(f"shared corpus not found at {corpus} (set PENHOLDER_SHARED)", file=sys.stderr)
        return 1
    pdfs = sorted((corpus / "pdf").glob("*.pdf"))
    texts = sorted((corpus / "ga-78-80-text").glob("*.txt"))
    if args.limit:
        pdfs, texts = pdfs[: args.limit], texts[: args.limit]
    bench_pdf(pdfs)
    bench_text(texts)
    bench_library(texts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
