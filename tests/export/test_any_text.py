"""Whatever the text holds (controls from PDFs, odd marks, empty leads), export writes a DOCX that keeps it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from penholder.export import export_docx, write_redline
from penholder.export.footnotes import xml_safe
from penholder.model import OPERATIVE, PREAMBULAR, Footnote, Paragraph, Resolution
from tests.export.reading import resolve_changes, styled_paragraphs

words = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
marks = st.sampled_from(["*", "**", "1", "2", "7", "a"])


@st.composite
def resolutions(draw):
    """Return a small resolution with arbitrary texts, leads, notes and metadata."""
    def paragraph(kind):
        lead = draw(st.sampled_from(["", "Recalling", "Urges", "Also\tnotes"]))
        text = lead + draw(words)
        return Paragraph(kind, lead, text, notes=draw(st.lists(marks, max_size=2)))

    preambular = [paragraph(PREAMBULAR) for _ in range(draw(st.integers(0, 3)))]
    operative = [paragraph(OPERATIVE) for _ in range(draw(st.integers(1, 3)))]
    for number, item in enumerate(operative, start=1):
        item.number = number
    notes = [Footnote(m, draw(words)) for m in draw(st.lists(marks, max_size=3, unique=True))]
    return Resolution(symbol=draw(st.one_of(st.none(), words)), body=draw(st.sampled_from([None, "GA", "HRC"])),
                      title=draw(st.one_of(st.none(), words)), preambular=preambular, operative=operative,
                      footnotes=notes, sponsors=draw(st.lists(words, max_size=2)),
                      state=draw(st.sampled_from([None, "draft", "adopted"])))


def expected_body(resolution) -> list[str]:
    lone = len(resolution.operative) == 1
    lines = [xml_safe(p.text) for p in resolution.preambular]
    lines += [xml_safe(p.text if lone else f"{p.number}.\t{p.text}") for p in resolution.operative]
    return lines


BODY = {"UN Preambular", "UN Operative"}


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(resolution=resolutions())
def test_any_text_exports_and_reads_back(tmp_path, resolution):
    path = export_docx(resolution, tmp_path / "any.docx")
    body = [text for style, text in styled_paragraphs(path) if style in BODY]
    expected = expected_body(resolution)
    assert len(body) == len(expected)
    # custom note marks print as text after the paragraph's own words
    assert all(text.startswith(want) for text, want in zip(body, expected))


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=resolutions(), new=resolutions())
def test_any_two_texts_give_a_redline_that_resolves_both_ways(tmp_path, old, new):
    path = write_redline(old, new, tmp_path / "any-redline.docx")
    ids = {"UNPreambular", "UNOperative"}
    accepted = [t for s, t in resolve_changes(path, accept=True) if s in ids]
    rejected = [t for s, t in resolve_changes(path, accept=False) if s in ids]
    assert accepted == expected_body(new)
    assert rejected == expected_body(old)
