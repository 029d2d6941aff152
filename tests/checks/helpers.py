"""Build small resolutions for the checks' tests."""

from __future__ import annotations

from penholder.model import OPERATIVE, PREAMBULAR, Adoption, Paragraph, Resolution, SubParagraph


def resolution(preambular=(), operative=(), *, body="HRC", symbol=None, numbered=True, date=None):
    """Return a resolution from paragraph texts; an operative item may be (text, [sub-paragraphs])."""
    ops = []
    for position, item in enumerate(operative, start=1):
        text, subs = (item, []) if isinstance(item, str) else item
        ops.append(Paragraph(OPERATIVE, text.split()[0], text, position if numbered else None,
                             subparagraphs=[sub(s) for s in subs]))
    return Resolution(
        symbol=symbol, body=body, organ="The Human Rights Council," if body == "HRC" else None,
        adoption=Adoption(date=date),
        preambular=[Paragraph(PREAMBULAR, t.split()[0], t) for t in preambular], operative=ops,
    )


def sub(item):
    """Return a sub-paragraph from ("(a)", "text") or ("(a)", "text", [nested items])."""
    label, text, *nested = item
    return SubParagraph(label, text, subparagraphs=[sub(n) for n in (nested[0] if nested else [])])


def codes(problems):
    """Return the problem codes, in order."""
    return [p.code for p in problems]
