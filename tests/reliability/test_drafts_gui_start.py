"""The real app starts with damaged autosave files present: each is set aside (kept under a new name)
with a message, and a good autosave beside them is still offered and restored."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QApplication

from penholder.drafts import Draft, DraftMetadata, write_autosave
from penholder.drafts.recovery import autosave_dir
from penholder.ui.draft_files import DraftFiles
from penholder.ui.main_window import MainWindow

pytestmark = pytest.mark.timeout(60)

DAMAGED = {
    "metadata-string.penholder": json.dumps({"schema": 1, "text": "x", "metadata": "A/HRC/59/L.1",
                                             "autosave": {"pid": 1, "session": "a"}}),
    "sponsors-number.penholder": json.dumps({"schema": 1, "text": "x", "metadata": {"sponsors": 7}}),
    "huge-pid.penholder": '{"schema": 1, "text": "x", "autosave": {"pid": ' + "9" * 5000 + "}}",
    "autosave-list.penholder": json.dumps({"schema": 1, "text": "x", "autosave": ["pid", 3]}),
    "not-json.penholder": "\x00\x01garbage",
    "truncated.penholder": '{"schema": 1, "text": "Recalling',
}


def test_the_window_starts_with_damaged_autosaves_and_offers_the_good_one(qtbot, monkeypatch, capsys):
    from penholder.ui import app

    folder = autosave_dir()
    for name, content in DAMAGED.items():
        (folder / name).write_text(content, encoding="utf-8")
    write_autosave(Draft("Recalling its resolution 6/17,", DraftMetadata(sponsors=["Cuba"])), "old-session")
    messages: list[str] = []
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    monkeypatch.setattr(MainWindow, "load_library", lambda self: None)
    monkeypatch.setattr(DraftFiles, "ask_recover", lambda self, title: True)
    monkeypatch.setattr(DraftFiles, "show_error", lambda self, message: messages.append(message))
    monkeypatch.setattr(DraftFiles, "ask_unsaved", lambda self: "discard")
    before = set(QApplication.topLevelWidgets())
    assert app.run([]) == 0
    [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w not in before]
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.editor.toPlainText() == "Recalling its resolution 6/17,"
    [message] = messages
    assert message.count("could not be read") == len(DAMAGED)
    kept = {p.name.split(".damaged-")[0]: p for p in folder.iterdir() if ".damaged-" in p.name}
    assert set(kept) == set(DAMAGED)
    for name, content in DAMAGED.items():
        assert kept[name].read_text(encoding="utf-8") == content  # set aside byte for byte, not deleted
        assert str(kept[name]) in message
    import sys

    sys.excepthook = sys.__excepthook__
    # a second start offers nothing more and says nothing: the damaged files are no longer in the way
    messages.clear()
    window.files.close_cleanly()
    assert app.run([]) == 0
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget is not window:
            qtbot.addWidget(widget)
    assert messages == []
    sys.excepthook = sys.__excepthook__
    with capsys.disabled():
        print(f"\n| GUI start with damaged autosaves | 2 starts | {len(DAMAGED)} set aside + 1 restored; "
              "second start silent | 0 (all kept byte for byte) |")
