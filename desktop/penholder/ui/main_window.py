"""The main window: editor in the centre, outline dock left, precedent panel dock right, status bar.

Signals are connected in one block (``_connect``). Searching, library loading, lineage and export run in
the thread pool (``workers``); file handling lives in ``draft_files.DraftFiles``.
"""

from __future__ import annotations

import gc
import time
import uuid

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMessageBox

from penholder import __version__
from penholder.drafts import Provenance, layout
from penholder.settings import Settings
from penholder.ui.agreed_report import export_report_dialog
from penholder.ui.completion_popup import TabCompletion
from penholder.ui.draft_files import DraftFiles
from penholder.ui.editor import DraftEditor
from penholder.ui.live_checks import LiveChecks, load_drafting_aids
from penholder.ui.outline import OutlineView
from penholder.ui.precedent_panel import PrecedentPanel, diffs_html, paragraph_label, short_symbol
from penholder.ui.problems_dock import ProblemsView
from penholder.ui.workers import SearchDispatcher, start_task

AUTOSAVE_MS = 30_000
LEADS_MS = 700  # parse for leads after a longer pause than the search
MIN_QUERY_CHARS = 3


def load_precedents(library_path):
    """Return (index, number of resolutions, number of paragraphs) for the library at ``library_path``.

    A new library fills itself from the bundled corpus; the index is loaded from its saved copy when
    that is up to date (``PrecedentIndex.from_library``).
    """
    from penholder.library import Library
    from penholder.search import PrecedentIndex

    library = Library.open(library_path)
    try:
        index = PrecedentIndex.from_library(library)
        info = getattr(index, "resolution_info", None)
        resolutions = len(info) if info is not None else len(library.resolutions())
        return index, resolutions, len(index)
    finally:
        library.close()


