"""Word's automatic paragraph numbering: the label (``1.``, ``(a)``, ``(ii)``) Word would print.

A paragraph numbered by Word carries ``w:numPr`` (its own or its style's) instead of the number in
its text; the format comes from the numbering part (``w:num`` → ``w:abstractNum`` → ``w:lvl``).
Counters run per list and restart the deeper levels when a shallower one advances, as Word does.
"""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(number: int) -> str:
    """Return ``number`` as a lower-case Roman numeral (``4`` → ``iv``)."""
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def letters(number: int) -> str:
    """Return ``number`` as Word's letter numbering (``1`` → ``a``, ``27`` → ``aa``)."""
    if number < 1:
        return str(number)
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, fmt: str) -> str:
    """Return ``number`` in a Word number format (decimal, lowerLetter, upperRoman …)."""
    if fmt == "lowerLetter":
        return letters(number)
    if fmt == "upperLetter":
        return letters(number).upper()
    if fmt == "lowerRoman":
        return roman(number)
    if fmt == "upperRoman":
        return roman(number).upper()
    if fmt in ("bullet", "none"):
        return ""
    return str(number)


class Numbering:
    """Level formats of a document's lists and the running counters while reading it."""

    def __init__(self, levels: dict[str, dict[int, tuple[str, str, int]]]):
        self._levels = levels  # numId -> ilvl -> (numFmt, lvlText, start)
        self._counters: dict[str, dict[int, int]] = {}

    @classmethod
    def from_document(cls, document) -> Numbering:
        """Return the numbering of a python-docx document (empty when it has no numbering part)."""
        try:
            root = document.part.numbering_part.element
        except Exception:  # noqa: BLE001 - no numbering part, or a damaged one
            return cls({})
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for element in root.iterchildren(_w("abstractNum")):
            abstract[element.get(_w("abstractNumId"))] = _levels(element)
        levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        for num in root.iterchildren(_w("num")):
            ref = num.find(_w("abstractNumId"))
            if ref is None:
                continue
            table = dict(abstract.get(ref.get(_w("val")), {}))
            for override in num.iterchildren(_w("lvlOverride")):
                lvl = override.find(_w("lvl"))
                if lvl is not None:
                    table.update(_levels_of([lvl]))
            levels[num.get(_w("numId"))] = table
        return cls(levels)

    def label(self, p, style_numbering=None) -> str:
        """Return the label Word prints before paragraph ``p`` (``"3."``), or ``""`` if not numbered."""
        ppr = p.find(_w("pPr"))
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        num_id, level = _num_id_level(num_pr)
        style_id, style_level = _num_id_level(style_numbering)
        num_id = num_id if num_id is not None else style_id
        level = level if level is not None else (style_level or 0)
        if not num_id or num_id == "0" or num_id not in self._levels:
            return ""
        table = self._levels[num_id]
        if level not in table:
            return ""
        counters = self._counters.setdefault(num_id, {})
        fmt, text, start = table[level]
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        if fmt in ("bullet", "none"):
            return ""
        label = text
        for index in range(9):
            token = f"%{index + 1}"
            if token in label:
                value = counters.get(index, table.get(index, ("decimal", "", 1))[2])
                label = label.replace(token, format_number(value, table.get(index, (fmt,))[0]))
        return label.strip()


def _num_id_level(num_pr) -> tuple[str | None, int | None]:
    if num_pr is None:
        return None, None
    num = num_pr.find(_w("numId"))
    ilvl = num_pr.find(_w("ilvl"))
    num_id = num.get(_w("val")) if num is not None else None
    try:
        level = int(ilvl.get(_w("val"))) if ilvl is not None else None
    except (TypeError, ValueError):
        level = None
    return num_id, level


def _levels(abstract) -> dict[int, tuple[str, str, int]]:
    return _levels_of(abstract.iterchildren(_w("lvl")))


def _levels_of(lvls) -> dict[int, tuple[str, str, int]]:
    table: dict[int, tuple[str, str, int]] = {}
    for lvl in lvls:
        try:
            index = int(lvl.get(_w("ilvl")) or 0)
        except ValueError:
            continue
        fmt = lvl.find(_w("numFmt"))
        text = lvl.find(_w("lvlText"))
        start = lvl.find(_w("start"))
        try:
            first = int(start.get(_w("val"))) if start is not None else 1
        except (TypeError, ValueError):
            first = 1
        table[index] = (fmt.get(_w("val")) if fmt is not None else "decimal",
                        text.get(_w("val")) if text is not None else f"%{index + 1}.", first)
    return table
