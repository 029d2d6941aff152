"""Files holding several resolutions: cut a text at each resolution's own header, or say it cannot be done.

A second organ line ("The General Assembly,") alone is no proof of a second resolution: parts A and B
of one resolution each open with it. A new resolution is recognised by a header line between the end
of the previous body and the next organ line: another symbol (``A/RES/78/12``, ``A/80/L.5``), a
numbered title (``67/169. Enhancement of …``) or "Resolution adopted by …". The cut is made at that
header (or the "United Nations" line just above it), so each part keeps its own footnotes and the
parser reads each part as the file it once was. The cut is made in the parser's normalized lines
(Markdown runs split apart, italics written back as ``*…*``).
"""

from __future__ import annotations

import re

from penholder.parsing.metadata import ORGAN
from penholder.parsing.normalize import ITALIC_CLOSE, ITALIC_OPEN, strip_italics, to_lines

_SYMBOL_LINE = re.compile(r"^(A/(?:HRC/)?RES/\d+/\d+|A/(?:HRC/|C\.\d/)?\d+/L\.\d+(?:/Rev\.\d+)?)\b(?!/)")
_NUMBERED_TITLE = re.compile(r"^\d{1,3}/\d{1,4}\.(?:\s+\S|$)")
_ADOPTED_BY = re.compile(r"^(?:Resolution adopted by|Draft resolution submitted by)\b", re.IGNORECASE)
_BODY_END = re.compile(r"^(?:\d{1,4}(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?(?:[Pp]lenary\s+)?[Mm]eeting\b"
                       r"|\[?Adopted (?:by|without|at)\b)")


def _plain(line: str) -> str:
    return strip_italics(line).strip()


def _is_organ(line: str) -> bool:
    return len(line) < 90 and bool(ORGAN.match(line))


# A cheap look first: most files name an organ ("The General Assembly,") once.
_ORGAN_ANYWHERE = re.compile(r"The\s+(?:[A-Z][\w’'-]*\s+|(?:of|on|and|for|the|to)\s+){0,8}?"
                             r"(?:Assembly|Council|Conference|Commission|Committee|Board|Meeting|Parties|Forum)"
                             r"\W{0,3},")


def split_resolutions(text: str) -> list[str]:
    """Return the text of each resolution in ``text`` (just ``[text]`` when it holds one)."""
    found = _ORGAN_ANYWHERE.finditer(text)
    if next(found, None) is None or next(found, None) is None:
        return [text]
    lines = to_lines(text)  # the parser's own lines: an organ line inside a Markdown run counts too
    plain = [_plain(line) for line in lines]
    organs = [i for i, line in enumerate(plain) if _is_organ(line)]
    if len(organs) < 2:
        return [text]
    symbol = next((m.group(1) for line in plain[:organs[0]] if (m := _SYMBOL_LINE.match(line))), None)
    cuts: list[int] = []
    for previous, following in zip(organs, organs[1:], strict=False):
        region_start = next((i for i in range(previous + 1, following) if _BODY_END.match(plain[i])), previous)
        cut = None
        for index in range(region_start + 1, following):
            line = plain[index]
            found = _SYMBOL_LINE.match(line)
            if (found and found.group(1) != symbol) or _NUMBERED_TITLE.match(line) or _ADOPTED_BY.match(line):
                cut = index
                break
        if cut is None:
            continue  # the next organ line opens a part (A, B …) of the same resolution
        for above in range(cut - 1, max(region_start, cut - 4), -1):
            if plain[above] == "United Nations":
                cut = above
                break
        cuts.append(cut)
        symbol = next((m.group(1) for line in plain[cut:following] if (m := _SYMBOL_LINE.match(line))), None)
    if not cuts:
        return [text]
    bounds = [0, *cuts, len(lines)]
    return [_as_text(lines[start:end]) for start, end in zip(bounds, bounds[1:], strict=False)]


def _as_text(lines: list[str]) -> str:
    """Return normalized lines as text the parser reads to the same lines (italics as ``*…*`` again)."""
    return "\n".join(lines).replace(ITALIC_OPEN, "*").replace(ITALIC_CLOSE, "*")
