"""impedance.py 1.7.1's linKK (c = 0.85, fit_type 'complex', series L, no
series C) on each FILE read by ionpath's own reader (the three columns of
`ionpath convert`), one JSON line per file: M, mu, largest and rms relative
residual, wall time of one run.

Usage: python kk_impedance_py.py CONVERTED.csv...
"""

import contextlib
import io
import json
import sys
import time

import numpy as np
from impedance.models.circuits.elements import circuit_elements
from impedance.validation import linKK

# impedance.py's linKK evaluates circuit strings that numpy 2 writes as np.float64(...).
circuit_elements["np"] = np

for path in sys.argv[1:]:
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    f, z = data[:, 0], data[:, 1] + 1j * data[:, 2]
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        m, mu, _, rr, ri = linKK(f, z, c=0.85, max_M=100, fit_type="complex", add_cap=False)
    ms = (time.perf_counter() - start) * 1e3
    r = np.concatenate([rr, ri])
    print(json.dumps({"file": path, "elements": int(m), "mu": float(mu), "max_residual": float(np.abs(r).max()),
                      "rms_residual": float(np.sqrt(np.mean(r ** 2))), "ms": ms}))
