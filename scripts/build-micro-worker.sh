#!/usr/bin/env bash
# The microstructure worker's wasm module, apart from the page's: this crate
# built with the `micro-worker` feature (only `micro_job` exported, no page),
# bound by wasm-bindgen (--target web) and optimised like the page's wasm
# (index.html's wasm-opt flags). Writes OUT_DIR/micro-<hash>.js and
# micro-<hash>_bg.wasm (the hash is the wasm's), which micro-worker.js loads
# on the workspace's first job. Run by scripts/gen-sw.mjs (trunk's post_build
# hook), so after trunk's own cargo build; its own target dir keeps the two
# builds of the same lib from overwriting each other's ionpath.wasm.
# Usage: scripts/build-micro-worker.sh OUT_DIR
set -euo pipefail
out=$(realpath "${1:?usage: scripts/build-micro-worker.sh OUT_DIR}")
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
target=target/micro-worker
cargo build --quiet --lib --target wasm32-unknown-unknown --profile wasm-release \
  --no-default-features --features micro-worker --target-dir "$target"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name micro \
  "$target/wasm32-unknown-unknown/wasm-release/ionpath.wasm"
wasm-opt -Oz --converge --low-memory-unused --strip-debug --strip-producers --strip-target-features \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue "$tmp/micro_bg.wasm" -o "$tmp/micro_bg.wasm"
hash=$(sha256sum "$tmp/micro_bg.wasm" "$tmp/micro.js" | sha256sum | cut -c1-16)
rm -f "$out"/micro-[0-9a-f]*.js "$out"/micro-[0-9a-f]*_bg.wasm
cp "$tmp/micro.js" "$out/micro-$hash.js"
cp "$tmp/micro_bg.wasm" "$out/micro-${hash}_bg.wasm"
echo "build-micro-worker: micro-$hash.js, micro-${hash}_bg.wasm"
