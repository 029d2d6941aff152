"""Checks of how paragraphs open, end, nest and are numbered (the UN Editorial Manual's rules).

Each check is a small function taking what it needs and returning a list of problems with offsets
into the paragraph's (or sub-paragraph's) text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from penholder.checks.problem import ERROR, INFO, WARNING, Problem
from penholder.checks.vocabulary import Vocabulary, first_word_span
from penholder.model import OPERATIVE, PREAMBULAR, Paragraph, SubParagraph

# A footnote mark left after the final punctuation ("…, 10" or "…;*") in text extracted from PDF.
_TRAILING_NOTE = re.compile(r"(?<=[,;:.])\s*(?:\d{1,3}|\*{1,3})\s*$")


def _ending(text: str) -> tuple[int, str]:
    """Return the offset of the paragraph's final punctuation mark (or its end) and that mark."""
    note = _TRAILING_NOTE.search(text)
    end = note.start() if note else len(text.rstrip())
    mark = text[end - 1] if end else ""
    return end - 1 if mark in ",;:." else end, mark if mark in ",;:." else ""


def _declaration(text: str) -> bool:
    """Return whether a paragraph is declaration text in the first person ("We recognize …")."""
    return text.startswith(("We ", "We,"))


def _ending_problem(text: str, wanted: str, code: str, what: str, kind: str, number: int,
                    sub: str | None = None) -> list[Problem]:
    """Return a problem when ``text`` does not end with ``wanted`` (fix: replace or add the mark)."""
    at, mark = _ending(text)
    if mark == wanted or not text.strip() or _declaration(text):
        return []
    # "; and" / "; or" closing a list item is an accepted variant before the last sub-paragraph.
    if wanted == ";" and re.search(r";\s+(and|or)\s*$", text):
        return []
    name = {",": "a comma", ";": "a semicolon", ".": "a full stop", ":": "a colon"}
    if mark:
        message = f"{what} ends with {name[mark]}; it should end with {name[wanted]}"
        return [Problem(code, message, ERROR, kind, number, at, at + 1, wanted, sub)]
    message = f"{what} should end with {name[wanted]}"
    return [Problem(code, message, ERROR, kind, number, at, at, wanted, sub)]


def check_preambular_opener(paragraph: Paragraph, number: int, vocabulary: Vocabulary) -> list[Problem]:
    """Return a problem when a preambular paragraph does not open with a known opener."""
    if not vocabulary.openers:
        return []
    text = paragraph.text
    lower = " ".join(text[:80].lower().split())
    if any(lower.startswith(opener) and lower[len(opener):len(opener) + 1] in ("", " ", ",")
           for opener in vocabulary.openers):
        return []
    span = first_word_span(text)
    if span is None:
        return [Problem("PP-OPENER", "Preambular paragraph has no opening phrase (e.g. “Recalling”)",
                        ERROR, PREAMBULAR, number, 0, 0)]
    word = text[span[0]:span[1]]
    if word.lower() in vocabulary.opener_words():
        return []
    participle = _participle(word, vocabulary)
    if participle:
        message = (f"Preambular paragraphs open with a participle or adjective: “{participle}”, "
                   f"not “{word}”")
        return [Problem("PP-OPENER", message, ERROR, PREAMBULAR, number, span[0], span[1], participle)]
    message = (f"“{word}” is not a usual preambular opener; preambular paragraphs open with a participle "
               "or adjective such as “Recalling”, “Noting” or “Deeply concerned”")
    shaped = word[:1].isupper() and word.lower().endswith(("ing", "ed"))  # a participle the lexicon lacks
    return [Problem("PP-OPENER", message, INFO if shaped else WARNING, PREAMBULAR, number, span[0], span[1])]


def _participle(word: str, vocabulary: Vocabulary) -> str | None:
    """Return the known opener for a verb form (``Recalls``/``Recall``/``Recalled`` -> ``Recalling``)."""
    lower = word.lower()
    stems = {lower}
    if lower.endswith("ies"):
        stems.add(lower[:-3] + "y")
    if lower.endswith("s"):
        stems |= {lower[:-1], lower[:-2]}
    if lower.endswith("ed"):
        stems |= {lower[:-1], lower[:-2]}
    openers = vocabulary.opener_words()
    for stem in sorted(stems, key=len, reverse=True):
        for candidate in (stem + "ing", stem[:-1] + "ing" if stem.endswith("e") else ""):
            if candidate and candidate != lower and candidate in openers:
                return _same_case(candidate, word)
    return None


