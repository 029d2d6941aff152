"""Drafts and autosaves are checked field by field: any damage gives a ``DraftError`` naming the field,
never another exception; a damaged autosave is set aside (renamed, never deleted) and does not stop the
scan. Hypothesis: 300 fuzzed drafts by default, 3,000 with ``PENHOLDER_FUZZ=1``."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from penholder.drafts import Draft, DraftMetadata, Provenance, load_draft, save_draft, scan_autosaves
from penholder.drafts.recovery import autosave_dir
from penholder.drafts.structure import draft_resolution
from penholder.errors import DraftError, PenholderError

FUZZ = os.environ.get("PENHOLDER_FUZZ") == "1"
EXAMPLES = 3000 if FUZZ else 300
HUGE = "__HUGE_NUMBER__"  # written as 5,000 digits (json.dumps refuses to)


def _good() -> dict:
    return {
        "schema": 1,
        "text": "Title\nThe Human Rights Council,\nRecalling its resolution 53/11,\n1. Decides to act;",
        "metadata": {"symbol": "A/HRC/59/L.1", "body": "HRC", "session": "59", "agenda_item": "3",
                     "title": "Title", "sponsors": ["Cuba", "Egypt"], "date": "2025-07-01"},
        "provenance": [{"symbol": "A/HRC/RES/53/11", "kind": "operative", "number": 3,
                        "inserted": "2025-06-01T10:00:00", "text": "Decides to act;"}],
    }


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False).replace(f'"{HUGE}"', "9" * 5000)


@pytest.mark.parametrize("change, field", [
    (lambda d: d.update(metadata="A/HRC/59/L.1"), "metadata"),
    (lambda d: d["metadata"].update(sponsors=7), "sponsors"),
    (lambda d: d["metadata"].update(sponsors="Cuba, Egypt"), "sponsors"),
    (lambda d: d["metadata"].update(sponsors=["Cuba", {"x": 1}]), "sponsors"),
    (lambda d: d["metadata"].update(session=10**40), "session"),
    (lambda d: d["metadata"].update(session=float("inf")), "session"),
    (lambda d: d["metadata"].update(title=["a"]), "title"),
    (lambda d: d["metadata"].update(date=True), "date"),
    (lambda d: d.update(text=42), "text"),
    (lambda d: d.update(text=None), "text"),
    (lambda d: d.update(schema=True), "schema"),
    (lambda d: d.update(provenance={"symbol": "x"}), "provenance"),
    (lambda d: d.update(provenance=["x"]), "provenance entry 1"),
    (lambda d: d["provenance"][0].update(number=HUGE), "number"),
    (lambda d: d["provenance"][0].update(number=-1), "number"),
    (lambda d: d["provenance"][0].update(number="three"), "number"),
    (lambda d: d["provenance"][0].update(kind="footnote"), "kind"),
    (lambda d: d["provenance"][0].pop("symbol"), "symbol"),
    (lambda d: d["metadata"].update(sponsors=["x"] * 5000), "sponsors"),
])
def test_a_damaged_field_gives_a_draft_error_naming_it(tmp_path, change, field):
    data = _good()
    change(data)
    path = tmp_path / "d.penholder"
    path.write_text(_dump(data), encoding="utf-8")
    with pytest.raises(DraftError) as info:
        load_draft(path)
    message = str(info.value)
    assert field.split()[0] in message and "\n" not in message and "damaged" in message


def test_a_good_draft_still_loads_with_numbers_as_details(tmp_path):
    data = _good()
    data["metadata"]["session"] = 59  # hand-edited files may hold numbers: kept as their digits
    data["provenance"][0]["number"] = 3.0
    path = tmp_path / "d.penholder"
    path.write_text(_dump(data), encoding="utf-8")
    draft = load_draft(path)
    assert draft.metadata.session == "59" and draft.provenance[0].number == 3
    assert draft_resolution(draft).session == 59


@pytest.mark.parametrize("raw", ["[" * 100_000, '{"schema": 1, "text": "x", "metadata": {"session": ' + "9" * 5000 + "}}",
                                 '{"schema": 1, "text": "\\ud800 lone"}', "\ufeff{}", ""])
def test_hostile_json_gives_a_draft_error_or_a_kept_text(tmp_path, raw):
    path = tmp_path / "d.penholder"
    path.write_text(raw, encoding="utf-8")
    try:
        draft = load_draft(path)
    except DraftError as exc:
        assert "\n" not in str(exc)
    else:
        assert draft.text == "\ufffd lone"  # a lone surrogate is replaced, the rest kept
        save_draft(draft, path)
        assert load_draft(path).text == "\ufffd lone"


def test_a_session_in_other_digits_does_not_break_the_resolution():
    for session in ("²", "٣", "9" * 30, " 59 "):
        resolution = draft_resolution(Draft("1. Decides to act;", DraftMetadata(session=session)))
        assert resolution.session in (None, 59)


# -- fuzzing ---------------------------------------------------------------------------------------
scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.just(HUGE),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=12)
PATHS = [("schema",), ("text",), ("metadata",), ("provenance",), ("metadata", "symbol"), ("metadata", "body"),
         ("metadata", "session"), ("metadata", "agenda_item"), ("metadata", "title"), ("metadata", "sponsors"),
         ("metadata", "date"), ("provenance", 0), ("provenance", 0, "symbol"), ("provenance", 0, "kind"),
         ("provenance", 0, "number"), ("provenance", 0, "inserted"), ("provenance", 0, "text"), ("autosave",),
         ("autosave", "pid"), ("autosave", "origin"), ("autosave", "saved"), ("autosave", "session")]


@st.composite
def fuzzed_drafts(draw) -> str:
    """Return the text of a draft file: a good draft with some fields replaced or removed, or its bytes cut."""
    data = _good()
    data["autosave"] = {"pid": 0, "session": "s", "origin": "", "saved": "2025-07-01T10:00:00"}
    for path in draw(st.lists(st.sampled_from(PATHS), min_size=1, max_size=4)):
        holder = data
        try:
            for key in path[:-1]:
                holder = holder[key]
            if draw(st.booleans()) or not isinstance(holder, (dict, list)):
                holder[path[-1]] = draw(values)
            else:
                del holder[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
    text = _dump(data) if not isinstance(data, str) else data
    cut = draw(st.one_of(st.none(), st.integers(0, len(text))))
    return text if cut is None else text[:cut]


OUTCOMES = {"loaded": 0, "DraftError": 0, "offered": 0, "set aside": 0, "newer": 0}


def _newer_schema(raw: str) -> bool:
    try:  # as a draft is read: whole numbers of more than 100 digits are (huge) floats, not over Python's limit
        schema = json.loads(raw, parse_int=lambda s: int(s) if len(s.lstrip("-")) <= 100 else float(s)).get("schema")
    except (ValueError, AttributeError, RecursionError):
        return False
    return isinstance(schema, int) and not isinstance(schema, bool) and schema > 1


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(raw=fuzzed_drafts())
def test_fuzzed_drafts_load_or_raise_only_draft_error(tmp_path, raw):
    path = tmp_path / "fuzz.penholder"
    path.write_text(raw, encoding="utf-8", errors="surrogatepass")
    try:
        draft = load_draft(path)
    except DraftError as exc:
        assert "\n" not in str(exc)
        OUTCOMES["DraftError"] += 1
    else:
        OUTCOMES["loaded"] += 1
        assert isinstance(draft.text, str) and all(isinstance(s, str) for s in draft.metadata.sponsors)
        assert all(isinstance(p, Provenance) and isinstance(p.number, int) for p in draft.provenance)
        try:
            draft_resolution(draft)
        except PenholderError:
            pass
        save_draft(draft, path)
        assert load_draft(path) == draft

    # the same bytes as an autosave: offered or set aside, never an exception, never deleted
    folder = autosave_dir()
    for old in folder.iterdir():
        old.unlink()
    (folder / "fuzz.penholder").write_text(raw, encoding="utf-8", errors="surrogatepass")
    scan = scan_autosaves()
    left = sorted(p.name for p in folder.iterdir())
    if scan.recoveries:
        OUTCOMES["offered"] += 1
        assert left == ["fuzz.penholder"]
    elif _newer_schema(raw):  # a newer Penholder's copy: left in place for it, neither offered nor renamed
        OUTCOMES["newer"] += 1
        assert left == ["fuzz.penholder"] and scan.set_aside == []
    else:
        assert len(scan.set_aside) == 1 and len(left) == 1 and left[0].startswith("fuzz.penholder.damaged-")
        assert scan.set_aside[0].path.read_text(encoding="utf-8", errors="surrogatepass") == raw
        OUTCOMES["set aside"] += 1


def test_zz_report_fuzzed_drafts(capsys):
    with capsys.disabled():
        runs = OUTCOMES["loaded"] + OUTCOMES["DraftError"]
        print(f"\n| fuzzed drafts: load + autosave scan | {runs} | {OUTCOMES['loaded']} loaded, "
              f"{OUTCOMES['DraftError']} DraftError, 0 other; autosave: {OUTCOMES['offered']} offered, "
              f"{OUTCOMES['set aside']} set aside, {OUTCOMES['newer']} left for a newer version | 0 (set-aside files kept byte for byte) |")
