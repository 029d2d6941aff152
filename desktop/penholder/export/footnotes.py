"""Real Word footnotes: the ``/word/footnotes.xml`` part, its relationship, and references to it.

python-docx has no footnote API, so the part is added through its OPC layer: an ``XmlPart`` with the
footnotes content type, related from the document part (python-docx writes the content-type override
from the part when it saves). The part opens with the separator (id -1) and continuation separator
(id 0) that Word expects. Numbered notes use Word's automatic numbering when the source numbers them
1, 2, 3 … in order of reference; ``*`` notes, and any other numbering, are custom marks
(``w:customMarkFollows``) so the marks print exactly as in the source.
"""

from __future__ import annotations

import re

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from penholder.export import styles

FOOTNOTES_PARTNAME = "/word/footnotes.xml"

_EMPTY_PART = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
    ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
    ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


# Characters XML 1.0 cannot hold (form feeds and other controls from PDF text, lone surrogates).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Return ``text`` without the characters an XML document cannot hold."""
    return _NOT_XML.sub("", text)


def text_element(tag: str, text: str):
    """Return a ``w:t``/``w:delText`` element holding ``text`` with its spaces preserved."""
    element = OxmlElement(tag)
    text = xml_safe(text)
    element.text = text
    if text != text.strip():
        element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return element


class FootnoteWriter:
    """Adds footnotes to one document: ``reference(mark)`` gives the run that cites a note."""

    def __init__(self, document, notes: dict[str, str], auto_numbered: set[str]):
        self._document = document
        self._notes = notes
        self._auto = auto_numbered
        self._part = None
        self._cited: dict[str, int] = {}
        self._next_id = 1
        self._reference_style = styles.FOOTNOTE_REFERENCE_ID
        self._text_style = styles.FOOTNOTE_TEXT_ID

    @property
    def part(self):
        """Return the footnotes part, creating and relating it on first use."""
        if self._part is None:
            package = self._document.part.package
            self._part = XmlPart(PackURI(FOOTNOTES_PARTNAME), CT.WML_FOOTNOTES, parse_xml(_EMPTY_PART),
                                 package)
            self._document.part.relate_to(self._part, RT.FOOTNOTES)
            _declare_separators(self._document)
        return self._part

    def has_note(self, mark: str) -> bool:
        """Return whether the source has a note with ``mark``."""
        return mark in self._notes

    def reference(self, mark: str, *, real: bool = True):
        """Return a ``w:r`` citing the note ``mark``; a plain superscript mark if cited before or not real."""
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        run_style = OxmlElement("w:rStyle")
        run_style.set(qn("w:val"), self._reference_style)
        rpr.append(run_style)
        run.append(rpr)
        if not real or mark in self._cited or mark not in self._notes:
            run.append(text_element("w:t", mark))  # Word cannot cite one note twice
            return run
        note_id = self._add_note(mark)
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), str(note_id))
        run.append(reference)
        if mark not in self._auto:
            reference.set(qn("w:customMarkFollows"), "1")
            run.append(text_element("w:t", mark))
        return run

    def _add_note(self, mark: str) -> int:
        note_id = self._next_id
        self._next_id += 1
        self._cited[mark] = note_id
        note = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="{self._text_style}"/>'
            f'</w:pPr><w:r><w:rPr><w:rStyle w:val="{self._reference_style}"/>'
            "</w:rPr></w:r>"
            "<w:r><w:tab/></w:r></w:p></w:footnote>"
        )
        mark_run = note[0][1]
        if mark in self._auto:
            mark_run.append(OxmlElement("w:footnoteRef"))
        else:
            mark_run.append(text_element("w:t", mark))
        text_run = note[0][2]
        text_run.append(text_element("w:t", self._notes[mark]))
        self.part.element.append(note)
        return note_id

    def uncited(self) -> list[str]:
        """Return the marks of the source's notes not cited so far, in source order."""
        return [mark for mark in self._notes if mark not in self._cited]


def auto_numbered_marks(marks_in_order: list[str]) -> set[str]:
    """Return the marks Word's automatic numbering prints correctly: ``1, 2, 3 …`` in citing order."""
    numbered = [m for m in dict.fromkeys(marks_in_order) if not m.startswith("*")]
    if all(mark == str(index) for index, mark in enumerate(numbered, start=1)):
        return set(numbered)
    return set()


def _declare_separators(document) -> None:
    """Name the separator notes in settings.xml, as Word does (``w:footnotePr`` before ``w:compat``)."""
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is not None:
        return
    footnote_pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/>'
                            '<w:footnote w:id="0"/></w:footnotePr>')
    successors = ("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
                  "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
                  "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
                  "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
                  "w:decimalSymbol", "w:listSeparator")
    for tag in successors:
        anchor = settings.find(qn(tag))
        if anchor is not None:
            anchor.addprevious(footnote_pr)
            return
    settings.append(footnote_pr)