def check_operative_verb(paragraph: Paragraph, number: int, vocabulary: Vocabulary) -> list[Problem]:
    """Return a problem when an operative paragraph does not open with a third-person present verb."""
    span = first_word_span(paragraph.text)
    if span is None:
        return [Problem("OP-VERB", "Operative paragraph has no opening verb (e.g. “Requests”)",
                        ERROR, OPERATIVE, number, 0, 0)]
    word = paragraph.text[span[0]:span[1]]
    lower = word.lower()
    verbs = vocabulary.verb_words()
    if _declaration(paragraph.text):
        return []
    if lower in verbs or (not verbs and lower.endswith("s")):
        return []
    right = _third_person(lower, verbs)
    if right:
        fixed = _same_case(right, word)
        message = (f"Operative paragraphs open with a verb in the present tense, third person: "
                   f"“{fixed}”, not “{word}”")
        return [Problem("OP-VERB", message, ERROR, OPERATIVE, number, span[0], span[1], fixed)]
    if not verbs:
        message = f"“{word}” is not a verb in the present tense, third person (e.g. “Requests”)"
        return [Problem("OP-VERB", message, ERROR, OPERATIVE, number, span[0], span[1])]
    message = (f"“{word}” is not a usual operative verb; operative paragraphs open with a verb in the "
               "present tense, third person such as “Requests”, “Decides” or “Calls upon”")
    shaped = word[:1].isupper() and lower.endswith("s") and not lower.endswith("ss")  # "Rejects": unlisted
    return [Problem("OP-VERB", message, INFO if shaped else WARNING, OPERATIVE, number, span[0], span[1])]


def _third_person(lower: str, verbs: frozenset[str]) -> str | None:
    """Return the known third-person form of a base, past or -ing form (``requested`` -> ``requests``)."""
    stems = [lower]
    if lower.endswith("ied"):
        stems.append(lower[:-3] + "y")
    if lower.endswith("ed"):
        stems += [lower[:-1], lower[:-2]]  # noted -> note, requested -> request
    if lower.endswith("ing"):
        stems += [lower[:-3] + "e", lower[:-3]]  # urging -> urge, requesting -> request
    for stem in stems:
        for form in (stem + "s", stem + "es", stem[:-1] + "ies" if stem.endswith("y") else ""):
            if form and form in verbs:
                return form
    return None


