"""What pdftotext's layout does to words, mended with the document's own vocabulary (and the lexicon's).

A hyphen set off by a space ("capacity -building"), a word split by a space ("sovere ignty", "request
ed"), and, without ``-layout``, a line-end hyphen dropped with the two lines run together into one
("goodneighbourliness"): ``mend_words`` puts them right where the document (or UN usage) says how.
"""

from __future__ import annotations

import re
from collections import Counter

from penholder.parsing import lexicon

_NUMBER_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SPACED_HYPHEN = re.compile(r"(?<=[A-Za-z0-9]) -(?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) -$")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=[A-Za-z\d”’)]) (?=[,;:](?:\s|$))")
_TOKEN = re.compile(r"\S+")
_ALPHA = re.compile(r"^[A-Za-z]+$")
_DOUBLED_START = re.compile(r"^([b-df-hj-np-tv-z])\1[a-z]")
_WORD_ENDINGS = frozenset("ed ing ings ly es tion tions ment ments ness ity ities ance ence".split())
_HYPHENATED = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*")
_WORD_THEN_PUNCTUATION = re.compile(r"^([A-Za-z]+)[,;:.)”’]*$")


def _vocabulary(lines: list[str]) -> Counter[str]:
    """Return how often each word occurs: hyphenated words whole and by their parts."""
    counts: Counter[str] = Counter()
    for line in lines:
        for word in _HYPHENATED.findall(line):
            counts[word] += 1
            if "-" in word:
                counts.update(word.split("-"))
    return counts


def _known(word: str, counts: Counter[str], stems: dict[str, int]) -> bool:
    """Return whether ``word`` or a longer form of it ("integrate": "integrates") is in the document."""
    return stems.get(word.lower(), 0) >= 1


def _mend_split_words(line: str, counts: Counter[str], stems: dict[str, int]) -> str:
    """Join a word split by a space ("sovere ignty") when the whole word is elsewhere in the document."""
    tokens = line.split(" ")
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if index + 1 < len(tokens) and _ALPHA.match(token):
            following = tokens[index + 1]
            letters = _WORD_THEN_PUNCTUATION.match(following)
            if letters:
                rest = letters.group(1)
                whole = token + rest
                seen_apart = counts[token] > 1 and counts[rest] > 1
                # "request ed", "pa tterns": no English word ends so or opens with a doubled consonant
                ending = rest in _WORD_ENDINGS and len(token) >= 3 or bool(_DOUBLED_START.match(rest))
                if not seen_apart and (ending or _known(whole, counts, stems)) and (token[:1].islower() or rest[:1].islower()):
                    out.append(token + following)
                    index += 2
                    continue
        out.append(token)
        index += 1
    return " ".join(out)


def _stems(counts: Counter[str]) -> dict[str, int]:
    """Return the document's words and the lexicon's lower-cased, with the first letters of the longer."""
    stems: dict[str, int] = {}
    for phrase in (*lexicon.preambular_openers(), *lexicon.operative_verbs()):
        for word in phrase.lower().split():
            stems[word] = stems.get(word, 0) + 1
    for word in counts:
        lowered = word.lower()
        stems[lowered] = stems.get(lowered, 0) + 1
        for cut in range(1, 4):
            if len(lowered) - cut >= 5:
                stems[lowered[:-cut]] = stems.get(lowered[:-cut], 0) + 1
    return stems


# Parts that UN text joins with a hyphen ("good-neighbourliness", "long-term", "people-centred"): evidence,
# with the document's own hyphenated words, for where a dropped line-end hyphen stood.
_HYPHEN_LEFTS = frozenset(
    "good long short medium well self non co cross multi anti post pre high low decision capacity confidence "
    "peace state people gender age child evidence community follow results rights human sex small mid "
    "inter intra north south two three follow-up".split()
) | frozenset(_NUMBER_WORDS)
_HYPHEN_RIGHTS = frozenset(
    "based related making building term level being up centred sensitive specific responsive oriented "
    "general determination led owned driven bound wide scale run".split()
)


def _hyphen_evidence(left: str, right: str, hyphenated: set[str], lefts: set[str], rights: set[str]) -> int:
    score = 0
    if f"{left}-{right}".lower() in hyphenated:
        score += 3
    if left.lower() in lefts or left.lower() in _HYPHEN_LEFTS:
        score += 1
    if right.lower() in rights or right.lower() in _HYPHEN_RIGHTS:
        score += 1
    if left[-1:].islower() and right[:1].isupper():
        score += 1
    return score


def _junctions(line: str, usual: int, counts: Counter[str], evidence) -> list[tuple[int, float, int, int]]:
    """Return (score, -distance, start, end) of the places two run-together lines may have met."""
    found = []
    for token in _TOKEN.finditer(line):
        if not (0.7 * usual <= token.end() and token.start() <= 1.2 * usual):
            continue
        distance = -abs(token.end() - usual)
        word = re.match(r"[A-Za-z]+", token.group(0))
        if word and counts[word.group(0)] <= 1 and len(word.group(0)) >= 5:
            whole = word.group(0)
            for cut in range(2, len(whole) - 1):
                score = evidence(whole[:cut], whole[cut:])
                if score:
                    found.append((score, distance, token.start() + cut, token.start() + cut))
        following = re.match(r" ([A-Za-z0-9]+)", line[token.end():])
        left = re.search(r"[A-Za-z0-9]+$", token.group(0))
        if following and left:
            score = evidence(left.group(0), following.group(1)) - 1
            if score >= 1:
                found.append((score, distance, token.end(), token.end() + 1))
    return found


def _mend_run_together(lines: list[str], counts: Counter[str]) -> list[str]:
    """Put back the hyphen pdftotext dropped when it ran a line into the next ("goodneighbourliness").

    Such a line is longer than any other; the two lines met near the usual length, at a word whose
    parts UN text joins with a hyphen (the document's own hyphenated words first), or at the space that
    stood before the hyphen ("self -"). Only the best place of a line is mended.
    """
    lengths = sorted(len(line) for line in lines if len(line) > 40)
    if len(lengths) < 10:
        return lines
    usual = lengths[len(lengths) // 2]
    hyphenated = {w.lower() for w in counts if "-" in w}
    lefts = {w.split("-")[0] for w in hyphenated}
    rights = {w.split("-", 1)[1] for w in hyphenated}

    def evidence(left: str, right: str) -> int:
        return _hyphen_evidence(left, right, hyphenated, lefts, rights)

    mended = []
    for line in lines:
        if len(line) >= 1.1 * usual:
            # a line a little longer than usual is mended only where the document hyphenates the same words
            needed = 1 if len(line) >= 1.4 * usual else 2
            found = [j for j in _junctions(line, usual, counts, evidence) if j[0] >= needed]
            if found:
                _score, _distance, start, end = max(found)
                line = line[:start] + "-" + line[end:]
        mended.append(line)
    return mended


def mend_words(pages: list[list[str]], raw: bool) -> list[list[str]]:
    """Return the pages' lines with their words mended; ``raw``: pdftotext without ``-layout``."""
    lines = [line for page in pages for line in page]
    lines = [_SPACE_BEFORE_PUNCTUATION.sub("", _SPACED_HYPHEN.sub("-", line)) for line in lines]
    counts = _vocabulary(lines)
    stems = _stems(counts)
    lines = [_mend_split_words(line, counts, stems) for line in lines]
    if raw:
        lines = _mend_run_together(lines, _vocabulary(lines))
    result, index = [], 0
    for page in pages:
        result.append(lines[index:index + len(page)])
        index += len(page)
    return result
