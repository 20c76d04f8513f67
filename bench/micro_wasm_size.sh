#!/usr/bin/env bash
# The wasm cost of the microstructure core: bench/micro-wasm built with and
# without its `micro` feature (opt-level z, LTO, then wasm-opt -Oz as the page
# build does), each optimised and gzip -9; the difference is the core's cost
# in a module that calls all of it (generate, τ, metrics, TIFF read and write,
# impedance). Usage: bash bench/micro_wasm_size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
out=$(mktemp -d)
for variant in micro base; do
  features=(); [ "$variant" = base ] && features=(--no-default-features)
  cargo build --quiet --manifest-path bench/micro-wasm/Cargo.toml --release \
    --target wasm32-unknown-unknown "${features[@]}"
  wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    bench/micro-wasm/target/wasm32-unknown-unknown/release/ionpath_micro_wasm.wasm -o "$out/$variant.wasm"
  gzip -9 -c "$out/$variant.wasm" > "$out/$variant.wasm.gz"
done
size() { stat -c %s "$1"; }
printf 'variant optimised_bytes gzip9_bytes\n'
for variant in micro base; do
  printf '%s %s %s\n' "$variant" "$(size "$out/$variant.wasm")" "$(size "$out/$variant.wasm.gz")"
done
printf 'core +%s +%s\n' $(( $(size "$out/micro.wasm") - $(size "$out/base.wasm") )) \
  $(( $(size "$out/micro.wasm.gz") - $(size "$out/base.wasm.gz") ))
rm -rf "$out"
