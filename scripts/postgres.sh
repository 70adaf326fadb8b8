#!/usr/bin/env bash
# A private PostgreSQL cluster on loopback for tests and benchmarks.
#   scripts/postgres.sh start   → prints the connection URL
#   scripts/postgres.sh stop | status | url
# PGDIR (default /tmp/ioffice-pg), PGPORT (default 54329), PG_FAST=1 turns fsync off (tests only).
set -euo pipefail
cmd=${1:-start}
DIR=${PGDIR:-/tmp/ioffice-pg}
PORT=${PGPORT:-54329}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$BIN" ]; then
  echo "PostgreSQL is not installed: run 'sudo apt-get install -y postgresql' (or scripts/install-system-deps.sh)." >&2
  exit 3
fi
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"

# PostgreSQL refuses to run as root: run it as the 'postgres' system user then.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    if as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then echo "$URL"; exit 0; fi
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      as_pg "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
        || { cat "$DIR/initdb.log" >&2; exit 1; }
    fi
    opts="-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=400 -c shared_buffers=256MB"
    [ "${PG_FAST:-0}" = 1 ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -o "$opts" -l "$DIR/server.log" -w -t 60 start >/dev/null \
      || { tail -n 30 "$DIR/server.log" >&2; exit 1; }
    echo "$URL"
    ;;
  stop) as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true ;;
  status) as_pg "$BIN/pg_ctl" -D "$DIR/data" status ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
