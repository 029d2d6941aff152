"""Round trip of the bundled seeds: parse, export to DOCX, read the DOCX back, same paragraphs."""

from __future__ import annotations

import pytest
from docx import Document

from penholder import parsing
from penholder.export import export_docx
from tests.conftest import SEEDS
from tests.export.reading import part_xml

BODY_STYLES = {"UNPreambular", "UNOperative", "UNSubparagraph", "UNSubparagraph2", "UNSubparagraph3"}


def docx_lines(path) -> list[tuple[str, str]]:
    """Return (style id, text without note marks) of every paragraph, read with python-docx."""
    lines = []
    for paragraph in Document(str(path)).paragraphs:
        # style ids straight from the XML: resolving style names per run is needlessly slow
        runs = [run.text for run in paragraph.runs if run._r.style != "FootnoteReference"]
        lines.append((paragraph._p.style, "".join(runs)))
    return lines


def printed(resolution) -> list[str]:
    """Return the body paragraphs as exported: operative number and tab, then the text."""
    lines = [p.text for p in resolution.preambular]
    lone = len(resolution.operative) == 1
    for index, paragraph in enumerate(resolution.operative, start=1):
        lines.append(paragraph.text if lone else f"{paragraph.number or index}.\t{paragraph.text}")
        stack = list(paragraph.subparagraphs)
        while stack:
            sub = stack.pop(0)
            lines.append(f"{sub.label}\t{sub.text}")
            stack[:0] = sub.subparagraphs
    return lines


@pytest.fixture(scope="module")
def exported_seeds(tmp_path_factory):
    """Parse and export every seed once; return {symbol: (resolution, docx path, docx lines)}."""
    folder = tmp_path_factory.mktemp("seeds")
    result = {}
    for symbol, source in SEEDS.items():
        resolution = parsing.parse_file(source)
        path = export_docx(resolution, folder / f"{source.stem}.docx")
        result[symbol] = (resolution, path, docx_lines(path))
    return result


@pytest.mark.parametrize("symbol", SEEDS)
def test_docx_paragraphs_are_the_seed_paragraphs(exported_seeds, symbol):
    resolution, _, lines = exported_seeds[symbol]
    body = [text for style, text in lines if style in BODY_STYLES]
    assert body == printed(resolution)
    assert len(body) >= len(resolution.paragraphs) > 0


@pytest.mark.parametrize("symbol", SEEDS)
def test_parsing_the_docx_text_gives_the_same_resolution(exported_seeds, symbol):
    resolution, path, lines = exported_seeds[symbol]
    text = "\n\n".join(line.replace("\t", " ") for _, line in lines)
    again = parsing.parse_text(text, source=str(path))
    assert [(p.kind, p.lead, p.text) for p in again.paragraphs] == [
        (p.kind, p.lead, p.text) for p in resolution.paragraphs]
    assert (again.symbol, again.title, again.adoption) == (resolution.symbol, resolution.title,
                                                            resolution.adoption)


@pytest.mark.parametrize("symbol", SEEDS)
def test_every_seed_note_is_a_real_footnote(exported_seeds, symbol):
    resolution, path, _ = exported_seeds[symbol]

    notes = part_xml(path, "word/footnotes.xml")
    text = " ".join("".join(n.itertext()) for n in notes)
    assert all(" ".join(note.text.split()) in " ".join(text.split()) for note in resolution.footnotes)
