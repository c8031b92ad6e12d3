#!/usr/bin/env bash
# Builds Berth: the server binary (debug, shared with the tests) and the browser bundle
# (wasm32, the size-optimised `wasm-release` profile, then wasm-bindgen), and lays out the
# site directory the server serves: <site>/pkg/berth.{js,wasm,css} plus public/ — the layout
# cargo-leptos produces.
#
#   scripts/build-site.sh            server + site (wasm-opt too when available)
#   scripts/build-site.sh --no-opt   skip wasm-opt (faster; tests use this)
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
cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/frontend.wasm"

site="$BERTH_SITE_ROOT"
mkdir -p "$site/pkg"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir "$site/pkg" --out-name berth "$wasm"
# Leptos (built with LEPTOS_OUTPUT_NAME, see .cargo/config.toml) loads pkg/berth.wasm.
mv "$site/pkg/berth_bg.wasm" "$site/pkg/berth.wasm"
if [ "$opt" = 1 ] && command -v wasm-opt >/dev/null; then
  step "wasm-opt -Oz"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$site/pkg/berth.wasm" -o "$site/pkg/berth.wasm.opt"
  mv "$site/pkg/berth.wasm.opt" "$site/pkg/berth.wasm"
fi
cp style/main.css "$site/pkg/berth.css"
cp -r public/. "$site/"
echo "site: $site ($(du -h "$site/pkg/berth.wasm" | cut -f1) wasm)"
