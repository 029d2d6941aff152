"""The named paragraph and character styles of a UN document, sized for one page profile.

Everything visible is formatted by these styles (a user can restyle the document in Word); the body
writer only picks a style per paragraph and per run.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from penholder.export.profiles import Profile

FONT = "Times New Roman"

# Paragraph styles
BODY = "UN Body"
FURNITURE = "UN Furniture"
PREAMBULAR = "UN Preambular"
OPERATIVE = "UN Operative"
SUBPARAGRAPH = ("UN Subparagraph", "UN Subparagraph 2", "UN Subparagraph 3", "UN Subparagraph 4")
TITLE = "UN Title"
TITLE_NUMBERED = "UN Title Numbered"
ORGAN = "UN Organ"
MASTHEAD = "UN Masthead"
MASTHEAD_ORGAN = "UN Masthead Organ"
DISTRIBUTION = "UN Distribution"
RULE = "UN Rule"
SESSION = "UN Session"
SESSION_ORGAN = "UN Session Organ"
AGENDA = "UN Agenda"
AGENDA_TITLE = "UN Agenda Title"
ADOPTION_HEADING = "UN Adoption Heading"
SPONSORS = "UN Sponsors"
MEETING = "UN Meeting"
VOTE = "UN Vote"
END_RULE = "UN End Rule"
HEADER = "UN Header"
FOOTER = "UN Footer"
FOOTNOTE_TEXT = "footnote text"  # Word's built-in names: Word and LibreOffice format note marks by them

# Character styles
LEAD = "UN Lead"
ORGAN_NAME = "UN Organ Name"
FOOTNOTE_REFERENCE = "footnote reference"
SYMBOL_INITIAL = "UN Symbol Initial"
SYMBOL_REST = "UN Symbol"
MASTHEAD_NOTE = "UN Masthead Note"

BODY_STYLES = (PREAMBULAR, OPERATIVE, *SUBPARAGRAPH)


def _border(style, side: str, size_eighths: int, space: int = 1) -> None:
    ppr = style.element.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # pBdr must come before spacing/ind/jc in pPr: insert it first among those present.
        successors = [ppr.find(qn(f"w:{tag}")) for tag in ("shd", "tabs", "spacing", "ind", "jc")]
        anchor = next((el for el in successors if el is not None), None)
        if anchor is not None:
            anchor.addprevious(borders)
        else:
            ppr.append(borders)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), str(space))
    line.set(qn("w:color"), "auto")
    borders.append(line)


def _set_defaults(document) -> None:
    """Make Times New Roman 10 pt, single spacing, no space after, the document's defaults."""
    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), "20")
    ppr = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)


def _paragraph_style(document, name: str, base: str | None, **fmt):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.quick_style = True
    style.base_style = document.styles[base] if base else document.styles["Normal"]
    font, para = style.font, style.paragraph_format
    for key, value in fmt.items():
        if key in ("size",):
            font.size = Pt(value)
        elif key in ("bold", "italic"):
            setattr(font, key, value)
        elif key == "leading":
            para.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            para.line_spacing = Pt(value)
        elif key in ("left", "right", "first", "before", "after"):
            attr = {"left": "left_indent", "right": "right_indent", "first": "first_line_indent",
                    "before": "space_before", "after": "space_after"}[key]
            setattr(para, attr, Pt(value))
        elif key == "align":
            para.alignment = value
        elif key == "keep":
            para.keep_with_next = value
        elif key == "tabs":
            for position, alignment in value:
                para.tab_stops.add_tab_stop(Pt(position), alignment)
        else:
            raise ValueError(key)
    return style


def _character_style(document, name: str, **fmt):
    style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.quick_style = True
    for key, value in fmt.items():
        if key == "size":
            style.font.size = Pt(value)
        else:
            setattr(style.font, key, value)
    return style


