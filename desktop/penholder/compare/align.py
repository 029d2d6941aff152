"""Align the paragraphs of two resolutions: what stayed, changed, came, went, moved, split or merged.

Preambular and operative parts are aligned separately and numbers are ignored. Identical texts are
paired first; then a consecutive run of paragraphs on one side that together match one paragraph on
the other is a split or a merge; then the remaining paragraphs pair by word similarity (rapidfuzz
Indel over tokens), best first. The heaviest chain of pairs in the same order on both sides is what
stayed in place (unchanged or modified); every other pair is moved.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from penholder.compare.tokens import fold, scan
from penholder.compare.worddiff import (
    DELETE,
    EQUAL,
    FACT_ORDER,
    INSERT,
    DiffOp,
    diff_words,
    has_changes,
    tagged_facts,
)
from penholder.model import OPERATIVE, PREAMBULAR, Paragraph, Resolution

UNCHANGED, MODIFIED, INSERTED, DELETED = "unchanged", "modified", "inserted", "deleted"
MOVED, SPLIT, MERGED = "moved", "split", "merged"
STATUSES = (UNCHANGED, MODIFIED, INSERTED, DELETED, MOVED, SPLIT, MERGED)

MATCH_SIMILARITY = 0.5  # word similarity from which two paragraphs are one paragraph revised
CONTAINED_SIMILARITY = 0.3  # ... or this, when one holds nearly all the words of the other
CONTAINED_COVERAGE = 0.85
GROUP_SIMILARITY = 0.75  # a split or merge must match at least this well ...
GROUP_GAIN = 0.15  # ... and this much better than its best single paragraph
GAP_SIMILARITY = 0.35  # ... or this, with the same lead and between the same unchanged neighbours
GROUP_MAX = 3  # at most this many paragraphs in a split or merge
GROUP_PART_COVERAGE = 0.6  # share of each part's words that must come from the one paragraph


@dataclass
class ParagraphChange:
    """What became of one paragraph (or a split or merged group) between the two resolutions."""

    status: str  # one of STATUSES
    kind: str  # "preambular" or "operative"
    old: list[Paragraph]
    new: list[Paragraph]
    old_numbers: list[int]  # 1-based positions within the kind (operative: the printed number)
    new_numbers: list[int]
    ops: list[DiffOp]
    similarity: float = 100.0  # word similarity of old and new text, 0–100

    @property
    def old_text(self) -> str:
        """Return the old paragraph text (groups joined by a space), empty if inserted."""
        return " ".join(p.full_text() for p in self.old)

    @property
    def new_text(self) -> str:
        """Return the new paragraph text (groups joined by a space), empty if deleted."""
        return " ".join(p.full_text() for p in self.new)

    def to_json(self) -> dict:
        """Return the JSON shape printed by ``penholder compare --json``."""
        return {
            "status": self.status,
            "kind": self.kind,
            "old_numbers": list(self.old_numbers),
            "new_numbers": list(self.new_numbers),
            "old_text": self.old_text,
            "new_text": self.new_text,
            "ops": [op.to_json() for op in self.ops],
        }


@dataclass
class Alignment:
    """The paragraph-by-paragraph comparison of two resolutions, preambular changes first."""

    old: Resolution
    new: Resolution
    changes: list[ParagraphChange] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        """Return how many changes have each status (every status present, zero included)."""
        counts = dict.fromkeys(STATUSES, 0)
        for change in self.changes:
            counts[change.status] += 1
        return counts

    def to_json(self) -> dict:
        """Return the JSON shape printed by ``penholder compare --json``."""
        return {
            "old": self.old.symbol,
            "new": self.new.symbol,
            "summary": self.summary(),
            "changes": [change.to_json() for change in self.changes],
        }


@dataclass
class _Pair:
    """Old paragraphs ``olds`` matched to new paragraphs ``news`` (one of each unless split/merged)."""

    olds: list[int]
    news: list[int]
    similarity: float
    status: str | None = None  # SPLIT or MERGED for groups, else decided by order and text


def align_resolutions(old: Resolution, new: Resolution) -> Alignment:
    """Return the paragraph alignment of ``old`` and ``new`` (preambular then operative)."""
    changes = _align_kind(PREAMBULAR, old.preambular, new.preambular)
    changes += _align_kind(OPERATIVE, old.operative, new.operative)
    return Alignment(old, new, changes)


def align_paragraphs(kind: str, old: list[Paragraph], new: list[Paragraph]) -> list[ParagraphChange]:
    """Return the changes turning the paragraphs ``old`` into ``new`` (all of one kind)."""
    return _align_kind(kind, old, new)


_FIRST_CODE = 0x10000  # beyond the surrogates
_CODE_SPACE = 0x110000 - _FIRST_CODE  # more distinct words than this share codes (similarity only)


class _Words:
    """Each paragraph's words (split at spaces, folded, case-folded), one character per word.

    Words become characters of a string shared by both sides (rapidfuzz compares strings faster than
    lists), past the surrogates so that every code is a valid character.
    """

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}

    def keys(self, text: str) -> str:
        """Return the words of ``text`` coded one character each."""
        codes = self.codes
        coded = []
        for word in fold(text).casefold().split():
            code = codes.get(word)
            if code is None:
                code = codes[word] = chr(_FIRST_CODE + len(codes) % _CODE_SPACE)
            coded.append(code)
        return "".join(coded)


class _Scores:
    """Word similarity of old and new paragraphs, each pair's common-word count computed once."""

    def __init__(self, old_keys: list[str], new_keys: list[str]) -> None:
        self.old_keys, self.new_keys = old_keys, new_keys
        self.known: dict[tuple[int, int], int] = {}

    def common(self, i: int, j: int) -> int:
        """Return how many words old paragraph ``i`` and new paragraph ``j`` share in order (LCS)."""
        if (i, j) not in self.known:
            a, b = self.old_keys[i], self.new_keys[j]
            self.known[i, j] = (len(a) + len(b) - Indel.distance(a, b)) // 2
        return self.known[i, j]

    def coverage(self, i: int, j: int, of_new: bool) -> float:
        """Return the share of the new (or old) paragraph's words found in the other one."""
        size = len(self.new_keys[j] if of_new else self.old_keys[i])
        return self.common(i, j) / size if size else 0.0

    def similarity(self, i: int, j: int) -> float:
        """Return how alike two paragraphs are, 0–1, crediting one that holds nearly all the other."""
        a, b = self.old_keys[i], self.new_keys[j]
        total = len(a) + len(b)
        if not total:
            return 1.0
        if 2 * min(len(a), len(b)) / total < CONTAINED_SIMILARITY:
            return 0.0
        common = self.common(i, j)
        ratio = 2 * common / total
        if ratio >= MATCH_SIMILARITY or ratio < CONTAINED_SIMILARITY:
            return ratio
        return max(ratio, MATCH_SIMILARITY) if common / min(len(a), len(b)) >= CONTAINED_COVERAGE else ratio


