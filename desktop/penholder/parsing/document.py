"""The parse itself: header, body and tail of a resolution, each read by its own module.

``parse_text`` normalizes the text, finds the organ line ("The General Assembly,"), reads the header
before it, removes page furniture and footnote blocks after it, cuts the body at the adoption line or
an annex, and builds the paragraphs with their leads and footnote references.
"""

from __future__ import annotations

import re

from penholder.errors import ParseError
from penholder.model import Footnote, Paragraph, Resolution, SubParagraph
from penholder.parsing import lexicon
from penholder.parsing.end_matter import read_voting
from penholder.parsing.footnotes import extract_footnote_blocks, take_inlined, take_marks
from penholder.parsing.front_matter import read_front_matter
from penholder.parsing.furniture import strip_furniture
from penholder.parsing.metadata import (
    ORGAN,
    body_of,
    committee_of,
    is_draft_symbol,
    organ_index,
    read_adoption,
    read_header,
)
from penholder.parsing.normalize import PAGE_BREAK, strip_italics, to_lines
from penholder.parsing.pagebreaks import restore_page_breaks
from penholder.parsing.paragraphs import build_paragraphs, split_blocks
from penholder.parsing.pdftext import looks_like_pdftotext, undo_pdftotext

_BODY_END = re.compile(
    r"^(?:\d{1,4}(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?(?:[Pp]lenary\s+)?[Mm]eeting\b(?!\s*,)|\[?Adopted (?:by|without|at)\b|\[Adopted"
    r"|In favour:|(?:ANNEX|Annex)(?:es)?(?:\s+[IVX\d]+)?:?$|Appendix(?:\s+[IVX\d]+)?$)"
)
_ANNEX = re.compile(r"^(?:ANNEX|Annex)(?:es)?(?:\s+[IVX\d]+)?:?$")
_FIRST_PARAGRAPH = re.compile(r"^1\.\s")


def _find_body_start(lines: list[str]) -> int | None:
    """Return where the paragraphs start when there is no organ line, or ``None``."""
    for index, line in enumerate(lines):
        plain = strip_italics(line)
        if _FIRST_PARAGRAPH.match(plain) or (lexicon.is_preambular_opening(plain) and len(plain) > 40):
            return index
    return None


def _what_instead(lines: list[str]) -> str:
    """Return why a text is not a resolution, naming what it seems to be."""
    head = " ".join(strip_italics(line) for line in lines[:80]).lower()
    if re.search(r"amendments? to (?:the )?draft", head):
        return "an amendment to a draft, not a resolution"
    if "draft decision" in head or "decision adopted" in head:
        return "a decision, not a resolution (no preambular or operative paragraphs)"
    return "no resolution structure found (no organ line, preambular or numbered operative paragraphs)"


