"""Show a word diff: as runs (for DOCX), Qt rich text (for the panel) and terminal text (for the CLI).

Insertions are underlined, deletions struck through, both also coloured, so a diff reads the same in
black and white. A change that touches a date, number or reference is marked for a drafter's eye.
Without colour (``NO_COLOR`` or not a terminal) the terminal form is ``[-old-]{+new+}``.
"""

from __future__ import annotations

import html
import os
import re
import sys
from dataclasses import dataclass

from penholder.compare.worddiff import DELETE, EQUAL, INSERT, DiffOp

INSERT_COLOUR = "#1a7f37"
DELETE_COLOUR = "#b3261e"
FACT_BACKGROUND = "#fff3b0"

_ANSI_INSERT = "\x1b[32;4m"
_ANSI_DELETE = "\x1b[31;9m"
_ANSI_FACT = "\x1b[1m"
_ANSI_RESET = "\x1b[0m"
_WORDS = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text that is common to both texts (``change`` None), inserted or deleted."""

    text: str
    change: str | None = None  # None, "insert" or "delete"
    facts: tuple[str, ...] = ()


def to_runs(ops: list[DiffOp]) -> list[Run]:
    """Return runs whose non-inserted texts join to the old text and non-deleted texts to the new."""
    runs: list[Run] = []
    for op in ops:
        if op.tag == EQUAL:
            runs.extend(_equal_runs(op.old, op.new))
            continue
        if op.old:
            runs.append(Run(op.old, DELETE, op.facts))
        if op.new:
            runs.append(Run(op.new, INSERT, op.facts))
    return _joined(runs)


def _equal_runs(old: str, new: str) -> list[Run]:
    """Return runs for text the diff holds equal; differences it ignored (case, quotes) stay visible."""
    if old == new:
        return [Run(old)]
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    if len(old_words) != len(new_words):
        return [Run(old, DELETE), Run(new, INSERT)]
    runs = []
    for old_word, new_word in zip(old_words, new_words):
        if old_word == new_word:
            runs.append(Run(old_word))
        elif old_word.rstrip() == new_word.rstrip():  # only the spacing after differs
            core = old_word.rstrip()
            runs.append(Run(core))
            if old_word[len(core):]:
                runs.append(Run(old_word[len(core):], DELETE))
            if new_word[len(core):]:
                runs.append(Run(new_word[len(core):], INSERT))
        else:
            runs.extend([Run(old_word, DELETE), Run(new_word, INSERT)])
    return runs


def _joined(runs: list[Run]) -> list[Run]:
    """Return the runs with neighbours of the same change and facts joined."""
    joined: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if joined and joined[-1].change == run.change and joined[-1].facts == run.facts:
            joined[-1] = Run(joined[-1].text + run.text, run.change, run.facts)
        else:
            joined.append(run)
    return joined


def to_html(ops: list[DiffOp]) -> str:
    """Return the diff as Qt rich text: insertions underlined in green, deletions struck in red."""
    parts = []
    for index, op in enumerate(ops):
        if op.tag == EQUAL:
            parts.append(html.escape(op.new))
            continue
        if _needs_space(ops, index):
            parts.append(" ")
        fact = f" background-color:{FACT_BACKGROUND};" if op.facts else ""
        title = f' title="changed {", ".join(op.facts)}"' if op.facts else ""
        if op.old:
            parts.append(f'<s><span style="color:{DELETE_COLOUR};{fact}"{title}>{html.escape(op.old)}</span></s>')
        if op.new:
            parts.append(f'<u><span style="color:{INSERT_COLOUR};{fact}"{title}>{html.escape(op.new)}</span></u>')
    return "".join(parts)


def colour_wanted(stream=None) -> bool:
    """Return whether to colour terminal output: a terminal, and ``NO_COLOR`` not set."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def to_ansi(ops: list[DiffOp], *, colour: bool | None = None) -> str:
    """Return the diff for a terminal: coloured, or ``[-old-]{+new+}`` without colour.

    ``colour=None`` decides from the standard output (a terminal, and ``NO_COLOR`` not set).
    """
    if colour is None:
        colour = colour_wanted()
    parts = []
    for index, op in enumerate(ops):
        if op.tag == EQUAL:
            parts.append(op.new)
            continue
        if _needs_space(ops, index):
            parts.append(" ")
        if colour:
            fact = _ANSI_FACT if op.facts else ""
            if op.old:
                parts.append(_around(op.old, f"{_ANSI_DELETE}{fact}", _ANSI_RESET))
            if op.new:
                parts.append(_around(op.new, f"{_ANSI_INSERT}{fact}", _ANSI_RESET))
        else:
            if op.old:
                parts.append(_around(op.old, "[-", "-]"))
            if op.new:
                parts.append(_around(op.new, "{+", "+}"))
    return "".join(parts)


def _needs_space(ops: list[DiffOp], index: int) -> bool:
    """Return whether a deletion would run into the word before it (spacing shown is the new text's)."""
    op = ops[index]
    if not op.old or index == 0 or ops[index - 1].tag != EQUAL:
        return False
    before = ops[index - 1]
    return before.old[-1:].isspace() and not before.new[-1:].isspace() and op.old[:1].isalnum()


def _around(text: str, opening: str, closing: str) -> str:
    """Return ``text`` wrapped in markers, trailing whitespace left outside so words do not run on."""
    core = text.rstrip()
    return f"{opening}{core}{closing}{text[len(core):]}" if core else text
