"""scikit-learn peer for workloads/classical-svm.mjs (SVC, RBF kernel, on make_classification data).

Input cases: [{"id": "svc-fit" | "svc-predict", "path": str, "nFit": int, "testFrom": int}].
`path` holds X (20000 × 16 float64) then y (int32), written by benchmarks/python/classical_data.py.
Timed calls:
- svc-fit: SVC().fit(X[:nFit], y[:nFit]) (C=1, RBF, gamma="scale", tol=1e-3, cache_size=200);
- svc-predict: model.predict(X[testFrom:testFrom + 5000]) with the model fitted once, untimed.
Each result carries "cpuSamples" (process CPU ms of the same calls) and "check": test accuracy and
the number of support vectors.
"""
import numpy as np
import sklearn
from sklearn.svm import SVC

from peer_common import base_info, emit, limit_threads, measure_with_cpu, read_request

N, D = 20000, 16


def load(path):
    raw = np.fromfile(path, dtype=np.uint8)
    X = np.frombuffer(raw[: N * D * 8].tobytes(), dtype=np.float64).reshape(N, D)
    y = np.frombuffer(raw[N * D * 8:].tobytes(), dtype=np.int32)
    return X, y


def main():
    req = read_request()
    controller, note = limit_threads(req["threads"])
    info = base_info()
    info.update({"library": f"scikit-learn {sklearn.__version__} (numpy {np.__version__})", "requestedThreads": req["threads"], "note": note})
    results = []
    for case in req["cases"]:
        X, y = load(case["path"])
        n, t = int(case["nFit"]), int(case["testFrom"])
        Xtr, ytr, Xte, yte = X[:n], y[:n], X[t:t + 5000], y[t:t + 5000]
        out = {}
        if case["id"] == "svc-fit":
            def step():
                out["m"] = SVC().fit(Xtr, ytr)
        else:
            out["m"] = SVC().fit(Xtr, ytr)

            def step():
                out["pred"] = out["m"].predict(Xte)
        timing = measure_with_cpu(step, req["options"])
        m = out["m"]
        timing["check"] = {"accuracy": float((m.predict(Xte) == yte).mean()), "nSV": int(len(m.support_))}
        timing["id"] = case["id"]
        results.append(timing)
    del controller
    emit(info, results)


if __name__ == "__main__":
    main()
