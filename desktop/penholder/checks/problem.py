"""A house-style problem found in a resolution or draft, with where it is and how to fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class Problem:
    """One problem: what is wrong (``code``, ``message``), how bad, where, and an optional safe fix.

    ``kind`` and ``number`` name the paragraph ("preambular"/"operative", 1-based position within its
    kind, as in search hits); both are ``None`` for a problem of the whole document. ``sub`` is the label
    path of a sub-paragraph (``"(a)"``, ``"(a) (ii)"``) when the problem lies in one. ``start``/``end``
    are character offsets into that paragraph's (or sub-paragraph's) text; ``check_text`` gives offsets
    into the raw editor text instead. ``fix`` replaces ``text[start:end]`` when it is safe to apply in
    one click; ``None`` when a drafter has to decide.
    """

    code: str
    message: str
    severity: str = ERROR
    kind: str | None = None
    number: int | None = None
    start: int | None = None
    end: int | None = None
    fix: str | None = None
    sub: str | None = None

    @property
    def where(self) -> str:
        """Return the drafter's name for the place: ``PP 3``, ``OP 5 (a)`` or ``document``."""
        if self.kind is None:
            return "document"
        place = f"{'PP' if self.kind == 'preambular' else 'OP'} {self.number}"
        return f"{place} {self.sub}" if self.sub else place

    def to_json(self) -> dict[str, Any]:
        """Return the JSON shape printed by ``penholder check --json``."""
        data = asdict(self)
        data["where"] = self.where
        return data

    def moved(self, offset: int) -> Problem:
        """Return the same problem with its offsets shifted by ``offset`` (paragraph -> whole text)."""
        if self.start is None or self.end is None:
            return self
        return Problem(self.code, self.message, self.severity, self.kind, self.number,
                       self.start + offset, self.end + offset, self.fix, self.sub)


def apply_fix(text: str, problem: Problem) -> str:
    """Return ``text`` with ``problem``'s fix applied (unchanged when the problem has no fix)."""
    if problem.fix is None or problem.start is None or problem.end is None:
        return text
    return text[: problem.start] + problem.fix + text[problem.end:]
