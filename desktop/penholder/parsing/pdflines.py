"""Lines that pdftotext sets apart from their paragraph, put back: operative numbers, starts, sponsors.

In older layouts the operative number stands in the margin, and pdftotext gives it a line of its own
after the paragraph's first line ("Urges … order" / "4." / "based on …") or, for the last paragraph,
ahead of its last line ("17." / "session." / "Decides to continue … eightieth"). ``place_numbers``
puts them back, ``break_before_openers`` marks where a preambular paragraph starts when its lines run
on without a blank line, ``set_sponsors_apart`` gives a draft's sponsors line its own header chunk.
"""

from __future__ import annotations

import re

from penholder.parsing import lexicon
from penholder.parsing.footnotes import SUPERSCRIPTS
from penholder.parsing.furniture import is_anchor
from penholder.parsing.metadata import ORGAN

OPERATIVE_ALONE = re.compile(r"^(\d{1,3})\.$")
TERMINAL = re.compile(rf"[,;:.?][”’\"')\]]*[{SUPERSCRIPTS}*]*(?: \d{{1,3}})?$")


def _text_index(lines: list[str], start: int, step: int) -> int | None:
    index = start
    while 0 <= index < len(lines):
        if lines[index].strip() and not is_anchor(lines[index].strip()):
            return index
        index += step
    return None


def _opens_here(lines: list[str], index: int) -> bool:
    """Return whether the line at ``index`` may open a paragraph: a capital after a line that ended one."""
    line = lines[index].strip()
    if not line.lstrip("“\"")[:1].isupper() or TERMINAL.search(line) and len(line) < 20:
        return False
    before = _text_index(lines, index - 1, -1)
    if before is not None and OPERATIVE_ALONE.match(lines[before].strip()):
        return False  # the paragraph has its number already
    return before is None or bool(TERMINAL.search(lines[before].strip())) or lexicon.is_operative_opening(line)


def _after_an_end(lines: list[str], index: int) -> bool:
    """Return whether the text line before ``index`` ended a paragraph or heading (a numbering may restart)."""
    before = _text_index(lines, index - 1, -1)
    return before is None or bool(TERMINAL.search(lines[before].strip())) or len(lines[before].strip()) < 60


_BODY_END = re.compile(r"^\d{1,4}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting$|^\[?Adopted\b")
_INLINE_NUMBER = re.compile(r"^(\d{1,3})\.\s+[A-Z]")


def place_numbers(lines: list[str]) -> list[str]:
    """Put an operative number that stands on its own line back at the start of its paragraph."""
    lines = list(lines)
    index = 0
    last = 0
    while index < len(lines):
        stripped = lines[index].strip()
        alone = OPERATIVE_ALONE.match(stripped)
        inline = _INLINE_NUMBER.match(stripped)
        if inline and (int(inline.group(1)) == last + 1 or int(inline.group(1)) == 1 and _after_an_end(lines, index)):
            last = int(inline.group(1))
        if not alone:
            index += 1
            continue
        value = int(alone.group(1))
        after = _text_index(lines, index + 1, 1)
        before = _text_index(lines, index - 1, -1)
        if after is None or not (value == last + 1 or value == 1 and _after_an_end(lines, index)):
            index += 1
            continue
        last = value
        following = lines[after].strip()
        if following[:1].islower() and before is not None and _opens_here(lines, before):
            # "Urges all actors … order" / "4." / "based on inclusion …": the number belongs before
            number = lines.pop(index)
            lines.insert(before, number)
            index += 1
            continue
        if following[:1].islower() and TERMINAL.search(following):
            # "17." / "session." / "Decides to continue … at its eightieth": the last line went first
            opener = _text_index(lines, after + 1, 1)
            if opener is not None and lines[opener].strip().lstrip("“\"")[:1].isupper():
                end = opener
                while end + 1 < len(lines) and lines[end + 1].strip() and not _BODY_END.match(lines[end + 1].strip()):
                    end += 1
                tail = lines.pop(after)  # a paragraph never opens in lower case: the line is its last
                lines.insert(end, tail)
        index += 1
    return lines


_GERUND_THEN_NUMBER = re.compile(r"^[A-Z][a-z]+ing \d")  # "Marking 30 years since …"
_RUNS_ON = frozenset("the of and for to in on by with a an or at from as its their that which".split())


def _may_end(line: str) -> bool:
    """Return whether an unpunctuated line may still end a paragraph: not in a name, not on "the"."""
    last = line.rstrip(SUPERSCRIPTS + "*").split()[-1:] or [""]
    word = last[0].strip("”’\"')")
    return bool(word) and not word[:1].isupper() and word.lower() not in _RUNS_ON


def break_before_openers(lines: list[str]) -> list[str]:
    """Set a blank line where a preambular paragraph starts: an opener after a line that ended one.

    A paragraph may end without its comma ("… Agency for 2022" / "Taking note of …"): a listed opener
    starts a paragraph even so; after a short line that ends with punctuation, a line shaped like an
    opener ("Being gravely concerned") starts one too.
    """
    organ = next((i for i, line in enumerate(lines) if ORGAN.match(line.strip())), None)
    lengths = sorted(len(line) for line in lines if len(line) > 40)
    if organ is None or len(lengths) < 10:
        return lines
    usual = lengths[len(lengths) // 2]
    out = lines[:organ + 1]
    for index in range(organ + 1, len(lines)):
        line = lines[index].strip()
        if OPERATIVE_ALONE.match(line) or _INLINE_NUMBER.match(line):
            return out + lines[index:]
        previous = out[-1].strip() if out else ""
        if previous and line and index - 1 > organ and not lexicon.is_operative_opening(line):
            ended = TERMINAL.search(previous)
            if (not ended and lexicon.is_preambular_opening(line) and _may_end(previous)) or (
                    ended and (len(previous) < 0.8 * usual or previous.endswith(",")) and lexicon.looks_like_opening(line)) \
                    or (previous.endswith(",") and _GERUND_THEN_NUMBER.match(line) and lexicon.preambular_lead(line)):
                out.append("")
        out.append(lines[index])
    return out


_DRAFT_KIND = re.compile(r"\b(?:[Dd]raft|[Rr]evised draft)\s+(?:resolution|decision)\*?$")
_NAMES = re.compile(r"^(?:[A-Z][\w’'()-]*(?:\s+(?:[A-Z(][\w’'()-]*|of|the|and|de|del|and the))*,?\s*)+$")


def set_sponsors_apart(lines: list[str]) -> list[str]:
    """Return a first page whose sponsors line ("Cuba:* draft resolution") stands as its own header chunk."""
    organ = next((i for i, line in enumerate(lines) if ORGAN.match(line)), None)
    if organ is None:
        return lines
    at = next((i for i in range(organ) if _DRAFT_KIND.search(lines[i])), None)
    if at is None:
        return lines
    start = at
    while start > 0 and lines[start - 1] and "," in lines[start - 1] and _NAMES.match(lines[start - 1]):
        start -= 1
    return [*lines[:start], "", *lines[start:at + 1], "", *lines[at + 1:]]
