"""Tab completion in the editor: openers, operative verbs and their usual continuations.

At the start of a paragraph Tab offers the lexicon's openers and verbs ranked by how often the library
opens paragraphs with them; after an opener it offers the library's most frequent continuations
(``penholder.completion``, built once per library in a worker; a request takes well under a millisecond,
so it runs on the UI thread). The list pops up under the cursor (Ctrl+Space shows it without inserting a
lone suggestion): Up/Down choose, Enter or Tab accept, Esc closes, typing narrows it. Where nothing is
offered, Tab keeps its normal meaning.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFrame, QListWidget, QListWidgetItem

from penholder.drafts import layout

SUGGESTIONS = 8
MAX_PREFIX = 200  # characters before the cursor worth completing: past that the drafter is writing prose
_NO_COMPLETION = (layout.TITLE, layout.ORGAN, layout.SUB)
_SUGGESTION_ROLE = Qt.ItemDataRole.UserRole


def build_completer(library_path=None, resolutions=None):
    """Return a ``penholder.completion.Completer`` over the library or ``resolutions`` (over the lexicon
    alone if the library cannot be read)."""
    from penholder.completion import Completer

    if resolutions is not None:
        return Completer.from_resolutions(resolutions)
    if library_path is None:
        return Completer(())
    from penholder.errors import PenholderError
    from penholder.library import Library

    try:
        library = Library.open(library_path)
    except PenholderError:
        return Completer(())
    try:
        return Completer.from_library(library)
    finally:
        library.close()


class CompletionPopup(QListWidget):
    """The list of suggestions, drawn inside the editor's viewport so it never takes the keyboard."""

    def __init__(self, viewport):
        super().__init__(viewport)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setUniformItemSizes(True)
        self.setFont(QApplication.font())  # the interface's font, not the editor's serif
        self.setStyleSheet("QListWidget { background: palette(base); border: 1px solid palette(mid); }"
                           "QListWidget::item { padding: 2px 6px; }")
        self.hide()

    def show_suggestions(self, suggestions: list, under) -> None:
        """List ``suggestions`` (first selected) in a box below the rectangle ``under`` (viewport
        coordinates), kept inside the viewport."""
        self.clear()
        for suggestion in suggestions:
            item = QListWidgetItem(suggestion.text.strip())
            item.setData(_SUGGESTION_ROLE, suggestion)
            where = "library paragraphs" if suggestion.source == "library" else "library paragraphs open so"
            item.setToolTip(f"{suggestion.count} {where}" if suggestion.count else "From the lexicon")
            self.addItem(item)
        self.setCurrentRow(0)
        viewport = self.parentWidget()
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(s.text.strip()) for s in suggestions) + 36
        width = max(220, min(widest, viewport.width() - 8))
        height = self.sizeHintForRow(0) * len(suggestions) + 2 * self.frameWidth() + 2
        x = max(4, min(under.left(), viewport.width() - width - 4))
        y = under.bottom() + 3
        if y + height > viewport.height() and under.top() - height - 3 >= 0:
            y = under.top() - height - 3  # no room below the line: open above it
        self.setGeometry(x, y, width, height)
        self.show()
        self.raise_()

    def current_suggestion(self):
        """Return the selected suggestion, or ``None``."""
        item = self.currentItem()
        return item.data(_SUGGESTION_ROLE) if item is not None else None

    def move_selection(self, step: int) -> None:
        """Select the next (+1) or previous (-1) suggestion, wrapping round."""
        if self.count():
            self.setCurrentRow((self.currentRow() + step) % self.count())


