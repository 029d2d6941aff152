"""PDF files: a text PDF reads into paragraphs; encrypted, image-only and damaged PDFs give one line."""

from __future__ import annotations

import pytest

from penholder.errors import ParseError
from penholder.readers import PDF, read_document, read_resolution
from penholder.readers.pdf_layout import PageRuns, TextRun, rebuild_text
from tests.readers.samples import OPERATIVE, PREAMBULAR, resolution_runs, write_blank_pdf, write_text_pdf


def test_text_pdf_reads_leads_and_numbers(tmp_path):
    path = write_text_pdf(tmp_path / "res.pdf", resolution_runs())
    document = read_document(path)
    assert (document.format, document.pages) == (PDF, 1)
    resolution = read_resolution(path)
    assert [p.lead for p in resolution.preambular] == [lead for lead, _ in PREAMBULAR]
    assert [p.lead for p in resolution.operative] == [lead for lead, _ in OPERATIVE]


def _encrypt(source, target, user_password):
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(source))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    writer.write(str(target))
    return target


def test_password_protected_pdf(tmp_path):
    plain = write_text_pdf(tmp_path / "res.pdf", resolution_runs())
    locked = _encrypt(plain, tmp_path / "locked.pdf", "secret")
    with pytest.raises(ParseError, match="password-protected") as caught:
        read_resolution(locked)
    assert str(caught.value).startswith(str(locked))


def test_owner_password_only_pdf_still_reads(tmp_path):
    plain = write_text_pdf(tmp_path / "res.pdf", resolution_runs())
    restricted = _encrypt(plain, tmp_path / "restricted.pdf", "")
    assert read_document(restricted).text == read_document(plain).text


def test_image_only_pdf(tmp_path):
    with pytest.raises(ParseError, match=r"no text layer \(scanned image\?\)"):
        read_resolution(write_blank_pdf(tmp_path / "scan.pdf"))


@pytest.mark.parametrize("cut", [9, 100, 400, 0.5, 0.9, -30])
def test_truncated_pdf_gives_a_clean_error_or_text(tmp_path, cut):
    data = write_text_pdf(tmp_path / "res.pdf", resolution_runs()).read_bytes()
    end = cut if isinstance(cut, int) and cut > 0 else (len(data) + cut if isinstance(cut, int)
                                                        else int(len(data) * cut))
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[:end])
    try:
        read_resolution(path)
    except ParseError as error:
        assert str(error).startswith(str(path)) and "\n" not in str(error)


