"""The ``.penholder`` draft file: JSON with a schema version, the text, metadata and provenance.

The text is what the drafter typed (title, organ line, paragraphs, one per line). Provenance records
where each paragraph taken from a precedent came from, with the paragraph's text at insertion so it can
be found again after edits. Files are written atomically and never overwritten when they changed on disk
since they were read (another program or window saved them).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from penholder.atomic import write_text_atomic
from penholder.errors import DraftError
from penholder.model import Resolution

SCHEMA = 1
DRAFT_SUFFIX = ".penholder"


@dataclass
class DraftMetadata:
    """What the metadata dialog edits: symbol, body, session, agenda item, title, sponsors, date."""

    symbol: str = ""
    body: str = ""
    session: str = ""
    agenda_item: str = ""
    title: str = ""
    sponsors: list[str] = field(default_factory=list)
    date: str = ""  # ISO 8601 when known

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> DraftMetadata:
        """Return metadata from its JSON object, keeping known keys only."""
        data = data or {}
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known and v is not None}
        if "sponsors" in values:
            values["sponsors"] = [str(s) for s in values["sponsors"]]
        for key in known - {"sponsors"}:
            if key in values:
                values[key] = str(values[key])
        return cls(**values)


@dataclass
class Provenance:
    """Where an inserted paragraph came from: the precedent's symbol, kind, number, and when."""

    symbol: str
    kind: str
    number: int
    inserted: str  # ISO 8601 date and time
    text: str = ""  # the paragraph as inserted

    @classmethod
    def now(cls, symbol: str, kind: str, number: int, text: str) -> Provenance:
        """Return a provenance stamped with the current time."""
        return cls(symbol, kind, int(number), datetime.now().isoformat(timespec="seconds"), text)

    def label(self) -> str:
        """Return a short label such as ``A/HRC/RES/53/11 OP34``."""
        return f"{self.symbol} {'PP' if self.kind == 'preambular' else 'OP'}{self.number}"


@dataclass
class Draft:
    """A draft resolution as the editor holds it."""

    text: str = ""
    metadata: DraftMetadata = field(default_factory=DraftMetadata)
    provenance: list[Provenance] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Return the JSON object written to a ``.penholder`` file."""
        return {
            "schema": SCHEMA,
            "text": self.text,
            "metadata": asdict(self.metadata),
            "provenance": [asdict(p) for p in self.provenance],
        }

    @classmethod
    def from_json(cls, data: Any, source: str = "draft") -> Draft:
        """Return a draft from its JSON object; raise ``DraftError`` if it is not one."""
        if not isinstance(data, dict) or "text" not in data:
            raise DraftError(f"{source}: not a Penholder draft (no text)")
        schema = data.get("schema")
        if not isinstance(schema, int) or schema < 1:
            raise DraftError(f"{source}: not a Penholder draft (no schema version)")
        if schema > SCHEMA:
            raise DraftError(f"{source}: written by a newer Penholder (schema {schema}); update Penholder")
        try:
            provenance = [
                Provenance(
                    symbol=str(p["symbol"]),
                    kind=str(p["kind"]),
                    number=int(p["number"]),
                    inserted=str(p.get("inserted") or ""),
                    text=str(p.get("text") or ""),
                )
                for p in data.get("provenance") or []
            ]
        except (KeyError, TypeError, ValueError) as exc:
            raise DraftError(f"{source}: damaged provenance entry ({exc})") from exc
        return cls(str(data["text"]), DraftMetadata.from_json(data.get("metadata")), provenance)

    def provenance_of(self, paragraph_text: str) -> Provenance | None:
        """Return the provenance of the paragraph whose text is ``paragraph_text``, if recorded."""
        wanted = _plain(paragraph_text)
        return next((p for p in reversed(self.provenance) if _plain(p.text) == wanted), None)

    def apply_to(self, resolution: Resolution) -> Resolution:
        """Return ``resolution`` with the draft's metadata filled in where the metadata says more."""
        meta = self.metadata
        resolution.symbol = meta.symbol or resolution.symbol
        resolution.body = meta.body or resolution.body
        if meta.session.strip().isdigit():
            resolution.session = int(meta.session)
        resolution.agenda_item = meta.agenda_item or resolution.agenda_item
        resolution.title = meta.title or resolution.title
        resolution.sponsors = list(meta.sponsors) or resolution.sponsors
        if meta.date:
            resolution.adoption.date = meta.date
        resolution.state = resolution.state or "draft"
        return resolution


def _plain(text: str) -> str:
    return " ".join(text.split()).lower()


def load_draft(path: str | Path) -> Draft:
    """Return the draft stored at ``path``; raise ``DraftError`` with a reason a drafter can act on."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DraftError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DraftError(f"{path}: cannot be read ({exc.__class__.__name__})") from exc
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise DraftError(f"{path}: not a Penholder draft (damaged JSON at line {exc.lineno})") from exc
    return Draft.from_json(data, str(path))


def save_draft(draft: Draft, path: str | Path, *, expected_mtime: float | None = None) -> float:
    """Write ``draft`` to ``path`` atomically; return the new modification time.

    With ``expected_mtime`` (the time read when the file was opened or last saved), refuse to overwrite a
    file that something else changed since then.
    """
    path = Path(path)
    if expected_mtime is not None and path.exists() and path.stat().st_mtime != expected_mtime:
        raise DraftError(f"{path.name} changed on disk since it was opened; use Save As to keep both")
    try:
        write_text_atomic(path, json.dumps(draft.to_json(), indent=1, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise DraftError(f"{path}: cannot be saved ({exc.strerror or exc})") from exc
    return path.stat().st_mtime