def _align_kind(kind: str, old: list[Paragraph], new: list[Paragraph]) -> list[ParagraphChange]:
    old_texts = [p.full_text() for p in old]
    new_texts = [p.full_text() for p in new]
    pairs = _exact_pairs([_plain(t) for t in old_texts], [_plain(t) for t in new_texts])
    old_free = set(range(len(old))) - {i for p in pairs for i in p.olds}
    new_free = set(range(len(new))) - {j for p in pairs for j in p.news}
    words = _Words()
    old_keys = [words.keys(t) if i in old_free else "" for i, t in enumerate(old_texts)]
    new_keys = [words.keys(t) if j in new_free else "" for j, t in enumerate(new_texts)]
    scores = _Scores(old_keys, new_keys)
    pairs += _group_pairs(scores, old_free, new_free)
    pairs += _similar_pairs(old_free, new_free, scores)
    pairs += _gap_pairs(old, new, pairs, old_free, new_free, scores)
    in_order = _in_order(pairs)
    return _changes(kind, old, new, old_texts, new_texts, pairs, in_order, old_free, new_free)


def _plain(text: str) -> str:
    """Return ``text`` with quotes and dashes folded and whitespace collapsed (for exact pairing)."""
    return " ".join(fold(text).split())


def _exact_pairs(old_plain: list[str], new_plain: list[str]) -> list[_Pair]:
    """Pair paragraphs whose folded texts are identical, in order of appearance."""
    waiting: dict[str, deque] = defaultdict(deque)
    for j, text in enumerate(new_plain):
        waiting[text].append(j)
    pairs = []
    for i, text in enumerate(old_plain):
        queue = waiting.get(text)
        if queue:
            pairs.append(_Pair([i], [queue.popleft()], 1.0))
    return pairs


