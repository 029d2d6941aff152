"""PDFs from another producer: our DOCX exports rendered by LibreOffice (A4 Geneva and Letter New York).

Its footnote rule is drawn, not typed, and its marks sit side by side: the PDF must still read back
to the source's paragraphs, leads, notes and footnotes.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from penholder.export import export_docx
from penholder.readers import read_resolution

CASES = {"A/HRC/RES/23/3": "geneva", "A/RES/67/169": "ny"}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, seed_paths):
    """Return {symbol: (source resolution, PDF path)} rendered in one LibreOffice run."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("rendered")
    sources, docx_paths = {}, []
    for symbol, profile in CASES.items():
        source = read_resolution(seed_paths[symbol])
        path = folder / (symbol.replace("/", "-") + ".docx")
        export_docx(source, path, profile=profile)
        sources[symbol], docx_paths = source, [*docx_paths, path]
    subprocess.run([office, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), *map(str, docx_paths)],
                   check=True, capture_output=True, timeout=240)
    return {symbol: (sources[symbol], docx.with_suffix(".pdf")) for symbol, docx in zip(CASES, docx_paths)}


@pytest.mark.parametrize("symbol", list(CASES))
def test_rendered_pdf_reads_back_to_the_source(rendered, symbol):
    source, pdf = rendered[symbol]
    back = read_resolution(pdf)
    assert back.symbol == source.symbol
    assert [(p.kind, p.number, p.lead, p.text) for p in back.paragraphs] == [
        (p.kind, p.number, p.lead, p.text) for p in source.paragraphs]
    assert [p.notes for p in back.paragraphs] == [list(dict.fromkeys(p.notes)) for p in source.paragraphs]
    assert [(f.mark, f.text) for f in back.footnotes] == [(f.mark, f.text) for f in source.footnotes]
    assert back.adoption == source.adoption
