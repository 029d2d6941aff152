#!/usr/bin/env bash
# Builds the Linux one-folder bundle (dist/penholder/) with PyInstaller, then smoke-tests the built binary
# from outside the source tree: --version, parse on a bundled seed, and the GUI start on the offscreen platform.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
$PY -m pip install -q -e '.[build]'
start=$(date +%s)
$PY -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/penholder.spec
echo "build time: $(( $(date +%s) - start )) s; size: $(du -sh dist/penholder | cut -f1)"
bash packaging/smoke_test.sh dist/penholder/penholder
