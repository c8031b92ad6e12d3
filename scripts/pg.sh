#!/usr/bin/env bash
# A private PostgreSQL cluster for Berth's tests: Debian's `postgresql` binaries, a data
# directory in a temp dir, listening on one loopback port only — no system service, nothing
# outside this directory is touched.
#
#   eval "$(bash scripts/pg.sh start DIR)"   starts it, prints `export BERTH_TEST_POSTGRES_URL=…`
#   bash scripts/pg.sh stop DIR               stops it (the caller removes DIR)
#
# The server runs as the invoking user. PostgreSQL refuses to run as root, so when the tests
# run as root (CI here does) it runs as the `postgres` account Debian's package creates (or
# `nobody`), which owns only DIR. Authentication is `trust` for that loopback socket only: the
# cluster holds nothing but throwaway test databases and lives as long as one test run.
set -euo pipefail
cmd="${1:?usage: pg.sh start|stop DIR}"
dir="${2:?usage: pg.sh start|stop DIR}"

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
  echo "pg.sh: no PostgreSQL server binaries (scripts/setup.sh installs Debian's postgresql)" >&2
  exit 1
fi

run_as=()
if [ "$(id -u)" -eq 0 ]; then
  account=postgres
  id -u "$account" >/dev/null 2>&1 || account=nobody
  run_as=(setpriv --reuid="$account" --regid="$(id -g "$account")" --clear-groups --)
fi

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ ${#run_as[@]} -eq 0 ] || chown "$account" "$dir"
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    "${run_as[@]}" "$bin/initdb" --pgdata="$dir/data" --username=berth --auth=trust \
      --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    # Test data is thrown away at the end: no fsync, no full-page writes.
    "${run_as[@]}" "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --silent \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir \
          -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >&2 || { cat "$dir/server.log" >&2; exit 1; }
    echo "export BERTH_TEST_POSTGRES_URL=postgres://berth@127.0.0.1:$port/postgres"
    ;;
  stop)
    [ -d "$dir/data" ] || exit 0
    "${run_as[@]}" "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait --silent stop >&2 || true
    ;;
  *)
    echo "usage: pg.sh start|stop DIR" >&2
    exit 2
    ;;
esac
