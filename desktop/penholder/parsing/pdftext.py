"""Text as ``pdftotext`` (poppler) gives a UN PDF, with or without ``-layout``: recognised and undone.

Such text has a form feed at the end of each page, page furniture at the page edges (the symbol, the
running title, "2/4", the job number, a barcode), footnotes after a rule at each page foot (without
``-layout`` their marks stand on lines of their own, apart from their texts and out of order) and marks
in the body set off by spaces ("25 June 1993, 1 for"). ``looks_like_pdftotext`` recognises the style by
these features; ``undo_pdftotext`` rebuilds each page as its body lines, then its footnotes after a rule,
one "mark text" line each, with the marks in the body as superscripts, so that the parser reads it as it
reads the seed styles. It also mends what the layout does to words: a hyphen set off by a space
("capacity -building"), a word split by a space ("sovere ignty"), a line-end hyphen dropped with the two
lines run together ("goodneighbourliness"), and in older layouts an operative number set on its own line
after the paragraph's first line or ahead of the last paragraph's last line.
"""

from __future__ import annotations

import re
from collections import Counter

from penholder.parsing import lexicon
from penholder.parsing.footnotes import SUPERSCRIPTS
from penholder.parsing.furniture import is_anchor, is_separator

FORM_FEED = "\f"
_CELL_GAP = re.compile(r"\S(?: {3,})\S")
_CELLS = re.compile(r" {3,}")
_BARE_MARK = re.compile(r"^(?:\d{1,3}|\*{1,3})$")
_WORD_ANCHOR = re.compile(r"^\d{1,3}F$")  # Word's footnote anchor residue ("0F" where mark 1 stood)
_MARK_TEXT = re.compile(r"^(?P<mark>\d{1,3}|\*{1,3})\s+(?P<text>\S.*)$")
_STARRED = re.compile(r"^(\*{1,3})\s*(\S.*)$")
_OPERATIVE_ALONE = re.compile(r"^(\d{1,3})\.$")
_TERMINAL = re.compile(rf"[,;:.?][”’\"')\]]*[{SUPERSCRIPTS}*]*(?: \d{{1,3}})?$")
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
_NUMBER_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def looks_like_pdftotext(text: str) -> bool:
    """Return whether ``text`` is pdftotext output of a UN document: form feeds and furniture at page edges."""
    if FORM_FEED not in text:
        return False
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
    from penholder.parsing.metadata import organ_index, read_header
    from penholder.parsing.normalize import to_lines

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
                and not _TERMINAL.search(stars[-1][1]):
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


# --- words --------------------------------------------------------------------------------------------

_SPACED_HYPHEN = re.compile(r"(?<=[A-Za-z0-9]) -(?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) -$")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=[A-Za-z\d”’)]) (?=[,;:](?:\s|$))")
_TOKEN = re.compile(r"\S+")
_ALPHA = re.compile(r"^[A-Za-z]+$")
_DOUBLED_START = re.compile(r"^([b-df-hj-np-tv-z])\1[a-z]")
_WORD_ENDINGS = frozenset("ed ing ings ly es tion tions ment ments ness ity ities ance ence".split())
_HYPHENATED = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*")
_WORD_THEN_PUNCTUATION = re.compile(r"^([A-Za-z]+)[,;:.)”’]*$")


def _vocabulary(lines: list[str]) -> Counter[str]:
    """Return how often each word occurs: hyphenated words whole and by their parts."""
    counts: Counter[str] = Counter()
    for line in lines:
        for word in _HYPHENATED.findall(line):
            counts[word] += 1
            if "-" in word:
                counts.update(word.split("-"))
    return counts


def _known(word: str, counts: Counter[str], stems: dict[str, int]) -> bool:
    """Return whether ``word`` or a longer form of it ("integrate": "integrates") is in the document."""
    return stems.get(word.lower(), 0) >= 1


def _mend_split_words(line: str, counts: Counter[str], stems: dict[str, int]) -> str:
    """Join a word split by a space ("sovere ignty") when the whole word is elsewhere in the document."""
    tokens = line.split(" ")
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if index + 1 < len(tokens) and _ALPHA.match(token):
            following = tokens[index + 1]
            letters = _WORD_THEN_PUNCTUATION.match(following)
            if letters:
                rest = letters.group(1)
                whole = token + rest
                seen_apart = counts[token] > 1 and counts[rest] > 1
                # "request ed", "pa tterns": no English word ends so or opens with a doubled consonant
                ending = rest in _WORD_ENDINGS and len(token) >= 3 or bool(_DOUBLED_START.match(rest))
                if not seen_apart and (ending or _known(whole, counts, stems)) and (token[:1].islower() or rest[:1].islower()):
                    out.append(token + following)
                    index += 2
                    continue
        out.append(token)
        index += 1
    return " ".join(out)


