"""The structure of a draft: the one Resolution every output reads, built from the editor's own lines.

The drafter types one paragraph per line (``drafts.layout`` says which line is what). What the editor,
the outline and the Problems dock show as N paragraphs of given kinds is what this returns, and it is
what the DOCX export, the redline, the house-style checks, the agreed-language report, the search context
and ``penholder export|check|sources DRAFT.penholder`` read. The messy-text parser (``penholder.parsing``)
is for imported documents: it joins lines that do not end a paragraph, which is right for PDF text and
wrong for a drafter's own lines (a preambular paragraph left without its comma merged with the next).

Offsets: ``draft_structure`` also returns where each paragraph's text starts in the editor text, keyed
``(kind, number within its kind, sub-paragraph path or None)``, so checks can point at the characters.
"""

from __future__ import annotations

import re

from penholder.drafts.layout import OPERATIVE, ORGAN, PREAMBULAR, SUB, TITLE, classify
from penholder.errors import DraftError
from penholder.model import Paragraph, Resolution, SubParagraph

Places = dict[tuple[str, int, str | None], int]

_SUB_LABEL = re.compile(r"^\s*(\((?:[a-z]{1,2}|[ivxlc]{1,6})\))\s+")
_ROMAN = re.compile(r"^\((?:[ivx]+)\)$")


def draft_structure(text: str) -> tuple[Resolution, Places]:
    """Return the editor text as a resolution (paragraphs exactly as the editor shows them) and where
    each paragraph's text starts in ``text``. Never raises: an empty text gives an empty resolution."""
    lines = text.split("\n")
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    resolution = Resolution(organ=None)
    places: Places = {}
    title_lines: list[str] = []
    last: Paragraph | None = None  # the paragraph sub-paragraphs attach to
    last_sub: tuple[SubParagraph, str] | None = None
    order: list[Paragraph] = []
    for line in classify(lines):
        raw = lines[line.index]
        if line.role == TITLE:
            title_lines.append(raw.strip())
        elif line.role == ORGAN:
            resolution.organ = raw.strip()
        elif line.role in (PREAMBULAR, OPERATIVE):
            body = raw[line.body_start:].rstrip()
            kind = PREAMBULAR if line.role == PREAMBULAR else OPERATIVE
            paragraphs = resolution.preambular if kind == PREAMBULAR else resolution.operative
            last = Paragraph(kind, _lead(body, kind), body, line.number)
            paragraphs.append(last)
            order.append(last)
            places[(kind, len(paragraphs), None)] = starts[line.index] + line.body_start
            last_sub = None
        elif line.role == SUB:
            match = _SUB_LABEL.match(raw)
            if last is None or match is None:
                # A labelled line before any paragraph: the editor shows it, so it is kept as a paragraph.
                body = raw.strip()
                last = Paragraph(PREAMBULAR, "", body)
                resolution.preambular.append(last)
                order.append(last)
                places[(PREAMBULAR, len(resolution.preambular), None)] = starts[line.index] + len(raw) - len(
                    raw.lstrip())
                last_sub = None
                continue
            label = match.group(1)
            sub = SubParagraph(label, raw[match.end():].rstrip())
            indented = len(raw) - len(raw.lstrip()) > 0
            if last_sub is not None and (indented or _nested_roman(label, last_sub[0])):
                parent, path = last_sub
                parent.subparagraphs.append(sub)
                where = f"{path} {label}"
            else:
                last.subparagraphs.append(sub)
                where = label
                last_sub = (sub, label)
            paragraphs = resolution.preambular if last.kind == PREAMBULAR else resolution.operative
            places[(last.kind, len(paragraphs), where)] = starts[line.index] + match.end()
    _read_head(resolution, title_lines)
    if order != resolution.paragraphs:
        resolution.draft_order = order
    return resolution, places


def draft_resolution(draft, *, source: str = "draft") -> Resolution:
    """Return a draft (a ``Draft``, or the editor text alone) as the resolution every output reads, its
    details (symbol, session, sponsors …) applied; raise ``DraftError`` when it has no paragraph yet."""
    text = draft if isinstance(draft, str) else draft.text
    resolution = draft_structure(text)[0]
    if not resolution.paragraphs:
        raise DraftError(f"{source}: the draft has no paragraphs yet (type at least one preambular or "
                         "operative paragraph, one per line)")
    if not isinstance(draft, str):
        draft.apply_to(resolution)
    resolution.state = resolution.state or "draft"
    return resolution


def read_draft_resolution(path) -> Resolution:
    """Return the resolution of the ``.penholder`` draft at ``path``; raise ``DraftError``."""
    from penholder.drafts.format import load_draft

    return draft_resolution(load_draft(path), source=str(path))


def _read_head(resolution: Resolution, title_lines: list[str]) -> None:
    """Fill title, body, symbol and agenda item from the lines above the organ line."""
    from penholder.parsing.metadata import body_of, read_header

    if len(title_lines) == 1:
        resolution.title = title_lines[0]
    elif title_lines:
        header = read_header(title_lines)
        resolution.title = header.get("title") or header.get("fallback_title") or " ".join(title_lines)
        resolution.symbol = header.get("symbol")
        resolution.agenda_item = header.get("agenda_item")
    resolution.body = body_of(resolution.organ, resolution.symbol)


def _nested_roman(label: str, previous: SubParagraph) -> bool:
    """Return whether an unindented (i), (ii) … is a level below, not the letter after (h)."""
    if not _ROMAN.match(label):
        return False
    letter = previous.label.strip("()")
    follows = len(letter) in (1, 2) and letter.isalpha() and chr(ord(letter[0]) + 1) * len(letter) == label.strip("()")
    return not follows


def _lead(text: str, kind: str) -> str:
    from penholder.parsing import lexicon

    return (lexicon.preambular_lead(text) if kind == PREAMBULAR else lexicon.operative_lead(text)) or ""
