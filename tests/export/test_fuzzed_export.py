"""Export and redline of fuzzed resolutions (any title length, symbol, numbers, nesting) write a DOCX or
raise ``ExportError``, never anything else. 150 examples by default, 3,000 with ``PENHOLDER_FUZZ=1``."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from penholder.errors import ExportError
from penholder.export import export_docx, write_redline
from penholder.model import OPERATIVE, PREAMBULAR, Adoption, Footnote, Paragraph, Resolution, SubParagraph

FUZZ = os.environ.get("PENHOLDER_FUZZ") == "1"
EXAMPLES = 3000 if FUZZ else 150

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
long_text = st.one_of(text, st.text(st.characters(blacklist_categories=("Cs",)), min_size=200, max_size=1200),
                      st.builds(lambda w, n: (w + " ") * n, st.text(min_size=1, max_size=12), st.integers(20, 200)))
numbers = st.one_of(st.none(), st.integers(-10**30, 10**30), st.integers(0, 200))
marks = st.sampled_from(["*", "**", "1", "2", "3", "a", "", " "])


def subparagraphs(depth: int):
    if depth == 0:
        return st.just([])
    return st.lists(st.builds(SubParagraph, label=text, text=text, notes=st.lists(marks, max_size=2),
                              subparagraphs=subparagraphs(depth - 1)), max_size=2)


@st.composite
def resolutions(draw):
    def paragraph(kind):
        lead = draw(st.sampled_from(["", "Recalling", "Urges", "Also\tnotes", "x" * 300]))
        body = lead + draw(long_text)
        return Paragraph(kind, lead, body, number=draw(numbers), notes=draw(st.lists(marks, max_size=3)),
                         subparagraphs=draw(subparagraphs(3)) if kind == OPERATIVE else [])

    preambular = [paragraph(PREAMBULAR) for _ in range(draw(st.integers(0, 3)))]
    operative = [paragraph(OPERATIVE) for _ in range(draw(st.integers(0, 3)))]
    adoption = Adoption(date=draw(st.one_of(st.none(), text, st.sampled_from(["2024-02-30", "2024-04-24", "9999-12-31"]))),
                        meeting=draw(st.one_of(st.none(), long_text)),
                        mode=draw(st.sampled_from([None, "without a vote", "recorded vote", "other"])),
                        in_favour=draw(numbers), against=draw(numbers), abstaining=draw(numbers))
    return Resolution(
        symbol=draw(st.one_of(st.none(), long_text)), body=draw(st.sampled_from([None, "GA", "HRC", "SC", "zz"])),
        session=draw(numbers), number=draw(numbers), year=draw(numbers), title=draw(st.one_of(st.none(), long_text)),
        organ=draw(st.one_of(st.none(), long_text)), agenda_item=draw(st.one_of(st.none(), long_text)),
        adoption=adoption, preambular=preambular, operative=operative,
        footnotes=[Footnote(m, draw(long_text)) for m in draw(st.lists(marks, max_size=3, unique=True))],
        state=draw(st.sampled_from([None, "draft", "adopted", None, "draft", "adopted", "other"])),
        sponsors=draw(st.lists(long_text, max_size=3)), committee=draw(st.one_of(st.none(), long_text)))


OUTCOMES = {"written": 0, "ExportError": 0}


@pytest.mark.timeout(3600 if FUZZ else 300)  # 3,000 examples take about 8 minutes
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(resolution=resolutions(), older=resolutions(), profile=st.sampled_from([None, "ny", "geneva"]))
def test_fuzzed_resolutions_export_or_raise_export_error(tmp_path, resolution, older, profile):
    for write in (lambda: export_docx(resolution, tmp_path / "fuzz.docx", profile=profile),
                  lambda: write_redline(older, resolution, tmp_path / "fuzz-redline.docx", profile=profile)):
        try:
            path = write()
        except ExportError:
            OUTCOMES["ExportError"] += 1
        else:
            assert path.stat().st_size > 0
            OUTCOMES["written"] += 1


def test_zz_report_fuzz_outcomes(capsys):
    runs = sum(OUTCOMES.values())
    with capsys.disabled():
        print(f"\n| fuzzed resolutions: export + redline | {runs} | {OUTCOMES['written']} written, "
              f"{OUTCOMES['ExportError']} ExportError, 0 other | 0 |")
