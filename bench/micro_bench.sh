#!/usr/bin/env bash
# Microstructure benchmarks, side by side in one run (docs/BENCHMARKS.md,
# "## Microstructure"):
#   bash bench/micro_bench.sh [N]      (default N = 200)
# 1. builds micro_bench (release) and the venv (bench/micro_venv.sh);
# 2. generates the benchmark electrode of N³ voxels (timed) and a random
#    0/1 volume of 100³ (ε = 0.5);
# 3. τ of the SE along x: ionpath (all threads), TauFactor 2 on the CPU
#    (its default convergence, 1 % flux spread) and scipy + pyamg (1e-10),
#    one after the other on the same file; the same for the random volume;
# 4. the wasm harness: one-thread τ of 128³ and 200³ in node.
# Prints JSON lines; the 500³ run is separate (bench/micro_bench_500.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-200}"
OUT=bench-out/micro
VENV="${MICRO_VENV:-/work/venvs/micro}"
export PATH="$HOME/.cargo/bin:$PATH"
mkdir -p "$OUT"
cargo build --release --quiet --bin micro_bench
bash bench/micro_venv.sh >/dev/null
B=target/release/micro_bench
echo "# $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg) cores: $(nproc)"
$B generate "$N" 1 "$OUT/gen$N.tif"
$B tiff-random 100 0.5 1 "$OUT/random100.tif"
for file in "$OUT/gen$N.tif:2" "$OUT/random100.tif:1"; do
  f=${file%:*}; label=${file#*:}
  $B file "$f" x "$label"
  "$VENV/bin/python" bench/micro_reference.py "$f" "$label" x --taufactor --pyamg
done
cargo build --quiet --manifest-path bench/micro-wasm/Cargo.toml --profile speed --target wasm32-unknown-unknown
node bench/micro_wasm.mjs 128 200
echo "# end $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"
