"""The draft editor: plain text, one paragraph per line, with leads in italics and operative paragraphs
told apart from preambular ones by a syntax highlighter, and space after each paragraph as in the UN
layout (nothing stored as formatting: the text is exactly what the drafter typed).

Every change that touches paragraphs (replace, insert, move, renumber) goes through one QTextCursor edit
block, so one undo restores the text as it was.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeySequence,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit

from penholder.drafts import layout

# Calm colours: operative paragraphs in ink blue, preambular in the text colour, furniture in grey.
OPERATIVE_INK = QColor("#1d3f72")
FURNITURE_INK = QColor("#6b6b6b")
NUMBER_INK = QColor("#8a6d3b")
PARAGRAPH_SPACE_PT = 6  # space after a paragraph, as in the UN layout

_FALLBACK_LEAD = re.compile(
    r"^((?:(?:[A-Z][a-z]+ly|Also|Further|Once again|Again)\s+)?"
    r"(?:[A-Za-z]+ing|[A-Za-z]+s)(?:\s+(?:also|further|upon|note|with \w+|its \w+|that))?)\b"
)


def fallback_lead(text: str) -> str:
    """Return a likely lead for a paragraph the parser has not seen yet (first verb, with adverbs)."""
    match = _FALLBACK_LEAD.match(text)
    return match.group(1) if match else ""


class ParagraphSpacing(QPlainTextDocumentLayout):
    """Lays out the editor's lines with space after each one that holds text (a paragraph, a
    sub-paragraph, the title): the plain-text layout ignores block margins, so the space is added to the
    line's box, below its text, which the editor paints, scrolls and hit-tests by."""

    def __init__(self, document: QTextDocument, space_px: int):
        super().__init__(document)
        self.space_px = space_px

    def blockBoundingRect(self, block):  # Qt override
        """Return the line's box with the space after a paragraph added at its bottom."""
        box = super().blockBoundingRect(block)
        if block.length() > 1 and box.height() > 0:  # not an empty line, not a hidden one
            return box.adjusted(0, 0, 0, self.space_px)
        return box


class DraftHighlighter(QSyntaxHighlighter):
    """Show leads in italics, operative paragraphs in ink blue, title and organ line as furniture."""

    def __init__(self, editor: DraftEditor):
        super().__init__(editor.document())
        self.editor = editor
        self.lead = QTextCharFormat()
        self.lead.setFontItalic(True)
        self.operative = QTextCharFormat()
        self.operative.setForeground(OPERATIVE_INK)
        self.operative_lead = QTextCharFormat(self.operative)
        self.operative_lead.setFontItalic(True)
        self.number = QTextCharFormat()
        self.number.setForeground(NUMBER_INK)
        self.title = QTextCharFormat()
        self.title.setFontWeight(QFont.Weight.Bold)
        self.organ = QTextCharFormat()
        self.organ.setFontItalic(True)
        self.organ.setForeground(FURNITURE_INK)

    def look(self, line: layout.Line | None, text: str) -> int:
        """Return a number for how a line is drawn (role, where its body starts, its lead); a line whose
        look has not changed since it was drawn need not be drawn again."""
        if line is None:
            return -1
        lead = self.editor.lead_of(text[line.body_start:]) if line.role in (layout.PREAMBULAR, layout.OPERATIVE) else ""
        return hash((line.role, line.body_start, lead)) & 0x3FFFFFFF

    def highlightBlock(self, text: str) -> None:
        """Format one line by its role in the draft."""
        line = self.editor.line(self.currentBlock().blockNumber())
        self.setCurrentBlockState(self.look(line, text))
        if line is None or line.role == layout.BLANK:
            return
        if line.role == layout.TITLE:
            self.setFormat(0, len(text), self.title)
            return
        if line.role == layout.ORGAN:
            self.setFormat(0, len(text), self.organ)
            return
        operative = line.role in (layout.OPERATIVE, layout.SUB)
        if operative:
            self.setFormat(0, len(text), self.operative)
            self.setFormat(0, line.body_start, self.number)
        if line.role == layout.SUB:
            return
        body = text[line.body_start:]
        lead = self.editor.lead_of(body)
        if lead and body.startswith(lead):
            self.setFormat(line.body_start, len(lead), self.operative_lead if operative else self.lead)


