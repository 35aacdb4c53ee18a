#!/usr/bin/env bash
# The office's one command: the program on a local PostgreSQL server.
#
#   bash scripts/office.sh [VERB ARGS…]   set up (packages, venv, server, database), then run
#                                          trajectplanner on it: the window, or a verb such as
#                                          `monitor --from 2026-01-01 --to 2026-12-31 --out r.pdf`
#   bash scripts/office.sh stop            stop the server
#
# The server runs from the Debian `postgresql` binaries with its data in $TRAJECTPLANNER_PG_DATA
# (default: ~/.local/share/trajectplanner/postgres), reachable only through a Unix socket in that
# folder (mode 0700: only this user, no network), in locale C (the sort order the program needs).
# An office with its own managed server skips this script: `trajectplanner --db postgresql+psycopg://…`
# or the setting TRAJECTPLANNER_DB.
set -euo pipefail
cd "$(dirname "$0")/.."

default_data="${XDG_DATA_HOME:-$HOME/.local/share}/trajectplanner/postgres"
[ "$(id -u)" -eq 0 ] && default_data=/var/lib/trajectplanner/postgres  # the postgres user must reach it
data="${TRAJECTPLANNER_PG_DATA:-$default_data}"
port="${TRAJECTPLANNER_PG_PORT:-5433}"
name="${TRAJECTPLANNER_PG_DATABASE:-trajectplanner}"

bindir() {
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
  else
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
  fi
}

# initdb and postgres refuse to run as root: then the server runs as the `postgres` user.
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
owner() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }

if [ "${1:-}" = "stop" ]; then
  bin="$(bindir)"
  as_owner "$bin/pg_ctl" -D "$data/data" -w stop
  exit 0
fi

# TRAJECTPLANNER_PROGRAM: an installed program to run instead of this checkout's .venv (no set-up).
program="${TRAJECTPLANNER_PROGRAM:-}"
if [ -z "$program" ]; then
  bash scripts/system-packages.sh --test >/dev/null   # includes the postgresql package
  bash scripts/setup.sh >/dev/null
  program=.venv/bin/trajectplanner
fi
bin="$(bindir)"
[ -n "$bin" ] || { echo "PostgreSQL is niet geïnstalleerd; installeer het pakket postgresql." >&2; exit 1; }

if [ ! -f "$data/data/PG_VERSION" ]; then
  mkdir -p "$data"
  chmod 0700 "$data"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$data"; fi
  as_owner "$bin/initdb" -D "$data/data" -U "$(owner)" --auth-local=trust --auth-host=reject \
    --locale=C -E UTF8 >/dev/null
fi
if ! as_owner "$bin/pg_ctl" -D "$data/data" status >/dev/null 2>&1; then
  as_owner "$bin/pg_ctl" -D "$data/data" -l "$data/server.log" -w \
    -o "-p $port -k $data -c listen_addresses=''" start >/dev/null
fi
if ! as_owner "$bin/psql" -h "$data" -p "$port" -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
  as_owner "$bin/createdb" -h "$data" -p "$port" --locale=C --template=template0 "$name"
fi

export TRAJECTPLANNER_DB="postgresql+psycopg://$(owner)@/$name?host=$data&port=$port"
exec $program "$@"
