"""Paragraphs: joining wrapped lines into preambular and operative paragraphs, leads and sub-paragraphs.

Works on the body lines (after the organ line, without furniture and footnote blocks). A new paragraph
starts at the next operative number, at a sub-paragraph label, or where the previous one ended
(``,`` ``;`` ``.`` ``:``) and the line opens like a paragraph. A blank line separates paragraphs unless
the text has a blank line after every line (PDF text); a lower-case line after a page break continues.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from penholder.model import OPERATIVE, PREAMBULAR, Paragraph, SubParagraph
from penholder.parsing import lexicon
from penholder.parsing.normalize import ITALIC_CLOSE, ITALIC_OPEN, PAGE_BREAK, strip_italics

_NUMBER = re.compile(rf"^{ITALIC_OPEN}?(\d{{1,3}})(?:\.(?:\s+|$)|$)")
_LABEL = re.compile(rf"^{ITALIC_OPEN}?\(([a-z]{{1,2}}|[ivxl]{{1,6}})\)(?:\s+|$)")
_TERMINAL = re.compile(rf"[,;:.][{ITALIC_CLOSE}”’\"*)\]]*(?:\s*[\d*¹²³⁴⁵⁶⁷⁸⁹⁰]{{0,3}})$")
_SECTION = re.compile(
    r"^(?:(?:[IVXL]{1,6}|[A-H])\.?(?:\s+[A-Z(“][^.;:]{0,100})?|(?:Section|Part|Chapter)\s+[\dIVXL]+[A-Z]?(?:\s+[A-Z][^.;:]{0,100})?)$"
)
_BARE_SECTION = re.compile(r"^(?:(?:[IVXL]{1,6}|[A-H])\.?|(?:Section|Part|Chapter)\s+[\dIVXL]+[A-Z]?)$")
_SUSPENDED = re.compile(r"(?:and|or|to|nor)\s")  # "age-" + "and gender-specific": a suspended hyphen
_WRAPPED_LINE = 110  # lines of wrapped PDF text are shorter; a longer line is a whole paragraph
_TRAILING_ADVERB = re.compile(r"\s+(?:also|further|again)\b")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
          "xvi", "xvii", "xviii", "xix", "xx")


@dataclass
class Block:
    """Lines that make one paragraph or sub-paragraph, before classification."""

    number: int | None = None
    label: str | None = None
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Return the joined text of the block (line-end hyphens kept, no space after them)."""
        joined = ""
        for line in self.lines:
            if not joined:
                joined = line
            elif joined.endswith("-") and not joined.endswith(" -") and not _SUSPENDED.match(line):
                joined += line  # a line-end hyphen in UN text is a real one: "non-" + "selectivity"
            else:
                joined += " " + line
        return joined.strip()

    def only_marker(self) -> bool:
        """Return whether the block so far holds only its number or label."""
        return not "".join(self.lines).strip(ITALIC_OPEN + ITALIC_CLOSE + " ")


