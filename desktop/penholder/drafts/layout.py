"""The editor's line layout: which line of a draft is the title, organ line, a preambular or operative
paragraph, or a sub-paragraph; operative renumbering; moving a paragraph up or down.

The drafter types one paragraph per line (blank lines between are allowed). This is only the editor's
view of its own lines, for the cursor, highlighting and renumbering: the structure of the resolution
(leads, footnotes, metadata) comes from ``penholder.parsing``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BLANK, TITLE, ORGAN, PREAMBULAR, OPERATIVE, SUB = "blank", "title", "organ", "preambular", "operative", "sub"

_OPERATIVE = re.compile(r"^(\s*)(\d{1,3})\.(\s+)(?=\S)")
_SUB = re.compile(r"^\s*\((?:[a-z]{1,2}|[ivxlc]{1,6})\)\s+")
_ORGAN = re.compile(
    r"^\s*The\s+[A-Z][\w\s-]*(Council|Assembly|Commission|Committee|Conference|Board|Meeting)"
    r"(\s+of\s+[\w\s-]+)?\s*,\s*$"
)


@dataclass(frozen=True)
class Line:
    """One line of the draft: its role, operative number, and where the paragraph text starts."""

    index: int
    role: str
    number: int | None = None
    body_start: int = 0  # offset after "12. " or "(a) "

    @property
    def is_paragraph(self) -> bool:
        """Return whether the line is a preambular or operative paragraph or a sub-paragraph."""
        return self.role in (PREAMBULAR, OPERATIVE, SUB)


def classify(lines: list[str]) -> list[Line]:
    """Return the role of every line; the title is only recognised above an organ line."""
    organ = next((i for i, text in enumerate(lines) if _ORGAN.match(text)), None)
    if organ is not None and any(_OPERATIVE.match(t) for t in lines[:organ]):
        organ = None  # an organ-like phrase inside the body is not the organ line
    result = []
    for i, text in enumerate(lines):
        if not text.strip():
            result.append(Line(i, BLANK))
        elif organ is not None and i < organ:
            result.append(Line(i, TITLE))
        elif i == organ:
            result.append(Line(i, ORGAN))
        elif match := _OPERATIVE.match(text):
            result.append(Line(i, OPERATIVE, int(match.group(2)), match.end()))
        elif match := _SUB.match(text):
            result.append(Line(i, SUB, None, match.end()))
        else:
            result.append(Line(i, PREAMBULAR, None, len(text) - len(text.lstrip())))
    return result


def paragraph_text(text: str, line: Line) -> str:
    """Return the paragraph text of a line without its operative number or sub-paragraph label."""
    return text[line.body_start:].strip() if line.is_paragraph else text.strip()


def renumbered(lines: list[str]) -> dict[int, str]:
    """Return {line index: new text} for operative lines whose number is not the next in order."""
    changes = {}
    expected = 1
    for line in classify(lines):
        if line.role != OPERATIVE:
            continue
        if line.number != expected:
            match = _OPERATIVE.match(lines[line.index])
            changes[line.index] = f"{match.group(1)}{expected}.{match.group(3)}{lines[line.index][match.end():]}"
        expected += 1
    return changes


def units(lines: list[str]) -> list[tuple[int, int]]:
    """Return the paragraphs as (first line, last line): an operative paragraph with its sub-paragraphs."""
    spans: list[tuple[int, int]] = []
    for line in classify(lines):
        if line.role == SUB and spans and spans[-1][1] >= line.index - _gap(lines, line.index):
            spans[-1] = (spans[-1][0], line.index)
        elif line.is_paragraph:
            spans.append((line.index, line.index))
    return spans


def _gap(lines: list[str], index: int) -> int:
    gap = 1
    while index - gap >= 0 and not lines[index - gap].strip():
        gap += 1
    return gap


def unit_at(lines: list[str], index: int) -> tuple[int, int] | None:
    """Return the paragraph span containing line ``index``, or ``None`` if it is not in a paragraph."""
    return next(((a, b) for a, b in units(lines) if a <= index <= b), None)


def moved(lines: list[str], index: int, step: int) -> tuple[list[str], int] | None:
    """Return the lines with the paragraph at ``index`` swapped with its neighbour (step -1 up, +1 down)
    and renumbered, plus the new index of the moved paragraph's first line; ``None`` if it cannot move."""
    spans = units(lines)
    here = next((k for k, (a, b) in enumerate(spans) if a <= index <= b), None)
    if here is None or not 0 <= here + step < len(spans):
        return None
    first, second = sorted((here, here + step))
    (a1, b1), (a2, b2) = spans[first], spans[second]
    new = lines[:a1] + lines[a2:b2 + 1] + lines[b1 + 1:a2] + lines[a1:b1 + 1] + lines[b2 + 1:]
    if step < 0:
        new_index = a1 + (index - spans[here][0])
    else:
        new_index = a1 + (b2 - a2 + 1) + (a2 - b1 - 1) + (index - spans[here][0])
    for i, text in renumbered(new).items():
        new[i] = text
    return new, new_index


def draft_text(resolution) -> str:
    """Return a parsed resolution as editor text: title, organ line, then one paragraph per line with a
    blank line between paragraphs (sub-paragraphs stay under their paragraph)."""
    blocks = []
    head = [x for x in (resolution.title, resolution.organ) if x]
    if head:
        blocks.append("\n".join(head))
    blocks.extend(paragraph.text for paragraph in resolution.preambular)
    for number, paragraph in enumerate(resolution.operative, start=1):
        lines = [f"{paragraph.number or number}. {paragraph.text}", *_sub_lines(paragraph.subparagraphs)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _sub_lines(subparagraphs, depth: int = 0) -> list[str]:
    lines = []
    for sub in subparagraphs:
        lines.append(f"{'    ' * depth}{sub.label} {sub.text}".rstrip())
        lines.extend(_sub_lines(sub.subparagraphs, depth + 1))
    return lines


_LABELS = "abcdefghijklmnopqrstuvwxyz"


def split_subparagraphs(text: str) -> list[str]:
    """Return a paragraph given on one line as its chapeau and sub-paragraph lines ``(a) …``, ``(b) …``.

    Only a run of labels (a), (b), (c) … in order, the first one after a colon, is split; anything else
    (such as "(a)" quoted inside a sentence) stays on one line.
    """
    first = re.search(r":\s+\(a\)\s", text)
    if not first:
        return [text]
    cuts = [first.start() + 1]
    position = first.end()
    for label in _LABELS[1:]:
        found = re.compile(rf"\s\({label}\)\s").search(text, position)
        if not found:
            break
        cuts.append(found.start())
        position = found.end()
    pieces = [text[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    return [p for p in pieces if p]
