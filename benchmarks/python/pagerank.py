"""scipy peer for workloads/pagerank.mjs: networkx 2.8's `pagerank_scipy` power iteration on a
scipy.sparse CSR matrix, the same algorithm networkx.pagerank runs.

Input cases: [{"id": str, "kind": "build" | "iterations", "n": int, "m": int, "path": str,
"iterations": int (kind "iterations")}]. `path` holds the edge list as int32: m sources then m
targets (written by the JS workload from its seeded generator). Timed calls:
- build: CSR from COO (duplicates summed) + row normalisation Q @ A (networkx's setup);
- iterations: x = 1/n, then `iterations` updates x = alpha (x A + dangling mass p) + (1 - alpha) p
  with the L1 error computed each time, as networkx does.
Each result also carries "cpuSamples": process CPU time (ms) of the same timed calls, steadier
than wall time on a shared machine. With "check": true the result also carries the scores after convergence (tol 1e-6) for comparison.
"""

import numpy as np
import scipy
import scipy.sparse as sps

from peer_common import base_info, emit, limit_threads, measure_with_cpu, read_request

ALPHA = 0.85


def load(case):
    raw = np.fromfile(case["path"], dtype=np.int32)
    m = int(case["m"])
    if raw.size != 2 * m:
        raise SystemExit(f"{case['path']}: expected {2 * m} int32 values, found {raw.size}")
    return raw[:m], raw[m:]


def build(src, dst, n):
    A = sps.csr_array((np.ones(src.size), (src, dst)), shape=(n, n))
    S = np.asarray(A.sum(axis=1)).ravel()
    inv = np.zeros(n)
    nz = S != 0
    inv[nz] = 1.0 / S[nz]
    Q = sps.csr_array(sps.spdiags(inv, 0, n, n))
    return Q @ A, np.where(S == 0)[0]


def iterate(A, dangling, n, iterations, tol=None):
    x = np.repeat(1.0 / n, n)
    p = np.repeat(1.0 / n, n)
    for i in range(iterations):
        xlast = x
        x = ALPHA * (x @ A + x[dangling].sum() * p) + (1 - ALPHA) * p
        err = np.absolute(x - xlast).sum()
        if tol is not None and err < n * tol:
            return x, i + 1
    return x, iterations


def main():
    req = read_request()
    controller, note = limit_threads(req["threads"])
    info = base_info()
    info.update({"library": f"scipy {scipy.__version__} (numpy {np.__version__})", "requestedThreads": req["threads"], "note": note})
    results = []

    for case in req["cases"]:
        src, dst = load(case)
        n = int(case["n"])
        if case["kind"] == "build":
            timing = measure_with_cpu(lambda: build(src, dst, n), req["options"])
        else:
            A, dangling = build(src, dst, n)
            k = int(case["iterations"])
            timing = measure_with_cpu(lambda: iterate(A, dangling, n, k), req["options"])
            if case.get("check"):
                x, its = iterate(A, dangling, n, 1000, tol=1e-6)
                top = np.argsort(-x, kind="stable")[:10]
                timing["check"] = {"iterations": its, "top": top.tolist(), "topScores": x[top].tolist(), "sum": float(x.sum())}
        timing["id"] = case["id"]
        results.append(timing)
    del controller
    emit(info, results)


if __name__ == "__main__":
    main()
