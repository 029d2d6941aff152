"""Benchmark: export a 50-paragraph resolution to UN-style DOCX (target <= 0.3 s).

Run: ``.venv/bin/python benchmarks/bench_export.py``. Prints the median time of ``export_docx`` (build
and atomic save) and of the redline of two such resolutions, and compares the body writer with the naive
python-docx way (``add_paragraph``/``add_run`` with style names, looked up on every call), measured in
the same run on the same document setup.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from tests.export.samples import sample_resolution  # noqa: E402

from penholder.export import export_docx, write_redline  # noqa: E402
from penholder.export.layout import ResolutionWriter  # noqa: E402
from penholder.export.profiles import PROFILES  # noqa: E402
from penholder.export.styles import add_styles  # noqa: E402

TARGET = 0.3
REPEATS = 9


def median_time(action, repeats: int = REPEATS) -> float:
    """Return the median wall time of ``action()`` over ``repeats`` runs (after one warm-up)."""
    action()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def naive_body(resolution) -> None:
    """The obvious python-docx way: add_paragraph/add_run with style names."""
    document = Document()
    add_styles(document, PROFILES["geneva"])
    for paragraph in resolution.paragraphs:
        style = "UN Operative" if paragraph.kind == "operative" else "UN Preambular"
        p = document.add_paragraph(style=style)
        if paragraph.number:
            p.add_run(f"{paragraph.number}.\t")
        p.add_run(paragraph.lead, style="UN Lead")
        p.add_run(paragraph.text[len(paragraph.lead):])
        for sub in paragraph.subparagraphs:
            document.add_paragraph(f"{sub.label}\t{sub.text}", style="UN Subparagraph")


def our_body(resolution) -> None:
    """Penholder's body writer on the same setup (styles, page furniture included)."""
    writer = ResolutionWriter(resolution, PROFILES["geneva"], "adopted")
    writer.write_body()


def main() -> int:
    resolution = sample_resolution(preambular=20, operative=30, words=2)
    paragraphs = len(resolution.paragraphs)
    revised = sample_resolution(preambular=20, operative=30, words=2)
    revised.preambular[3].text = revised.preambular[3].text.replace("genuine", "constructive")
    del revised.operative[7]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "bench.docx"
        export = median_time(lambda: export_docx(resolution, out))
        redline = median_time(lambda: write_redline(resolution, revised, Path(folder) / "redline.docx"))
    naive = median_time(lambda: naive_body(resolution))
    ours = median_time(lambda: our_body(resolution))
    print(f"export_docx, {paragraphs} paragraphs: {export:.3f} s median of {REPEATS} (target <= {TARGET} s)")
    print(f"write_redline, {paragraphs} paragraphs: {redline:.3f} s")
    print(f"document + body, naive add_paragraph/add_run: {naive:.3f} s; ours: {ours:.3f} s; "
          f"ratio naive/ours {naive / ours:.2f}")
    return 0 if export <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
