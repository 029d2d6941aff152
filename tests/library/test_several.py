"""A file holding several resolutions gives each of them, each with its own paragraphs and footnotes, or a
clear refusal; one resolution in parts (A, B) stays one."""

from __future__ import annotations

import pytest

from penholder.errors import ParseError
from penholder.library import Library, read_resolutions
from penholder.parsing import parse_file


def _shape(resolution):
    return (resolution.symbol, [p.text for p in resolution.preambular], [p.text for p in resolution.operative],
            [(f.mark, f.text) for f in resolution.footnotes], resolution.adoption)


def _join(target, *paths):
    target.write_text("\n".join(p.read_text("utf-8") for p in paths), "utf-8")
    return target


def test_two_ga_resolutions_in_one_file_are_both_imported_whole(shared_dir, tmp_path):
    folder = shared_dir / "corpus" / "ga-78-80-text"
    first, second = folder / "A-RES-78-100.txt", folder / "A-RES-78-101.txt"
    both = _join(tmp_path / "both.txt", first, second)
    found = read_resolutions(both)
    assert [_shape(r) for r in found] == [_shape(parse_file(first)), _shape(parse_file(second))]
    assert len(found[0].footnotes) < len(found[1].footnotes)  # nobody takes the other's footnotes
    with Library.open(tmp_path / "library.sqlite3") as library:
        report = library.add_files([both])
        assert report.added == [f"{both} (A/RES/78/100)", f"{both} (A/RES/78/101)"]
        assert _shape(library.get("A/RES/78/101")) == _shape(parse_file(second))


@pytest.mark.parametrize("pair", [("A/RES/67/169", "A/HRC/RES/53/11"), ("A/HRC/RES/23/3", "A/HRC/RES/41/3"),
                                  ("A/HRC/RES/28/2", "A/RES/67/169")])
def test_seed_pairs_split_each_with_its_own_paragraphs_and_footnotes(pair, seed_paths, tmp_path):
    both = _join(tmp_path / "both.txt", *(seed_paths[s] for s in pair))
    found = read_resolutions(both)
    assert [r.symbol for r in found] == list(pair)
    for resolution, symbol in zip(found, pair, strict=True):
        alone = parse_file(seed_paths[symbol])
        assert [p.text for p in resolution.paragraphs] == [p.text for p in alone.paragraphs]
        assert [f.mark for f in resolution.footnotes] == [f.mark for f in alone.footnotes]


def test_one_resolution_in_parts_stays_one(shared_dir):
    parts = shared_dir / "corpus" / "ga-78-80-text" / "A-C.5-80-L.17.txt"  # parts A and B
    assert len(read_resolutions(parts)) == 1


def test_real_files_are_never_split(shared_dir):
    files = sorted((shared_dir / "corpus" / "ga-78-80-text").glob("*.txt"))[::6]
    split = []
    for path in files:
        try:
            if len(read_resolutions(path)) > 1:
                split.append(path.name)
        except ParseError:
            pass
    assert not split


def test_the_same_symbol_twice_is_refused(seed_paths, tmp_path):
    twice = _join(tmp_path / "twice.txt", seed_paths["A/HRC/RES/28/2"], seed_paths["A/HRC/RES/28/2"])
    with pytest.raises(ParseError, match="two of them A/HRC/RES/28/2"):
        read_resolutions(twice)


def test_a_docx_holding_two_resolutions_is_refused(seed_paths, tmp_path):
    from docx import Document

    document = Document()
    for symbol in ("A/RES/67/169", "A/HRC/RES/23/3"):
        for line in seed_paths[symbol].read_text("utf-8").split("\n"):
            document.add_paragraph(line.replace("*", ""))
    path = tmp_path / "two.docx"
    document.save(path)
    with pytest.raises(ParseError, match="holds 2 resolutions.*one resolution per DOCX file"):
        read_resolutions(path)
