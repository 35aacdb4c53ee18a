#!/usr/bin/env bash
# The README's start command: set up everything on a fresh machine and open the demo region.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
bash scripts/setup.sh
exec .venv/bin/trajectplanner --demo "$@"
