"""Independent references for `ionpath micro tau`: TauFactor 2 and a
scipy + pyamg solve of the same finite-volume equations.

    python bench/micro_reference.py FILE.tif LABEL AXIS [--taufactor] [--pyamg]

Prints one JSON line per method: tau, wall seconds, and for TauFactor its
iterations. Runs in the venv made by bench/micro_venv.sh. Never a CI
dependency.

The pyamg reference: nodes are the voxels of LABEL in 6-connected clusters
touching both faces normal to AXIS (scipy.ndimage.label), face conductance 1
between neighbours, 2 to the Dirichlet planes half a voxel outside the first
and last layer (potential 1 and 0); solved by conjugate gradients
preconditioned by pyamg's smoothed aggregation to a relative residual of
1e-10; tau = eps / (I * L / A) with eps the volume fraction of LABEL.
"""
import json
import sys
import time

import numpy as np
import tifffile


def load(path, label, axis):
    img = tifffile.imread(path)
    if img.ndim == 2:
        img = img[None]
    img = (img == label).astype(np.uint8)
    axes = {"x": 0, "y": 1, "z": 2}
    return np.moveaxis(img, axes[axis], 0).copy()


def pyamg_tau(img):
    import pyamg
    import scipy.ndimage as ndi
    import scipy.sparse as sp
    import scipy.sparse.linalg as spla

    t0 = time.perf_counter()
    nx, ny, nz = img.shape
    eps = img.mean()
    structure = ndi.generate_binary_structure(3, 1)
    labels, _ = ndi.label(img, structure=structure)
    spanning = np.intersect1d(np.unique(labels[0]), np.unique(labels[-1]))
    spanning = spanning[spanning > 0]
    mask = np.isin(labels, spanning)
    if not mask.any():
        return None, time.perf_counter() - t0
    index = -np.ones(img.shape, dtype=np.int64)
    n = int(mask.sum())
    index[mask] = np.arange(n)
    rows, cols = [], []
    for ax in range(3):
        a = [slice(None)] * 3
        b = [slice(None)] * 3
        a[ax] = slice(0, -1)
        b[ax] = slice(1, None)
        ia, ib = index[tuple(a)], index[tuple(b)]
        both = (ia >= 0) & (ib >= 0)
        rows.append(ia[both])
        cols.append(ib[both])
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    w = np.ones(len(r))
    off = sp.coo_matrix((w, (r, c)), shape=(n, n))
    off = off + off.T
    diag = np.asarray(off.sum(axis=1)).ravel()
    inlet = index[0][index[0] >= 0]
    outlet = index[-1][index[-1] >= 0]
    np.add.at(diag, inlet, 2.0)
    np.add.at(diag, outlet, 2.0)
    A = (sp.diags(diag) - off).tocsr()
    b = np.zeros(n)
    b[inlet] = 2.0
    ml = pyamg.smoothed_aggregation_solver(A, symmetry="symmetric")
    M = ml.aspreconditioner(cycle="V")
    phi, info = spla.cg(A, b, rtol=1e-10, maxiter=2000, M=M)
    if info != 0:
        raise RuntimeError(f"pyamg CG did not converge: {info}")
    current = float(np.sum(2.0 * (1.0 - phi[inlet])))
    sigma_eff = current * nx / (ny * nz)
    return eps / sigma_eff, time.perf_counter() - t0


def taufactor_tau(img):
    import taufactor as tau

    t0 = time.perf_counter()
    s = tau.Solver(img, device="cpu")
    t = s.solve(verbose=False)
    wall = time.perf_counter() - t0
    return float(np.asarray(t).ravel()[0]), wall, int(s.iter)


def main():
    path, label, axis = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    img = load(path, label, axis)
    if "--pyamg" in sys.argv:
        t, wall = pyamg_tau(img)
        print(json.dumps({"method": "scipy+pyamg", "file": path, "axis": axis, "tau": t, "wall_s": round(wall, 3)}))
    if "--taufactor" in sys.argv:
        t, wall, iters = taufactor_tau(img)
        print(json.dumps({"method": "taufactor", "file": path, "axis": axis, "tau": t, "wall_s": round(wall, 3), "iterations": iters}))


if __name__ == "__main__":
    main()