class DraftEditor(QPlainTextEdit):
    """The editor in the centre of the window; knows its lines' roles and edits whole paragraphs."""

    paragraph_entered = Signal(int)  # block number of the paragraph the cursor moved into
    typed = Signal(int)  # block number of the line a key press just typed into (not edits made by the program)

    def __init__(self, parent=None):
        super().__init__(parent)
        document = QTextDocument(self)
        document.setDocumentLayout(ParagraphSpacing(document, round(PARAGRAPH_SPACE_PT * self.logicalDpiY() / 72)))
        self.setDocument(document)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setTabChangesFocus(False)
        self.setPlaceholderText(
            "Type the draft: title, organ line (The Human Rights Council,), preambular paragraphs, "
            "then operative paragraphs numbered 1., 2. … and sub-paragraphs (a), (b) …"
        )
        self._lines: list[layout.Line] = []
        self._lines_stale = True
        self.leads: dict[str, str] = {}  # paragraph start -> lead, from the last parse
        self._last_block = -1
        self.history_step = False  # the last change was an undo or redo: do not renumber over it
        # Connected before the highlighter so the roles are fresh when it redraws a changed line.
        self.document().contentsChange.connect(self._text_edited)
        self.highlighter = DraftHighlighter(self)
        self.cursorPositionChanged.connect(self._cursor_moved)
        self.document().setDocumentMargin(18)
        font = self.font()
        font.setFamilies(["Times New Roman", "Liberation Serif", "DejaVu Serif", "serif"])
        self.setFont(font)

    # -- the editor's view of its lines ---------------------------------------------------------------
    def text_lines(self) -> list[str]:
        """Return the draft as a list of lines (one per block)."""
        return self.toPlainText().split("\n")

    def lines(self) -> list[layout.Line]:
        """Return the role of every line, recomputed when the text changed."""
        if self._lines_stale:
            self._lines = layout.classify(self.text_lines())
            self._lines_stale = False
        return self._lines

    def _text_edited(self, _position: int, _removed: int, _added: int) -> None:
        self._lines_stale = True

    def line(self, block_number: int) -> layout.Line | None:
        """Return the role of one line."""
        lines = self.lines()
        return lines[block_number] if 0 <= block_number < len(lines) else None

    def lead_of(self, body: str) -> str:
        """Return the lead of a paragraph text: as parsed if known, else a likely one."""
        return self.leads.get(body[:48]) or fallback_lead(body)

    def set_leads(self, leads: dict[str, str]) -> None:
        """Use the parser's leads (keyed by the first 48 characters of a paragraph) and redraw the lines
        whose look changed: a new lead, or a role that depends on lines below (a title above the organ line)."""
        self.leads = leads
        self.redraw_changed_lines()

    def redraw_changed_lines(self) -> None:
        """Draw again only the lines whose look changed (a new lead, a line that became the title):
        redrawing the whole draft after every pause stalled the window for 100-200 ms on long drafts."""
        lines = self.lines()
        block = self.document().firstBlock()
        while block.isValid():
            number = block.blockNumber()
            line = lines[number] if number < len(lines) else None
            if self.highlighter.look(line, block.text()) != block.userState():
                self.highlighter.rehighlightBlock(block)
            block = block.next()

    def current_block_number(self) -> int:
        """Return the block number of the cursor's line."""
        return self.textCursor().blockNumber()

    def current_paragraph(self) -> tuple[layout.Line, str] | None:
        """Return the cursor's paragraph line and its text (without number or label), if on one."""
        number = self.current_block_number()
        line = self.line(number)
        if line is None or not line.is_paragraph:
            return None
        return line, layout.paragraph_text(self.textCursor().block().text(), line)

    def _cursor_moved(self) -> None:
        number = self.current_block_number()
        if number != self._last_block:
            self._last_block = number
            self.paragraph_entered.emit(number)

    # -- whole-paragraph edits, each one undo step ----------------------------------------------------
    def _block_cursor(self, first: int, last: int) -> QTextCursor:
        doc = self.document()
        cursor = QTextCursor(doc.findBlockByNumber(first))
        end = doc.findBlockByNumber(last)
        cursor.setPosition(end.position() + end.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def replace_paragraph(self, block_number: int, text: str) -> None:
        """Replace the paragraph text of a line (keeping its operative number) as one undo step; an
        operative paragraph with sub-paragraphs replaces the old paragraph's sub-paragraphs too."""
        line = self.line(block_number)
        if line is None:
            return
        block = self.document().findBlockByNumber(block_number)
        keep = block.text()[: line.body_start] if line.role in (layout.OPERATIVE, layout.SUB) else ""
        last = block_number
        pieces = layout.split_subparagraphs(text) if line.role == layout.OPERATIVE else [text]
        if len(pieces) > 1:
            last = (layout.unit_at(self.text_lines(), block_number) or (block_number, block_number))[1]
        self.history_step = False
        cursor = self._block_cursor(block_number, last)
        cursor.beginEditBlock()
        cursor.insertText(keep + "\n".join(pieces))
        cursor.endEditBlock()
        self.setTextCursor(self._at_block(block_number))

    def insert_paragraph_below(self, block_number: int, text: str, operative: bool) -> int:
        """Insert a paragraph after the paragraph at ``block_number`` (after its sub-paragraphs), renumber,
        and return the new paragraph's block number; one undo step."""
        lines = self.text_lines()
        span = layout.unit_at(lines, block_number)
        after = span[1] if span else min(block_number, len(lines) - 1)
        new_line = "\n".join(layout.split_subparagraphs(f"1. {text}")) if operative else text
        spaced = after + 1 < len(lines) and not lines[after + 1].strip()  # the draft leaves blank lines
        self.history_step = False
        cursor = self._block_cursor(after, after)
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        cursor.insertText(("\n\n" if spaced else "\n") + new_line)
        self._renumber(cursor)
        cursor.endEditBlock()
        inserted = after + (2 if spaced else 1)
        self.setTextCursor(self._at_block(inserted))
        return inserted

    def move_paragraph(self, step: int) -> bool:
        """Move the cursor's paragraph up (-1) or down (+1) past its neighbour and renumber; one undo step."""
        lines = self.text_lines()
        result = layout.moved(lines, self.current_block_number(), step)
        if result is None:
            return False
        new_lines, new_index = result
        first = min(i for i in range(len(lines)) if lines[i] != new_lines[i])
        last = max(i for i in range(len(lines)) if lines[i] != new_lines[i])
        self.history_step = False
        cursor = self._block_cursor(first, last)
        cursor.beginEditBlock()
        cursor.insertText("\n".join(new_lines[first:last + 1]))
        cursor.endEditBlock()
        self.setTextCursor(self._at_block(new_index))
        return True

    def renumber(self, join_previous: bool = True) -> bool:
        """Put operative numbers in order; joined to the previous edit so one undo covers both."""
        if not layout.renumbered(self.text_lines()):
            return False
        cursor = QTextCursor(self.document())
        if join_previous:
            cursor.joinPreviousEditBlock()
        else:
            cursor.beginEditBlock()
        self._renumber(cursor)
        cursor.endEditBlock()
        return True

    def _renumber(self, cursor: QTextCursor) -> None:
        # Only the number is rewritten, so the drafter's cursor and selection stay where they were.
        doc = self.document()
        for index, new_text in layout.renumbered(self.text_lines()).items():
            block = doc.findBlockByNumber(index)
            old_number = re.match(r"\s*\d+", block.text()).end()
            new_number = re.match(r"\s*\d+", new_text).end()
            cursor.setPosition(block.position())
            cursor.setPosition(block.position() + old_number, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(new_text[:new_number])

    def _at_block(self, block_number: int) -> QTextCursor:
        block = self.document().findBlockByNumber(block_number)
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        return cursor

    def go_to_block(self, block_number: int) -> None:
        """Put the cursor at the start of a line and show it."""
        cursor = QTextCursor(self.document().findBlockByNumber(block_number))
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()

    def undo_step(self) -> None:
        """Undo one step (and leave the numbering as it was then)."""
        self.history_step = True
        self.undo()

    def redo_step(self) -> None:
        """Redo one step."""
        self.history_step = True
        self.redo()

    def keyPressEvent(self, event) -> None:
        """Alt+Up/Alt+Down move the current paragraph; undo and redo are remembered as such."""
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_step()
            return
        if event.matches(QKeySequence.StandardKey.Redo):
            self.redo_step()
            return
        if event.text():
            self.history_step = False
        if event.modifiers() == Qt.KeyboardModifier.AltModifier and event.key() in (Qt.Key.Key_Up,
                                                                                    Qt.Key.Key_Down):
            self.move_paragraph(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)
        if event.text():
            self.typed.emit(self.current_block_number())
