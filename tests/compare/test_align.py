"""Paragraph alignment: unchanged, modified, inserted, deleted, moved, split, merged; numbers ignored."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from penholder.compare import align_resolutions
from penholder.model import Paragraph, Resolution

PREAMBLE = [
    "Recalling its earlier resolutions on the subject, most recently resolution 12/4 of 3 March 2015,",
    "Noting with concern the widening gap in access to clean water between rural and urban areas,",
    "Bearing in mind the role of regional organizations in sharing good practices on water management,",
]
OPERATIVE = [
    "Calls upon States to take concrete steps to extend safe drinking water to every household;",
    "Encourages regional organizations to share their experience of managing transboundary rivers;",
    "Requests the Secretary-General to submit a report on the implementation of the present resolution;",
    "Invites donors to support the training of local engineers in the maintenance of rural pumps;",
    "Stresses the importance of collecting data disaggregated by sex, age and disability status;",
    "Decides to continue its consideration of the question at its next session.",
]


def resolution(preambular: list[str], operative: list[str], symbol: str = "X/RES/1") -> Resolution:
    """Return a resolution whose paragraphs have these texts (operative numbered from 1)."""
    return Resolution(
        symbol=symbol,
        preambular=[Paragraph("preambular", t.split()[0], t) for t in preambular],
        operative=[Paragraph("operative", t.split()[0], t, number=n) for n, t in enumerate(operative, 1)],
    )


def statuses(alignment, kind: str = "operative") -> list[tuple]:
    return [(c.status, c.old_numbers, c.new_numbers) for c in alignment.changes if c.kind == kind]


def test_identical_resolutions_are_all_unchanged():
    alignment = align_resolutions(resolution(PREAMBLE, OPERATIVE), resolution(PREAMBLE, OPERATIVE))
    assert {c.status for c in alignment.changes} == {"unchanged"}
    assert alignment.summary()["unchanged"] == len(PREAMBLE) + len(OPERATIVE)


def test_renumbered_paragraphs_are_unchanged_not_moved():
    inserted = "Welcomes the launch of the regional water observatory;"
    new = resolution(PREAMBLE, [inserted, *OPERATIVE])
    found = statuses(align_resolutions(resolution(PREAMBLE, OPERATIVE), new))
    assert found[0] == ("inserted", [], [1])
    assert found[1:] == [("unchanged", [n], [n + 1]) for n in range(1, len(OPERATIVE) + 1)]


def test_a_small_edit_is_modified_with_its_word_diff():
    edited = list(OPERATIVE)
    edited[2] = edited[2].replace("submit a report", "submit a comprehensive report")
    [change] = [c for c in align_resolutions(resolution(PREAMBLE, OPERATIVE), resolution(PREAMBLE, edited)).changes
                if c.status != "unchanged"]
    assert (change.status, change.old_numbers, change.new_numbers) == ("modified", [3], [3])
    assert [(op.tag, op.new) for op in change.ops if op.tag != "equal"] == [("insert", "comprehensive ")]


def test_a_paragraph_moved_elsewhere_is_moved_not_deleted_and_inserted():
    moved = [OPERATIVE[1], OPERATIVE[2], OPERATIVE[3], OPERATIVE[4], OPERATIVE[0], OPERATIVE[5]]
    found = statuses(align_resolutions(resolution(PREAMBLE, OPERATIVE), resolution(PREAMBLE, moved)))
    assert [s for s in found if s[0] != "unchanged"] == [("moved", [1], [5])]
    assert len(found) == len(OPERATIVE)


def test_a_moved_and_edited_paragraph_is_moved_with_its_word_diff():
    edited = OPERATIVE[0].replace("concrete steps", "urgent and concrete steps")
    moved = [*OPERATIVE[1:5], edited, OPERATIVE[5]]
    alignment = align_resolutions(resolution(PREAMBLE, OPERATIVE), resolution(PREAMBLE, moved))
    [change] = [c for c in alignment.changes if c.status == "moved"]
    assert [op.new for op in change.ops if op.tag != "equal"] == ["urgent and "]


def test_deleted_paragraph_is_reported_where_it_stood():
    shorter = OPERATIVE[:3] + OPERATIVE[4:]
    found = statuses(align_resolutions(resolution(PREAMBLE, OPERATIVE), resolution(PREAMBLE, shorter)))
    assert found[3] == ("deleted", [4], [])
    assert [s[0] for s in found].count("unchanged") == len(shorter)


def test_a_paragraph_split_in_two_is_split():
    one = ("Calls upon States to take concrete steps to extend safe drinking water to every household "
           "and to report on the progress made in their national voluntary reviews;")
    before = [one, *OPERATIVE[1:]]
    after = ["Calls upon States to take concrete steps to extend safe drinking water to every household;",
             "Also calls upon States to report on the progress made in their national voluntary reviews;",
             *OPERATIVE[1:]]
    alignment = align_resolutions(resolution(PREAMBLE, before), resolution(PREAMBLE, after))
    [split] = [c for c in alignment.changes if c.status == "split"]
    assert (split.old_numbers, split.new_numbers) == ([1], [1, 2])
    assert "".join(op.old for op in split.ops) == split.old_text
    assert "".join(op.new for op in split.ops) == split.new_text
    assert alignment.summary()["unchanged"] == len(OPERATIVE) - 1 + len(PREAMBLE)


def test_two_paragraphs_merged_into_one_are_merged():
    merged = ("Encourages regional organizations to share their experience of managing transboundary rivers, "
              "and requests the Secretary-General to submit a report on the implementation of the present "
              "resolution;")
    after = [OPERATIVE[0], merged, *OPERATIVE[3:]]
    alignment = align_resolutions(resolution(PREAMBLE, OPERATIVE), resolution(PREAMBLE, after))
    [change] = [c for c in alignment.changes if c.status == "merged"]
    assert (change.old_numbers, change.new_numbers) == ([2, 3], [2])


def test_preambular_and_operative_parts_are_aligned_separately():
    text = "Reaffirms the importance of the universal periodic review;"
    old = resolution([*PREAMBLE, text], OPERATIVE)
    new = resolution(PREAMBLE, [*OPERATIVE, text])
    alignment = align_resolutions(old, new)
    assert ("deleted", [4], []) in statuses(alignment, "preambular")
    assert ("inserted", [], [7]) in statuses(alignment, "operative")
    assert alignment.summary()["moved"] == 0


def test_unrelated_paragraphs_are_not_paired():
    other = "Expresses appreciation to the host country for its hospitality during the meeting;"
    old = resolution(PREAMBLE, OPERATIVE)
    new = resolution(PREAMBLE, [*OPERATIVE[:2], other, *OPERATIVE[3:]])
    found = statuses(align_resolutions(old, new))
    assert ("deleted", [3], []) in found and ("inserted", [], [3]) in found


def test_summary_and_json_shape():
    edited = [OPERATIVE[0].replace("2015", "2016"), *OPERATIVE[1:]]
    alignment = align_resolutions(resolution(PREAMBLE, OPERATIVE, "X/RES/1"),
                                  resolution(PREAMBLE, edited, "X/RES/2"))
    summary = alignment.summary()
    assert set(summary) == {"unchanged", "modified", "inserted", "deleted", "moved", "split", "merged"}
    assert sum(summary.values()) == len(alignment.changes)
    data = alignment.to_json()
    assert (data["old"], data["new"], data["summary"]) == ("X/RES/1", "X/RES/2", summary)
    change = data["changes"][0]
    assert set(change) == {"status", "kind", "old_numbers", "new_numbers", "old_text", "new_text", "ops"}
    assert set(change["ops"][0]) == {"tag", "old", "new", "facts"}


def test_empty_resolutions():
    alignment = align_resolutions(Resolution(), resolution(PREAMBLE, []))
    assert [c.status for c in alignment.changes] == ["inserted"] * len(PREAMBLE)


# --- On the bundled seeds (needs the parser) ---------------------------------------------------------

@pytest.fixture(scope="module")
def seeds():
    from penholder.parsing import parse_file
    from tests.conftest import SEEDS

    return {symbol: parse_file(path) for symbol, path in SEEDS.items()}


def test_seed_paragraphs_that_only_changed_number_are_unchanged(seeds):
    alignment = align_resolutions(seeds["A/HRC/RES/41/3"], seeds["A/HRC/RES/53/11"])
    same_text = [c for c in alignment.changes if c.old and c.new and c.old_text == c.new_text]
    renumbered = [c for c in same_text if c.old_numbers != c.new_numbers]
    assert renumbered, "53/11 inserts paragraphs, so some unchanged ones must have new numbers"
    assert {c.status for c in same_text} == {"unchanged"}
    for change in alignment.changes:
        if change.status in ("moved", "modified"):
            assert change.old_text != change.new_text


def test_seed_changed_date_is_tagged(seeds):
    alignment = align_resolutions(seeds["A/HRC/RES/28/2"], seeds["A/HRC/RES/41/3"])
    [change] = [c for c in alignment.changes if "resolution 6/17 of 28 September 2008" in c.old_text]
    assert change.status == "modified"
    dated = [op for op in change.ops if "date" in op.facts]
    assert [(op.old.strip(), op.new.strip()) for op in dated] == [("2008", "2007")]


def test_seed_explore_and_foster_is_one_insertion(seeds):
    alignment = align_resolutions(seeds["A/HRC/RES/28/2"], seeds["A/HRC/RES/41/3"])
    opening = "Requests all Member States and the United Nations system to foster"
    [change] = [c for c in alignment.changes if c.kind == "operative" and c.old_text.startswith(opening)]
    assert change.status in ("modified", "moved")
    assert [(op.tag, op.old, op.new.strip()) for op in change.ops if op.tag != "equal"] == [
        ("insert", "", "explore and")]


def test_a_paragraph_rewritten_in_place_with_the_same_lead_is_modified():
    # Fewer than half the words in common, but the same lead between the same neighbours.
    rewritten = ("Invites donors and development banks, on a voluntary basis, to fund the training of local "
                 "technicians who repair solar pumps in remote villages;")
    after = [*OPERATIVE[:3], rewritten, *OPERATIVE[4:]]
    found = statuses(align_resolutions(resolution(PREAMBLE, OPERATIVE), resolution(PREAMBLE, after)))
    assert ("modified", [4], [4]) in found
    assert not any(s[0] in ("inserted", "deleted") for s in found)
    # The same text with another lead is another paragraph.
    other_lead = [*OPERATIVE[:3], rewritten.replace("Invites", "Urges"), *OPERATIVE[4:]]
    found = statuses(align_resolutions(resolution(PREAMBLE, OPERATIVE), resolution(PREAMBLE, other_lead)))
    assert ("deleted", [4], []) in found and ("inserted", [], [4]) in found


def longest_increasing(sequence: list[int]) -> int:
    best: list[int] = []
    for value in sequence:
        best.append(1 + max((best[k] for k in range(len(best)) if sequence[k] < value), default=0))
    return max(best, default=0)


@settings(deadline=None, max_examples=60)
@given(st.permutations(range(len(PREAMBLE) + len(OPERATIVE))))
def test_reordered_paragraphs_keep_the_longest_run_in_place_and_move_the_rest(order):
    texts = [*PREAMBLE, *OPERATIVE]
    summary = align_resolutions(resolution([], texts), resolution([], [texts[k] for k in order])).summary()
    assert summary["unchanged"] == longest_increasing(list(order))
    assert summary["moved"] == len(texts) - summary["unchanged"]
    assert summary["inserted"] == summary["deleted"] == 0
