#!/usr/bin/env bash
# Installs what ionpath's build and tests need, only what is missing (idempotent).
# Usage: scripts/setup.sh [--browser]   (--browser adds Chromium + playwright-core for e2e tests)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen pinned in Cargo.toml / Cargo.lock.
WB_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p; s/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml | head -n1)

log() { printf '[setup] %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

for component in clippy rustfmt; do
  if ! rustup component list --installed | grep -q "^$component"; then
    log "adding rust component $component"
    rustup component add "$component"
  fi
done

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (takes ~20 min on 2 cores, once)"
  cargo install trunk --version "=$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WB_VERSION"; then
  log "installing wasm-bindgen-cli $WB_VERSION"
  # not --locked: a locked dependency of wasm-bindgen-cli is missing from the registry
  cargo install wasm-bindgen-cli --version "=$WB_VERSION" --force
fi

# npm ci again whenever package-lock.json changed since the last install (a
# dev dependency added on another branch), not only when node_modules is new.
lock_sum=$(sha256sum package-lock.json | cut -c1-64)
if [ ! -x node_modules/.bin/wasm-opt ] || [ "$(cat node_modules/.ionpath-lock 2>/dev/null)" != "$lock_sum" ] \
  || { [ "${1:-}" = --browser ] && [ ! -d node_modules/playwright-core ]; }; then
  log "installing npm dev tools (binaryen, playwright-core, lighthouse, axe-core)"
  npm ci --no-audit --no-fund
  echo "$lock_sum" > node_modules/.ionpath-lock
fi

if [ "${1:-}" = --browser ] && ! command -v chromium >/dev/null; then
  log "installing Debian chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
log "tools ready"
