#!/usr/bin/env bash
# Turns a fresh machine of this kind (Debian, rustup, Node, Python) into one that can build,
# run and test Berth. Idempotent: each step checks before it acts, so a second run with
# nothing to do takes seconds. Everything comes from the package registries (Debian, crates.io,
# PyPI, npm) — nothing is downloaded from anywhere else.
#
#   scripts/setup.sh            everything the sandbox and the tests need
#   BERTH_CARGO_LEPTOS=1 ...    also build cargo-leptos (≈30 min once) for `cargo leptos watch`
#   BERTH_WASM_ROUTE=debian ... skip the rustup attempt and use Debian's rustc-web
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
mkdir -p "$BERTH_CACHE_DIR/tools/bin"

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
APT_UPDATED=""
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "apt-get install ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then $SUDO apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

# 1. Debian packages: the browser for end-to-end tests, brotli for size figures, C toolchain,
#    PostgreSQL for the database tests on the second engine (its binaries only: the tests start
#    a private cluster, scripts/pg.sh; no system service is started or enabled).
if ! dpkg-query -W -f='${Status}' postgresql 2>/dev/null | grep -q "install ok installed"; then
  # No default cluster, so the package has nothing to start as a service.
  $SUDO mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.d/berth.conf >/dev/null
fi
apt_install chromium brotli pkg-config build-essential curl postgresql

# 2. A Rust toolchain that can build wasm32-unknown-unknown.
route_file="$BERTH_CACHE_DIR/toolchain.route"
route="$(cat "$route_file" 2>/dev/null || true)"
if [ -n "${BERTH_WASM_ROUTE:-}" ] && [ "${BERTH_WASM_ROUTE}" != "${route%%:*}" ]; then route=""; fi
if [ -z "$route" ] && [ "${BERTH_WASM_ROUTE:-rustup}" = "rustup" ]; then
  tc="$(rustup show active-toolchain 2>/dev/null | awk '{print $1}')"
  step "trying rustup target add wasm32-unknown-unknown ($tc, 20 s limit)"
  if [ -n "$tc" ] && timeout 20 rustup target add wasm32-unknown-unknown --toolchain "$tc" >/dev/null 2>&1 \
     && rustup target list --installed --toolchain "$tc" | grep -qx wasm32-unknown-unknown; then
    route="rustup:$tc"
  else
    echo "rustup could not provide the wasm32 target here; using Debian's rustc-web"
  fi
fi
if [ -z "$route" ] || [ "$route" = "debian" ]; then
  apt_install rustc-web cargo-web rust-web-src lld-22 rust-web-clippy rustfmt-web
  rustc_version="$(/usr/bin/rustc --version)"
  sysroot=/usr/lib/rustlib/wasm32-unknown-unknown/lib
  if [ "$(cat "$sysroot/.berth-stamp" 2>/dev/null)" != "$rustc_version" ]; then
    step "building the wasm32 standard library once with $rustc_version (≈2 min)"
    work="$(mktemp -d)"
    (cd "$work" && /usr/bin/cargo new --lib --quiet sysroot-dummy && cd sysroot-dummy &&
      RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$work/target" /usr/bin/cargo build --quiet \
        --release --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort)
    $SUDO mkdir -p "$sysroot"
    find "$work/target/wasm32-unknown-unknown/release/deps" -name 'lib*.rlib' ! -name 'libsysroot_dummy*' \
      -exec $SUDO cp {} "$sysroot/" \;
    echo "$rustc_version" | $SUDO tee "$sysroot/.berth-stamp" >/dev/null
    rm -rf "$work"
  fi
  rustup toolchain list | grep -q '^berth-debian' || rustup toolchain link berth-debian /usr
  route="debian"
fi
echo "$route" > "$route_file"
case "$route" in
  rustup:*) echo "export RUSTUP_TOOLCHAIN=${route#rustup:}" > "$BERTH_CACHE_DIR/toolchain.env" ;;
  debian) echo "export RUSTUP_TOOLCHAIN=berth-debian" > "$BERTH_CACHE_DIR/toolchain.env" ;;
