"""Word diff of two paragraphs, cleaned up so a drafter sees phrases that changed, not confetti.

Two passes, both with rapidfuzz's ``Indel.opcodes`` (a fast bit-parallel longest common subsequence)
over integer codes: first over whitespace-separated chunks, cheap to cut, then over the fine tokens
of ``tokens.py`` (words, numbers, references, symbols, punctuation; footnote marks left out) inside
each stretch of chunks that differ. Adjacent insertions and deletions are joined into one change,
and a semantic clean-up, after diff-match-patch's ``cleanupSemantic``, folds a short run of equal
text lying between two larger changes into one replacement. Each change is tagged with the facts it
touches: a ``date``, a ``number`` or a ``reference``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from rapidfuzz.distance import Indel

from penholder.compare.tokens import Scan, fold, scan, scan_keys

EQUAL, INSERT, DELETE, REPLACE = "equal", "insert", "delete", "replace"
DATE = "date"
FACT_ORDER = ("date", "number", "reference")

# Capitalized, as dates print them (so the verb "may" is not a month).
MONTHS = frozenset([
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
])
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s,]*$")
_WORD_AFTER = re.compile(r"[\s,]*([^\W\d_]+)")

# A chunk: a run of non-space characters; superscript footnote marks standing alone count as space.
_CHUNK = re.compile(r"([\s¹²³⁰⁴-⁹]*)(\S+)")
_SUPERSCRIPT = re.compile(r"[¹²³⁰⁴-⁹]")


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
    """A stretch equal in both texts, or a change: old[o1:o2] became new[n1:n2] (character offsets)."""

    equal: bool
    o1: int
    o2: int
    n1: int
    n2: int
    facts: frozenset = frozenset()
    old_size: int = -1  # characters other than whitespace, counted when the clean-up needs them
    new_size: int = -1


def diff_words(old: str, new: str, *, ignore_case: bool = False, fold_punctuation: bool = True) -> list[DiffOp]:
    """Return the word diff turning ``old`` into ``new`` as a list of ops (equal ops only if none differ)."""
    options = {"ignore_case": ignore_case, "fold_punctuation": fold_punctuation}
    old_chunks, new_chunks = _Chunks(old, options), _Chunks(new, options)
    if not old_chunks.keys or not new_chunks.keys:
        segments = _fine(old, new, 0, len(old), 0, len(new), options)
    else:
        segments = []
        for equal, i1, i2, j1, j2 in _runs(old_chunks.keys, new_chunks.keys):
            o1, o2 = old_chunks.bound(i1), old_chunks.bound(i2)
            n1, n2 = new_chunks.bound(j1), new_chunks.bound(j2)
            if equal:
                _append(segments, _Segment(True, o1, o2, n1, n2))
            elif _only_words(old[o1:o2]) and _only_words(new[n1:n2]):
                # Plain words are their own fine tokens, and an optimal common subsequence leaves no
                # word common to both sides of a change: the fine pass would find nothing more.
                _append(segments, _Segment(False, o1, o2, n1, n2, _month_facts(old[o1:o2], new[n1:n2])))
            else:
                for segment in _fine(old, new, o1, o2, n1, n2, options):
                    _append(segments, segment)
    segments = cleanup_semantic(segments, old, new)
    return [_op(segment, old, new) for segment in segments]


def has_changes(ops: list[DiffOp]) -> bool:
    """Return whether any op is a change (not ``equal``)."""
    return any(op.tag != EQUAL for op in ops)


class _Chunks:
    """A text cut at whitespace: each chunk's comparison key, and where chunk ``k``'s span starts."""

    def __init__(self, text: str, options: dict) -> None:
        self.text = text
        source = fold(text) if options["fold_punctuation"] else text
        if options["ignore_case"]:
            source = source.casefold()
        self.keys = source.split()
        pieces = text.split()
        if " ".join(pieces) == text and not _SUPERSCRIPT.search(text):  # the usual paragraph
            # Single spaces: chunk offsets by arithmetic on the chunk lengths.
            self._sums = list(accumulate(map(len, pieces), initial=0))
            self._starts = None
        else:
            found = _CHUNK.findall(text)
            ends = list(accumulate([len(space) + len(chunk) for space, chunk in found]))
            self._starts = [end - len(chunk) for end, (_, chunk) in zip(ends, found)]
            if len(self._starts) != len(self.keys):  # superscript marks standing alone: chunks as found
                self.keys = [(fold(c) if options["fold_punctuation"] else c) for _, c in found]
                self.keys = [k.casefold() for k in self.keys] if options["ignore_case"] else self.keys

    def bound(self, k: int) -> int:
        """Return where the span of chunk ``k`` starts (0 for the first; the text's end after the last)."""
        if k == 0:
            return 0
        if k >= len(self.keys):
            return len(self.text)
        return self._sums[k] + k if self._starts is None else self._starts[k]


def _only_words(text: str) -> bool:
    """Return whether ``text`` holds nothing but letters and whitespace (or nothing at all)."""
    letters = "".join(text.split())
    return not letters or letters.isalpha()


def _month_facts(old: str, new: str) -> frozenset:
    """Return {"date"} if either text names a month, else nothing."""
    words = set(old.split()) | set(new.split())
    return frozenset([DATE]) if words & MONTHS else frozenset()


def _fine(old: str, new: str, o1: int, o2: int, n1: int, n2: int, options: dict) -> list[_Segment]:
    """Return the fine-token segments of old[o1:o2] against new[n1:n2] (offsets in the whole texts)."""
    old_scan, new_scan = scan(old[o1:o2]), scan(new[n1:n2])
    old_keys, new_keys = scan_keys(old_scan, **options), scan_keys(new_scan, **options)
    old_bounds = _bounds(old_scan)
    new_bounds = _bounds(new_scan)
    segments = []
    for equal, i1, i2, j1, j2 in _runs(old_keys, new_keys):
        segment = _Segment(equal, o1 + old_bounds[i1], o1 + old_bounds[i2],
                           n1 + new_bounds[j1], n1 + new_bounds[j2])
        if not equal:
            segment.facts = tagged_facts(old_scan, i1, i2, old, o1) | tagged_facts(new_scan, j1, j2, new, n1)
        segments.append(segment)
    return segments


def _bounds(found: Scan) -> list[int]:
    """Return the token bounds of a scan: 0, then each next token's start, then the end of its text."""
    return [0, *found.starts[1:], len(found.text)] if found.starts else [0, len(found.text)]


def _runs(old_keys: list[str], new_keys: list[str]) -> list[tuple[bool, int, int, int, int]]:
    """Return equal runs and changes over two key lists, adjacent insertions and deletions joined."""
    if not old_keys or not new_keys:
        return [(False, 0, len(old_keys), 0, len(new_keys))] if old_keys or new_keys else []
    runs: list[list] = []
    for tag, i1, i2, j1, j2 in Indel.opcodes(old_keys, new_keys):
        _extend(runs, tag == EQUAL, i1, i2, j1, j2)
    return [tuple(run) for run in runs]


def _extend(runs: list[list], equal: bool, i1: int, i2: int, j1: int, j2: int) -> None:
    """Append a run, extending the last one when it is of the same sort."""
    if runs and runs[-1][0] == equal:
        runs[-1][2], runs[-1][4] = i2, j2
    else:
        runs.append([equal, i1, i2, j1, j2])


def _append(segments: list[_Segment], segment: _Segment) -> None:
    """Append a segment, joining it to the last one when both are equal or both are changes."""
    if segment.o1 == segment.o2 and segment.n1 == segment.n2:
        return
    if segments and segments[-1].equal == segment.equal:
        last = segments[-1]
        last.o2, last.n2, last.facts = segment.o2, segment.n2, last.facts | segment.facts
    else:
        segments.append(segment)


def _size(text: str, start: int, end: int) -> int:
    """Return how many characters other than whitespace ``text[start:end]`` holds."""
    return len("".join(text[start:end].split()))


def cleanup_semantic(segments: list[_Segment], old: str, new: str) -> list[_Segment]:
    """Return the segments with each short equality between two larger changes folded into them.

    An equality is folded when it is no longer (in characters other than spaces) than the larger
    side of the change on each side of it, as in diff-match-patch; repeated until nothing changes.
    Only segment boundaries move, so the texts the ops reconstruct never change.
    """
    if sum(not segment.equal for segment in segments) < 2:
        return segments
    for segment in segments:
        segment.old_size = _size(old, segment.o1, segment.o2)
        segment.new_size = 0 if segment.equal else _size(new, segment.n1, segment.n2)
    index = 1
    while index < len(segments) - 1:
        before, middle, after = segments[index - 1], segments[index], segments[index + 1]
        if (middle.equal and not before.equal and not after.equal
                and middle.old_size <= max(before.old_size, before.new_size)
                and middle.old_size <= max(after.old_size, after.new_size)):
            merged = _Segment(False, before.o1, after.o2, before.n1, after.n2, before.facts | after.facts,
                              before.old_size + middle.old_size + after.old_size,
                              before.new_size + middle.old_size + after.new_size)
            segments[index - 1:index + 2] = [merged]
            index = max(1, index - 2)  # the merged change may now swallow the equality before it
        else:
            index += 1
    return segments


def tagged_facts(found: Scan, start: int, end: int, whole: str | None = None, offset: int = 0) -> frozenset:
    """Return the facts (date, number, reference) among tokens ``start`` to ``end`` of a scan.

    ``whole`` is the text the scanned one was cut from, at ``offset``: a day next to a month name
    outside the scanned stretch is still a date.
    """
    touched = set()
    for index in range(start, end):
        if found.is_reference(index):
            touched.add("reference")
        elif found.is_number(index):
            touched.add(DATE if _is_date_part(found, index, whole, offset) else "number")
        elif found.ends[index] - found.starts[index] >= 3 and _text(found, index) in MONTHS:
            touched.add(DATE)
    return frozenset(touched)


def _text(found: Scan, index: int) -> str:
    return found.text[found.starts[index]:found.ends[index]]


def _is_date_part(found: Scan, index: int, whole: str | None, offset: int) -> bool:
    """Return whether the number at ``index`` is a day or year (a year, or next to a month name)."""
    text = _text(found, index)
    if not text.isdigit():
        return False
    if len(text) == 4 and 1900 <= int(text) <= 2099:
        return True
    if not 1 <= int(text) <= 31:
        return False
    whole = found.text if whole is None else whole
    start, end = offset + found.starts[index], offset + found.ends[index]
    before = _WORD_BEFORE.search(whole, max(0, start - 16), start)
    after = _WORD_AFTER.match(whole, end, end + 16)
    return any(m is not None and m.group(1) in MONTHS for m in (before, after))


def _op(segment: _Segment, old: str, new: str) -> DiffOp:
    """Return the op of a segment, carrying the exact substrings of both texts."""
    old_text, new_text = old[segment.o1:segment.o2], new[segment.n1:segment.n2]
    if segment.equal:
        return DiffOp(EQUAL, old_text, new_text)
    tag = REPLACE if old_text and new_text else (INSERT if new_text else DELETE)
    return DiffOp(tag, old_text, new_text, tuple(f for f in FACT_ORDER if f in segment.facts))
