"""Compare where body lines end in two PDFs (the official one and our DOCX rendered by LibreOffice).

Words and their boxes come from poppler's ``pdftotext -bbox``; the body is the text inside the text
block, from the organ line on, whose word boxes have the body's height (the commonest height in the
document: footnotes, marks, running heads and headings are smaller or larger; the height depends on
the font's metrics, Times New Roman 11.0 and Liberation Serif 13.0 for 10 pt). The two texts are aligned letter by letter with difflib (letters and
digits only, so that a word split in two boxes or a lone comma does not matter), and a line end of
the official PDF matches when a line of ours ends after the same letter.
"""

from __future__ import annotations

import collections
import difflib
import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@dataclass(frozen=True)
class Word:
    """A word on a PDF page with its box, in points from the top left."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        """Return the height of the word's box (about 1.1 x its font size)."""
        return self.y1 - self.y0


def pdftotext() -> str | None:
    """Return poppler's pdftotext, or ``None`` when it is not installed."""
    return shutil.which("pdftotext")


def pdf_words(pdf: Path) -> list[Word]:
    """Return every word of ``pdf`` with its page and box."""
    tool = pdftotext()
    if tool is None:
        raise RuntimeError("pdftotext (poppler) is not installed")
    out = subprocess.run([tool, "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True,
                         timeout=120).stdout
    words: list[Word] = []
    for number, page in enumerate(out.split("<page ")[1:], start=1):
        for x0, y0, x1, y1, text in _WORD.findall(page):
            words.append(Word(number, float(x0), float(y0), float(x1), float(y1), html.unescape(text)))
    return words


def page_count(pdf: Path) -> int:
    """Return the number of pages of ``pdf``."""
    tool = pdftotext()
    out = subprocess.run([tool, "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True,
                         timeout=120).stdout
    return out.count("<page ")


def body_lines(words: list[Word], text_left: float, text_right: float) -> list[list[Word]]:
    """Return the body's lines (10-pt words in the text block, from the organ line on), in reading order."""
    if not words:
        return []
    body_height = collections.Counter(round(w.height, 1) for w in words).most_common(1)[0][0]
    body = [w for w in words if abs(w.height - body_height) < 0.25]
    lines: list[list[Word]] = []
    for word in body:
        last = lines[-1][-1] if lines else None
        if last and last.page == word.page and abs(last.y0 - word.y0) < 2 and word.x0 > last.x0:
            lines[-1].append(word)
        else:
            lines.append([word])
    # a line reaching outside the text block is furniture (job number, session block), not body
    lines = [line for line in lines if line[0].x0 >= text_left - 2 and line[-1].x1 <= text_right + 2]
    organ = next((i for i, line in enumerate(lines)
                  if " ".join(w.text for w in line).startswith(("The General Assembly", "The Human Rights"))),
                 0)
    return lines[organ:]


def _letters(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


@dataclass(frozen=True)
class LineEnds:
    """How many of the official body lines end at the same place in ours."""

    matched: int
    official: int
    ours: int

    @property
    def percent(self) -> float:
        """Return the share of official line ends matched, in percent."""
        return 100.0 * self.matched / self.official if self.official else 0.0


def _stream(lines: list[list[Word]]) -> tuple[str, dict[int, int]]:
    """Return the body's letters and {offset of a line's last letter: line index}."""
    letters: list[str] = []
    ends: dict[int, int] = {}
    size = 0
    for index, line in enumerate(lines):
        text = _letters("".join(w.text for w in line))
        if not text:
            continue
        letters.append(text)
        size += len(text)
        ends[size - 1] = index
    return "".join(letters), ends


def matched_ends(official: list[list[Word]], ours: list[list[Word]]) -> list[tuple[int, int | None]]:
    """Return (official line index, our line index ending at the same letter or ``None``) per official line."""
    official_text, official_ends = _stream(official)
    our_text, our_ends = _stream(ours)
    mapping: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, official_text, our_text, autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            mapping[block.a + offset] = block.b + offset
    return [(line, our_ends.get(mapping.get(end, -1))) for end, line in official_ends.items()]


def compare_line_ends(official: list[list[Word]], ours: list[list[Word]]) -> LineEnds:
    """Return how many official line ends fall after the same letter in ``ours``."""
    pairs = matched_ends(official, ours)
    return LineEnds(sum(1 for _, line in pairs if line is not None), len(pairs), len(_stream(ours)[1]))


@dataclass(frozen=True)
class Rule:
    """A horizontal rule drawn on a page: from x0 to x1 at height y (points from the bottom), its weight."""

    page: int
    x0: float
    x1: float
    y: float
    weight: float


def rules(pdf: Path) -> list[Rule]:
    """Return the horizontal rules of every page: thin filled rectangles and stroked lines, joined.

    Word's PDFs draw a rule as filled rectangles (broken where text crosses), LibreOffice's as one
    stroked line; pieces at one height are joined into one rule.
    """
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    found: list[Rule] = []
    for number, page in enumerate(PdfReader(str(pdf)).pages, start=1):
        pieces: list[tuple[float, float, float, float]] = []
        ctm, stack, width, start = [1.0, 0, 0, 1.0, 0, 0], [], 1.0, None
        for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
            op = operator.decode() if isinstance(operator, bytes) else operator
            if op == "q":
                stack.append((list(ctm), width))
            elif op == "Q" and stack:
                ctm, width = stack.pop()
            elif op == "cm":
                a, b, c, d, e, f = (float(v) for v in operands)
                A, B, C, D, E, F = ctm
                ctm = [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E,
                       e * B + f * D + F]
            elif op == "w":
                width = float(operands[0])
            elif op == "re":
                x, y, w, h = (float(v) for v in operands)
                x0, y0 = ctm[0] * x + ctm[4], ctm[3] * y + ctm[5]
                w, h = w * ctm[0], h * ctm[3]
                if abs(h) < 3 and abs(w) > 3:
                    pieces.append((min(x0, x0 + w), max(x0, x0 + w), y0 + h / 2, abs(h)))
            elif op == "m":
                start = [float(v) for v in operands]
            elif op == "l" and start:
                x, y = (float(v) for v in operands)
                y0, y1 = ctm[3] * start[1] + ctm[5], ctm[3] * y + ctm[5]
                x0, x1 = ctm[0] * start[0] + ctm[4], ctm[0] * x + ctm[4]
                if abs(y1 - y0) < 0.01 and abs(x1 - x0) > 3:
                    pieces.append((min(x0, x1), max(x0, x1), y0, width * abs(ctm[3])))
        pieces.sort(key=lambda p: (round(p[2], 0), p[0]))
        for x0, x1, y, weight in pieces:
            last = found[-1] if found and found[-1].page == number else None
            if last and abs(last.y - y) < 0.6 and x0 - last.x1 < 20 and abs(last.weight - weight) < 0.2:
                found[-1] = Rule(number, last.x0, max(last.x1, x1), last.y, last.weight)
            else:
                found.append(Rule(number, x0, x1, y, weight))
    return found
