"""Older UN layouts in pdftotext form, derived from the seeds and the GA texts, parse to the same counts.

Each input is made here by ``older_layout`` from a parsed resolution with a seeded RNG (numbers after the
first line or before it, the last paragraph scrambled, footnote blocks out of order, Word's "0F"
residue, furniture between lines, split and run-together words); the parse of the input must give the
source's preambular, operative and footnote counts. A draw of 40 GA resolutions runs by default,
PENHOLDER_FULL_CORPUS=1 draws 300. The benchmark runs all of them.
"""

from __future__ import annotations

import os
import random

import pytest

from penholder.errors import ParseError
from penholder.parsing import parse_file, parse_text
from penholder.parsing.pdftext import looks_like_pdftotext
from tests.parsing.older_layout import older_layout


def _counts(resolution):
    return len(resolution.preambular), len(resolution.operative), len(resolution.footnotes)


def test_seeds_in_an_older_layout_keep_their_counts(seed_paths):
    for symbol, path in seed_paths.items():
        source = parse_file(path)
        for seed in range(6):
            text = older_layout(source, seed)
            assert looks_like_pdftotext(text)
            derived = parse_text(text)
            assert _counts(derived) == _counts(source), (symbol, seed)
            assert [p.number for p in derived.operative] == [p.number for p in source.operative]
            assert derived.adoption.meeting == source.adoption.meeting


def test_ga_resolutions_in_an_older_layout_keep_their_counts(shared_dir):
    files = sorted((shared_dir / "corpus" / "ga-78-80-text").glob("A-RES-*.txt"))
    if not files:
        pytest.skip("no GA resolutions in shared corpus")
    size = 300 if os.environ.get("PENHOLDER_FULL_CORPUS") else 40
    draw = random.Random(2018).sample(files, min(size, len(files)))
    exact, tried, misses = 0, 0, []
    for seed, path in enumerate(draw):
        try:
            source = parse_file(path)
        except ParseError:
            continue
        tried += 1
        derived = parse_text(older_layout(source, seed))
        if _counts(derived) == _counts(source):
            exact += 1
        else:
            misses.append((path.name, seed, _counts(source), _counts(derived)))
    assert tried >= 0.9 * len(draw)
    assert exact >= 0.97 * tried, misses


def test_the_last_paragraph_is_whole_after_the_end_matter_is_undone(seed_paths):
    source = parse_file(seed_paths["A/RES/67/169"])
    last = f"\n{source.operative[-1].number}.\n"
    scrambled = 0
    for seed in range(20):
        text = older_layout(source, seed)
        after_number = text.split(last, 1)[1] if last in text else ""
        scrambled += after_number[:1].islower()  # "17." / "session." / … / "Decides to continue …"
        derived = parse_text(text)
        assert derived.operative[-1].text == source.operative[-1].text, seed
    assert scrambled >= 5
