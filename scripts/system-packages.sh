#!/usr/bin/env bash
# Debian/Ubuntu packages Qt (PySide6) and the PDF checks need. Skipped when already present.
# The xcb libraries are what Qt's xcb platform plugin links against (`ldd libqxcb.so`): without
# them the window does not open on a real X desktop, while the offscreen tests still pass.
# With --test (CI: .ci/run) also Xvfb, a light window manager (openbox) and xdotool, so the test
# that starts the real program in a real X window runs (tests/ui/test_real_window.py).
set -euo pipefail
pkgs=(python3 python3-venv python3-pip libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3
      libglib2.0-0 fonts-dejavu-core
      libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
      libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1
      libxcb-xfixes0 libxcb-xkb1)
[ "${1:-}" = "--test" ] && pkgs+=(xvfb openbox xdotool)
# With --test also the PostgreSQL server the db tests start for themselves (tests/pg.py).
[ "${1:-}" = "--test" ] && pkgs+=(postgresql)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
command -v apt-get >/dev/null 2>&1 || { echo "Install these packages first: ${missing[*]}" >&2; exit 1; }
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
