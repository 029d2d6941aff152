"""The log: a rotating file in the user's state folder, where every unexpected error leaves its traceback.

The drafter sees one line (the CLI's "internal error …", the GUI's dialog); the log keeps the rest, so a
bug can be found again. ``setup()`` is called once by the CLI and by the GUI; the core logs with
``logging.getLogger("penholder.<module>")`` and ``unexpected()``. ``PENHOLDER_DEBUG=1`` makes
``unexpected()`` callers raise instead of carrying on (``debugging()``).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

LOG_NAME = "penholder.log"
MAX_BYTES = 1_000_000  # a file, before it rotates; three old ones are kept
_handler: logging.Handler | None = None


def log_path() -> Path:
    """Return where the log file is (in the state folder; ``PENHOLDER_HOME/state`` when set)."""
    from penholder.paths import state_dir

    return state_dir(create=False) / LOG_NAME


class _LogFile(logging.handlers.RotatingFileHandler):
    """A rotating log file whose folder is made when the first record comes (a command that logs nothing
    leaves no trace on disk)."""

    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record) -> None:  # logging override
        """Say nothing: a log that cannot be written (a full or read-only disk) must not add a traceback
        to what the drafter sees."""


def setup(level: int = logging.INFO) -> Path | None:
    """Send ``penholder.*`` records to the rotating log file; return its path (None if it cannot be written,
    which must never stop the app). Safe to call more than once."""
    global _handler
    logger = logging.getLogger("penholder")
    try:
        path = log_path()
    except OSError:
        return None
    if _handler is not None:
        if Path(_handler.baseFilename) == path.absolute():
            return path
        shutdown()  # the user folders moved (PENHOLDER_HOME changed): follow them
    try:
        handler = _LogFile(path, maxBytes=MAX_BYTES, backupCount=3, encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    _handler = handler
    return path


def shutdown() -> None:
    """Close the log file (tests that set up a log in a temporary home)."""
    global _handler
    if _handler is not None:
        logging.getLogger("penholder").removeHandler(_handler)
        _handler.close()
        _handler = None


def debugging() -> bool:
    """Return whether ``PENHOLDER_DEBUG`` asks for errors to be raised rather than reported."""
    return bool(os.environ.get("PENHOLDER_DEBUG"))


def unexpected(where: str, exc: BaseException, logger: str = "penholder") -> None:
    """Log an unexpected exception with its traceback (``where``: what was being done)."""
    logging.getLogger(logger).error("%s: %s: %s", where, type(exc).__name__, exc, exc_info=exc)


def where_text() -> str:
    """Return a sentence saying where the log is, for error messages ("" when there is none)."""
    return f"The details are in the log: {_handler.baseFilename}" if _handler is not None else ""