def _stems(counts: Counter[str]) -> dict[str, int]:
    """Return the document's words and the lexicon's lower-cased, with the first letters of the longer."""
    stems: dict[str, int] = {}
    for phrase in (*lexicon.preambular_openers(), *lexicon.operative_verbs()):
        for word in phrase.lower().split():
            stems[word] = stems.get(word, 0) + 1
    for word in counts:
        lowered = word.lower()
        stems[lowered] = stems.get(lowered, 0) + 1
        for cut in range(1, 4):
            if len(lowered) - cut >= 5:
                stems[lowered[:-cut]] = stems.get(lowered[:-cut], 0) + 1
    return stems


# Parts that UN text joins with a hyphen ("good-neighbourliness", "long-term", "people-centred"): evidence,
# with the document's own hyphenated words, for where a dropped line-end hyphen stood.
_HYPHEN_LEFTS = frozenset(
    "good long short medium well self non co cross multi anti post pre high low decision capacity confidence "
    "peace state people gender age child evidence community follow results rights human sex small mid "
    "inter intra north south two three follow-up".split()
) | frozenset(_NUMBER_WORDS)
_HYPHEN_RIGHTS = frozenset(
    "based related making building term level being up centred sensitive specific responsive oriented "
    "general determination led owned driven bound wide scale run".split()
)


def _hyphen_evidence(left: str, right: str, hyphenated: set[str], lefts: set[str], rights: set[str]) -> int:
    score = 0
    if f"{left}-{right}".lower() in hyphenated:
        score += 3
    if left.lower() in lefts or left.lower() in _HYPHEN_LEFTS:
        score += 1
    if right.lower() in rights or right.lower() in _HYPHEN_RIGHTS:
        score += 1
    if left[-1:].islower() and right[:1].isupper():
        score += 1
    return score


def _junctions(line: str, usual: int, counts: Counter[str], evidence) -> list[tuple[int, float, int, int]]:
    """Return (score, -distance, start, end) of the places two run-together lines may have met."""
    found = []
    for token in _TOKEN.finditer(line):
        if not (0.7 * usual <= token.end() and token.start() <= 1.2 * usual):
            continue
        distance = -abs(token.end() - usual)
        word = re.match(r"[A-Za-z]+", token.group(0))
        if word and counts[word.group(0)] <= 1 and len(word.group(0)) >= 5:
            whole = word.group(0)
            for cut in range(2, len(whole) - 1):
                score = evidence(whole[:cut], whole[cut:])
                if score:
                    found.append((score, distance, token.start() + cut, token.start() + cut))
        following = re.match(r" ([A-Za-z0-9]+)", line[token.end():])
        left = re.search(r"[A-Za-z0-9]+$", token.group(0))
        if following and left:
            score = evidence(left.group(0), following.group(1)) - 1
            if score >= 1:
                found.append((score, distance, token.end(), token.end() + 1))
    return found