def add_styles(document, profile: Profile) -> None:
    """Add every UN style to ``document``, measured for ``profile``."""
    _set_defaults(document)
    width = profile.text_right - profile.text_left
    out_left = profile.furniture_indent
    out_right = profile.furniture_right_indent
    full_right = width - out_right  # right edge of full-width furniture, from the text block's left
    fi, step = profile.first_indent, profile.sub_step
    left, right, justify = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY
    tab_left, tab_right = WD_TAB_ALIGNMENT.LEFT, WD_TAB_ALIGNMENT.RIGHT

    _paragraph_style(document, BODY, None, size=10, leading=12, after=6, align=justify)
    _paragraph_style(document, FURNITURE, None, size=10, after=0, align=left)
    _paragraph_style(document, PREAMBULAR, BODY, first=fi)
    _paragraph_style(document, OPERATIVE, BODY, first=fi, tabs=[(profile.operative_tab, tab_left)])
    for level, name in enumerate(SUBPARAGRAPH, start=1):
        label_at = fi + level * step
        _paragraph_style(document, name, BODY, first=label_at, tabs=[(label_at + step, tab_left)])
    _paragraph_style(document, TITLE, FURNITURE, size=12, bold=True, right=width * 0.3, after=12,
                     keep=True)
    _paragraph_style(document, TITLE_NUMBERED, TITLE, first=out_left, tabs=[(0, tab_left)])
    _paragraph_style(document, ORGAN, BODY, first=fi, keep=True)
    _paragraph_style(document, MASTHEAD, FURNITURE, size=14, right=out_right,
                     tabs=[(full_right, tab_right)])
    _paragraph_style(document, MASTHEAD_ORGAN, FURNITURE, size=20, bold=True, right=out_right,
                     tabs=[(profile.distr_offset, tab_left)])
    _paragraph_style(document, DISTRIBUTION, FURNITURE, left=profile.distr_offset)
    rule = _paragraph_style(document, RULE, FURNITURE, left=out_left, right=out_right, before=88,
                            after=6, size=4)
    _border(rule, "bottom", 18)
    session_right = width - (260 + out_left)  # the session block is about 260 pt wide
    _paragraph_style(document, SESSION, FURNITURE, bold=True, left=out_left, right=session_right)
    _paragraph_style(document, SESSION_ORGAN, SESSION, size=12)
    _paragraph_style(document, AGENDA, SESSION, bold=False)
    _paragraph_style(document, AGENDA_TITLE, SESSION)
    _paragraph_style(document, ADOPTION_HEADING, FURNITURE, size=14, bold=True, right=width * 0.2,
                     before=24, after=18, keep=True)
    _paragraph_style(document, SPONSORS, FURNITURE, bold=True, before=24, after=14, keep=True)
    _paragraph_style(document, MEETING, FURNITURE, italic=True, align=right, before=12, keep=True)
    _paragraph_style(document, VOTE, BODY, before=12, align=left, keep=True)
    end_rule = _paragraph_style(document, END_RULE, FURNITURE, left=(width - 72) / 2,
                                right=(width - 72) / 2, before=18, size=4)
    _border(end_rule, "bottom", 8)
    header = _paragraph_style(document, HEADER, FURNITURE, size=9, bold=True, left=out_left,
                              right=out_right, tabs=[(full_right, tab_right)])
    _border(header, "bottom", 4)
    _paragraph_style(document, FOOTER, FURNITURE, size=9, bold=True, left=out_left, right=out_right,
                     tabs=[(full_right, tab_right)])
    note_text = _paragraph_style(document, FOOTNOTE_TEXT, FURNITURE, size=9, leading=10, first=-8, after=2,
                     tabs=[(0, tab_left)])

    _character_style(document, LEAD, italic=True)
    _character_style(document, ORGAN_NAME, italic=True)
    note_reference = _character_style(document, FOOTNOTE_REFERENCE, superscript=True)
    note_text.style_id, note_reference.style_id = "FootnoteText", "FootnoteReference"
    _character_style(document, SYMBOL_INITIAL, size=20)
    _character_style(document, SYMBOL_REST, size=10)
    _character_style(document, MASTHEAD_NOTE, size=10, bold=False)


def style_id(document, name: str) -> str:
    """Return the style id Word uses for the style called ``name``."""
    return document.styles[name].style_id
