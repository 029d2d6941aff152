"""The window's draft as a file: new, open, save, recent files, import, export, autosave and recovery.

Every question to the drafter goes through one small ``ask_*`` method so tests can answer it by patching.
Exports run in the thread pool; the window stays usable while a DOCX is written.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import platformdirs
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from penholder.drafts import (
    DRAFT_SUFFIX,
    Draft,
    DraftLock,
    FileStamp,
    discard_autosave,
    file_stamp,
    load_draft_stamped,
    save_draft,
    scan_autosaves,
    write_autosave,
)
from penholder.drafts.lock import StaleLockError
from penholder.errors import DraftError, PenholderError
from penholder.paths import HOME_ENV
from penholder.ui.reading_progress import read_with_progress
from penholder.ui.workers import start_task

DRAFT_FILTER = f"Penholder drafts (*{DRAFT_SUFFIX})"
ACTIVE_SESSIONS: set[str] = set()  # autosave sessions of the windows open in this process


class DraftFiles:
    """File handling for one main window."""

    def __init__(self, window):
        self.window = window
        self.draft = Draft()
        self.path: Path | None = None
        self.lock: DraftLock | None = None
        self.stamp: FileStamp | None = None  # the draft file's size and hash when read or last saved
        self.autosaved_revision = -1
        self.exports: list = []  # running export tasks (tests wait on them)
        ACTIVE_SESSIONS.add(window.session)

    @property
    def editor(self):
        """Return the window's editor."""
        return self.window.editor

    # -- questions (patched in tests) ----------------------------------------------------------------
    def ask_open_path(self, title: str, filters: str) -> str:
        """Return a file chosen to open, or an empty string."""
        return QFileDialog.getOpenFileName(self.window, title, str(self.start_folder()), filters)[0]

    def ask_save_path(self, title: str, filters: str, suggested: str) -> str:
        """Return a file chosen to write, or an empty string."""
        return QFileDialog.getSaveFileName(self.window, title, suggested, filters)[0]

    def ask_unsaved(self) -> str:
        """Return "save", "discard" or "cancel" for a draft with unsaved changes."""
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window, "Unsaved changes", f"Save the changes to {self.display_name()}?",
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
        return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")

    def ask_recover(self, title: str) -> bool:
        """Return whether to restore an autosaved draft."""
        buttons = QMessageBox.StandardButton
        return QMessageBox.question(
            self.window, "Recover draft",
            f"Penholder stopped without saving {title}. Restore the autosaved text?",
            buttons.Yes | buttons.No, buttons.Yes) == buttons.Yes

    def ask_precedent(self, symbols: list[str]) -> str:
        """Return the symbol of the precedent to redline against, or an empty string."""
        symbol, ok = QInputDialog.getItem(self.window, "Redline against precedent",
                                          "Precedent resolution:", symbols, 0, False)
        return symbol if ok else ""

    def show_error(self, message: str) -> None:
        """Tell the drafter what went wrong, in one line."""
        QMessageBox.warning(self.window, "Penholder", message)

    # -- state ---------------------------------------------------------------------------------------
    def start_folder(self) -> Path:
        """Return where a Save or Export dialog opens: where the drafter last saved, opened or exported,
        else their documents folder (never the folder the program was started from)."""
        last = self.window.settings.last_folder
        if last and Path(last).is_dir():
            return Path(last)
        return documents_folder()

    def _remember_folder(self, path: Path) -> None:
        self.window.settings.last_folder = str(Path(path).resolve().parent)

    def display_name(self) -> str:
        """Return the draft's file name, or "Untitled"."""
        return self.path.name if self.path else "Untitled"

    def _show(self, draft: Draft, path: Path | None, modified: bool = False) -> None:
        self.draft = draft
        self.path = path
        self.editor.setPlainText(draft.text)
        self.editor.document().setModified(modified)
        self.editor.history_step = True  # a freshly opened text keeps its numbers until edited
        self.autosaved_revision = -1
        self.window.setWindowTitle(f"{self.display_name()}[*] — Penholder")
        self.window.setWindowModified(modified)
        self.window.update_structure()

    def ask_take_over(self, question: str) -> bool:
        """Return whether to take over the lock a stopped Penholder left on a draft."""
        buttons = QMessageBox.StandardButton
        return QMessageBox.question(self.window, "Draft locked", question,
                                    buttons.Yes | buttons.No, buttons.No) == buttons.Yes

    def _take_lock(self, path: Path) -> bool:
        lock = DraftLock(path)
        try:
            try:
                lock.acquire()
            except StaleLockError as stale:
                if not self.ask_take_over(stale.question):
                    self.show_error(f"{stale}. The draft was not opened; use Open again to take it over.")
                    return False
                lock.take_over(stale)
        except DraftError as exc:
            self.show_error(str(exc))
            return False
        self._release_lock()
        self.lock = lock
        return True

    def _release_lock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def confirm_discard(self) -> bool:
        """Return whether the current draft may be replaced (saving it first if the drafter says so)."""
        if not self.editor.document().isModified():
            return True
        answer = self.ask_unsaved()
        if answer == "save":
            return self.save()
        return answer == "discard"

    # -- commands ------------------------------------------------------------------------------------
    def new_draft(self, ask: bool = True) -> None:
        """Start an empty draft."""
        if ask and not self.confirm_discard():
            return
        self._release_lock()
        self.stamp = None
        self._show(Draft(), None)

    def open_dialog(self) -> None:
        """Ask for a draft file and open it."""
        path = self.ask_open_path("Open draft", f"{DRAFT_FILTER};;All files (*)")
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Open a ``.penholder`` draft in this window; return whether it was opened."""
        path = Path(path)
        if not self.confirm_discard():
            return False
        try:
            draft, stamp = load_draft_stamped(path)
        except DraftError as exc:
            self.show_error(str(exc))
            return False
        if not self._take_lock(path):
            return False
        self.stamp = stamp
        self._show(draft, path)
        self.window.settings.add_recent(path)
        self._remember_folder(path)
        return True

    def current_draft(self) -> Draft:
        """Return the draft with the editor's text."""
        self.draft.text = self.editor.toPlainText()
        return self.draft

    def save(self) -> bool:
        """Save to the draft's file (asking for one if new); return whether it was saved."""
        if self.path is None:
            return self.save_as()
        try:
            self.stamp = save_draft(self.current_draft(), self.path, expected=self.stamp)
        except DraftError as exc:
            self.show_error(str(exc))
            return False
        self.editor.document().setModified(False)
        discard_autosave(self.window.session)
        self.window.statusBar().showMessage(f"Saved {self.path}", 4000)
        self.window.autosave_label.setText(f"Saved {datetime.now():%H:%M}")
        self.window.settings.add_recent(self.path)
        self._remember_folder(self.path)
        return True

    def save_as(self) -> bool:
        """Ask for a file name and save there; return whether it was saved."""
        suggested = str(self.path or self.start_folder() / f"draft{DRAFT_SUFFIX}")
        chosen = self.ask_save_path("Save draft as", DRAFT_FILTER, suggested)
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix != DRAFT_SUFFIX:
            path = path.with_name(path.name + DRAFT_SUFFIX)
        if path != self.path and not self._take_lock(path):
            return False
        self.path, self.stamp = path, None
        self.window.setWindowTitle(f"{self.display_name()}[*] — Penholder")
        return self.save()

    def import_dialog(self) -> None:
        """Ask for a text, DOCX or PDF draft and bring its text into the editor as a new draft."""
        path = self.ask_open_path("Import draft", "Drafts (*.txt *.docx *.pdf);;All files (*)")
        if path:
            self.import_path(path)

    def import_path(self, path: str | Path) -> bool:
        """Read a text, DOCX or PDF draft into a new unsaved draft; return whether it worked."""
        if not self.confirm_discard():
            return False
        try:
            text = read_with_progress(self.window, Path(path), read_draft_text)
        except PenholderError as exc:
            self.show_error(str(exc))
            return False
        self._release_lock()
        self.stamp = None
        self._show(Draft(text), None, modified=True)
        return True

    def edit_metadata(self) -> None:
        """Edit the draft's metadata in a dialog."""
        from penholder.ui.dialogs import MetadataDialog

        dialog = MetadataDialog(self.draft.metadata, self.window)
        if dialog.exec():
            self.draft.metadata = dialog.metadata()
            self.editor.document().setModified(True)

    def edit_settings(self) -> None:
        """Edit the settings in a dialog, apply and save them."""
        from penholder.ui.dialogs import SettingsDialog

        settings = self.window.settings
        dialog = SettingsDialog(settings, self.window)
        if not dialog.exec():
            return
        old_library = settings.library()
        try:
            settings.update(**dialog.values())
            settings.save()
        except (ValueError, OSError) as exc:
            self.show_error(f"Settings not saved: {exc}")
            return
        self.window.apply_settings()
        if settings.library() != old_library:
            self.window.load_library()
        else:
            self.window.search_now(force=True)

    # -- export --------------------------------------------------------------------------------------
    def resolution(self):
        """Return the draft as the resolution every output reads: its lines as the editor shows them, with
        its details (``drafts.structure``)."""
        from penholder.drafts.structure import draft_resolution

        return draft_resolution(self.current_draft(), source=self.display_name())

    def _run_export(self, job, path: Path, what: str) -> None:
        status = self.window.statusBar()
        status.showMessage(f"Writing {what} {path.name} …")
        checker, text = self.window.checks.checker, self.editor.toPlainText()

        def write_and_count():
            job()
            try:
                return open_errors(checker, text)
            except Exception:  # the file is written; the count is only a courtesy
                return None

        def done(errors):
            self._remember_folder(path)
            status.showMessage(f"Wrote {path}{errors_note(errors)}", 15000)

        def failed(message):
            status.showMessage(f"{what} not written", 6000)
            self.show_error(message)

        self.exports.append(start_task(write_and_count, done, failed, owner=self.window))

    def export_docx_dialog(self) -> None:
        """Ask for a file and export the draft to UN-style DOCX there, in the background."""
        try:
            resolution = self.resolution()
        except PenholderError as exc:
            self.show_error(f"The draft cannot be exported yet: {exc}")
            return
        chosen = self.ask_save_path("Export to DOCX", "Word documents (*.docx)", self._suggest(".docx"))
        if not chosen:
            return
        path = Path(chosen)
        profile = self.window.settings.default_profile

        def job():
            from penholder.export import export_docx

            export_docx(resolution, path, profile=profile, state="draft")
            return path

        self._run_export(job, path, "DOCX")

    def export_redline_dialog(self) -> None:
        """Ask for a precedent and a file, and write a redline of the draft against the precedent."""
        try:
            resolution = self.resolution()
        except PenholderError as exc:
            self.show_error(f"The draft cannot be compared yet: {exc}")
            return
        library_path = self.window.settings.library()
        symbols = library_symbols(library_path)
        hit = self.window.panel.selected_hit()
        if hit is not None and hit.symbol in symbols:
            symbols.remove(hit.symbol)
            symbols.insert(0, hit.symbol)
        symbol = self.ask_precedent(symbols) if symbols else ""
        if not symbol:
            return
        chosen = self.ask_save_path("Export redline", "Word documents (*.docx)", self._suggest("-redline.docx"))
        if not chosen:
            return
        path = Path(chosen)
        profile = self.window.settings.default_profile

        def job():
            from penholder.export import write_redline
            from penholder.library import resolve_resolution

            old = resolve_resolution(symbol, library_path)
            write_redline(old, resolution, path, profile=profile)
            return path

        self._run_export(job, path, "redline")

    def _suggest(self, suffix: str) -> str:
        stem = self.path.stem if self.path else "draft"
        return str(self.start_folder() / f"{stem}{suffix}")

    # -- autosave and recovery -----------------------------------------------------------------------
    def autosave(self) -> bool:
        """Write the draft to its autosave file if it changed since the last one; return whether written.
        Every tick also marks the draft's lock as in use, so another computer never sees it as left behind."""
        if self.lock is not None:
            self.lock.refresh()
        document = self.editor.document()
        if not document.isModified() or document.revision() == self.autosaved_revision:
            return False
        try:
            write_autosave(self.current_draft(), self.window.session, self.path)
        except OSError as exc:
            self.window.autosave_label.setText(f"Autosave failed: {exc.strerror or exc}")
            return False
        self.autosaved_revision = document.revision()
        self.window.autosave_label.setText(f"Autosaved {datetime.now():%H:%M}")
        return True

    def offer_recovery(self) -> int:
        """Offer each draft left by a window that did not close; return how many were restored."""
        restored = 0
        scan = scan_autosaves(ACTIVE_SESSIONS)
        self.report_set_aside(scan.set_aside)
        for recovery in scan.recoveries:
            if restored == 0 and self.ask_recover(recovery.title()):
                origin = Path(recovery.origin) if recovery.origin else None
                if origin is not None and not self._take_lock(origin):
                    origin = None
                self.stamp = file_stamp(origin) if origin else None
                self._show(recovery.draft, origin, modified=True)
                restored += 1
                discard_autosave(recovery.path)
                self.autosave()
            elif restored:
                continue  # keep further copies for the next start rather than losing them
            else:
                discard_autosave(recovery.path)
        return restored

    def report_set_aside(self, set_aside) -> None:
        """Tell the drafter which damaged autosave files were set aside (kept under a new name)."""
        if set_aside:
            self.show_error("\n".join(item.message() for item in set_aside))

    def close_cleanly(self) -> None:
        """Forget this window's autosave and lock (the drafter saved or chose to discard)."""
        discard_autosave(self.window.session)
        ACTIVE_SESSIONS.discard(self.window.session)
        self._release_lock()