def _group_pairs(scores: _Scores, old_free: set[int], new_free: set[int]) -> list[_Pair]:
    """Find splits (one old, consecutive new) and merges (consecutive old, one new) among free paragraphs."""
    found = []
    for status, one_free, many_free in ((SPLIT, old_free, new_free), (MERGED, new_free, old_free)):
        split = status == SPLIT
        one_keys, many_keys = (scores.old_keys, scores.new_keys) if split else (scores.new_keys, scores.old_keys)

        def pair(one: int, part: int, split: bool = split) -> tuple[int, int]:
            return (one, part) if split else (part, one)

        candidates = []
        for i in sorted(one_free):
            # Each part of a split (or merge) must be mostly made of the one paragraph's words.
            parts = {j for j in many_free if scores.coverage(*pair(i, j), of_new=split) >= GROUP_PART_COVERAGE}
            single = None
            for start in sorted(parts):
                run = [start]
                while len(run) < GROUP_MAX and run[-1] + 1 in parts:
                    run.append(run[-1] + 1)
                    if single is None:
                        single = max(scores.similarity(*pair(i, k)) for k in many_free)
                    joined = "".join(many_keys[k] for k in run)
                    score = Indel.normalized_similarity(one_keys[i], joined, score_cutoff=GROUP_SIMILARITY)
                    if score >= GROUP_SIMILARITY and score >= single + GROUP_GAIN:
                        candidates.append((score, i, list(run)))
        for score, i, run in sorted(candidates, key=lambda c: -c[0]):
            if i in one_free and all(j in many_free for j in run):
                one_free.discard(i)
                many_free.difference_update(run)
                olds, news = ([i], run) if split else (run, [i])
                found.append(_Pair(olds, news, score, status))
    return found


def _similar_pairs(old_free: set[int], new_free: set[int], scores: _Scores) -> list[_Pair]:
    """Pair the remaining paragraphs by word similarity, best first, nearest position breaking ties."""
    candidates = []
    for i in old_free:
        for j in new_free:
            score = scores.similarity(i, j)
            if score >= MATCH_SIMILARITY:
                candidates.append((score, -abs(i - j), i, j))
    pairs = []
    for score, _, i, j in sorted(candidates, reverse=True):
        if i in old_free and j in new_free:
            old_free.discard(i)
            new_free.discard(j)
            pairs.append(_Pair([i], [j], score))
    return pairs


def _gap_pairs(old: list[Paragraph], new: list[Paragraph], pairs: list[_Pair], old_free: set[int],
               new_free: set[int], scores: _Scores) -> list[_Pair]:
    """Pair rewritten paragraphs left over in the same place: same lead, between the same neighbours.

    A paragraph rewritten at length ("Taking note with appreciation of the final document …" of a later
    summit) shares fewer words than the general threshold asks, but where it sits and how it opens
    still show it is the same paragraph revised, not one deleted and another inserted.
    """
    chain = [pairs[k] for k in sorted(_in_order(pairs), key=lambda k: pairs[k].olds[0])]
    found = []
    for i in sorted(old_free):
        before = [p.news[-1] for p in chain if p.olds[-1] < i]
        after = [p.news[0] for p in chain if p.olds[0] > i]
        low, high = (before[-1] if before else -1), (after[0] if after else len(new))
        lead = _lead(old[i])
        candidates = [(scores.similarity(i, j), j) for j in sorted(new_free)
                      if low < j < high and lead and _lead(new[j]) == lead]
        candidates = [c for c in candidates if c[0] >= GAP_SIMILARITY]
        if candidates:
            score, j = max(candidates)
            old_free.discard(i)
            new_free.discard(j)
            found.append(_Pair([i], [j], score))
    return found


