#!/usr/bin/env bash
# Prints Berth's build and size figures (no pass/fail: these are numbers to watch).
#   - warm rebuild time of the server and of the browser bundle after touching the app crate
#   - browser bundle size: raw wasm-bindgen output, after wasm-opt -Oz, gzip -9 and brotli -q 11
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
cargo build -q -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
t2=$(date +%s.%N)
printf 'warm rebuild after touching app/: server %.1f s, browser bundle %.1f s\n' \
  "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)"

work="$(mktemp -d)"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir "$work" --out-name berth \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/frontend.wasm"
raw=$(stat -c %s "$work/berth_bg.wasm")
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$work/berth_bg.wasm" -o "$work/opt.wasm"
opt=$(stat -c %s "$work/opt.wasm")
gz=$(gzip -9 -c "$work/opt.wasm" | wc -c)
br=$(brotli -q 11 -c "$work/opt.wasm" | wc -c)
js=$(brotli -q 11 -c "$work/berth.js" | wc -c)
css=$(brotli -q 11 -c style/main.css | wc -c)
kb() { echo "$(( ($1 + 512) / 1024 )) KB"; }
echo "browser bundle (wasm): raw $(kb "$raw"), wasm-opt -Oz $(kb "$opt"), gzip -9 $(kb "$gz"), brotli $(kb "$br")"
echo "first route total (brotli): wasm $(kb "$br") + js $(kb "$js") + css $(kb "$css") = $(kb $((br + js + css)))"
rm -rf "$work"

bash "$BERTH_ROOT/scripts/bench-validator.sh"
