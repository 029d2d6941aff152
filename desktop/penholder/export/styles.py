"""The named paragraph and character styles of a UN document, sized for one page profile.

Everything visible is formatted by these styles (a user can restyle the document in Word); the body
writer only picks a style per paragraph and per run.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

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
MASTHEAD_RULE = "UN Masthead Rule"
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
VOTE_LABEL = "UN Vote Label"
VOTE_LIST = "UN Vote List"
REPORT_LINE = "UN Report Line"
END_RULE = "UN End Rule"
RUNNING_HEAD = "UN Running Head"
RUNNING_HEAD_RIGHT = "UN Running Head Right"
RUNNING_HEAD_END = "UN Running Head End"
FOOTER = "UN Footer"
FIRST_FOOTER = "UN First Page Footer"
FOOTNOTE_TEXT = "footnote text"  # Word's built-in names: Word and LibreOffice format note marks by them

# Character styles
LEAD = "UN Lead"
ORGAN_NAME = "UN Organ Name"
FOOTNOTE_REFERENCE = "footnote reference"
FOOTNOTE_TEXT_ID, FOOTNOTE_REFERENCE_ID = "FootnoteText", "FootnoteReference"
SYMBOL_INITIAL = "UN Symbol Initial"
SYMBOL_REST = "UN Symbol"
MASTHEAD_NOTE = "UN Masthead Note"
SPONSOR_MARK = "UN Sponsor Mark"
REPORT_TEXT = "UN Report Text"

BODY_STYLES = (PREAMBULAR, OPERATIVE, *SUBPARAGRAPH)


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


def _twips(points: float) -> str:
    return str(round(points * 20))


def _paragraph_properties(fmt: dict) -> str:
    """Return the ``w:pPr`` XML of a style, children in schema order."""
    parts = []
    if fmt.get("keep"):
        parts.append("<w:keepNext/>")
    if fmt.get("widows"):
        parts.append("<w:widowControl/>")
    if fmt.get("border"):
        side, eighths = fmt["border"]
        parts.append(f'<w:pBdr><w:{side} w:val="single" w:sz="{eighths}" w:space="1" w:color="auto"/></w:pBdr>')
    if fmt.get("tabs"):
        tabs = "".join(f'<w:tab w:val="{kind}" w:pos="{_twips(at)}"/>' for at, kind in fmt["tabs"])
        parts.append(f"<w:tabs>{tabs}</w:tabs>")
    spacing = {key: fmt[key] for key in ("before", "after") if key in fmt}
    if spacing or "leading" in fmt:
        attrs = "".join(f' w:{key}="{_twips(value)}"' for key, value in spacing.items())
        if "leading" in fmt:
            attrs += f' w:line="{_twips(fmt["leading"])}" w:lineRule="exact"'
        parts.append(f"<w:spacing{attrs}/>")
    indent = ""
    for key in ("left", "right"):
        if key in fmt:
            indent += f' w:{key}="{_twips(fmt[key])}"'
    if "first" in fmt:
        first = fmt["first"]
        indent += f' w:firstLine="{_twips(first)}"' if first >= 0 else f' w:hanging="{_twips(-first)}"'
    if indent:
        parts.append(f"<w:ind{indent}/>")
    if "align" in fmt:
        parts.append(f'<w:jc w:val="{fmt["align"]}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def _run_properties(fmt: dict) -> str:
    """Return the ``w:rPr`` XML of a style, children in schema order."""
    parts = []
    if "bold" in fmt:
        parts.append("<w:b/><w:bCs/>" if fmt["bold"] else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    if fmt.get("italic"):
        parts.append("<w:i/><w:iCs/>")
    if "tracking" in fmt:  # expanded character spacing, in points (w:spacing is in twentieths)
        parts.append(f'<w:spacing w:val="{_twips(fmt["tracking"])}"/>')
    if "size" in fmt:
        half_points = round(fmt["size"] * 2)
        parts.append(f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>')
    if fmt.get("superscript"):
        parts.append('<w:vertAlign w:val="superscript"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


class _Sheet:
    """Adds styles to one document as XML (python-docx's ``add_style`` scans every style each time)."""

    def __init__(self, document):
        self.styles = document.styles.element
        self.ids: dict[str, str] = {}

    def add(self, kind: str, name: str, base: str | None, fmt: dict, style_id: str | None = None) -> None:
        style_id = style_id or name.replace(" ", "")
        builtin = name in (FOOTNOTE_TEXT, FOOTNOTE_REFERENCE)  # Word's own names, restyled
        custom = "" if builtin else ' w:customStyle="1"'
        based = f'<w:basedOn w:val="{self.ids[base] if base else "Normal"}"/>' if kind == "paragraph" else ""
        paragraph = _paragraph_properties(fmt) if kind == "paragraph" else ""
        self.styles.append(parse_xml(
            f'<w:style {nsdecls("w")} w:type="{kind}"{custom} w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f"{based}<w:qFormat/>{paragraph}{_run_properties(fmt)}</w:style>"))
        self.ids[name] = style_id


def _paragraph_style(sheet: _Sheet, name: str, base: str | None, style_id: str | None = None, **fmt) -> None:
    sheet.add("paragraph", name, base, fmt, style_id)


def _character_style(sheet: _Sheet, name: str, style_id: str | None = None, **fmt) -> None:
    sheet.add("character", name, None, fmt, style_id)


def add_styles(document, profile: Profile) -> dict[str, str]:
    """Add every UN style to ``document``, measured for ``profile``; return their ids by name."""
    _set_defaults(document)
    sheet = _Sheet(document)
    width = profile.text_right - profile.text_left
    out_left = profile.furniture_indent
    out_right = profile.furniture_right_indent
    full_right = width - out_right  # right edge of full-width furniture, from the text block's left
    fi, step = profile.first_indent, profile.sub_step
    left, right, justify = "left", "right", "both"
    tab_left, tab_right = "left", "right"

    # the official body text is set 0.25 pt expanded: without it lines hold ~6% more characters
    _paragraph_style(sheet, BODY, None, size=10, leading=12, after=6, align=justify, widows=True,
                     tracking=profile.body_tracking)
    _paragraph_style(sheet, FURNITURE, None, size=10, after=0, align=left)
    _paragraph_style(sheet, PREAMBULAR, BODY, first=fi)
    _paragraph_style(sheet, OPERATIVE, BODY, first=fi, tabs=[(profile.operative_tab, tab_left)])
    for level, name in enumerate(SUBPARAGRAPH, start=1):
        label_at = fi + level * step
        _paragraph_style(sheet, name, BODY, first=label_at, tabs=[(label_at + step, tab_left)])
    # the title and adoption heading wrap inside narrower blocks (measured: A/C.3/80/L.35, A/RES/78/199)
    _paragraph_style(sheet, TITLE, FURNITURE, size=12, bold=True, right=48, after=12,
                     keep=True)
    # "78/199." hangs in the margin at x = 72 (measured), the title at the text block
    _paragraph_style(sheet, TITLE_NUMBERED, TITLE, first=profile.title_number_left - profile.text_left,
                     tabs=[(0, tab_left)])
    _paragraph_style(sheet, ORGAN, BODY, first=fi, keep=True)
    _paragraph_style(sheet, MASTHEAD, FURNITURE, size=14, right=out_right,
                     tabs=[(full_right, tab_right)])
    _paragraph_style(sheet, MASTHEAD_RULE, FURNITURE, size=2, leading=2, left=out_left, right=out_right,
                     border=("bottom", 4))  # 0.5 pt, the full width
    _paragraph_style(sheet, MASTHEAD_ORGAN, FURNITURE, size=20, bold=True, right=out_right, before=2,
                     tabs=[(profile.distr_offset, tab_left)])
    _paragraph_style(sheet, DISTRIBUTION, FURNITURE, left=profile.distr_offset)
    _paragraph_style(sheet, RULE, FURNITURE, left=out_left, right=out_right, before=78, after=2, size=4,
                     border=("bottom", 12))  # the thick rule: 1.5 pt
    session_right = width - (266 + out_left)  # the session block is about 266 pt wide (measured)
    _paragraph_style(sheet, SESSION, FURNITURE, bold=True, left=out_left, right=session_right, leading=12)
    _paragraph_style(sheet, SESSION_ORGAN, SESSION, size=12)
    _paragraph_style(sheet, AGENDA, SESSION, bold=False)
    _paragraph_style(sheet, AGENDA_TITLE, SESSION)
    _paragraph_style(sheet, ADOPTION_HEADING, FURNITURE, size=14, bold=True, right=66, leading=15,
                     before=18.5, after=12, keep=True)
    _paragraph_style(sheet, SPONSORS, FURNITURE, bold=True, before=24, after=14, keep=True)
    _paragraph_style(sheet, MEETING, FURNITURE, italic=True, align=right, before=12, leading=12, keep=True)
    _paragraph_style(sheet, VOTE, BODY, before=12, align=left, keep=True)
    # the lists of a recorded vote (HRC): label at the first-line indent, the States one step in
    _paragraph_style(sheet, VOTE_LABEL, BODY, left=fi, after=0, keep=True, italic=True)
    _paragraph_style(sheet, VOTE_LIST, BODY, left=2 * fi)
    _paragraph_style(sheet, REPORT_LINE, FURNITURE, after=12, keep=True)
    # the closing rule: 72 pt wide, 0.25 pt, about 32 pt below the date (measured)
    _paragraph_style(sheet, END_RULE, FURNITURE, left=(width - 72) / 2, right=(width - 72) / 2, before=24,
                     size=4, border=("bottom", 2))
    _paragraph_style(sheet, RUNNING_HEAD, FURNITURE, size=8.5, bold=True, before=2.3, after=2)
    _paragraph_style(sheet, RUNNING_HEAD_RIGHT, RUNNING_HEAD, align=right)
    _paragraph_style(sheet, RUNNING_HEAD_END, FURNITURE, size=4, leading=4)
    _paragraph_style(sheet, FOOTER, FURNITURE, size=9, bold=True, left=out_left, right=out_right,
                     tabs=[(full_right, tab_right)])
    # footnote text 8.5 pt at 10.6 pt pitch (measured), the number hanging 6 pt left of the text
    _paragraph_style(sheet, FIRST_FOOTER, FURNITURE, size=2, leading=profile.first_page_foot)
    _paragraph_style(sheet, FOOTNOTE_TEXT, FURNITURE, FOOTNOTE_TEXT_ID, size=8.5, leading=10.6, first=-6,
                     after=0, tabs=[(0, tab_left)])

    _character_style(sheet, LEAD, italic=True)
    _character_style(sheet, ORGAN_NAME, italic=True)
    _character_style(sheet, FOOTNOTE_REFERENCE, FOOTNOTE_REFERENCE_ID, superscript=True)
    _character_style(sheet, SYMBOL_INITIAL, size=20)
    _character_style(sheet, SYMBOL_REST, size=10)
    _character_style(sheet, MASTHEAD_NOTE, size=10, bold=False)
    _character_style(sheet, SPONSOR_MARK, bold=False)  # a full-size roman asterisk ("Cuba:*")
    _character_style(sheet, REPORT_TEXT, italic=True)
    return dict(sheet.ids)