def _mend_run_together(lines: list[str], counts: Counter[str]) -> list[str]:
    """Put back the hyphen pdftotext dropped when it ran a line into the next ("goodneighbourliness").

    Such a line is longer than any other; the two lines met near the usual length, at a word whose
    parts UN text joins with a hyphen (the document's own hyphenated words first), or at the space that
    stood before the hyphen ("self -"). Only the best place of a line is mended.
    """
    lengths = sorted(len(line) for line in lines if len(line) > 40)
    if len(lengths) < 10:
        return lines
    usual = lengths[len(lengths) // 2]
    hyphenated = {w.lower() for w in counts if "-" in w}
    lefts = {w.split("-")[0] for w in hyphenated}
    rights = {w.split("-", 1)[1] for w in hyphenated}

    def evidence(left: str, right: str) -> int:
        return _hyphen_evidence(left, right, hyphenated, lefts, rights)

    mended = []
    for line in lines:
        if len(line) >= 1.1 * usual:
            # a line a little longer than usual is mended only where the document hyphenates the same words
            needed = 1 if len(line) >= 1.4 * usual else 2
            found = [j for j in _junctions(line, usual, counts, evidence) if j[0] >= needed]
            if found:
                _score, _distance, start, end = max(found)
                line = line[:start] + "-" + line[end:]
        mended.append(line)
    return mended


def _mend_words(pages: list[list[str]], raw: bool) -> list[list[str]]:
    lines = [line for page in pages for line in page]
    lines = [_SPACE_BEFORE_PUNCTUATION.sub("", _SPACED_HYPHEN.sub("-", line)) for line in lines]
    counts = _vocabulary(lines)
    stems = _stems(counts)
    lines = [_mend_split_words(line, counts, stems) for line in lines]
    if raw:
        lines = _mend_run_together(lines, _vocabulary(lines))
    result, index = [], 0
    for page in pages:
        result.append(lines[index:index + len(page)])
        index += len(page)
    return result


# --- operative numbers set apart -------------------------------------------------------------------


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
    if not line.lstrip("“\"")[:1].isupper() or _TERMINAL.search(line) and len(line) < 20:
        return False
    before = _text_index(lines, index - 1, -1)
    if before is not None and _OPERATIVE_ALONE.match(lines[before].strip()):
        return False  # the paragraph has its number already
    return before is None or bool(_TERMINAL.search(lines[before].strip())) or lexicon.is_operative_opening(line)


def _after_an_end(lines: list[str], index: int) -> bool:
    """Return whether the text line before ``index`` ended a paragraph or heading (a numbering may restart)."""
    before = _text_index(lines, index - 1, -1)
    return before is None or bool(_TERMINAL.search(lines[before].strip())) or len(lines[before].strip()) < 60


_BODY_END = re.compile(r"^\d{1,4}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting$|^\[?Adopted\b")
_INLINE_NUMBER = re.compile(r"^(\d{1,3})\.\s+[A-Z]")


def _place_numbers(lines: list[str]) -> list[str]:
    """Put an operative number that stands on its own line back at the start of its paragraph."""
    lines = list(lines)
    index = 0
    last = 0
    while index < len(lines):
        stripped = lines[index].strip()
        alone = _OPERATIVE_ALONE.match(stripped)
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
        if following[:1].islower() and _TERMINAL.search(following):
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


def _break_before_openers(lines: list[str]) -> list[str]:
    """Set a blank line where a preambular paragraph starts: an opener after a line that ended one.

    A paragraph may end without its comma ("… Agency for 2022" / "Taking note of …"): a listed opener
    starts a paragraph even so; after a short line that ends with punctuation, a line shaped like an
    opener ("Being gravely concerned") starts one too.
    """
    from penholder.parsing.metadata import ORGAN

    organ = next((i for i, line in enumerate(lines) if ORGAN.match(line.strip())), None)
    lengths = sorted(len(line) for line in lines if len(line) > 40)
    if organ is None or len(lengths) < 10:
        return lines
    usual = lengths[len(lengths) // 2]
    out = lines[:organ + 1]
    for index in range(organ + 1, len(lines)):
        line = lines[index].strip()
        if _OPERATIVE_ALONE.match(line) or _INLINE_NUMBER.match(line):
            return out + lines[index:]
        previous = out[-1].strip() if out else ""
        if previous and line and index - 1 > organ and not lexicon.is_operative_opening(line):
            ended = _TERMINAL.search(previous)
            if (not ended and lexicon.is_preambular_opening(line) and _may_end(previous)) or (
                    ended and (len(previous) < 0.8 * usual or previous.endswith(",")) and lexicon.looks_like_opening(line)) \
                    or (previous.endswith(",") and _GERUND_THEN_NUMBER.match(line) and lexicon.preambular_lead(line)):
                out.append("")
        out.append(lines[index])
    return out


_DRAFT_KIND = re.compile(r"\b(?:[Dd]raft|[Rr]evised draft)\s+(?:resolution|decision)\*?$")
_NAMES = re.compile(r"^(?:[A-Z][\w’'()-]*(?:\s+(?:[A-Z(][\w’'()-]*|of|the|and|de|del|and the))*,?\s*)+$")


def _set_sponsors_apart(lines: list[str]) -> list[str]:
    """Return a first page whose sponsors line ("Cuba:* draft resolution") stands as its own header chunk."""
    from penholder.parsing.metadata import ORGAN

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
            lines = _set_sponsors_apart(lines)
        rule = next((i for i, line in enumerate(lines) if is_separator(line)), None)
        zone = lines[rule + 1:] if rule is not None else []
        body = lines[:rule] if rule is not None else lines
        footnotes = _footnotes(zone)
        body = _residue_to_marks(body)
        body = _superscript_marks("\n".join(body), [m for m, _t in footnotes]).split("\n")
        bodies.append(body)
        notes.append(footnotes)
    bodies = _mend_words(bodies, raw=not layout)
    out: list[str] = []
    for body, footnotes in zip(bodies, notes, strict=True):
        out.extend(body)
        if footnotes:
            out += ["", "__________________"]
            for mark, note in footnotes:
                out += [f"{mark} {note}", ""]
        out += ["", FORM_FEED, ""]
    return "\n".join(_break_before_openers(_place_numbers(out)))
