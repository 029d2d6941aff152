"""The same resolution in another layout parses the same: each seed re-typeset as PDF text.

The seeds are rendered the way PDF extraction gives UN documents (lines wrapped at 80 characters,
operative numbers on their own line, footnote marks glued to words, footnotes after a rule at the
first page foot, running heads with symbol, job number and page number) and must parse to the same
paragraphs, leads and footnote references as the seed itself.
"""

from __future__ import annotations

import textwrap

import pytest

from penholder.model import Resolution
from penholder.parsing import parse_file, parse_text

PAGE_LINES = 40


def _last_mark(notes: list[str]) -> list[str]:
    numbered = [n for n in notes if n.isdigit()]
    return numbered[-1:]


def _mark_glued(text: str, notes: list[str]) -> str:
    """Put the paragraph's last footnote mark back, glued after its final punctuation."""
    return text + "".join(_last_mark(notes))


def typeset(resolution: Resolution) -> str:
    """Return ``resolution`` as PDF-extracted text with page furniture and footnotes at page feet."""
    head = [resolution.symbol, "", "General Assembly", "Distr.: General", "1 January 2030", "",
            "30-12345 (E)    010130", "*3012345*", ""]
    body: list[tuple[str, list[str]]] = []
    number = f"{resolution.session}/{resolution.number}"
    body.append((f"{number}. {resolution.title}", []))
    body.append(("", []))
    body.append((resolution.organ, []))
    body.append(("", []))
    for paragraph in resolution.preambular:
        for line in textwrap.wrap(_mark_glued(paragraph.text, paragraph.notes), 80, break_on_hyphens=False):
            body.append((line, []))
        body[-1] = (body[-1][0], paragraph.notes)
        body.append(("", []))
    for paragraph in resolution.operative:
        body.append((f"{paragraph.number}.", []))
        for line in textwrap.wrap(_mark_glued(paragraph.text, paragraph.notes), 80, break_on_hyphens=False):
            body.append((line, []))
        body[-1] = (body[-1][0], paragraph.notes)
        body.append(("", []))
    body.append((f"{resolution.adoption.meeting}", []))
    body.append((_day(resolution.adoption.date), []))
    notes_text = {f.mark: f.text for f in resolution.footnotes}
    out = list(head)
    page = 1
    pending = [f.mark for f in resolution.footnotes]  # all at the foot of the first page
    for index, (line, _notes) in enumerate(body):
        out.append(line)
        if (index + 1) % PAGE_LINES == 0:
            if pending:
                out += ["__________________", ""]
                out += [f"{n}  {notes_text[n]}\n" for n in pending]
                pending = []
            page += 1
            out += ["", resolution.symbol, "", "30-12345", f"{page}/9", "", ""]
    if pending:
        out += ["__________________", ""] + [f"{n}  {notes_text[n]}\n" for n in pending]
    return "\n".join(out)


def _day(iso: str) -> str:
    year, month, day = iso.split("-")
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
    return f"{int(day)} {months[int(month) - 1]} {year}"


@pytest.mark.parametrize("symbol", ["A/HRC/RES/23/3", "A/HRC/RES/53/11", "A/HRC/RES/41/3", "A/RES/67/169"])
def test_seed_typeset_as_pdf_text_parses_the_same(seed_paths, symbol):
    original = parse_file(seed_paths[symbol])
    # Keep only numbered footnotes: a "*" note on the symbol line is header matter, not body text.
    original.footnotes = [f for f in original.footnotes if f.mark.isdigit()]
    again = parse_text(typeset(original), source="typeset.txt")
    assert again.symbol == symbol
    assert [p.lead for p in again.preambular] == [p.lead for p in original.preambular]
    assert [p.lead for p in again.operative] == [p.lead for p in original.operative]
    assert [p.text for p in again.paragraphs] == [p.text for p in original.paragraphs]
    assert [p.notes for p in again.paragraphs] == [_last_mark(p.notes) for p in original.paragraphs]
    assert [(f.mark, f.text) for f in again.footnotes] == [(f.mark, f.text) for f in original.footnotes]
    assert again.adoption.meeting == original.adoption.meeting and again.adoption.date == original.adoption.date


def blank_line_after_every_line(resolution: Resolution) -> str:
    """Return ``resolution`` as line-wrapped PDF text with a blank line after every line, no footnotes."""
    lines = [f"{resolution.session}/{resolution.number}. {resolution.title}", "", resolution.organ]
    for paragraph in resolution.preambular:
        lines += textwrap.wrap(paragraph.text, 85, break_on_hyphens=False)
    for paragraph in resolution.operative:
        lines += textwrap.wrap(f"{paragraph.number}. {paragraph.text}", 85, break_on_hyphens=False)
    lines += [resolution.adoption.meeting, _day(resolution.adoption.date)]
    return "\n\n".join(lines)


@pytest.mark.parametrize("symbol", ["A/HRC/RES/23/3", "A/HRC/RES/53/11", "A/RES/67/169"])
def test_seed_with_blank_line_after_every_line_parses_the_same(seed_paths, symbol):
    original = parse_file(seed_paths[symbol])
    again = parse_text(blank_line_after_every_line(original), source="wrapped.txt")
    assert [p.text for p in again.paragraphs] == [p.text for p in original.paragraphs]
    assert [p.lead for p in again.paragraphs] == [p.lead for p in original.paragraphs]
