#!/usr/bin/env bash
# A throwaway PostgreSQL for the test suite, on a private port of the loopback interface.
#   .ci/postgres.sh start   installs Debian's PostgreSQL if missing, starts it, prints DATABASE_URL
#   .ci/postgres.sh stop
set -euo pipefail
PGPORT="${GONGZHI_PGPORT:-54329}"
PGDATA="${GONGZHI_PGDATA:-/tmp/gongzhi-pg-$PGPORT}"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-start}" in
  start)
    if [ -z "$(pg_bin)" ]; then
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2
    fi
    BIN="$(pg_bin)"
    as_owner "$BIN/pg_ctl" -D "$PGDATA" stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$PGDATA"; mkdir -p "$PGDATA"
    [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
    as_owner "$BIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # Durability is worthless for a test database; speed is not.
    as_owner "$BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
      -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >&2
    # The database the printed URL names (the test runner creates its own test_ databases).
    as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres gongzhi
    echo "postgres://postgres@127.0.0.1:$PGPORT/gongzhi"
    ;;
  stop)
    BIN="$(pg_bin)"
    [ -n "$BIN" ] && as_owner "$BIN/pg_ctl" -D "$PGDATA" stop -m fast >&2 || true
    ;;
esac
