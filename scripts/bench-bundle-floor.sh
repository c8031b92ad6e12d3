#!/usr/bin/env bash
# Prints the framework's floor: the brotli -q 11 size of tools/bundle-floor (the smallest
# Leptos 0.8 app with Berth's shell machinery: router, one route, title, one server function
# read in a Suspense, async hydration), built exactly like Berth's main module — next to
# Berth's own main module and first routes, so the README can say how much of a first route
# is Leptos and how much is Berth. Figures only: nothing here passes or fails.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BERTH_ROOT"

step "tools/bundle-floor (wasm-release, as the browser bundle)"
wasm_release_build -q -p bundle-floor --lib
out="$BERTH_CACHE_DIR/bundle-floor"
rm -rf "$out"; mkdir -p "$out"
# The workspace links every wasm32 build with relocations (for the splitter); the floor is not
# split, so drop those sections (and names) as the splitter does for Berth's main module.
python3 scripts/wasm-strip-relocs.py "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/bundle_floor.wasm" "$out/linked.wasm"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$out" --out-name floor "$out/linked.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/floor_bg.wasm" -o "$out/floor.wasm"
esbuild --minify --format=esm --log-level=warning "$out/floor.js" --outfile="$out/floor.min.js"
br() { brotli -q 11 -c "$1" | wc -c; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
wasm=$(br "$out/floor.wasm"); js=$(br "$out/floor.min.js")
echo "floor: wasm $(kb "$wasm"), js $(kb "$js"), together $(kb $((wasm + js))) brotli -q 11"
pkg="$BERTH_SITE_ROOT/pkg"
if [ -f "$pkg/berth.wasm.br" ]; then
  shell=0
  for f in "$pkg/berth.wasm" "$pkg/berth.js" "$pkg"/__wasm_split.*.js "$pkg/berth.css"; do
    shell=$((shell + $(stat -c %s "$f.br")))
  done
  echo "Berth: main module + berth.js + loader + CSS $(kb "$shell") (every first route fetches these), Berth's shell over the floor $(kb $((shell - wasm - js)))"
else
  echo "(no site at $BERTH_SITE_ROOT: run scripts/build-site.sh to compare with Berth's main module)"
fi
