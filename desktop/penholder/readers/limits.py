"""Size limits and file checks shared by every reader: refuse what could hurt before reading it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from penholder.errors import ParseError

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Files over 50 MB are refused: no resolution is that large, a bomb or a wrong file is."""

MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""A DOCX may unpack to at most this many bytes in total (parts are inflated as a stream and counted; a
Word file of 50 MB of pictures unpacks to about 50 MB)."""

MAX_COMPRESSION_RATIO = 200
"""A DOCX part that unpacks to more than this many times its packed size is treated as a ZIP bomb."""

MAX_ZIP_ENTRIES = 5000

MAX_PDF_PAGES = 2000


def fail(path: str | os.PathLike, reason: str) -> ParseError:
    """Return the one-line ParseError "<file>: <reason>"."""
    reason = " ".join(str(reason).split())
    return ParseError(f"{path}: {reason}")


def read_bytes_checked(path: str | os.PathLike) -> bytes:
    """Return the bytes of a readable regular file of at most 50 MB, else raise ParseError."""
    file = Path(path)
    try:
        info = file.stat()
    except FileNotFoundError:
        raise fail(path, "no such file") from None
    except PermissionError:
        raise fail(path, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise fail(path, f"cannot be read ({exc.strerror or exc})") from None
    if file.is_dir():
        raise fail(path, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise fail(path, "is not a regular file (a device, pipe or socket); save it as a file first")
    if info.st_size > MAX_FILE_BYTES:
        raise fail(path, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB "
                         f"({info.st_size / (1024 * 1024):.0f} MB); refused")
    try:
        with open(file, "rb") as handle:
            # As many bytes as the file has (a buffer of the limit's size would be allocated each time),
            # then whatever it grew by since, up to the limit.
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(MAX_FILE_BYTES + 1 - len(data))
    except PermissionError:
        raise fail(path, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise fail(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise fail(path, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; refused")
    return data
