"""The oracle of a draft's outputs: the paragraphs the editor shows for a text (from its own line layout,
``drafts.layout.classify``), and the body paragraphs read back from an exported DOCX, in one comparable form."""

from __future__ import annotations

from penholder.drafts.layout import OPERATIVE, PREAMBULAR, SUB, classify
from penholder.export import styles as S
from tests.export.reading import styled_paragraphs

BODY_STYLES = {S.PREAMBULAR, S.OPERATIVE, *S.SUBPARAGRAPH}


def expected_body(text: str) -> list[tuple[str, str]]:
    """Return (style, text) of the body paragraphs the editor shows for ``text``, from its lines."""
    lines = text.split("\n")
    roles = classify(lines)
    operative = [line for line in roles if line.role == OPERATIVE]
    result = []
    seen_paragraph = False
    for line in roles:
        raw = lines[line.index]
        body = raw[line.body_start:].rstrip()
        if line.role == PREAMBULAR:
            result.append((S.PREAMBULAR, body))
        elif line.role == OPERATIVE:
            number = "" if len(operative) == 1 else f"{line.number}.\t"
            result.append((S.OPERATIVE, f"{number}{body}"))
        elif line.role == SUB and not seen_paragraph:
            result.append((S.PREAMBULAR, raw.strip()))
        elif line.role == SUB:
            label = raw[: line.body_start].strip()
            result.append(("sub", f"{label}\t{body}"))
        seen_paragraph = seen_paragraph or line.role in (PREAMBULAR, OPERATIVE, SUB)
    return result


def exported_body(path) -> list[tuple[str, str]]:
    """Return (style, text) of the body paragraphs of an exported DOCX (sub-paragraph levels as 'sub')."""
    return [("sub" if style in S.SUBPARAGRAPH else style, text)
            for style, text in styled_paragraphs(path) if style in BODY_STYLES]
