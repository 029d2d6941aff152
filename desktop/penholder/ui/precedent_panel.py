"""The precedent panel (docked right): filters, up to N hits with their differences from the current
paragraph highlighted, and a History tab with the selected hit's lineage across sessions.

The panel only shows things and says what the drafter asked for by signal; searching is the main
window's dispatcher's job, so the panel never waits.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor, QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

BODIES = ["Any body", "HRC", "GA", "SC", "ECOSOC"]
KINDS = ["Both parts", "Preambular", "Operative"]
NOT_RECORDED = "adoption not recorded"  # a hit whose resolution's adoption nothing tells
ANY_YEAR = 1944  # the year boxes' "any year", just below the first real year
SELECTED_BG = "#e8eef7"
CARD_BG = "#ffffff"
STYLE = """
<style>
 body { font-size: 10pt; }
 .head { color: #333; }
 .symbol { font-weight: 600; color: #1d3f72; text-decoration: none; }
 .meta { color: #666; }
 .score { color: #1d3f72; font-weight: 600; }
 .badge { color: #2f6b3a; }
 .vote { color: #8a4b12; }
 .delegation { color: #1d3f72; font-weight: 600; }
 .also { color: #777; font-size: 9pt; }
 .empty { color: #777; }
</style>
"""


def diff_html(current: str, precedent: str) -> str:
    """Return the precedent's text as rich text with its differences from ``current`` highlighted."""
    from penholder.compare import diff_words, to_html

    if not current.strip():
        return html.escape(precedent)
    ops = diff_words(current, precedent)
    shared = sum(len(op.new) for op in ops if op.tag == "equal")
    if shared < 0.3 * max(len(precedent), 1):
        # Little in common: a diff would be all strike-through; the plain text reads better.
        return f"<span style='color: #444;'>{html.escape(precedent)}</span>"
    return to_html(ops)


def diffs_html(current: str, hits: list) -> list[str]:
    """Return ``diff_html`` for every hit (what the search worker prepares for the panel)."""
    return [diff_html(current, hit.text) for hit in hits]


def paragraph_label(kind: str, number: int | None) -> str:
    """Return ``PP3`` or ``OP12``."""
    return f"{'PP' if kind == 'preambular' else 'OP'}{number if number is not None else ''}"


def short_symbol(symbol: str) -> str:
    """Return the last two parts of a symbol (``53/11``) for compact lists."""
    parts = symbol.split("/")
    return "/".join(parts[-2:]) if len(parts) >= 2 else symbol


class HitBrowser(QTextBrowser):
    """Rich-text list of hits; a click selects a hit, a double-click opens it."""

    clicked_hit = Signal(int)
    double_clicked_hit = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._anchor)

    def hit_at(self, pos) -> int | None:
        """Return the index of the hit card under a viewport position."""
        table = self.cursorForPosition(pos).currentTable()
        if table is None:
            return None
        frames = [f for f in self.document().rootFrame().childFrames()]
        for index, frame in enumerate(frames):
            if frame.firstPosition() == table.firstPosition():
                return index
        return None

    def _anchor(self, url) -> None:
        text = url.toString()
        if text.startswith("hit:"):
            self.clicked_hit.emit(int(text[4:]))

    def mousePressEvent(self, event) -> None:
        """Select the hit under the mouse."""
        super().mousePressEvent(event)
        index = self.hit_at(event.position().toPoint())
        if index is not None:
            self.clicked_hit.emit(index)

    def mouseDoubleClickEvent(self, event) -> None:
        """Open the hit under the mouse."""
        index = self.hit_at(event.position().toPoint())
        if index is not None:
            self.double_clicked_hit.emit(index)
            return
        super().mouseDoubleClickEvent(event)


class YearBox(QSpinBox):
    """A year of adoption, or any year: the box's lowest value, shown as ``any_text``. Clearing the field
    (its clear button, or deleting the year) or typing "any" means any year, not the year it showed."""

    def __init__(self, any_text: str, parent=None):
        super().__init__(parent)
        self.setRange(ANY_YEAR, 2100)
        self.setSpecialValueText(any_text)
        self.setValue(ANY_YEAR)
        self.setToolTip("Years of adoption to search (clear the field for any year)")
        # The clear button shows only over a year (not over "any year"), so the box keeps one width.
        self.setMinimumWidth(self.sizeHint().width() + self.fontMetrics().height() + 6)
        # Later, not in the signal: the clear button may be what changed the value (it is removed).
        self.valueChanged.connect(lambda _value: QTimer.singleShot(0, self, self._show_clear_button))

    def _show_clear_button(self) -> None:
        self.lineEdit().setClearButtonEnabled(not self.is_any())

    def _any(self, text: str) -> bool:
        typed = text.strip().lower()
        return typed in ("", "any", self.specialValueText().lower())

    def validate(self, text: str, position: int):  # Qt override
        """Accept an empty field and "any" as well as a year."""
        if self._any(text):
            return QValidator.State.Acceptable, text, position
        typed = text.strip().lower()
        if "any".startswith(typed) or self.specialValueText().lower().startswith(typed):
            return QValidator.State.Intermediate, text, position
        return super().validate(text, position)

    def valueFromText(self, text: str) -> int:  # Qt override
        """Return the year typed, or the "any year" value for an empty field or "any"."""
        return self.minimum() if self._any(text) else super().valueFromText(text)

    def is_any(self) -> bool:
        """Return whether the box says any year."""
        return self.value() == self.minimum()


class PrecedentPanel(QWidget):
    """Filters, hits and history; emits what the drafter asks for."""

    filters_changed = Signal()
    hit_selected = Signal(object)  # Hit
    open_requested = Signal(object)  # Hit

    def __init__(self, parent=None):
        super().__init__(parent)
        self.hits: list = []
        self.diffs: list = []
        self.current_text = ""
        self.selected = 0
        self.body = QComboBox()
        self.body.addItems(BODIES)
        self.kind = QComboBox()
        self.kind.addItems(KINDS)
        self.year_from = YearBox("from any year")
        self.year_to = YearBox("to any year")
        self.any_year = QToolButton()
        self.any_year.setText("Any year")
        self.any_year.setToolTip("Search every year again (both year boxes back to any)")
        self.any_year.setEnabled(False)
        self.any_year.clicked.connect(lambda _checked=False: self.clear_years())
        self.consensus = QCheckBox("Consensus only")
        self.consensus.setToolTip("Only resolutions adopted without a vote")
        for widget in (self.body, self.kind):
            widget.currentIndexChanged.connect(self.filters_changed)
        for widget in (self.year_from, self.year_to):
            widget.valueChanged.connect(self.filters_changed)
            widget.valueChanged.connect(lambda _value: self.any_year.setEnabled(
                not (self.year_from.is_any() and self.year_to.is_any())))
        self.consensus.toggled.connect(self.filters_changed)

        filters = QVBoxLayout()
        filters.setSpacing(4)
        row = QHBoxLayout()
        row.addWidget(self.body)
        row.addWidget(self.kind)
        row.addWidget(self.consensus)
        row.addStretch(1)
        years = QHBoxLayout()
        years.addWidget(self.year_from)
        years.addWidget(self.year_to)
        years.addWidget(self.any_year)
        years.addStretch(1)
        filters.addLayout(row)
        filters.addLayout(years)

        self.browser = HitBrowser()
        self.browser.clicked_hit.connect(self.select)
        self.browser.double_clicked_hit.connect(lambda i: self.open_requested.emit(self.hits[i]))
        self.status = QLabel("")
        self.status.setObjectName("panelStatus")
        self.status.setStyleSheet("color: #666;")
        self.precedents = precedents = QWidget()
        box = QVBoxLayout(precedents)
        box.setContentsMargins(6, 6, 6, 6)
        box.addLayout(filters)
        box.addWidget(self.browser, 1)
        box.addWidget(self.status)

        self.history = QTextBrowser()
        self.history.setOpenLinks(False)
        self.tabs = QTabWidget()
        self.tabs.addTab(precedents, "Precedents")
        self.tabs.addTab(self.history, "History")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)
        self.show_message("Loading the precedent library …")

    # -- filters -------------------------------------------------------------------------------------
    def clear_years(self) -> None:
        """Put both year boxes back to any year (one search, not two)."""
        changed = not (self.year_from.is_any() and self.year_to.is_any())
        for box in (self.year_from, self.year_to):
            box.blockSignals(True)
            box.setValue(ANY_YEAR)
            box.blockSignals(False)
        self.any_year.setEnabled(False)
        if changed:
            self.filters_changed.emit()

    def search_options(self, limit: int) -> dict:
        """Return the keyword arguments for ``PrecedentIndex.search`` from the filters."""
        options: dict = {"limit": limit}
        if self.body.currentIndex() > 0:
            options["body"] = self.body.currentText()
        if self.kind.currentIndex() > 0:
            options["kind"] = self.kind.currentText().lower()
        low, high = self.year_from.value(), self.year_to.value()
        if low > self.year_from.minimum() or high > self.year_to.minimum():
            options["years"] = (low if low > self.year_from.minimum() else 1945,
                                high if high > self.year_to.minimum() else 2100)
        if self.consensus.isChecked():
            options["consensus_only"] = True
        return options

    # -- hits ----------------------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        """Show a one-line message instead of hits."""
        self.hits = []
        self.diffs = []
        self.browser.setHtml(f"{STYLE}<p class='empty'>{html.escape(text)}</p>")

    def show_hits(self, hits: list, current_text: str, diffs: list[str] | None = None) -> None:
        """Show hits with their differences from the current paragraph's text (``diffs``: already
        rendered by ``diff_html``, e.g. in the search worker)."""
        self.hits = list(hits)
        self.current_text = current_text
        self.diffs = list(diffs) if diffs is not None and len(diffs) == len(self.hits) else [None] * len(hits)
        self.selected = 0
        if not self.hits:
            self.show_message("No precedent found for this paragraph with these filters.")
            return
        self._render()
        self.hit_selected.emit(self.hits[0])

    def select(self, index: int) -> None:
        """Make hit ``index`` the selected one (for Ctrl+I, Ctrl+R, copy and History)."""
        if not 0 <= index < len(self.hits) or index == self.selected:
            return
        self.selected = index
        scroll = self.browser.verticalScrollBar().value()
        self._render()
        self.browser.verticalScrollBar().setValue(scroll)
        self.hit_selected.emit(self.hits[index])

    def selected_hit(self):
        """Return the selected hit, or ``None``."""
        return self.hits[self.selected] if 0 <= self.selected < len(self.hits) else None

    def _render(self) -> None:
        cards = [self._card(i, hit) for i, hit in enumerate(self.hits)]
        self.browser.setHtml(STYLE + "".join(cards))
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)

    def _card(self, index: int, hit) -> str:
        background = SELECTED_BG if index == self.selected else CARD_BG
        badge = (hit.adoption.badge() if hit.adoption else "") or NOT_RECORDED
        badge_class = "badge" if badge == "consensus" else ("empty" if badge == NOT_RECORDED else "vote")
        delegation = (hit.delegation or {}).get("label") if getattr(hit, "delegation", None) else None
        also = ", ".join(f"{short_symbol(a['symbol'])} {paragraph_label(a['kind'], a['number'])}"
                         for a in hit.also[:6])
        if len(hit.also) > 6:
            also += f" and {len(hit.also) - 6} more"
        head = (
            f"<span class='meta'>Ctrl+{index + 1}</span>&nbsp; " if index < 5 else ""
        ) + (
            f"<a class='symbol' href='hit:{index}'>{html.escape(hit.symbol)}</a>"
            f"<span class='meta'> · {hit.year or ''} · {html.escape(hit.body or '')} · "
            f"{paragraph_label(hit.kind, hit.number)}</span>&nbsp;&nbsp;"
            f"<span class='score'>{hit.score:.0f}</span>"
            + (f"&nbsp;&nbsp;<span class='{badge_class}'>{html.escape(badge)}</span>" if badge else "")
            + (f"&nbsp;&nbsp;<span class='delegation'>{html.escape(delegation)}</span>" if delegation else "")
        )
        rows = [f"<tr><td class='head'>{head}</td></tr>"]
        if also:
            rows.append(f"<tr><td class='also'>also in {html.escape(also)}</td></tr>")
        if self.diffs[index] is None:
            self.diffs[index] = diff_html(self.current_text, hit.text)
        rows.append(f"<tr><td>{self.diffs[index]}</td></tr>")
        return (f"<table width='100%' cellspacing='0' cellpadding='5' bgcolor='{background}' "
                f"style='margin-bottom: 8px; border: 1px solid #d8dde6;'>{''.join(rows)}</table>")

    # -- history -------------------------------------------------------------------------------------
    def show_history(self, hit, steps: list | None, message: str = "") -> None:
        """Show a hit's lineage oldest to newest, each step diffed against the one before."""
        if hit is None:
            self.history.setHtml(f"{STYLE}<p class='empty'>Select a precedent to see its history.</p>")
            return
        title = (f"<p><b>History of {html.escape(hit.symbol)} "
                 f"{paragraph_label(hit.kind, hit.number)}</b> across the sessions of its series</p>")
        if not steps:
            note = message or "No earlier or later version of this paragraph in the library."
            self.history.setHtml(f"{STYLE}{title}<p class='empty'>{html.escape(note)}</p>")
            return
        parts = [STYLE, title]
        previous = None
        for step in steps:
            head = (f"<span class='symbol'>{html.escape(step.symbol)}</span>"
                    f"<span class='meta'> · {step.year or ''} · {paragraph_label(step.kind, step.number)}"
                    f" · similarity {step.similarity:.0f} · "
                    f"{html.escape(getattr(step, 'badge', '') or NOT_RECORDED)}</span>")
            body = html.escape(step.text) if previous is None else diff_html(previous, step.text)
            if previous is not None and previous == step.text:
                body = "<span class='meta'>(unchanged)</span> " + body
            background = SELECTED_BG if step.symbol == hit.symbol else CARD_BG
            parts.append(f"<table width='100%' cellspacing='0' cellpadding='5' bgcolor='{background}' "
                         f"style='margin-bottom: 8px; border: 1px solid #d8dde6;'>"
                         f"<tr><td>{head}</td></tr><tr><td>{body}</td></tr></table>")
            previous = step.text
        self.history.setHtml("".join(parts))

    def keyPressEvent(self, event) -> None:
        """Up/Down choose the selected hit when the panel has focus."""
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.hits:
            self.select(max(0, min(len(self.hits) - 1,
                                   self.selected + (1 if event.key() == Qt.Key.Key_Down else -1))))
            return
        super().keyPressEvent(event)
