"""The words a paragraph may open with: lexicon openers and verbs, widened by what the library uses.

The lexicon (``penholder.parsing.lexicon``, owned by the parser) lists preambular openers and operative
verbs. A library of adopted resolutions adds every lead it uses at least twice, so a rare but agreed
opener is never flagged just because the lexicon lacks it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from penholder.model import Resolution

# Adverbs that may precede the opener or the verb: "Also requests", "Deeply concerned", "Once again urges".
ADVERBS = frozenset(["also", "further", "again", "once", "strongly", "deeply", "gravely", "seriously", "firmly", "fully", "furthermore", "moreover", "particularly", "especially", "greatly", "equally", "likewise", "emphatically", "urgently", "sincerely", "warmly", "profoundly"])

_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


@dataclass(frozen=True)
class Vocabulary:
    """Lower-case preambular openers and operative verbs (third person present), possibly multi-word."""

    openers: frozenset[str] = field(default_factory=frozenset)
    verbs: frozenset[str] = field(default_factory=frozenset)

    def opener_words(self) -> frozenset[str]:
        """Return the first words of the openers (``recalling``, ``deeply`` …)."""
        return self._first_words[0]

    def verb_words(self) -> frozenset[str]:
        """Return the first words of the verbs (``requests``, ``calls`` …)."""
        return self._first_words[1]

    @cached_property
    def _first_words(self) -> tuple[frozenset[str], frozenset[str]]:
        return (frozenset(o.split()[0] for o in self.openers if o),
                frozenset(v.split()[0] for v in self.verbs if v))

    def widened(self, resolutions: Iterable[Resolution], minimum: int = 2) -> Vocabulary:
        """Return this vocabulary plus every first word the library uses ``minimum`` times or more."""
        openers: Counter[str] = Counter()
        verbs: Counter[str] = Counter()
        for resolution in resolutions:
            for paragraph in resolution.preambular:
                word = first_word(paragraph.text)
                if word:
                    openers[word.lower()] += 1
            for paragraph in resolution.operative:
                word = first_word(paragraph.text)
                if word:
                    verbs[word.lower()] += 1
        return Vocabulary(
            self.openers | {w for w, n in openers.items() if n >= minimum and w not in self.verb_words()},
            self.verbs | {w for w, n in verbs.items() if n >= minimum and w.endswith("s")},
        )


def first_word(text: str, *, skip_adverbs: bool = True) -> str | None:
    """Return the first word of ``text``, past leading adverbs when asked (``Also requests`` -> ``requests``)."""
    for match in _WORD.finditer(text[:120]):
        word = match.group()
        if skip_adverbs and (word.lower() in ADVERBS or _is_adverb(word)):
            continue
        return word
    return None


def first_word_span(text: str) -> tuple[int, int] | None:
    """Return the offsets of the first word past leading adverbs, or ``None``."""
    for match in _WORD.finditer(text[:120]):
        word = match.group()
        if word.lower() in ADVERBS or _is_adverb(word):
            continue
        return match.span()
    return None


def _is_adverb(word: str) -> bool:
    lower = word.lower()
    return lower.endswith("ly") and lower not in {"apply", "rely", "supply", "comply", "reply", "multiply"}


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """Return the vocabulary read from the bundled lexicon."""
    from penholder.parsing import lexicon

    return Vocabulary(frozenset(_normalised(lexicon.preambular_openers())),
                      frozenset(_normalised(lexicon.operative_verbs())))


def _normalised(leads) -> set[str]:
    return {" ".join(str(v).lower().split()) for v in leads if str(v).strip()}
