"""Rebuild a resolution's text from the positioned text runs of a PDF (no PDF library here).

The runs come from ``pypdf``'s ``extract_text(visitor_text=…)``: text, position, size and font name.
From them this module drops page furniture (running heads, page numbers ``2/4``, job numbers, barcodes,
"Please recycle") by position and pattern, separates the footnotes (smaller type under the ``___`` rule)
keeping their marks, marks the italic lead of each paragraph as ``*Lead*``, and joins paragraphs that
cross a page. The result is plain text the parser reads: one paragraph per block, blank lines between
blocks, footnote marks as superscript digits, the footnotes at the end as ``¹ text``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from penholder.readers.marks import footnote_lines, render_pieces, split_glued_marks

_JOB_NUMBER = re.compile(r"^(GE\.)?\d{2}-\d{4,6}\s*(\(E\))?[\s\d]*$")
_PAGE_NUMBER = re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$|^\d{1,3}$")
_RECYCLE = re.compile(r"please\s+recycle", re.IGNORECASE)
_RULE = re.compile(r"^_{5,}$")

# Runs smaller than this share of the body size are footnote marks when raised above a line
# (UN PDFs: marks 6.5 pt and 5.5 pt against a 10 pt body, footnote text 8.5 pt).
_SUPERSCRIPT_RATIO = 0.78


@dataclass
class TextRun:
    """One run of text on a page: position (PDF points, origin bottom-left), size and font."""

    x: float
    y: float
    size: float
    font: str
    text: str

    @property
    def italic(self) -> bool:
        """Return True when the run is set in an italic or oblique face."""
        name = self.font.lower()
        return "italic" in name or "oblique" in name

    @property
    def bold(self) -> bool:
        """Return True when the run is set in a bold face."""
        return "bold" in self.font.lower()

    @property
    def blank(self) -> bool:
        """Return True when the run has no visible text."""
        return not self.text.strip()


@dataclass
class PageRuns:
    """The text runs of one page and the page's size."""

    width: float
    height: float
    runs: list[TextRun] = field(default_factory=list)


@dataclass
class _Piece:
    text: str
    italic: bool
    superscript: bool
    x: float = 0.0


@dataclass
class _Line:
    page: int
    y: float
    x: float  # first visible run
    size: float
    bold: bool
    pieces: list[_Piece]

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


@dataclass
class LayoutResult:
    """The rebuilt text and what was learnt on the way."""

    text: str
    body_size: float
    margin: float
    footnotes: list[tuple[str, str]]
    dropped: list[str]


def rebuild_text(pages: list[PageRuns]) -> LayoutResult:
    """Return the resolution's text rebuilt from the runs of its pages (furniture out, footnotes last)."""
    sizes = Counter()
    for page in pages:
        for run in page.runs:
            sizes[round(run.size, 1)] += len(run.text.strip())
    run_body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    # A run this much smaller than the body text is a footnote mark when raised above a line.
    superscript_below = _SUPERSCRIPT_RATIO * run_body_size
    lines_by_page = [_page_lines(index, page, superscript_below) for index, page in enumerate(pages)]
    all_lines = [line for lines in lines_by_page for line in lines]
    body_size = _dominant_size(all_lines)
    margin = _body_margin(all_lines, body_size)
    body: list[_Line] = []
    notes: list[list[str]] = []  # [mark, text]
    dropped: list[str] = []
    for index, lines in enumerate(lines_by_page):
        page = pages[index]
        kept = []
        for line in lines:
            if _is_furniture(line, index, page, body_size):
                dropped.append(line.text.strip())
            else:
                kept.append(line)
        notes_from = _unruled_notes_start(kept, body_size, margin)
        in_notes = False
        for position, line in enumerate(kept):
            if _RULE.match(line.text.strip()):
                in_notes = True
                continue
            in_notes = in_notes or position == notes_from
            if in_notes and line.size < body_size - 0.6:
                _add_note_line(notes, line, margin)
                continue
            in_notes = False
            body.append(line)
    blocks = _blocks(body, body_size, margin)
    footnotes = [(mark, _clean(text)) for mark, text in notes if mark or text.strip()]
    marks = {mark for mark, _ in footnotes}
    parts = [split_glued_marks(b, marks) for b in blocks if b] + footnote_lines(footnotes)
    return LayoutResult("\n\n".join(parts) + "\n", body_size, margin, footnotes, dropped)


