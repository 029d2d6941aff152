"""Small documents built in the tests: a Word draft with python-docx, a hand-written text PDF."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

PREAMBULAR = [
    ("Recalling", "its resolution 70/1 of 25 September 2015,"),
    ("Recalling also", "the Vienna Declaration and Programme of Action,"),
    ("Deeply concerned", "by the adverse impact of global crises on the enjoyment of human rights,"),
]
OPERATIVE = [
    ("Reaffirms", "the importance of international cooperation;"),
    ("Calls upon", "States to continue a constructive dialogue;"),
    ("Decides", "to continue its consideration of the question at its next session."),
]


def resolution_lines() -> list[str]:
    """Return the plain text lines of a small resolution (numbers typed, no marks)."""
    lines = ["Resolution adopted by the Human Rights Council on 6 October 2023",
             "54/9. Enhancement of cooperation", "The Human Rights Council,"]
    lines += [f"{lead} {rest}" for lead, rest in PREAMBULAR]
    lines += [f"{n}. {lead} {rest}" for n, (lead, rest) in enumerate(OPERATIVE, start=1)]
    lines += ["40th meeting", "6 October 2023", "[Adopted without a vote.]"]
    return lines


def write_docx(path: Path, *, numbered: bool = False, table: bool = False) -> Path:
    """Write a small Word resolution: italic leads, typed or automatic operative numbers, a table."""
    import docx

    document = docx.Document()
    document.add_paragraph("Resolution adopted by the Human Rights Council on 6 October 2023")
    document.add_paragraph("54/9. Enhancement of cooperation")
    organ = document.add_paragraph()
    organ.add_run("The Human Rights Council").italic = True
    organ.add_run(",")
    for lead, rest in PREAMBULAR:
        paragraph = document.add_paragraph()
        paragraph.add_run(lead).italic = True
        paragraph.add_run(" " + rest)
    if table:
        grid = document.add_table(rows=1, cols=2)
        grid.cell(0, 0).text = "In favour"
        grid.cell(0, 1).text = "Recalling the table text"
    for number, (lead, rest) in enumerate(OPERATIVE, start=1):
        if numbered:
            paragraph = document.add_paragraph(style="List Number")
        else:
            paragraph = document.add_paragraph(f"{number}.\t")
        paragraph.add_run(lead).italic = True
        paragraph.add_run(" " + rest)
    document.add_paragraph("40th meeting\n6 October 2023")
    document.add_paragraph("[Adopted without a vote.]")
    document.save(path)
    return path


def resolution_runs() -> list[tuple[str, str]]:
    """Return the small resolution as (italic part, roman part) per paragraph, numbers roman."""
    runs = [("", "Resolution adopted by the Human Rights Council on 6 October 2023"),
            ("", "54/9. Enhancement of cooperation"), ("The Human Rights Council", ",")]
    runs += [(lead, " " + rest) for lead, rest in PREAMBULAR]
    runs += [(f"{n}. |{lead}", " " + rest) for n, (lead, rest) in enumerate(OPERATIVE, start=1)]
    runs += [("", "40th meeting"), ("", "6 October 2023"), ("", "[Adopted without a vote.]")]
    return runs


def write_text_pdf(path: Path, paragraphs: list[tuple[str, str]]) -> Path:
    """Write a one-page Letter PDF in Times, one paragraph a line: (italic part, roman part).

    An italic part ``"1. |Reaffirms"`` sets ``1. `` roman before the italic ``Reaffirms``.
    """
    commands = ["BT"]
    y = 700
    for italic, roman in paragraphs:
        x = 147
        number, _, italic = italic.rpartition("|")
        for font, text in (("F1", number), ("F2", italic), ("F1", roman)):
            if text:
                commands.append(f"/{font} 10 Tf 1 0 0 1 {x} {y} Tm ({_escape(text)}) Tj")
                x += int(4.6 * len(text)) + 1
        y -= 18
    commands.append("ET")
    return _write_pdf(path, "\n".join(commands).encode("latin-1"))


def write_blank_pdf(path: Path) -> Path:
    """Write a one-page PDF with a drawn rectangle and no text (what a scan looks like to a reader)."""
    return _write_pdf(path, b"0 0 1 rg 100 100 200 200 re f")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_flate_bomb_pdf(path: Path, unpacked_bytes: int) -> Path:
    """Write a PDF whose page content is a small stream that inflates to ``unpacked_bytes`` spaces."""
    return _write_pdf(path, b" " * unpacked_bytes, level=1)


def _write_pdf(path: Path, content: bytes, level: int = 6) -> Path:
    stream = zlib.compress(content, level)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>"),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Italic /Encoding /WinAnsiEncoding >>",
    ]
    return write_pdf_objects(path, objects)


def write_pdf_objects(path: Path, objects: list[bytes]) -> Path:
    """Write ``objects`` (numbered from 1, the catalog first) as a PDF with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def zip_parts(path: Path) -> dict[str, bytes]:
    """Return the parts of a ZIP package (a DOCX) by name."""
    with zipfile.ZipFile(path) as archive:
        return {item.filename: archive.read(item.filename) for item in archive.infolist()}


def zipped(parts: dict[str, bytes]) -> bytes:
    """Return a deflated ZIP package (a DOCX) of ``parts``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()
