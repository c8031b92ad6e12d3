#!/usr/bin/env bash
# Sets up everything (scripts/setup.sh) and runs every check and test Berth has:
# formatting, clippy for both feature sets (server/ssr and browser/hydrate), unit and table
# tests, API/CLI integration tests against a real moto server on SQLite and again on Postgres
# (a private cluster on loopback, started here and stopped at the end), and the browser
# tests (Playwright in Debian's Chromium, JavaScript on and off), and schemathesis fuzzing of
# the REST API against its OpenAPI document.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BERTH_ROOT"
started=$(date +%s)

bash scripts/setup.sh
. "$BERTH_CACHE_DIR/toolchain.env"

# Everything started here is stopped and removed on exit, passed or failed.
BERTH_PG_DIR="$(mktemp -d -t berth-pg-XXXXXX)"
BERTH_E2E_DATA_DIR="$(mktemp -d -t berth-e2e-XXXXXX)"
export BERTH_E2E_DATA_DIR
cleanup() {
  bash scripts/pg.sh stop "$BERTH_PG_DIR" || true
  rm -rf "$BERTH_PG_DIR" "$BERTH_E2E_DATA_DIR"
}
trap cleanup EXIT

step "PostgreSQL: a private cluster on loopback ($BERTH_PG_DIR)"
eval "$(bash scripts/pg.sh start "$BERTH_PG_DIR")"
echo "$BERTH_TEST_POSTGRES_URL"

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy: server side (ssr)"
cargo clippy -p validate -p backend -p server -p wasm-split --all-targets -- -D warnings
cargo clippy -p app --features ssr --all-targets -- -D warnings

step "clippy: browser side (hydrate, wasm32)"
cargo clippy -p app -p frontend -p bundle-floor --features app/hydrate --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p validate -p validate-wasm --target wasm32-unknown-unknown -- -D warnings

step "unit, table and integration tests (cargo test; databases on SQLite)"
cargo test -p validate -p backend -p app -p server --features app/ssr

step "database-touching tests again on Postgres (backend and server)"
BERTH_TEST_ENGINE=postgres cargo test -p backend -p server --features app/ssr

step "API fuzzing (schemathesis against the served OpenAPI document)"
bash scripts/fuzz-api.sh

step "browser bundle and site"
bash scripts/build-site.sh

step "browser tests (Playwright, Debian Chromium)"
BERTH_E2E_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export BERTH_E2E_PORT
(cd end2end && npx playwright test)

echo "all checks passed in $(( $(date +%s) - started )) s"
