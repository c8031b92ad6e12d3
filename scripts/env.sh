# Shared environment for Berth's scripts: where tools, caches and build output live.
# Sourced by setup.sh, build-site.sh, sandbox.sh and test.sh; safe to source twice.

BERTH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BERTH_ROOT
# Tools, the moto venv and the build cache live outside the clone so that a fresh clone
# (CI) reuses them; override with BERTH_CACHE_DIR.
export BERTH_CACHE_DIR="${BERTH_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/berth}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$BERTH_CACHE_DIR/target}"
export BERTH_SITE_ROOT="${BERTH_SITE_ROOT:-$CARGO_TARGET_DIR/site}"
export BERTH_MOTO="${BERTH_MOTO:-$BERTH_CACHE_DIR/venv/bin/moto_server}"
export PATH="$BERTH_CACHE_DIR/tools/bin:$BERTH_ROOT/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# The toolchain route chosen by setup.sh (rustup's wasm32 target, or Debian's rustc-web).
if [ -f "$BERTH_CACHE_DIR/toolchain.env" ]; then
  # shellcheck disable=SC1091
  . "$BERTH_CACHE_DIR/toolchain.env"
fi
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { printf '\n==> %s\n' "$*"; }

# `cargo build --target wasm32-unknown-unknown --profile wasm-release "$@"`: the browser
# bundle's build. Where the standard library's source is installed (setup.sh adds rust-src, or
# Debian's rust-web-src), std is rebuilt with the bundle (`-Zbuild-std`, allowed on a stable
# compiler by RUSTC_BOOTSTRAP) with `panic=immediate-abort`: a panic traps at once instead of
# formatting a message, so the panic strings, locations and most of `core::fmt` leave the
# bundle (measured 2026-12-03: main module 156.7 → 142.2 KB brotli, every route pack 1–13 KB
# smaller). Only this profile's artifacts see the flags (host tools and the server are built
# in other profile directories), so nothing else is rebuilt. BERTH_BUILD_STD=0 skips it.
wasm_release_build() {
  local std_src
  std_src="$(rustc --print sysroot)/lib/rustlib/src/rust/library/std"
  if [ "${BERTH_BUILD_STD:-1}" = 1 ] && [ -d "$std_src" ]; then
    RUSTC_BOOTSTRAP=1 \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Clink-args=--emit-relocs -Zunstable-options -Cpanic=immediate-abort" \
      cargo build --target wasm32-unknown-unknown --profile wasm-release -Zbuild-std=std,panic_abort "$@"
  else
    [ -d "$std_src" ] || echo "note: no standard library source ($std_src): the bundle keeps panic messages (≈15 KB brotli more)" >&2
    cargo build --target wasm32-unknown-unknown --profile wasm-release "$@"
  fi
}
