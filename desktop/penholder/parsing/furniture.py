"""Page furniture: running heads, job numbers, page numbers, "Please recycle", "Distr." lines.

``strip_furniture`` removes them from the normalized lines and leaves a ``PAGE_BREAK`` where a page
head or foot stood, so that the paragraph builder can join a paragraph split across pages.
"""

from __future__ import annotations

import re

from penholder.parsing.normalize import PAGE_BREAK

# A document symbol standing alone on a line (a running head): A/RES/78/199, A/C.3/80/L.35, S/RES/2720 (2023).
SYMBOL_LINE = re.compile(r"^(?:[A-Z]{1,6}/)+[A-Za-z0-9.()/ -]*\d[A-Za-z0-9.()/-]*(?:\s*\(\d{4}\))?\*?$")
_JOB_NUMBER = re.compile(r"^(?:GE\.\S*\s*)?\d{1,2}-\d{5}\s*(?:\([A-Z]\))?(?:\s+\d{6})?(?:\s+\d{6})?\s*\*?$")
_JOB_ANYWHERE = re.compile(r"(?:\bGE\.\d{2}-\d{5}|\b\d{2}-\d{5}\s*\([A-Z]\))")
_BARCODE = re.compile(r"^\*\s?\d{6,}\s?\*$")
_PAGE_NUMBER = re.compile(r"^(?:\d{1,3}\s*/\s*\d{1,3}|Page \d+(?: of \d+)?|-\s*\d{1,3}\s*-)$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_ALWAYS = re.compile(
    r"^(?:Please recycle\s*\S?|\S?\s*Please recycle|Distr\.?:?\s*(?:General|Limited|Restricted)?"
    r"|Original:\s*\w+|GE\.\S*.*|(?-i:\(E\))|\d{6}|(?:\*\s*){3})$",
    re.IGNORECASE,
)
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_RECYCLE = re.compile(r"\s*Please recycle\s*\S?")
_SEPARATOR = re.compile(r"^[_\u2014\u2013-]{5,}$")


def is_separator(line: str) -> bool:
    """Return whether ``line`` is the rule that opens a page's footnotes."""
    return bool(_SEPARATOR.match(line))


def is_anchor(line: str) -> bool:
    """Return whether ``line`` is certainly page furniture (job number, page number, symbol head …)."""
    return bool(
        _JOB_NUMBER.match(line)
        or _BARCODE.match(line)
        or _PAGE_NUMBER.match(line)
        or _ALWAYS.match(line)
        or SYMBOL_LINE.match(line)
    )


def _words(text: str) -> str:
    return _NOT_WORD.sub(" ", text.lower()).strip()


def strip_furniture(lines: list[str], title: str | None = None, symbol: str | None = None) -> list[str]:
    """Return ``lines`` without page furniture; a removed page head or foot leaves ``PAGE_BREAK``.

    ``title`` and ``symbol`` are the document's own: a running head repeats them.
    """
    title_words = f" {_words(title)} " if title else ""
    furniture = [False] * len(lines)
    for index, line in enumerate(lines):
        if line in ("", PAGE_BREAK):
            continue
        if is_anchor(line) or (symbol and line.endswith(" " + symbol) and len(line) < 100):
            furniture[index] = True
    # Around each anchor: bare page numbers and running-title lines belong to the same page head.
    for index, line in enumerate(lines):
        if not furniture[index] or _ALWAYS.match(line):
            continue
        for step in (-1, 1):
            seen = 0
            crossed_blank = False
            probe = index + step
            while 0 <= probe < len(lines) and seen < 4:
                other = lines[probe]
                if furniture[probe]:
                    probe += step
                    continue
                if other in ("", PAGE_BREAK):
                    # a running title touches its anchor; past a blank line only a page number may follow
                    crossed_blank = True
                    probe += step
                    continue
                seen += 1
                words = _words(other)
                if _BARE_NUMBER.match(other) or (
                    not crossed_blank and title_words and words and f" {words} " in title_words
                ):
                    furniture[probe] = True
                    probe += step
                    continue
                break
    result: list[str] = []
    for index, line in enumerate(lines):
        if furniture[index]:
            if result and result[-1] != PAGE_BREAK:
                if result[-1] == "":
                    result[-1] = PAGE_BREAK
                else:
                    result.append(PAGE_BREAK)
            continue
        if line == "" and result and result[-1] == PAGE_BREAK:
            continue
        if "-" in line and _JOB_ANYWHERE.search(line):
            line = _JOB_ANYWHERE.sub(" ", line).strip() or PAGE_BREAK
        if "recycle" in line:
            line = _RECYCLE.sub(" ", line).strip() or PAGE_BREAK
        result.append(line)
    return result
