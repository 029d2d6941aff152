"""Fixtures for search tests: the seeds parsed once, and their index."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def seed_resolutions(seed_paths):
    """Return the parsed seeds by symbol."""
    from penholder.parsing import parse_file

    return {symbol: parse_file(path) for symbol, path in seed_paths.items()}


@pytest.fixture(scope="session")
def seed_index(seed_resolutions):
    """Return a PrecedentIndex over the five seeds."""
    from penholder.search import PrecedentIndex

    return PrecedentIndex.from_resolutions(seed_resolutions.values())


def paragraph_starting(resolution, words: str):
    """Return (kind, number, paragraph) of the first paragraph of ``resolution`` starting with ``words``."""
    for kind, paragraphs in (("preambular", resolution.preambular), ("operative", resolution.operative)):
        for position, paragraph in enumerate(paragraphs, start=1):
            if paragraph.text.startswith(words):
                number = paragraph.number if kind == "operative" and paragraph.number else position
                return kind, number, paragraph
    raise AssertionError(f"{resolution.symbol} has no paragraph starting {words!r}")
