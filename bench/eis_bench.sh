#!/usr/bin/env bash
# Impedance benchmarks beside the reference tools, in one run:
#   bash bench/eis_bench.sh [COUNT]
# 1. creates /work/venvs/eiscore (or $EIS_VENV) with impedance.py 1.7.1 and
#    pyDRTtools (cvxopt, scikit-learn) — only what is missing;
# 2. circuit fits (R-p(R,CPE)-p(R,CPE), R-p(R,CPE)-Wo; 71 points, no
#    guesses) natively and in wasm (bench/eis_wasm, node);
# 3. Lin-KK on every fixture: ionpath (plain μ rule and default) beside
#    impedance.py's linKK;
# 4. DRT of pyDRTtools' own example data: pyDRTtools' simple_run beside
#    ionpath at the λ pyDRTtools used and with ionpath's defaults;
# 5. the verdict's calibration on synthetic spectra (COUNT per cell).
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-100}"
VENV="${EIS_VENV:-/work/venvs/eiscore}"
FIX=../shared/fixtures/eis
[ -d "$FIX" ] || FIX=/work/shared/fixtures/eis
OUT=bench-out/eis
mkdir -p "$OUT"
export PATH="$HOME/.cargo/bin:$PATH"

if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
"$VENV/bin/python" -c "import impedance" 2>/dev/null || "$VENV/bin/pip" install --quiet impedance==1.7.1 pandas altair matplotlib
"$VENV/bin/python" -c "import pyDRTtools, cvxopt, sklearn" 2>/dev/null || "$VENV/bin/pip" install --quiet pyDRTtools cvxopt scikit-learn

cargo build --release --quiet --bin ionpath --bin eis_bench
BIN="${CARGO_TARGET_DIR:-target}/release"
echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== circuit fits, native"
"$BIN/eis_bench" circuit "$COUNT"
echo "== circuit fits, Lin-KK and DRT in wasm (node $(node --version))"
(cd bench/eis_wasm && CARGO_TARGET_DIR="$PWD/../../target/eis_wasm" cargo build --release --quiet --target wasm32-unknown-unknown)
node bench/eis_wasm_bench.mjs target/eis_wasm/wasm32-unknown-unknown/release/eis_wasm_bench.wasm "$COUNT"

echo "== Lin-KK beside impedance.py"
FILES=()
for f in "$FIX"/impedance.py/*.{csv,txt,mpt,DTA,par,z} "$FIX"/pyDRTtools/*.{txt,csv}; do
  case "$f" in *MissingFreq*|*LICENSE*) continue ;; esac
  conv="$OUT/converted_$(basename "$f").csv"
  "$BIN/ionpath" convert "$f" > "$conv"
  FILES+=("$conv")
done
"$BIN/eis_bench" kk --plain "${FILES[@]}" > "$OUT/kk_plain.jsonl"
"$BIN/eis_bench" kk "${FILES[@]}" > "$OUT/kk.jsonl"
"$VENV/bin/python" bench/kk_impedance_py.py "${FILES[@]}" > "$OUT/kk_impedance_py.jsonl"
"$VENV/bin/python" bench/eis_compare.py kk "$OUT/kk_plain.jsonl" "$OUT/kk.jsonl" "$OUT/kk_impedance_py.jsonl"

echo "== DRT beside pyDRTtools"
DRT=("$FIX"/pyDRTtools/LIB_data.txt "$FIX"/pyDRTtools/LIB_data_2.txt "$FIX"/pyDRTtools/data_1.csv)
"$VENV/bin/python" -W ignore bench/drt_pydrttools.py --repeats 3 "${DRT[@]}" 2>/dev/null | grep '^{' > "$OUT/drt_pydrttools.jsonl"
# pyDRTtools' GCV search stops at its start (λ = 1e-3): ionpath at that λ.
LAMBDA=$("$VENV/bin/python" -c "import json,sys; print(json.loads(open(sys.argv[1]).readline())['lambda'])" "$OUT/drt_pydrttools.jsonl")
"$BIN/eis_bench" drt --lambda "$LAMBDA" "${DRT[@]}" > "$OUT/drt_same.jsonl"
"$BIN/eis_bench" drt --defaults "${DRT[@]}" > "$OUT/drt_defaults.jsonl"
"$VENV/bin/python" bench/eis_compare.py drt "$OUT/drt_same.jsonl" "$OUT/drt_defaults.jsonl" "$OUT/drt_pydrttools.jsonl"

echo "== verdict calibration"
"$BIN/eis_bench" verdict "$COUNT"
