"""Entry script for the PyInstaller bundle: the same ``penholder`` command as the installed package."""

import sys

from penholder.cli import main

if __name__ == "__main__":
    sys.exit(main())
