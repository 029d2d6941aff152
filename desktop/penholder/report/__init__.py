"""The agreed-language report: for each paragraph of a draft, its closest precedent and what changed.

Delegations bring it to negotiations to show which language is agreed: one row per paragraph with the
closest adopted paragraph (symbol, number, year, how adopted), the share of the draft's words that
are unchanged from it, and the word diff. ``write_report_docx`` puts the table in a Word document.
"""

from __future__ import annotations

from penholder.report.agreed import MIN_SHARE, ReportRow, agreed_language_report, report_summary
from penholder.report.docx_report import write_report_docx

__all__ = ["MIN_SHARE", "ReportRow", "agreed_language_report", "report_summary", "write_report_docx"]
