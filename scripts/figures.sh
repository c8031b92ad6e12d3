#!/usr/bin/env bash
# Prints Berth's build and size figures (no pass/fail: these are numbers to watch).
#   - warm rebuild time of the server and of the browser bundle after touching the app crate
#   - browser bundle size: the main module after wasm-opt -Oz, gzip -9 and brotli -q 11, the
#     chunks (what each first route fetches: scripts/bench.sh)
# Run scripts/setup.sh first (scripts/test.sh and scripts/sandbox.sh do).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BERTH_ROOT"
. "$BERTH_CACHE_DIR/toolchain.env"

bash scripts/build-site.sh --no-opt >/dev/null 2>&1
touch app/src/lib.rs
t0=$(date +%s.%N)
cargo build -q -p server
t1=$(date +%s.%N)
wasm_release_build -q -p frontend --lib
t2=$(date +%s.%N)
printf 'warm rebuild after touching app/: server %.1f s, browser bundle %.1f s\n' \
  "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)"

bash scripts/build-site.sh >/dev/null 2>&1
pkg="$BERTH_SITE_ROOT/pkg"
kb() { echo "$(( ($1 + 512) / 1024 )) KB"; }
size() { stat -c %s "$1"; }
echo "main module berth.wasm: $(kb "$(size "$pkg/berth.wasm")") after wasm-opt -Oz, $(kb "$(size "$pkg/berth.wasm.gz")") gzip -9, $(kb "$(size "$pkg/berth.wasm.br")") brotli -q 11"
echo "berth.js $(kb "$(size "$pkg/berth.js.br")"), loader $(kb "$(size "$pkg"/__wasm_split.*.js.br)"), berth.css $(kb "$(size "$pkg/berth.css.br")") (brotli)"
echo "$(find "$pkg" -name 'split_*.wasm' | wc -l) route chunks and $(find "$pkg" -name 'chunk_*.wasm' | wc -l) shared chunks; per-route sums: scripts/bench.sh"
bash "$BERTH_ROOT/scripts/bench-validator.sh"
