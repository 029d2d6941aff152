"""The Problems dock: the current draft's house-style problems as a list (severity, PP/OP, message).

It shows what ``LiveChecks`` last found (no checking of its own on the UI thread). Clicking a problem puts
the cursor on its text; the Fix button, Enter on a fixable row or the context menu applies its fix as one
undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QIcon, QPainter, QPixmap, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from penholder.ui.live_checks import COLOURS, fix_label

SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "info": "Note"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
PROBLEM_ROLE = Qt.ItemDataRole.UserRole


def severity_icon(severity: str) -> QIcon:
    """Return a small dot in the severity's colour (the same colours as the wavy underlines)."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(COLOURS.get(severity, COLOURS["warning"])))
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class WrappedMessages(QStyledItemDelegate):
    """Gives a message row the height of its text wrapped to the column (Qt's views do not)."""

    def __init__(self, tree):
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option, index) -> QSize:  # Qt override
        """Return the size of the message wrapped to the column's width."""
        size = super().sizeHint(option, index)
        width = max(40, self.tree.header().sectionSize(index.column()) - 10)
        wrapped = option.fontMetrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap,
                                                  str(index.data() or ""))
        return QSize(size.width(), max(size.height(), wrapped.height() + 4))


class ProblemsView(QWidget):
    """The list of problems with a Fix button; emits nothing the window must handle: it edits the editor
    through ``LiveChecks`` and moves its cursor."""

    jumped = Signal(int)  # text position the cursor was put at

    def __init__(self, checks, parent=None):
        super().__init__(parent)
        self.checks = checks
        self.editor = checks.editor
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Severity", "Where", "Problem"])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)  # a message is a sentence: show all of it, however narrow the dock
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setItemDelegateForColumn(2, WrappedMessages(self.tree))
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # Wrapped rows take their height from the column width: lay them out again when it changes.
        header.sectionResized.connect(lambda *_args: self.tree.doItemsLayout())
        self.summary = QLabel("Not checked yet")
        self.fix_button = QPushButton("Fix")
        self.fix_button.setToolTip("Apply the fix offered for the selected problem (one undo step)")
        self.fix_button.setEnabled(False)

        row = QHBoxLayout()
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(self.summary, 1)
        row.addWidget(self.fix_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(row)
        layout.addWidget(self.tree)

        checks.checked.connect(lambda _count: self.refresh())
        self.tree.itemClicked.connect(lambda item, _column: self.jump_to(item))
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda item, _old: self._enable_fix(item))
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.fix_button.clicked.connect(lambda _checked=False: self.fix_selected())

    def default_height(self, rows: int = 7) -> int:
        """Return the height that shows the summary line, the header and ``rows`` one-line problems (the
        dock's size in a new window)."""
        probe = QTreeWidgetItem([SEVERITY_LABELS["warning"], "OP 10 (a)", "A problem"])
        probe.setIcon(0, severity_icon("warning"))
        self.tree.addTopLevelItem(probe)
        row = max(self.tree.sizeHintForRow(0), self.tree.fontMetrics().height() + 2)
        self.tree.takeTopLevelItem(0)
        above = max(self.summary.sizeHint().height(), self.fix_button.sizeHint().height()) + 4
        title = self.fontMetrics().height() + 10  # the dock's title bar
        return title + above + self.tree.header().sizeHint().height() + rows * row + 2 * self.tree.frameWidth() + 4

    # -- what is shown -------------------------------------------------------------------------------
    def problems(self) -> list:
        """Return the problems listed, in the order shown."""
        return [self.tree.topLevelItem(i).data(0, PROBLEM_ROLE) for i in range(self.tree.topLevelItemCount())]

    def refresh(self) -> None:
        """Show the problems of the last check, most severe first then in text order; keep the selection
        on the same problem (same code and place) when it is still there."""
        selected = self.selected_problem()
        keep = (selected.code, selected.where) if selected is not None else None
        listed = sorted(enumerate(self.checks.listed),
                        key=lambda item: (SEVERITY_ORDER.get(item[1][0].severity, 1), item[0]))
        self.tree.clear()
        items = []
        for _order, (problem, _cursor) in listed:
            item = QTreeWidgetItem([SEVERITY_LABELS.get(problem.severity, problem.severity.title()),
                                    problem.where, problem.message])
            item.setIcon(0, severity_icon(problem.severity))
            item.setData(0, PROBLEM_ROLE, problem)
            item.setToolTip(2, problem.message + (f"\nFix: {fix_label(problem)}" if problem.fix is not None
                                                  else ""))
            if problem.fix is not None:
                item.setForeground(1, QColor("#1d3f72"))
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.summary.setText(summary_text([problem for problem, _c in self.checks.listed]))
        again = next((item for item in items if keep == (item.data(0, PROBLEM_ROLE).code,
                                                          item.data(0, PROBLEM_ROLE).where)), None)
        if again is not None:
            self.tree.setCurrentItem(again)
        self._enable_fix(self.tree.currentItem())

    def selected_problem(self):
        """Return the problem of the current row, or ``None``."""
        item = self.tree.currentItem()
        return item.data(0, PROBLEM_ROLE) if item is not None else None

    def _enable_fix(self, item) -> None:
        problem = item.data(0, PROBLEM_ROLE) if item is not None else None
        fixable = problem is not None and problem.fix is not None and self._cursor_of(problem) is not None
        self.fix_button.setEnabled(fixable)
        self.fix_button.setToolTip(fix_label(problem) if fixable else "No fix offered for this problem")

    def _cursor_of(self, problem):
        return next((cursor for p, cursor in self.checks.listed if p is problem), None)

    # -- acting on a problem -------------------------------------------------------------------------
    def jump_to(self, item) -> bool:
        """Put the editor's cursor at the start of the item's problem and show it; return whether it has
        a place in the text."""
        problem = item.data(0, PROBLEM_ROLE) if item is not None else None
        cursor = self._cursor_of(problem) if problem is not None else None
        if cursor is None:
            return False
        place = QTextCursor(self.editor.document())
        place.setPosition(cursor.selectionStart())
        if cursor.selectionEnd() > cursor.selectionStart():
            place.setPosition(cursor.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(place)
        self.editor.ensureCursorVisible()
        self.jumped.emit(cursor.selectionStart())
        return True

    def _activated(self, item, _column: int) -> None:
        # Enter or double-click: go there and give the editor the keyboard.
        if self.jump_to(item):
            self.editor.setFocus()

    def fix_selected(self) -> bool:
        """Apply the selected problem's fix; return whether it was applied."""
        problem = self.selected_problem()
        if problem is None or not self.checks.fix(problem):
            return False
        self.refresh()
        return True

    def _context_menu(self, point) -> None:
        item = self.tree.itemAt(point)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        menu = self.context_menu(item)
        menu.exec(self.tree.viewport().mapToGlobal(point))

    def context_menu(self, item) -> QMenu:
        """Return the menu for a row: go to the problem, apply its fix (if any), copy its message."""
        problem = item.data(0, PROBLEM_ROLE)
        menu = QMenu(self)
        go = QAction("Go to Problem", menu)
        go.setEnabled(self._cursor_of(problem) is not None)
        go.triggered.connect(lambda _c=False: self._activated(item, 0))
        menu.addAction(go)
        if problem.fix is not None:
            fix = QAction(f"Fix: {fix_label(problem)}", menu)
            fix.setEnabled(self._cursor_of(problem) is not None)
            fix.triggered.connect(lambda _c=False: self.fix_selected())
            menu.addAction(fix)
        copy = QAction("Copy Message", menu)
        copy.triggered.connect(lambda _c=False: _copy(f"{problem.where}: {problem.message}"))
        menu.addAction(copy)
        return menu

    def next_problem(self, step: int = 1) -> bool:
        """Select the next (or previous) problem in the list and jump to it; return whether there is one."""
        count = self.tree.topLevelItemCount()
        if not count:
            return False
        current = self.tree.indexOfTopLevelItem(self.tree.currentItem()) if self.tree.currentItem() else -1
        item = self.tree.topLevelItem((current + step) % count if current >= 0 else (0 if step > 0 else count - 1))
        self.tree.setCurrentItem(item)
        self.jump_to(item)
        return True


def summary_text(problems: list) -> str:
    """Return the line above the list: “No style problems” or “3 errors, 1 warning · 2 can be fixed”."""
    if not problems:
        return "No style problems"
    counts = {}
    for problem in problems:
        counts[problem.severity] = counts.get(problem.severity, 0) + 1
    names = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("note", "notes")}
    parts = [f"{counts[s]} {names[s][counts[s] != 1]}" for s in ("error", "warning", "info") if s in counts]
    parts += [f"{n} {s}" for s, n in counts.items() if s not in names]
    fixable = sum(problem.fix is not None for problem in problems)
    return ", ".join(parts) + (f" · {fixable} can be fixed in one click" if fixable else "")


def _copy(text: str) -> None:
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setText(text)
