"""The log: an unexpected error leaves its traceback in the user's state folder, the drafter one line."""

from __future__ import annotations

import pytest

from penholder import logs
from penholder.cli import main


@pytest.fixture(autouse=True)
def _closed_log():
    yield
    logs.shutdown()


def test_a_bug_in_a_command_is_one_line_for_the_drafter_and_a_traceback_in_the_log(user_home, monkeypatch,
                                                                                    capsys):
    from penholder.cli import parse_command

    def broken(_args):
        raise ValueError("the parser tripped over something")

    monkeypatch.setattr(parse_command, "run", broken)
    monkeypatch.delenv("PENHOLDER_DEBUG", raising=False)
    assert main(["parse", "whatever.txt"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "internal error (ValueError" in err
    log = logs.log_path()
    assert str(log) in err and log.is_relative_to(user_home)
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "the parser tripped over something" in text
    assert "penholder parse" in text


def test_penholder_debug_raises_instead(user_home, monkeypatch):
    from penholder.cli import parse_command

    monkeypatch.setattr(parse_command, "run", lambda _a: 1 / 0)
    monkeypatch.setenv("PENHOLDER_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["parse", "whatever.txt"])


def test_a_parser_bug_is_logged_and_the_file_named(user_home, monkeypatch, tmp_path):
    from penholder import parsing
    from penholder.errors import ParseError
    from penholder.readers import read_resolution

    def broken(*_a, **_k):
        raise KeyError("lost")

    monkeypatch.setattr(parsing, "parse_text", broken)
    monkeypatch.delenv("PENHOLDER_DEBUG", raising=False)
    logs.setup()
    source = tmp_path / "r.txt"
    source.write_text("The Human Rights Council,\n\nRecalling all,\n", encoding="utf-8")
    with pytest.raises(ParseError, match="could not be parsed"):
        read_resolution(source)
    assert "KeyError: 'lost'" in logs.log_path().read_text(encoding="utf-8")


def test_the_log_follows_the_user_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("PENHOLDER_HOME", str(tmp_path / "one"))
    first = logs.setup()
    monkeypatch.setenv("PENHOLDER_HOME", str(tmp_path / "two"))
    second = logs.setup()
    assert first != second and second.is_relative_to(tmp_path / "two")


def test_a_log_that_cannot_be_written_says_nothing(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    (home / "state").mkdir(parents=True)
    (home / "state" / logs.LOG_NAME).mkdir()  # the log file's place is taken: every write fails
    monkeypatch.setenv("PENHOLDER_HOME", str(home))
    logs.setup()
    logs.unexpected("testing", ValueError("x"))
    assert capsys.readouterr().err == ""
