"""The UN document around the body: page setup, masthead, session block, headings, end matter, running heads.

``ResolutionWriter`` builds one document for one resolution, profile and state. ``export_docx`` and the
redline both use it; they differ only in how they write the body paragraphs.
"""

from __future__ import annotations

from docx import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from penholder.export import styles, wording
from penholder.export.footnotes import FootnoteWriter, auto_numbered_marks
from penholder.export.profiles import ADOPTED, DRAFT, Profile, body_of
from penholder.export.properties import set_core_properties
from penholder.export.runs import Piece, Revisions, append_pieces, make_run
from penholder.model import OPERATIVE, PREAMBULAR, Paragraph, Resolution, SubParagraph


def body_note_marks(paragraphs: list[Paragraph]) -> list[str]:
    """Return the footnote marks the paragraphs cite, in reading order (sub-paragraphs included)."""
    marks: list[str] = []

    def walk_sub(subs: list[SubParagraph]) -> None:
        for sub in subs:
            marks.extend(sub.notes)
            walk_sub(sub.subparagraphs)

    for paragraph in paragraphs:
        marks.extend(paragraph.notes)
        walk_sub(paragraph.subparagraphs)
    return marks


def lead_pieces(text: str, lead: str, style: str, change: str | None = None) -> list[Piece]:
    """Return ``text`` as pieces with its opening ``lead`` in the lead style (when it really opens it)."""
    if lead and text.startswith(lead):
        rest = text[len(lead):]
        return [Piece(lead, style, change), *([Piece(rest, None, change)] if rest else [])]
    return [Piece(text, None, change)]


