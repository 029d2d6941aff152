"""The ``.penholder`` draft file: JSON with a schema version, the text, metadata and provenance.

The text is what the drafter typed (title, organ line, paragraphs, one per line). Provenance records
where each paragraph taken from a precedent came from, with the paragraph's text at insertion so it can
be found again after edits. Files are written atomically and never overwritten when they changed on disk
since they were read (another program or window saved them).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from penholder.atomic import clean_leftovers, real_target, write_atomic
from penholder.drafts.fields import (
    MAX_FIELD,
    MAX_PARAGRAPH_NUMBER,
    MAX_PROVENANCE,
    MAX_SPONSORS,
    MAX_TEXT,
    kind_of,
    long_text,
    short_text,
    text_list,
    whole_number,
)
from penholder.errors import DraftError
from penholder.model import Resolution

SCHEMA = 1
DRAFT_SUFFIX = ".penholder"
MAX_FILE_BYTES = 4 * MAX_TEXT + 16 * 2**20  # the largest text in UTF-8, with its details and provenance


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
    def from_json(cls, data: Any, source: str = "draft") -> DraftMetadata:
        """Return metadata from its JSON object, keeping known keys only; raise ``DraftError`` for a field of
        the wrong type or size (checked field by field, see ``drafts.fields``)."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise DraftError(f"{source}: damaged draft details (metadata is {kind_of(data)}, not a set of fields)")
        values: dict[str, Any] = {}
        for item in fields(cls):
            if item.name == "sponsors":
                values["sponsors"] = text_list(data.get("sponsors"), f"{source}: sponsors", MAX_SPONSORS)
            else:
                values[item.name] = short_text(data.get(item.name), f"{source}: {item.name.replace('_', ' ')}")
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

    @classmethod
    def from_json(cls, data: Any, where: str) -> Provenance:
        """Return a provenance from its JSON object; raise ``DraftError`` naming the damaged field."""
        if not isinstance(data, dict):
            raise DraftError(f"{where}: damaged (it is {kind_of(data)}, not a set of fields)")
        for key in ("symbol", "kind", "number"):
            if key not in data:
                raise DraftError(f"{where}: damaged (no {key})")
        kind = short_text(data["kind"], f"{where}: kind")
        if kind not in ("preambular", "operative"):
            raise DraftError(f"{where}: damaged (kind {kind[:20]!r} is neither preambular nor operative)")
        return cls(symbol=short_text(data["symbol"], f"{where}: symbol"), kind=kind,
                   number=whole_number(data["number"], f"{where}: number", 0, MAX_PARAGRAPH_NUMBER),
                   inserted=short_text(data.get("inserted"), f"{where}: time"),
                   text=long_text(data.get("text"), f"{where}: text", MAX_FIELD))

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
        """Return a draft from its JSON object; raise ``DraftError`` if it is not one or a field is damaged.

        Every field is checked for its type and size: text is text, sponsors a list of names, numbers
        whole numbers in range; unknown keys are ignored (a later Penholder may add some).
        """
        if not isinstance(data, dict) or "text" not in data:
            raise DraftError(f"{source}: not a Penholder draft (no text)")
        schema = data.get("schema")
        if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
            raise DraftError(f"{source}: not a Penholder draft (no schema version)")
        if schema > SCHEMA:
            raise DraftError(f"{source}: written by a newer Penholder (schema {min(schema, 10**6)}); "
                             "update Penholder")
        text = long_text(data["text"], f"{source}: the draft's text", MAX_TEXT, required=True)
        metadata = DraftMetadata.from_json(data.get("metadata"), source)
        entries = data.get("provenance")
        if entries is None:
            entries = []
        if not isinstance(entries, list):
            raise DraftError(f"{source}: damaged provenance (it is {kind_of(entries)}, not a list)")
        if len(entries) > MAX_PROVENANCE:
            raise DraftError(f"{source}: damaged provenance ({len(entries):,} entries; at most {MAX_PROVENANCE:,})")
        provenance = [Provenance.from_json(p, f"{source}: provenance entry {i}")
                      for i, p in enumerate(entries, start=1)]
        return cls(text, metadata, provenance)

    def provenance_of(self, paragraph_text: str) -> Provenance | None:
        """Return the provenance of the paragraph whose text is ``paragraph_text``, if recorded (the latest)."""
        entries = self.provenance
        if not entries:
            return None
        # The outline asks for every paragraph after each pause: index the entries once per change.
        key = (id(entries), len(entries), id(entries[-1]))
        if self.__dict__.get("_by_text_key") != key:
            self.__dict__["_by_text"] = {_plain(p.text): p for p in entries}
            self.__dict__["_by_text_key"] = key
        return self.__dict__["_by_text"].get(_plain(paragraph_text))

    def apply_to(self, resolution: Resolution) -> Resolution:
        """Return ``resolution`` with the draft's metadata filled in where the metadata says more."""
        meta = self.metadata
        resolution.symbol = meta.symbol or resolution.symbol
        resolution.body = meta.body or resolution.body
        if re.fullmatch(r"[0-9]{1,4}", meta.session.strip()):
            resolution.session = int(meta.session.strip())
        resolution.agenda_item = meta.agenda_item or resolution.agenda_item
        resolution.title = meta.title or resolution.title
        resolution.sponsors = list(meta.sponsors) or resolution.sponsors
        if meta.date:
            resolution.adoption.date = meta.date
        resolution.state = resolution.state or "draft"
        return resolution


