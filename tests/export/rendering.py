"""Render DOCX files to PDF with LibreOffice and read the PDF back as positioned text fragments."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader


@dataclass(frozen=True)
class Fragment:
    """A run of text on a PDF page: position (points from the bottom left), size, font name."""

    page: int
    x: float
    y: float
    size: float
    font: str
    text: str


def soffice() -> str:
    """Return the LibreOffice executable, or skip the test when it is absent."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def convert_to_pdf(docx_paths: list[Path], folder: Path) -> dict[Path, Path]:
    """Convert the DOCX files to PDF in one LibreOffice run; return {docx: pdf}."""
    profile = folder / "lo-profile"
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), *map(str, docx_paths)],
        check=True, capture_output=True, timeout=240,
    )
    result = {path: folder / (path.stem + ".pdf") for path in docx_paths}
    missing = [str(p) for p in result.values() if not p.exists()]
    assert not missing, f"LibreOffice wrote no PDF for {missing}"
    return result


def fragments(pdf: Path) -> list[Fragment]:
    """Return every non-blank text fragment of the PDF, page by page, in content order."""
    found: list[Fragment] = []
    for number, page in enumerate(PdfReader(str(pdf)).pages, start=1):
        def visit(text, cm, tm, font, size, number=number):
            if text.strip():
                scale = (tm[0] * cm[0]) or 1
                found.append(Fragment(number, tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], size * scale,
                                      str((font or {}).get("/BaseFont", "")), text))
        page.extract_text(visitor_text=visit)
    return found


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Return (width, height) in points of every page."""
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(str(pdf)).pages]


def squeeze(text: str) -> str:
    """Return ``text`` without any whitespace (layout-independent comparison)."""
    return re.sub(r"\s+", "", text)
