"""File ▸ Export Agreed-Language Report: the draft's paragraphs against their closest precedents, as DOCX.

The draft is parsed on the UI thread (as for the other exports, so a draft that cannot be read is reported
at once); finding each paragraph's precedent and writing the table run in the pool against the loaded
precedent index. The status bar says what was written; a failure is shown as its one-line message.
"""

from __future__ import annotations

from pathlib import Path

from penholder.errors import PenholderError
from penholder.ui.workers import ProgressRelay, start_task


def report_title(resolution, name: str) -> str:
    """Return the report's heading: the draft's symbol or title, else the file name."""
    what = getattr(resolution, "symbol", None) or getattr(resolution, "title", None) or name
    return f"Agreed language in {what}"


def summary_message(counts: dict, path: Path) -> str:
    """Return the status line after writing: how many paragraphs are agreed, changed and new."""
    return (f"Wrote {path.name}: {counts.get('agreed', 0)} agreed word for word, "
            f"{counts.get('changed', 0)} changed, {counts.get('new', 0)} without precedent")


def write_agreed_report(resolution, index, path: Path, title: str, progress=None,
                        delegation: str | None = None) -> dict:
    """Write the agreed-language report of ``resolution`` against ``index`` to ``path``; return the counts
    of agreed, changed and new paragraphs (runs in a worker; ``progress(done, total)`` per paragraph). With
    ``delegation`` (the settings' Member State) the table says how it voted on each precedent."""
    from penholder.report import agreed_language_report, report_summary, write_report_docx

    rows = agreed_language_report(resolution, index, progress=progress, delegation=delegation)
    write_report_docx(rows, path, title=title, delegation=delegation)
    return report_summary(rows)


def export_report_dialog(window) -> None:
    """Ask where to write the report of the window's draft and write it in the background."""
    files = window.files
    if window.index is None:
        files.show_error("The precedent library is still loading: export the report when it is ready.")
        return
    try:
        resolution = files.resolution()
    except PenholderError as exc:
        files.show_error(f"The draft cannot be reported on yet: {exc}")
        return
    if not resolution.paragraphs:
        files.show_error("The draft has no preambular or operative paragraphs to report on yet.")
        return
    chosen = files.ask_save_path("Export agreed-language report", "Word documents (*.docx)",
                                 files._suggest("-agreed-language.docx"))
    if not chosen:
        return
    path = Path(chosen)
    index, title = window.index, report_title(resolution, files.display_name())
    status = window.statusBar()
    status.showMessage(f"Finding the precedents of {len(resolution.paragraphs)} paragraphs for {path.name} …")
    relay = ProgressRelay(window)
    relay.progressed.connect(lambda done, total, _path: status.showMessage(
        f"Finding precedents for {path.name}: paragraph {done} of {total} …"))

    def done(counts):
        files._remember_folder(path)
        status.showMessage(summary_message(counts, path), 10000)

    def failed(message):
        status.showMessage("Agreed-language report not written", 6000)
        files.show_error(message)

    delegation = window.settings.my_delegation or None

    def job():
        return write_agreed_report(resolution, index, path, title, lambda done, total: relay(done, total, ""),
                                   delegation)

    files.exports.append(start_task(job, done, failed, owner=window))
