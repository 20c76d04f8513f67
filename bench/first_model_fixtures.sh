#!/usr/bin/env bash
# The automatic first model on every instrument fixture: one table row per
# file with the model chosen, the miss (the verdict's largest systematic
# miss and the rms residual, relative to |Z|), Lin-KK and the verdict.
#   IONPATH=target/release/ionpath bash bench/first_model_fixtures.sh
# (default: target/debug/ionpath; needs python3 for the table only).
set -euo pipefail
cd "$(dirname "$0")/.."
IONPATH="${IONPATH:-target/debug/ionpath}"
FIX=../shared/fixtures/eis
files=()
for f in "$FIX"/impedance.py/* "$FIX"/pyDRTtools/*; do
  case "$(basename "$f")" in LICENSE | expected | README* | *MissingFreq*) continue ;; esac
  files+=("$f")
done
"$IONPATH" fit --model auto --jobs 1 "${files[@]}" | python3 -c '
import json, sys
print("| file | model chosen | miss (max, rms) | Lin-KK | verdict |")
print("|---|---|---|---|---|")
for line in sys.stdin:
    r = json.loads(line)
    m = r["verdict_measures"]
    name = "/".join(r["file"].split("/")[-2:])
    kk = "pass" if m["kk_pass"] else "fails"
    model, verdict = r["model"], r["verdict"]
    miss, rms = 100 * m["systematic"], 100 * m["rms"]
    print(f"| {name} | `{model}` | {miss:.1f} %, {rms:.2f} % | {kk} | {verdict} |")
'
