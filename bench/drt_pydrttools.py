"""pyDRTtools' simple_run (Gaussian RBF, FWHM coefficient 0.5, combined
Re-Im data, series R and L, first derivative, lambda by GCV) on each FILE,
with its peaks found like ionpath's: local maxima of gamma on the output
grid above 5 % of the largest value, both absolutely and above the higher
neighbouring minimum. Prints one JSON line per file with the lambda, the
peaks and the wall time of one run (the first run and the median of REPEATS).

Usage: python drt_pydrttools.py [--repeats N] [--lambda X] FILE...

With --lambda, lambda is fixed (cv_type 'custom') instead of chosen by GCV.

pyDRTtools' package __init__ imports its Qt GUI; the numerical modules are
loaded without it.
"""

import contextlib
import importlib.util
import io
import json
import sys
import time
import types

import numpy as np


def load_runs():
    spec = importlib.util.find_spec("pyDRTtools")
    package = types.ModuleType("pyDRTtools")
    package.__path__ = list(spec.submodule_search_locations)
    sys.modules["pyDRTtools"] = package
    with contextlib.redirect_stdout(io.StringIO()):
        import pyDRTtools.runs as runs  # noqa: E402
    from cvxopt import solvers

    solvers.options["show_progress"] = False
    return runs


def peaks(tau, gamma, share=0.05):
    top = gamma.max()
    floor = share * top
    found = []
    for i in range(1, len(gamma) - 1):
        if not (gamma[i] > gamma[i - 1] and gamma[i] >= gamma[i + 1] and gamma[i] >= floor):
            continue
        left = i
        while left > 0 and gamma[left - 1] <= gamma[left]:
            left -= 1
        right = i
        while right + 1 < len(gamma) and gamma[right + 1] <= gamma[right]:
            right += 1
        if gamma[i] - max(gamma[left], gamma[right]) >= floor:
            # Parabolic vertex in ln tau, as ionpath.
            y = np.log(tau)
            a, b, c = gamma[i - 1], gamma[i], gamma[i + 1]
            den = a - 2 * b + c
            shift = 0.5 * (a - c) / den if den < 0 else 0.0
            found.append({"tau_s": float(np.exp(y[i] + shift * (y[1] - y[0]))), "gamma_ohm": float(b)})
    return found


def read(path):
    delimiter = "," if path.endswith(".csv") else None
    data = np.loadtxt(path, delimiter=delimiter)
    return data[:, 0], data[:, 1], data[:, 2]


def main():
    args = sys.argv[1:]
    repeats, cv_type, reg_param = 5, "GCV", 1e-3
    while args and args[0].startswith("--"):
        if args[0] == "--repeats":
            repeats = int(args[1])
        elif args[0] == "--lambda":
            cv_type, reg_param = "custom", float(args[1])
        args = args[2:]
    runs = load_runs()
    for path in args:
        f, re, im = read(path)
        times = []
        for _ in range(repeats):
            entry = runs.EIS_object(f, re, im)
            start = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                runs.simple_run(entry, rbf_type="Gaussian", data_used="Combined Re-Im Data",
                                induct_used=1, der_used="1st order", cv_type=cv_type,
                                reg_param=reg_param, shape_control="FWHM Coefficient", coeff=0.5)
            times.append((time.perf_counter() - start) * 1e3)
        print(json.dumps({
            "file": path,
            "lambda": float(np.ravel(entry.lambda_value)[0]),
            "r_inf_ohm": float(entry.R),
            "inductance_h": float(entry.L),
            "peaks": peaks(np.asarray(entry.out_tau_vec), np.asarray(entry.gamma).ravel()),
            "ms_first": times[0],
            "ms": float(np.median(times)),
        }))


if __name__ == "__main__":
    main()
