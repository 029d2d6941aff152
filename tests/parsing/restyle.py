"""Re-typeset a parsed resolution in the styles of the seeds, to test that the parser generalizes.

Each function takes a ``Resolution`` and returns text in one style: ``clean`` (one paragraph a line,
italic operative leads, superscript marks, footnote blocks between paragraphs: A/HRC/RES/23/3),
``markdown`` (the same with glued bold headings: 53/11), ``blank_line_per_line`` (wrapped lines with a
blank line after each and page breaks: 28/2) and ``ocr`` (wrapped lines, marks glued as digits,
footnotes as "N text" lines without a rule: 67/169).
"""

from __future__ import annotations

import textwrap

from penholder.model import Resolution

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def day(iso: str | None) -> str:
    """Return an ISO date as the UN writes it (2023-07-12 -> 12 July 2023)."""
    if not iso:
        return "1 January 2030"
    year, month, date = iso.split("-")
    return f"{int(date)} {MONTHS[int(month) - 1]} {year}"


def _paragraphs(resolution: Resolution):
    for paragraph in resolution.paragraphs:
        notes = [n for n in paragraph.notes if n.isdigit()][-1:]  # one mark, at the end
        yield paragraph.kind, paragraph.number, paragraph.lead, paragraph.full_text(), notes


def _footnote_blocks(resolution: Resolution, every: int, superscript: bool):
    """Yield (paragraph text lines, footnote lines) so that footnotes follow their first reference."""
    notes = {f.mark: f.text for f in resolution.footnotes if f.mark.isdigit()}
    order = list(notes)
    done = top = 0
    for index, (kind, number, lead, text, marks) in enumerate(_paragraphs(resolution), 1):
        if marks and marks[0] in order:
            top = max(top, order.index(marks[0]) + 1)
        block = []
        if index % every == 0 and top > done:
            block = [f"{m.translate(SUPERSCRIPT) if superscript else m} {notes[m]}" for m in order[done:top]]
            done = top
        yield (kind, number, lead, text, marks), block
    yield None, [f"{m.translate(SUPERSCRIPT) if superscript else m} {notes[m]}" for m in order[done:]]


def clean(resolution: Resolution, markdown: bool = False) -> str:
    """Return the resolution as clean text (23/3 style) or with glued Markdown headings (53/11 style)."""
    r = resolution
    if markdown:
        head = (f"Human Rights Council**Fifty-third session**\n\nAgenda item 3\n\n**Promotion of things****"
                f"Resolution adopted by the Human Rights Council\non {day(r.adoption.date)}****"
                f"{r.session}/{r.number}. {r.title}***{r.organ}*\n\n")
    else:
        head = (f"\n\nGeneral Assembly\n\nDistr.: General\n1 June 2030\n\nHuman Rights Council\n\n"
                f"Agenda item 3\n\nResolution adopted by the Human Rights Council*\n\n{r.session}/{r.number}.\n\n"
                f"{r.title}\n\n{r.organ}\n\n")
    body = []
    for paragraph, footnotes in _footnote_blocks(r, 7, superscript=True):
        if paragraph:
            kind, number, lead, text, marks = paragraph
            text += "".join(m.translate(SUPERSCRIPT) for m in marks)
            if kind == "operative":
                text = f"{number}. *{lead}*{text[len(lead):]}" if lead else f"{number}. {text}"
            body.append(text)
        if footnotes and paragraph is None:
            body += [f"*{r.adoption.meeting}\n{day(r.adoption.date)}*", "[Adopted without a vote.]"]
        body += footnotes
    return head + "\n\n".join(body)


def blank_line_per_line(resolution: Resolution) -> str:
    """Return the resolution as wrapped PDF text with a blank line after every line (28/2 style)."""
    r = resolution
    head = ("Original HRC document\n\n\nDocument Type: Final Resolution\n\nSession: 28th Regular Session\n\n"
            f"GE.A/HRC/24/56. 5-06884 (E)\n\n\nHuman Rights Council Twenty-eighth session\n\n"
            f"Resolution adopted by the Human Rights Council\n\n{r.session}/{r.number}. {r.title}\n\n\n{r.organ}\n\n")
    lines = []
    for kind, number, _lead, text, _marks in _paragraphs(r):
        lines += textwrap.wrap(f"{number}. {text}" if kind == "operative" else text, 88, break_on_hyphens=False)
    body = "".join(line + ("\n\n\n\n" if i % 37 == 36 else "\n\n") for i, line in enumerate(lines))
    return head + body + f"{r.adoption.meeting}\n\n{day(r.adoption.date)}\n\n[Adopted without a vote.]"


def ocr(resolution: Resolution) -> str:
    """Return the resolution as OCR-like text: wrapped lines, glued digit marks, "N text" footnotes."""
    r = resolution
    body = []
    for paragraph, footnotes in _footnote_blocks(r, 6, superscript=False):
        if paragraph:
            kind, number, _lead, text, marks = paragraph
            text = (f"{number}. " if kind == "operative" else "") + text + "".join(marks)
            body.append("\n".join(textwrap.wrap(text, 85, break_on_hyphens=False)))
        else:
            body.append(f"{r.adoption.meeting}\n{day(r.adoption.date)}")
        if footnotes:
            body.append("\n".join(footnotes))
    return f" {r.session}/{r.number}. {r.title}\n\n{r.organ}\n\n" + "\n\n".join(body)
