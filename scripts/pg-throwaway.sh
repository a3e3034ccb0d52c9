#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster on loopback for tests and benchmarks.
# Usage: eval "$(bash scripts/pg-throwaway.sh start [port])"  → exports PG_THROWAWAY_DIR and KETAPATH_TEST_DATABASE_URL
#        bash scripts/pg-throwaway.sh stop "$PG_THROWAWAY_DIR"
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
case "${1:-}" in
  start)
    port=${2:-55432}
    [ -x "$PGBIN/initdb" ] || { echo "PostgreSQL server binaries not found; install the Debian package postgresql" >&2; exit 1; }
    dir=$(mktemp -d /tmp/ketapath-pg.XXXXXX)
    as_pg=()
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; as_pg=(runuser -u postgres --); fi
    "${as_pg[@]}" "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # fsync off: a throwaway test cluster, never production.
    "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
    echo "export PG_THROWAWAY_DIR=$dir"
    echo "export KETAPATH_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir=${2:?directory}
    as_pg=(); [ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
    "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start [port] | stop <dir>" >&2; exit 2 ;;
esac
