"""Pieces of a paragraph (text, character style, tracked change, footnote mark) and their Word runs.

The body writer describes each paragraph as a list of ``Piece``; ``append_pieces`` turns them into
``w:r`` elements, wrapped in ``w:ins``/``w:del`` when a ``Revisions`` is given (the redline).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from penholder.export.footnotes import FootnoteWriter, text_element

INSERT = "insert"
DELETE = "delete"


@dataclass(frozen=True)
class Piece:
    """A stretch of one paragraph: text in a character style, or a footnote ``note`` mark."""

    text: str = ""
    style: str | None = None  # a character style id
    change: str | None = None  # None, INSERT or DELETE
    note: str | None = None


class Revisions:
    """Issues tracked-change elements (``w:ins``/``w:del``) with one author and date and unique ids."""

    def __init__(self, author: str = "Penholder", when: _dt.datetime | None = None):
        self.author = author
        when = when or _dt.datetime.now(_dt.UTC)
        self.date = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        self._next_id = 1

    def mark(self, change: str):
        """Return an empty ``w:ins`` or ``w:del`` element for ``change``."""
        element = OxmlElement("w:ins" if change == INSERT else "w:del")
        element.set(qn("w:id"), str(self._next_id))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        self._next_id += 1
        return element

    def mark_paragraph(self, p, change: str) -> None:
        """Track the paragraph mark of ``p`` itself as inserted or deleted (``w:pPr/w:rPr``)."""
        ppr = p.get_or_add_pPr()
        rpr = OxmlElement("w:rPr")
        rpr.append(self.mark(change))
        ppr.append(rpr)


def make_run(text: str, style: str | None = None, *, deleted: bool = False):
    """Return a ``w:r`` for ``text`` (tabs and line breaks as Word elements) in character ``style``."""
    run = OxmlElement("w:r")
    if style:
        rpr = OxmlElement("w:rPr")
        run_style = OxmlElement("w:rStyle")
        run_style.set(qn("w:val"), style)
        rpr.append(run_style)
        run.append(rpr)
    tag = "w:delText" if deleted else "w:t"
    for index, line in enumerate(text.split("\n")):
        if index:
            run.append(OxmlElement("w:br"))
        for position, chunk in enumerate(line.split("\t")):
            if position:
                run.append(OxmlElement("w:tab"))
            if chunk:
                run.append(text_element(tag, chunk))
    return run


def append_pieces(p, pieces: list[Piece], notes: FootnoteWriter, revisions: Revisions | None = None) -> None:
    """Append ``pieces`` to the paragraph element ``p`` as runs, tracked when ``revisions`` is given."""
    for piece in pieces:
        deleted = piece.change == DELETE and revisions is not None
        if piece.note is not None:
            run = notes.reference(piece.note, real=not deleted)
            if deleted:
                for text in run.iter(qn("w:t")):
                    text.tag = qn("w:delText")
        elif piece.text:
            run = make_run(piece.text, piece.style, deleted=deleted)
        else:
            continue
        if piece.change and revisions is not None:
            wrapper = revisions.mark(piece.change)
            wrapper.append(run)
            p.append(wrapper)
        else:
            p.append(run)
