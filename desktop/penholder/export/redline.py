"""The redline: NEW in UN layout with Word tracked changes (``w:ins``/``w:del``) against OLD.

Paragraphs are paired by the compare engine (``align_resolutions``). Pairs that kept their place are
written once with word-level changes (``diff_words``); inserted paragraphs, deleted paragraphs, moved,
split and merged ones are whole tracked paragraphs (a moved paragraph is deleted where it was and
inserted where it is), so that accepting every change gives NEW and rejecting every change gives OLD,
in OLD's order. Operative numbers are tracked too when they change.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from penholder.export import styles
from penholder.export.docx_export import check_target, save_document
from penholder.export.layout import ResolutionWriter
from penholder.export.profiles import choose_profile, choose_state
from penholder.export.runs import DELETE, INSERT, Piece, Revisions
from penholder.model import OPERATIVE, PREAMBULAR, Paragraph, Resolution, SubParagraph

IN_PLACE = ("unchanged", "modified")


def write_redline(old: Resolution, new: Resolution, path: str | Path, *, profile: str | None = None,
                  author: str = "Penholder", state: str | None = None) -> Path:
    """Write NEW with tracked changes against OLD to ``path``; return the path written."""
    check_target(path)
    document = build_redline(old, new, profile=profile, author=author, state=state)
    return save_document(document, path)


def build_redline(old: Resolution, new: Resolution, *, profile: str | None = None, author: str = "Penholder",
                  state: str | None = None):
    """Return the python-docx ``Document`` of the redline (not yet saved)."""
    from penholder.compare import align_resolutions

    writer = ResolutionWriter(new, choose_profile(new, profile), choose_state(new, state), Revisions(author))
    redline = _Redline(writer, old, new)
    writer.write_front(title_pieces=redline.text_pieces(old.title or "[Title]", new.title or "[Title]"))
    alignment = align_resolutions(old, new)
    for kind in (PREAMBULAR, OPERATIVE):
        changes = [c for c in alignment.changes if c.kind == kind]
        redline.write_kind(kind, changes)
    writer.write_end()
    return writer.document


class _Redline:
    def __init__(self, writer: ResolutionWriter, old: Resolution, new: Resolution):
        self.writer = writer
        self.old = old
        self.new = new
        self.lead_style = writer.style(styles.LEAD)

    # -- order ------------------------------------------------------------------------------------
    def write_kind(self, kind: str, changes) -> None:
        """Write every paragraph of one kind: OLD's order for deletions, NEW's for the rest."""
        olds = self.old.preambular if kind == PREAMBULAR else self.old.operative
        news = self.new.preambular if kind == PREAMBULAR else self.new.operative
        pairs = []
        for change in changes:
            if change.status in IN_PLACE and len(change.old) == 1 and len(change.new) == 1:
                i, j = _index(olds, change.old[0]), _index(news, change.new[0])
                if i is not None and j is not None:
                    pairs.append((i, j))
        pairs = _increasing(sorted(pairs, key=lambda pair: pair[1]))
        i = j = 0
        for old_index, new_index in [*pairs, (len(olds), len(news))]:
            for k in range(i, old_index):
                self._deleted(olds[k], k + 1)
            for k in range(j, new_index):
                self.writer.write_paragraph(news[k], k + 1, INSERT)
            if old_index < len(olds) and new_index < len(news):
                self._revised(olds[old_index], old_index + 1, news[new_index], new_index + 1)
            i, j = old_index + 1, new_index + 1

    def _deleted(self, paragraph: Paragraph, index: int) -> None:
        style = styles.OPERATIVE if paragraph.kind == OPERATIVE else styles.PREAMBULAR
        label = self._label(self.old, paragraph, index)
        pieces = [Piece(label, None, DELETE)]
        lead = paragraph.lead if paragraph.text.startswith(paragraph.lead) else ""
        pieces += _lead_split([Piece(paragraph.text, None, DELETE)], lead, "", self.lead_style)
        pieces += [Piece(note=m, change=DELETE) for m in paragraph.notes]
        self.writer.add(style, pieces, DELETE)
        for depth, sub in _flatten(paragraph.subparagraphs):
            self._sub(depth, sub, DELETE)

    # -- a paragraph revised in place -------------------------------------------------------------
    def _revised(self, old: Paragraph, old_index: int, new: Paragraph, new_index: int) -> None:
        style = styles.OPERATIVE if new.kind == OPERATIVE else styles.PREAMBULAR
        old_label, new_label = self._label(self.old, old, old_index), self._label(self.new, new, new_index)
        pieces = self.text_pieces(old_label, new_label)
        body = self.text_pieces(old.text, new.text)
        pieces += _lead_split(body, old.lead if old.text.startswith(old.lead) else "",
                              new.lead if new.text.startswith(new.lead) else "", self.lead_style)
        pieces += _note_pieces(old.notes, new.notes)
        self.writer.add(style, pieces)
        self._revised_subs(_flatten(old.subparagraphs), _flatten(new.subparagraphs))

    def _revised_subs(self, olds: list[tuple[int, SubParagraph]], news: list[tuple[int, SubParagraph]]) -> None:
        matcher = difflib.SequenceMatcher(None, [s.text for _, s in olds], [s.text for _, s in news],
                                          autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                for (_, old), (depth, new) in zip(olds[i1:i2], news[j1:j2]):
                    self._sub_revised(depth, old, new)
                continue
            for depth, sub in olds[i1:i2]:
                self._sub(depth, sub, DELETE)
            for depth, sub in news[j1:j2]:
                self._sub(depth, sub, INSERT)

    def _sub(self, depth: int, sub: SubParagraph, change: str) -> None:
        style = styles.SUBPARAGRAPH[min(depth, len(styles.SUBPARAGRAPH) - 1)]
        text = f"{sub.label}\t{sub.text}" if sub.label else sub.text
        pieces = [Piece(text, None, change), *(Piece(note=m, change=change) for m in sub.notes)]
        self.writer.add(style, pieces, change)

    def _sub_revised(self, depth: int, old: SubParagraph, new: SubParagraph) -> None:
        style = styles.SUBPARAGRAPH[min(depth, len(styles.SUBPARAGRAPH) - 1)]
        pieces = self.text_pieces(f"{old.label}\t" if old.label else "", f"{new.label}\t" if new.label else "")
        pieces += self.text_pieces(old.text, new.text)
        pieces += _note_pieces(old.notes, new.notes)
        self.writer.add(style, pieces)

    # -- words ------------------------------------------------------------------------------------
    def text_pieces(self, old: str, new: str) -> list[Piece]:
        """Return NEW's text as pieces, with OLD's words that went and NEW's that came tracked."""
        if old == new:
            return [Piece(new)] if new else []
        if not old or not new:
            return [p for p in (Piece(old, None, DELETE), Piece(new, None, INSERT)) if p.text]
        from penholder.compare import diff_words, to_runs

        return [Piece(run.text, None, run.change) for run in to_runs(diff_words(old, new)) if run.text]

    def _label(self, resolution: Resolution, paragraph: Paragraph, index: int) -> str:
        if paragraph.kind != OPERATIVE or len(resolution.operative) == 1:
            return ""
        return f"{paragraph.number or index}.\t"


