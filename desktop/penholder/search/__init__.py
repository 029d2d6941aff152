"""Precedent search: an index of the library's paragraphs, ranked for text as it is typed, and lineage."""

from penholder.search.index import Hit, PrecedentIndex
from penholder.search.lineage import LineageStep, lineage

__all__ = ["Hit", "LineageStep", "PrecedentIndex", "lineage"]