esac
. "$BERTH_CACHE_DIR/toolchain.env"
echo "toolchain: $route ($(rustc --version))"
# The standard library's source, so the browser bundle rebuilds std without panic messages
# (wasm_release_build in env.sh). Debian's route has it (rust-web-src); rustup adds rust-src.
# Without it the bundle still builds, ≈15 KB brotli larger.
if [ ! -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std" ] && [ "${route%%:*}" = rustup ]; then
  step "rustup component add rust-src (60 s limit)"
  timeout 60 rustup component add rust-src --toolchain "${route#rustup:}" >/dev/null 2>&1 ||
    echo "rustup could not add rust-src: the browser bundle keeps its panic messages"
fi

# 3. wasm-bindgen-cli at exactly the version in Cargo.lock.
wb_version="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' "$BERTH_ROOT/Cargo.lock")"
if [ "$("$BERTH_CACHE_DIR/tools/bin/wasm-bindgen" --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  step "cargo install wasm-bindgen-cli $wb_version (≈4 min once)"
  # Not --locked: its lockfile pins a webpki-roots release the registry does not serve.
  cargo install --quiet wasm-bindgen-cli --version "$wb_version" --root "$BERTH_CACHE_DIR/tools" --force
fi

# 4. npm packages: Playwright for the browser tests, binaryen's wasm-opt and esbuild for the bundle.
if [ ! -f "$BERTH_ROOT/end2end/node_modules/.package-lock.json" ] ||
   [ "$BERTH_ROOT/end2end/package-lock.json" -nt "$BERTH_ROOT/end2end/node_modules/.package-lock.json" ]; then
  step "npm ci (end2end)"
  (cd "$BERTH_ROOT/end2end" && npm ci --no-audit --no-fund --loglevel=error)
fi

# 5. The AWS emulator: moto server in its own venv (pinned 5.2.x).
moto_spec="moto[server]==5.2.5"
if [ "$(cat "$BERTH_CACHE_DIR/venv/.berth-stamp" 2>/dev/null)" != "$moto_spec" ]; then
  step "python venv with $moto_spec"
  rm -rf "$BERTH_CACHE_DIR/venv"
  python3 -m venv "$BERTH_CACHE_DIR/venv"
  "$BERTH_CACHE_DIR/venv/bin/pip" install --quiet --disable-pip-version-check "$moto_spec"
  echo "$moto_spec" > "$BERTH_CACHE_DIR/venv/.berth-stamp"
fi

# 5b. The API fuzzer (schemathesis) in a venv of its own, so its dependencies never meet moto's.
fuzz_spec="schemathesis==4.32.5"
if [ "$(cat "$BERTH_CACHE_DIR/venv-fuzz/.berth-stamp" 2>/dev/null)" != "$fuzz_spec" ]; then
  step "python venv with $fuzz_spec"
  rm -rf "$BERTH_CACHE_DIR/venv-fuzz"
  python3 -m venv "$BERTH_CACHE_DIR/venv-fuzz"
  "$BERTH_CACHE_DIR/venv-fuzz/bin/pip" install --quiet --disable-pip-version-check "$fuzz_spec"
  echo "$fuzz_spec" > "$BERTH_CACHE_DIR/venv-fuzz/.berth-stamp"
fi

# 6. Optional: cargo-leptos for `cargo leptos watch`. Its lockfile needs rustc >= 1.96, so it is
#    built with Debian's rustc-web (linked as the `berth-debian` toolchain) whatever route step 2
#    took; it only drives builds, so its compiler does not matter to the project.
if [ "${BERTH_CARGO_LEPTOS:-0}" = "1" ] && [ ! -x "$BERTH_CACHE_DIR/tools/bin/cargo-leptos" ]; then
  apt_install rustc-web cargo-web
  rustup toolchain list | grep -q '^berth-debian' || rustup toolchain link berth-debian /usr
  step "cargo install cargo-leptos (≈30 min, once)"
  RUSTUP_TOOLCHAIN=berth-debian cargo install --quiet cargo-leptos --locked --features no_downloads \
    --root "$BERTH_CACHE_DIR/tools"
fi

echo "setup done: cache $BERTH_CACHE_DIR"
