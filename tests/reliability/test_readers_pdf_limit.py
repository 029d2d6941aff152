"""Fault probes of the PDF time limit: a small PDF of 2,000 pages sharing one heavy content stream, a page
that pypdf parses in one long call (no chance to stop from inside), cancelling, and a batch that goes on.

The limit is lowered for the default run (``LIMIT`` seconds); ``PENHOLDER_PDF_CAP=1`` also runs the real
60 s cap on the heavy PDF (slow).
"""

from __future__ import annotations

import os
import threading
import time
import zlib
from pathlib import Path

import pytest

from penholder.errors import ParseError
from penholder.library import Library
from penholder.readers import pdf_worker, read_resolution
from tests.readers.probes import report
from tests.readers.samples import resolution_runs, write_pdf_objects, write_text_pdf

LIMIT = 2.0
SPAWN = 3.0  # starting a worker (an interpreter and pypdf) on a loaded machine, at most


def write_shared_stream_pdf(path: Path, pages: int, operations: int) -> Path:
    """Write a PDF of ``pages`` pages that all draw the same content stream of ``operations`` text shows."""
    content = b"BT /F1 9 Tf 72 700 Td (Recalling its resolution 70/1) Tj ET\n" * operations
    stream = zlib.compress(content, 9)
    first_page = 5
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (first_page + n) for n in range(pages))
        + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                b"/Resources << /Font << /F1 3 0 R >> >> >>"] * pages
    return write_pdf_objects(path, objects)


def write_one_long_call_pdf(path: Path) -> Path:
    """Write a one-page PDF whose content is millions of path operators and no text: pypdf parses it in one
    call that never comes back to the reader's own deadline check."""
    return _one_page(path, b"1 2 m 3 4 l S\n" * 280_000)


def _one_page(path: Path, content: bytes) -> Path:
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
    ]
    return write_pdf_objects(path, objects)


@pytest.fixture(scope="module")
def heavy(tmp_path_factory) -> Path:
    return write_shared_stream_pdf(tmp_path_factory.mktemp("pdf") / "heavy.pdf", 2000, 40_000)


@pytest.fixture
def short_limit(monkeypatch):
    monkeypatch.setattr(pdf_worker, "MAX_PDF_SECONDS", LIMIT)


def _timed(function, *args):
    began = time.monotonic()
    try:
        outcome = function(*args)
    except ParseError as exc:
        outcome = exc
    return outcome, time.monotonic() - began


def test_the_heavy_pdf_is_small(heavy):
    assert heavy.stat().st_size < 450 * 1024


def test_a_heavy_pdf_is_given_up_at_the_limit(heavy, short_limit):
    outcome, seconds = _timed(read_resolution, heavy)
    report(f"2,000-page PDF ({heavy.stat().st_size // 1024} kB, one shared heavy stream), limit {LIMIT:.0f} s",
           1, f"{str(outcome).split(': ', 1)[-1]!r} after {seconds:.1f} s")
    assert isinstance(outcome, ParseError) and f"longer than {LIMIT:.0f} s" in str(outcome)
    assert seconds < LIMIT + SPAWN


def test_a_pdf_stuck_in_one_call_is_killed(tmp_path, short_limit):
    path = write_one_long_call_pdf(tmp_path / "stuck.pdf")
    outcome, seconds = _timed(read_resolution, path)
    report(f"PDF stuck in one pypdf call ({path.stat().st_size // 1024} kB), limit {LIMIT:.0f} s", 1,
           f"{str(outcome).split(': ', 1)[-1]!r} after {seconds:.1f} s (worker killed)")
    assert isinstance(outcome, ParseError) and f"longer than {LIMIT:.0f} s" in str(outcome)
    assert seconds < LIMIT + pdf_worker._GRACE + SPAWN  # noqa: SLF001


def test_cancel_stops_a_pdf_at_once_and_the_next_file_reads(tmp_path, heavy):
    stop = threading.Event()
    threading.Timer(1.0, stop.set).start()
    with pdf_worker.cancellable(stop.is_set):
        outcome, seconds = _timed(read_resolution, heavy)
    good = write_text_pdf(tmp_path / "good.pdf", resolution_runs())
    after, _ = _timed(read_resolution, good)
    report("Cancel 1 s into the heavy PDF (limit 60 s)", 1,
           f"{str(outcome).split(': ', 1)[-1]!r} after {seconds:.1f} s; next PDF read: {bool(after.operative)}")
    assert isinstance(outcome, ParseError) and "cancelled" in str(outcome)
    assert seconds < 1.0 + 1.0
    assert after.operative


def test_a_batch_goes_on_past_a_heavy_pdf(tmp_path, heavy, short_limit, seed_paths):
    good_pdf = write_text_pdf(tmp_path / "good.pdf", resolution_runs())
    seed = next(iter(seed_paths.values()))
    began = time.monotonic()
    with Library.open(tmp_path / "library.sqlite3", fill=False) as library:
        batch = library.add_files([heavy, good_pdf, seed])
    seconds = time.monotonic() - began
    report(f"library add: heavy PDF + a PDF + a text, limit {LIMIT:.0f} s", 1,
           f"{batch.summary()} in {seconds:.1f} s")
    assert [Path(p).name for p, _ in batch.failed] == ["heavy.pdf"]
    assert len(batch.added) == 2
    assert seconds < LIMIT + 2 * SPAWN + 5


