"""Map the checks of a parsed draft back onto its raw text, for underlines in the editor.

The parser gives each paragraph's text without its number, footnote marks or line breaks; here each
paragraph and sub-paragraph is found again in the raw text and every offset is carried across.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from penholder.checks.problem import Problem
from penholder.checks.typography import check_typography
from penholder.errors import ParseError
from penholder.model import OPERATIVE, PREAMBULAR

if TYPE_CHECKING:
    from penholder.checks import Checker

_LOOKAHEAD = 8


def locate(raw: str, needle: str, cursor: int = 0) -> list[int] | None:
    """Return, for each offset 0..len(needle) of ``needle``, its offset in ``raw`` (or ``None`` if absent).

    ``needle`` is found from ``cursor`` on; runs of white space match any white space, and a few
    characters the parser dropped from the raw text (footnote marks, a hyphen at a line break) are skipped.
    """
    words = needle.split()
    if not words:
        return None
    start = None
    for count in (8, 4, 2):
        pattern = r"\s+".join(re.escape(w) for w in words[:count])
        found = re.compile(pattern).search(raw, cursor)
        if found:
            start = found.start()
            break
    if start is None:
        return None
    mapping: list[int] = []
    j = start
    for char in needle:
        if j >= len(raw):
            mapping.append(len(raw))
            continue
        if char.isspace():
            mapping.append(j)
            while j < len(raw) and raw[j].isspace():
                j += 1
            continue
        while j < len(raw) and raw[j].isspace():
            j += 1
        if j < len(raw) and raw[j] != char:
            ahead = raw.find(char, j, j + _LOOKAHEAD)
            if ahead != -1:
                j = ahead
        mapping.append(j)
        j += 1
    last = mapping[-1] + 1 if mapping else start
    mapping.append(min(last, len(raw)))
    return mapping


def check_located_text(checker: Checker, text: str) -> list[Problem]:
    """Return the problems of raw draft ``text`` with offsets into it (typography only if it won't parse)."""
    from penholder.parsing import parse_text

    try:
        resolution = parse_text(text)
    except ParseError:
        return check_typography(text)
    model_problems = checker.check_resolution(resolution, typography=False)
    spans: dict[tuple[str, int, str | None], tuple[list[int], int]] = {}
    cursor = 0
    for kind, paragraphs in ((PREAMBULAR, resolution.preambular), (OPERATIVE, resolution.operative)):
        for number, paragraph in enumerate(paragraphs, start=1):
            items = [(None, paragraph.text)]
            stack = [("", s) for s in paragraph.subparagraphs]
            while stack:
                path, sub = stack.pop(0)
                label = f"{path} {sub.label}".strip()
                items.append((label, sub.text))
                stack[:0] = [(label, s) for s in sub.subparagraphs]
            for label, body in items:
                mapping = locate(text, body, cursor)
                if mapping is None:
                    continue
                spans[(kind, number, label)] = (mapping, mapping[0])
                cursor = mapping[-1]
    problems: list[Problem] = []
    for problem in model_problems:
        located = spans.get((problem.kind or "", problem.number or 0, problem.sub))
        if located is None or problem.start is None or problem.end is None:
            problems.append(Problem(problem.code, problem.message, problem.severity, problem.kind,
                                    problem.number, None, None, None, problem.sub))
            continue
        mapping = located[0]
        start = mapping[min(problem.start, len(mapping) - 1)]
        end = mapping[min(problem.end, len(mapping) - 1)] if problem.end > problem.start else start
        problems.append(Problem(problem.code, problem.message, problem.severity, problem.kind,
                                problem.number, start, end, problem.fix, problem.sub))
    for (kind, number, label), (mapping, start) in spans.items():
        stretch = text[start:mapping[-1]]
        problems += [p.moved(start) for p in check_typography(stretch, kind, number, label)]
    return sorted(problems, key=lambda p: (p.start if p.start is not None else -1, p.code))
