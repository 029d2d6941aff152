"""The resolution model: plain dataclasses shared by parsing, search, compare, export and the GUI.

No Qt here. ``Resolution.to_json()`` gives the exact JSON shape that ``penholder parse --json`` prints
and that other tools read; ``to_dict()``/``from_dict()`` keep everything (for drafts and the library).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

PREAMBULAR = "preambular"
OPERATIVE = "operative"
ParagraphKind = Literal["preambular", "operative"]

WITHOUT_A_VOTE = "without a vote"
RECORDED_VOTE = "recorded vote"


@dataclass
class Footnote:
    """A footnote: its mark as printed (``*``, ``1`` …) and its text."""

    mark: str
    text: str


@dataclass
class SubParagraph:
    """A sub-paragraph of an operative paragraph: label ``(a)``/``(i)`` and text, possibly nested."""

    label: str
    text: str
    notes: list[str] = field(default_factory=list)
    subparagraphs: list[SubParagraph] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Return the JSON shape of a sub-paragraph."""
        return {
            "label": self.label,
            "text": self.text,
            "notes": list(self.notes),
            "subparagraphs": [s.to_json() for s in self.subparagraphs],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SubParagraph:
        """Return a sub-paragraph from its JSON shape."""
        return cls(
            label=data["label"],
            text=data["text"],
            notes=list(data.get("notes") or []),
            subparagraphs=[cls.from_json(s) for s in data.get("subparagraphs") or []],
        )

    def full_text(self) -> str:
        """Return the label, text and nested sub-paragraphs as one line of text."""
        parts = [f"{self.label} {self.text}".strip()]
        parts.extend(s.full_text() for s in self.subparagraphs)
        return " ".join(parts)


@dataclass
class Paragraph:
    """A preambular or operative paragraph.

    ``text`` is the paragraph as it reads, starting with its lead (``Recalling also …``), without the
    operative number and without footnote marks; for an operative paragraph with sub-paragraphs it is
    the chapeau only (ending with ``:``), the sub-paragraphs being in ``subparagraphs``.
    ``notes`` are the marks of the footnotes it refers to, in order.
    """

    kind: ParagraphKind
    lead: str
    text: str
    number: int | None = None
    notes: list[str] = field(default_factory=list)
    subparagraphs: list[SubParagraph] = field(default_factory=list)

    def full_text(self) -> str:
        """Return the paragraph with its sub-paragraphs as one line of text (what search indexes)."""
        parts = [self.text]
        parts.extend(s.full_text() for s in self.subparagraphs)
        return " ".join(p for p in parts if p)

    def to_json(self) -> dict[str, Any]:
        """Return the JSON shape used by ``penholder parse --json``."""
        if self.kind == PREAMBULAR:
            return {"lead": self.lead, "text": self.text, "notes": list(self.notes)}
        return {
            "number": self.number,
            "lead": self.lead,
            "text": self.text,
            "notes": list(self.notes),
            "subparagraphs": [s.to_json() for s in self.subparagraphs],
        }

    @classmethod
    def from_json(cls, kind: ParagraphKind, data: dict[str, Any]) -> Paragraph:
        """Return a paragraph of ``kind`` from its JSON shape."""
        return cls(
            kind=kind,
            lead=data.get("lead") or "",
            text=data.get("text") or "",
            number=data.get("number"),
            notes=list(data.get("notes") or []),
            subparagraphs=[SubParagraph.from_json(s) for s in data.get("subparagraphs") or []],
        )


@dataclass
class Adoption:
    """How and when a resolution was adopted; every field may be unknown (``None``)."""

    date: str | None = None  # ISO 8601, YYYY-MM-DD
    meeting: str | None = None  # "34th meeting", "60th plenary meeting"
    mode: str | None = None  # WITHOUT_A_VOTE or RECORDED_VOTE
    in_favour: int | None = None
    against: int | None = None
    abstaining: int | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the JSON shape of the adoption."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Adoption:
        """Return an adoption from its JSON shape (``None`` gives an unknown adoption)."""
        data = data or {}
        return cls(**{k: data.get(k) for k in cls.__dataclass_fields__})

    def badge(self) -> str:
        """Return a short label for the panel: ``consensus``, ``vote 33–13–1`` or an empty string."""
        if self.mode == WITHOUT_A_VOTE:
            return "consensus"
        if self.mode == RECORDED_VOTE and self.in_favour is not None:
            return f"vote {self.in_favour}–{self.against or 0}–{self.abstaining or 0}"
        if self.mode == RECORDED_VOTE:
            return "vote"
        return ""


@dataclass
class Voting:
    """The voting record of a recorded vote: the States in favour, against and abstaining, as printed."""

    in_favour: list[str] = field(default_factory=list)
    against: list[str] = field(default_factory=list)
    abstaining: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Return the JSON shape of the voting record (three lists of State names)."""
        return {"in_favour": list(self.in_favour), "against": list(self.against),
                "abstaining": list(self.abstaining)}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Voting | None:
        """Return a voting record from its JSON shape (``None`` stays ``None``)."""
        if not data:
            return None
        return cls(*(list(data.get(key) or []) for key in ("in_favour", "against", "abstaining")))


@dataclass
class Resolution:
    """A resolution or draft resolution: metadata, preambular and operative parts, footnotes."""

    symbol: str | None = None
    body: str | None = None  # "GA", "HRC", "SC", "ECOSOC" …
    session: int | None = None
    number: int | None = None
    year: int | None = None
    title: str | None = None
    organ: str | None = None  # "The Human Rights Council,"
    agenda_item: str | None = None
    adoption: Adoption = field(default_factory=Adoption)
    preambular: list[Paragraph] = field(default_factory=list)
    operative: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    # Beyond the parse JSON: drafts and export use these.
    state: str | None = None  # "adopted" or "draft"
    sponsors: list[str] = field(default_factory=list)
    committee: str | None = None  # "Third Committee" for a Main Committee draft
    # Front and end matter as the official document prints it (None when the source does not say).
    agenda_title: str | None = None  # the item's title under "Agenda item 71 (b)"
    report_line: str | None = None  # "on the report of the Third Committee (A/78/481/Add.2, para. 139)"
    session_dates: str | None = None  # an HRC session's dates as printed: "19 June–14 July 2023"
    document_date: str | None = None  # the date of issue under "Distr.", ISO 8601 (not the adoption date)
    voting: Voting | None = None  # the States' lists of a recorded vote
    # A draft's paragraphs in the order its editor shows them, set only when that is not all preambular
    # then all operative (an unnumbered paragraph typed after operative ones); never in the JSON.
    draft_order: list[Paragraph] | None = field(default=None, repr=False, compare=False)

    @property
    def paragraphs(self) -> list[Paragraph]:
        """Return preambular then operative paragraphs."""
        return [*self.preambular, *self.operative]

    def in_order(self) -> list[Paragraph]:
        """Return the paragraphs in the order of the document (a draft's editor order)."""
        return list(self.draft_order) if self.draft_order else self.paragraphs

    def footnote(self, mark: str) -> Footnote | None:
        """Return the footnote with ``mark``, or ``None``."""
        return next((f for f in self.footnotes if f.mark == mark), None)

    def to_json(self) -> dict[str, Any]:
        """Return exactly the keys of ``penholder parse --json`` (a documented, stable shape; keys are only added)."""
        return {
            "symbol": self.symbol,
            "body": self.body,
            "session": self.session,
            "number": self.number,
            "year": self.year,
            "title": self.title,
            "organ": self.organ,
            "adoption": self.adoption.to_json(),
            "preambular": [p.to_json() for p in self.preambular],
            "operative": [p.to_json() for p in self.operative],
            "footnotes": [asdict(f) for f in self.footnotes],
            "agenda_item": self.agenda_item,
            "agenda_title": self.agenda_title,
            "report_line": self.report_line,
            "session_dates": self.session_dates,
            "document_date": self.document_date,
            "voting": self.voting.to_json() if self.voting else None,
        }

    def to_dict(self) -> dict[str, Any]:
        """Return everything the model holds (the parse JSON plus state, sponsors, committee)."""
        data = self.to_json()
        data.update(state=self.state, sponsors=list(self.sponsors), committee=self.committee)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Resolution:
        """Return a resolution from ``to_json()`` or ``to_dict()`` output."""
        return cls(
            symbol=data.get("symbol"),
            body=data.get("body"),
            session=data.get("session"),
            number=data.get("number"),
            year=data.get("year"),
            title=data.get("title"),
            organ=data.get("organ"),
            agenda_item=data.get("agenda_item"),
            adoption=Adoption.from_json(data.get("adoption")),
            preambular=[Paragraph.from_json(PREAMBULAR, p) for p in data.get("preambular") or []],
            operative=[Paragraph.from_json(OPERATIVE, p) for p in data.get("operative") or []],
            footnotes=[Footnote(f["mark"], f["text"]) for f in data.get("footnotes") or []],
            state=data.get("state"),
            sponsors=list(data.get("sponsors") or []),
            committee=data.get("committee"),
            agenda_title=data.get("agenda_title"),
            report_line=data.get("report_line"),
            session_dates=data.get("session_dates"),
            document_date=data.get("document_date"),
            voting=Voting.from_json(data.get("voting")),
        )
