#!/usr/bin/env bash
# Installs the system libraries Penholder's tests need on a fresh Debian/Ubuntu machine:
# what Qt's offscreen/xcb platforms load, Xvfb for screenshots, LibreOffice (DOCX -> PDF) and poppler.
# `system-deps.sh app` installs only what the app itself needs to show a window.
# Idempotent: does nothing when everything is already present (and needs no root then).
set -euo pipefail
pkgs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
      libxcb-render-util0 libxcb-image0 fonts-liberation)
[ "${1:-}" = app ] || pkgs+=(xvfb xauth libreoffice-writer-nogui poppler-utils desktop-file-utils appstream)
if ! command -v apt-get >/dev/null || ! command -v dpkg-query >/dev/null; then
  echo "system-deps: not a Debian/Ubuntu system; install Qt 6's xcb libraries, LibreOffice and poppler yourself" >&2
  exit 0
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
