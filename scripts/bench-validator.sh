#!/usr/bin/env bash
# Prints the validator's figures (issue 3's targets: ≤ 1 ms per validation in WASM, ≤ 60 KB
# brotli for the validator):
#   - native time per validation of a 10-container Fargate task definition (cargo bench)
#   - the same in WASM, run by Node on the wasm-bindgen output of validate/wasm
#   - the validator's size as a wasm module (raw, wasm-opt -Oz, gzip, brotli), and what it adds:
#     the module minus a baseline module with the same JavaScript surface and no validator
#     (serde_json, the allocator and formatting are in every Leptos bundle anyway)
# Figures only: nothing here passes or fails on a number.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BERTH_ROOT"

doc=validate/benches/ten_containers.json

step "native (cargo bench -p validate)"
cargo bench -p validate --bench validate 2>/dev/null | grep -E '^(document|native)'

step "wasm module (validate/wasm, wasm-release profile)"
wasm_release_build -p validate-wasm --lib
out="$BERTH_CACHE_DIR/bench-validator"
rm -rf "$out"; mkdir -p "$out/node" "$out/web"
# Built like the bundle (with relocations for wasm-split); this module is not split.
raw="$out/validate_wasm.wasm"
python3 scripts/wasm-strip-relocs.py "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/validate_wasm.wasm" "$raw"
wasm-bindgen --target nodejs --no-typescript --out-dir "$out/node" "$raw"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir "$out/web" "$raw"
web="$out/web/validate_wasm_bg.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue "$web" -o "$out/opt.wasm"
brotli -q 11 -c "$out/opt.wasm" > "$out/opt.wasm.br"
gzip -9 -c "$out/opt.wasm" > "$out/opt.wasm.gz"
kb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
echo "validator module: $(kb "$web") after wasm-bindgen, $(kb "$out/opt.wasm") after wasm-opt -Oz, $(kb "$out/opt.wasm.gz") gzip -9, $(kb "$out/opt.wasm.br") brotli -q 11"

step "baseline module (same surface, no validator: serde_json, allocator, formatting, wasm-bindgen)"
wasm_release_build -p validate-wasm --lib --features baseline \
  --target-dir "$CARGO_TARGET_DIR/baseline"
mkdir -p "$out/base"
base_raw="$out/base/linked.wasm"
python3 scripts/wasm-strip-relocs.py "$CARGO_TARGET_DIR/baseline/wasm32-unknown-unknown/wasm-release/validate_wasm.wasm" "$base_raw"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir "$out/base" --out-name validate_wasm "$base_raw"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue "$out/base/validate_wasm_bg.wasm" -o "$out/base.wasm"
brotli -q 11 -c "$out/base.wasm" > "$out/base.wasm.br"
echo "baseline module: $(kb "$out/base.wasm") after wasm-opt -Oz, $(kb "$out/base.wasm.br") brotli -q 11"
delta=$(( $(stat -c %s "$out/opt.wasm.br") - $(stat -c %s "$out/base.wasm.br") ))
echo "what the validator adds (module minus baseline, brotli -q 11): $(awk -v b="$delta" 'BEGIN { printf "%.1f KB", b / 1024 }') (target: 60 KB)"

step "wasm speed (Node)"
node validate/wasm/bench.mjs "$out/node" "$BERTH_ROOT/$doc"