def test_the_reading_is_visible_while_it_lasts(heavy, short_limit):
    seen = []

    def watch():
        while not done.is_set():
            seen.extend(pdf_worker.reading_now())
            time.sleep(0.2)

    done = threading.Event()
    watcher = threading.Thread(target=watch)
    watcher.start()
    _timed(read_resolution, heavy)
    done.set()
    watcher.join()
    assert seen and seen[-1][0] == str(heavy) and seen[-1][2] == LIMIT
    assert max(seconds for _, seconds, _ in seen) > 1.0
    assert pdf_worker.reading_now() == []


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("PENHOLDER_PDF_CAP"), reason="set PENHOLDER_PDF_CAP=1 (60 s)")
def test_the_real_cap_holds_on_the_heavy_pdf(heavy):
    outcome, seconds = _timed(read_resolution, heavy)
    report("2,000-page PDF, the real 60 s cap", 1, f"{str(outcome).split(': ', 1)[-1]!r} after {seconds:.1f} s")
    assert isinstance(outcome, ParseError) and seconds < pdf_worker.MAX_PDF_SECONDS + SPAWN


def test_the_import_window_shows_the_time_and_cancel_stops_the_pdf(qtbot, tmp_path, heavy, seed_paths):
    from penholder.ui.import_dialog import ImportDialog

    dialog = ImportDialog(tmp_path / "library.sqlite3", [heavy, next(iter(seed_paths.values()))])
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Reading heavy.pdf:"), timeout=15_000)
    shown = dialog.status.text()
    began = time.monotonic()
    with qtbot.waitSignal(dialog.finished_report, timeout=5_000) as signal:
        dialog.cancel()
    seconds = time.monotonic() - began
    batch = signal.args[0]
    report("GUI Add to Library: heavy PDF, then Cancel", 1,
           f"showed {shown!r}; stopped {seconds:.1f} s after Cancel; {batch.summary()}")
    assert "given up at 60 s" in shown
    assert batch.cancelled and [reason for _, reason in batch.failed] == [f"{heavy}: reading was cancelled"]
    assert seconds < 2


def test_import_draft_shows_the_time_and_cancel_stops_the_pdf(qtbot, heavy):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    from tests.ui.conftest import open_window

    window = open_window(qtbot)
    errors, shown = [], []
    window.files.show_error = errors.append

    def press_cancel():
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        if not dialogs or "s (given up at" not in dialogs[0].labelText():
            QTimer.singleShot(200, press_cancel)
            return
        shown.append(dialogs[0].labelText())
        dialogs[0].findChild(QPushButton).click()  # the drafter's click on Cancel

    QTimer.singleShot(500, press_cancel)
    began = time.monotonic()
    assert not window.files.import_path(heavy)
    seconds = time.monotonic() - began
    report("GUI Import Draft: heavy PDF, then Cancel", 1,
           f"showed {shown[0]!r}; {errors[0].split(': ', 1)[-1]!r} after {seconds:.1f} s")
    assert shown and shown[0].startswith("Reading heavy.pdf: ")
    assert errors == [f"{heavy}: reading was cancelled"]
    assert seconds < 10


def test_import_draft_of_a_small_file_shows_no_window(qtbot, seed_paths):
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from tests.ui.conftest import open_window

    window = open_window(qtbot)
    assert window.files.import_path(next(iter(seed_paths.values())))
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_a_slow_pdf_is_announced_on_the_command_line(heavy, monkeypatch, caplog):
    """Logged as a warning, which the command line prints to stderr ("penholder: still reading …")."""
    monkeypatch.setattr(pdf_worker, "MAX_PDF_SECONDS", 2.0)
    monkeypatch.setattr(pdf_worker, "NOTICE_SECONDS", 1.0)
    with caplog.at_level("WARNING", logger="penholder.readers.pdf_worker"), pytest.raises(ParseError):
        read_resolution(heavy)
    notices = [record.getMessage() for record in caplog.records]
    assert notices and notices[0].startswith(f"penholder: still reading {heavy} after ")
    assert notices[0].endswith(" s (given up at 2 s)")


def test_ctrl_c_during_a_pdf_stops_its_worker(heavy, monkeypatch):
    stopped = []
    original = pdf_worker._Worker.stop  # noqa: SLF001

    def stop(self):
        stopped.append(self.process.pid)
        original(self)

    monkeypatch.setattr(pdf_worker._Worker, "stop", stop)  # noqa: SLF001

    calls = []

    def interrupt() -> bool:  # the drafter's Ctrl+C, once the PDF is being read
        calls.append(1)
        if len(calls) > 3:
            raise KeyboardInterrupt
        return False

    with pytest.raises(KeyboardInterrupt):
        pdf_worker.read_in_worker(heavy, heavy.read_bytes(), cancel=interrupt)
    assert len(stopped) == 1
