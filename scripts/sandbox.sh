#!/usr/bin/env bash
# Sets up everything (scripts/setup.sh), builds Berth (release-size browser bundle) and runs it
# in sandbox mode at http://127.0.0.1:3000: a local moto server stands in for AWS, seeded with
# a demo account. Berth's own data lives in ./data (override with BERTH_DATA_DIR).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BERTH_ROOT"

bash scripts/setup.sh
. "$BERTH_CACHE_DIR/toolchain.env"
bash scripts/build-site.sh

export BERTH_DATA_DIR="${BERTH_DATA_DIR:-$BERTH_ROOT/data}"
export BERTH_ADDR="${BERTH_ADDR:-127.0.0.1:3000}"
mkdir -p "$BERTH_DATA_DIR"
# The sandbox keeps its admin password next to its database so it can be shown at every
# start (Berth itself prints a generated password only once, when it creates the admin).
pwfile="$BERTH_DATA_DIR/sandbox-admin-password"
if [ ! -f "$BERTH_DATA_DIR/berth.db" ] && [ -z "${BERTH_ADMIN_PASSWORD:-}" ]; then
  (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$pwfile")
fi
if [ -z "${BERTH_ADMIN_PASSWORD:-}" ] && [ -f "$pwfile" ]; then
  export BERTH_ADMIN_PASSWORD="$(cat "$pwfile")"
fi

step "Berth sandbox at http://$BERTH_ADDR"
echo "  username: admin"
if [ -n "${BERTH_ADMIN_PASSWORD:-}" ]; then
  echo "  password: $BERTH_ADMIN_PASSWORD"
else
  echo "  password: the one printed when this data directory was first used (rm -rf $BERTH_DATA_DIR to start over)"
fi
echo "  (Ctrl-C stops Berth and its moto server)"
exec "$CARGO_TARGET_DIR/debug/berth" serve --sandbox