def _body_end(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        if line not in ("", PAGE_BREAK) and _BODY_END.match(strip_italics(line)):
            return index
    return len(lines)


class _MarkSet:
    """The footnote marks of a document, refreshed when inlined footnotes are added."""

    def __init__(self, footnotes: list[Footnote]) -> None:
        self.footnotes = footnotes
        self.count = -1
        self.last = [0]
        self.refresh()

    def refresh(self) -> None:
        """Recompute the mark sets if footnotes were added since the last call."""
        if self.count != len(self.footnotes):
            self.marks = {f.mark for f in self.footnotes}
            self.numeric = {m for m in self.marks if m.isdigit()}
            self.count = len(self.footnotes)


def _clean_paragraph(paragraph: Paragraph | SubParagraph, marks: _MarkSet) -> None:
    text, inlined = take_inlined(paragraph.text, marks.footnotes)
    marks.refresh()
    text, notes = take_marks(text, marks.marks, marks.numeric, marks.last)
    paragraph.text = text
    paragraph.notes = [*notes, *inlined]
    if isinstance(paragraph, Paragraph) and paragraph.lead and not text.startswith(paragraph.lead):
        paragraph.lead = take_marks(paragraph.lead, marks.marks, marks.numeric)[0]
    for sub in paragraph.subparagraphs:
        _clean_paragraph(sub, marks)


def _symbol(header: dict, body: str | None) -> str | None:
    if header.get("symbol"):
        return header["symbol"]
    session, number = header.get("session_text"), header.get("number")
    if session is None or number is None:
        return None
    if body == "HRC":
        return f"A/HRC/RES/{session}/{number}"
    if body == "GA":
        return f"A/RES/{session}/{number}"
    return None


def _session_and_number(symbol: str | None, header: dict) -> tuple[int | None, int | None]:
    if symbol:
        match = re.match(r"^A/(?:HRC/)?RES/(\d+)/(\d+)", symbol)
        if match:
            return int(match.group(1)), int(match.group(2))
        match = re.match(r"^A/(?:HRC/|C\.\d/)?(\d+)/L\.", symbol)
        if match:
            return int(match.group(1)), None
    session = header.get("session_text")
    number = header.get("number")
    session_value = int(session) if session and session.isdigit() else header.get("session_words")
    return session_value, number


def parse_text(text: str, source: str | None = None) -> Resolution:
    """Return the resolution read from plain ``text``; raise ``ParseError`` if it has no structure."""
    name = source or "text"
    if not isinstance(text, str):
        raise ParseError(f"{name}: not text")
    if "\x00" in text:
        raise ParseError(f"{name}: binary content, not text (contains NUL characters)")
    if not text.strip():
        raise ParseError(f"{name}: empty file")
    text = restore_page_breaks(text) or text  # a PDF viewer's copy: pdftotext's text without form feeds
    if looks_like_pdftotext(text):
        text = undo_pdftotext(text)
    lines = to_lines(text)
    organ_at = organ_index(lines)
    start = organ_at + 1 if organ_at is not None else _find_body_start(lines)
    if start is None:
        raise ParseError(f"{name}: {_what_instead(lines)}")
    header_lines = lines[:organ_at] if organ_at is not None else lines[:start]
    header = read_header(header_lines)
    if "amendment" in header.get("document_kind", ""):
        raise ParseError(f"{name}: an amendment to a draft, not a resolution")
    organ = strip_italics(lines[organ_at]).strip() if organ_at is not None else None

    after = strip_furniture(lines[start:], header.get("title"), header.get("symbol"))
    # An annex is not part of the resolution's text: its footnotes are left out with it.
    annex_at = next((i for i, line in enumerate(after) if _ANNEX.match(strip_italics(line))), len(after))
    after, footnotes = extract_footnote_blocks(after[:annex_at])
    end = _body_end(after)
    blocks = split_blocks(after[:end])
    preambular, operative = build_paragraphs(blocks)
    marks = _MarkSet(footnotes)
    for paragraph in [*preambular, *operative]:
        _clean_paragraph(paragraph, marks)
    preambular = [p for p in preambular if p.text]
    if not operative and not (organ and preambular) and len([p for p in preambular if p.lead]) < 2:
        raise ParseError(f"{name}: {_what_instead(lines)}")

    body = body_of(organ, header.get("symbol"))
    if body is None and any("Human Rights Council" in ln for ln in header_lines):
        body = "HRC"
    symbol = _symbol(header, body)
    if body is None:
        body = body_of(None, symbol)
    session, number = _session_and_number(symbol, header)
    adoption = read_adoption(after[end:])
    if adoption.date is None and header.get("stated_date"):
        adoption.date = header["stated_date"]
    if adoption.meeting is None and header.get("header_meeting"):
        adoption.meeting = header["header_meeting"]
    draft = is_draft_symbol(symbol) or bool(header.get("sponsors"))
    if draft:
        adoption = type(adoption)()
    year = None
    for candidate in (adoption.date, header.get("stated_date"), header.get("distr_date")):
        if candidate:
            year = int(candidate[:4])
            break
    if year is None and header.get("year"):
        year = header["year"]
    front = read_front_matter(header_lines)
    return Resolution(
        symbol=symbol,
        body=body,
        session=session,
        number=number,
        year=year,
        title=header.get("title"),
        organ=organ if organ and ORGAN.match(organ) else None,
        agenda_item=header.get("agenda_item"),
        adoption=adoption,
        preambular=preambular,
        operative=operative,
        footnotes=footnotes,
        state="draft" if draft else ("adopted" if header.get("adopted") or adoption.meeting else None),
        sponsors=header.get("sponsors", []),
        committee=committee_of(symbol),
        agenda_title=front.agenda_title, report_line=front.report_line, session_dates=front.session_dates,
        document_date=front.document_date, voting=None if draft else read_voting(after[end:]),
    )
