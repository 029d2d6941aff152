"""Normalisation, and an index saved and loaded back (memory-mapped) answers like the one built."""

from __future__ import annotations

import pytest

from penholder.errors import LibraryError
from penholder.search import PrecedentIndex
from penholder.search.columns import ReadTextColumn, TextColumn
from penholder.search.normalise import normalise, normalise_many, normalise_title, terms


def test_normalise_folds_what_a_drafter_does_not_see():
    plain = normalise('Recalling its resolution 6/17 - the "Declaration", and States\' duties,')
    variants = [
        "  Recalling its   resolution 6/17 – the “Declaration”, and States’ duties,",
        "RECALLING ITS RESOLUTION 6/17 — THE «DECLARATION», AND STATES’ DUTIES,",
        "Recalling its resolution\u00a06/17 \u2011 the “Declaration”,¹ and States’ duties,",
        "*Recalling* its resolution 6/17 - the \"Declaration\", and States' duties,",
    ]
    for variant in variants:
        assert normalise(variant) == plain
    assert normalise("12. Requests the Secretary-General") == normalise("Requests the Secretary-General")
    assert normalise("(a) To continue") == "to continue"
    assert normalise("2030 Agenda") == "2030 agenda"


def test_terms_keep_symbols_and_drop_stopwords():
    assert terms(normalise("Recalling resolution 6/17 of the Council, A/HRC/53/46")) == [
        "recalling", "resolution", "6/17", "council", "a/hrc/53/46"]


def test_series_title_ignores_number_and_case():
    assert normalise_title("53/11. Enhancement of International Cooperation") == normalise_title(
        "Enhancement of international cooperation")


def test_saved_index_loads_and_answers_the_same(seed_index, tmp_path):
    seed_index.save(tmp_path / "index", stamp="abc")
    assert PrecedentIndex.saved_stamp(tmp_path / "index") == "abc"
    loaded = PrecedentIndex.load(tmp_path / "index")
    assert loaded.paragraph_count() == seed_index.paragraph_count()
    for query in ("Invites States and relevant", "Recalling Human Rights Council resolution 6/17",
                  "Decides to continue its consideration of the matter"):
        for filters in ({}, {"body": "GA"}, {"kind": "preambular"}):
            built = [hit.to_json() for hit in seed_index.search(query, **filters)]
            assert [hit.to_json() for hit in loaded.search(query, **filters)] == built


def test_missing_saved_index_has_no_stamp(tmp_path):
    assert PrecedentIndex.saved_stamp(tmp_path) is None


def test_normalising_many_at_once_equals_one_by_one(seed_resolutions):
    texts = [p.full_text() for r in seed_resolutions.values() for p in r.paragraphs]
    texts += ["", " ", "12. Requests\u00a0the  Council", "(a)\tTo continue¹", "ÉTATS – “membres”", "a\nb"]
    assert normalise_many(texts) == [normalise(text) for text in texts]
    assert normalise_many(["with \x00 inside", "B"]) == [normalise("with \x00 inside"), "b"]
    assert normalise_many([]) == []


def test_completions_of_a_half_typed_word_after_loading(seed_index, tmp_path):
    seed_index.save(tmp_path / "index")
    loaded = PrecedentIndex.load(tmp_path / "index")
    for index in (seed_index, loaded):
        found = index.term_index.completions("recal")
        assert found and all(word.startswith("recal") for word in found)
        assert found == sorted(found)
    assert loaded.term_index.completions("recal") == seed_index.term_index.completions("recal")


def test_normalising_many_equals_one_by_one_on_spacing_and_numbering_edge_cases():
    texts = ["", "   ", " 12. Recalls  that", "(a) text", "a) text", "(iv) x", "(xxvii) x", "3 ) a", "1.  x",
             "x  ", "  (b)  y   z ", "12.x", "1234. x", "\u201cQuoted\u201d  \u2014  dash", "(abcd) x",
             "(abcde) x", "tab\there", "line\nbreak 1. x", "5.\u00a0Decides"]
    assert normalise_many(texts) == [normalise(text) for text in texts]
    printable = [text for text in texts if text.isprintable()]
    assert normalise_many(printable) == [normalise(text) for text in printable]


def test_normalising_many_in_chunks_equals_one_by_one(monkeypatch):
    from penholder.search import normalise as module

    texts = ["12. Recalls  that", "plain text", "with \x00 inside", "tab\there", "\u201cQuoted\u201d",
             "\U0001d400 wide", "(a) x", "", "  y  "] * 3
    monkeypatch.setattr(module, "MANY_CHUNK", 4)
    assert normalise_many(texts) == [normalise(text) for text in texts]


def test_text_column_round_trips_any_text():

    for texts in ([], [""], ["", ""], ["abc", "de"], ["h\u00e9llo", "", "w\u00f6rld \u201cx\u201d"], ["a\x00b", "c"],
                  ["\u00e9\x00", "\x00"]):
        column = TextColumn.from_texts(texts)
        assert [column[number] for number in range(len(column))] == texts


def test_text_column_gives_many_texts_at_once_as_one_by_one():
    texts = ["reaffirms", "", "l'égalité – “rights”", "ascii only", "日本語の文", "x"]
    column = TextColumn.from_texts(texts)
    for numbers in ([5, 0, 2, 2], [1], [], [3, 1, 4]):
        assert column.many(numbers) == [column[number] for number in numbers] == [texts[n] for n in numbers]
    ascii_column = TextColumn.from_texts(["a", "bc", "def"])
    assert ascii_column.many([2, 0]) == ["def", "a"]


def test_a_column_read_from_its_file_gives_the_texts_the_saved_column_held(tmp_path):
    texts = ["reaffirms", "", "l'égalité – “rights”", "a\x00b", "日本語の文", "x"]
    TextColumn.from_texts(texts).save(tmp_path, "texts")
    column = ReadTextColumn.load(tmp_path, "texts")
    assert [column[number] for number in range(len(column))] == texts
    assert column.many([5, 0, 2, 2]) == [texts[5], texts[0], texts[2], texts[2]]
    assert column.many([]) == []
    (tmp_path / "copy").mkdir()
    column.save(tmp_path / "copy", "again")
    assert [ReadTextColumn.load(tmp_path / "copy", "again")[n] for n in range(len(texts))] == texts
    column.close()


def test_a_loaded_index_reads_hit_texts_from_the_file_and_says_when_it_is_cut_short(seed_index, tmp_path):
    seed_index.save(tmp_path / "index", stamp="abc")
    loaded = PrecedentIndex.load(tmp_path / "index")
    assert isinstance(loaded.texts, ReadTextColumn) and isinstance(loaded.leads, ReadTextColumn)
    assert loaded.texts.many(range(len(loaded.texts))) == seed_index.texts.many(range(len(seed_index.texts)))
    path = tmp_path / "index" / "texts.bin"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(LibraryError, match="library rebuild"):
        loaded.texts.many(range(len(loaded.texts)))
