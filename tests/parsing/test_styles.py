"""Unseen resolutions in the seeds' styles: real GA texts re-typeset four ways parse as they did."""

from __future__ import annotations

import random

import pytest

from penholder.parsing import parse_file, parse_text
from tests.parsing import restyle

STYLES = {
    "clean": restyle.clean,
    "markdown": lambda r: restyle.clean(r, markdown=True),
    "blank-line-per-line": restyle.blank_line_per_line,
    "ocr": restyle.ocr,
}


@pytest.fixture(scope="module")
def sample(shared_dir):
    files = sorted((shared_dir / "corpus" / "ga-78-80-text").glob("A-RES-*.txt"))
    if not files:
        pytest.skip("no GA texts in shared corpus")
    chosen = random.Random(2024).sample(files, 40)
    parsed = [parse_file(f) for f in chosen]
    return [r for r in parsed if r.preambular and r.operative and all(p.number for p in r.operative)]


def _shape(resolution):
    return [(p.kind, p.lead, p.full_text()) for p in resolution.paragraphs]


@pytest.mark.parametrize("style", list(STYLES))
def test_restyled_resolutions_parse_the_same(sample, style):
    same = 0
    for resolution in sample:
        again = parse_text(STYLES[style](resolution), source=f"{style}.txt")
        same += _shape(again) == _shape(resolution)
        assert again.symbol == resolution.symbol
    assert same >= 0.9 * len(sample), f"{same}/{len(sample)} identical in {style} style"
