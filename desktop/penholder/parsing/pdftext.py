"""Text as ``pdftotext`` (poppler) gives a UN PDF, with or without ``-layout``: recognised and undone.

Such text has a form feed at the end of each page, page furniture at the page edges (the symbol, the
running title, "2/4", the job number, a barcode), footnotes after a rule at each page foot (without
``-layout`` their marks stand on lines of their own, apart from their texts and out of order) and marks
in the body set off by spaces ("25 June 1993, 1 for"). ``looks_like_pdftotext`` recognises the style by
these features; ``undo_pdftotext`` rebuilds each page as its body lines, then its footnotes after a rule,
one "mark text" line each, with the marks in the body as superscripts (Word's "0F" residue too), so that
the parser reads it as it reads the seed styles. ``pdfwords`` mends the words the layout split or ran
together, ``pdflines`` puts back the operative numbers and lines the layout set apart.
"""

from __future__ import annotations

import re

from penholder.parsing.footnotes import SUPERSCRIPTS
from penholder.parsing.furniture import is_anchor, is_separator
from penholder.parsing.metadata import organ_index, read_header
from penholder.parsing.normalize import to_lines
from penholder.parsing.pagebreaks import blank_after_paragraph_ends
from penholder.parsing.pdflines import TERMINAL, break_before_openers, place_numbers, set_sponsors_apart
from penholder.parsing.pdfwords import mend_words

FORM_FEED = "\f"
_CELL_GAP = re.compile(r"\S(?: {3,})\S")
_CELLS = re.compile(r" {3,}")
_BARE_MARK = re.compile(r"^(?:\d{1,3}|\*{1,3})$")
_WORD_ANCHOR = re.compile(r"^\d{1,3}F$")  # Word's footnote anchor residue ("0F" where mark 1 stood)
_MARK_TEXT = re.compile(r"^(?P<mark>\d{1,3}|\*{1,3})\s+(?P<text>\S.*)$")
_STARRED = re.compile(r"^(\*{1,3})\s*(\S.*)$")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_GLYPHS = re.compile(r"^[^\w\s]{1,3}$")  # a barcode or recycling glyph ("♲") on its own line
_RECYCLE = re.compile(r"^(?:Please\s+rec\s*y?\s*cle|\S?\s*Please recycle\s*\S?)$", re.IGNORECASE)
_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPTS)
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"}
# Words after which a bare number is the text's own, not a footnote mark.
_TAKES_A_NUMBER = frozenset(
    "paragraph paragraphs para paras resolution resolutions decision decisions article articles rule rules "
    "annex chapter chap section sections sect part goal goals target targets no nos vol volume item items "
    "principle principles level phase step option protocol meeting page pages table figure box category "
    "about some over under nearly almost than and or to from of by between at in on the session "
    "sessions number numbers".split()
)
_UNIT_AFTER = re.compile(
    r"^\s*(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|per\b|million|billion|thousand|dollars|years?\b|months?\b|days?\b|hours?\b|weeks?\b|percent|%"
    r"|and\s+\d|to\s+\d|or\s+\d|-|–|/)"
)


