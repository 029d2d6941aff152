"""One error type per layer, each carrying a message a drafter can act on.

The CLI and the GUI catch ``PenholderError`` and show its message, never a traceback.
"""


class PenholderError(Exception):
    """Base of every error Penholder reports to the user."""


class ParseError(PenholderError):
    """A file could not be read as a resolution (missing, unreadable, binary, empty, no structure)."""


class LibraryError(PenholderError):
    """The precedent library could not be opened, read or changed."""


class CompareError(PenholderError):
    """Two texts could not be compared (e.g. a symbol not in the library)."""


class ExportError(PenholderError):
    """A document could not be exported (e.g. the output folder does not exist)."""


class DraftError(PenholderError):
    """A draft file could not be opened or saved."""