def test_pdf_header_on_garbage(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(ParseError, match=str(path)):
        read_resolution(path)


def _run(x, y, text, size=10.0, font="TimesNewRomanPSMT"):
    return TextRun(x, y, size, font, text)


@pytest.mark.parametrize("scale", [1.0, 1.2], ids=["10 pt body", "12 pt body"])
def test_layout_drops_furniture_keeps_marks_and_joins_pages(scale):
    first = PageRuns(612, 792, [
        _run(123, 700, " "), _run(147, 700, "Recalling", font="TimesNewRomanPS-ItalicMT"),
        _run(190, 700, " its resolution of 12 July 2023"), _run(330, 703.5, "1", size=6.5),
        _run(334, 700, " and the work of the high-"),
        _run(123, 688, "level meeting on the question of"),
        _run(100, 130, "__________________", size=8, font="TimesNewRomanPS-BoldMT"),
        _run(117, 118, "1", size=5.5), _run(123, 115, "Resolution 53/11.", size=8.5),
        _run(65, 44, "23-26037 (E)    090124"), _run(65, 30, "*2326037*", size=12, font="Barcode 3 of 9"),
    ])
    second = PageRuns(612, 792, [
        _run(60, 733, "A/RES/78/199", size=8.5, font="TimesNewRomanPS-BoldMT"),
        _run(320, 742, "Enhancement of international cooperation", size=8.5, font="TimesNewRomanPS-BoldMT"),
        _run(123, 709, "development and human rights,"),
        _run(123, 691, " "), _run(147, 691, "1."), _run(171, 691, "Decides", font="TimesNewRomanPS-ItalicMT"),
        _run(210, 691, " to remain seized of the matter."),
        _run(60, 36, "2/4", size=8.5, font="TimesNewRomanPS-BoldMT"), _run(524, 38, "23-26037", size=7),
        _run(123, 50, "Please recycle", size=8),
    ])
    for page in (first, second):
        # The same page enlarged: type, spacing, margins and paper all grow together.
        page.width, page.height = page.width * scale, page.height * scale
        for run in page.runs:
            run.x, run.y, run.size = run.x * scale, run.y * scale, run.size * scale
    result = rebuild_text([first, second])
    blocks = result.text.strip().split("\n\n")
    assert blocks[0] == ("*Recalling* its resolution of 12 July 2023¹ and the work of the high-level meeting "
                         "on the question of development and human rights,")
    assert blocks[1] == "1. *Decides* to remain seized of the matter."
    assert blocks[2] == "¹ Resolution 53/11."
    assert len(blocks) == 3
    for furniture in ("A/RES/78/199", "2/4", "23-26037", "Please recycle", "2326037", "Enhancement"):
        assert furniture not in result.text


def test_notes_cited_side_by_side_stay_apart():
    from penholder.readers.marks import split_glued_marks

    marks = {"1", "4", "5", "12"}
    assert split_glued_marks("rights;⁴⁵", marks) == "rights;⁴ ⁵"
    assert split_glued_marks("rights;¹²", marks) == "rights;¹²"  # note 12 exists: one mark
    assert split_glued_marks("rights;⁹⁹", marks) == "rights;⁹⁹"  # nothing to split into


def test_a_page_without_text_is_reported(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=str(write_text_pdf(tmp_path / "res.pdf", resolution_runs())))
    for page in PdfReader(str(write_blank_pdf(tmp_path / "scan.pdf"))).pages:
        writer.add_page(page)
    writer.write(str(tmp_path / "mixed.pdf"))
    document = read_document(tmp_path / "mixed.pdf")
    assert document.pages == 2
    assert any("page 2 has no text layer" in warning for warning in document.warnings)


def test_decompression_bomb_pdf_is_refused(tmp_path):
    from tests.readers.samples import write_flate_bomb_pdf

    path = write_flate_bomb_pdf(tmp_path / "bomb.pdf", 90 * 1024 * 1024)
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(ParseError, match="expands to more than pypdf reads"):
        read_resolution(path)


def test_a_pdf_that_takes_too_long_is_given_up(tmp_path, monkeypatch):
    from penholder.readers import pdf_worker

    path = write_text_pdf(tmp_path / "res.pdf", resolution_runs())
    monkeypatch.setattr(pdf_worker, "MAX_PDF_SECONDS", 0.0)
    with pytest.raises(ParseError, match="took longer than 0 s"):
        read_resolution(path)


def test_a_compression_bomb_under_pypdfs_limit_is_not_called_a_scan(tmp_path):
    from tests.readers.samples import write_flate_bomb_pdf

    path = write_flate_bomb_pdf(tmp_path / "bomb.pdf", 8 * 1024 * 1024)  # 8 kB in the file
    with pytest.raises(ParseError) as caught:
        read_resolution(path)
    message = str(caught.value)
    assert "expand to 8 MB of drawing instructions without any text; it is probably damaged" in message
    assert "scanned" not in message


def test_a_pdf_is_read_in_process_when_no_worker_can_start(tmp_path, monkeypatch):
    from penholder.readers import pdf_worker

    def no_process():
        raise OSError("no processes here")

    monkeypatch.setattr(pdf_worker, "_idle", [])
    monkeypatch.setattr(pdf_worker, "_Worker", no_process)
    path = write_text_pdf(tmp_path / "res.pdf", resolution_runs())
    assert [p.lead for p in read_resolution(path).operative] == [lead for lead, _ in OPERATIVE]
