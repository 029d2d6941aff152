"""Word (DOCX) files with python-docx: paragraphs in order, italic leads, numbering, real footnotes.

The container is checked and repacked first (zip_guard: sizes, a byte budget, no DTD). The body is walked in document
order; each paragraph becomes one block of text with its automatic number (if Word numbers it), its
italic lead marked ``*Lead*`` (direct formatting, character style or paragraph style), footnote
references as superscript marks; tables are skipped with a warning. Footnotes come from the
footnotes part, parsed with entity resolution, DTD loading and network access off.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from penholder.errors import ParseError
from penholder.readers.docx_numbering import Numbering
from penholder.readers.limits import fail
from penholder.readers.marks import footnote_lines, note_order, render_pieces
from penholder.readers.zip_guard import checked_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES_REL = "/footnotes"
_OFF = {"0", "false", "off", "none"}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class DocxText:
    """The text rebuilt from a DOCX and the warnings met on the way."""

    text: str
    paragraphs: int
    footnotes: list[tuple[str, str]]
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Piece:
    text: str
    italic: bool = False
    mark: bool = False


def safe_xml_parser():
    """Return an lxml parser that never expands entities, loads a DTD or touches the network."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                           dtd_validation=False, remove_comments=True)


def read_docx_bytes(path: object, data: bytes) -> DocxText:
    """Return the rebuilt text of a DOCX's bytes, or raise ParseError "<file>: <reason>"."""
    data = checked_docx(path, data)
    try:
        return _read(path, data)
    except ParseError:
        raise
    except RecursionError:
        raise fail(path, "damaged Word file (its structure loops)") from None
    except Exception as exc:  # noqa: BLE001 - python-docx and lxml raise many types on damaged files
        if type(exc).__name__ == "XMLSyntaxError":
            raise fail(path, _xml_reason(exc)) from None
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise fail(path, f"damaged or unsupported Word file ({reason})") from None


def _xml_reason(exc: Exception) -> str:
    """Return a drafter's reason for an XML part lxml could not read (never libxml2's advice to itself)."""
    text = str(exc)
    if "huge" in text.lower() or "XML_PARSE_HUGE" in text:
        return "this Word file holds a run of text or markup over 10 MB long; it is probably damaged"
    where = re.search(r"line (\d+)", text)
    return "damaged Word file (its text is not well-formed XML" + (f" at line {where.group(1)}" if where else "") + ")"


def _read(path: object, data: bytes) -> DocxText:
    import docx

    document = docx.Document(io.BytesIO(data))
    reader = _BodyReader(document)
    notes_xml = _footnotes_xml(document)
    blocks: list[str] = []
    warnings: list[str] = []
    tables = 0
    for element in _body_elements(document.element.body):
        if element.tag == _w("tbl"):
            tables += 1
        elif element.tag == _w("p"):
            text = reader.paragraph_text(element)
            if text:
                blocks.append(text)
    if tables:
        warnings.append(f"{path}: {tables} table{'s' if tables > 1 else ''} ignored")
    notes = _footnotes(notes_xml, reader.cited)
    blocks.extend(footnote_lines(notes))
    if not blocks:
        raise fail(path, "Word file has no text")
    return DocxText("\n\n".join(blocks) + "\n", len(blocks) - len(notes), notes, warnings)


def _body_elements(body):
    """Yield paragraphs and tables in document order, looking inside content controls."""
    for child in body.iterchildren():
        if child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _body_elements(content)
        elif child.tag in (_w("p"), _w("tbl")):
            yield child


class _BodyReader:
    """Turns body paragraphs into text, resolving styles and numbering and recording cited notes."""

    def __init__(self, document):
        self.document = document
        self.styles = _StyleFlags(document)
        self.numbering = Numbering.from_document(document)
        self.cited: dict[str, str] = {}  # footnote id -> mark as printed
        self._auto = 0
        self._custom_note: str | None = None

    def paragraph_text(self, p) -> str:
        """Return one paragraph as a line of text with its number, lead and footnote marks."""
        style_id = _paragraph_style_id(p)
        paragraph_italic = self.styles.flag(style_id, "i")
        pieces: list[_Piece] = []
        label = self.numbering.label(p, self.styles.paragraph_numbering(style_id))
        if label:
            pieces.append(_Piece(label + " "))
        for run in p.iter(_w("r")):
            if _not_printed(run, p):
                continue
            pieces.extend(self._run_pieces(run, paragraph_italic))
        return _render(pieces)

    def _run_pieces(self, run, paragraph_italic: bool) -> list[_Piece]:
        rpr = run.find(_w("rPr"))
        run_style = None
        direct_italic = direct_super = None
        if rpr is not None:
            style = rpr.find(_w("rStyle"))
            run_style = style.get(_w("val")) if style is not None else None
            if _toggle(rpr.find(_w("vanish"))):
                return []  # hidden text is not part of the document as printed
            direct_italic = _toggle(rpr.find(_w("i")))
            vert = rpr.find(_w("vertAlign"))
            if vert is not None:
                direct_super = vert.get(_w("val")) == "superscript"
        italic = direct_italic if direct_italic is not None else (
            self.styles.flag(run_style, "i") or paragraph_italic)
        superscript = direct_super if direct_super is not None else self.styles.superscript(run_style)
        pieces: list[_Piece] = []
        for child in run.iterchildren():
            tag = child.tag
            if tag == _w("t"):
                text = child.text or ""
                if self._custom_note is not None and text.strip():
                    # A custom mark (``*``) is printed as the text that follows the reference.
                    self.cited[self._custom_note] = text.strip()
                    self._custom_note = None
                    pieces.append(_Piece(text.strip(), mark=True))
                    continue
                pieces.append(_Piece(text, italic=italic, mark=superscript and _looks_like_mark(text)))
            elif tag in (_w("tab"), _w("ptab")):
                pieces.append(_Piece(" ", italic=italic))
            elif tag in (_w("br"), _w("cr")):
                pieces.append(_Piece("\n", italic=italic))
            elif tag == _w("noBreakHyphen"):
                pieces.append(_Piece("-", italic=italic))
            elif tag == _w("footnoteReference"):
                note_id = child.get(_w("id")) or ""
                if child.get(_w("customMarkFollows")) in ("1", "true", "on"):
                    self.cited.setdefault(note_id, "")
                    self._custom_note = note_id
                    continue
                if note_id not in self.cited:
                    self._auto += 1
                    self.cited[note_id] = str(self._auto)
                pieces.append(_Piece(self.cited[note_id], mark=True))
        return pieces


