"""The outline dock: PP1…, OP1… with their leads; clicking one puts the cursor on that paragraph."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from penholder.drafts import layout

BLOCK_ROLE = Qt.ItemDataRole.UserRole


class OutlineView(QTreeWidget):
    """A two-level list of the draft's paragraphs: preambular and operative, sub-paragraphs under theirs."""

    paragraph_chosen = Signal(int)  # block number

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setIndentation(14)
        self.setUniformRowHeights(True)
        self._signature: tuple = ()
        self.itemActivated.connect(self._chosen)
        self.itemClicked.connect(self._chosen)

    def show_paragraphs(self, lines: list[str], roles: list[layout.Line], lead_of, source_of=None) -> None:
        """Rebuild the outline from the editor's lines (skipped when nothing it shows has changed);
        ``source_of(text)`` names the precedent a paragraph came from, if any."""
        rows = []
        preambular = operative = 0
        for line in roles:
            text = lines[line.index]
            if line.role == layout.PREAMBULAR:
                preambular += 1
                body = layout.paragraph_text(text, line)
                rows.append((line.index, f"PP{preambular}", lead_of(body) or _words(body)))
            elif line.role == layout.OPERATIVE:
                operative += 1
                body = layout.paragraph_text(text, line)
                rows.append((line.index, f"OP{line.number}", lead_of(body) or _words(body)))
            elif line.role == layout.SUB:
                label = text[: line.body_start].strip()
                rows.append((line.index, label, _words(layout.paragraph_text(text, line))))
        sources = {}
        if source_of is not None:
            for index, _label, _lead in rows:
                line = roles[index]
                found = source_of(layout.paragraph_text(lines[index], line))
                if found:
                    sources[index] = found
        signature = (tuple(rows), tuple(sorted(sources.items())))
        if signature == self._signature:
            return
        self._signature = signature
        self.clear()
        parent = None
        for index, label, lead in rows:
            source = sources.get(index)
            item = QTreeWidgetItem([f"{label}  {lead}" + (f"   ← {source}" if source else "")])
            item.setData(0, BLOCK_ROLE, index)
            item.setToolTip(0, (f"From {source}\n\n" if source else "") + lines[index][:300])
            if label.startswith("OP"):
                font = item.font(0)
                font.setWeight(QFont.Weight.DemiBold)
                item.setFont(0, font)
            if label.startswith("(") and parent is not None:
                parent.addChild(item)
            else:
                self.addTopLevelItem(item)
                parent = item if label.startswith("OP") else None
        self.expandAll()

    def select_block(self, block_number: int) -> None:
        """Highlight the outline row of the paragraph containing a line, without emitting a choice."""
        best = None
        iterator = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        for item in iterator:
            for candidate in [item, *[item.child(k) for k in range(item.childCount())]]:
                if candidate.data(0, BLOCK_ROLE) <= block_number:
                    best = candidate
        self.blockSignals(True)
        self.setCurrentItem(best) if best else self.clearSelection()
        self.blockSignals(False)

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.paragraph_chosen.emit(int(item.data(0, BLOCK_ROLE)))


def _words(text: str, count: int = 4) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")
