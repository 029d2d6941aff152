"""Render the documentation screenshots: the window mid-draft with precedents, the History tab, and the
Problems dock with a completion list open.

Run under a virtual screen: ``xvfb-run -a -s "-screen 0 1440x900x24" python -m penholder.ui.screenshots docs``.
The draft is made from the bundled corpus, with one paragraph reworded so the panel shows differences.
"""

from __future__ import annotations

import sys
from pathlib import Path

WIDTH, HEIGHT = 1440, 900


def sample_draft(resolutions) -> tuple[str, int]:
    """Return a draft built from the newest bundled resolution, and the line to put the cursor on."""
    from penholder.drafts.layout import draft_text

    newest = max(resolutions, key=lambda r: (r.year or 0))
    blocks = draft_text(newest).split("\n\n")
    preambular = [b for b in blocks[1:] if not b[0].isdigit()][:3]
    operative = [b for b in blocks if b[0].isdigit()][:4]
    # The drafter is rewording the last operative paragraph: a word added, a different ending.
    words = operative[-1].split("\n")[0].rstrip(";,.:").split()
    reworded = words[: max(8, len(words) * 2 // 3)]
    reworded.insert(min(4, len(reworded)), "strongly")
    operative[-1] = " ".join(reworded).rstrip(",;") + ", in particular through regional dialogue;"
    text = "\n\n".join([blocks[0], *preambular, *operative])
    return text, text.count("\n")


def main(argv: list[str]) -> int:
    """Write docs/screenshot-main.png, docs/screenshot-history.png and docs/screenshot-problems.png;
    return 0."""
    from PySide6.QtWidgets import QApplication

    from penholder.parsing import parse_file
    from penholder.paths import bundled_corpus_dir
    from penholder.search import PrecedentIndex
    from penholder.settings import Settings
    from penholder.ui.main_window import MainWindow

    folder = Path(argv[0] if argv else "docs")
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    resolutions = [parse_file(p) for p in sorted(bundled_corpus_dir().glob("*.txt"))]
    index = PrecedentIndex.from_resolutions(resolutions)
    window = MainWindow(Settings(), index=index, load_library=False)
    window.library_label.setText(
        f"Library: {len(resolutions)} resolutions, {sum(len(r.paragraphs) for r in resolutions)} paragraphs")
    window.setGeometry(0, 0, WIDTH, HEIGHT)
    window.resizeDocks([window.outline_dock, window.panel_dock], [250, 600], _horizontal())
    window.show()
    text, line = sample_draft(resolutions)
    window.editor.setPlainText(text)
    window.files.draft.metadata.title = resolutions[0].title or ""
    window.editor.document().setModified(True)
    window.update_structure()
    window.update_leads()
    _wait(app, lambda: bool(window.editor.leads))
    from penholder.ui.live_checks import build_checker

    checked = []
    window.checks.checked.connect(checked.append)
    window.checks.set_checker(build_checker())
    _wait(app, lambda: bool(checked))
    # One paragraph was taken from a precedent with Ctrl+1: the outline shows where it came from.
    window.editor.go_to_block(text.split("\n").index(text.split("\n\n")[2]))
    _wait(app, lambda: bool(window.panel.hits) and window.panel.current_text in text)
    window.replace_with_hit(0)
    window.editor.go_to_block(line)
    _wait(app, lambda: bool(window.panel.hits) and window.panel.current_text in window.editor.text_lines()[line])
    window.files.autosave()
    _settle(app)
    window.grab().save(str(folder / "screenshot-main.png"))
    window.editor.go_to_block(_richest_history(window, index))
    _wait(app, lambda: bool(window.panel.hits) and window.panel.current_text in window.editor.toPlainText())
    window.show_history_tab()
    window._hit_selected(window.panel.selected_hit())
    _wait(app, lambda: "History of" in window.panel.history.toPlainText())
    _settle(app)
    window.grab().save(str(folder / "screenshot-history.png"))
    _problems_shot(app, window, resolutions, text, folder / "screenshot-problems.png")
    window.editor.document().setModified(False)
    window.files.close_cleanly()
    print(f"wrote {folder / 'screenshot-main.png'}, {folder / 'screenshot-history.png'} "
          f"and {folder / 'screenshot-problems.png'}")
    return 0


def problem_draft(text: str) -> tuple[str, str]:
    """Return the sample draft with house-style slips a drafter makes (a double space, a missing comma,
    straight quotes) and a new paragraph just begun with “Recalling”; and that new line."""
    blocks = text.split("\n\n")
    preambular = [i for i, b in enumerate(blocks[1:], start=1) if not b[0].isdigit()]
    first, second = preambular[0], preambular[min(1, len(preambular) - 1)]
    words = blocks[first].split(" ")
    blocks[first] = " ".join(words[:3]) + "  " + " ".join(words[3:])
    blocks[second] = blocks[second].rstrip(",").replace("“", '"').replace("”", '"')
    begun = "Recalling"
    blocks.insert(preambular[-1] + 1, begun)
    return "\n\n".join(blocks), begun


def _problems_shot(app, window, resolutions, text: str, path: Path) -> None:
    from PySide6.QtGui import QTextCursor

    from penholder.ui.completion_popup import build_completer
    from penholder.ui.live_checks import build_checker

    draft, begun = problem_draft(text)
    window.panel.tabs.setCurrentWidget(window.panel.tabs.widget(0))
    checked = []
    window.checks.checked.connect(checked.append)
    window.editor.setPlainText(draft)
    window.update_structure()
    window.checks.set_checker(build_checker(None, resolutions))
    _wait(app, lambda: bool(checked) and len(window.problems.problems()) >= 3)
    window.problems.tree.setCurrentItem(window.problems.tree.topLevelItem(0))
    window.completion.set_completer(build_completer(None, resolutions))
    line = draft.split("\n").index(begun)
    window.editor.go_to_block(line)
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    window.editor.setTextCursor(cursor)
    # The drafter is typing that paragraph: its last key, then the check after the pause (which leaves the
    # missing comma of the paragraph being typed alone).
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    before = len(checked)
    QTest.keyClick(window.editor, Qt.Key.Key_Backspace)
    QTest.keyClicks(window.editor, begun[-1])
    _wait(app, lambda: len(checked) > before)
    _settle(app)
    window.completion.offer()
    _settle(app)
    window.grab().save(str(path))


def _richest_history(window, index) -> int:
    """Return the draft line whose top precedent has the longest lineage with changes along it."""
    from penholder.search import lineage

    best, best_line = (-1, -1), 0
    for line in window.editor.lines():
        if not line.is_paragraph:
            continue
        text = window.editor.text_lines()[line.index][line.body_start:]
        hits = index.search(text, 1)
        if hits:
            steps = lineage(index, hits[0].symbol, hits[0].kind, hits[0].number)
            changes = len({step.text for step in steps})
            if (len(steps), changes) > best:
                best, best_line = (len(steps), changes), line.index
    return best_line


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def _wait(app, condition, seconds: float = 10.0) -> None:
    import time

    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _settle(app) -> None:
    import time

    for _ in range(30):
        app.processEvents()
        time.sleep(0.01)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
