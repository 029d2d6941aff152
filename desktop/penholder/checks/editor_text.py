"""Checks of the editor's text: one paragraph per line, offsets exact to the character.

The editor keeps a draft as the title, the organ line, then one paragraph per line, operative ones
numbered ``12.``, sub-paragraphs on their own lines (``(a)``, indented ``(i)``). Here those lines become
a resolution for the checks, and every problem's offset is carried back onto the line it came from.
Text pasted from elsewhere (lines wrapped inside paragraphs) goes through the parser instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from penholder.checks.problem import Problem
from penholder.checks.typography import check_typography
from penholder.drafts.layout import OPERATIVE, ORGAN, PREAMBULAR, classify
from penholder.drafts.structure import draft_structure
from penholder.model import Resolution, SubParagraph

if TYPE_CHECKING:
    from penholder.checks import Checker

_ENDS = (",", ";", ":", ".")


def looks_like_editor_text(text: str) -> bool:
    """Return whether ``text`` has one paragraph per line (most paragraph lines end with a mark)."""
    lines = text.split("\n")
    roles = classify(lines)
    paragraph_lines = [lines[line.index].rstrip() for line in roles if line.role in (PREAMBULAR, OPERATIVE)]
    if not paragraph_lines:
        return False
    ended = sum(1 for line in paragraph_lines if line.endswith(_ENDS) or line.endswith(_ENDS_WITH_NOTE))
    return ended >= 0.7 * len(paragraph_lines) or any(line.role == ORGAN for line in roles)


_ENDS_WITH_NOTE = tuple(f"{mark}{digit}" for mark in _ENDS for digit in "0123456789*")


def check_editor_text(checker: Checker, text: str) -> list[Problem]:
    """Return the problems of editor text, each with offsets into ``text``."""
    resolution, places = editor_resolution(text)
    problems = []
    for problem in checker.check_resolution(resolution, typography=False):
        start = places.get((problem.kind, problem.number, problem.sub))
        if problem.code in ("OP-LONE", "OP-NUMBERING") and start is not None:
            problems.append(_number_fix(text, problem, start))
            continue
        problems.append(problem.moved(start) if start is not None else problem)
    for (kind, number, sub), start in places.items():
        body = _text_at(resolution, kind, number, sub)
        problems += [p.moved(start) for p in check_typography(body, kind, number, sub)]
    return sorted(problems, key=lambda p: (p.start if p.start is not None else -1, p.code))


_NUMBER_BEFORE = re.compile(r"(\d{1,3})\.\s+$")
_EXPECTED = re.compile(r"expected (\d+)")


def _number_fix(text: str, problem: Problem, body_start: int) -> Problem:
    """Return a numbering problem placed on the line's number, with its fix: the right number, or none."""
    line_start = text.rfind("\n", 0, body_start) + 1
    number = _NUMBER_BEFORE.search(text, line_start, body_start)
    if number is None:
        return problem.moved(body_start)
    if problem.code == "OP-LONE":  # "1. Decides …" -> "Decides …"
        start, end, fix = number.start(), body_start, ""
    else:
        expected = _EXPECTED.search(problem.message)
        start, end = number.span(1)
        fix = expected.group(1) if expected else None
    return Problem(problem.code, problem.message, problem.severity, problem.kind, problem.number, start, end,
                   fix, problem.sub)


def editor_resolution(text: str) -> tuple[Resolution, dict[tuple[str, int, str | None], int]]:
    """Return the editor text as a resolution, and where each paragraph's text starts in ``text``."""
    return draft_structure(text)


def _text_at(resolution: Resolution, kind: str, number: int, sub: str | None) -> str:
    paragraph = (resolution.preambular if kind == "preambular" else resolution.operative)[number - 1]
    if sub is None:
        return paragraph.text
    found: SubParagraph | None = None
    subs = paragraph.subparagraphs
    for label in sub.split():
        found = next(s for s in subs if s.label == label)
        subs = found.subparagraphs
    assert found is not None
    return found.text
