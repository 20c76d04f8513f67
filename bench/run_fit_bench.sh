#!/usr/bin/env bash
# Fitting benchmark, side by side with impedance.py on the very same files.
#   VENV=/path/to/venv bash bench/run_fit_bench.sh [COUNT] [SEED]
# 1. builds ionpath and fit_bench (release);
# 2. creates the venv $VENV (default .venv-bench) with impedance==1.7.1 (once);
# 3. writes COUNT seeded Eq. 8 spectra (71 points, 1 MHz–0.1 Hz, 1 % noise);
# 4. times one `ionpath fit --fix r_e=0` call over all files (no guesses),
#    then impedance.py's R0-TLMQ0 fit of the same files (guesses near truth);
# 5. prints both, the recovery of R_ion and the speed ratios (whole CLI call
#    per file, and in-process medians);
# 6. runs the in-process recovery benchmark over the three layouts.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-200}"
SEED="${2:-2}"
OUT=bench-out/eq8
VENV="${VENV:-.venv-bench}"
export PATH="$HOME/.cargo/bin:$PATH"

cargo build --release --quiet --bin ionpath --bin fit_bench
TARGET="${CARGO_TARGET_DIR:-target}/release"

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import impedance" 2>/dev/null; then
  python3 -m venv "$VENV"
  # impedance.py imports pandas, altair and matplotlib without declaring all of them.
  "$VENV/bin/pip" install --quiet impedance==1.7.1 pandas altair matplotlib
fi

rm -rf "$OUT"
"$TARGET/fit_bench" write-eq8 "$OUT" "$COUNT" "$SEED"

TIMEFORMAT='%R %U %S'
{ time "$TARGET/ionpath" fit "$OUT"/eq8_*.csv --fix r_e=0 --format json > bench-out/eq8.jsonl ; } 2> bench-out/eq8.time
read -r REAL USER SYS < bench-out/eq8.time
IONPATH_MS=$(python3 -c "print($REAL * 1e3 / $COUNT)")
CPU_MS=$(python3 -c "print(($USER + $SYS) * 1e3 / $COUNT)")
echo "ionpath fit --fix r_e=0: $COUNT files in one call: $(python3 -c "print(f'{$IONPATH_MS:.3f}')") ms wall, $(python3 -c "print(f'{$CPU_MS:.3f}')") ms CPU per file (process start included)"
"$TARGET/fit_bench" check-eq8 "$OUT" bench-out/eq8.jsonl
INPROC=$("$TARGET/fit_bench" time-eq8 "$OUT")
echo "$INPROC"
INPROC_MS=$(echo "$INPROC" | grep -v "without profiles" | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')

PY_OUT=$("$VENV/bin/python" bench/impedance_py_bench.py "$OUT")
echo "$PY_OUT" | grep -v '^IMPEDANCE_PY_MEDIAN_MS='
PY_MS=$(echo "$PY_OUT" | sed -n 's/^IMPEDANCE_PY_MEDIAN_MS=//p')
python3 -c "print(f'speed ratio, whole ionpath fit call (impedance.py median per fit / ionpath time per file): {$PY_MS / $IONPATH_MS:.0f}x')"
python3 -c "print(f'speed ratio, whole call CPU time per file: {$PY_MS / $CPU_MS:.0f}x (impedance.py timed as wall time per fit)')"
python3 -c "print(f'speed ratio, in-process medians (impedance.py / ionpath fit_line): {$PY_MS / $INPROC_MS:.0f}x')"

echo
echo "== in-process recovery, three layouts (1 % noise, no guesses)"
"$TARGET/fit_bench" recovery "${RECOVERY_TRIALS:-300}" "$SEED"
