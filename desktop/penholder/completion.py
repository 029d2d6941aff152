"""Completion of paragraph openings from the lexicon and the library (core, no Qt).

At the start of a paragraph the lexicon's openers and operative verbs are offered, ranked by how many
library paragraphs of that kind open with them. After the first word, the library's most frequent
continuations are offered: "Recalling" -> "Recalling also", "Recalling its resolution" …; each
continuation runs on for as long as most library paragraphs that share it agree on the next word.

The library is held as one sorted list of token keys, so the paragraphs that start with a prefix are a
contiguous range found by bisection, and so is each distinct next word: a request costs a few
bisections per suggestion, not a scan of the library.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from penholder.model import OPERATIVE, PREAMBULAR, Resolution

MAX_TOKENS = 32  # tokens kept per paragraph opening
MAX_EXTENSION = 16  # words a continuation may run on
AGREEMENT = 0.6  # share of the paragraphs that must agree on the next word to run on
_SEP = "\x01"  # sorts below every printable character: "recalling\x01" precedes "recalling also"
_TOP = "\U0010ffff"
_KIND_CODE = {PREAMBULAR: "p", OPERATIVE: "o"}
_TOKEN = re.compile(r"\w+(?:[-'’/.]\w+)*|[^\w\s]")
_STOPS = {",", ";", ":", "."}
_NO_SPACE_BEFORE = {",", ";", ":", ".", ")", "]", "”", "’", "%"}
_NO_SPACE_AFTER = {"(", "[", "“", "‘"}
_NUMBER = re.compile(r"^\s*\d+\.\s*")
_SUB_LABEL = re.compile(r"^\s*\((?:[a-z]{1,2}|[ivxlc]{1,6})\)")


@dataclass(frozen=True)
class Suggestion:
    """A completion: the prefix as typed plus ``insert`` gives ``text``; ``count`` library paragraphs agree."""

    text: str
    insert: str
    count: int
    kind: str
    source: str  # "lexicon" (a listed opener or verb) or "library" (a continuation seen in the library)

    def to_json(self) -> dict[str, object]:
        """Return the suggestion as a JSON object."""
        return {"text": self.text, "insert": self.insert, "count": self.count, "kind": self.kind,
                "source": self.source}


def tokens(text: str) -> list[str]:
    """Return the words and punctuation marks of ``text`` in order."""
    return _TOKEN.findall(text)


def detokenize(words: list[str]) -> str:
    """Return tokens joined as text: no space before ``,;:.)`` or after ``(“``."""
    out = ""
    for word in words:
        if out and word not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER:
            out += " "
        out += word
    return out


class Completer:
    """Completes paragraph openings from a library of resolutions (build once, ask many times)."""

    def __init__(self, openings: Iterable[tuple[str, str]], leads: dict[str, list[str]] | None = None):
        """Build from (kind, paragraph text) pairs and the lexicon leads by kind (default: the lexicon)."""
        entries = []
        for kind, text in openings:
            words = tokens(text[:400])[:MAX_TOKENS]  # 32 words never need more than 400 characters
            if not words:
                continue
            shown = _KIND_CODE[kind] + _SEP + _SEP.join(words) + _SEP
            entries.append((shown.lower(), shown))  # lower() keeps the separators where they were
        entries.sort()
        self._keys = [key for key, _ in entries]
        self._shown = [shown for _, shown in entries]
        self._cache: dict[str, list[tuple[int, int, int, str]]] = {}
        for code in _KIND_CODE.values():  # the widest nodes: every first word, and after common ones
            for count, _lo, _hi, word in self._children(code + _SEP):
                if count >= max(50, len(self._keys) // 200):
                    self._children(code + _SEP + word + _SEP)
        self._leads = leads if leads is not None else _lexicon_leads()
        self._lead_counts = {
            kind: sorted(((self._count(kind, tokens(lead)), lead) for lead in leads_of_kind),
                         key=lambda item: (-item[0], len(item[1]), item[1]))
            for kind, leads_of_kind in self._leads.items()
        }

    @classmethod
    def from_resolutions(cls, resolutions: Iterable[Resolution],
                         leads: dict[str, list[str]] | None = None) -> Completer:
        """Return a completer over the paragraphs of ``resolutions``."""
        return cls(((p.kind, p.text) for r in resolutions for p in r.paragraphs), leads)

    @classmethod
    def from_library(cls, library: object, leads: dict[str, list[str]] | None = None) -> Completer:
        """Return a completer over a ``penholder.library.Library`` (anything with ``resolutions()``)."""
        return cls.from_resolutions(library.resolutions(), leads)  # type: ignore[attr-defined]

    def __len__(self) -> int:
        return len(self._keys)

    def complete(self, prefix: str, kind: str | None = None, limit: int = 5) -> list[Suggestion]:
        """Return up to ``limit`` completions of a paragraph that starts with ``prefix``, best first."""
        if _SUB_LABEL.match(prefix):
            return []  # sub-paragraphs are not indexed as openings
        number = _NUMBER.match(prefix)
        if number and kind is None:
            kind = OPERATIVE
        typed = prefix[number.end():] if number else prefix
        kinds = [kind] if kind else [PREAMBULAR, OPERATIVE]
        words = tokens(typed)
        complete = typed[-1:].isspace() if typed else True
        if words and not complete and any(_is_lead(typed, self._leads.get(k, [])) for k in kinds):
            complete = True  # "Recalling" + Tab continues the lead rather than re-offering it
        found: list[tuple[int, Suggestion]] = []  # (paragraphs that go this way at the first word, …)
        for each in kinds:
            found += self._lead_suggestions(prefix, typed, each, limit)  # "Deeply c" -> "Deeply concerned"
            found += self._continuations(prefix, words, complete, each, limit)
            if words and not complete:  # "Requests the" may be a whole word as well as the start of one
                found += self._continuations(prefix, words, True, each, limit)
        unique: dict[str, Suggestion] = {}
        ranked = sorted(found, key=lambda item: (-item[0], item[1].source != "lexicon", -item[1].count,
                                                 len(item[1].text)))
        for _rank, suggestion in ranked:
            if suggestion.insert.strip() and suggestion.text.lower() not in unique:
                unique[suggestion.text.lower()] = suggestion
        return list(unique.values())[:limit]

    def _lead_suggestions(self, prefix: str, typed: str, kind: str, limit: int) -> list[tuple[int, Suggestion]]:
        wanted = " ".join(typed.split()).lower() + (" " if typed[-1:].isspace() and typed.strip() else "")
        found = []
        for count, lead in self._lead_counts.get(kind, []):
            if lead.lower().startswith(wanted) and len(lead) > len(wanted):
                insert = lead[len(wanted):]
                found.append((count, Suggestion(prefix + insert, insert, count, kind, "lexicon")))
                if len(found) >= limit:
                    break
        return found

    def _continuations(self, prefix: str, words: list[str], complete: bool, kind: str,
                       limit: int) -> list[tuple[int, Suggestion]]:
        lowered = [w.lower() for w in words]
        head = _KIND_CODE[kind] + _SEP + "".join(w + _SEP for w in (lowered if complete else lowered[:-1]))
        partial = "" if complete else lowered[-1]
        children = (child for child in self._children(head) if child[3].startswith(partial))
        found = []
        depth = len(lowered) if complete else len(lowered) - 1
        for branch, child_lo, child_hi, _word in islice(children, limit):
            shown = self._shown[child_lo].split(_SEP)[1:]
            run = [shown[depth]]
            more, count = self._extend(head + run[0].lower() + _SEP, child_lo, child_hi, depth + 1)
            run += more
            if not complete:
                first = run[0][len(words[-1]):]
                insert = first + (_join_after(run[0], run[1:]) if len(run) > 1 else "")
            else:
                insert = _join_after(prefix.rstrip()[-1:] or " ", run)
                if prefix and not prefix[-1].isspace():
                    insert = insert if insert[:1] in _NO_SPACE_BEFORE else " " + insert.lstrip()
                else:
                    insert = insert.lstrip()
            found.append((branch, Suggestion(prefix + insert, insert, count, kind, "library")))
        return found

    def _children(self, head: str) -> list[tuple[int, int, int, str]]:
        """Return (count, lo, hi, word) for each distinct next word after ``head`` (cached when costly)."""
        cached = self._cache.get(head)
        if cached is not None:
            return cached
        lo, hi = self._range(head)
        children = []
        i = lo
        while i < hi:
            rest = self._keys[i][len(head):]
            if not rest:  # a paragraph that ends here
                i += 1
                continue
            word = rest.split(_SEP, 1)[0]
            child_hi = self._range(head + word + _SEP, i, hi)[1]
            children.append((child_hi - i, i, child_hi, word))
            i = child_hi
        children.sort(key=lambda child: -child[0])
        if len(children) > 64:  # wide nodes are few and shared by many requests: keep them
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[head] = children
        return children

    def _extend(self, head: str, lo: int, hi: int, depth: int) -> tuple[list[str], int]:
        """Return the words most paragraphs in ``keys[lo:hi]`` agree on after ``head``, and how many agree."""
        run: list[str] = []
        while len(run) < MAX_EXTENSION and hi - lo >= 2:
            middle = (lo + hi) // 2  # a word shared by most of the range must cover the middle entry
            rest = self._keys[middle][len(head):]
            if not rest:
                break
            word = rest.split(_SEP, 1)[0]
            if word in _STOPS:
                break
            a, b = self._range(head + word + _SEP, lo, hi)
            if b - a < AGREEMENT * (hi - lo):
                break
            run.append(self._shown[a].split(_SEP)[1 + depth + len(run)])
            head += word + _SEP
            lo, hi = a, b
        return run, hi - lo

    def _range(self, key: str, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
        hi = len(self._keys) if hi is None else hi
        start = bisect_left(self._keys, key, lo, hi)
        return start, bisect_left(self._keys, key + _TOP, start, hi)

    def _count(self, kind: str, words: list[str]) -> int:
        lo, hi = self._range(_KIND_CODE[kind] + _SEP + "".join(w.lower() + _SEP for w in words))
        return hi - lo

    def count(self, opening: str, kind: str) -> int:
        """Return how many library paragraphs of ``kind`` open with ``opening`` (whole words)."""
        return self._count(kind, tokens(opening))


def _join_after(previous: str, run: list[str]) -> str:
    text = detokenize(run)
    if not run or run[0] in _NO_SPACE_BEFORE or previous[-1:] in _NO_SPACE_AFTER:
        return text
    return " " + text


def _is_lead(typed: str, leads: list[str]) -> bool:
    wanted = " ".join(typed.split()).lower()
    return any(lead.lower() == wanted for lead in leads)


def _lexicon_leads() -> dict[str, list[str]]:
    """Return the lexicon's openers and verbs by kind."""
    from penholder.parsing import lexicon

    return {PREAMBULAR: list(lexicon.preambular_openers()), OPERATIVE: list(lexicon.operative_verbs())}
