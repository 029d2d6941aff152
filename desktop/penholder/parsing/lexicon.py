"""The drafting lexicon: UN preambular openers and operative verbs, and finding a paragraph's lead.

The lists are data in ``resources/lexicon/`` (one phrase a line, ``#`` comments) so that completion and
house-style checks can share them. A lead is the longest listed phrase at the start of a paragraph,
with an adverb before it (``Also takes note``) or after a preambular opener (``Recalling also``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from penholder.paths import lexicon_dir

PREAMBULAR_FILE = "preambular_openers.txt"
OPERATIVE_FILE = "operative_verbs.txt"

# Adverbs that may stand before an operative verb or a preambular opener ("Also", "Strongly" ...).
_ADVERB = r"(?:Also|Further|Again|Once again|Once more|Further also|Also further|Still|[A-Z][a-z]+ly)"
# Words that may follow a preambular opener and belong to its lead ("Recalling also").
_TRAILING = ("also", "further", "again", "moreover", "once again", "further also")


def _read_list(name: str) -> tuple[str, ...]:
    path = Path(lexicon_dir()) / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return ()
    phrases = {line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")}
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


@lru_cache(maxsize=1)
def preambular_openers() -> tuple[str, ...]:
    """Return the preambular openers, longest first."""
    return _read_list(PREAMBULAR_FILE)


@lru_cache(maxsize=1)
def operative_verbs() -> tuple[str, ...]:
    """Return the operative verbs and verb phrases, longest first."""
    return _read_list(OPERATIVE_FILE)


def _phrase_pattern(phrases: tuple[str, ...]) -> str:
    return "|".join(re.escape(p) for p in phrases)


@lru_cache(maxsize=1)
def _operative_re() -> re.Pattern[str]:
    verbs = _phrase_pattern(operative_verbs()) or r"(?!x)x"
    lowered = _phrase_pattern(tuple(v[0].lower() + v[1:] for v in operative_verbs())) or r"(?!x)x"
    return re.compile(
        rf"(?:(?:{_ADVERB})\s+(?:(?:also|further)\s+)?(?:{lowered})|(?:{verbs}))(?=[\s,:;.]|$)"
    )


@lru_cache(maxsize=1)
def _preambular_re() -> re.Pattern[str]:
    openers = _phrase_pattern(preambular_openers()) or r"(?!x)x"
    lowered = _phrase_pattern(tuple(o[0].lower() + o[1:] for o in preambular_openers())) or r"(?!x)x"
    trailing = "|".join(re.escape(t) for t in sorted(_TRAILING, key=len, reverse=True))
    return re.compile(
        rf"(?:(?:{_ADVERB})\s+(?:{lowered})|(?:{openers}))(?:\s+(?:{trailing}))?(?=[\s,:;.]|$)"
    )


# Not in the lists but shaped like one: "Reaffirming", "Re-emphasizing", "Having decided", "Solemnly
# proclaiming" (preambular); "Reiterates", "Strongly objects", "Also looks forward" (operative).
_PREAMBULAR_SHAPE = re.compile(
    r"(?:(?:Having|Being)\s+(?:also\s+|further\s+)?[a-z]+(?:ed|en|ne|wn)|(?:[A-Z][a-z]+ly|Ever|Still)\s+[a-z]+(?:ing|ed|ful)"
    r"|[A-Z][a-z]+(?:-[a-z]+)?(?:ing|ed))"
    r"(?:\s+(?:also|further|again))?(?=[\s,:;.]|$)"
)
_OPERATIVE_SHAPE = re.compile(
    rf"(?:(?:{_ADVERB})\s+(?:(?:also|further)\s+)?[a-z][a-z-]*[a-z]s|[A-Z][a-z-]*[a-z]s)(?=[\s,:;.]|$)"
)
_NOT_OPENERS = {"Beijing", "Kunming", "Nanjing", "Chongqing", "Spring", "King", "Sterling", "Wellington",
                "Reading", "Hong", "United", "Limited", "Concerning", "Regarding", "During", "Following",
                "Notwithstanding", "Including", "According", "Pending", "Excluding", "Red", "Reed", "Ted",
                "Bring", "Sing", "Ring", "Wing", "Darling", "Viking", "Peking", "Ming", "Shed", "Ahmed",
                "Mohammed", "Muhammed", "Hamed", "Saeed", "Rashed", "Zayed"}
_NOT_VERBS = {"This", "Its", "Was", "Has", "Is", "As", "Thus", "Nations", "States", "Parties",
              "Members", "Countries", "Governments", "Areas", "Rights", "Means", "Towards", "Whereas"}


def operative_lead(text: str) -> str:
    """Return the operative lead at the start of ``text`` ("Also takes note"), or ``""``."""
    match = _operative_re().match(text)
    if match:
        return match.group(0)
    match = _OPERATIVE_SHAPE.match(text)
    if match and match.group(0).split()[-1] not in _NOT_VERBS:
        return match.group(0)
    return ""


def preambular_lead(text: str) -> str:
    """Return the preambular lead at the start of ``text`` ("Recalling further"), or ``""``."""
    match = _preambular_re().match(text)
    if match:
        return match.group(0)
    match = _PREAMBULAR_SHAPE.match(text)
    if match and match.group(0).split()[0] not in _NOT_OPENERS:
        return match.group(0)
    return ""


def is_preambular_opening(text: str) -> bool:
    """Return whether ``text`` starts like a preambular paragraph (a listed opener)."""
    return bool(_preambular_re().match(text))


_NEXT_WORD = re.compile(r"\s*,?\s*([\w’'-]+)")
_NOT_AFTER_LEAD = frozenset({"and", "or", "of", "nor"})
_PREPOSITIONS = frozenset({"into", "in", "on", "for", "to", "with", "by", "at", "from", "upon", "under"})


def looks_like_opening(text: str) -> bool:
    """Return whether ``text`` starts like a paragraph, by the lists or by the shape of its first words.

    Shape alone is not enough in title-case names ("Stockpiling and Use of …"): the word after the lead
    must then be a lower-case word that can follow a lead ("Commemorating all", "Having noted that").
    """
    if is_preambular_opening(text) or is_operative_opening(text):
        return True
    lead = preambular_lead(text) or operative_lead(text)
    if not lead:
        return False
    following = _NEXT_WORD.match(text, len(lead))
    if not (following and following.group(1)[:1].islower() and following.group(1) not in _NOT_AFTER_LEAD):
        return False
    if following.group(1) in _PREPOSITIONS:  # "Taking into account", not "Taking into Particular Account"
        after = _NEXT_WORD.match(text, following.end())
        return bool(after and after.group(1)[:1].islower())
    return True


def is_operative_opening(text: str) -> bool:
    """Return whether ``text`` starts with a listed operative verb."""
    return bool(_operative_re().match(text))
