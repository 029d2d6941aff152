"""Replay a whole drafting session in the real main window, key by key, and measure it.

A resolution is turned into the editor text a drafter would type (``drafts.layout.draft_text``) and typed
into the window with Qt key events, one character per turn of the event loop, with a pause after each
line so the debounce fires and the precedent panel fills. On the way: Tab completion at the start of some
paragraphs, Ctrl+1 (replace with the first precedent) then undo and redo on others, Alt+Up/Alt+Down on
one, all with autosave, live checks, completion and the panel running. Then the draft is saved, the window
closed, the draft reopened in a new window, and exported to DOCX, a redline and the agreed-language report.

Used by ``tests/ui/test_drafting_session.py`` (two or three resolutions in CI) and
``benchmarks/bench_drafting_session.py`` (a dozen, and again with 100k library paragraphs).
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from penholder.drafts import layout

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
READING_MS = 200  # a drafter's look at the panel before Ctrl+1 or a move: no key lands in the same instant


@dataclass
class SessionFigures:
    """What one replayed session measured."""

    name: str
    characters: int = 0
    paragraphs: int = 0
    none_drift: int = 0
    rss_growth_mb: float = 0.0
    max_stall_ms: float = 0.0
    panel_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0
    completions: int = 0
    replaced: int = 0
    moved: int = 0
    problems: list[str] = field(default_factory=list)  # what went wrong (empty when the session held)

    def panel_percentile(self, share: float) -> float:
        """Return the ``share`` percentile of the panel latencies (nearest rank), 0 when none."""
        if not self.panel_ms:
            return 0.0
        ordered = sorted(self.panel_ms)
        return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]

    def line(self) -> str:
        """Return the figures as one table row."""
        return (f"{self.name:<22} {self.characters:>7} {self.paragraphs:>5} {self.none_drift:>+7} "
                f"{self.rss_growth_mb:>8.1f} {self.max_stall_ms:>9.1f} {self.panel_percentile(0.5):>8.1f} "
                f"{self.panel_percentile(0.95):>8.1f} {self.seconds:>7.1f}  {'ok' if not self.problems else 'FAIL'}")


HEADER = (f"{'resolution':<22} {'chars':>7} {'paras':>5} {'None':>7} {'RSS MB':>8} {'stall ms':>9} "
          f"{'p50 ms':>8} {'p95 ms':>8} {'secs':>7}")


def rss_mb() -> float:
    """Return the resident set size of this process in MB (Linux /proc; peak RSS elsewhere)."""
    try:
        with open("/proc/self/statm") as statm:
            import os

            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def none_count() -> int:
    """Return ``sys.getrefcount(None)`` (constant where None is immortal, Python >= 3.12)."""
    return sys.getrefcount(None)


class StallMeter(QObject):
    """A 5 ms timer on the UI thread; the largest gap between its ticks is the longest the UI stalled."""

    def __init__(self, parent=None, interval_ms: int = 5):
        super().__init__(parent)
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.max_gap_ms = 0.0
        self.interval_ms = interval_ms

    def start(self) -> None:
        """Start measuring (forgetting earlier gaps)."""
        self.max_gap_ms = 0.0
        self.clock.start()
        self.timer.start()

    def stop(self) -> float:
        """Stop and return the longest gap between ticks in ms."""
        self.timer.stop()
        return self.max_gap_ms

    def _tick(self) -> None:
        gap = self.clock.nsecsElapsed() / 1e6
        self.clock.restart()
        self.max_gap_ms = max(self.max_gap_ms, gap)


def typed_text(resolution) -> str:
    """Return the editor text a drafter types for ``resolution`` (tabs and odd spaces as plain spaces)."""
    text = layout.draft_text(resolution)
    return "\n".join(" ".join(line.replace("\t", " ").split(" ")) for line in text.split("\n"))


class Replay:
    """Types a draft into ``window`` and drives it as a drafter would."""

    def __init__(self, window, figures: SessionFigures, *, pause_timeout_ms: int = 5000,
                 replace_every: int = 7, complete_every: int = 5):
        self.window = window
        self.editor = window.editor
        self.app = QApplication.instance()
        self.figures = figures
        self.pause_timeout_ms = pause_timeout_ms
        self.replace_every = replace_every
        self.complete_every = complete_every
        self.filled: list[tuple[str, float]] = []
        window.dispatcher.results.connect(self._filled)  # after the window's own slot: the panel is filled

    def _filled(self, request, _hits) -> None:
        self.window.panel.browser.viewport().repaint()  # count the painting too
        self.filled.append((request.query, (time.perf_counter() - request.asked) * 1000))

    # -- keys ----------------------------------------------------------------------------------------
    def key(self, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        """Press one key on the editor and let the event loop turn once."""
        QTest.keyClick(self.editor, key, modifiers)
        self.app.processEvents()

    def type(self, text: str) -> None:
        """Type ``text`` character by character, the event loop turning after each key."""
        for char in text:
            if char == "\n":
                QTest.keyClick(self.editor, Qt.Key.Key_Return)
            elif char.isascii():
                QTest.keyClicks(self.editor, char)
            else:  # QTest maps ASCII only: a curly quote or a dash comes as a keyboard layout gives it
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(self.editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
            self.app.processEvents()
            self.figures.characters += 1

    def wait(self, ms: int) -> None:
        """Let the event loop run for ``ms`` milliseconds."""
        deadline = time.perf_counter() + ms / 1000
        while time.perf_counter() < deadline:
            self.app.processEvents()
            time.sleep(0.001)

    def pause(self) -> None:
        """Pause as a drafter does at the end of a paragraph: the debounce fires, the panel fills."""
        current = self.editor.current_paragraph()
        query = current[1] if current else None
        before = len(self.filled)
        deadline = time.perf_counter() + self.pause_timeout_ms / 1000
        self.wait(self.window.settings.debounce_ms + 10)
        if query is None or len(query) < 3 or self.window.index is None:
            return
        while time.perf_counter() < deadline:
            if any(q == query for q, _ms in self.filled[before:]):
                self.figures.panel_ms.append(next(ms for q, ms in self.filled[before:] if q == query))
                return
            self.app.processEvents()
            time.sleep(0.001)
        self.figures.problems.append(f"no precedents shown within {self.pause_timeout_ms} ms for "
                                     f"{query[:40]!r}")

    def block_text(self) -> str:
        """Return the text of the cursor's line."""
        return self.editor.textCursor().block().text()

    # -- the session ---------------------------------------------------------------------------------
    def type_draft(self, text: str) -> None:
        """Type the whole draft, line by line, with the drafter's moves on the way."""
        lines = text.split("\n")
        roles = layout.classify(lines)
        paragraphs = 0
        moved = False
        for index, (line, role) in enumerate(zip(lines, roles, strict=True)):
            if index:
                self.type("\n")
            if not line:
                continue
            starts_paragraph = role.role in (layout.PREAMBULAR, layout.OPERATIVE)
            if starts_paragraph:
                paragraphs += 1
            if starts_paragraph and paragraphs % self.complete_every == 2:
                self._complete_and_type(line)
            else:
                self.type(line)
            self.pause()
            if starts_paragraph and paragraphs % self.replace_every == 3:
                self._replace_then_undo(line)
            if not moved and starts_paragraph and paragraphs >= 2 \
                    and (index + 1 == len(lines) or not lines[index + 1].strip()):
                moved = self._move_up_and_back()
        self.figures.paragraphs = paragraphs

    def _complete_and_type(self, line: str) -> None:
        """Type the first letters, press Tab and take an offered opening that the line continues with;
        then type the rest. An opening that does not fit is undone."""
        number = len(line) - len(line.lstrip("0123456789. "))  # the operative number, typed first
        self.type(line[: number + 3])
        completion = self.window.completion
        start = self.block_text()
        self.key(Qt.Key.Key_Tab)
        if completion.popup.isVisible():
            choices = [completion.popup.item(i).data(Qt.ItemDataRole.UserRole)
                       for i in range(completion.popup.count())]
            fitting = [i for i, s in enumerate(choices)
                       if s is not None and line.startswith(start + s.insert)]
            if fitting:
                for _ in range(fitting[0] - completion.popup.currentRow()):
                    self.key(Qt.Key.Key_Down)
                self.key(Qt.Key.Key_Return)
            else:
                self.key(Qt.Key.Key_Escape)
        now = self.block_text()
        if now != start:
            if line.startswith(now):
                self.figures.completions += 1
            else:
                self.key(Qt.Key.Key_Z, CTRL)  # Tab took the only opening, not this one
        now = self.block_text()
        if not line.startswith(now):
            self.figures.problems.append(f"completion left {now!r} for {line[:40]!r}")
            return
        self.type(line[len(now):])

    def _replace_then_undo(self, line: str) -> None:
        """Ctrl+1 (replace with the first precedent), undo, redo, undo: the paragraph is as typed."""
        if not self.window.panel.hits:
            return
        hit_text = self.window.panel.hits[0].text
        self.wait(READING_MS)  # the drafter reads the panel before choosing (no key in the same instant)
        self.key(Qt.Key.Key_1, CTRL)
        self.wait(30)
        body = self.editor.current_paragraph()
        if body is None or body[1] not in (hit_text, layout.split_subparagraphs(hit_text)[0]):
            self.figures.problems.append(f"Ctrl+1 did not put the first precedent in {line[:40]!r}")
        self.key(Qt.Key.Key_Z, CTRL)
        self.key(Qt.Key.Key_Z, CTRL | SHIFT)
        self.key(Qt.Key.Key_Z, CTRL)
        self.wait(self.window.settings.debounce_ms + 10)  # the renumbering must not undo the undo
        if self.block_text() != line:
            self.figures.problems.append(f"undo after Ctrl+1 left {self.block_text()[:60]!r} for {line[:40]!r}")
        self.figures.replaced += 1

    def _move_up_and_back(self) -> bool:
        """Alt+Up then Alt+Down on the paragraph just typed: the draft is as it was."""
        before = self.editor.toPlainText()
        self.wait(READING_MS)
        self.key(Qt.Key.Key_Up, ALT)
        if self.editor.toPlainText() == before:
            return False
        self.key(Qt.Key.Key_Down, ALT)
        self.wait(self.window.settings.debounce_ms + 10)
        if self.editor.toPlainText() != before:
            self.figures.problems.append("Alt+Up then Alt+Down changed the draft")
        self.figures.moved += 1
        cursor = self.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.editor.setTextCursor(cursor)
        return True


