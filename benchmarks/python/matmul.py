"""numpy peer for workloads/matmul.mjs: float32 [n, n] @ [n, n] through numpy's BLAS (OpenBLAS here).

Input cases: [{"id": str, "n": int}]. The operands are made before timing; each timed call is `a @ b`.
"""
import numpy as np

from peer_common import base_info, blas_info, emit, limit_threads, measure, read_request


def main():
    req = read_request()
    default_pools = blas_info()
    controller, note = limit_threads(req["threads"])
    info = base_info()
    info.update({
        "library": "numpy " + np.__version__,
        "requestedThreads": req["threads"],
        "blasDefault": default_pools,
        "blas": blas_info(),
        "note": note,
    })
    rng = np.random.default_rng(0)
    results = []
    for case in req["cases"]:
        n = int(case["n"])
        a = rng.standard_normal((n, n), dtype=np.float32)
        b = rng.standard_normal((n, n), dtype=np.float32)
        timing = measure(lambda: a @ b, req["options"])
        timing["id"] = case["id"]
        results.append(timing)
    del controller
    emit(info, results)


if __name__ == "__main__":
    main()
