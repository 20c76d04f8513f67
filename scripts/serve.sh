#!/usr/bin/env bash
# Builds the page and serves it on http://127.0.0.1:${PORT:-8080}/ (installs missing tools first).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export TRUNK_OFFLINE=true
scripts/setup.sh
# No auto-reload: its inline script is refused by the page's CSP (index.html).
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port "${PORT:-8080}"