def documents_folder() -> Path:
    """Return the drafter's documents folder (platformdirs); with ``PENHOLDER_HOME`` set, its
    ``documents`` folder if there is one, else that home itself; the home folder if there is no documents
    folder. Nothing is created."""
    home = os.environ.get(HOME_ENV)
    if home:
        folder = Path(home).expanduser() / "documents"
        return folder if folder.is_dir() else Path(home).expanduser()
    folder = Path(platformdirs.user_documents_dir())
    return folder if folder.is_dir() else Path.home()


def open_errors(checker, text: str) -> int:
    """Return how many error-level house-style problems the editor text has (the plain house rules when
    the library's checker is not loaded yet)."""
    from penholder.checks import ERROR, Checker

    if not text.strip():
        return 0
    return sum(problem.severity == ERROR for problem in (checker or Checker()).check_draft(text))


def errors_note(errors: int | None) -> str:
    """Return what an export's status line adds about the draft's open errors (nothing if not counted)."""
    if errors is None:
        return ""
    if not errors:
        return " · no style errors open"
    return f" · {errors} style error{'s' if errors != 1 else ''} still open (Problems, F8)"


def library_symbols(library_path) -> list[str]:
    """Return the symbols in the library, newest first (empty if it cannot be opened)."""
    from penholder.library import Library

    try:
        library = Library.open(library_path)
    except PenholderError:
        return []
    try:
        resolutions = library.resolutions()
    finally:
        library.close()
    ordered = sorted(resolutions, key=lambda r: (r.year or 0, r.symbol or ""), reverse=True)
    return [r.symbol for r in ordered if r.symbol]


def read_draft_text(path: Path) -> str:
    """Return the editor text of a text, DOCX or PDF draft, read through the same guarded reader as the
    library import (``readers.incoming``); raise ``ParseError`` with the reason otherwise."""
    from penholder.readers.incoming import import_draft_text

    return import_draft_text(path)
