"""House-style checks while the drafter types: wavy underlines in the editor, the message as a tooltip,
a count in the status bar and a one-key fix (``penholder.checks`` does the checking, in the pool).

The checker is built once per library in a worker, together with the Tab completer (``load_drafting_aids``,
after the precedent index so a new library is filled by one opening); each longer typing pause checks the
whole draft in a worker too. Underlines are live text cursors, so they move with the text until the next
check; the Problems dock lists the same results.

The ending of the paragraph being typed (its final mark, its being the lone or last operative one) is not
flagged while the cursor stays in it (``checks.being_typed``): it shows when the cursor leaves the
paragraph or after ``TYPING_PAUSE_MS`` without a key.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip

from penholder.ui.workers import start_task

TYPING_PAUSE_MS = 3000  # after this long without a key, the paragraph being typed is checked in full
COLOURS = {"error": QColor("#c0392b"), "warning": QColor("#d68910"), "info": QColor("#5d7fa3")}


def fix_label(problem) -> str:
    """Return how a problem's fix reads in a menu: “Insert “,””, “Change to “…”” or “Delete the marked
    text”."""
    fix = problem.fix or ""
    shown = fix if len(fix) <= 40 else fix[:39] + "…"
    if problem.start is not None and problem.start == problem.end:
        return f"Insert “{shown}”"
    return f"Change to “{shown}”" if fix else "Delete the marked text"


def build_checker(library_path=None, resolutions=None):
    """Return a ``penholder.checks.Checker`` that knows the library's (or ``resolutions``') leads and
    citations (the plain house rules if the library cannot be read)."""
    from penholder.checks import Checker

    if resolutions is not None:
        return Checker.from_resolutions(resolutions)
    if library_path is not None:
        from penholder.errors import PenholderError
        from penholder.library import Library

        try:
            library = Library.open(library_path)
        except PenholderError:
            return Checker()
        try:
            return Checker.from_library(library)
        finally:
            library.close()
    return Checker()


def load_drafting_aids(library_path):
    """Return (house-style checker, completer) for the library, reading its resolutions once; each falls
    back to the lexicon alone when the library cannot be read (``None`` if its module is missing)."""
    from penholder.errors import PenholderError
    from penholder.library import Library
    from penholder.ui.completion_popup import build_completer

    try:
        library = Library.open(library_path)
    except PenholderError:
        return build_checker(None), build_completer(None)
    try:
        resolutions = library.resolutions()
    finally:
        library.close()
    return build_checker(None, resolutions), build_completer(None, resolutions)


class LiveChecks(QObject):
    """Checks the editor's text after a pause and shows the problems in it."""

    checked = Signal(int)  # number of problems shown

    def __init__(self, editor, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.checker = None
        self.problems: list = []  # (problem, live cursor over its span)
        self.listed: list = []  # every problem in text order: (problem, live cursor or None if it has no place)
        self.found: list = []  # everything the last check found, held problems included
        self.found_text: str | None = None  # the text it was found in
        self.held: list = []  # problems of the paragraph being typed, shown when the drafter leaves it
        self.typing_line: int | None = None  # line the drafter is typing on, until they leave it or pause
        self.generation = 0
        self.pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self.pause.timeout.connect(self.stop_typing)
        editor.viewport().installEventFilter(self)
        editor.typed.connect(self._typed)
        editor.cursorPositionChanged.connect(self._cursor_moved)

    def set_checker(self, checker) -> None:
        """Use ``checker`` from now on and check again."""
        self.checker = checker
        self.check()

    def check(self) -> None:
        """Check the current text in the pool; show the problems when they come back (if still current)."""
        if self.checker is None:
            return
        self.generation += 1
        generation, text, checker = self.generation, self.editor.toPlainText(), self.checker

        def show(problems):
            if generation == self.generation and text == self.editor.toPlainText():
                self.show(problems)

        start_task(lambda: checker.check_draft(text) if text.strip() else [], show, owner=self)

    def _typed(self, line: int) -> None:
        self.typing_line = line
        self.pause.start()

    def _cursor_moved(self) -> None:
        if self.typing_line is not None and self.editor.current_block_number() != self.typing_line:
            self.stop_typing()

    def stop_typing(self) -> None:
        """The drafter left the paragraph being typed (or paused): show its problems too."""
        self.typing_line = None
        self.pause.stop()
        if not self.held:
            return
        if self.found_text == self.editor.toPlainText():
            self.show(self.found)
        else:
            self.check()

    def show(self, problems: list) -> None:
        """Underline each problem that has a place in the text (an insertion point: the character
        before it), except those that wait while their paragraph is being typed."""
        from penholder.checks.being_typed import held_while_typing

        document = self.editor.document()
        length = document.characterCount() - 1
        self.found, self.found_text = list(problems), self.editor.toPlainText()
        self.held = (held_while_typing(self.found, self.found_text, self.typing_line)
                     if self.typing_line is not None else [])
        self.problems = []
        self.listed = []
        selections = []
        for problem in problems:
            if any(problem is held for held in self.held):
                continue
            if problem.start is None or problem.end is None or not 0 <= problem.start <= problem.end <= length:
                self.listed.append((problem, None))
                continue
            exact = QTextCursor(document)  # what a fix replaces (may be empty: an insertion)
            exact.setPosition(problem.start)
            exact.setPosition(problem.end, QTextCursor.MoveMode.KeepAnchor)
            shown = QTextCursor(exact)
            if problem.start == problem.end:
                shown.setPosition(max(0, problem.start - 1))
                shown.setPosition(max(1, problem.start), QTextCursor.MoveMode.KeepAnchor)
            self.problems.append((problem, exact))
            self.listed.append((problem, exact))
            selection = QTextEdit.ExtraSelection()
            selection.cursor = shown
            underline = QTextCharFormat()
            underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            underline.setUnderlineColor(COLOURS.get(problem.severity, COLOURS["warning"]))
            selection.format = underline
            selections.append(selection)
        self.editor.setExtraSelections(selections)
        self.checked.emit(len(self.problems))

    def problems_at(self, position: int) -> list:
        """Return the problems at a text position (on their span, or just before an insertion point)."""
        return [problem for problem, cursor in self.problems
                if cursor.selectionStart() - (cursor.selectionStart() == cursor.selectionEnd())
                <= position <= cursor.selectionEnd()]

    def fix_at_cursor(self) -> bool:
        """Apply the fix of the first fixable problem at the cursor, as one undo step; return whether."""
        position = self.editor.textCursor().position()
        return any(self.fix(problem) for problem in self.problems_at(position) if problem.fix is not None)

    def fix(self, problem) -> bool:
        """Apply ``problem``'s fix where its text now is, as one undo step, and check again; return whether
        it could be applied (it has a fix and still has a place in the text)."""
        cursor = next((c for p, c in self.problems if p is problem), None)
        if problem.fix is None or cursor is None:
            return False
        edit = QTextCursor(cursor)
        edit.beginEditBlock()
        edit.insertText(problem.fix)
        edit.endEditBlock()
        self.problems = [(p, c) for p, c in self.problems if p is not problem]
        self.listed = [(p, c) for p, c in self.listed if p is not problem]
        self.check()
        return True

    def context_menu_at(self, position: int) -> QMenu:
        """Return the editor's context menu for a text position, led by the fixes of the problems there."""
        menu = self.editor.createStandardContextMenu()
        fixes = [problem for problem in self.problems_at(position) if problem.fix is not None]
        first = menu.actions()[0] if menu.actions() else None
        for problem in fixes:
            action = QAction(f"Fix: {fix_label(problem)}", menu)
            action.setToolTip(problem.message)
            action.triggered.connect(lambda _checked=False, p=problem: self.fix(p))
            menu.insertAction(first, action)
        if fixes and first is not None:
            menu.insertSeparator(first)
        return menu

    def eventFilter(self, watched, event) -> bool:  # Qt override
        """Show the messages of the problems under the mouse as a tooltip; offer their fixes first in the
        context menu."""
        if event.type() == QEvent.Type.ContextMenu and self.problems:
            position = self.editor.cursorForPosition(event.pos()).position()
            if any(problem.fix is not None for problem in self.problems_at(position)):
                self.context_menu_at(position).exec(event.globalPos())
                return True
        if event.type() == QEvent.Type.ToolTip and self.problems:
            position = self.editor.cursorForPosition(event.pos()).position()
            found = self.problems_at(position)
            if found:
                lines = [f"{p.where}: {p.message}" + (f"  (Ctrl+. fixes: “{p.fix}”)" if p.fix is not None else "")
                         for p in found]
                QToolTip.showText(event.globalPos(), "\n".join(lines), self.editor)
                return True
        return super().eventFilter(watched, event)
