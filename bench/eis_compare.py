"""Markdown tables of bench/eis_bench.sh: Lin-KK beside impedance.py, DRT
beside pyDRTtools (peaks matched by nearest log tau).

Usage: python eis_compare.py kk IONPATH_PLAIN.jsonl IONPATH.jsonl IMPEDANCE_PY.jsonl
       python eis_compare.py drt IONPATH_SAME_LAMBDA.jsonl IONPATH_DEFAULTS.jsonl PYDRT_GCV.jsonl
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


def within(ours, ref, share=0.05):
    """Whether ln tau ours is within `share` of |ln tau ref| (the issue's 5 %)."""
    return abs(math.log(ours) - math.log(ref)) <= share * abs(math.log(ref))


def drt(same, defaults, theirs):
    print("| file | pyDRTtools peaks τ (s), λ | ionpath same λ: peaks τ (s), largest Δlog10 τ | ionpath defaults: λ (GCV), series C | defaults' peaks τ (s) | pyDRTtools' peaks within 5 % of ln τ, extra | ms pyDRTtools / ionpath defaults | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    worst = 0.0
    for s, d, t in zip(lines(same), lines(defaults), lines(theirs)):
        ours = [p["tau_s"] for p in s["peaks"]]
        mine = [p["tau_s"] for p in d["peaks"]]
        ref = [p["tau_s"] for p in t["peaks"]]
        delta = max((min(abs(math.log10(a / b)) for b in ours) for a in ref), default=float("nan"))
        worst = max(worst, delta)
        found = sum(any(within(m, r) for m in mine) for r in ref)
        extra = sum(not any(within(m, r) for r in ref) for m in mine)
        c = d.get("series_capacitance_f")
        fmt = lambda v: ", ".join(f"{x:.3g}" for x in v)
        print(f"| {name(s['file'])} | {fmt(ref)}; {t['lambda']:.3g} | {fmt(ours)}; {delta:.3f} "
              f"| {d['lambda']:.3g} ({d['lambda_gcv']:.3g}), {'none' if c is None else f'{c:.3g} F'} | {fmt(mine)} "
              f"| {found} of {len(ref)}, {extra} | {t['ms']:.0f} / {d['ms']:.1f} | {t['ms'] / d['ms']:.0f}× |")
    print(f"\nLargest peak-position difference at the same λ: {worst:.3f} decade of τ.")


if __name__ == "__main__":
    {"kk": kk, "drt": drt}[sys.argv[1]](*sys.argv[2:])
