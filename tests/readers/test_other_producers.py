"""Files from another producer: our DOCX exports rendered to PDF (A4 Geneva, Letter New York) and
saved again as DOCX by LibreOffice.

In its PDF the footnote rule is drawn, not typed, and marks sit side by side; in its DOCX each custom
footnote mark is typed twice. Both must read back to the source's paragraphs, leads, notes and footnotes.
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
    for target, outdir in (("pdf", folder), ("docx:MS Word 2007 XML", folder / "resaved")):
        subprocess.run([office, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                        "--convert-to", target, "--outdir", str(outdir), *map(str, docx_paths)],
                       check=True, capture_output=True, timeout=240)
    return {symbol: (sources[symbol], docx.with_suffix(".pdf"), folder / "resaved" / docx.name)
            for symbol, docx in zip(CASES, docx_paths)}


@pytest.mark.parametrize("kind", ["pdf", "docx"])
@pytest.mark.parametrize("symbol", list(CASES))
def test_other_producer_reads_back_to_the_source(rendered, symbol, kind):
    source, pdf, docx = rendered[symbol]
    back = read_resolution(pdf if kind == "pdf" else docx)
    assert back.symbol == source.symbol
    assert [(p.kind, p.number, p.lead, p.text) for p in back.paragraphs] == [
        (p.kind, p.number, p.lead, p.text) for p in source.paragraphs]
    assert [p.notes for p in back.paragraphs] == [list(dict.fromkeys(p.notes)) for p in source.paragraphs]
    assert [(f.mark, f.text) for f in back.footnotes] == [(f.mark, f.text) for f in source.footnotes]
    assert back.adoption == source.adoption
