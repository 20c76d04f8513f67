#!/usr/bin/env bash
# The workers' compute module, apart from the page's wasm: this crate built
# with the `compute` feature (the worker jobs and the JS API, no page) and
# Cargo.toml's `wasm-compute` profile (opt-level 3: the module is fetched
# lazily, so speed before size), bound by wasm-bindgen (--target web) and
# passed through wasm-opt with index.html's flags. Writes OUT_DIR/compute-<hash>.js and
# compute-<hash>_bg.wasm (the hash is the wasm's), which worker.js,
# micro-worker.js and api.js load. Run by scripts/gen-sw.mjs (trunk's post_build
# hook), so after trunk's own cargo build; its own target dir keeps the two
# builds of the same lib from overwriting each other's ionpath.wasm.
# Usage: scripts/build-compute.sh OUT_DIR
set -euo pipefail
out=$(realpath "${1:?usage: scripts/build-compute.sh OUT_DIR}")
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
target=target/compute
cargo build --quiet --lib --target wasm32-unknown-unknown --profile wasm-compute \
  --no-default-features --features compute --target-dir "$target"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name compute \
  "$target/wasm32-unknown-unknown/wasm-compute/ionpath.wasm"
wasm-opt -Oz --converge --low-memory-unused --strip-debug --strip-producers --strip-target-features \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue "$tmp/compute_bg.wasm" -o "$tmp/compute_bg.wasm"
hash=$(sha256sum "$tmp/compute_bg.wasm" "$tmp/compute.js" | sha256sum | cut -c1-16)
rm -f "$out"/compute-[0-9a-f]*.js "$out"/compute-[0-9a-f]*_bg.wasm
cp "$tmp/compute.js" "$out/compute-$hash.js"
cp "$tmp/compute_bg.wasm" "$out/compute-${hash}_bg.wasm"
echo "build-compute: compute-$hash.js, compute-${hash}_bg.wasm"
