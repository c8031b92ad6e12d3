#!/usr/bin/env bash
# Builds Berth: the server binary (debug, shared with the tests) and the browser bundle
# (wasm32, the size-optimised `wasm-release` profile, linked with relocations), splits the
# bundle at its lazy routes (tools/wasm-split: main module, one chunk per page, shared chunks,
# the loader and the manifest Leptos reads for preload links), runs wasm-bindgen and wasm-opt
# on the main module, minifies the JavaScript (esbuild), and writes brotli/gzip siblings of
# every file — the layout `cargo leptos build --split` produces: <site>/pkg/berth.{js,wasm,css},
# chunks, public/.
#
#   scripts/build-site.sh            server + site (wasm-opt too when available; tests use this)
#   scripts/build-site.sh --no-opt   skip wasm-opt (faster, ~15% larger main module)
#   scripts/build-site.sh --release  also build the server with the release profile
#
# This is the build-script alternative to cargo-leptos (same layout, same profile names); see
# README for `cargo leptos watch`.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BERTH_ROOT"

opt=1; server_profile=dev
for arg in "$@"; do
  case "$arg" in
    --no-opt) opt=0 ;;
    --release) server_profile=release ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done

step "server (cargo build -p server, $server_profile)"
cargo build -p server --profile "$server_profile"

step "browser bundle (wasm32, wasm-release)"
wasm_release_build -p frontend --lib
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/frontend.wasm"

site="$BERTH_SITE_ROOT"
pkg="$site/pkg"
# Chunk names change between builds: never leave an old one next to a new main module.
rm -rf "$pkg"
mkdir -p "$pkg"

step "split at the lazy routes (tools/wasm-split)"
cargo build -p wasm-split --release --quiet
split_tmp="$(mktemp -d)"
trap 'rm -rf "$split_tmp"' EXIT
"$CARGO_TARGET_DIR/release/wasm-split" "$wasm" "$pkg" "$split_tmp/main.wasm" ./berth.js >/dev/null

wasm-bindgen --target web --keep-lld-exports --no-demangle --no-typescript \
  --remove-name-section --remove-producers-section \
  --out-dir "$pkg" --out-name berth "$split_tmp/main.wasm"
# Leptos (built with LEPTOS_OUTPUT_NAME, see .cargo/config.toml) loads pkg/berth.wasm.
mv "$pkg/berth_bg.wasm" "$pkg/berth.wasm"
jobs="$(nproc 2>/dev/null || echo 2)"
if [ "$opt" = 1 ] && command -v wasm-opt >/dev/null; then
  # The main module only: on the chunks (already stripped by the splitter) -Oz was measured
  # to save nothing after brotli.
  step "wasm-opt -Oz (main module)"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$pkg/berth.wasm" -o "$pkg/berth.wasm.opt"
  mv "$pkg/berth.wasm.opt" "$pkg/berth.wasm"
fi
# wasm-bindgen's glue and the splitter's loader are written for reading; esbuild minifies each
# file on its own (ES modules stay ES modules, export names stay): 12.8 → 9.4 KB brotli.
if command -v esbuild >/dev/null; then
  step "minify the JavaScript (esbuild)"
  for js in "$pkg"/*.js; do
    esbuild --minify --format=esm --log-level=warning "$js" --outfile="$js.min"
    mv "$js.min" "$js"
  done
fi
cp style/main.css "$site/pkg/berth.css"
cp -r public/. "$site/"

# Precompressed siblings: the server sends the `.br` (or `.gz`) a browser accepts, so the
# bundle is compressed once here at the highest levels instead of per request.
step "precompress pkg/ (brotli -q 11, gzip -9)"
find "$pkg" -type f ! -name '*.br' ! -name '*.gz' ! -name '*.json' -print0 |
  xargs -0 -P"$jobs" -I{} sh -c 'brotli -f -q 11 -k "$1" && gzip -f -9 -k "$1"' _ {}
echo "site: $site (main $(du -h "$pkg/berth.wasm" | cut -f1) wasm, $(find "$pkg" -name '*.wasm' | wc -l) wasm files)"
