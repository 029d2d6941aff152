"""Find each draft paragraph's closest precedent and measure how much of it is agreed language."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from penholder.compare import DiffOp, diff_words
from penholder.model import OPERATIVE, Adoption, Paragraph, Resolution
from penholder.search import Hit, PrecedentIndex

CANDIDATES = 8  # precedents compared word by word for each paragraph
MIN_SHARE = 0.3  # below this share of unchanged words a paragraph counts as new language
_WORD = re.compile(r"\w+")

AGREED = "agreed"
CHANGED = "changed"
NEW = "new"


@dataclass
class ReportRow:
    """One draft paragraph, its closest precedent (or none) and the word diff from it."""

    kind: str
    number: int  # PP: 1-based position; OP: its number (or position when unnumbered)
    text: str  # the draft paragraph with its sub-paragraphs
    precedent: Hit | None = None
    share_unchanged: float = 0.0  # words unchanged / words kept, inserted or deleted, 0..1
    ops: list[DiffOp] = field(default_factory=list)

    @property
    def label(self) -> str:
        """Return ``PP 3`` or ``OP 5``."""
        return f"{'OP' if self.kind == OPERATIVE else 'PP'} {self.number}"

    @property
    def status(self) -> str:
        """Return ``agreed`` (word for word), ``changed`` (edited precedent) or ``new`` (no precedent)."""
        if self.precedent is None:
            return NEW
        return AGREED if all(op.tag == "equal" for op in self.ops) else CHANGED

    @property
    def changed(self) -> bool:
        """Return whether the paragraph departs from agreed language (edited or new)."""
        return self.status != AGREED

    def to_json(self) -> dict[str, Any]:
        """Return the row as printed by ``penholder sources --json``."""
        hit = self.precedent
        return {
            "paragraph": self.label,
            "kind": self.kind,
            "number": self.number,
            "status": self.status,
            "share_unchanged": round(self.share_unchanged, 3),
            "text": self.text,
            "precedent": None if hit is None else {
                "symbol": hit.symbol, "kind": hit.kind, "number": hit.number, "year": hit.year,
                "adoption": hit.adoption.to_json(), "badge": hit.adoption.badge(), "text": hit.text,
                "also": list(hit.also), "delegation": dict(hit.delegation) if hit.delegation else None},
            "changes": [{"tag": op.tag, "old": op.old, "new": op.new, "facts": list(op.facts)}
                        for op in self.ops if op.tag != "equal"],
        }


def agreed_language_report(draft: Resolution, index: PrecedentIndex, *, exclude: str | None = None,
                           progress: Callable[[int, int], None] | None = None,
                           delegation: str | None = None) -> list[ReportRow]:
    """Return one row per paragraph of ``draft`` (preambular then operative) with its closest precedent.

    ``exclude`` names a symbol whose paragraphs are not precedents (the draft's own, when it is itself
    in the library). ``progress(done, total)`` is called after each paragraph. With ``delegation`` (a
    Member State's code) each precedent says how that State voted on it.
    """
    paragraphs = draft.paragraphs
    rows = []
    for done, paragraph in enumerate(paragraphs, start=1):
        position = (draft.preambular if paragraph.kind != OPERATIVE else draft.operative).index(paragraph) + 1
        rows.append(closest_precedent(paragraph, position, index, exclude, delegation))
        if progress:
            progress(done, len(paragraphs))
    return rows


def closest_precedent(paragraph: Paragraph, position: int, index: PrecedentIndex,
                      exclude: str | None = None, delegation: str | None = None) -> ReportRow:
    """Return the report row of one paragraph: the candidate precedent that leaves most words unchanged."""
    text = paragraph.full_text()
    number = paragraph.number if paragraph.kind == OPERATIVE and paragraph.number else position
    row = ReportRow(paragraph.kind, number, text)
    if not text.strip():
        return row
    best: tuple[float, float, int] | None = None
    for hit in index.search(text, CANDIDATES, kind=paragraph.kind):
        hit = _without(hit, exclude, index)
        if hit is None:
            continue
        ops = diff_words(hit.text, text)
        share = unchanged_share(ops)
        key = (share, hit.score, hit.year or 0)
        if best is None or key > best:
            best = key
            row.precedent, row.share_unchanged, row.ops = hit, share, ops
    if row.share_unchanged < MIN_SHARE:
        row.precedent, row.ops = None, []
    if row.precedent is not None and delegation:
        row.precedent.delegation = index.delegation_vote(row.precedent.symbol, row.precedent.adoption, delegation)
    return row


def unchanged_share(ops: list[DiffOp]) -> float:
    """Return the share of words the diff keeps, out of those kept, inserted and deleted (0..1).

    Deleted words count too: a draft that drops half a precedent's words is not 100 % agreed language.
    """
    kept = sum(len(_WORD.findall(op.new)) for op in ops if op.tag == "equal")
    inserted = sum(len(_WORD.findall(op.new)) for op in ops if op.tag != "equal")
    deleted = sum(len(_WORD.findall(op.old)) for op in ops if op.tag != "equal")
    total = kept + inserted + deleted
    return kept / total if total else 0.0


def _without(hit: Hit, exclude: str | None, index: PrecedentIndex) -> Hit | None:
    """Return ``hit`` sourced from another resolution than ``exclude`` (``None`` if it has no other)."""
    if exclude is None or hit.symbol != exclude:
        return hit
    others = [source for source in hit.also if source.get("symbol") != exclude]
    if not others:
        return None
    first = others[0]
    number = index.resolution_number(first["symbol"])
    info = index.resolution_info[number] if number is not None else {}
    return Hit(symbol=first["symbol"], body=info.get("body", hit.body), year=first.get("year"),
               kind=first.get("kind", hit.kind), number=first.get("number", hit.number), lead=hit.lead,
               text=hit.text, score=hit.score, adoption=Adoption.from_json(info.get("adoption")),
               also=others[1:], reason=hit.reason)


def report_summary(rows: list[ReportRow]) -> dict[str, int]:
    """Return how many paragraphs are agreed word for word, changed and new."""
    summary = {AGREED: 0, CHANGED: 0, NEW: 0}
    for row in rows:
        summary[row.status] += 1
    return summary
