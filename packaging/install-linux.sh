#!/usr/bin/env bash
# Installs a built bundle (dist/penholder/, from `make package`) for the current user:
# the program in ~/.local/opt/penholder, a `penholder` link in ~/.local/bin, the menu entry, the icons and the
# .penholder file type. Run again to update; `install-linux.sh --uninstall` removes it all (not your drafts
# or library, which live in your user data folders).
set -euo pipefail
cd "$(dirname "$0")/.."
APP_ID=org.penholder.Penholder
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
OPT=$HOME/.local/opt/penholder
BIN=$HOME/.local/bin

if [ "${1:-}" = --uninstall ]; then
  rm -rf "$OPT" "$BIN/penholder" "$DATA/applications/$APP_ID.desktop" "$DATA/mime/packages/$APP_ID.xml" \
         "$DATA/metainfo/$APP_ID.metainfo.xml"
  find "$DATA/icons/hicolor" -name "$APP_ID.*" -delete 2>/dev/null || true
else
  [ -x dist/penholder/penholder ] || { echo "no bundle in dist/penholder: run 'make package' first" >&2; exit 1; }
  mkdir -p "$OPT" "$BIN" "$DATA/applications" "$DATA/mime/packages" "$DATA/metainfo" "$DATA/icons/hicolor/scalable/apps"
  rm -rf "$OPT" && cp -a dist/penholder "$OPT"
  ln -sf "$OPT/penholder" "$BIN/penholder"
  sed "s|^Exec=penholder|Exec=$OPT/penholder|" packaging/$APP_ID.desktop > "$DATA/applications/$APP_ID.desktop"
  cp packaging/$APP_ID.mime.xml "$DATA/mime/packages/$APP_ID.xml"
  cp packaging/$APP_ID.metainfo.xml "$DATA/metainfo/"
  cp resources/icons/penholder.svg "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
  for size in 16 32 48 64 128 256 512; do
    mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps"
    cp "resources/icons/penholder-$size.png" "$DATA/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
  done
fi
command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
echo "done: ${1:-installed} ($OPT)"
