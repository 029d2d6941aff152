"""Which problems of the editor's text wait while the drafter is still typing the paragraph they lie in.

A paragraph being typed has no final mark yet, and the last operative paragraph typed so far is only the
last until the next one is begun: flagging "should end with a comma", "the last operative paragraph ends
with a full stop" or "a single operative paragraph is not numbered" at every pause would underline what
the drafter is about to write. Those problems wait while the cursor stays in the paragraph being typed
(or on the new line begun below the last operative paragraph); the editor shows them once the cursor
leaves it or after a long pause. Every other problem shows at once.
"""

from __future__ import annotations

from penholder.checks.problem import Problem
from penholder.drafts.layout import OPERATIVE, classify, unit_at

# The ending of the paragraph being typed: its final mark, and its being the lone or last one.
ENDING_CODES = frozenset({"PP-ENDING", "OP-ENDING", "OP-LIST", "SUB-ENDING", "OP-LONE"})
# What a new paragraph begun below the last operative paragraph changes about it.
LAST_CODES = frozenset({"OP-ENDING", "SUB-ENDING", "OP-LONE"})


def held_while_typing(problems: list[Problem], text: str, line: int) -> list[Problem]:
    """Return the problems (offsets into ``text``, as ``Checker.check_draft`` gives them) that wait while
    the drafter types on line ``line`` of ``text``."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return []
    span = unit_at(lines, line)
    codes = ENDING_CODES
    if span is None:  # a blank line: a paragraph is begun, below the one above it
        above = next((i for i in range(line - 1, -1, -1) if lines[i].strip()), None)
        span = unit_at(lines, above) if above is not None else None
        operative = [entry.index for entry in classify(lines) if entry.role == OPERATIVE]
        if span is None or not operative or operative[-1] != span[0]:
            return []
        codes = LAST_CODES
    starts = _line_starts(lines)
    first, last = starts[span[0]], starts[span[1]] + len(lines[span[1]])
    return [problem for problem in problems
            if problem.code in codes and problem.start is not None and first <= problem.start <= last]


def _line_starts(lines: list[str]) -> list[int]:
    starts, position = [], 0
    for text in lines:
        starts.append(position)
        position += len(text) + 1
    return starts