def _page_lines(page_index: int, page: PageRuns, superscript_below: float) -> list[_Line]:
    """Group a page's runs into lines, top to bottom, superscript marks attached to their line."""
    visible = [r for r in page.runs if r.text and "barcode" not in r.font.lower()]
    normal = [r for r in visible if r.size >= superscript_below]
    small = [r for r in visible if r.size < superscript_below]
    rows: list[list[TextRun]] = []
    for run in sorted(normal, key=lambda r: (-r.y, r.x)):
        if rows and abs(rows[-1][0].y - run.y) <= 2.0:
            rows[-1].append(run)
        else:
            rows.append([run])
    marks: set[int] = set()
    for run in small:
        if run.blank:
            continue
        best = None
        for row in rows:
            rise = run.y - row[0].y
            raised = 0.5 <= rise <= 5.5 and any(not r.blank for r in row)
            if raised and (best is None or rise < best[0]):
                best = (rise, row)
        if best is not None:
            best[1].append(run)
            marks.add(id(run))
        else:
            rows.append([run])
    rows.sort(key=lambda row: -row[0].y)
    lines: list[_Line] = []
    for row in rows:
        for segment in _segments(sorted(row, key=lambda r: r.x)):
            line = _make_line(page_index, segment, marks)
            if line is not None:
                lines.append(line)
    return lines


def _segments(row: list[TextRun]) -> list[list[TextRun]]:
    """Split a row where a wide gap separates two columns (masthead, running heads)."""
    segments: list[list[TextRun]] = [[]]
    end = None
    for run in row:
        if end is not None and run.x - end > 40 and segments[-1]:
            segments.append([])
        segments[-1].append(run)
        # Overestimate widths (0.55 em per character) so that justified text is never split.
        run_end = run.x + 0.55 * run.size * len(run.text)
        end = run_end if end is None else max(end, run_end)
    return segments


def _make_line(page_index: int, runs: list[TextRun], marks: set[int]) -> _Line | None:
    visible = [r for r in runs if not r.blank]
    if not visible:
        return None
    main = [r for r in visible if id(r) not in marks] or visible
    sizes = Counter()
    bold = 0
    for run in main:
        sizes[round(run.size, 1)] += len(run.text.strip())
        bold += len(run.text.strip()) if run.bold else -len(run.text.strip())
    pieces: list[_Piece] = []
    end = None
    previous_size = 0.0
    for run in runs:
        text = run.text.replace("\n", " ")
        gap = run.x - end if end is not None else 0.0
        if gap > 0.25 * max(run.size, previous_size) and pieces and not pieces[-1].text[-1:].isspace() and not text[:1].isspace() \
                and id(run) not in marks:
            pieces.append(_Piece(" ", run.italic and pieces[-1].italic, False, end))  # a tab or a wide gap
        pieces.append(_Piece(text, run.italic, id(run) in marks, run.x))
        end = max(end or 0.0, run.x + _width(text, run.size))
        previous_size = run.size
    return _Line(page_index, main[0].y, visible[0].x, sizes.most_common(1)[0][0], bold > 0, pieces)


def _width(text: str, size: float) -> float:
    """Return a generous estimate of a run's width: only a clear gap after it counts as a space."""
    return size * sum(0.75 if ch.isupper() else 0.55 for ch in text)


def _dominant_size(lines: list[_Line]) -> float:
    sizes = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _body_margin(lines: list[_Line], body_size: float) -> float:
    """Return the left edge of the text block: the most common start of body-size lines."""
    starts = Counter(round(line.x) for line in lines if abs(line.size - body_size) < 0.6)
    if not starts:
        return 72.0
    most = max(starts.values())
    return float(min(x for x, count in starts.items() if count == most))  # ties: the leftmost


def _is_furniture(line: _Line, page_index: int, page: PageRuns, body_size: float) -> bool:
    """Return True for running heads and feet, page and job numbers, barcodes, "Please recycle"."""
    text = line.text.strip()
    if _RECYCLE.search(text):
        return True
    if _JOB_NUMBER.match(text) and len(text) <= 40:
        return True
    bottom = 0.075 * page.height
    if line.y < bottom:
        return True
    if line.y < 0.1 * page.height and _PAGE_NUMBER.match(text):
        return True
    running_head = line.y > page.height - 0.1 * page.height and line.size < body_size - 0.6
    return page_index > 0 and running_head


