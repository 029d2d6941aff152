"""The agreed-language report as a Word table: changed words shown as a reviewer would mark them.

Inserted words are underlined and coloured, deleted words struck through and coloured (the colours of
tracked changes), so the table reads the same printed in black and white.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from penholder.compare import to_runs
from penholder.errors import ExportError
from penholder.report.agreed import AGREED, NEW, ReportRow, report_summary

INSERTED = RGBColor(0x1A, 0x7F, 0x37)
DELETED = RGBColor(0xB3, 0x26, 0x1E)
HEADINGS = ("Paragraph", "Draft text, changes from the precedent", "Closest precedent", "Unchanged")
WIDTHS = (Cm(2.2), Cm(14.6), Cm(5.2), Cm(2.2))
DELEGATION_WIDTH = Cm(2.6)


def write_report_docx(rows: list[ReportRow], path: str | Path, *, title: str | None = None,
                      delegation: str | None = None) -> None:
    """Write the report table to ``path`` (DOCX); raise ExportError when it cannot be written."""
    from penholder.export.docx_export import save_document

    target = Path(path)
    if not target.parent.is_dir():
        raise ExportError(f"{target}: the folder {target.parent} does not exist")
    save_document(build_document(rows, title, delegation), target)  # in memory, then one atomic write; causes named


def build_document(rows: list[ReportRow], title: str | None = None, delegation: str | None = None):
    """Return the python-docx Document of the report (landscape A4, one table row per paragraph); with
    ``delegation`` a column says how that State voted on each precedent."""
    headings, widths = HEADINGS, WIDTHS
    if delegation:
        headings = (*HEADINGS[:3], f"{delegation.upper()} vote", HEADINGS[3])
        widths = (WIDTHS[0], WIDTHS[1] - DELEGATION_WIDTH, WIDTHS[2], DELEGATION_WIDTH, WIDTHS[3])
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(10)
    document.add_heading(title or "Agreed-language report", level=1)
    summary = report_summary(rows)
    legend = document.add_paragraph(
        f"{len(rows)} paragraphs: {summary['agreed']} agreed word for word, {summary['changed']} changed "
        f"from a precedent, {summary['new']} without a precedent. ")
    _run(legend, "Inserted words", inserted=True)
    legend.add_run(" and ")
    _run(legend, "deleted words", deleted=True)
    legend.add_run(" are shown against the closest precedent.")
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice and Word lay out from
    for cell, heading, width in zip(table.rows[0].cells, headings, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].add_run(heading).bold = True
    _repeat_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        cells[0].paragraphs[0].add_run(row.label)
        _diff_cell(cells[1].paragraphs[0], row)
        _precedent_cell(cells[2].paragraphs[0], row)
        if delegation:
            cells[3].paragraphs[0].add_run(_delegation_text(row))
        cells[-1].paragraphs[0].add_run("—" if row.status == NEW else f"{row.share_unchanged:.0%}")
    return document


def _diff_cell(paragraph, row: ReportRow) -> None:
    if row.status == NEW or not row.ops:
        paragraph.add_run(row.text)
        return
    for run in to_runs(row.ops):
        _run(paragraph, run.text, inserted=run.change == "insert", deleted=run.change == "delete",
             fact=bool(run.facts) and run.change is not None)


def _precedent_cell(paragraph, row: ReportRow) -> None:
    hit = row.precedent
    if hit is None:
        paragraph.add_run("no precedent found").italic = True
        return
    kind = "OP" if hit.kind == "operative" else "PP"
    paragraph.add_run(f"{hit.symbol}, {kind} {hit.number}").bold = True
    details = [str(hit.year) if hit.year else "", hit.adoption.badge() or "adoption not recorded"]
    if row.status == AGREED:
        details.append("word for word")
    if hit.also:
        details.append(f"also in {len(hit.also)} other{'s' if len(hit.also) > 1 else ''}")
    paragraph.add_run("\n" + ", ".join(d for d in details if d))


def _delegation_text(row: ReportRow) -> str:
    """Return the State's vote on the row's precedent (``yes``, ``without a vote`` …), or ``—``."""
    found = row.precedent.delegation if row.precedent is not None else None
    if not found:
        return "—"
    return found["label"].partition(": ")[2] or "—"


def _run(paragraph, text: str, *, inserted: bool = False, deleted: bool = False, fact: bool = False):
    run = paragraph.add_run(text)
    if inserted:
        run.font.underline = True
        run.font.color.rgb = INSERTED
    if deleted:
        run.font.strike = True
        run.font.color.rgb = DELETED
    if fact:
        run.bold = True  # a changed date, number or reference
    return run


def _repeat_header(row) -> None:
    """Mark the table's first row to repeat at the top of every page."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
