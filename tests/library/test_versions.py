"""Versions, not replacement: newer texts keep the old one, much shorter ones are held beside it and
reported, any version can be restored; files without a symbol are keyed by their content."""

from __future__ import annotations

import json

import pytest

from penholder.cli import main
from penholder.errors import LibraryError
from penholder.library import Library


@pytest.fixture
def library(tmp_path):
    with Library.open(tmp_path / "library.sqlite3") as opened:
        yield opened


def _lines(path):
    return path.read_text("utf-8").split("\n")


def test_a_newer_text_keeps_the_old_one_as_an_earlier_version(library, seed_paths, tmp_path):
    seed = seed_paths["A/RES/67/169"]
    newer = tmp_path / "newer.txt"
    newer.write_text(seed.read_text("utf-8").replace("Invites States", "Encourages States", 1), "utf-8")
    report = library.add_files([newer])
    assert report.updated == [str(newer)] and not report.held
    versions = library.versions("A/RES/67/169")
    assert [(v.version, v.current) for v in versions] == [(1, False), (2, True)]
    assert versions[0].source == str(seed.resolve()) and versions[1].source == str(newer.resolve())
    assert any(p.text.startswith("Encourages States") for p in library.get("A/RES/67/169").operative)
    restored = library.restore("A/RES/67/169", 1)
    assert restored.current and restored.version == 1
    operative = [p.text for p in library.get("A/RES/67/169").operative]
    assert any(t.startswith("Invites States") for t in operative)
    assert not any(t.startswith("Encourages States") for t in operative)
    assert len(library.versions("a-res-67-169")) == 2
    with pytest.raises(LibraryError, match="already the current text"):
        library.restore("A/RES/67/169", 1)
    with pytest.raises(LibraryError, match="has no version 7"):
        library.restore("A/RES/67/169", 7)


def test_a_half_copy_is_held_beside_the_full_text_and_reported(library, seed_paths, tmp_path, capsys):
    full = library.get("A/HRC/RES/53/11")
    lines = _lines(seed_paths["A/HRC/RES/53/11"])
    half = tmp_path / "half.txt"
    half.write_text("\n".join(lines[: len(lines) * 2 // 5]), "utf-8")
    report = library.add_files([half])
    assert not report.updated and report.held and report.held[0][0] == str(half)
    assert "operative paragraphs" in report.held[0][1] or "paragraphs" in report.held[0][1]
    assert "kept as a version" in report.summary()
    assert library.get("A/HRC/RES/53/11") == full  # the complete text stays current
    held = library.versions("A/HRC/RES/53/11")[-1]
    assert not held.current and held.operative < len(full.operative) and "not replacing" in held.note
    assert library.add_files([half]).skipped == [str(half)]  # known: not held twice
    # From the CLI: reported on stderr, exit 0; `versions --json` lists both texts.
    library.close()
    database = str(library.path)
    half2 = tmp_path / "half2.txt"
    half2.write_text("\n".join(lines[: len(lines) // 3]), "utf-8")
    assert main(["library", "add", str(half2), "--library", database]) == 0
    assert "kept as a version beside the library's text" in capsys.readouterr().err
    assert main(["library", "versions", "A/HRC/RES/53/11", "--json", "--library", database]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [v["current"] for v in listed] == [True, False, False]
    assert set(listed[0]) >= {"symbol", "version", "current", "added", "source", "content_hash", "preambular",
                              "operative", "note"}
    assert main(["library", "restore", "A/HRC/RES/53/11", "3", "--library", database]) == 0
    with Library.open(database) as again:
        assert len(again.get("A/HRC/RES/53/11").operative) < len(full.operative)


def test_losing_the_end_matter_alone_is_held(library, seed_paths, tmp_path):
    text = seed_paths["A/RES/67/169"].read_text("utf-8")
    cut = text[: text.index("plenary meeting")].rsplit("\n", 1)[0]
    target = tmp_path / "no-end.txt"
    target.write_text(cut, "utf-8")
    report = library.add_files([target])
    assert report.held and "adoption" in report.held[0][1]


def test_files_without_a_symbol_are_keyed_by_their_content(library, tmp_path):
    texts = {"a": "*Recalling* its earlier work on the question of cooperation,\n\n"
                  "1. *Decides* to continue its consideration of the question;\n",
             "b": "*Noting* the report of the Secretary-General on the matter at hand,\n\n"
                  "1. *Requests* the Secretary-General to report on the question;\n"}
    paths = []
    for folder, body in texts.items():
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / "draft.txt"
        path.write_text("The General Assembly,\n\n" + body, "utf-8")
        paths.append(path)
    report = library.add_files(paths)
    assert len(report.added) == 2
    keyed = [r.symbol for r in library.resolutions() if r.symbol.startswith("draft@")]
    assert len(keyed) == 2 and keyed[0] != keyed[1]
    copy = tmp_path / "copy-of-a.txt"
    copy.write_bytes(paths[0].read_bytes())
    assert library.add_files([copy]).skipped == [str(copy)]  # the same content is the same resolution


def test_remove_takes_the_versions_too(library, seed_paths, tmp_path):
    newer = tmp_path / "newer.txt"
    newer.write_text(seed_paths["A/RES/67/169"].read_text("utf-8").replace("Invites", "Urges", 1), "utf-8")
    library.add_files([newer])
    assert library.remove("A/RES/67/169")
    assert library.versions("A/RES/67/169") == [] and library.get("A/RES/67/169") is None
