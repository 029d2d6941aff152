"""Robustness over the 1,202 real GA texts in ../shared/corpus/ga-78-80-text (skipped when absent)."""

from __future__ import annotations

import itertools

import pytest

from penholder.errors import ParseError
from penholder.parsing import parse_file


def _numbering_is_whole(numbers: list[int]) -> bool:
    """Numbers run 1..N; a resolution in sections (I, II …) may start again at 1 in each."""
    if not numbers:
        return True
    return numbers[0] == 1 and all(b in (a + 1, 1) for a, b in itertools.pairwise(numbers))


@pytest.fixture(scope="module")
def corpus(shared_dir):
    files = sorted((shared_dir / "corpus" / "ga-78-80-text").glob("*.txt"))
    if not files:
        pytest.skip("no GA texts in shared corpus")
    results = {}
    for path in files:
        try:
            results[path] = parse_file(path)
        except ParseError as exc:
            results[path] = exc
    return results


def test_every_file_parses_or_says_why(corpus):
    errors = {p: r for p, r in corpus.items() if isinstance(r, ParseError)}
    assert len(errors) <= 0.06 * len(corpus), sorted(p.name for p in errors)
    for path, error in errors.items():
        message = str(error)
        assert message.startswith(str(path)) and "\n" not in message


def test_operative_numbering_has_no_gaps(corpus):
    broken = [p.name for p, r in corpus.items()
              if not isinstance(r, ParseError)
              and not _numbering_is_whole([q.number for q in r.operative if q.number is not None])]
    assert not broken


def test_adopted_resolutions_have_their_metadata(corpus):
    adopted = {p: r for p, r in corpus.items() if p.name.startswith("A-RES-") and not isinstance(r, ParseError)}
    assert len(adopted) > 800
    for path, resolution in adopted.items():
        assert resolution.symbol == path.stem.replace("-", "/"), path.name
        assert resolution.body == "GA" and resolution.state == "adopted"
    dated = sum(1 for r in adopted.values() if r.adoption.date and r.adoption.meeting and r.title)
    assert dated >= 0.98 * len(adopted)


def test_drafts_have_symbol_and_sponsors(corpus):
    drafts = {p: r for p, r in corpus.items() if "-L." in p.name and not isinstance(r, ParseError)}
    assert len(drafts) > 200
    for path, resolution in drafts.items():
        assert resolution.symbol == path.stem.replace("-", "/"), path.name
        assert resolution.state == "draft" and resolution.adoption.date is None
    committee = [r for r in drafts.values() if r.symbol.startswith("A/C.")]
    assert all(r.committee and r.committee.endswith("Committee") for r in committee)
    assert sum(1 for r in drafts.values() if r.sponsors) >= 0.9 * len(drafts)


def test_paragraphs_look_right(corpus):
    parsed = [r for r in corpus.values() if not isinstance(r, ParseError)]
    paragraphs = [p for r in parsed for p in r.paragraphs]
    assert len(paragraphs) > 30_000
    with_lead = sum(1 for p in paragraphs if p.lead)
    assert with_lead >= 0.99 * len(paragraphs)
    terminated = sum(1 for p in paragraphs if p.full_text().rstrip("”’)").endswith((",", ";", ".", ":")))
    assert terminated >= 0.99 * len(paragraphs)
    for resolution in parsed:
        for paragraph in resolution.paragraphs:
            text = paragraph.full_text()
            assert "Distr." not in text and "Please recycle" not in text and "\n" not in text
