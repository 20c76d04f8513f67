"""Fits the Eq. 8 spectra written by `fit_bench write-eq8 DIR` with
impedance.py 1.7.1's R0-TLMQ0 circuit (modulus weighting, starting values
near the truth) and prints the median / p95 time per fit and the share of
files whose R_ion is within max(2 %, 4 x CRB) of the truth.

Usage: python impedance_py_bench.py DIR [LIMIT]
"""

import csv
import statistics
import sys
import time

import numpy as np
from impedance.models.circuits import CustomCircuit


def main():
    directory = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    with open(f"{directory}/truth.csv", newline="") as handle:
        truth = list(csv.DictReader(handle))
    if limit is not None:
        truth = truth[:limit]
    times, recovered, failures = [], 0, 0
    for row in truth:
        data = np.loadtxt(f"{directory}/{row['file']}", delimiter=",", skiprows=1)
        f, z = data[:, 0], data[:, 1] + 1j * data[:, 2]
        r_bulk, r_ion, c_dl = float(row["r_bulk"]), float(row["r_ion"]), float(row["c_dl"])
        crb = float(row["crb_r_ion"])
        # Starting values near the truth (impedance.py needs them), gamma = 1 for a capacitor.
        guess = [r_bulk * 1.2, r_ion * 0.8, c_dl * 1.25, 0.95]
        circuit = CustomCircuit("R0-TLMQ0", initial_guess=guess)
        start = time.perf_counter()
        try:
            circuit.fit(f, z, weight_by_modulus=True)
        except Exception:  # noqa: BLE001 - a failed fit is counted, not fatal
            failures += 1
            times.append(time.perf_counter() - start)
            continue
        times.append(time.perf_counter() - start)
        fitted = circuit.parameters_[1]
        if abs(fitted - r_ion) <= max(0.02 * r_ion, 4 * crb):
            recovered += 1
    times_ms = sorted(t * 1e3 for t in times)
    p95 = times_ms[min(len(times_ms) - 1, round(0.95 * (len(times_ms) - 1)))]
    print(
        f"impedance.py R0-TLMQ0: {len(truth)} fits, median {statistics.median(times_ms):.3f} ms, "
        f"p95 {p95:.3f} ms, recovered {recovered}/{len(truth)}, failures {failures}"
    )
    print(f"IMPEDANCE_PY_MEDIAN_MS={statistics.median(times_ms):.6f}")


if __name__ == "__main__":
    main()
