"""Re-set a parsed resolution as pdftotext gives an older UN layout (2009-2015), with a seeded RNG.

What older layouts look like in pdftotext form (issue 18): the operative number on a line of its own
after the paragraph's first line or before it; the last paragraph scrambled around the end matter
("17." / "session." / "Decides to continue … eightieth" / "53rd plenary meeting"); footnote numbers and
texts in their own blocks, out of order, after a rule; Word's anchor residue ("0F") on a line of its own
where a mark stood; page furniture (the symbol, "2/4", the job number, "*0947209*", a barcode glyph,
"Please rec cle", "♲", the running title over two lines) between lines; words split by a space
("thro ugh") and line-end hyphens dropped with the two lines run together ("goodneighbourliness").
``older_layout`` returns such a text; it is made in the tests and the benchmark, never stored.
"""

from __future__ import annotations

import random
import re
import textwrap

from penholder.model import Paragraph, Resolution, SubParagraph

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
_WIDTH = 84
_MARK = re.compile("\x01(\\d+)\x01")
_ALONE = re.compile("\x01\\d+\x01")


def _day(iso: str | None) -> str:
    if not iso:
        return "10 December 2012"
    year, month, date = iso.split("-")
    return f"{int(date)} {MONTHS[int(month) - 1]} {year}"


def _wrap(text: str, rng: random.Random, width: int = _WIDTH) -> list[str]:
    """Return ``text`` wrapped; some line-end hyphens dropped with the lines run together (pdftotext)."""
    lines = textwrap.wrap(text, width, break_on_hyphens=True, break_long_words=False) or [text]
    out: list[str] = []
    for line in lines:
        if out and out[-1].endswith("-") and not out[-1].endswith(" -") and line[:1].isalpha() \
                and rng.random() < 0.5:
            out[-1] = out[-1][:-1] + line
        else:
            out.append(line)
    return out


def _with_marks(text: str, notes: list[str], rng: random.Random, residue: bool) -> str:
    """Return ``text`` with its footnote marks, spaced (" 3") or as Word's residue on its own line ("2F")."""
    digits = [n for n in notes if n.isdigit()]
    if not digits:
        return text
    words = text.split(" ")
    if len(words) < 4:
        places = [len(words)] * len(digits)
    else:
        places = sorted(rng.randint(3, len(words)) for _ in digits)
    for place, mark in sorted(zip(places, digits, strict=True), reverse=True):
        if residue:
            words.insert(place, f"\n\x01{mark}\x01\n")
        else:
            # the mark sits on its word's line: "\x03" keeps them together through the wrap
            words[place - 1] += f"\x03\x01{mark}\x01"
    return " ".join(words).replace(" \n", "\n").replace("\n ", "\n")


def _split_word(line: str, rng: random.Random, known: set[str]) -> str:
    """Return ``line`` with one longer word split by a space ("thro ugh"), one the document has whole."""
    words = line.split(" ")
    choices = [i for i, w in enumerate(words) if w.isalpha() and w.islower() and len(w) >= 7 and w in known]
    if not choices:
        return line
    index = rng.choice(choices)
    word = words[index]
    cut = rng.randint(2, len(word) - 2)
    words[index] = f"{word[:cut]} {word[cut:]}"
    return " ".join(words)


def _lines_of(text: str, rng: random.Random, known: set[str], width: int = _WIDTH) -> list[str]:
    lines = []
    for part in text.split("\n"):
        if _ALONE.fullmatch(part):
            lines.append(part)
            continue
        for line in _wrap(part, rng, width):
            lines.append(_split_word(line, rng, known) if rng.random() < 0.03 else line)
    return lines


