#!/usr/bin/env bash
# The segmenter in wasm, built like the app (release, size-optimised, then wasm-opt -Oz): what it
# adds to a binary, gzipped (a probe built with it and without it), and its speed beside
# unicode-segmentation's sentence bounds built the same way, on the native benchmark's prose, in
# V8 (Node.js, the engine of Chromium).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/bench/segmenter-probe"
target=$root/target/segmenter-probe
build() {
  CARGO_TARGET_DIR=$target cargo build --quiet --release --target wasm32-unknown-unknown "$@"
  wasm-opt -Oz --strip-debug --strip-producers "$target/wasm32-unknown-unknown/release/segmenter_probe.wasm" \
    -o "$target/probe${1:+-${2}}.wasm"
}
build
build --features segment
build --features uax29
node "$root/bench/segmenter-wasm.mjs" "$target/probe.wasm" "$target/probe-segment.wasm" "$target/probe-uax29.wasm" \
  < <(cd "$root" && cargo run --quiet --release -p scholia-core --example segment -- --corpus)