def _plain(text: str) -> str:
    return " ".join(text.split()).lower()


def _number(digits: str) -> int | float:
    return int(digits) if len(digits) <= 100 else float(digits)  # thousands of digits: a number out of range


def parse_json(text: str) -> Any:
    """Return the JSON value of ``text``; whole numbers of more than 100 digits become (huge) floats, which
    the field checks refuse with a message, instead of Python's int-conversion limit."""
    return json.loads(text, parse_int=_number)


@dataclass(frozen=True)
class FileStamp:
    """What a draft file was when it was read or written: size and SHA-256 of its bytes, and its time.

    Saving compares the size and the hash, not the time alone: a copy with ``cp -p`` or ``rsync -t``
    changes the content and keeps the time.
    """

    size: int
    sha256: str
    mtime: float

    @classmethod
    def of_bytes(cls, raw: bytes, mtime: float) -> FileStamp:
        """Return the stamp of a file holding ``raw``."""
        return cls(len(raw), hashlib.sha256(raw).hexdigest(), mtime)


def file_stamp(path: str | Path) -> FileStamp | None:
    """Return the stamp of the file at ``path`` now, or ``None`` when there is none (or it cannot be read)."""
    target = real_target(path)
    try:
        with open(target, "rb") as handle:
            mtime = os.fstat(handle.fileno()).st_mtime
            digest = hashlib.sha256()
            size = 0
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
    except OSError:
        return None
    return FileStamp(size, digest.hexdigest(), mtime)


def load_draft(path: str | Path) -> Draft:
    """Return the draft stored at ``path``; raise ``DraftError`` with a reason a drafter can act on."""
    return load_draft_stamped(path)[0]


def load_draft_stamped(path: str | Path) -> tuple[Draft, FileStamp]:
    """Return the draft stored at ``path`` and the stamp of the bytes it was read from (for ``save_draft``)."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_size > MAX_FILE_BYTES:
                raise DraftError(f"{path}: too large for a draft ({info.st_size / 2**20:,.0f} MB); "
                                 "is it really a Penholder draft?")
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError as exc:
        raise DraftError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise DraftError(f"{path}: is a folder, not a draft") from exc
    except OSError as exc:
        raise DraftError(f"{path}: cannot be read ({exc.strerror or exc.__class__.__name__})") from exc
    clean_leftovers(real_target(path).parent, real_target(path).name)  # temporary files of killed saves
    stamp = FileStamp.of_bytes(raw, info.st_mtime)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DraftError(f"{path}: not a Penholder draft (not UTF-8 text)") from exc
    try:
        data = parse_json(text)
    except json.JSONDecodeError as exc:
        raise DraftError(f"{path}: not a Penholder draft (damaged JSON at line {exc.lineno})") from exc
    except (ValueError, RecursionError) as exc:  # a number of thousands of digits, nesting thousands deep
        raise DraftError(f"{path}: not a Penholder draft (damaged JSON: {exc.__class__.__name__})") from exc
    return Draft.from_json(data, str(path)), stamp


def save_draft(draft: Draft, path: str | Path, *, expected: FileStamp | None = None,
               expected_mtime: float | None = None) -> FileStamp:
    """Write ``draft`` to ``path`` atomically; return the stamp of what was written.

    With ``expected`` (the stamp from ``load_draft_stamped`` or the last save) refuse to overwrite a file
    whose content something else changed since then, whatever its time says; ``expected_mtime`` is the
    older, time-only check.
    """
    path = Path(path)
    if expected is not None:
        now = file_stamp(path)
        if now is not None and (now.size, now.sha256) != (expected.size, expected.sha256):
            raise DraftError(f"{path.name} changed on disk since it was opened (another program or window "
                             "saved it); use Save As to keep both")
    elif expected_mtime is not None and path.exists() and path.stat().st_mtime != expected_mtime:
        raise DraftError(f"{path.name} changed on disk since it was opened; use Save As to keep both")
    raw = (json.dumps(draft.to_json(), indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        write_atomic(path, lambda handle: handle.write(raw))
        mtime = real_target(path).stat().st_mtime
    except OSError as exc:
        raise DraftError(f"{path}: cannot be saved ({exc.strerror or exc})") from exc
    return FileStamp.of_bytes(raw, mtime)