def _looks_like_mark(text: str) -> bool:
    return bool(re.fullmatch(r"\s*(\d{1,3}|\*{1,3}|[a-z])\s*", text))


def _toggle(element) -> bool | None:
    """Return a Word on/off property (``<w:i/>``, ``<w:i w:val="0"/>``), None when absent."""
    if element is None:
        return None
    value = element.get(_w("val"))
    return value is None or value.lower() not in _OFF


_SKIPPED_CONTAINERS = (_w("del"), _w("moveFrom"), _w("txbxContent"))


def _not_printed(run, paragraph) -> bool:
    """Return True for deleted text and for text boxes anchored in the paragraph (not its text)."""
    parent = run.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in _SKIPPED_CONTAINERS:
            return True
        parent = parent.getparent()
    return False


def _paragraph_style_id(p) -> str | None:
    ppr = p.find(_w("pPr"))
    if ppr is None:
        return None
    style = ppr.find(_w("pStyle"))
    return style.get(_w("val")) if style is not None else None


def _render(pieces: list[_Piece]) -> str:
    """Return the paragraph's text with its leading italic span as ``*lead*`` and marks superscript."""
    text = render_pieces((piece.text, piece.italic, piece.mark) for piece in pieces)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return text.strip()


def _footnotes_xml(document):
    """Return the footnotes part's root parsed safely, or None when the document has none."""
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith(_FOOTNOTES_REL):
            continue
        blob = rel.target_part.blob
        return etree.fromstring(blob, safe_xml_parser())
    return None


def _footnotes(root, cited: dict[str, str]) -> list[tuple[str, str]]:
    """Return (mark, text) for each cited footnote, in the order the UN prints them."""
    if root is None:
        return []
    runs_by_note: dict[str, list[str]] = {}
    for note in root.iter(_w("footnote")):
        if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        runs: list[str] = []
        for run in note.iter(_w("r")):
            if run.find(_w("footnoteRef")) is not None:
                continue
            parts = []
            for child in run.iterchildren():
                if child.tag == _w("t"):
                    parts.append(child.text or "")
                elif child.tag in (_w("tab"), _w("br")):
                    parts.append(" ")
            runs.append("".join(parts))
        runs_by_note[note.get(_w("id")) or ""] = runs
    notes: list[tuple[str, str]] = []
    for note_id, mark in cited.items():
        if note_id not in runs_by_note:
            continue
        runs = list(runs_by_note.pop(note_id))
        # A custom mark is typed at the start of the note, sometimes twice (LibreOffice): drop it.
        while runs and runs[0].strip() in ("", mark):
            runs.pop(0)
        text = " ".join("".join(runs).split())
        if mark and text.startswith(mark + " "):
            text = text[len(mark):].strip()
        notes.append((mark, text))
    return sorted(notes, key=note_order)


class _StyleFlags:
    """Italic, superscript and numbering inherited through Word styles, cached by style id."""

    def __init__(self, document):
        self._styles = {}
        try:
            for style in document.styles:
                self._styles[style.style_id] = style.element
        except Exception:  # noqa: BLE001 - a damaged styles part: fall back to direct formatting
            self._styles = {}
        self._cache: dict[tuple, object] = {}

    def _chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            element = self._styles[style_id]
            yield element
            based = element.find(_w("basedOn"))
            style_id = based.get(_w("val")) if based is not None else None

    def flag(self, style_id: str | None, name: str) -> bool:
        """Return whether the style (or what it is based on) turns on run property ``name``."""
        key = (style_id, name)
        if key not in self._cache:
            value = False
            for element in self._chain(style_id):
                rpr = element.find(_w("rPr"))
                found = _toggle(rpr.find(_w(name))) if rpr is not None else None
                if found is not None:
                    value = found
                    break
            self._cache[key] = value
        return bool(self._cache[key])

    def superscript(self, style_id: str | None) -> bool:
        """Return whether the character style sets its text as superscript."""
        for element in self._chain(style_id):
            rpr = element.find(_w("rPr"))
            vert = rpr.find(_w("vertAlign")) if rpr is not None else None
            if vert is not None:
                return vert.get(_w("val")) == "superscript"
        return False

    def paragraph_numbering(self, style_id: str | None):
        """Return the ``w:numPr`` a paragraph style gives its paragraphs, or None."""
        for element in self._chain(style_id):
            ppr = element.find(_w("pPr"))
            num = ppr.find(_w("numPr")) if ppr is not None else None
            if num is not None:
                return num
        return None
