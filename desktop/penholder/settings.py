"""The user's settings: one typed object with defaults, stored as JSON in ``paths.config_dir()``.

Unknown keys and values of the wrong type are rejected (``Settings.update`` raises ``ValueError``); a
settings file that cannot be read falls back to the defaults and says why in ``Settings.problems``, so a
broken file never stops the app from starting. No Qt here: window geometry is kept as base64 text.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from penholder import paths
from penholder.atomic import write_text_atomic

SETTINGS_FILE = "settings.json"
MAX_RECENT = 10
PROFILES = ("ny", "geneva")


@dataclass
class Settings:
    """Everything the drafter can set; every field has a default that works on a first start."""

    library_path: str = ""  # empty: paths.default_library_path()
    default_profile: str = "geneva"
    hits: int = 5
    debounce_ms: int = 150
    editor_font_size: int = 12
    recent_files: list[str] = field(default_factory=list)
    my_delegation: str = ""  # a Member State's code (FRA): hits say how it voted on their resolution
    last_folder: str = ""  # where the drafter last saved or exported (the next Save and Export dialogs open there)
    window_geometry: str = ""
    window_state: str = ""
    problems: list[str] = field(default_factory=list, repr=False, compare=False)

    # Fields that are not saved (what went wrong while loading).
    _TRANSIENT = ("problems",)

    def update(self, **values: Any) -> None:
        """Set the given fields after checking names, types and ranges; raise ``ValueError`` if wrong."""
        known = {f.name: f for f in fields(self) if f.name not in self._TRANSIENT}
        checked: dict[str, Any] = {}
        for name, value in values.items():
            if name not in known:
                raise ValueError(f"unknown setting {name!r}")
            checked[name] = _check(name, value, getattr(self, name))
        for name, value in checked.items():
            setattr(self, name, value)

    def to_json(self) -> dict[str, Any]:
        """Return the settings as the JSON object that is saved."""
        data = asdict(self)
        for name in self._TRANSIENT:
            data.pop(name, None)
        return data

    def library(self) -> Path:
        """Return the library path to open (the configured one, else the default)."""
        return Path(self.library_path).expanduser() if self.library_path else paths.default_library_path()

    def add_recent(self, path: str | Path) -> None:
        """Put ``path`` first in the recent files, keeping at most ``MAX_RECENT``."""
        text = str(Path(path).resolve())
        self.recent_files = [text, *[p for p in self.recent_files if p != text]][:MAX_RECENT]

    def existing_recent(self) -> list[str]:
        """Return the recent files that still exist."""
        return [p for p in self.recent_files if Path(p).is_file()]

    def save(self, path: Path | None = None) -> None:
        """Write the settings atomically to ``path`` (default: the config folder)."""
        write_text_atomic(path or settings_path(), json.dumps(self.to_json(), indent=2, ensure_ascii=False))

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """Return the saved settings, or the defaults (with ``problems`` set) if the file is unusable."""
        settings = cls()
        path = path or settings_path()
        if not path.exists():
            return settings
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            settings.problems.append(f"{path.name}: unreadable ({exc}); using defaults")
            return settings
        if not isinstance(data, dict):
            settings.problems.append(f"{path.name}: not a JSON object; using defaults")
            return settings
        for name, value in data.items():
            try:
                settings.update(**{name: value})
            except ValueError as exc:
                settings.problems.append(f"{path.name}: {exc}; ignored")
        settings.recent_files = settings.existing_recent()
        return settings


def settings_path() -> Path:
    """Return the path of the settings file."""
    return paths.config_dir() / SETTINGS_FILE


_RANGES = {"hits": (1, 20), "debounce_ms": (0, 2000), "editor_font_size": (6, 40)}


def _check(name: str, value: Any, default: Any) -> Any:
    if isinstance(default, int):
        if type(value) is not int:
            raise _invalid(f"setting {name!r} must be a whole number, not {value!r}")
        low, high = _RANGES.get(name, (None, None))
        if low is not None and not low <= value <= high:
            raise ValueError(f"setting {name!r} must be between {low} and {high}, not {value}")
        return value
    if isinstance(default, list):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _invalid(f"setting {name!r} must be a list of text")
        return list(value)
    if not isinstance(value, str):
        raise _invalid(f"setting {name!r} must be text, not {value!r}")
    if name == "my_delegation":
        code = value.strip().upper()
        if code and not re.fullmatch(r"[A-Z]{2,4}", code):
            raise ValueError(f"setting 'my_delegation' must be a Member State's code such as FRA, not {value!r}")
        return code
    if name == "default_profile" and value not in PROFILES:
        raise ValueError(f"setting 'default_profile' must be one of {', '.join(PROFILES)}, not {value!r}")
    return value


def _invalid(message: str) -> ValueError:
    # ValueError, not TypeError: callers treat every bad setting alike (reject and report).
    return ValueError(message)
