"""The precedent index: every paragraph of the library, grouped by identical text, ready to be searched.

Paragraphs whose normalised texts are identical form one *group* (one searchable text); its members are the
places it was adopted, most recent first. Search proposes candidate groups from a BM25 term index and ranks
them with rapidfuzz (see ``ranking``). Everything lives in numpy arrays and text columns, so a saved index
opens by memory-mapping (see ``save``/``load``) instead of being rebuilt at each start.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from penholder.model import OPERATIVE, PREAMBULAR, WITHOUT_A_VOTE, Adoption, Resolution
from penholder.search import integrity, signatures
from penholder.search.columns import ReadTextColumn, TextColumn
from penholder.search.normalise import normalise_title
from penholder.search.preparing import group, prepare
from penholder.search.terms_index import TermIndex

KINDS = (PREAMBULAR, OPERATIVE)
FORMAT_VERSION = 7  # 7: every file's size and CRC-32 in index.json (search.integrity)
# Texts are also found by their first (and last) OPENING bytes (UTF-8), normalised: a typed beginning
# reaches every text that opens the same way, however common its words; a whole paragraph with a word
# changed near its start still reaches the text by its ending.
OPENING = 40
COMPLETE = (",", ";", ".", ":")
# A query this long (characters) is probably a whole paragraph even without its final punctuation.
LONG_QUERY = 200
ARRAYS = ("paragraph_resolution", "paragraph_kind", "paragraph_number", "paragraph_group", "resolution_first",
          "group_members_indptr", "group_members", "opening_keys", "opening_groups", "closing_keys",
          "closing_groups", "group_signatures")
META = "index.json"
COLUMNS = ("texts", "leads", "group_texts")


@dataclass
class Hit:
    """One precedent found for a query: its most recent source, its score and where else it was adopted."""

    symbol: str
    body: str | None
    year: int | None
    kind: str
    number: int
    lead: str
    text: str
    score: float
    adoption: Adoption = field(default_factory=Adoption)
    also: list[dict[str, Any]] = field(default_factory=list)
    reason: str = ""
    # How the drafter's delegation voted on this source (``search(delegation=…)``): {state, vote, label}.
    delegation: dict[str, Any] | None = None
    # The run of paragraphs this match continues, for the next paragraph's search (``previous=``):
    # symbol -> (kind, number, weight), the paragraph of each resolution that matched and how strongly
    # that resolution has been followed paragraph after paragraph. Not part of the JSON.
    run: dict[str, tuple[str, int, float]] = field(default_factory=dict, repr=False, compare=False)
    # The draft's affinity to each resolution so far (symbol -> 0-1): a moving average of how often it
    # held one of the best matches, paragraph after paragraph, wherever in it. Not part of the JSON.
    affinity: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    def sources(self) -> list[dict[str, Any]]:
        """Return every source of the text, this hit's first, as dicts {symbol, year, kind, number}."""
        own = {"symbol": self.symbol, "year": self.year, "kind": self.kind, "number": self.number}
        return [own, *self.also]

    def to_json(self) -> dict[str, Any]:
        """Return the hit as a JSON-ready dict (the shape ``penholder search --json`` prints)."""
        return {
            "symbol": self.symbol,
            "body": self.body,
            "year": self.year,
            "kind": self.kind,
            "number": self.number,
            "lead": self.lead,
            "text": self.text,
            "score": round(self.score, 1),
            "adoption": self.adoption.to_json(),
            "badge": self.adoption.badge(),
            "also": [dict(source) for source in self.also],
            "reason": self.reason,
            "delegation": dict(self.delegation) if self.delegation else None,
        }


def recency_key(resolution: Resolution) -> tuple:
    """Return a sort key that orders resolutions from oldest to newest."""
    return (resolution.year or 0, resolution.adoption.date or "", resolution.session or 0,
            resolution.number or 0, resolution.symbol or "")


