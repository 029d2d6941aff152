"""The redline: accept-all gives NEW's text, reject-all gives OLD's, changes are Word tracked changes."""

from __future__ import annotations

import copy

import pytest

from penholder.export import write_redline
from penholder.model import OPERATIVE, PREAMBULAR, Paragraph, SubParagraph
from tests.export.reading import W, part_xml, resolve_changes
from tests.export.samples import sample_resolution

BODY_STYLE_IDS = {"UNPreambular", "UNOperative", "UNSubparagraph", "UNSubparagraph2", "UNSubparagraph3"}


def printed(resolution) -> list[str]:
    """Return the body paragraphs as the DOCX prints them: number, tab, text; sub-paragraphs on their own."""
    lines = []
    for paragraph in resolution.preambular:
        lines.append(paragraph.text)
    for paragraph in resolution.operative:
        lines.append(f"{paragraph.number}.\t{paragraph.text}")

        def subs(items):
            for sub in items:
                lines.append(f"{sub.label}\t{sub.text}")
                subs(sub.subparagraphs)

        subs(paragraph.subparagraphs)
    return lines


def renumber(resolution) -> None:
    for number, paragraph in enumerate(resolution.operative, start=1):
        paragraph.number = number


def revised(old):
    """Return a revision of ``old``: words changed, paragraphs inserted, deleted and moved, renumbered."""
    new = copy.deepcopy(old)
    new.title = old.title.replace("international cooperation", "international solidarity")
    new.preambular[0].text = new.preambular[0].text.replace("genuine dialogue", "constructive dialogue")
    new.preambular[2].lead = "Recalling further"
    new.preambular[2].text = new.preambular[2].text.replace("Recalling also", "Recalling further", 1)
    del new.preambular[3]
    new.preambular.insert(1, Paragraph(PREAMBULAR, "Welcoming", "Welcoming the fortieth anniversary of the "
                                       "Declaration on the Right to Development,"))
    new.operative[0].text = new.operative[0].text.replace("of 17 December 2019", "of 19 December 2023")
    moved = new.operative.pop(5)
    new.operative.insert(1, moved)
    new.operative[3].subparagraphs[0].text = "To strengthen technical cooperation and capacity-building;"
    new.operative[3].subparagraphs[0].subparagraphs.append(SubParagraph("(iii)", "through online courses;"))
    del new.operative[-2]
    new.operative.append(Paragraph(OPERATIVE, "Decides", "Decides to remain seized of the matter."))
    new.operative[-2].text = new.operative[-2].text[:-1] + ";"
    renumber(new)
    return new


@pytest.fixture(scope="module")
def redline(tmp_path_factory):
    old = sample_resolution(preambular=8, operative=8)
    new = revised(old)
    path = write_redline(old, new, tmp_path_factory.mktemp("redline") / "redline.docx")
    return old, new, path


def test_accepting_every_change_gives_new(redline):
    _, new, path = redline
    body = [text for style, text in resolve_changes(path, accept=True) if style in BODY_STYLE_IDS]
    assert body == printed(new)


def test_rejecting_every_change_gives_old(redline):
    old, _, path = redline
    body = [text for style, text in resolve_changes(path, accept=False) if style in BODY_STYLE_IDS]
    assert body == printed(old)


def test_title_change_is_tracked(redline):
    old, new, path = redline
    accepted = dict(resolve_changes(path, accept=True))["UNTitleNumbered"]
    rejected = dict(resolve_changes(path, accept=False))["UNTitleNumbered"]
    assert accepted.endswith(new.title) and rejected.endswith(old.title)


def test_changes_are_word_level_with_author_and_date(redline):
    _, _, path = redline
    document = part_xml(path, "word/document.xml")
    marks = document.findall(f".//{W}ins") + document.findall(f".//{W}del")
    assert marks and all(m.get(f"{W}author") == "Penholder" and m.get(f"{W}date") for m in marks)
    ids = [m.get(f"{W}id") for m in marks]
    assert len(ids) == len(set(ids)), "revision ids are unique"
    inserted = ["".join(t.text for t in m.iter(f"{W}t")) for m in document.findall(f".//{W}body/{W}p/{W}ins")]
    assert "constructive" in " ".join(inserted)
    assert all(len(text.split()) < 12 for text in inserted if "constructive" in text or "2023" in text)
    assert document.findall(f".//{W}del/{W}r/{W}t") == [], "deleted text is w:delText"


def test_whole_paragraphs_are_tracked_with_their_marks(redline):
    old, _, path = redline
    document = part_xml(path, "word/document.xml")
    deleted_marks = document.findall(f".//{W}p/{W}pPr/{W}rPr/{W}del")
    inserted_marks = document.findall(f".//{W}p/{W}pPr/{W}rPr/{W}ins")
    # deleted: one preambular, the moved operative (old place), one operative; inserted: their mirrors
    assert len(deleted_marks) >= 3 and len(inserted_marks) >= 4
    deleted_text = "".join(t.text for t in document.iter(f"{W}delText"))
    assert old.preambular[3].text in deleted_text


def test_identical_texts_give_a_redline_without_changes(tmp_path):
    old = sample_resolution()
    path = write_redline(old, copy.deepcopy(old), tmp_path / "same.docx")
    document = part_xml(path, "word/document.xml")
    assert document.find(f".//{W}ins") is None and document.find(f".//{W}del") is None
    body = [text for style, text in resolve_changes(path, accept=True) if style in BODY_STYLE_IDS]
    assert body == printed(old)


@pytest.mark.parametrize("old_symbol, new_symbol", [("A/HRC/RES/41/3", "A/HRC/RES/53/11"),
                                                    ("A/RES/67/169", "A/HRC/RES/23/3")])
def test_redline_of_real_sessions_accepts_to_new_and_rejects_to_old(tmp_path, seed_paths, old_symbol,
                                                                    new_symbol):
    from penholder import parsing
    old, new = parsing.parse_file(seed_paths[old_symbol]), parsing.parse_file(seed_paths[new_symbol])
    path = write_redline(old, new, tmp_path / "sessions.docx")
    accepted = [text for style, text in resolve_changes(path, accept=True) if style in BODY_STYLE_IDS]
    rejected = [text for style, text in resolve_changes(path, accept=False) if style in BODY_STYLE_IDS]
    assert accepted == printed(new)
    assert rejected == printed(old)
