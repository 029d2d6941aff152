"""Word diff of two paragraphs, cleaned up so a drafter sees phrases that changed, not confetti.

Tokens (see ``tokens.py``) are mapped to integers and diffed with rapidfuzz's ``Indel.opcodes`` (a fast
bit-parallel longest common subsequence). Adjacent insertions and deletions are then joined into one
replacement, and a semantic clean-up, after diff-match-patch's ``cleanupSemantic`` but counting
words, folds a short run of equal words lying between two larger changes into one replacement.
Each change is tagged with the facts it touches: a ``date``, a ``number`` or a ``reference``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from rapidfuzz.distance import Indel

from penholder.compare.tokens import Scan, scan, scan_keys

EQUAL, INSERT, DELETE, REPLACE = "equal", "insert", "delete", "replace"
DATE = "date"
FACT_ORDER = ("date", "number", "reference")

MONTHS = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
)


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One step of a word diff: ``old`` and ``new`` are the exact substrings of the two texts."""

    tag: str  # "equal", "insert", "delete" or "replace"
    old: str
    new: str
    facts: tuple[str, ...] = ()  # "date", "number", "reference" touched by the change

    def to_json(self) -> dict:
        """Return the JSON shape of the op: tag, old, new, facts."""
        return {"tag": self.tag, "old": self.old, "new": self.new, "facts": list(self.facts)}


@dataclass(slots=True)
class _Segment:
    """A run of tokens: equal on both sides, or a change (old tokens i1:i2 became new j1:j2)."""

    equal: bool
    i1: int
    i2: int
    j1: int
    j2: int
    facts: frozenset = frozenset()


def diff_words(old: str, new: str, *, ignore_case: bool = False, fold_punctuation: bool = True) -> list[DiffOp]:
    """Return the word diff turning ``old`` into ``new`` as a list of ops (equal ops only if none differ)."""
    return diff_scans(scan(old), scan(new), ignore_case=ignore_case, fold_punctuation=fold_punctuation)


def diff_scans(old: Scan, new: Scan, *, ignore_case: bool = False, fold_punctuation: bool = True) -> list[DiffOp]:
    """Return the word diff of two texts already scanned into tokens (as ``diff_words`` does)."""
    options = {"ignore_case": ignore_case, "fold_punctuation": fold_punctuation}
    codes: dict[str, int] = {}
    old_keys = [codes.setdefault(k, len(codes)) for k in scan_keys(old, **options)]
    new_keys = [codes.setdefault(k, len(codes)) for k in scan_keys(new, **options)]
    segments = _segments(old_keys, new_keys)
    for segment in segments:
        if not segment.equal:
            segment.facts = tagged_facts(old, segment.i1, segment.i2) | tagged_facts(new, segment.j1, segment.j2)
    segments = cleanup_semantic(segments, old, new)
    return [_op(segment, old, new) for segment in segments]


def has_changes(ops: list[DiffOp]) -> bool:
    """Return whether any op is a change (not ``equal``)."""
    return any(op.tag != EQUAL for op in ops)


def _segments(old_keys: list[int], new_keys: list[int]) -> list[_Segment]:
    """Return equal runs and changes, adjacent insertions and deletions joined into one change."""
    # Common prefix and suffix first: most paragraph pairs differ in a few places.
    prefix = 0
    limit = min(len(old_keys), len(new_keys))
    while prefix < limit and old_keys[prefix] == new_keys[prefix]:
        prefix += 1
    suffix = 0
    while (suffix < limit - prefix
           and old_keys[len(old_keys) - 1 - suffix] == new_keys[len(new_keys) - 1 - suffix]):
        suffix += 1
    segments: list[_Segment] = []
    if prefix:
        segments.append(_Segment(True, 0, prefix, 0, prefix))
    old_mid = old_keys[prefix:len(old_keys) - suffix]
    new_mid = new_keys[prefix:len(new_keys) - suffix]
    if old_mid and new_mid:
        for tag, i1, i2, j1, j2 in Indel.opcodes(old_mid, new_mid):
            _append(segments, tag == EQUAL, i1 + prefix, i2 + prefix, j1 + prefix, j2 + prefix)
    elif old_mid or new_mid:
        _append(segments, False, prefix, len(old_keys) - suffix, prefix, len(new_keys) - suffix)
    if suffix:
        _append(segments, True, len(old_keys) - suffix, len(old_keys), len(new_keys) - suffix, len(new_keys))
    return segments


