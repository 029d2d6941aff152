"""Field checks for draft and autosave files: each value of the JSON has the type and size it must have.

A draft is JSON anyone can edit, sync or damage; every field read from it goes through one of these
functions, which return the value in the form the editor uses or raise ``DraftError`` naming the field.
Text holding lone surrogates (never written by Penholder) has them replaced, so the rest is kept.
"""

from __future__ import annotations

import math
from typing import Any

from penholder.errors import DraftError

MAX_TEXT = 20_000_000  # characters of a draft's text (the longest real resolution has ~200,000)
MAX_FIELD = 100_000  # characters of one detail (title, symbol …) or one provenance text
MAX_SPONSORS = 1_000
MAX_PROVENANCE = 100_000
MAX_PARAGRAPH_NUMBER = 100_000


def kind_of(value: Any) -> str:
    """Return how a drafter would name the JSON kind of ``value``: "a number", "text", "a list" …"""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return type(value).__name__


def _clean(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")  # lone surrogates: U+FFFD
    return text


def long_text(value: Any, what: str, limit: int, *, required: bool = False) -> str:
    """Return ``value`` if it is text of at most ``limit`` characters (empty for none, unless
    ``required``); raise ``DraftError`` otherwise."""
    if not isinstance(value, str):
        if value is None and not required:
            return ""
        raise DraftError(f"{what} is damaged (it is {kind_of(value)}, not text)")
    if len(value) > limit:
        raise DraftError(f"{what} is damaged ({len(value):,} characters; at most {limit:,})")
    return _clean(value)


def short_text(value: Any, what: str) -> str:
    """Return a detail as text: text itself, a whole number of up to 15 digits as its digits, empty for
    none; raise ``DraftError`` for anything else (a list, a set of fields, true/false, a huge number)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and (not math.isfinite(value) or value != int(value)):
            raise DraftError(f"{what} is damaged (the number {value!r} where text is expected)")
        if abs(value) >= 10**15:
            raise DraftError(f"{what} is damaged (a number of more than 15 digits where text is expected)")
        return str(int(value))
    return long_text(value, what, MAX_FIELD)


def text_list(value: Any, what: str, limit: int) -> list[str]:
    """Return a list of names (each text); raise ``DraftError`` when it is not a list or an item not text."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise DraftError(f"{what} are damaged (they are {kind_of(value)}, not a list of names)")
    if len(value) > limit:
        raise DraftError(f"{what} are damaged ({len(value):,} names; at most {limit:,})")
    return [long_text(item, f"{what} (name {i})", MAX_FIELD) for i, item in enumerate(value, start=1)]


def whole_number(value: Any, what: str, low: int, high: int) -> int:
    """Return ``value`` as a whole number within [low, high]; raise ``DraftError`` otherwise."""
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        value = int(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() and len(value) < 10:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise DraftError(f"{what} is damaged (it is {kind_of(value)}, not a whole number)")
    if not low <= value <= high:
        shown = f"{value:,}" if abs(value) < 10**15 else "a number of more than 15 digits"
        raise DraftError(f"{what} is damaged ({shown}; expected {low} to {high:,})")
    return value
