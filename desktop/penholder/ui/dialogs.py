"""Dialogs: draft metadata, settings, and the read-only source viewer for a precedent resolution."""

from __future__ import annotations

import html

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from penholder.drafts import DraftMetadata
from penholder.model import Resolution
from penholder.settings import Settings


class MetadataDialog(QDialog):
    """Edit a draft's symbol, body, session, agenda item, title, sponsors and date."""

    def __init__(self, metadata: DraftMetadata, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Draft details")
        self.fields = {
            "symbol": QLineEdit(metadata.symbol),
            "body": QComboBox(),
            "session": QLineEdit(metadata.session),
            "agenda_item": QLineEdit(metadata.agenda_item),
            "title": QLineEdit(metadata.title),
            "sponsors": QLineEdit(", ".join(metadata.sponsors)),
            "date": QLineEdit(metadata.date),
        }
        body = self.fields["body"]
        body.setEditable(True)
        body.addItems(["", "HRC", "GA", "SC", "ECOSOC"])
        body.setCurrentText(metadata.body)
        self.fields["symbol"].setPlaceholderText("A/HRC/56/L.12")
        self.fields["sponsors"].setPlaceholderText("Cuba, Egypt, …")
        self.fields["date"].setPlaceholderText("YYYY-MM-DD")
        form = QFormLayout()
        labels = {"symbol": "Symbol", "body": "Body", "session": "Session", "agenda_item": "Agenda item",
                  "title": "Title", "sponsors": "Sponsors", "date": "Date"}
        for key, widget in self.fields.items():
            form.addRow(labels[key], widget)
        self.fields["title"].setMinimumWidth(520)
        for widget in self.fields.values():
            if isinstance(widget, QLineEdit):
                widget.setCursorPosition(0)  # show the start of a long title, not its end
        _add_ok_cancel(self, form)

    def metadata(self) -> DraftMetadata:
        """Return the metadata as edited."""
        text = {k: (w.currentText() if isinstance(w, QComboBox) else w.text()).strip()
                for k, w in self.fields.items()}
        sponsors = [s.strip() for s in text.pop("sponsors").split(",") if s.strip()]
        return DraftMetadata(sponsors=sponsors, **text)


class SettingsDialog(QDialog):
    """Edit library path, my delegation, default export profile, number of hits, debounce and font size."""

    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.library = QLineEdit(settings.library_path)
        self.library.setPlaceholderText(str(settings.library()))
        self.library.setMinimumWidth(420)
        self.library.setToolTip("Leave empty to use the default library")
        browse = QPushButton("Choose …")
        browse.clicked.connect(self._browse)
        library_row = QHBoxLayout()
        library_row.addWidget(self.library, 1)
        library_row.addWidget(browse)
        library_widget = QWidget()
        library_widget.setLayout(library_row)
        library_row.setContentsMargins(0, 0, 0, 0)
        self.profile = QComboBox()
        self.profile.addItem("Geneva (Human Rights Council)", "geneva")
        self.profile.addItem("New York (General Assembly)", "ny")
        self.profile.setCurrentIndex(max(0, self.profile.findData(settings.default_profile)))
        self.hits = QSpinBox()
        self.hits.setRange(1, 20)
        self.hits.setValue(settings.hits)
        self.debounce = QSpinBox()
        self.debounce.setRange(0, 2000)
        self.debounce.setSuffix(" ms")
        self.debounce.setValue(settings.debounce_ms)
        self.font_size = QSpinBox()
        self.font_size.setRange(6, 40)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(settings.editor_font_size)
        self.delegation = QLineEdit(settings.my_delegation)
        self.delegation.setPlaceholderText("FRA")
        self.delegation.setMaxLength(4)
        self.delegation.setToolTip("Your Member State's three-letter code: each GA precedent then says how it "
                                   "voted (Library › Import Voting Data first)")
        form = QFormLayout()
        form.addRow("Library", library_widget)
        form.addRow("My delegation", self.delegation)
        form.addRow("Export profile", self.profile)
        form.addRow("Precedents shown", self.hits)
        form.addRow("Search after a pause of", self.debounce)
        form.addRow("Editor font size", self.font_size)
        _add_ok_cancel(self, form)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Library file", self.library.text(),
                                              "Penholder library (*.sqlite3)",
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.library.setText(path)

    def values(self) -> dict:
        """Return the edited values as keyword arguments for ``Settings.update``."""
        return {
            "library_path": self.library.text().strip(),
            "default_profile": self.profile.currentData(),
            "hits": self.hits.value(),
            "debounce_ms": self.debounce.value(),
            "editor_font_size": self.font_size.value(),
            "my_delegation": self.delegation.text().strip().upper(),
        }


VIEWER_STYLE = ("<style>p { margin: 0 0 8px 0; } .lead { font-style: italic; } "
                ".mark { background: #fff3c4; } .meta { color: #666; }</style>")


def resolution_html(resolution: Resolution, kind: str | None = None, number: int | None = None) -> str:
    """Return a resolution as rich text, the paragraph ``kind``/``number`` marked with an anchor."""
    parts = [VIEWER_STYLE]
    meta = " · ".join(str(x) for x in (resolution.symbol, resolution.year, resolution.adoption.badge()) if x)
    parts.append(f"<p class='meta'>{html.escape(meta)}</p>")
    if resolution.title:
        parts.append(f"<p><b>{html.escape(resolution.title)}</b></p>")
    if resolution.organ:
        parts.append(f"<p class='lead'>{html.escape(resolution.organ)}</p>")
    for position, paragraph in enumerate(resolution.paragraphs):
        index = (position + 1 if paragraph.kind == "preambular"
                 else paragraph.number or position + 1 - len(resolution.preambular))
        text = paragraph.text
        lead = paragraph.lead if text.startswith(paragraph.lead) else ""
        body = (f"<span class='lead'>{html.escape(lead)}</span>{html.escape(text[len(lead):])}")
        if paragraph.kind == "operative":
            body = f"{paragraph.number or ''}.&nbsp;&nbsp;{body}"
        for sub in paragraph.subparagraphs:
            body += f"<br>&nbsp;&nbsp;&nbsp;&nbsp;{html.escape(sub.full_text())}"
        marked = paragraph.kind == kind and index == number
        anchor = "<a name='here'></a>" if marked else ""
        css = " class='mark'" if marked else ""
        parts.append(f"<p{css}>{anchor}{body}</p>")
    return "".join(parts)


class SourceViewer(QDialog):
    """A read-only window on a precedent resolution, scrolled to one paragraph."""

    def __init__(self, resolution: Resolution, kind: str | None, number: int | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"{resolution.symbol or 'Resolution'} (read-only)")
        self.resize(760, 680)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        font = self.view.font()
        font.setFamilies(["Times New Roman", "Liberation Serif", "DejaVu Serif", "serif"])
        font.setPointSize(font.pointSize() + 1)
        self.view.setFont(font)
        self.view.document().setDocumentMargin(14)
        self.view.setHtml(resolution_html(resolution, kind, number))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.view.moveCursor(QTextCursor.MoveOperation.Start)

    def showEvent(self, event) -> None:
        """Scroll to the marked paragraph once the view has its size."""
        super().showEvent(event)
        self.view.scrollToAnchor("here")
        bar = self.view.verticalScrollBar()
        bar.setValue(max(0, bar.value() - 3 * self.view.fontMetrics().lineSpacing()))  # some context above


def _add_ok_cancel(dialog: QDialog, form: QFormLayout) -> None:
    """Lay out ``form`` above OK and Cancel buttons that accept or reject ``dialog``."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(buttons)
