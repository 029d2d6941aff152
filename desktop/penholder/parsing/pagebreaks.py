"""Page breaks put back into text copied out of a PDF viewer, so that it reads as pdftotext output.

A viewer's copy of a UN PDF is pdftotext's text without the form feeds: each page still opens with
its running head (the symbol on a line of its own, the running title beside it) after the foot of
the page before (the job number, "2/4", the barcode). ``restore_page_breaks`` finds those heads and
sets a form feed before each. It leaves alone text whose paragraphs are set apart by blank lines
(a clean or PyMuPDF text, which the parser reads as it is) and text with form feeds already.
"""

from __future__ import annotations

import re

from penholder.parsing.furniture import SYMBOL_LINE, is_anchor
from penholder.parsing.metadata import ORGAN

FORM_FEED = "\f"
_CELLS = re.compile(r" {3,}")
_ENDS = re.compile(r"[,;:][”’\"')]*$")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _words(text: str) -> list[str]:
    return _NOT_WORD.sub(" ", text.lower()).split()


def blank_after_paragraph_ends(lines: list[str]) -> float:
    """Return the share of lines ending with "," ";" ":" that a blank line follows."""
    ends = [i for i, line in enumerate(lines[:-1]) if _ENDS.search(line.rstrip())]
    if not ends:
        return 1.0
    return sum(1 for i in ends if not lines[i + 1].strip()) / len(ends)


def _own_symbol(lines: list[str]) -> str | None:
    for line in lines[:12]:
        for cell in _CELLS.split(line.strip()):
            if SYMBOL_LINE.match(cell) and "/" in cell:
                return cell.rstrip("*")
    return None


def _head_at(line: str, symbol: str) -> bool:
    return symbol in [cell.rstrip("*") for cell in _CELLS.split(line.strip())]


def restore_page_breaks(text: str) -> str | None:
    """Return ``text`` with a form feed before each page's running head, or ``None`` if it has none."""
    if FORM_FEED in text:
        return None
    lines = text.split("\n")
    symbol = _own_symbol(lines)
    if symbol is None or blank_after_paragraph_ends(lines) > 0.3:
        return None
    heads = [i for i, line in enumerate(lines) if i > 12 and _head_at(line, symbol)]
    if not heads:
        # one page: its foot (the job number, "1/1") closes the text
        foot = [line for line in lines if line.strip()][-14:]
        if any(is_anchor(cell) for line in foot for cell in _CELLS.split(line.strip())):
            return text + "\n" + FORM_FEED
        return None
    organ = next((i for i, line in enumerate(lines) if ORGAN.match(line.strip())), 40)
    title = set()
    for line in lines[:organ]:
        title.update(w for w in _words(line) if not w.isdigit())
    starts = []
    for head in heads:
        start = head
        # the running title may stand just before the symbol: walk back over it to the page foot
        probe = head - 1
        while probe > 0 and head - probe <= 4:
            line = lines[probe].strip()
            if not line:
                probe -= 1
                continue
            words = set(_words(line))
            if any(is_anchor(cell) for cell in _CELLS.split(line)) or not words or not words <= title:
                break
            start = probe
            probe -= 1
        starts.append(start)
    out: list[str] = []
    previous = 0
    for start in starts:
        out.extend(lines[previous:start])
        out.append(FORM_FEED)
        previous = start
    out.extend(lines[previous:])
    return "\n".join(out) + "\n" + FORM_FEED