class _Pages:
    """Body lines cut into pages, each closed with its footnote block and its furniture."""

    def __init__(self, resolution: Resolution, rng: random.Random) -> None:
        self.rng = rng
        self.symbol = resolution.symbol or "A/RES/64/1"
        self.title = resolution.title or "Resolution"
        self.job = f"{rng.randint(9, 15):02d}-{rng.randint(10000, 99999)}"
        self.notes = {f.mark: f.text for f in resolution.footnotes}
        self.pages: list[list[str]] = []
        self.page_notes: list[list[str]] = []
        self.current: list[str] = []
        self.current_notes: list[str] = []
        self.placed: set[str] = set()
        self.limit = rng.randint(34, 46)

    def add(self, lines: list[str], whole: bool = False) -> None:
        """Add body lines, closing a page when it is full (after them all when ``whole``)."""
        for line in lines:
            for mark in _MARK.findall(line):
                if mark in self.notes and mark not in self.placed:
                    self.placed.add(mark)
                    self.current_notes.append(mark)
            if _ALONE.fullmatch(line):
                line = f"{int(line[1:-1]) - 1}F"  # Word's anchor residue where the mark stood
            self.current.append(_MARK.sub(r"\1", line).replace("\x03", " "))
            if len(self.current) >= self.limit and not whole:
                self.close()

    def close(self) -> None:
        if self.current or not self.pages:
            self.pages.append(self.current)
            self.page_notes.append(self.current_notes)
        self.current, self.current_notes = [], []
        self.limit = self.rng.randint(34, 46)

    def _zone(self, marks: list[str]) -> list[str]:
        """Return a page's footnote block as pdftotext gives it: texts in order, marks apart and out of order."""
        rng = self.rng
        zone = ["_______________", ""]
        deferred = []
        for mark in marks:
            text = self.notes[mark]
            if not mark.isdigit():
                zone.append(f"{mark} {text}")
                continue
            if rng.random() < 0.5:
                zone.append(mark)
            else:
                deferred.append(mark)
            zone += textwrap.wrap(text, 88, break_long_words=False) or [text]
        rng.shuffle(deferred)
        return zone + deferred

    def _foot(self, number: int, count: int) -> list[str]:
        rng = self.rng
        items = [self.job + (" (E)" if number == 1 else ""), f"{number}/{count}"]
        if number == 1:
            items += [f"*{self.job.replace('-', '')}*", rng.choice(["Please rec cle", "♲", "Please recycle"])]
        if rng.random() < 0.3:
            items.append(rng.choice(["♲", "\u25a0", "*" + self.job.replace("-", "") + "*"]))
        rng.shuffle(items)
        return items

    def _head(self) -> list[str]:
        words = self.title.split()
        cut = max(1, min(len(words) - 1, self.rng.randint(len(words) // 2, len(words))))
        title = [" ".join(words[:cut]), " ".join(words[cut:])] if len(words) > 1 else [self.title]
        title = [t for t in title if t]
        head = [*title, "", self.symbol, ""] if self.rng.random() < 0.5 else [self.symbol, "", *title, ""]
        return head

    def text(self, unplaced: list[str]) -> str:
        rng = self.rng
        if self.current:
            self.close()
        self.page_notes[0] = sorted([*unplaced, *self.page_notes[0]], key=_mark_key)
        count = len(self.pages)
        out = []
        for number, (lines, marks) in enumerate(zip(self.pages, self.page_notes, strict=True), start=1):
            page = list(lines) if number == 1 else [*self._head(), *lines]
            foot = self._foot(number, count)
            zone = self._zone(marks) if marks else []
            if zone:
                # furniture between the lines of the footnote block, as pdftotext orders them
                for item in foot:
                    zone.insert(rng.randint(2, len(zone)), item)
                page += ["", *zone, ""]
            else:
                page += ["", *[x for item in foot for x in (item, "")]]
            out.append("\n".join(page) + "\n\f")
        return "".join(out)


def _mark_key(mark: str) -> tuple[int, int]:
    return (1, int(mark)) if mark.isdigit() else (0, len(mark))


def _sub_lines(sub: SubParagraph, rng: random.Random, residue: bool, known: set[str]) -> list[str]:
    lines = _lines_of(_with_marks(f"{sub.label} {sub.text}", sub.notes, rng, residue), rng, known)
    for nested in sub.subparagraphs:
        lines += _sub_lines(nested, rng, residue, known)
    return lines


def _operative_lines(paragraph: Paragraph, placement: str, rng: random.Random, residue: bool,
                     known: set[str]) -> list[str]:
    # the older layout sets operative text narrower, its number in the margin
    lines = _lines_of(_with_marks(paragraph.text, paragraph.notes, rng, residue), rng, known, _WIDTH - 8)
    number = f"{paragraph.number}."
    if paragraph.number is None:
        pass
    elif placement == "after" and len(lines) > 1 and lines[1][:1].islower():
        lines = [lines[0], number, *lines[1:]]
    elif placement == "inline":
        lines = [f"{number} {lines[0]}", *lines[1:]]
    else:
        lines = [number, *lines]
    for sub in paragraph.subparagraphs:
        lines += _sub_lines(sub, rng, residue, known)
    return lines


def older_layout(resolution: Resolution, seed: int) -> str:
    """Return ``resolution`` re-set as pdftotext output of an older UN layout."""
    rng = random.Random(seed)
    r = resolution
    residue = rng.random() < 0.4
    style = rng.choice(["before", "after", "mixed"])
    known = {w for p in r.paragraphs for w in p.full_text().split()}
    pages = _Pages(r, rng)
    date = _day(r.adoption.date)
    head = [pages.symbol, "", "United Nations", "", "General Assembly", "", "Distr.: General", date, "",
            f"Session {r.session}", f"Agenda item {r.agenda_item or '1'}", "",
            f"Resolution adopted by the General Assembly on {date}", "",
            f"{r.session}/{r.number}.", "", *textwrap.wrap(pages.title, 60), r.organ or "The General Assembly,"]
    pages.add(head)
    for paragraph in r.preambular:
        pages.add(_lines_of(_with_marks(paragraph.text, paragraph.notes, rng, residue), rng, known))
        for sub in paragraph.subparagraphs:
            pages.add(_sub_lines(sub, rng, residue, known))
    section = 0
    for index, paragraph in enumerate(r.operative):
        if paragraph.number == 1 and index > 0:
            section += 1
            pages.add([ROMAN[min(section, len(ROMAN) - 1)]])
        placement = style if style != "mixed" else rng.choice(["before", "after", "inline"])
        lines = _operative_lines(paragraph, placement, rng, residue, known)
        last = index == len(r.operative) - 1
        if last and paragraph.number is not None and not paragraph.subparagraphs and len(lines) >= 3 \
                and lines[0] == f"{paragraph.number}." and rng.random() < 0.7 \
                and lines[-1][:1].islower():
            # "17." / "session." / "" / "Decides to continue … eightieth": the last line set first
            lines = [lines[0], lines[-1], "", *lines[1:-1], ""]
            pages.add(lines, whole=True)
            continue
        pages.add(lines[:2], whole=True)  # the number stands beside the first line, on the same page
        pages.add(lines[2:])
    pages.add(["", r.adoption.meeting or "65th plenary meeting", date])
    unplaced = [m for m in pages.notes if m not in pages.placed]
    return pages.text(unplaced)
