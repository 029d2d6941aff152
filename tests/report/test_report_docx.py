"""The report as DOCX: one row per paragraph, inserted words underlined, deleted words struck through."""

from __future__ import annotations

import copy

import pytest
from docx import Document

from penholder.errors import ExportError
from penholder.parsing import parse_file
from penholder.report import agreed_language_report, write_report_docx
from penholder.search import PrecedentIndex


@pytest.fixture(scope="module")
def rows(seed_paths):
    seeds = [parse_file(path) for path in seed_paths.values()]
    draft = copy.deepcopy(seeds[1])
    draft.symbol = None
    words = draft.operative[0].text.split(" ")
    draft.operative[0].text = " ".join([*words[:3], "wholeheartedly", *words[5:]])
    return agreed_language_report(draft, PrecedentIndex.from_resolutions(seeds))


def test_the_table_has_a_row_per_paragraph_and_marks_the_changes(rows, tmp_path):
    path = tmp_path / "report.docx"
    write_report_docx(rows, path, title="Draft against the library")
    document = Document(str(path))
    table = document.tables[0]
    assert len(table.rows) == len(rows) + 1
    assert [c.text for c in table.rows[0].cells] == ["Paragraph", "Draft text, changes from the precedent", "Closest precedent", "Unchanged"]
    labels = [r.cells[0].text for r in table.rows[1:]]
    assert labels == [row.label for row in rows]
    changed = next(i for i, row in enumerate(rows, start=1) if row.changed)
    runs = table.rows[changed].cells[1].paragraphs[0].runs
    inserted = "".join(r.text for r in runs if r.font.underline)
    deleted = "".join(r.text for r in runs if r.font.strike)
    assert "wholeheartedly" in inserted and deleted.strip()
    assert "".join(r.text for r in runs if not r.font.strike) == rows[changed - 1].text
    unchanged = next(i for i, row in enumerate(rows, start=1) if not row.changed)
    cell = table.rows[unchanged]
    assert cell.cells[3].text == "100%" and not any(r.font.strike for r in cell.cells[1].paragraphs[0].runs)
    assert rows[unchanged - 1].precedent.symbol in cell.cells[2].text


def test_a_missing_folder_is_an_export_error(rows, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_report_docx(rows, tmp_path / "missing" / "report.docx")