def looks_like_pdftotext(text: str) -> bool:
    """Return whether ``text`` is pdftotext output of a UN document: form feeds and furniture at page edges."""
    if FORM_FEED not in text:
        return False
    if blank_after_paragraph_ends(text.split("\n")) > 0.3:
        return False  # paragraphs set apart by blank lines: the parser's own lines or a PyMuPDF text
    pages = [page for page in text.split(FORM_FEED) if page.strip()]
    edged = 0
    for page in pages:
        lines = [line.strip() for line in page.split("\n") if line.strip()]
        edges = lines[:6] + lines[-14:]
        if any(is_anchor(cell) for line in edges for cell in _CELLS.split(line)):
            edged += 1
    return edged >= max(1, len(pages) // 2)


def _is_layout(pages: list[list[str]]) -> bool:
    lines = [line for page in pages for line in page if line.strip()]
    indented = sum(1 for line in lines if line.startswith("   "))
    return indented >= 0.3 * max(len(lines), 1)


def _words(text: str) -> list[str]:
    return _NOT_WORD.sub(" ", text.lower()).split()


def _title_words(first_page: list[str]) -> list[str]:
    """Return the words of the document's title, read from its first page by the header reader."""
    lines = to_lines("\n".join(first_page))
    organ = organ_index(lines)
    if organ is None:
        return []
    return _words(read_header(lines[:organ]).get("title") or "")


def _in_title(line: str, title: list[str]) -> bool:
    words = _words(line)
    if not words or not title or len(words) > len(title):
        return False
    return any(title[i:i + len(words)] == words for i in range(len(title) - len(words) + 1))


def _anchor(cell: str) -> bool:
    """Return whether a line is page furniture; a symbol with a full stop is a footnote ("A/78/311.")."""
    return is_anchor(cell) and not (cell.endswith(".") and "/" in cell)


def _furniture(cell: str, title: list[str], near_edge: bool) -> bool:
    cell = cell.strip()
    if not cell:
        return True
    if _anchor(cell) or _RECYCLE.match(cell) or _GLYPHS.match(cell):
        return True
    return near_edge and _in_title(cell, title)


def _split_cells(line: str, title: list[str]) -> list[str]:
    """Return a -layout line as its cells when it sets furniture beside text ("2/4    23-26037")."""
    stripped = line.strip()
    if not _CELL_GAP.search(stripped):
        return [line]
    cells = [c for c in _CELLS.split(stripped) if c]
    if any(_furniture(c, title, True) for c in cells):
        return cells
    return [" ".join(cells)]


def _head_length(lines: list[str], title: list[str]) -> int:
    """Return how many lines at the top of a page are its running head: furniture and one title run.

    The running title is one run of lines (the symbol may stand inside it); a title-like line after
    that run is the page's text ("Weapons;" under "… nuclear weapons").
    """
    index, in_title, title_done, anchored = 0, False, False, False
    while index < len(lines) and index < 10:
        line = lines[index]
        if not line:
            title_done = title_done or in_title
            in_title = False
        elif _furniture(line, title, False):
            anchored = True
        elif not title_done and _in_title(line, title):
            in_title = True
        else:
            break
        index += 1
    return index if anchored else 0


def _trim_page(lines: list[str], title: list[str], first: bool) -> list[str]:
    """Return a page's lines without the furniture at its head and foot."""
    start = 0 if first else _head_length(lines, title)
    end = len(lines)
    while end > start and _furniture(lines[end - 1], title, False):
        end -= 1
    return lines[start:end]


def _group(texts: list[str], starts: list[bool], count: int) -> list[str]:
    """Return ``texts`` cut into ``count`` footnote texts; ``starts`` says which line follows a bare mark."""
    if count <= 0 or not texts:
        return []
    if len(texts) <= count:
        return list(texts)
    longest = max(len(t) for t in texts)
    scored = []
    for index in range(1, len(texts)):
        line, before = texts[index], texts[index - 1]
        score = 0.0
        if starts[index]:
            score += 4
        if before.rstrip().endswith("."):
            score += 2
        if line[:1].isupper() or line[:1].isdigit() or line.startswith(("A/", "E/", "S/")):
            score += 1
        elif line[:1].islower() or line[:1] in "(–-,;.":
            score -= 4
        if len(before) < 0.8 * longest:
            score += 1
        scored.append((score, -index, index))
    cuts = sorted(index for _s, _i, index in sorted(scored, reverse=True)[:count - 1])
    entries, previous = [], 0
    for cut in [*cuts, len(texts)]:
        entries.append(_join(texts[previous:cut]))
        previous = cut
    return entries


def _join(lines: list[str]) -> str:
    text = ""
    for line in lines:
        if not text:
            text = line
        elif text.endswith("-") and not text.endswith(" -"):
            text += line
        else:
            text += " " + line
    return text


def _footnotes(zone: list[str]) -> list[tuple[str, str]]:
    """Return (mark, text) of the footnotes after a page's rule, however pdftotext ordered them."""
    stars: list[tuple[str, str]] = []
    marks: list[str] = []
    texts: list[str] = []
    starts: list[bool] = []
    after_mark = False
    for line in zone:
        line = line.strip()
        if not line or _anchor(line) or _RECYCLE.match(line) or _GLYPHS.match(line):
            continue
        starred = _STARRED.match(line)
        if starred:
            stars.append((starred.group(1), starred.group(2)))
            continue
        if stars and not marks and not texts and not _BARE_MARK.match(line) and not _MARK_TEXT.match(line) \
                and not TERMINAL.search(stars[-1][1]):
            stars[-1] = (stars[-1][0], _join([stars[-1][1], line]))
            continue
        if _BARE_MARK.match(line):
            marks.append(line)
            after_mark = True
            continue
        texts.append(line)
        starts.append(after_mark)
        after_mark = False
    if not marks:
        found: list[tuple[str, str]] = []
        for line in texts:
            match = _MARK_TEXT.match(line)
            if match:
                found.append((match.group("mark"), match.group("text")))
            elif found:
                found[-1] = (found[-1][0], _join([found[-1][1], line]))
        return stars + found
    ordered = sorted(dict.fromkeys(marks), key=lambda m: (m.isdigit(), int(m) if m.isdigit() else len(m)))
    return stars + list(zip(ordered, _group(texts, starts, len(ordered)), strict=False))


def _mark_position(text: str, mark: str, start: int) -> re.Match[str] | None:
    """Return the first place from ``start`` where ``mark`` stands in the body as a spaced footnote mark."""
    pattern = re.compile(rf"(?<=[^\s\d]) {mark}(?=[\s,;:)]|$)|(?<=,) {mark}(?=[a-z])|(?<=\d{{4}}) {mark}(?=[\s,;:)]|$)|\n{mark}(?= )")
    for match in pattern.finditer(text, start):
        before = text[:match.start()].rstrip()
        previous = before.rsplit(None, 1)[-1].lower() if before.split() else ""
        word = previous.strip("“”’\"'()[],;:.")
        if previous[-1:] not in ",;:.”’)" and (word in _TAKES_A_NUMBER or word in _MONTHS):
            continue
        if _UNIT_AFTER.match(text[match.end():match.end() + 16]):
            continue
        if match.group(0).startswith("\n") and not before.endswith((",", ";", ".", ":")):
            continue
        return match
    return None


def _residue_to_marks(lines: list[str]) -> list[str]:
    """Return the lines with Word's anchor residue ("0F" on its own line) as the mark it stands for (¹)."""
    out: list[str] = []
    for line in lines:
        if _WORD_ANCHOR.match(line):
            at = next((i for i in range(len(out) - 1, -1, -1) if out[i]), None)
            if at is not None:
                out[at] += str(int(line[:-1]) + 1).translate(_TO_SUPERSCRIPT)
            continue
        out.append(line)
    return out


def _superscript_marks(body: str, marks: list[str]) -> str:
    """Return the page body with its footnote marks written as superscripts glued to the word before."""
    position = 0
    for mark in marks:
        if not mark.isdigit():
            continue
        match = _mark_position(body, mark, position)
        if match is None:
            continue
        glued = mark.translate(_TO_SUPERSCRIPT)
        body = body[:match.start()] + glued + body[match.end():]
        position = match.start() + len(glued)
    return body


def undo_pdftotext(text: str) -> str:
    """Return pdftotext output rebuilt as page bodies and ruled footnote blocks the parser reads."""
    pages = [page.split("\n") for page in text.replace("\r\n", "\n").split(FORM_FEED)]
    layout = _is_layout(pages)
    title = _title_words(pages[0])
    bodies: list[list[str]] = []
    notes: list[list[tuple[str, str]]] = []
    for number, page in enumerate(pages):
        lines: list[str] = []
        for line in page:
            lines.extend(_split_cells(line, title) if layout else [line])
        lines = [line.strip() for line in lines]
        lines = _trim_page(lines, title, number == 0)
        if number == 0:
            lines = set_sponsors_apart(lines)
        rule = next((i for i, line in enumerate(lines) if is_separator(line)), None)
        zone = lines[rule + 1:] if rule is not None else []
        body = lines[:rule] if rule is not None else lines
        footnotes = _footnotes(zone)
        body = _residue_to_marks(body)
        body = _superscript_marks("\n".join(body), [m for m, _t in footnotes]).split("\n")
        bodies.append(body)
        notes.append(footnotes)
    bodies = mend_words(bodies, raw=not layout)
    out: list[str] = []
    for body, footnotes in zip(bodies, notes, strict=True):
        out.extend(body)
        if footnotes:
            out += ["", "__________________"]
            for mark, note in footnotes:
                out += [f"{mark} {note}", ""]
        out += ["", FORM_FEED, ""]
    return "\n".join(break_before_openers(place_numbers(out)))