def _ends_paragraph(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def _opens_paragraph(line: str) -> bool:
    plain = strip_italics(line)
    return lexicon.is_preambular_opening(plain) or lexicon.is_operative_opening(plain)


def _blank_after_every_line(lines: list[str]) -> bool:
    """Return whether the text puts a blank line after each wrapped line (PDF text)."""
    text_lines = [ln for ln in lines if ln not in ("", PAGE_BREAK)]
    if len(text_lines) < 6:
        return False
    adjacent = sum(1 for a, b in itertools.pairwise(lines) if a not in ("", PAGE_BREAK) and b not in ("", PAGE_BREAK))
    unterminated = sum(1 for ln in text_lines if not _ends_paragraph(ln))
    median_length = sorted(len(ln) for ln in text_lines)[len(text_lines) // 2]
    # Wrapped lines are short and mostly run on; one paragraph a line is long and always ends.
    return adjacent <= len(text_lines) * 0.05 and (median_length <= 100 or unterminated >= len(text_lines) * 0.4)


def _paragraph_per_line(lines: list[str]) -> bool:
    """Return whether nearly every line ends a paragraph (pasted text, one paragraph a line)."""
    text_lines = [ln for ln in lines if ln not in ("", PAGE_BREAK)]
    ended = sum(1 for ln in text_lines if _ends_paragraph(ln))
    return len(text_lines) >= 3 and ended >= 0.85 * len(text_lines)


def split_blocks(lines: list[str]) -> list[Block]:
    """Return the body cut into blocks: numbered operative paragraphs, labelled sub-paragraphs, others."""
    blank_is_line_break = _blank_after_every_line(lines)
    whole_lines = _paragraph_per_line(lines)
    blocks: list[Block] = []
    expected_number = 1
    gap = ""
    pending = False
    skip_title = False
    after_section = False
    for index, line in enumerate(lines):
        if line in ("", PAGE_BREAK):
            gap = PAGE_BREAK if PAGE_BREAK in (line, gap) else ""  # the strongest break since the last line
            pending = True
            continue
        current = blocks[-1] if blocks else None
        had_gap, kind = pending, gap
        pending, gap = False, ""
        plain_line = strip_italics(line)
        if skip_title and (not had_gap or skip_title == "first") and len(plain_line) < 100 \
                and not _ends_paragraph(plain_line) and not _NUMBER.match(line):
            skip_title = "more"
            after_section = True
            continue  # the title lines under a bare section number ("VII" / "Special Rapporteur on …")
        skip_title = False
        if (_SECTION.match(plain_line) and (current is None or _ends_paragraph(current.lines[-1] if current.lines else "."))
                and not _LABEL.match(line)):
            skip_title = "first" if _BARE_SECTION.match(plain_line) else False
            after_section = True
            continue  # a section heading ("II", "B. Peacebuilding financing") is no paragraph text
        number = _NUMBER.match(line)
        if number:
            value = int(number.group(1))
            restart = value == 1 and after_section and expected_number > 1
            # A number without its dot (lost in PDF text) must open like a paragraph.
            strict = "." not in number.group(0)
            if (value == expected_number or restart) and _opens_numbered(lines, index, number.end(), strict):
                after_section = False
                if current is not None:
                    _drop_trailing_heading(current)
                rest = line[number.end():]
                blocks.append(Block(number=value, lines=[rest] if rest else []))
                expected_number = value + 1
                continue
        label = _LABEL.match(line)
        if label and (current is None or _ends_paragraph(current.text) or current.only_marker()):
            rest = line[label.end():]
            blocks.append(Block(label=label.group(1), lines=[rest] if rest else []))
            continue
        if current is None:
            blocks.append(Block(lines=[line]))
            continue
        if current.only_marker():
            current.lines.append(line)
            continue
        first = strip_italics(line)[:1]
        previous_text = current.lines[-1]
        ended = _ends_paragraph(previous_text)
        if not first.isupper():
            new = False  # a lower-case or figure start continues, even after a page break
        elif not had_gap:
            # one paragraph a line (pasted text) or wrapped lines: an ended line before an opener breaks
            new = ended and (_opens_paragraph(line) or (
                (whole_lines or len(previous_text) > _WRAPPED_LINE)
                and lexicon.looks_like_opening(strip_italics(line))))
        elif kind == "" and blank_is_line_break:
            new = ended and lexicon.looks_like_opening(strip_italics(line))
        elif kind == PAGE_BREAK:
            # words may be lost at a page break ("all human" + "Stressing …"): an opener starts anew
            new = _opens_paragraph(line) or (ended and lexicon.looks_like_opening(strip_italics(line)))
        else:
            new = ended or _opens_paragraph(line) or _looks_like_heading(current.text)
        if new:
            _drop_trailing_heading(current)
            blocks.append(Block(lines=[line]))
        else:
            current.lines.append(line)
    return [b for b in blocks if b.lines or b.number is not None]


def _opens_numbered(lines: list[str], index: int, after_number: int, strict: bool) -> bool:
    """Return whether the text after an operative number (on its line or the next) opens a paragraph."""
    opening = lines[index][after_number:].strip()
    probe = index + 1
    while not opening and probe < len(lines) and probe <= index + 3:
        if lines[probe] not in ("", PAGE_BREAK):
            opening = lines[probe]
        probe += 1
    plain = strip_italics(opening).lstrip("“\"")
    if not plain[:1].isupper():
        return False
    return not strict or lexicon.looks_like_opening(plain)


def _drop_trailing_heading(block: Block) -> None:
    """Drop a section heading ("Peacebuilding financing") left at the end of the previous paragraph."""
    if len(block.lines) >= 2 and _ends_paragraph(block.lines[-2]):
        last = strip_italics(block.lines[-1])
        if len(last) < 100 and last[:1].isupper() and not _ends_paragraph(last):
            block.lines.pop()


def _looks_like_heading(text: str, *, allow_lead: bool = False) -> bool:
    plain = strip_italics(text)
    if len(plain) >= 120 or _ends_paragraph(plain):
        return False
    return allow_lead or not lexicon.preambular_lead(plain)


def _lead(text: str, kind: str) -> tuple[str, str]:
    """Return (lead, plain text): the lead from italics where marked, else from the lexicon."""
    stripped = text.lstrip()
    if stripped.startswith(ITALIC_OPEN) and ITALIC_CLOSE in stripped:
        italic = stripped[1:stripped.index(ITALIC_CLOSE)].strip().rstrip(",;:")
        if italic and len(italic.split()) <= 8 and italic[:1].isupper():
            plain = strip_italics(stripped)
            trailing = kind == PREAMBULAR and _TRAILING_ADVERB.match(plain, len(italic))  # "*Recalling* also"
            return (plain[:trailing.end()] if trailing else italic), plain
    plain = strip_italics(stripped)
    if kind == OPERATIVE:
        lead = lexicon.operative_lead(plain) or lexicon.preambular_lead(plain)
    else:
        lead = lexicon.preambular_lead(plain) or lexicon.operative_lead(plain)
    return lead, plain


def _next_letter(label: str) -> str:
    """Return the label after a lettered one: (h) -> (i), (hh) -> (ii)."""
    following = chr(ord(label[0]) + 1)
    return following * len(label) if len(set(label)) == 1 else ""


def _nests_under_letter(label: str, last_letter: str | None) -> bool:
    """Return whether a roman label like (ii) belongs under the previous lettered sub-paragraph."""
    if label not in _ROMAN or last_letter is None:
        return False
    # (i) after (h), (v) after (u), (x) after (w), (ii) after (hh) continue the letters.
    return label != _next_letter(last_letter)


def build_paragraphs(blocks: list[Block]) -> tuple[list[Paragraph], list[Paragraph]]:
    """Return (preambular, operative) paragraphs from the blocks; text still carries footnote marks."""
    preambular: list[Paragraph] = []
    operative: list[Paragraph] = []
    numbered = any(b.number is not None for b in blocks)
    last_letter: str | None = None
    for block in blocks:
        text = block.text
        if block.number is not None:
            lead, plain = _lead(text, OPERATIVE)
            operative.append(Paragraph(OPERATIVE, lead, plain, number=block.number))
            last_letter = None
            continue
        owner = operative[-1] if operative else (preambular[-1] if preambular else None)
        if block.label is not None and owner is not None:
            plain = strip_italics(text)
            if _nests_under_letter(block.label, last_letter) and owner.subparagraphs:
                owner.subparagraphs[-1].subparagraphs.append(SubParagraph(f"({block.label})", plain))
            else:
                owner.subparagraphs.append(SubParagraph(f"({block.label})", plain))
                if block.label not in _ROMAN or last_letter is not None:
                    last_letter = block.label
            continue
        if block.label is not None:
            text = f"({block.label}) {text}"
        if operative:
            if _looks_like_heading(text, allow_lead=True):
                continue
            if block.label is None and lexicon.is_preambular_opening(strip_italics(text)) \
                    and _ends_paragraph(text) and strip_italics(text).rstrip().endswith(","):
                # The preamble of a later section (omnibus resolutions): kept as preambular.
                lead, plain = _lead(text, PREAMBULAR)
                preambular.append(Paragraph(PREAMBULAR, lead, plain))
                continue
            target = operative[-1]
            if target.subparagraphs:
                target.subparagraphs[-1].text += " " + strip_italics(text)
            else:
                target.text += " " + strip_italics(text)
            continue
        if _looks_like_heading(text) and not _lead(text, PREAMBULAR)[0]:
            continue
        lead, plain = _lead(text, PREAMBULAR)
        preambular.append(Paragraph(PREAMBULAR, lead, plain))
        last_letter = None
    if not numbered:
        preambular, operative = _split_unnumbered(preambular)
    return preambular, operative


def _split_unnumbered(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    """Return (preambular, operative) for a text whose operative paragraphs carry no numbers."""
    cut = len(paragraphs)
    while cut > 0:
        candidate = paragraphs[cut - 1]
        if lexicon.operative_lead(candidate.text) and not lexicon.is_preambular_opening(candidate.text) \
                and not candidate.text.rstrip().endswith(","):
            cut -= 1
        else:
            break
    operative = []
    for paragraph in paragraphs[cut:]:
        lead = paragraph.lead if paragraph.lead and lexicon.is_operative_opening(paragraph.lead) \
            else lexicon.operative_lead(paragraph.text)
        operative.append(Paragraph(OPERATIVE, lead, paragraph.text, None, paragraph.notes,
                                   paragraph.subparagraphs))
    return paragraphs[:cut], operative