class PrecedentIndex:
    """Searchable paragraphs of many resolutions; build with ``from_resolutions`` or ``from_library``."""

    def __init__(self, resolutions: list[dict[str, Any]], arrays: dict[str, np.ndarray],
                 texts: TextColumn, leads: TextColumn, group_texts: TextColumn, term_index: TermIndex) -> None:
        # resolutions: newest first, dicts {symbol, body, year, title, series, adoption}
        self.resolution_info = resolutions
        self.paragraph_resolution = arrays["paragraph_resolution"]  # int32, resolution number
        self.paragraph_kind = arrays["paragraph_kind"]  # int8, index into KINDS
        self.paragraph_number = arrays["paragraph_number"]  # int32, 1-based within its kind
        self.paragraph_group = arrays["paragraph_group"]  # int32
        self.resolution_first = arrays["resolution_first"]  # int64, first paragraph of each resolution
        self.group_members_indptr = arrays["group_members_indptr"]  # int64
        self.group_members = arrays["group_members"]  # int32 paragraphs, most recent first
        self.opening_keys = arrays["opening_keys"]  # uint32 CRC of a group's opening, sorted
        self.opening_groups = arrays["opening_groups"]  # int32 group of each key
        self.closing_keys = arrays["closing_keys"]  # the same for the last OPENING characters
        self.closing_groups = arrays["closing_groups"]
        self.group_signatures = arrays["group_signatures"]  # uint64 (groups x 4), see ``signatures``
        self.texts = texts
        self.leads = leads
        self.group_texts = group_texts
        self.term_index = term_index
        self._symbols = {info["symbol"]: number for number, info in enumerate(resolutions)}
        self._masks: dict[tuple, tuple[np.ndarray, np.ndarray] | None] = {}
        self._group_year: np.ndarray | None = None
        self._group_size: np.ndarray | None = None
        self._group_lengths: np.ndarray | None = None
        self.votes: Any = None  # the library's GA voting data (``voting_records.Votes``), for ``delegation``
        years = [info["year"] for info in resolutions if info["year"]]
        self.year_span = (min(years), max(years)) if years else (0, 0)

    # -- building -------------------------------------------------------------------------------------

    @classmethod
    def from_resolutions(cls, resolutions: Iterable[Resolution]) -> PrecedentIndex:
        """Return an index of the paragraphs of ``resolutions`` (the newest text of a symbol wins)."""
        by_symbol: dict[str, Resolution] = {}
        for number, resolution in enumerate(resolutions):
            symbol = resolution.symbol or f"(untitled {number + 1})"
            known = by_symbol.get(symbol)
            if known is None or recency_key(resolution) >= recency_key(known):
                by_symbol[symbol] = resolution
        ordered = sorted(by_symbol.items(), key=lambda item: recency_key(item[1]), reverse=True)
        infos, rows = [], []
        for symbol, resolution in ordered:
            infos.append(_resolution_info(symbol, resolution))
            resolution_number = len(infos) - 1
            for kind_number, kind in enumerate(KINDS):
                paragraphs = resolution.preambular if kind == PREAMBULAR else resolution.operative
                for position, paragraph in enumerate(paragraphs, start=1):
                    number = paragraph.number if kind == OPERATIVE and paragraph.number else position
                    rows.append((resolution_number, kind_number, number, paragraph.lead,
                                 paragraph.full_text()))
        return cls.from_rows(infos, rows)

    @classmethod
    def from_rows(cls, infos: list[dict[str, Any]], rows: list[tuple[int, int, int, str, str]],
                  workers: int | None = None) -> PrecedentIndex:
        """Return an index of paragraph rows (resolution number, kind number, number, lead, text).

        ``infos`` describe the resolutions newest first; rows come resolution by resolution in that
        order, each resolution's paragraphs in document order. ``workers`` processes normalise and
        tokenise the texts (default: one per core for a big library, see ``preparing.worker_count``).
        """
        texts = [row[4] for row in rows]
        prepared = prepare(texts, workers)
        # While worker processes (if any) normalise and tokenise, this one stores what needs neither.
        texts_column = TextColumn.from_texts(texts)
        del texts
        leads_column = TextColumn.from_texts([row[3] for row in rows])
        count = len(rows)
        paragraph_resolution = np.fromiter((row[0] for row in rows), dtype=np.int32, count=count)
        arrays = {
            "paragraph_resolution": paragraph_resolution,
            "paragraph_kind": np.fromiter((row[1] for row in rows), dtype=np.int8, count=count),
            "paragraph_number": np.fromiter((row[2] for row in rows), dtype=np.int32, count=count),
            "resolution_first": np.searchsorted(paragraph_resolution, np.arange(len(infos) + 1)).astype(np.int64),
        }
        paragraph_group, group_column, term_chunks = group(list(prepared))
        members_indptr = np.zeros(len(group_column) + 1, dtype=np.int64)
        np.cumsum(np.bincount(paragraph_group, minlength=len(group_column)), out=members_indptr[1:])
        arrays["paragraph_group"] = paragraph_group
        arrays["group_members_indptr"] = members_indptr
        arrays["group_members"] = np.argsort(paragraph_group, kind="stable").astype(np.int32)
        # The openings' keys are numpy work that lets go of the GIL: a thread computes them on the other
        # core while this one merges the term index.
        with ThreadPoolExecutor(1) as thread:
            opening = thread.submit(_keyed, group_column, closing=False)
            closing = thread.submit(_keyed, group_column, closing=True)
            term_index = TermIndex.from_chunks(term_chunks)
            arrays["opening_keys"], arrays["opening_groups"] = opening.result()
            arrays["closing_keys"], arrays["closing_groups"] = closing.result()
        arrays["group_signatures"] = signatures.build(term_index.indptr, term_index.docs, len(group_column))
        return cls(infos, arrays, texts_column, leads_column, group_column, term_index)

    @classmethod
    def from_library(cls, library: Any) -> PrecedentIndex:
        """Return the index of a library, loaded from its saved copy when that is up to date."""
        from penholder.search.persist import cached_index

        return cached_index(library)

    # -- saving ---------------------------------------------------------------------------------------

    def save(self, folder: Path, stamp: str = "") -> None:
        """Write the index into ``folder`` (created if needed), tagged with ``stamp``."""
        folder.mkdir(parents=True, exist_ok=True)
        for name in ARRAYS:
            np.save(folder / f"{name}.npy", getattr(self, name))
        self.texts.save(folder, "texts")
        self.leads.save(folder, "leads")
        self.group_texts.save(folder, "group_texts")
        self.term_index.save(folder)
        meta = {"format": FORMAT_VERSION, "stamp": stamp, "resolutions": self.resolution_info,
                "files": integrity.folder_checksums(folder, skip=META)}
        (folder / META).write_text(integrity.seal(meta), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> PrecedentIndex:
        """Return the index saved in ``folder`` (arrays memory-mapped) once every file matches its
        checksum; raise ``integrity.DamagedIndex`` (a ValueError) when one does not."""
        meta = integrity.unseal((folder / META).read_text(encoding="utf-8", errors="replace"))
        if meta.get("format") != FORMAT_VERSION:
            raise ValueError(f"index format {meta.get('format')} is not {FORMAT_VERSION}")
        integrity.verify(folder, meta.get("files"), saved_files())
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r").view(np.ndarray) for name in ARRAYS}
        # The texts and leads are read only for the hits: from the files, so their pages do not stay mapped.
        return cls(meta["resolutions"], arrays, ReadTextColumn.load(folder, "texts"),
                   ReadTextColumn.load(folder, "leads"), TextColumn.load(folder, "group_texts"),
                   TermIndex.load(folder))

    @staticmethod
    def saved_stamp(folder: Path) -> str | None:
        """Return the stamp of the index saved in ``folder``, or ``None`` if there is none (or its
        description is damaged)."""
        try:
            meta = integrity.unseal((folder / META).read_text(encoding="utf-8", errors="replace"))
        except (OSError, ValueError):
            return None
        return meta.get("stamp") if meta.get("format") == FORMAT_VERSION else None

    # -- looking up -----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.paragraph_group)

    def paragraph_count(self) -> int:
        """Return how many paragraphs the index holds."""
        return len(self.paragraph_group)

    def resolution_number(self, symbol: str) -> int | None:
        """Return the internal number of the resolution ``symbol``, or ``None``."""
        return self._symbols.get(symbol)

    def paragraphs_of(self, resolution: int) -> range:
        """Return the paragraph numbers of one resolution, in document order."""
        return range(int(self.resolution_first[resolution]), int(self.resolution_first[resolution + 1]))

    def find_paragraph(self, symbol: str, kind: str, number: int) -> int | None:
        """Return the internal number of paragraph ``number`` of ``kind`` in ``symbol``, or ``None``."""
        resolution = self._symbols.get(symbol)
        if resolution is None or kind not in KINDS:
            return None
        kind_number = KINDS.index(kind)
        for paragraph in self.paragraphs_of(resolution):
            if self.paragraph_kind[paragraph] == kind_number and self.paragraph_number[paragraph] == number:
                return paragraph
        return None

    def source(self, paragraph: int) -> dict[str, Any]:
        """Return where a paragraph comes from: {symbol, year, kind, number}."""
        info = self.resolution_info[self.paragraph_resolution[paragraph]]
        return {"symbol": info["symbol"], "year": info["year"],
                "kind": KINDS[self.paragraph_kind[paragraph]], "number": int(self.paragraph_number[paragraph])}

    def members(self, group: int) -> np.ndarray:
        """Return the paragraphs of a group (same normalised text), most recent first."""
        return self.group_members[self.group_members_indptr[group]:self.group_members_indptr[group + 1]]

    def anchored(self, normalised: str) -> tuple[np.ndarray, int]:
        """Return (groups whose text opens like ``normalised``, or for a whole paragraph also ends like
        it, those sharing both first; how many share both). Empty if the query is too short."""
        if len(normalised.encode("utf-8")) < OPENING:
            return np.zeros(0, dtype=np.int64), 0
        opening = _lookup(self.opening_keys, self.opening_groups, opening_key(normalised))
        if not looks_whole(normalised):
            return opening, 0
        closing = _lookup(self.closing_keys, self.closing_groups, closing_key(normalised))
        both = np.intersect1d(opening, closing, assume_unique=True)  # a text has one opening, one ending
        return np.concatenate([both, opening, closing]), len(both)

    def group_year(self) -> np.ndarray:
        """Return, for each group, the year of its most recent source (0 when unknown)."""
        if self._group_year is None:
            years = np.array([info["year"] or 0 for info in self.resolution_info] or [0], dtype=np.int32)
            first = self.group_members[self.group_members_indptr[:-1]]
            self._group_year = years[self.paragraph_resolution[first]]
        return self._group_year

    def group_lengths(self) -> np.ndarray:
        """Return the length of each group's text (UTF-8 bytes)."""
        if self._group_lengths is None:
            self._group_lengths = np.diff(self.group_texts.offsets)
        return self._group_lengths

    def group_size(self) -> np.ndarray:
        """Return, for each group, how many paragraphs have its text."""
        if self._group_size is None:
            self._group_size = np.diff(self.group_members_indptr)
        return self._group_size

    def filter_masks(self, kind: str | None, body: str | None, years: tuple[int, int] | None,
                     consensus_only: bool) -> tuple[np.ndarray, np.ndarray] | None:
        """Return (allowed paragraphs, allowed groups) boolean masks for the filters; ``None`` if none."""
        key = (kind, (body or "").upper() or None, tuple(years) if years else None, bool(consensus_only))
        if key in self._masks:
            return self._masks[key]
        if key == (None, None, None, False):
            masks = None
        else:
            allowed_resolutions = np.array([_resolution_allowed(info, key) for info in self.resolution_info]
                                           + [False], dtype=bool)
            allowed = allowed_resolutions[self.paragraph_resolution]
            if kind is not None:
                allowed &= self.paragraph_kind == (KINDS.index(kind) if kind in KINDS else -1)
            groups = np.zeros(len(self.group_texts), dtype=bool)
            groups[self.paragraph_group[allowed]] = True
            masks = (allowed, groups)
        if len(self._masks) > 32:
            self._masks.clear()
        self._masks[key] = masks
        return masks

    def search(self, query: str, limit: int = 5, *, kind: str | None = None, body: str | None = None,
               years: tuple[int, int] | None = None, consensus_only: bool = False,
               previous: Hit | None = None, delegation: str | None = None) -> list[Hit]:
        """Return the best precedents for ``query`` (usually the start of a paragraph), best first.

        With ``delegation`` (a Member State's code), each hit also says how that State voted on it.
        """
        from penholder.search.ranking import rank

        hits = rank(self, query, limit, kind=kind, body=body, years=years, consensus_only=consensus_only,
                    previous=previous)
        if delegation:
            for hit in hits:
                hit.delegation = self.delegation_vote(hit.symbol, hit.adoption, delegation)
        return hits

    def delegation_vote(self, symbol: str, adoption: Adoption, state: str) -> dict[str, Any] | None:
        """Return {state, vote, label} of ``state``'s vote on the GA resolution ``symbol`` (label ``FRA:
        yes``); None for other bodies (the voting data is the General Assembly's)."""
        from penholder.library.voting_records import delegation_label, symbol_key

        if not symbol_key(symbol).startswith("A/RES/"):
            return None
        letter = self.votes.vote_of(symbol, state) if self.votes else None
        return {"state": state.upper(), "vote": letter,
                "label": delegation_label(state, letter, adoption.mode, self.votes is not None
                                          and self.votes.record(symbol) is not None)}


def saved_files() -> list[str]:
    """Return the names of the files a saved index is made of (besides ``index.json``)."""
    from penholder.search.terms_index import SAVED_FILES

    return ([f"{name}.npy" for name in ARRAYS] + [f"{name}{suffix}" for name in COLUMNS
                                                  for suffix in (".bin", ".offsets.npy")] + list(SAVED_FILES))


def looks_whole(normalised: str) -> bool:
    """Return whether a normalised query may be a whole paragraph: it ends like one, or it is long."""
    return normalised.endswith(COMPLETE) or len(normalised) >= LONG_QUERY


def opening_key(normalised: str) -> int:
    """Return the key of a normalised text's opening (a hash of its first ``OPENING`` UTF-8 bytes)."""
    return int(_hash_rows(np.frombuffer(normalised.encode("utf-8")[:OPENING], dtype=np.uint8)[None, :])[0])


def closing_key(normalised: str) -> int:
    """Return the key of a normalised text's ending (a hash of its last ``OPENING`` UTF-8 bytes)."""
    return int(_hash_rows(np.frombuffer(normalised.encode("utf-8")[-OPENING:], dtype=np.uint8)[None, :])[0])


# One odd 64-bit multiplier per byte position: a row's hash is its bytes' weighted sum, folded to 32 bits.
_MULTIPLIERS = (np.random.default_rng(20261127).integers(1, 2**63, OPENING, dtype=np.uint64) | np.uint64(1))


def _hash_rows(rows: np.ndarray) -> np.ndarray:
    """Return a uint32 hash of each row of ``rows`` (uint8, ``OPENING`` columns)."""
    with np.errstate(over="ignore"):
        mixed = (rows.astype(np.uint64) * _MULTIPLIERS).sum(axis=1, dtype=np.uint64)
    return ((mixed >> np.uint64(32)) ^ mixed).astype(np.uint32)


def _lookup(keys: np.ndarray, groups: np.ndarray, key: int) -> np.ndarray:
    key = np.uint32(key)  # a Python int would make numpy convert the whole key array first
    start = np.searchsorted(keys, key, side="left")
    end = np.searchsorted(keys, key, side="right")
    return groups[start:end].astype(np.int64)


def _keyed(column: TextColumn, closing: bool) -> tuple[np.ndarray, np.ndarray]:
    """Return (sorted keys, their groups) of the texts of ``column`` at least ``OPENING`` bytes long."""
    starts, ends = column.offsets[:-1], column.offsets[1:]
    numbers = np.flatnonzero(ends - starts >= OPENING)
    first = (ends[numbers] - OPENING) if closing else starts[numbers]
    keys = np.zeros(len(numbers), dtype=np.uint32)
    for start in range(0, len(numbers), 100_000):  # bounds the memory of the byte matrix
        part = first[start:start + 100_000]
        keys[start:start + len(part)] = _hash_rows(column.buffer[part[:, None] + np.arange(OPENING)])
    order = np.argsort(keys, kind="stable")
    return keys[order], numbers[order].astype(np.int32)


def _resolution_info(symbol: str, resolution: Resolution) -> dict[str, Any]:
    return {
        "symbol": symbol,
        "body": resolution.body,
        "year": resolution.year,
        "title": resolution.title,
        "series": normalise_title(resolution.title),
        "adoption": resolution.adoption.to_json(),
    }


def _resolution_allowed(info: dict[str, Any], key: tuple) -> bool:
    _, body, years, consensus_only = key
    if body and (info.get("body") or "").upper() != body:
        return False
    if years and not (info.get("year") and years[0] <= info["year"] <= years[1]):
        return False
    return not (consensus_only and (info.get("adoption") or {}).get("mode") != WITHOUT_A_VOTE)
