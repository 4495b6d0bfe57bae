# Sourced by the scripts in scripts/: finds the repo, puts the project's tools on PATH, and installs
# whatever is missing. Every install is skipped when the right version is already there, so a second
# run costs nothing.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TRUNK_VERSION=0.21.14
# Must equal the exact `wasm-bindgen` version pinned in Cargo.toml.
WASM_BINDGEN_VERSION=0.2.130
# Splits the release wasm into the first-load module and chunks fetched later (scripts/lib/split.mjs).
# It reads the split points that wasm_split_helpers 0.2 (in Cargo.lock) writes: keep the two in step.
WASM_SPLIT_VERSION=0.2.4

log() { printf '\n\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown && return
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
}

# ensure_cargo_tool BINARY VERSION CRATE [cargo install flags...]
ensure_cargo_tool() {
  local bin=$1 version=$2 crate=$3
  shift 3
  if "$bin" --version 2>/dev/null | grep -qF " $version"; then return; fi
  log "installing $crate $version (a few minutes, once)"
  cargo install "$crate" --version "$version" --force "$@"
}

ensure_trunk() { ensure_cargo_tool trunk "$TRUNK_VERSION" trunk --locked; }

# Not --locked: its lock file names a crate version the registry mirror lacks. Brings
# wasm-bindgen-test-runner too.
ensure_wasm_bindgen() { ensure_cargo_tool wasm-bindgen "$WASM_BINDGEN_VERSION" wasm-bindgen-cli; }

# It prints no version of its own: cargo's list of installed tools tells.
ensure_wasm_split() {
  if cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then return; fi
  log "installing wasm_split_cli_support $WASM_SPLIT_VERSION (a minute, once)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary \
    --locked --force
}

# Node packages: wasm-opt (binaryen) and esbuild for release builds, playwright-core and axe-core
# for browser tests. esbuild's install script need not run: its binary comes as a package of its
# own, in the lock file.
ensure_node_packages() {
  if [ -f "$ROOT/node_modules/.package-lock.json" ] &&
    [ ! "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    return
  fi
  log "installing node packages"
  (cd "$ROOT" && npm ci --no-audit --no-fund)
}

ensure_chromium() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then return; fi
  log "installing Chromium and ChromeDriver"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    chromium chromium-driver
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_trunk
  ensure_wasm_bindgen
  ensure_wasm_split
  ensure_node_packages
}

# Python's jsonschema 4.18 or newer, for ../shared/w3c-anno/validate.py.
ensure_jsonschema() {
  if python3 - 2>/dev/null <<'PY'; then return; fi
import importlib.metadata, sys
version = tuple(int(part) for part in importlib.metadata.version("jsonschema").split(".")[:2])
sys.exit(0 if version >= (4, 18) else 1)
PY
  log "installing jsonschema for the Web Annotation validator"
  python3 -m pip install --quiet 'jsonschema>=4.18'
}
