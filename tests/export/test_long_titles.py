"""Real resolutions whose title is longer than a DOCX core property may be (255 characters) export and
redline: the document keeps the whole title, the core properties are cut to their limit."""

from __future__ import annotations

import copy
import csv

import pytest
from docx import Document

from penholder.cli import main
from penholder.export import export_docx, write_redline
from penholder.export.properties import CORE_PROPERTY_LIMIT, ELLIPSIS, core_text
from penholder.readers import read_resolution
from tests.export.reading import resolve_changes, styled_paragraphs


def long_title_texts(shared_dir):
    """Return (symbol, path) of every GA text in ../shared whose manifest title is over 255 characters."""
    folder = shared_dir / "corpus" / "ga-78-80-text"
    with open(folder / "MANIFEST.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    found = []
    for row in rows:
        if len(row["title"]) > CORE_PROPERTY_LIMIT:
            path = folder / (row["symbol"].replace("/", "-") + ".txt")
            if path.is_file():
                found.append((row["symbol"], path))
    return found


def _title_in_document(path) -> str:
    titles = [text for style, text in styled_paragraphs(path) if style.startswith("UN Title")]
    return " ".join(titles)


def _check_properties(path, title: str) -> None:
    core = Document(str(path)).core_properties
    assert len(core.title) <= CORE_PROPERTY_LIMIT
    assert core.title.endswith(ELLIPSIS)
    assert " ".join(title.split()).startswith(core.title[: -len(ELLIPSIS)])
    assert len(core.title) > CORE_PROPERTY_LIMIT // 2


def test_every_long_title_of_the_ga_texts_exports_and_redlines(shared_dir, tmp_path, capsys):
    texts = long_title_texts(shared_dir)
    assert len(texts) >= 10  # 10 in the GA texts of sessions 78-80
    exported = redlined = 0
    for symbol, source in texts:
        resolution = read_resolution(source)
        assert resolution.title and len(resolution.title) > CORE_PROPERTY_LIMIT, symbol
        out = export_docx(resolution, tmp_path / "export.docx")
        assert " ".join(resolution.title.split()) in " ".join(_title_in_document(out).split()), symbol
        _check_properties(out, resolution.title)
        exported += 1

        older = copy.deepcopy(resolution)
        older.title = resolution.title[: len(resolution.title) // 2]
        if older.operative:
            older.operative.pop()
        red = write_redline(older, resolution, tmp_path / "redline.docx")
        _check_properties(red, resolution.title)
        accepted = " ".join(text for _style, text in resolve_changes(red, accept=True))
        assert " ".join(resolution.title.split()) in " ".join(accepted.split()), symbol
        redlined += 1
    with capsys.disabled():
        print(f"\n| long GA titles: export + redline | {len(texts)} | {exported} exported, {redlined} redlined, "
              "0 errors | 0 lost (whole title in the document) |")


def test_the_cli_exports_a_long_title(shared_dir, tmp_path, capsys):
    symbol, source = long_title_texts(shared_dir)[0]
    out = tmp_path / "long.docx"
    assert main(["export", str(source), "-o", str(out)]) == 0
    assert "internal error" not in capsys.readouterr().err
    assert len(Document(str(out)).core_properties.title) <= CORE_PROPERTY_LIMIT


@pytest.mark.parametrize("length", [0, 1, 254, 255, 256, 400, 5000])
def test_core_text_is_cut_to_the_limit_and_keeps_short_text(length):
    text = ("word " * length)[:length]
    cut = core_text(text)
    assert len(cut) <= CORE_PROPERTY_LIMIT
    if len(" ".join(text.split())) <= CORE_PROPERTY_LIMIT:
        assert cut == " ".join(text.split())
    else:
        assert cut.endswith(ELLIPSIS)


def test_a_title_without_spaces_is_cut_too():
    cut = core_text("x" * 1000)
    assert len(cut) == CORE_PROPERTY_LIMIT and cut.endswith(ELLIPSIS)
