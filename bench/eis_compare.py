"""Markdown tables of bench/eis_bench.sh: Lin-KK beside impedance.py, DRT
beside pyDRTtools (peaks matched by nearest log tau).

Usage: python eis_compare.py kk IONPATH_PLAIN.jsonl IONPATH.jsonl IMPEDANCE_PY.jsonl
       python eis_compare.py drt IONPATH_SAME_LAMBDA.jsonl IONPATH_GCV.jsonl PYDRT_GCV.jsonl
"""

import json
import math
import os
import sys


def lines(path):
    with open(path) as handle:
        return [json.loads(l) for l in handle if l.strip()]


def name(path):
    return os.path.basename(path).removesuffix(".csv") if "converted" in path else os.path.basename(path)


def kk(plain, ours, theirs):
    print("| file | impedance.py linKK: M, max, rms | ionpath plain μ rule: M, max, rms | ionpath default: M, max, rms, pass | ms impedance.py / ionpath |")
    print("|---|---|---|---|---|")
    for p, o, t in zip(lines(plain), lines(ours), lines(theirs)):
        print(f"| {name(o['file'])} | {t['elements']}, {100 * t['max_residual']:.2f} %, {100 * t['rms_residual']:.2f} % "
              f"| {p['elements']}, {100 * p['max_residual']:.2f} %, {100 * p['rms_residual']:.2f} % "
              f"| {o['elements']}, {100 * o['max_residual']:.2f} %, {100 * o['rms_residual']:.2f} %, {'pass' if o['pass'] else 'fail'} "
              f"| {t['ms']:.1f} / {o['ms']:.2f} |")


def drt(same, gcv, theirs):
    print("| file | pyDRTtools peaks τ (s) | ionpath peaks τ (s), same λ | largest Δlog10 τ | pyDRTtools λ (GCV run) | ionpath λ GCV / L-curve | ms pyDRTtools / ionpath | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    worst = 0.0
    for s, g, t in zip(lines(same), lines(gcv), lines(theirs)):
        ours = [p["tau_s"] for p in s["peaks"]]
        ref = [p["tau_s"] for p in t["peaks"]]
        delta = max((min(abs(math.log10(a / b)) for b in ours) for a in ref), default=float("nan"))
        worst = max(worst, delta)
        fmt = lambda v: ", ".join(f"{x:.3g}" for x in v)
        print(f"| {name(s['file'])} | {fmt(ref)} | {fmt(ours)} | {delta:.3f} | {t['lambda']:.3g} "
              f"| {g['lambda_gcv']:.3g} / {g['lambda_lcurve']:.3g} | {t['ms']:.0f} / {g['ms']:.1f} | {t['ms'] / g['ms']:.0f}× |")
    print(f"\nLargest peak-position difference: {worst:.3f} decade of τ.")


if __name__ == "__main__":
    {"kk": kk, "drt": drt}[sys.argv[1]](*sys.argv[2:])
