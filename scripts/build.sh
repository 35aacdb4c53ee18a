#!/usr/bin/env bash
# Build the installable one-folder program: dist/trajectplanner/trajectplanner (docs/build.md).
# Needs the virtualenv with the test/dev tools (bash scripts/setup.sh --test), which has PyInstaller.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
DIST=${TRAJECTPLANNER_DIST:-dist}
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "${TRAJECTPLANNER_WORK:-build/pyinstaller}" scripts/trajectplanner.spec
echo "Gebouwd: $DIST/trajectplanner/trajectplanner ($(du -sh "$DIST/trajectplanner" | cut -f1), $(( $(date +%s) - start )) s)"