def _unruled_notes_start(lines: list[_Line], body_size: float, margin: float) -> int | None:
    """Return where the footnotes start on a page whose rule is drawn, not typed (no ``___`` line).

    They are the smaller type after the page's last body-size line, opening with a mark: a
    superscript or a short token hanging left of the text block.
    """
    if any(_RULE.match(line.text.strip()) for line in lines):
        return None
    body_lines = [i for i, line in enumerate(lines) if abs(line.size - body_size) < 0.6]
    start = body_lines[-1] + 1 if body_lines else 0
    if start >= len(lines) or lines[start].size >= body_size - 0.6:
        return None
    first = next((p for p in lines[start].pieces if p.text.strip()), None)
    if first is None:
        return None
    hanging = lines[start].x < margin - 2 and len(first.text.strip()) <= 3
    return start if first.superscript or hanging else None


def _add_note_line(notes: list[list[str]], line: _Line, margin: float) -> None:
    """Start a footnote at a hanging or superscript mark, else continue the last one (even across pages)."""
    pieces = line.pieces
    first = next((i for i, p in enumerate(pieces) if p.text.strip()), None)
    if first is None:
        return
    if pieces[first].superscript:
        marks = [p.text.strip() for p in pieces[first:] if p.superscript and p.text.strip()]
        rest = [p.text for p in pieces[first:] if not p.superscript]
        notes.append(["".join(marks[:1]), "".join(rest)])
    elif line.x < margin - 2:
        token, _, rest = pieces[first].text.strip().partition(" ")
        notes.append([token, rest + "".join(p.text for p in pieces[first + 1:])])
    elif notes:
        notes[-1][1] = _join(notes[-1][1], line.text)
    else:
        notes.append(["", line.text])


def _blocks(lines: list[_Line], body_size: float, margin: float) -> list[str]:
    """Group body lines into paragraphs and headings; return each as one line of text."""
    blocks: list[list[_Line]] = []
    previous: _Line | None = None
    for line in lines:
        if previous is None or _starts_block(previous, line, margin):
            blocks.append([line])
        else:
            blocks[-1].append(line)
        previous = line
    return [_block_text(block) for block in blocks]


def _starts_block(previous: _Line, line: _Line, margin: float) -> bool:
    if abs(previous.size - line.size) > 0.8 or previous.bold != line.bold:
        return True
    if line.x > margin + 6:
        return True  # first-line indent, right-hand block, centred or right-aligned line
    if (line.x < margin - 6) != (_text_x(previous, margin) < margin - 6):
        return True  # from the left-hand session block to the text block or back
    spaced = previous.y - line.y > 1.55 * max(line.size, previous.size)
    return line.page == previous.page and spaced


def _text_x(line: _Line, margin: float) -> float:
    """Return where a line's text starts, past a number hanging in the margin (``78/199.``)."""
    hanging = "".join(p.text for p in line.pieces if p.x < margin - 6).strip()
    rest = [p for p in line.pieces if p.x >= margin - 6 and p.text.strip()]
    if rest and re.fullmatch(r"\d{1,4}(/\d{1,4})?\.", hanging):
        return rest[0].x
    return line.x


def _block_text(block: list[_Line]) -> str:
    """Return a block's text with its leading italic span marked ``*…*`` and marks as superscripts."""
    pieces: list[_Piece] = []
    for index, line in enumerate(block):
        if index:
            last = "".join(p.text for p in pieces).rstrip()
            hyphen = last.endswith("-") and not last.endswith(" -")
            # Drop the trailing spaces of the previous line, then join (a line-end hyphen is real).
            while pieces and not pieces[-1].text.strip():
                pieces.pop()
            if pieces:
                pieces[-1] = _Piece(pieces[-1].text.rstrip(), pieces[-1].italic, pieces[-1].superscript)
            if not hyphen:
                pieces.append(_Piece(" ", pieces[-1].italic if pieces else False, False))
        pieces.extend(line.pieces)
    return _render(pieces)


def _render(pieces: list[_Piece]) -> str:
    return _clean(render_pieces((piece.text, piece.italic, piece.superscript) for piece in pieces))


def _join(left: str, right: str) -> str:
    left = left.rstrip()
    if left.endswith("-") and not left.endswith(" -"):
        return left + right.lstrip()
    return f"{left} {right.lstrip()}"


def _clean(text: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()
