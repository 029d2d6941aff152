"""Every command that takes a file in goes through the same guarded door: parse, check, export, compare,
sources and library add, each given a lying ZIP bomb, an honest one, a DTD in UTF-16 without a BOM, a
60 MB text and a heavy PDF (limit lowered to 0.5 s), answer in one line naming the file, within seconds, exit 1.
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from penholder.cli import main
from penholder.readers import pdf_worker
from tests.readers.probes import report
from tests.readers.samples import write_docx, zip_parts
from tests.reliability.test_readers_door import MB, _deflated_zip, _dtd_document, _lie
from tests.reliability.test_readers_pdf_limit import write_shared_stream_pdf


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """Return {what: (file, words its message must hold)}."""
    folder = tmp_path_factory.mktemp("commands")
    parts = zip_parts(write_docx(folder / "base.docx"))
    honest = _deflated_zip(parts, "word/document.xml", 120 * MB)  # over the 100 MB budget
    files = {}
    (folder / "honest.docx").write_bytes(honest)
    files["honest ZIP bomb"] = (folder / "honest.docx", "probably damaged")
    (folder / "lying.docx").write_bytes(_lie(honest, "word/document.xml", 4096))
    files["lying ZIP bomb"] = (folder / "lying.docx", "does not match its checksum")
    dtd = dict(parts)
    dtd["word/document.xml"] = _dtd_document("utf-16-le", bom=False, declaration=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in dtd.items():
            archive.writestr(name, data)
    (folder / "dtd.docx").write_bytes(buffer.getvalue())
    files["DTD in UTF-16LE, no BOM"] = (folder / "dtd.docx", "declares a DTD")
    line = b"Recalling its resolution 70/1 of 25 September 2015,\n"
    (folder / "huge.txt").write_bytes(line * (60 * MB // len(line) + 1))
    files["60 MB text"] = (folder / "huge.txt", "larger than 50 MB")
    files["heavy PDF"] = (write_shared_stream_pdf(folder / "heavy.pdf", 2000, 40_000), "longer than 0 s")
    return files


COMMANDS = {
    "parse": lambda path, out, seed: ["parse", str(path)],
    "check": lambda path, out, seed: ["check", str(path)],
    "export": lambda path, out, seed: ["export", str(path), "-o", str(out / "out.docx")],
    "compare": lambda path, out, seed: ["compare", str(seed), str(path)],
    "sources": lambda path, out, seed: ["sources", str(path), "-o", str(out / "report.docx")],
    "library add": lambda path, out, seed: ["library", "add", str(path), "--library", str(out / "lib.sqlite3")],
}


def test_every_command_answers_every_bad_file_in_one_line(bad_files, tmp_path, capsys, monkeypatch,
                                                          seed_paths):
    monkeypatch.setattr(pdf_worker, "MAX_PDF_SECONDS", 0.5)
    seed = next(iter(seed_paths.values()))
    slowest = 0.0
    runs = 0
    for what, (path, words) in bad_files.items():
        for command, arguments in COMMANDS.items():
            began = time.monotonic()
            code = main(arguments(path, tmp_path, seed))
            seconds = time.monotonic() - began
            out, err = capsys.readouterr()
            lines = [line for line in err.splitlines() if str(path) in line]
            assert code == 1, (what, command, out, err)
            assert "internal error" not in err and "Traceback" not in err, (what, command, err)
            assert len(lines) == 1 and words in lines[0], (what, command, err)
            assert not (tmp_path / "out.docx").exists() and not (tmp_path / "report.docx").exists()
            slowest = max(slowest, seconds if what != "heavy PDF" else seconds - 0.5)
            runs += 1
    report(f"{len(bad_files)} bad files x {len(COMMANDS)} commands (parse, check, export, compare, sources, "
           "library add)", runs, f"exit 1 with one line naming the file every time; slowest "
                                 f"{slowest:.1f} s beyond the PDF limit")

