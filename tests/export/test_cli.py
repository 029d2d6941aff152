"""``penholder export``: writes the DOCX, honours --profile/--state, fails in one line without writing."""

from __future__ import annotations

import os

from docx import Document

from penholder.cli import main
from tests.conftest import SEEDS

SEED = SEEDS["A/HRC/RES/53/11"]


def test_export_writes_the_docx_and_prints_its_path(tmp_path, capsys):
    out = tmp_path / "53-11.docx"
    assert main(["export", str(SEED), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    section = Document(str(out)).sections[0]
    assert round(section.page_width.pt) == 595, "an HRC text defaults to the Geneva profile (A4)"


def test_profile_and_state_options_override_the_defaults(tmp_path):
    out = tmp_path / "ny-draft.docx"
    assert main(["export", str(SEED), "-o", str(out), "--profile", "ny", "--state", "draft"]) == 0
    document = Document(str(out))
    assert round(document.sections[0].page_width.pt) == 612
    styles = {p.style.name for p in document.paragraphs}
    assert "UN Sponsors" in styles and "UN Adoption Heading" not in styles


def test_a_wrong_output_folder_is_one_line_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "missing" / "out.docx"
    assert main(["export", str(SEED), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("penholder: ") and "folder does not exist" in err and "\n" not in err
    assert not out.parent.exists() and os.listdir(tmp_path) == []


def test_an_unreadable_input_is_one_line(tmp_path, capsys):
    assert main(["export", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out.docx")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("penholder: ") and "\n" not in err
    assert not (tmp_path / "out.docx").exists()


def test_a_saved_draft_exports_with_its_metadata(tmp_path):
    from penholder import drafts
    draft = drafts.Draft(text=SEED.read_text(encoding="utf-8"), metadata=drafts.DraftMetadata(
        symbol="A/HRC/56/L.12", body="HRC", session="56", sponsors=["Cuba", "Egypt"]))
    source = tmp_path / "enhancement.penholder"
    drafts.save_draft(draft, source)
    out = tmp_path / "draft.docx"
    assert main(["export", str(source), "-o", str(out), "--state", "draft"]) == 0
    document = Document(str(out))
    texts = {p.style.name: p.text for p in document.paragraphs}
    assert texts["UN Sponsors"] == "Cuba and Egypt: draft resolution"
    header = document.sections[0].first_page_header.paragraphs[0].text
    assert header == "United Nations\tA/HRC/56/L.12"


def test_export_reads_a_docx_input_through_the_same_readers_as_parse(tmp_path, seed_paths):
    from penholder.parsing import parse_file
    from penholder.readers import read_resolution

    first = tmp_path / "first.docx"
    assert main(["export", str(seed_paths["A/HRC/RES/53/11"]), "-o", str(first)]) == 0
    again = tmp_path / "again.docx"
    assert main(["export", str(first), "-o", str(again)]) == 0
    expected = parse_file(seed_paths["A/HRC/RES/53/11"])
    assert [p.text for p in read_resolution(again).operative] == [p.text for p in expected.operative]