class MainWindow(QMainWindow):
    """One draft, its outline and its precedents."""

    def __init__(self, settings: Settings | None = None, *, index=None, load_library: bool = True):
        super().__init__()
        self.settings = settings or Settings.load()
        self.session = uuid.uuid4().hex[:12]
        self.index = None
        self.last_query: tuple | None = None
        self.top_hits: dict = {}  # paragraph text -> its best precedent (context for the next paragraph)
        self.last_search_ms: float | None = None
        self.history_generation = 0
        self.viewers: list = []
        self.history_block: int | None = None  # block the History tab was opened from
        self.library_note = ""  # what the status bar says once the library is loaded again (an import's report)

        self.editor = DraftEditor()
        self.setCentralWidget(self.editor)
        self.outline = OutlineView()
        self.panel = PrecedentPanel()
        self.outline_dock = self._dock("Outline", self.outline, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.panel_dock = self._dock("Precedents", self.panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.outline_dock, self.panel_dock], [230, 560], Qt.Orientation.Horizontal)

        self.library_label = QLabel("Library: loading …")
        self.search_label = QLabel("")
        self.autosave_label = QLabel("Not autosaved yet")
        self.problems_label = QLabel("")
        for label in (self.problems_label, self.library_label, self.search_label, self.autosave_label):
            label.setContentsMargins(6, 0, 6, 0)
            self.statusBar().addPermanentWidget(label)

        self.checks = LiveChecks(self.editor, self)
        self.completion = TabCompletion(self.editor, self)
        self.problems = ProblemsView(self.checks)
        # The Problems dock sits under the editor only; the side docks keep the full height.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.problems_dock = self._dock("Problems", self.problems, Qt.DockWidgetArea.BottomDockWidgetArea)
        # Six problems and more at a glance (a one-line message per row; long ones wrap).
        self.resizeDocks([self.problems_dock], [self.problems.default_height()], Qt.Orientation.Vertical)
        self.dispatcher = SearchDispatcher(self)
        self.dispatcher.prepare = diffs_html
        self.files = DraftFiles(self)
        self.structure_timer = QTimer(self, singleShot=True, interval=self.settings.debounce_ms)
        self.search_timer = QTimer(self, singleShot=True, interval=self.settings.debounce_ms)
        self.autosave_timer = QTimer(self, interval=AUTOSAVE_MS)
        self.leads_timer = QTimer(self, singleShot=True, interval=LEADS_MS)
        self.leads_generation = 0

        self.apply_settings()
        self._build_menus()
        self._connect()
        self.files.new_draft(ask=False)
        self._restore_layout()
        self.autosave_timer.start()
        if index is not None:
            self.set_index(index, None, None)
        elif load_library:
            # Started once the event loop runs, so the window is drawn before the worker competes
            # for the interpreter.
            QTimer.singleShot(0, self.load_library)

    # -- construction --------------------------------------------------------------------------------
    def _dock(self, title: str, widget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{title.lower()}Dock")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        files = self.files
        self._action(file, "&New", files.new_draft, QKeySequence.StandardKey.New)
        self._action(file, "&Open …", files.open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = file.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(file, "&Save", files.save, QKeySequence.StandardKey.Save)
        self._action(file, "Save &As …", files.save_as, QKeySequence("Ctrl+Shift+S"))
        file.addSeparator()
        self._action(file, "&Import Text, DOCX or PDF Draft …", files.import_dialog, None,
                     "Read a draft typed elsewhere into a new window's text")
        self._action(file, "&Export to DOCX …", files.export_docx_dialog, QKeySequence("Ctrl+E"))
        self._action(file, "Export &Redline against Precedent …", files.export_redline_dialog,
                     QKeySequence("Ctrl+Shift+E"))
        self._action(file, "Export A&greed-Language Report …", lambda: export_report_dialog(self), None,
                     "Write a table of each paragraph's closest precedent and what changed (DOCX)")
        file.addSeparator()
        self._action(file, "Draft &Details …", files.edit_metadata, QKeySequence("Ctrl+D"))
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit = bar.addMenu("&Edit")
        self._action(edit, "&Undo", self.editor_undo, QKeySequence.StandardKey.Undo)
        self._action(edit, "&Redo", self.editor_redo, QKeySequence.StandardKey.Redo)
        edit.addSeparator()
        self._action(edit, "Move Paragraph &Up", lambda: self.editor.move_paragraph(-1), QKeySequence("Alt+Up"))
        self._action(edit, "Move Paragraph &Down", lambda: self.editor.move_paragraph(1),
                     QKeySequence("Alt+Down"))
        self._action(edit, "Re&number Operative Paragraphs", lambda: self.editor.renumber(False))
        self._action(edit, "&Fix Problem at Cursor", self.checks.fix_at_cursor, QKeySequence("Ctrl+."),
                     "Apply the house-style fix offered for the underlined text at the cursor")
        self._action(edit, "&Complete Paragraph Opening", self.completion.offer, QKeySequence("Ctrl+Space"),
                     "List openers, verbs and their usual continuations (Tab completes too)")
        self._action(edit, "Ne&xt Problem", lambda: self.problems.next_problem(1), QKeySequence("F8"))
        self._action(edit, "Pre&vious Problem", lambda: self.problems.next_problem(-1), QKeySequence("Shift+F8"))
        edit.addSeparator()
        self._action(edit, "&Settings …", self.files.edit_settings, QKeySequence("Ctrl+,"))

        precedents = bar.addMenu("&Precedents")
        for number in range(1, 6):
            self._action(precedents, f"Replace Paragraph with Precedent &{number}",
                         lambda n=number: self.replace_with_hit(n - 1), QKeySequence(f"Ctrl+{number}"))
        precedents.addSeparator()
        self._action(precedents, "&Insert Selected Precedent Below", self.insert_selected, QKeySequence("Ctrl+I"))
        self._action(precedents, "&Replace with Selected Precedent", self.replace_with_selected,
                     QKeySequence("Ctrl+R"))
        self._action(precedents, "&Copy Selected Precedent", self.copy_selected, QKeySequence("Ctrl+Shift+C"))
        self._action(precedents, "Select &Next Precedent", lambda: self.panel.select(self.panel.selected + 1),
                     QKeySequence("Alt+PgDown"))
        self._action(precedents, "Select &Previous Precedent", lambda: self.panel.select(self.panel.selected - 1),
                     QKeySequence("Alt+PgUp"))
        self._action(precedents, "&Open Source Resolution", self.open_selected_source, QKeySequence("Ctrl+Return"))
        self.history_action = self._action(precedents, "Show &History", self.toggle_history_tab,
                                           QKeySequence("Ctrl+H"),
                                           "The selected precedent's history across sessions (Ctrl+H again: back)")
        self.history_action.setCheckable(True)
        self._action(precedents, "&Search Now", lambda: self.search_now(force=True), QKeySequence("F5"))

        library = bar.addMenu("&Library")
        self._action(library, "&Add Resolutions …", self.add_files_dialog, None,
                     "Add resolution files (text, DOCX, PDF) to the precedent library")
        self._action(library, "Add &Folder …", self.add_folder_dialog)
        self.cancel_import_action = self._action(library, "&Cancel Adding", self.cancel_import)
        self.cancel_import_action.setEnabled(False)
        self.import_report_action = self._action(library, "Last &Import Report …", self.show_import_report, None,
                                                 "Show what the last Add to Library did, file by file")
        self.import_report_action.setEnabled(False)
        self._action(library, "Import &Voting Data …", self.import_votes_dialog, None,
                     "Import the UN General Assembly voting data (CSV of digitallibrary.un.org/record/4060887): "
                     "how each GA resolution was adopted and each State's vote")
        self._action(library, "&Reload Library", self.load_library)

        view = bar.addMenu("&View")
        view.addAction(self.outline_dock.toggleViewAction())
        view.addAction(self.panel_dock.toggleViewAction())
        view.addAction(self.problems_dock.toggleViewAction())
        self._action(view, "&Focus Editor", self.editor.setFocus, QKeySequence("Esc"))
        helpmenu = bar.addMenu("&Help")
        self._action(helpmenu, "&About Penholder", self._about)

    def _connect(self) -> None:
        editor = self.editor
        editor.textChanged.connect(self._text_changed)
        editor.paragraph_entered.connect(self._paragraph_entered)
        editor.cursorPositionChanged.connect(self._show_provenance)
        editor.document().modificationChanged.connect(self.setWindowModified)
        self.structure_timer.timeout.connect(self.update_structure)
        self.leads_timer.timeout.connect(self.update_leads)
        self.checks.checked.connect(
            lambda count: self.problems_label.setText(f"{count} style problem{'s' if count != 1 else ''}"
                                                      if count else "No style problems"))
        self.search_timer.timeout.connect(self.search_now)
        self.autosave_timer.timeout.connect(self.files.autosave)
        self.outline.paragraph_chosen.connect(editor.go_to_block)
        self.dispatcher.results.connect(self._show_results)
        self.dispatcher.failed.connect(lambda message: self.panel.show_message(message))
        self.panel.filters_changed.connect(lambda: self.search_now(force=True))
        self.panel.hit_selected.connect(self._hit_selected)
        self.panel.open_requested.connect(self.open_source)
        self.panel.tabs.currentChanged.connect(self._tab_changed)

    def apply_settings(self) -> None:
        """Apply font size, debounce and hits from the settings."""
        font = QFont(self.editor.font())
        font.setPointSize(self.settings.editor_font_size)
        self.editor.setFont(font)
        self.structure_timer.setInterval(self.settings.debounce_ms)
        self.search_timer.setInterval(self.settings.debounce_ms)

    def _restore_layout(self) -> None:
        self.resize(1400, 860)
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))
        if self.settings.window_state:
            self.restoreState(QByteArray.fromBase64(self.settings.window_state.encode()))

    def save_layout(self) -> None:
        """Remember window geometry and dock layout in the settings and save them."""
        self.settings.update(window_geometry=bytes(self.saveGeometry().toBase64()).decode(),
                             window_state=bytes(self.saveState().toBase64()).decode())
        try:
            self.settings.save()
        except OSError as exc:
            self.statusBar().showMessage(f"Settings not saved: {exc}", 5000)

    # -- library -------------------------------------------------------------------------------------
    def load_library(self) -> None:
        """Open the library and build the precedent index in the pool, then the checker and completer
        (one opening at a time: a new library fills itself on first open); the window stays usable."""
        self.library_label.setText("Library: loading …")
        self.statusBar().showMessage("Loading the precedent library …")
        path = self.settings.library()

        def loaded(result):
            self.set_index(*result)
            self._start_checks(path)

        def failed(message):
            self._library_failed(message)
            self._start_checks(path)

        start_task(lambda: load_precedents(path), loaded, failed, owner=self)

    def _start_checks(self, library_path) -> None:
        def use(aids):
            self.completion.set_completer(aids[1])
            self.checks.set_checker(aids[0])
            settle_memory()

        start_task(lambda: load_drafting_aids(library_path), use, owner=self)

    def _library_failed(self, message: str) -> None:
        self.library_label.setText("Library: not available")
        self.panel.show_message(f"The precedent library could not be opened: {message}")
        self.statusBar().showMessage(message, 10000)

    def set_index(self, index, resolutions: int | None, paragraphs: int | None) -> None:
        """Search ``index`` from now on and show the library size."""
        self.index = index
        self.dispatcher.set_index(index)
        if resolutions is not None:
            self.library_label.setText(f"Library: {resolutions} resolutions, {paragraphs} paragraphs")
        else:
            self.library_label.setText("Library: ready")
        note, self.library_note = self.library_note, ""
        self.statusBar().showMessage(note or "Precedent library ready", 15000 if note else 3000)
        self.panel.show_message("Type or move to a paragraph to see its precedents.")
        settle_memory()
        self.search_now(force=True)

    def add_files_dialog(self) -> None:
        """Ask for resolution files and add them to the library."""
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(self, "Add resolutions to the library", str(self.files.start_folder()),
                                                "Resolutions (*.txt *.docx *.pdf);;All files (*)")
        if paths:
            self.add_to_library(paths)

    def add_folder_dialog(self) -> None:
        """Ask for a folder and add the resolutions in it to the library."""
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, "Add a folder of resolutions to the library",
                                                  str(self.files.start_folder()))
        if folder:
            self.add_to_library([folder])

    def add_to_library(self, paths: list) -> None:
        """Add files or folders to the library in the pool, with progress, Cancel and a report; then reload."""
        from penholder.ui.import_dialog import add_to_library

        def done(report):
            self.cancel_import_action.setEnabled(False)
            self.import_report_action.setEnabled(True)
            if report is not None:
                self.library_note = f"Library: {report.summary()} (Library › Last Import Report)"
                self.library_label.setToolTip(f"Last import: {report.summary()}")
                self.statusBar().showMessage(self.library_note, 15000)
                self.load_library()

        self.cancel_import_action.setEnabled(True)
        self.import_dialog = add_to_library(self, self.settings.library(), paths, done)

    def import_votes_dialog(self, path: str | None = None) -> None:
        """Choose the voting-data CSV and import it in the pool (progress, Cancel); reload the library after."""
        from PySide6.QtWidgets import QFileDialog

        from penholder.ui.votes_dialog import import_votes

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Import Voting Data", self.settings.last_folder,
                                                  "UN voting data (*.csv);;All files (*)")
        if not path:
            return

        def done(report):
            if report is not None and not report.cancelled:
                self.library_note = f"Voting data: {report.summary()}"
                self.load_library()

        self.votes_dialog = import_votes(self, self.settings.library(), path, done)

    def show_import_report(self) -> bool:
        """Show the window of the last Add to Library again, with its report; return whether there is one."""
        dialog = getattr(self, "import_dialog", None)
        if dialog is None:
            return False
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return True

    def cancel_import(self) -> None:
        """Stop adding files after the current one."""
        if getattr(self, "import_dialog", None) is not None and self.import_dialog.report is None:
            self.import_dialog.cancel()

    # -- typing, structure, search -------------------------------------------------------------------
    def _text_changed(self) -> None:
        self.structure_timer.start()
        self.search_timer.start()

    def _paragraph_entered(self, block_number: int) -> None:
        self.outline.select_block(block_number)
        if self.history_showing() and block_number != self.history_block:
            line = self.editor.line(block_number)
            if line is not None and line.is_paragraph:  # another paragraph: its precedents, not that history
                self.panel.tabs.setCurrentWidget(self.panel.precedents)
        if not self.search_timer.isActive():
            self.search_now()

    def update_structure(self) -> None:
        """Renumber operative paragraphs and refresh the outline; the parser's leads follow later."""
        if not self.editor.history_step:
            self.editor.renumber(join_previous=True)
        self._show_outline()
        self.leads_timer.start()

    def _show_outline(self) -> None:
        lines = self.editor.text_lines()
        self.outline.show_paragraphs(lines, self.editor.lines(), self.editor.lead_of, self._source_label)
        self.outline.select_block(self.editor.current_block_number())

    def update_leads(self) -> None:
        """Read the draft's structure in the pool and show its leads (after a longer pause, so it does not
        compete with the precedent search for the interpreter)."""
        self.leads_generation += 1
        generation, text = self.leads_generation, self.editor.toPlainText()

        def show(leads):
            if generation == self.leads_generation:
                self.editor.set_leads(leads)
                self._show_outline()

        start_task(lambda: parsed_leads(text), show, owner=self)
        self.checks.check()

    def search_now(self, force: bool = False) -> None:
        """Ask for precedents of the cursor's paragraph (dropping any search still waiting)."""
        self.search_timer.stop()
        current = self.editor.current_paragraph()
        if self.index is None:
            return
        if current is None or len(current[1]) < MIN_QUERY_CHARS:
            self.last_query = None
            self.dispatcher.cancel()
            self.panel.show_message("Type or move to a paragraph to see its precedents.")
            return
        options = self.panel.search_options(self.settings.hits)
        if self.settings.my_delegation:
            options["delegation"] = self.settings.my_delegation  # each hit says how it voted
        key = (current[1], tuple(sorted(options.items())))
        if key == self.last_query and not force:
            return
        self.last_query = key
        previous = self._previous_top_hit(current[0].index)
        if previous is not None:
            options["previous"] = previous  # runs of paragraphs are often reused in order
        self.dispatcher.request(current[1], **options)

    def _previous_top_hit(self, block_number: int):
        lines = self.editor.lines()
        texts = self.editor.text_lines()
        for line in reversed(lines[:block_number]):
            if line.role in (layout.PREAMBULAR, layout.OPERATIVE):
                return self.top_hits.get(layout.paragraph_text(texts[line.index], line))
        return None

    def _show_results(self, request, hits) -> None:
        self.panel.show_hits(hits, request.query, request.prepared)
        if hits:
            if len(self.top_hits) > 1000:
                self.top_hits.clear()
            self.top_hits[request.query] = hits[0]
        self.last_search_ms = (time.perf_counter() - request.asked) * 1000
        self.search_label.setText(f"Last search {self.last_search_ms:.0f} ms")

    # -- using precedents ----------------------------------------------------------------------------
    def _paragraph_block(self) -> int | None:
        current = self.editor.current_paragraph()
        return self.editor.current_block_number() if current else None

    def replace_with_hit(self, position: int) -> bool:
        """Replace the cursor's paragraph with hit ``position`` (0-based); one undo step restores it."""
        block = self._paragraph_block()
        if block is None or not 0 <= position < len(self.panel.hits):
            self.statusBar().showMessage("No precedent to use here", 3000)
            return False
        hit = self.panel.hits[position]
        self.editor.replace_paragraph(block, hit.text)
        self._remember(hit)
        self.update_structure()
        return True

    def replace_with_selected(self) -> bool:
        """Replace the cursor's paragraph with the selected hit."""
        return self.replace_with_hit(self.panel.selected)

    def insert_selected(self) -> bool:
        """Insert the selected hit as a new paragraph below the cursor's paragraph."""
        hit = self.panel.selected_hit()
        if hit is None:
            self.statusBar().showMessage("No precedent selected", 3000)
            return False
        block = self.editor.current_block_number()
        self.editor.insert_paragraph_below(block, hit.text, hit.kind == "operative")
        self._remember(hit)
        self.update_structure()
        return True

    def copy_selected(self) -> None:
        """Copy the selected hit's text to the clipboard."""
        hit = self.panel.selected_hit()
        if hit is not None:
            QGuiApplication.clipboard().setText(hit.text)
            self.statusBar().showMessage(f"Copied {hit.symbol} {hit.kind} {hit.number}", 3000)

    def _remember(self, hit) -> None:
        self.files.draft.provenance.append(Provenance.now(hit.symbol, hit.kind, hit.number, hit.text))
        self.statusBar().showMessage(f"From {hit.symbol} {hit.kind} paragraph {hit.number}", 4000)

    def _source_label(self, paragraph_text: str) -> str:
        found = self.files.draft.provenance_of(paragraph_text) if self.files.draft.provenance else None
        if found is None:
            return ""
        return f"{short_symbol(found.symbol)} {paragraph_label(found.kind, found.number)}"

    def _show_provenance(self) -> None:
        current = self.editor.current_paragraph()
        found = self.files.draft.provenance_of(current[1]) if current else None
        self.editor.setToolTip(f"From {found.label()}, inserted {found.inserted.replace('T', ' ')}"
                               if found else "")

    def editor_undo(self) -> None:
        """Undo in the editor (renumbering does not redo what was undone)."""
        self.editor.undo_step()

    def editor_redo(self) -> None:
        """Redo in the editor."""
        self.editor.redo_step()

    # -- source and history --------------------------------------------------------------------------
    def open_selected_source(self) -> None:
        """Open the selected hit's resolution read-only."""
        hit = self.panel.selected_hit()
        if hit is not None:
            self.open_source(hit)

    def open_source(self, hit) -> None:
        """Open a hit's resolution in a read-only viewer scrolled to the paragraph."""
        from penholder.ui.dialogs import SourceViewer

        path = self.settings.library()

        def fetch():
            from penholder.library import Library

            library = Library.open(path)
            try:
                return library.get(hit.symbol)
            finally:
                library.close()

        def show(resolution):
            if resolution is None:
                self.statusBar().showMessage(f"{hit.symbol} is not in the library", 5000)
                return
            viewer = SourceViewer(resolution, hit.kind, hit.number, self)
            self.viewers = [v for v in self.viewers if v.isVisible()] + [viewer]
            viewer.show()

        start_task(fetch, show, lambda message: self.statusBar().showMessage(message, 5000), owner=self)

    def show_history_tab(self) -> None:
        """Show the History tab for the selected hit."""
        self.panel_dock.show()
        self.panel.tabs.setCurrentWidget(self.panel.history)

    def toggle_history_tab(self) -> None:
        """Show the History tab, or go back to the Precedents tab if it is showing (Ctrl+H)."""
        if self.history_showing():
            self.panel.tabs.setCurrentWidget(self.panel.precedents)
        else:
            self.show_history_tab()

    def history_showing(self) -> bool:
        """Return whether the panel shows the History tab."""
        return self.panel_dock.isVisible() and self.panel.tabs.currentWidget() is self.panel.history

    def _tab_changed(self, _index: int) -> None:
        history = self.panel.tabs.currentWidget() is self.panel.history
        self.history_action.setChecked(history)
        # The paragraph the history was asked from: moving to another one brings the precedents back.
        self.history_block = self.editor.current_block_number() if history else None
        self._hit_selected(self.panel.selected_hit())

    def _hit_selected(self, hit) -> None:
        if self.panel.tabs.currentWidget() is not self.panel.history or self.index is None:
            return
        if hit is None:
            self.panel.show_history(None, None)
            return
        self.history_generation += 1
        generation, index = self.history_generation, self.index

        def steps():
            from penholder.search import lineage

            return lineage(index, hit.symbol, hit.kind, hit.number)

        def show(result):
            if generation == self.history_generation:
                self.panel.show_history(hit, result)

        start_task(steps, show, lambda message: self.panel.show_history(hit, None, message), owner=self)

    # -- window --------------------------------------------------------------------------------------
    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.existing_recent()
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.files.open_path(p))
        if not recent:
            self.recent_menu.addAction("(none)").setEnabled(False)

    def _about(self) -> None:
        QMessageBox.about(self, "About Penholder",
                          f"Penholder {__version__}\nDraft UN resolutions from agreed language.")

    def closeEvent(self, event) -> None:
        """Ask about unsaved changes, then release the draft and remember the layout."""
        if not self.files.confirm_discard():
            event.ignore()
            return
        self.files.close_cleanly()
        self.save_layout()
        self.dispatcher.cancel()
        for timer in (self.autosave_timer, self.search_timer, self.structure_timer, self.leads_timer):
            timer.stop()
        event.accept()


def parsed_leads(text: str) -> dict[str, str]:
    """Return {first 48 characters of paragraph text: lead} of the draft's structure, the same leads the
    export and the checks read (``drafts.structure``; it reads any text and never raises)."""
    from penholder.drafts.structure import draft_structure

    resolution = draft_structure(text)[0]
    return {p.text[:48]: p.lead for p in resolution.paragraphs if p.lead}


def settle_memory() -> None:
    """Once the library's index and drafting aids are loaded, collect once and set everything alive aside
    from the collector (``gc.freeze``): with the objects of a thousand resolutions in memory, each full
    collection while typing stalled the window for about 100 ms (10 ms after). A reload first gives the
    old library's objects back to the collector."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
