#!/usr/bin/env bash
# Discharge model vs PyBaMM's DFN, and its speed natively and as wasm32.
#   bash bench/discharge_pybamm.sh
# 1. creates the venv /work/venvs/discharge with PyBaMM (once; idempotent);
# 2. builds discharge_bench (release) and writes the two benchmark cases
#    with our curves (default mesh and 4× finer) to bench-out/discharge_cases.json;
# 3. runs PyBaMM on the same cases (fine mesh for accuracy; default mesh for
#    the first and cached solve times);
# 4. times our model natively (CPU and wall, per discharge and per 10-current sweep);
# 5. builds bench/discharge_wasm for wasm32 (the page's opt-level "z") and times it in node
#    and in headless Chromium (Debian's chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
VENV="${DISCHARGE_VENV:-/work/venvs/discharge}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pybamm" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet pybamm
fi
mkdir -p bench-out
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
cargo build --release --quiet --bin discharge_bench
TARGET="${CARGO_TARGET_DIR:-target}/release"
"$TARGET/discharge_bench" cases bench-out/discharge_cases.json
"$VENV/bin/python" bench/discharge_pybamm.py bench-out/discharge_cases.json
echo
"$TARGET/discharge_bench" time 100
echo
cargo build --release --quiet --target wasm32-unknown-unknown --manifest-path bench/discharge_wasm/Cargo.toml
node bench/discharge_wasm.mjs
node bench/discharge_wasm.mjs --chromium 2>/dev/null
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