def _lead(paragraph: Paragraph) -> str:
    """Return the paragraph's lead in lower case (its first word when the lead is unknown)."""
    lead = paragraph.lead or (paragraph.text.split() or [""])[0]
    return lead.casefold().strip(" ,*_")


def _in_order(pairs: list[_Pair]) -> set[int]:
    """Return the indexes of the pairs on the heaviest chain in the same order on both sides.

    Identical pairs weigh most, any pair more than none. Pairs never share paragraphs, so taken in
    old order each may follow any earlier one that ends before it in the new text: a Fenwick tree over
    new positions gives the best such chain in O(n log n).
    """
    order = sorted(range(len(pairs)), key=lambda k: (pairs[k].olds[0], pairs[k].news[0]))
    size = max((pairs[k].news[-1] for k in order), default=-1) + 2
    tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)
    back: dict[int, int] = {}
    best_total, best_end = 0.0, -1
    for k in order:
        pair = pairs[k]
        total, previous = 0.0, -1
        position = pair.news[0]  # chains ending at new positions < news[0]: tree prefix 1..news[0]
        while position > 0:
            if tree[position][0] > total:
                total, previous = tree[position]
            position -= position & -position
        total += 1.0 + pair.similarity
        back[k] = previous
        if total > best_total:
            best_total, best_end = total, k
        position = pair.news[-1] + 1
        while position <= size:
            if total > tree[position][0]:
                tree[position] = (total, k)
            position += position & -position
    chain: set[int] = set()
    while best_end >= 0:
        chain.add(best_end)
        best_end = back[best_end]
    return chain


def _numbers(kind: str, paragraphs: list[Paragraph], indexes: list[int]) -> list[int]:
    """Return the numbers a drafter sees: the printed operative number, else the position."""
    return [
        paragraphs[i].number if kind == OPERATIVE and paragraphs[i].number else i + 1 for i in indexes
    ]


def _changes(kind, old, new, old_texts, new_texts, pairs, in_order, old_free, new_free) -> list[ParagraphChange]:
    """Return the changes in reading order of the new text, deletions where they stood in the old."""
    placed: list[tuple[tuple, ParagraphChange]] = []
    new_position_of_old: dict[int, int] = {}
    for k, pair in enumerate(pairs):
        old_text = " ".join(old_texts[i] for i in pair.olds)
        new_text = " ".join(new_texts[j] for j in pair.news)
        if old_text == new_text:
            ops = [DiffOp(EQUAL, old_text, new_text)]
        else:
            ops = diff_words(old_text, new_text)
        status = pair.status
        if status is None:
            if k not in in_order:
                status = MOVED
            else:
                status = MODIFIED if has_changes(ops) else UNCHANGED
        if k in in_order:
            for i in pair.olds:
                new_position_of_old[i] = pair.news[-1]
        change = ParagraphChange(status, kind, [old[i] for i in pair.olds], [new[j] for j in pair.news],
                                 _numbers(kind, old, pair.olds), _numbers(kind, new, pair.news), ops,
                                 round(pair.similarity * 100, 1))
        placed.append(((pair.news[0], 1, pair.olds[0]), change))
    for j in sorted(new_free):
        ops = [DiffOp(INSERT, "", new_texts[j], _facts_of(new_texts[j]))]
        change = ParagraphChange(INSERTED, kind, [], [new[j]], [], _numbers(kind, new, [j]), ops, 0.0)
        placed.append(((j, 1, -1), change))
    for i in sorted(old_free):
        anchor = max((new_position_of_old[k] for k in new_position_of_old if k < i), default=-1)
        ops = [DiffOp(DELETE, old_texts[i], "", _facts_of(old_texts[i]))]
        change = ParagraphChange(DELETED, kind, [old[i]], [], _numbers(kind, old, [i]), [], ops, 0.0)
        placed.append(((anchor, 2, i), change))
    placed.sort(key=lambda item: item[0])
    return [change for _, change in placed]


def _facts_of(text: str) -> tuple[str, ...]:
    """Return the facts (date, number, reference) an inserted or deleted paragraph carries."""
    found = scan(text)
    facts = tagged_facts(found, 0, len(found.starts))
    return tuple(f for f in FACT_ORDER if f in facts)
