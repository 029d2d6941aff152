"""Benchmark fidelity: each official PDF read, exported to DOCX, rendered by LibreOffice, compared with itself.

Run: ``.venv/bin/python benchmarks/bench_fidelity.py [NAME ...]`` (default: the 22 PDFs in
``../shared/corpus/pdf``). Prints, per document, how many body line ends of the official PDF fall after
the same letter in ours (``tests/export/line_ends.py``), the share in percent, and the page counts
official / ours; then the totals. Needs LibreOffice (soffice) and poppler (pdftotext). One LibreOffice
run for all documents (about a minute on this machine).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.export.line_ends import body_lines, compare_line_ends, page_count, pdf_words  # noqa: E402

from penholder.errors import PenholderError  # noqa: E402
from penholder.export import choose_profile, export_docx  # noqa: E402
from penholder.readers import read_resolution  # noqa: E402

PDFS = ROOT.parent / "shared" / "corpus" / "pdf"


def main(names: list[str]) -> int:
    """Export, render and compare each document; print one line each and the totals."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office or not shutil.which("pdftotext"):
        print("needs LibreOffice (soffice) and poppler (pdftotext)")
        return 1
    sources = [PDFS / f"{name}.pdf" for name in names] if names else sorted(PDFS.glob("*.pdf"))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        exported: dict[Path, tuple[Path, object]] = {}
        for source in sources:
            try:
                resolution = read_resolution(source)
                exported[source] = (export_docx(resolution, out / f"{source.stem}.docx"), resolution)
            except PenholderError as exc:
                print(f"{source.stem}: {exc}")
        start = time.perf_counter()
        subprocess.run([office, f"-env:UserInstallation=file://{out / 'profile'}", "--headless", "--convert-to",
                        "pdf", "--outdir", str(out), *(str(docx) for docx, _ in exported.values())],
                       check=True, capture_output=True, timeout=900)
        print(f"LibreOffice rendered {len(exported)} documents in {time.perf_counter() - start:.1f} s\n")
        print(f"{'document':<16} {'line ends in place':>20} {'%':>6} {'pages official/ours':>20}")
        matched = total = same_pages = 0
        for source, (docx, resolution) in exported.items():
            ours = out / f"{docx.stem}.pdf"
            profile = choose_profile(resolution)
            result = compare_line_ends(body_lines(pdf_words(source), profile.text_left, profile.text_right),
                                       body_lines(pdf_words(ours), profile.text_left, profile.text_right))
            pages = page_count(source), page_count(ours)
            matched, total = matched + result.matched, total + result.official
            same_pages += pages[0] == pages[1]
            print(f"{source.stem:<16} {result.matched:>9}/{result.official:<10} {result.percent:>6.1f} "
                  f"{pages[0]:>12}/{pages[1]:<7}")
        share = 100 * matched / total if total else 0
        print(f"\nall: {matched}/{total} line ends in place ({share:.1f}%), same page count {same_pages}/"
              f"{len(exported)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
