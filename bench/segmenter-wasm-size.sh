#!/usr/bin/env bash
# What the segmenter adds to a wasm binary, gzipped: one probe built with it and without it,
# like the app (release, size-optimised, then wasm-opt -Oz).
set -euo pipefail
cd "$(dirname "$0")/segmenter-probe"
target=../../target/segmenter-probe
size() {
  CARGO_TARGET_DIR=$target cargo build --quiet --release --target wasm32-unknown-unknown "$@"
  wasm-opt -Oz --strip-debug --strip-producers "$target/wasm32-unknown-unknown/release/segmenter_probe.wasm" -o "$target/probe.wasm"
  gzip -9 -c "$target/probe.wasm" | wc -c
}
base=$(size)
with=$(size --features segment)
awk -v b="$base" -v w="$with" 'BEGIN { printf "segmenter in wasm: %.1f KB gzip (probe %.1f KB with it, %.1f KB without; budget 25 KB)\n", (w - b) / 1024, w / 1024, b / 1024 }'
