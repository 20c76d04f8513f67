#!/usr/bin/env bash
# The 500³ target: the benchmark electrode's SE, τ along x, y and z in one
# call, wall time and peak memory by /usr/bin/time -v.
#   bash bench/micro_bench_500.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench-out/micro
mkdir -p "$OUT"
cargo build --release --quiet --bin micro_bench
B=target/release/micro_bench
echo "# $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg) cores: $(nproc)"
[ -f "$OUT/gen500.tif" ] || $B generate 500 1 "$OUT/gen500.tif"
/usr/bin/time -v $B file "$OUT/gen500.tif" all 2 2> "$OUT/time500.txt"
grep -E "Elapsed|Maximum resident|Percent of CPU|User time" "$OUT/time500.txt"
echo "# end $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"