class ResolutionWriter:
    """Writes one resolution as a UN document; the body is written paragraph by paragraph."""

    def __init__(self, resolution: Resolution, profile: Profile, state: str,
                 revisions: Revisions | None = None):
        self.resolution = resolution
        self.profile = profile
        self.state = state
        self.revisions = revisions
        self.body = body_of(resolution)
        self.symbol = wording.symbol_or_placeholder(resolution, self.body, state)
        self.document = Document()
        _drop_template_leftovers(self.document)
        self._ids = styles.add_styles(self.document, profile)
        self._body = self.document.element.body
        for empty in self._body.findall(qn("w:p")):  # the template's empty paragraph
            self._body.remove(empty)

        notes = {note.mark: _note_text(note.mark, note.text) for note in resolution.footnotes}
        cited = body_note_marks(resolution.paragraphs)
        self._front_notes = [mark for mark in notes if mark not in set(cited)]
        stars = [m for m in self._front_notes if m.startswith("*")]
        others = [m for m in self._front_notes if not m.startswith("*")]
        self._front_notes = stars + others
        self.notes = FootnoteWriter(self.document, notes, auto_numbered_marks(self._front_notes + cited))
        self._setup_pages()

    # -- paragraphs -------------------------------------------------------------------------------
    def style(self, name: str) -> str:
        """Return the style id of the UN style ``name``."""
        return self._ids[name]

    def add(self, style: str, pieces: list[Piece], change: str | None = None, *, masthead: bool = False):
        """Append a paragraph in UN style ``style`` made of ``pieces``; track its mark if ``change``.

        ``masthead`` puts it in the first page's header instead of the body.
        """
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        p_style = OxmlElement("w:pStyle")
        p_style.set(qn("w:val"), self._ids[style])
        ppr.append(p_style)
        p.append(ppr)
        if change and self.revisions is not None:
            self.revisions.mark_paragraph(p, change)
        append_pieces(p, pieces, self.notes, self.revisions)
        if masthead:
            self._masthead.append(p)
        else:
            self._body._insert_p(p)
        return p

    # -- page setup and running heads ---------------------------------------------------------------
    def _setup_pages(self) -> None:
        profile = self.profile
        section = self.document.sections[0]
        section.page_width, section.page_height = Pt(profile.page_width), Pt(profile.page_height)
        section.left_margin, section.right_margin = Pt(profile.margin_left), Pt(profile.margin_right)
        section.top_margin, section.bottom_margin = Pt(profile.margin_top), Pt(profile.margin_bottom)
        section.header_distance = Pt(profile.header_distance)
        section.footer_distance = Pt(profile.footer_distance)
        section.different_first_page_header_footer = True
        self.document.settings.odd_and_even_pages_header_footer = True
        title = self.resolution.title or "[Title]"
        if self.state == DRAFT:
            title = ""  # a draft's running head carries the symbol only
        self._running_head(section.even_page_header, self.symbol, title, symbol_left=True)
        self._running_head(section.header, title, self.symbol, symbol_left=False)
        self._running_foot(section.even_page_footer, "left")
        self._running_foot(section.footer, "right")
        for part in (section.first_page_header, section.first_page_footer):
            part.is_linked_to_previous = False
        # Page 1's foot holds the job number and barcode in the official documents: its text area ends
        # higher (measured: about 706 pt from the top on A/RES/78/199, 735 on later pages).
        section.first_page_footer.paragraphs[0]._p.style = self._ids[styles.FIRST_FOOTER]
        # The masthead is page-1 furniture: in the first page's header the body flows below it.
        self._masthead = section.first_page_header._element
        for empty in self._masthead.findall(qn("w:p")):
            self._masthead.remove(empty)
        set_core_properties(self.document, self.resolution.title or self.symbol, self.symbol)

    def _running_head(self, header, left: str, right: str, *, symbol_left: bool) -> None:
        """Write a running head: symbol on the outer side, the title in a block on the inner side.

        A borderless two-cell table ruled below, as in the UN PDFs: the title wraps within its block
        and the symbol sits on the title's last line.
        """
        header.is_linked_to_previous = False
        element = header._element
        profile = self.profile
        width = profile.page_width - 2 * profile.furniture_left
        title_width = min(width * 0.5, 250.0)
        columns = (width - title_width, title_width) if symbol_left else (title_width, width - title_width)
        head, head_right = self._ids[styles.RUNNING_HEAD], self._ids[styles.RUNNING_HEAD_RIGHT]
        cells = []
        for column, style in ((columns[0], head), (columns[1], head_right)):
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{round(column * 20)}" w:type="dxa"/><w:vAlign w:val="bottom"/>'
                f'</w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr></w:p></w:tc>')
        table = parse_xml(
            f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{round(width * 20)}" w:type="dxa"/>'
            f'<w:tblInd w:w="{round(profile.furniture_indent * 20)}" w:type="dxa"/>'
            '<w:tblBorders><w:bottom w:val="single" w:sz="2" w:space="0" w:color="auto"/></w:tblBorders>'
            '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/>'
            '<w:right w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{round(columns[0] * 20)}"/><w:gridCol w:w="{round(columns[1] * 20)}"/>'
            f'</w:tblGrid><w:tr>{"".join(cells)}</w:tr></w:tbl>')
        for cell_paragraph, text in zip(table.iter(qn("w:p")), (left, right)):
            cell_paragraph.append(_plain_run(text))
        first = element.find(qn("w:p"))  # a header must end with a paragraph: keep the template's
        first.style = self._ids[styles.RUNNING_HEAD_END]
        first.addprevious(table)

    def _running_foot(self, footer, side: str) -> None:
        """Write a running foot: the page number (``2/4`` or ``2``) on the outer ``side``."""
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]._p
        p.style = self._ids[styles.FOOTER]
        if side == "right":
            p.append(_plain_run("\t"))
        p.append(_field("PAGE", "2"))
        if self.profile.page_of_pages:
            p.append(_plain_run("/"))
            p.append(_field("NUMPAGES", "2"))

    # -- front matter -----------------------------------------------------------------------------
    def write_front(self, title_pieces: list[Piece] | None = None) -> None:
        """Write the masthead, session block, sponsors line or adoption heading, title and organ line."""
        res, ids = self.resolution, self._ids
        self.add(styles.MASTHEAD, [
            Piece("United Nations\t"), Piece(self.symbol[:1], ids[styles.SYMBOL_INITIAL]),
            Piece(self.symbol[1:], ids[styles.SYMBOL_REST])], masthead=True)
        self.add(styles.MASTHEAD_RULE, [], masthead=True)  # the thin rule under the first line
        distribution = "Distr.: General" if self.state == ADOPTED else "Distr.: Limited"
        self.add(styles.MASTHEAD_ORGAN, [Piece("General Assembly\t"),
                                         Piece(distribution, ids[styles.MASTHEAD_NOTE])], masthead=True)
        # The document's own date of issue, never the adoption date nor today's (unknown: say so).
        self.add(styles.DISTRIBUTION, [Piece(wording.issue_date(res))], masthead=True)
        self.add(styles.DISTRIBUTION, [], masthead=True)
        # without "Original: English" its line stays empty: the thick rule keeps its place
        original = "Original: English" if wording.carries_original_language(self.body, self.state) else ""
        self.add(styles.DISTRIBUTION, [Piece(original)] if original else [], masthead=True)
        self.add(styles.RULE, [], masthead=True)

        if self.body == "HRC":
            self.add(styles.SESSION_ORGAN, [Piece(wording.organ_name("HRC"))])
            self.add(styles.SESSION, [Piece(wording.session_line(res))])
            if res.session_dates:
                self.add(styles.AGENDA, [Piece(res.session_dates)])
        else:
            self.add(styles.SESSION, [Piece(wording.session_line(res))])
            if res.committee and self.state == DRAFT:
                self.add(styles.SESSION_ORGAN, [Piece(res.committee)])
        agenda, agenda_title = wording.agenda_lines(res.agenda_item)
        agenda_title = res.agenda_title or agenda_title
        self.add(styles.AGENDA, [Piece(agenda)])
        if agenda_title:
            self.add(styles.AGENDA_TITLE, [Piece(agenda_title)])

        stars = [Piece(note=m) for m in self._front_notes if m.startswith("*")]
        others = [Piece(note=m) for m in self._front_notes if not m.startswith("*")]
        title = title_pieces or [Piece(res.title or "[Title]")]
        if self.state == DRAFT:
            sponsors = self.add(styles.SPONSORS, [Piece(wording.sponsors_text(res.sponsors) + ":"), *stars,
                                                  Piece(" draft resolution")])
            for style in sponsors.iter(qn("w:rStyle")):  # "Cuba:*": the asterisk full-size roman
                if style.get(qn("w:val")) == styles.FOOTNOTE_REFERENCE_ID:
                    style.set(qn("w:val"), ids[styles.SPONSOR_MARK])
            self.add(styles.TITLE, [*title, *others])
        else:
            self.add(styles.ADOPTION_HEADING, [Piece(wording.adoption_heading(res, self.body))])
            if res.report_line:  # "[on the report of the Third Committee (…)]", italic inside the brackets
                self.add(styles.REPORT_LINE, [Piece("["), Piece(res.report_line, ids[styles.REPORT_TEXT]),
                                              Piece("]")])
            number = wording.resolution_number(res, self.symbol)
            self.add(styles.TITLE_NUMBERED, [Piece(f"{number}\t"), *title, *stars, *others])
        name, rest = wording.organ_line(res, self.body)
        self.add(styles.ORGAN, [Piece(name, ids[styles.ORGAN_NAME]), Piece(rest)])

    # -- body -------------------------------------------------------------------------------------
    def number_label(self, paragraph: Paragraph, index: int) -> str:
        """Return ``13.\\t`` for an operative paragraph ("" for a preambular or a lone operative one)."""
        if paragraph.kind != OPERATIVE or len(self.resolution.operative) == 1:
            return ""
        return f"{paragraph.number or index}.\t"

    def write_paragraph(self, paragraph: Paragraph, index: int, change: str | None = None) -> None:
        """Write one preambular or operative paragraph (with its sub-paragraphs); ``index`` is 1-based."""
        style = styles.OPERATIVE if paragraph.kind == OPERATIVE else styles.PREAMBULAR
        pieces = [Piece(self.number_label(paragraph, index), None, change)]
        pieces += lead_pieces(paragraph.text, paragraph.lead, self._ids[styles.LEAD], change)
        pieces += [Piece(note=m, change=change) for m in dict.fromkeys(paragraph.notes)]
        self.add(style, pieces, change)
        self.write_subparagraphs(paragraph.subparagraphs, 0, change)

    def write_subparagraphs(self, subs: list[SubParagraph], depth: int, change: str | None = None) -> None:
        """Write sub-paragraphs ``(a)``/``(i)`` … one level deeper per nesting."""
        style = styles.SUBPARAGRAPH[min(depth, len(styles.SUBPARAGRAPH) - 1)]
        for sub in subs:
            pieces = [Piece(f"{sub.label}\t{sub.text}" if sub.label else sub.text, None, change)]
            pieces += [Piece(note=m, change=change) for m in dict.fromkeys(sub.notes)]
            self.add(style, pieces, change)
            self.write_subparagraphs(sub.subparagraphs, depth + 1, change)

    def write_body(self) -> None:
        """Write every preambular and operative paragraph."""
        counts = {PREAMBULAR: 0, OPERATIVE: 0}
        for paragraph in self.resolution.in_order():
            counts[paragraph.kind] += 1
            self.write_paragraph(paragraph, counts[paragraph.kind])

    # -- end matter -------------------------------------------------------------------------------
    def write_voting(self) -> None:
        """Write the voting record as the HRC prints it: each label, then its list of States; ``]`` last."""
        lists = wording.voting_lists(self.resolution.voting)
        for index, (label, names) in enumerate(lists):
            self.add(styles.VOTE_LABEL, [Piece(label)])
            closing = "]" if index == len(lists) - 1 else ""
            self.add(styles.VOTE_LIST, [Piece(names + closing)])

    def write_end(self) -> None:
        """Write the meeting and date (adopted), the HRC vote line, the closing rule, leftover notes."""
        if self.state == ADOPTED:
            adoption = self.resolution.adoption
            meeting = adoption.meeting or "[meeting]"
            date = wording.long_date(adoption.date) or "[date]"
            self.add(styles.MEETING, [Piece(f"{meeting}\n{date}")])
            vote = wording.vote_line(self.resolution) if self.body == "HRC" else None
            if vote:
                self.add(styles.VOTE, [Piece(vote)])
                if self.resolution.voting and vote.endswith(wording.VOTING_FOLLOWS):
                    self.write_voting()
        self.add(styles.END_RULE, [])
        leftover = self.notes.uncited()
        if leftover:  # notes cited nowhere still belong in the document
            self.add(styles.VOTE, [Piece(note=m) for m in leftover])


_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def _drop_template_leftovers(document) -> None:
    """Drop python-docx's template preview picture and its stale Word 2010 copy of the styles.

    Both describe the blank template, not this document (the copy lacks the UN styles).
    """
    for rels in (document.part.rels, document.part.package.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype in (_STYLES_WITH_EFFECTS, _THUMBNAIL):
                del rels[rel_id]


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _note_text(mark: str, text: str) -> str:
    """Return a note's text without a superscript copy of its own mark in front (``¹A/CONF…`` from OCR)."""
    stripped = text.strip()
    copy = mark.translate(_SUPERSCRIPT)
    if copy != mark and stripped.startswith(copy) and stripped[len(copy):len(copy) + 1] not in "⁰¹²³⁴⁵⁶⁷⁸⁹":
        return stripped[len(copy):].lstrip()
    return stripped


def _plain_run(text: str):
    return make_run(text)


def _field(instruction: str, placeholder: str):
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    field.append(_plain_run(placeholder))
    return field