def wait_until(condition, timeout_ms: int = 20_000) -> bool:
    """Run the event loop until ``condition()`` holds; return whether it did within the timeout."""
    app = QApplication.instance()
    deadline = time.perf_counter() + timeout_ms / 1000
    while time.perf_counter() < deadline:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.002)
    return False


def replay_session(make_window, resolution, folder: Path, name: str, *, index=None, symbol: str | None = None,
                   sponsors: list[str] | None = None) -> SessionFigures:
    """Type ``resolution`` into a window from ``make_window()``, save, close, reopen, export, redline
    against ``symbol`` and report into ``folder``; return the figures (``problems`` lists what failed)."""
    from tests.drafts.oracle import expected_body, exported_body
    from tests.export.reading import resolve_changes

    figures = SessionFigures(name)
    text = typed_text(resolution)
    window = make_window()
    if index is not None:
        window.set_index(index, None, None)
    wait_until(lambda: window.index is not None and window.checks.checker is not None
               and window.completion.completer is not None)
    meter = StallMeter(window)
    gc.collect()
    none_before, rss_before, began = none_count(), rss_mb(), time.perf_counter()
    meter.start()
    replay = Replay(window, figures)
    replay.type_draft(text)
    figures.max_stall_ms = meter.stop()
    figures.seconds = time.perf_counter() - began
    window.files.autosave()  # what the 30 s timer does
    gc.collect()
    figures.none_drift = none_count() - none_before
    figures.rss_growth_mb = rss_mb() - rss_before

    typed = window.editor.toPlainText()
    if typed != text:
        figures.problems.append(f"the editor holds {len(typed)} characters, {len(text)} were typed")
    if sponsors:
        window.files.draft.metadata.sponsors = list(sponsors)
    draft_path = folder / f"{name}.penholder"
    window.files.ask_save_path = lambda *_args: str(draft_path)
    if not window.files.save():
        figures.problems.append("save failed")
    window.close()
    if window.isVisible():
        figures.problems.append("the window did not close")

    window = make_window()
    if index is not None:
        window.set_index(index, None, None)
    window.files.open_path(draft_path)
    if window.editor.toPlainText() != typed:
        figures.problems.append("the reopened draft differs from what was typed")
    wait_until(lambda: window.index is not None)
    outputs = {"docx": folder / f"{name}.docx", "redline": folder / f"{name}-redline.docx",
               "report": folder / f"{name}-agreed.docx"}
    for stale in outputs.values():  # an earlier run's files must not pass for this one's
        stale.unlink(missing_ok=True)
    files = window.files
    errors: list[str] = []
    files.show_error = errors.append  # a message box would wait for a click
    files.ask_save_path = lambda title, *_a: str(outputs["redline" if "redline" in title.lower()
                                                         else "report" if "report" in title.lower()
                                                         else "docx"])
    files.ask_precedent = lambda symbols: symbol if symbol in symbols else (symbols[0] if symbols else "")
    files.export_docx_dialog()
    files.export_redline_dialog()
    from penholder.ui.agreed_report import export_report_dialog

    export_report_dialog(window)
    if not wait_until(lambda: errors or all(p.exists() for p in outputs.values()), 120_000):
        figures.problems.append(f"not written: {[k for k, p in outputs.items() if not p.exists()]}")
    figures.problems += errors
    expected = expected_body(typed)
    if outputs["docx"].exists() and exported_body(outputs["docx"]) != expected:
        figures.problems.append("the DOCX body is not the typed paragraphs")
    if outputs["redline"].exists():
        accepted = [t for _s, t in resolve_changes(outputs["redline"], accept=True)]
        missing = [t for _s, t in expected if t.split("\t")[-1] not in "\n".join(accepted)]
        if missing:
            figures.problems.append(f"the redline lacks {len(missing)} typed paragraphs, e.g. {missing[0][:50]!r}")
    window.editor.document().setModified(False)
    window.close()
    return figures


def summary(figures: list[SessionFigures]) -> str:
    """Return the totals line of a run."""
    panel = [ms for f in figures for ms in f.panel_ms]
    p95 = sorted(panel)[max(0, round(0.95 * len(panel)) - 1)] if panel else 0.0
    return (f"{'all':<22} {sum(f.characters for f in figures):>7} {sum(f.paragraphs for f in figures):>5} "
            f"{sum(f.none_drift for f in figures):>+7} {max(f.rss_growth_mb for f in figures):>8.1f} "
            f"{max(f.max_stall_ms for f in figures):>9.1f} "
            f"{statistics.median(panel) if panel else 0:>8.1f} {p95:>8.1f} "
            f"{sum(f.seconds for f in figures):>7.1f}")
