"""Read back what the exporter wrote: paragraphs with their style names, runs, tracked changes."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def styled_paragraphs(path: Path) -> list[tuple[str, str]]:
    """Return (style name, text) for every body paragraph of the DOCX."""
    document = Document(str(path))
    return [(p.style.name, p.text) for p in document.paragraphs]


def part_xml(path: Path, name: str):
    """Return the parsed XML of one part of the DOCX package (``word/footnotes.xml`` …)."""
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def part_names(path: Path) -> list[str]:
    """Return the names of the parts in the DOCX package."""
    with zipfile.ZipFile(path) as package:
        return package.namelist()


def runs_by_character_style(path: Path) -> list[tuple[str | None, str]]:
    """Return (character style id or None, text) of every run in the document body."""
    body = part_xml(path, "word/document.xml").find(f"{W}body")
    result = []
    for run in body.iter(f"{W}r"):
        style = run.find(f"{W}rPr/{W}rStyle")
        text = "".join(t.text or "" for t in run.iter(f"{W}t", f"{W}delText"))
        result.append((style.get(f"{W}val") if style is not None else None, text))
    return result


def _paragraph_text(p, drop: str) -> tuple[str, bool]:
    """Return the text of ``p`` without ``drop`` wrappers and note marks, and whether its mark stays."""
    parts = []
    for element in p.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br"):
        if any(ancestor.tag == drop for ancestor in element.iterancestors()):
            continue
        style = element.getparent().find(f"{W}rPr/{W}rStyle")
        if style is not None and style.get(f"{W}val") == "FootnoteReference":
            continue
        parts.append({f"{W}tab": "\t", f"{W}br": "\n"}.get(element.tag) or element.text or "")
    mark_change = p.find(f"{W}pPr/{W}rPr/{drop}")
    return "".join(parts), mark_change is None


def resolve_changes(path: Path, accept: bool) -> list[tuple[str, str]]:
    """Return (style id, text) of the paragraphs after accepting (or rejecting) every tracked change.

    Accepting drops ``w:del`` content and joins a paragraph whose mark was deleted with the next one;
    rejecting does the same with ``w:ins``.
    """
    body = part_xml(path, "word/document.xml").find(f"{W}body")
    drop = f"{W}del" if accept else f"{W}ins"
    texts: list[tuple[str, str]] = []
    carry = ""
    for p in body.iter(f"{W}p"):
        text, mark_stays = _paragraph_text(p, drop)
        carry += text
        if mark_stays:
            style = p.find(f"{W}pPr/{W}pStyle")
            texts.append((style.get(f"{W}val") if style is not None else "", carry))
            carry = ""
    if carry:
        texts.append(("", carry))
    return texts


def has_element(path: Path, part: str, tag: str) -> bool:
    """Return whether ``part`` of the DOCX holds an element ``w:tag``."""
    return part_xml(path, part).find(f".//{qn(tag)}") is not None
