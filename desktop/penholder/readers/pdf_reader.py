"""PDF files with pypdf (pure Python, BSD): text runs with size, position and font, then the layout.

Every failure of pypdf on a damaged file becomes one ParseError line; an encrypted file that opens
with the empty password (owner-password only) is read, one that needs a password is refused; a PDF
without a text layer (a scan) is reported as such, one whose pages expand to megabytes of drawing
instructions without text as damaged. ``read_pdf_bytes`` reads in a worker process with a hard time
limit (``pdf_worker``); ``read_pdf_here`` is what that process runs.
"""

from __future__ import annotations

import io
import logging
import math
import time
from dataclasses import dataclass

from penholder.errors import ParseError
from penholder.readers.limits import MAX_PDF_PAGES, fail
from penholder.readers.pdf_layout import LayoutResult, PageRuns, TextRun, rebuild_text

_MIN_TEXT_CHARS = 40

_CONTENT_WITHOUT_TEXT = 4 * 1024 * 1024
"""Page content (drawing instructions) past this size, and no text: not a scan (a scan's page is one
instruction drawing its picture) but a damaged file or a compression bomb."""


class _TooSlow(Exception):
    """Raised from inside pypdf's extraction when a PDF has taken longer than its time limit."""


@dataclass
class PdfText:
    """The text rebuilt from a PDF, with its page count and what the layout learnt."""

    text: str
    pages: int
    layout: LayoutResult
    warnings: list[str]


def read_pdf_bytes(path: object, data: bytes, *, seconds: float | None = None) -> PdfText:
    """Return the rebuilt text of a PDF's bytes, read in a worker process given at most ``seconds``
    (default ``pdf_worker.MAX_PDF_SECONDS``) in all, or raise ParseError "<file>: <reason>"."""
    from penholder.readers.pdf_worker import read_in_worker

    return read_in_worker(path, data, seconds=seconds)


def read_pdf_here(path: object, data: bytes, *, seconds: float) -> PdfText:
    """Return the rebuilt text of a PDF's bytes, read in this process, giving up after ``seconds``."""
    logger = logging.getLogger("pypdf")
    previous_level = logger.level
    logger.setLevel(logging.ERROR + 10)  # pypdf logs recoverable damage; we report our own lines
    try:
        return _read(path, data, time.monotonic() + seconds)
    except ParseError:
        raise
    except _TooSlow:
        raise fail(path, f"reading this PDF took longer than {seconds:.0f} s and was given up; it is probably "
                         "damaged or unusually complex (save it again as PDF, or import the Word file)") from None
    except RecursionError:
        raise fail(path, "damaged PDF (its structure loops); cannot be read") from None
    except MemoryError:
        raise fail(path, "PDF too large to read in memory") from None
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged files
        if type(exc).__name__ == "LimitReachedError":
            raise fail(path, "a page of this PDF expands to more than pypdf reads (75 MB); it is probably "
                             "damaged") from None
        raise fail(path, f"damaged or unsupported PDF ({_reason(exc)})") from None
    finally:
        logger.setLevel(previous_level)


def _read(path: object, data: bytes, deadline: float) -> PdfText:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as exc:  # noqa: BLE001 - missing crypto backend or a broken encryption dictionary
            if type(exc).__name__ == "DependencyError":
                raise fail(path, "is encrypted with AES, which needs the 'cryptography' package; save an "
                                 "unprotected copy and try again") from None
            raise fail(path, f"is encrypted and cannot be opened ({_reason(exc)})") from None
        if not opened:
            raise fail(path, "is password-protected; remove the password and try again")
    count = len(reader.pages)
    if count == 0:
        raise fail(path, "PDF has no pages")
    if count > MAX_PDF_PAGES:
        raise fail(path, f"PDF has {count} pages, more than {MAX_PDF_PAGES}; refused")
    pages = [_page_runs(page, deadline) for page in reader.pages]
    visible = sum(len(r.text.strip()) for page in pages for r in page.runs)
    if visible < _MIN_TEXT_CHARS:
        content = _content_size(reader, deadline)
        if content > _CONTENT_WITHOUT_TEXT:
            raise fail(path, f"this PDF's pages expand to {content / (1024 * 1024):,.0f} MB of drawing "
                             "instructions without any text; it is probably damaged")
        raise fail(path, "PDF has no text layer (scanned image?); run it through OCR first")
    layout = rebuild_text(pages)
    warnings = []
    blank = [str(number) for number, page in enumerate(pages, start=1)
             if not any(run.text.strip() for run in page.runs)]
    if len(blank) == 1:
        warnings.append(f"{path}: page {blank[0]} has no text layer (scanned?) and was skipped")
    elif blank:
        warnings.append(f"{path}: pages {', '.join(blank)} have no text layer (scanned?) and were skipped")
    return PdfText(layout.text, count, layout, warnings)


def _content_size(reader, deadline: float) -> int:
    """Return how many bytes the pages' content streams expand to (stopping past the threshold)."""
    total = 0
    for page in reader.pages:
        if time.monotonic() > deadline:
            raise _TooSlow
        try:
            contents = page.get_contents()
            total += len(contents.get_data()) if contents is not None else 0
        except Exception:  # noqa: BLE001 - a damaged stream: not a scan either way
            continue
        if total > _CONTENT_WITHOUT_TEXT:
            break
    return total


def _page_runs(page, deadline: float) -> PageRuns:
    box = page.mediabox
    width, height = float(box.width), float(box.height)
    origin_x, origin_y = float(box.left), float(box.bottom)
    runs: list[TextRun] = []

    if time.monotonic() > deadline:
        raise _TooSlow

    def visit(text, cm, tm, font, size):
        if len(runs) % 64 == 0 and time.monotonic() > deadline:
            raise _TooSlow
        if not text or not font:
            return
        try:
            name = str(font.get("/BaseFont", "")).lstrip("/")
        except Exception:  # noqa: BLE001 - a damaged font dictionary
            name = ""
        name = name.split("+", 1)[-1]
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4] - origin_x
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5] - origin_y
        scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
        effective = float(size) * (scale if scale > 0 else 1.0)
        if not (math.isfinite(x) and math.isfinite(y) and math.isfinite(effective)):
            return
        runs.append(TextRun(x, y, effective, name, text.replace("\n", "")))

    page.extract_text(visitor_text=visit)
    return PageRuns(width, height, runs)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:120]