def _append(segments: list[_Segment], equal: bool, i1: int, i2: int, j1: int, j2: int) -> None:
    """Append a run, extending the last one when it is of the same sort."""
    if segments and segments[-1].equal == equal:
        segments[-1].i2, segments[-1].j2 = i2, j2
    else:
        segments.append(_Segment(equal, i1, i2, j1, j2))


def _cumulative(found: Scan) -> list[int]:
    """Return running totals of the tokens' own lengths (filler not counted), starting at 0."""
    return list(accumulate([end - start for start, end in zip(found.starts, found.ends)], initial=0))


def cleanup_semantic(segments: list[_Segment], old: Scan, new: Scan) -> list[_Segment]:
    """Return the segments with each short equality between two larger changes folded into them.

    An equality is folded when it is no longer (in characters) than the larger side of the change on
    each side of it, as in diff-match-patch; repeated until nothing changes. Only segment boundaries
    move, so the texts the ops reconstruct never change.
    """
    if sum(not segment.equal for segment in segments) < 2:
        return segments
    old_sizes, new_sizes = _cumulative(old), _cumulative(new)
    changed = True
    while changed:
        changed = False
        for index in range(1, len(segments) - 1):
            before, middle, after = segments[index - 1], segments[index], segments[index + 1]
            if not middle.equal or before.equal or after.equal:
                continue
            size = old_sizes[middle.i2] - old_sizes[middle.i1]
            before_size = max(old_sizes[before.i2] - old_sizes[before.i1], new_sizes[before.j2] - new_sizes[before.j1])
            after_size = max(old_sizes[after.i2] - old_sizes[after.i1], new_sizes[after.j2] - new_sizes[after.j1])
            if size <= before_size and size <= after_size:
                merged = _Segment(False, before.i1, after.i2, before.j1, after.j2, before.facts | after.facts)
                segments[index - 1:index + 2] = [merged]
                changed = True
                break
    return segments


def tagged_facts(found: Scan, start: int, end: int) -> frozenset:
    """Return the facts (date, number, reference) among tokens ``start`` to ``end`` of a scan."""
    touched = set()
    for index in range(start, end):
        if found.is_reference(index):
            touched.add("reference")
        elif found.is_number(index):
            touched.add(DATE if _is_date_part(found, index) else "number")
        elif found.ends[index] - found.starts[index] >= 3 and _text(found, index).lower() in MONTHS:
            touched.add(DATE)
    return frozenset(touched)


def _text(found: Scan, index: int) -> str:
    return found.text[found.starts[index]:found.ends[index]]


def _is_date_part(found: Scan, index: int) -> bool:
    """Return whether the number at ``index`` is a day or year (a year, or next to a month name)."""
    text = _text(found, index)
    if len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2099:
        return True
    for near in (index - 1, index + 1):
        if 0 <= near < len(found.starts) and _text(found, near).lower() in MONTHS:
            return text.isdigit() and 1 <= int(text) <= 31
    return False


def _op(segment: _Segment, old: Scan, new: Scan) -> DiffOp:
    """Return the op of a segment, carrying the exact substrings of both texts."""
    old_text = old.span(segment.i1, segment.i2)
    new_text = new.span(segment.j1, segment.j2)
    if segment.equal:
        return DiffOp(EQUAL, old_text, new_text)
    tag = REPLACE if old_text and new_text else (INSERT if new_text else DELETE)
    facts = tuple(f for f in FACT_ORDER if f in segment.facts)
    return DiffOp(tag, old_text, new_text, facts)
