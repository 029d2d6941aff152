"""Checks of how paragraphs open, end, nest and are numbered (the UN Editorial Manual's rules).

Each check is a small function taking what it needs and returning a list of problems with offsets
into the paragraph's (or sub-paragraph's) text.
"""

from __future__ import annotations

import re

from penholder.checks.problem import ERROR, WARNING, Problem
from penholder.checks.vocabulary import Vocabulary, first_word_span
from penholder.model import OPERATIVE, PREAMBULAR, Paragraph, SubParagraph

_TRAILING_SPACE = re.compile(r"\s*$")
_CLOSERS = "”’\")]"
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
          "xvi", "xvii", "xviii", "xix", "xx"]


def _ending(text: str) -> tuple[int, str]:
    """Return the offset of the paragraph's final punctuation mark (or its end) and that mark."""
    end = len(text.rstrip())
    # Look past a closing quote or bracket: `entitled “…”,` ends with the comma, `…”` ends with nothing.
    mark = text[end - 1] if end else ""
    return end - 1 if mark in ",;:." else end, mark if mark in ",;:." else ""


def _ending_problem(text: str, wanted: str, code: str, what: str, kind: str, number: int,
                    sub: str | None = None) -> list[Problem]:
    """Return a problem when ``text`` does not end with ``wanted`` (fix: replace or add the mark)."""
    at, mark = _ending(text)
    if mark == wanted or not text.strip():
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
    return [Problem("PP-OPENER", message, WARNING, PREAMBULAR, number, span[0], span[1])]


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
    return [Problem("OP-VERB", message, WARNING, OPERATIVE, number, span[0], span[1])]


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


def _sub_endings(subs: list[SubParagraph], final: str, number: int, path: str) -> list[Problem]:
    problems: list[Problem] = []
    for index, sub in enumerate(subs):
        label = f"{path} {sub.label}".strip()
        last = index == len(subs) - 1
        wanted = final if last else ";"
        if sub.subparagraphs:
            problems += _ending_problem(sub.text, ":", "OP-LIST", "A sub-paragraph introducing others",
                                        OPERATIVE, number, label)
            problems += _sub_endings(sub.subparagraphs, wanted, number, label)
            continue
        what = "The last sub-paragraph" if last else "Sub-paragraph"
        problems += _ending_problem(sub.text, wanted, "SUB-ENDING", what, OPERATIVE, number, label)
    return problems


def expected_labels(depth: int, count: int) -> list[str]:
    """Return the labels sub-paragraphs take at ``depth`` (0: (a), (b) …; 1: (i), (ii) …; 2: a.; 3: i.)."""
    letters = [chr(ord("a") + i) if i < 26 else chr(ord("a") + i // 26 - 1) * 2 for i in range(count)]
    romans = [_ROMAN[i] if i < len(_ROMAN) else str(i + 1) for i in range(count)]
    return {0: [f"({x})" for x in letters], 1: [f"({x})" for x in romans],
            2: [f"{x}." for x in letters]}.get(depth, [f"{x}." for x in romans])


def check_sub_labels(paragraph: Paragraph, number: int) -> list[Problem]:
    """Return problems where sub-paragraph labels do not run (a), (b) … then (i), (ii) …"""
    return _labels(paragraph.subparagraphs, number, 0, "")


def _labels(subs: list[SubParagraph], number: int, depth: int, path: str) -> list[Problem]:
    problems: list[Problem] = []
    wanted = expected_labels(depth, len(subs))
    for index, sub in enumerate(subs):
        label = " ".join(sub.label.split())
        where = f"{path} {label}".strip()
        if label != wanted[index]:
            after = f" after {subs[index - 1].label}" if index else " first"
            level = "(a), (b), (c) …" if depth == 0 else "(i), (ii), (iii) …" if depth == 1 else "a., b. …"
            message = f"Sub-paragraph {label} comes{after}: expected {wanted[index]} (labels run {level})"
            problems.append(Problem("SUB-LABELS", message, ERROR, OPERATIVE, number, 0, 0, None, where))
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
