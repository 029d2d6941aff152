"""The core never imports Qt: every module outside ``penholder.ui`` imports with PySide6 out of reach."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import penholder

CORE = sorted(
    name for _, name, _ in pkgutil.walk_packages(penholder.__path__, "penholder.")
    if not name.startswith("penholder.ui") and name != "penholder.__main__"
)

PROBE = """
import importlib, sys
class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"the core imported {name}")
sys.meta_path.insert(0, NoQt())
for name in sys.argv[1:]:
    importlib.import_module(name)
"""


def test_core_modules_import_without_qt():
    assert "penholder.parsing" in CORE and "penholder.search" in CORE
    result = subprocess.run([sys.executable, "-c", PROBE, *CORE], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