class TabCompletion(QObject):
    """Watches the editor's keys: Tab asks the completer, the popup takes Up/Down/Enter/Tab/Esc."""

    accepted = Signal(str)  # the text inserted

    def __init__(self, editor, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.completer = None
        self.popup = CompletionPopup(editor.viewport())
        self.popup.itemClicked.connect(lambda item: self.accept(item.data(_SUGGESTION_ROLE)))
        self._inserting = False
        self._block = -1  # the line the open list belongs to
        editor.installEventFilter(self)
        editor.textChanged.connect(self._text_changed)
        editor.cursorPositionChanged.connect(self._cursor_moved)

    def set_completer(self, completer) -> None:
        """Complete from ``completer`` (a ``penholder.completion.Completer``) from now on."""
        self.completer = completer

    # -- asking --------------------------------------------------------------------------------------
    def context(self) -> tuple[str, str | None] | None:
        """Return (the cursor's line up to the cursor, the paragraph kind if known), or ``None`` where
        nothing is completed (a selection, title, organ line or sub-paragraph, deep in a paragraph)."""
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            return None
        line = self.editor.line(cursor.blockNumber())
        if line is not None and line.role in _NO_COMPLETION:
            return None
        prefix = cursor.block().text()[: cursor.positionInBlock()]
        if len(prefix) > MAX_PREFIX:
            return None
        kind = "operative" if line is not None and line.role == layout.OPERATIVE else None
        return prefix, kind

    def suggestions(self) -> list:
        """Return the completions offered at the cursor (empty without a completer or a context)."""
        context = self.context() if self.completer is not None else None
        if context is None:
            return []
        prefix, kind = context
        return self.completer.complete(prefix, kind, limit=SUGGESTIONS)

    def offer(self) -> bool:
        """Show the suggestions at the cursor; return whether there were any."""
        found = self.suggestions()
        if not found:
            self.popup.hide()
            return False
        self._show(found)
        return True

    def _show(self, found: list) -> None:
        self._block = self.editor.textCursor().blockNumber()
        self.popup.show_suggestions(found, self.editor.cursorRect())

    def accept(self, suggestion=None) -> bool:
        """Insert ``suggestion`` (default: the selected one) at the cursor as one undo step."""
        suggestion = suggestion or self.popup.current_suggestion()
        self.popup.hide()
        if suggestion is None or not suggestion.insert:
            return False
        cursor = self.editor.textCursor()
        self._inserting = True
        try:
            cursor.beginEditBlock()
            cursor.insertText(suggestion.insert)
            cursor.endEditBlock()
        finally:
            self._inserting = False
        self.editor.setTextCursor(cursor)
        self.accepted.emit(suggestion.insert)
        return True

    # -- keys ----------------------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # Qt override
        """Route Tab to completion and, while the list is open, its keys to the list."""
        if watched is not self.editor:
            return False
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and self.popup.isVisible() and _is_popup_key(event):
            event.accept()  # Esc and Enter belong to the list, not to window shortcuts
            return True
        if kind != QEvent.Type.KeyPress:
            if kind == QEvent.Type.FocusOut:
                self.popup.hide()
            return False
        key, modifiers = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if self.popup.isVisible():
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not modifiers:
                self.popup.move_selection(-1 if key == Qt.Key.Key_Up else 1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab) and not modifiers:
                return self.accept()
            if key == Qt.Key.Key_Escape:
                self.popup.hide()
                return True
            if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End):
                self.popup.hide()
            return False  # typing goes on into the editor; the list narrows afterwards
        if key == Qt.Key.Key_Space and modifiers == Qt.KeyboardModifier.ControlModifier:
            self.offer()  # the list without inserting, as in code editors
            return True
        if key == Qt.Key.Key_Tab and not modifiers:
            found = self.suggestions()
            if not found:
                return False  # nothing to offer: Tab is Tab
            if len(found) == 1:
                return self.accept(found[0])
            self._show(found)
            return True
        return False

    def _text_changed(self) -> None:
        if self.popup.isVisible() and not self._inserting:
            self.offer()  # narrow (or close) the open list as the drafter types

    def _cursor_moved(self) -> None:
        if self.popup.isVisible() and not self._inserting:
            if self.editor.textCursor().blockNumber() != self._block:
                self.popup.hide()
            else:
                self.offer()


def _is_popup_key(event) -> bool:
    return event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab,
                           Qt.Key.Key_Up, Qt.Key.Key_Down)
