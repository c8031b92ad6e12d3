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
