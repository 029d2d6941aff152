"""One structure for a draft: what the editor shows as N paragraphs is what every output holds.

The oracle here is the editor's own line layout (``drafts.layout.classify``), the same one the outline and
the cursor use; the outputs are read back from the files written (DOCX, the CLI's JSON).
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from penholder.cli import main
from penholder.drafts import Draft, DraftMetadata, save_draft
from penholder.drafts.structure import draft_resolution, draft_structure
from penholder.export import export_docx
from penholder.export import styles as S
from tests.drafts.oracle import expected_body, exported_body

# A preambular paragraph left without its final comma, followed by the next one: the editor shows two.
PP7_PP8 = """Enhancement of international cooperation in the field of human rights
The Human Rights Council,
Reaffirming the purposes and principles of the Charter of the United Nations,
Recalling its resolution 53/11 of 12 July 2023,
Underlining that cooperation is not just a matter of relations
Stressing the importance of international cooperation for the promotion of human rights,
1. Reaffirms that it is one of the purposes of the United Nations to achieve international cooperation;
2. Decides to continue its consideration of this question at its fifty-ninth session.
"""


def test_a_paragraph_without_its_comma_stays_apart_in_the_export(tmp_path):
    out = tmp_path / "draft.docx"
    export_docx(draft_resolution(PP7_PP8), out, state="draft")
    body = exported_body(out)
    preambular = [text for style, text in body if style == S.PREAMBULAR]
    assert preambular[2] == "Underlining that cooperation is not just a matter of relations"
    assert preambular[3].startswith("Stressing the importance")
    assert body == expected_body(PP7_PP8)


def test_cli_export_check_and_sources_read_the_draft_as_the_editor_shows_it(tmp_path, capsys):
    path = tmp_path / "d.penholder"
    save_draft(Draft(PP7_PP8, DraftMetadata(symbol="A/HRC/59/L.1", sponsors=["Cuba"])), path)
    out = tmp_path / "d.docx"
    assert main(["export", str(path), "-o", str(out)]) == 0
    assert exported_body(out) == expected_body(PP7_PP8)
    capsys.readouterr()
    main(["check", str(path), "--json"])
    problems = json.loads(capsys.readouterr().out)["problems"]
    # PP3 (the one without its comma) is flagged as such, on its own: the checks see four paragraphs
    assert any(p["kind"] == "preambular" and p["number"] == 3 for p in problems)
    assert not any(p["kind"] == "preambular" and (p["number"] or 0) > 4 for p in problems)


def test_structure_keeps_title_organ_numbers_and_subparagraphs():
    text = ("Title of the draft\nThe General Assembly,\n\nRecalling all,\n\n1. Decides:\n(a) one;\n"
            "    (i) nested;\n(b) two;\n\n3. Requests more.\n")
    resolution, places = draft_structure(text)
    assert resolution.title == "Title of the draft" and resolution.body == "GA"
    assert [p.number for p in resolution.operative] == [1, 3]  # the editor's numbers, as shown
    subs = resolution.operative[0].subparagraphs
    assert [s.label for s in subs] == ["(a)", "(b)"] and subs[0].subparagraphs[0].text == "nested;"
    assert text[places[("operative", 1, "(a) (i)")]:].startswith("nested;")
    assert resolution.preambular[0].lead == "Recalling"


def test_an_empty_draft_says_so():
    import pytest

    from penholder.errors import DraftError

    with pytest.raises(DraftError, match="no paragraphs yet"):
        draft_resolution("Title only\nThe Human Rights Council,\n")


# Lines of every shape the editor classifies, with and without their final marks.
_words = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30)
_line = st.one_of(
    st.builds(lambda w, e: f"Recalling {w}{e}", _words, st.sampled_from(["", ",", ";", "."])),
    st.builds(lambda w: f"Stressing {w}", _words),
    st.builds(lambda n, w, e: f"{n}. Requests {w}{e}", st.integers(1, 40), _words, st.sampled_from(["", ";", "."])),
    st.builds(lambda lab, w: f"{lab} {w}", st.sampled_from(["(a)", "(b)", "    (i)", "(ii)", "(aa)"]), _words),
    st.just(""),
    _words,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=st.sampled_from(["", "A title\nThe Human Rights Council,\n", "The General Assembly,\n"]),
       lines=st.lists(_line, min_size=1, max_size=14))
def test_any_editor_text_exports_exactly_its_paragraphs(tmp_path, head, lines):
    text = head + "\n".join(lines)
    resolution, _ = draft_structure(text)
    if not resolution.paragraphs:
        return
    out = tmp_path / "p.docx"
    export_docx(resolution, out, state="draft")
    assert exported_body(out) == [(style, _xml_text(t)) for style, t in expected_body(text)]


def _xml_text(text: str) -> str:
    from penholder.export.footnotes import xml_safe

    return xml_safe(text)
