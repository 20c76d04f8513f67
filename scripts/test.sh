#!/usr/bin/env bash
# Runs every test of ionpath, installing what is missing first (idempotent).
#   habits: cargo fmt --check, cargo clippy -D warnings (native, and the page's wasm)
#   native: cargo test (models, fitting, readers, plots, CLI, architecture), a short fuzz run
#   wasm:   the release page build (trunk, offline) and the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export TRUNK_OFFLINE=true

scripts/setup.sh --browser

echo "== rustfmt and clippy (any warning fails the run)"
cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --quiet -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features compute --quiet -- -D warnings

echo "== cargo test (native core, CLI)"
cargo test --all-targets --quiet 2>&1 | tee /tmp/ionpath-cargo-test.log
cargo test --doc --quiet

echo "== fuzz smoke run (every reader, bounded time)"
scripts/fuzz-smoke.sh "${FUZZ_SECONDS:-10}"

echo "== page build (trunk, release, offline)"
trunk build --release --offline

if compgen -G "tests/e2e/*.test.mjs" >/dev/null; then
  echo "== browser tests (playwright-core + Debian chromium)"
  node --test --test-concurrency=1 tests/e2e/
fi