def _same_case(word: str, model: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def check_preambular_ending(paragraph: Paragraph, number: int) -> list[Problem]:
    """Return a problem when a preambular paragraph does not end with a comma."""
    return _ending_problem(paragraph.text, ",", "PP-ENDING", "Preambular paragraph", PREAMBULAR, number)


def check_operative_ending(paragraph: Paragraph, number: int, last: bool) -> list[Problem]:
    """Return problems with an operative paragraph's final marks (``;``, ``.`` last, ``:`` before a list)."""
    final = "." if last else ";"
    what = "The last operative paragraph" if last else "Operative paragraph"
    if not paragraph.subparagraphs:
        return _ending_problem(paragraph.text, final, "OP-ENDING", what, OPERATIVE, number)
    problems = _ending_problem(paragraph.text, ":", "OP-LIST", "A paragraph introducing sub-paragraphs",
                               OPERATIVE, number)
    problems += _sub_endings(paragraph.subparagraphs, final, number, "")
    return problems


def _sub_endings(subs: list[SubParagraph], final: str, number: int, path: str,
                 depth: int = 0) -> list[Problem]:
    problems: list[Problem] = []
    in_line = _unnest(subs, depth)
    for index, (sub, inner) in enumerate(in_line):
        label = f"{path} {inner}{sub.label}".strip()
        last = index == len(in_line) - 1
        wanted = final if last else ";"
        if sub.subparagraphs and not _misnested(sub, depth):
            problems += _ending_problem(sub.text, ":", "OP-LIST", "A sub-paragraph introducing others",
                                        OPERATIVE, number, label)
            problems += _sub_endings(sub.subparagraphs, wanted, number, label, depth + 1)
            continue
        what = "The last sub-paragraph" if last else "Sub-paragraph"
        problems += _ending_problem(sub.text, wanted, "SUB-ENDING", what, OPERATIVE, number, label)
    return problems


@lru_cache(maxsize=16)
def label_sequence(depth: int, count: int) -> list[str]:
    """Return the labels sub-paragraphs take at ``depth`` (0: (a) … (z), (aa) …; 1: (i), (ii) …; 2: a.; 3: i.)."""
    letters = [chr(ord("a") + i) if i < 26 else chr(ord("a") + (i - 26) % 26) * 2 for i in range(count)]
    romans = [_roman(i + 1) for i in range(count)]
    return {0: [f"({x})" for x in letters], 1: [f"({x})" for x in romans],
            2: [f"{x}." for x in letters]}.get(depth, [f"{x}." for x in romans])


def _roman(number: int) -> str:
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, numeral in numerals:
        while number >= value:
            out += numeral
            number -= value
    return out


def check_sub_labels(paragraph: Paragraph, number: int) -> list[Problem]:
    """Return problems where sub-paragraph labels do not run (a), (b) … then (i), (ii) …"""
    return _labels(paragraph.subparagraphs, number, 0, "")


def _successor(label: str, depth: int) -> str | None:
    sequence = label_sequence(depth, 60)
    return sequence[sequence.index(label) + 1] if label in sequence[:-1] else None


def _unnest(subs: list[SubParagraph], depth: int) -> list[tuple[SubParagraph, str]]:
    """Return the sub-paragraphs with (i) read under (h) (or (ii) under (hh)) put back in line, and paths."""
    flat: list[tuple[SubParagraph, str]] = []
    for sub in subs:
        label = " ".join(sub.label.split())
        flat.append((sub, ""))
        if _misnested(sub, depth):
            flat += [(s, f"{label} ") for s in sub.subparagraphs]  # a letter misread as a roman numeral
    return flat


def _misnested(sub: SubParagraph, depth: int) -> bool:
    """Return whether ``sub``'s nested list is really the next letter: (i) under (h), (ii) under (hh)."""
    nested = sub.subparagraphs
    return depth == 0 and bool(nested) and " ".join(nested[0].label.split()) == _successor(
        " ".join(sub.label.split()), 0)


def _labels(subs: list[SubParagraph], number: int, depth: int, path: str) -> list[Problem]:
    problems: list[Problem] = []
    sequence = label_sequence(depth, 60)
    previous: str | None = None
    level = "(a), (b), (c) …" if depth == 0 else "(i), (ii), (iii) …" if depth == 1 else "a., b. …"
    for sub, inner in _unnest(subs, depth):
        label = " ".join(sub.label.split())
        where = f"{path} {inner}{label}".strip()
        wanted = sequence[0] if previous is None else _successor(previous, depth)
        if wanted is not None and label != wanted:
            after = f" after {previous}" if previous else " first"
            message = f"Sub-paragraph {label} comes{after}: expected {wanted} (labels run {level})"
            problems.append(Problem("SUB-LABELS", message, ERROR, OPERATIVE, number, 0, 0, None, where))
        previous = label if label in sequence else wanted
        if not inner and not _misnested(sub, depth):
            problems += _labels(sub.subparagraphs, number, depth + 1, where)
    return problems


def check_operative_numbering(operative: list[Paragraph]) -> list[Problem]:
    """Return problems with operative numbering: gaps, repeats, missing numbers, a numbered lone paragraph."""
    if len(operative) == 1:
        if operative[0].number is not None:
            return [Problem("OP-LONE", "A single operative paragraph is not numbered; remove “1.”",
                            WARNING, OPERATIVE, 1, 0, 0)]
        return []
    problems = []
    previous: int | None = None
    for position, paragraph in enumerate(operative, start=1):
        expected = previous + 1 if previous is not None else position
        if paragraph.number is None:
            message = f"Operative paragraph {position} has no number; operative paragraphs are numbered 1, 2, 3 …"
            problems.append(Problem("OP-NUMBERING", message, ERROR, OPERATIVE, position, 0, 0))
        elif paragraph.number != expected:
            after = f" after {previous}" if previous is not None else " first"
            message = f"Operative paragraph numbered {paragraph.number} comes{after}: expected {expected}"
            problems.append(Problem("OP-NUMBERING", message, ERROR, OPERATIVE, position, 0, 0))
        previous = paragraph.number if paragraph.number is not None else expected
    return problems
