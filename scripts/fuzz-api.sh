#!/usr/bin/env bash
# Fuzzes the REST API from the outside with schemathesis: a sandbox Berth (the debug build,
# its own moto and a throwaway data directory) on a free loopback port, its OpenAPI document,
# and an admin's API token. Fails on server errors, status codes or content types the
# document does not list, and responses that do not match their schemas.
#   BERTH_FUZZ_SECONDS   time budget of the fuzzing phase (default 90)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BERTH_ROOT"

berth="$CARGO_TARGET_DIR/debug/berth"
st="$BERTH_CACHE_DIR/venv-fuzz/bin/st"
[ -x "$berth" ] || { echo "build the server first (cargo build -p server)"; exit 1; }
[ -x "$st" ] || { echo "schemathesis is missing: run scripts/setup.sh"; exit 1; }

data="$(mktemp -d -t berth-fuzz-XXXXXX)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"
password="fuzz-admin-password"
BERTH_ADDR="127.0.0.1:$port" BERTH_DATA_DIR="$data" BERTH_ADMIN_PASSWORD="$password" \
  AWS_ENDPOINT_URL="" RUST_LOG=warn "$berth" serve --sandbox >"$data/berth.out" 2>"$data/berth.err" &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT
for _ in $(seq 1 240); do
  curl -fsS "$url/healthz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$data/berth.err"; exit 1; }
  sleep 0.5
done

jar="$data/jar"
curl -fsS -c "$jar" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$url/api/v1/session" >/dev/null
token="$(curl -fsS -b "$jar" -H 'content-type: application/json' -d '{"name":"fuzz"}' "$url/api/v1/tokens" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"

# Deleting its own token or session would end the run early; both are covered by the
# attack tests (server/tests/security.rs).
"$st" --no-color run "$url/api/v1/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --exclude-name "DELETE /api/v1/tokens/{id}" --exclude-name "DELETE /api/v1/session" \
  --phases examples,fuzzing \
  --max-time "${BERTH_FUZZ_SECONDS:-90}" \
  --workers 2 \
  --suppress-health-check all \
  --request-timeout 30 \
  --seed 20261201
