#!/usr/bin/env bash
# The README's test command: set up everything on a fresh machine, then run the tests offscreen.
# Extra arguments go to pytest. Benchmarks are separate (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh --test  # Xvfb, a window manager and PostgreSQL for the tests too
bash scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