def _index(paragraphs: list[Paragraph], paragraph: Paragraph) -> int | None:
    """Return the position of ``paragraph`` in ``paragraphs`` (the same object, else an equal one)."""
    for position, candidate in enumerate(paragraphs):
        if candidate is paragraph:
            return position
    for position, candidate in enumerate(paragraphs):
        if candidate == paragraph:
            return position
    return None


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the longest run of ``pairs`` (sorted by new position) whose old positions also increase."""
    import bisect

    tails: list[int] = []  # old position ending the best chain of each length
    tail_at: list[int] = []
    previous = [-1] * len(pairs)
    for n, (old_position, _) in enumerate(pairs):
        length = bisect.bisect_left(tails, old_position)
        if length == len(tails):
            tails.append(old_position)
            tail_at.append(n)
        else:
            tails[length] = old_position
            tail_at[length] = n
        previous[n] = tail_at[length - 1] if length else -1
    chain, n = [], tail_at[-1] if tail_at else -1
    while n >= 0:
        chain.append(pairs[n])
        n = previous[n]
    return chain[::-1]


def _flatten(subs: list[SubParagraph], depth: int = 0) -> list[tuple[int, SubParagraph]]:
    """Return sub-paragraphs with their depth, in reading order."""
    flat = []
    for sub in subs:
        flat.append((depth, sub))
        flat.extend(_flatten(sub.subparagraphs, depth + 1))
    return flat


def _lead_split(pieces: list[Piece], old_lead: str, new_lead: str, lead_style: str) -> list[Piece]:
    """Return ``pieces`` cut so that the lead (OLD's for deletions, NEW's otherwise) is in the lead style."""
    result = []
    old_at = new_at = 0
    for piece in pieces:
        if piece.change == DELETE:
            start, boundary = old_at, len(old_lead)
            old_at += len(piece.text)
        else:
            start, boundary = new_at, len(new_lead)
            new_at += len(piece.text)
            if piece.change is None:
                old_at += len(piece.text)
        cut = max(0, min(len(piece.text), boundary - start))
        if cut:
            result.append(Piece(piece.text[:cut], lead_style, piece.change))
        if cut < len(piece.text):
            result.append(Piece(piece.text[cut:], None, piece.change))
    return result


def _note_pieces(old_notes: list[str], new_notes: list[str]) -> list[Piece]:
    """Return the footnote references of a revised paragraph: kept, or deleted and inserted."""
    if old_notes == new_notes:
        return [Piece(note=m) for m in new_notes]
    return [*(Piece(note=m, change=DELETE) for m in old_notes), *(Piece(note=m, change=INSERT) for m in new_notes)]
