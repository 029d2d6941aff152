"""Run Penholder with ``python -m penholder``."""

import sys

from penholder.cli import main

sys.exit(main())
