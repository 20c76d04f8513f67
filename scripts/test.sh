#!/usr/bin/env bash
# Runs every test of ionpath, installing what is missing first (idempotent).
#   native: cargo test (models, fitting, readers, plots, CLI), a short fuzz run of the readers
#   wasm:   the release page build (trunk, offline) and the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export TRUNK_OFFLINE=true

scripts/setup.sh --browser

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
