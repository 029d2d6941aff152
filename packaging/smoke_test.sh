#!/usr/bin/env bash
# Smoke test of a built bundle: run it from a temp dir so nothing comes from the source tree.
set -euo pipefail
BIN=$(readlink -f "$1")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
export PENHOLDER_HOME="$work/home" QT_QPA_PLATFORM=offscreen
"$BIN" --version
seed=$(dirname "$BIN")/_internal/resources/corpus/A-HRC-RES-53-11.txt
"$BIN" parse "$seed" --json > parsed.json
python3 -c 'import json,sys; d=json.load(open("parsed.json")); print(d["symbol"], len(d["preambular"]), "PP", len(d["operative"]), "OP"); sys.exit(d["symbol"] != "A/HRC/RES/53/11")'
"$BIN" parse "$seed" --json | head -c 100 >/dev/null  # a closed pipe must not print a traceback
"$BIN" export "$seed" -o resolution.docx
test -s resolution.docx
echo "export wrote resolution.docx"
"$BIN" search "Recalling Human Rights Council resolution 6/17" --limit 1 --json > hits.json
python3 -c 'import json; assert json.load(open("hits.json"))[0]["symbol"].startswith("A/HRC/RES/")'
echo "search found the precedent"
# The index build's worker processes are this executable spawned again (multiprocessing.freeze_support):
# force a pool on the bundled corpus, far below the size where one starts by itself. A pool that fails
# falls back to one process with a warning on stderr, so any stderr fails; the hits must be the same.
corpus=$(dirname "$BIN")/_internal/resources/corpus
for workers in 1 2; do
  PENHOLDER_BUILD_WORKERS=$workers "$BIN" search "Recalling Human Rights Council resolution 6/17" --corpus "$corpus" \
    --limit 3 --json > "hits-$workers.json" 2> "stderr-$workers.txt"
  if [ -s "stderr-$workers.txt" ]; then cat "stderr-$workers.txt"; exit 1; fi
done
cmp hits-1.json hits-2.json
echo "an index built by 2 worker processes gave the same hits"
PENHOLDER_QUIT_AFTER_MS=1500 timeout 60 "$BIN" && echo "GUI started and quit cleanly"
echo "smoke test passed"
