"""scikit-learn peer for workloads/classical.mjs (KMeans, kNN, GaussianNB on make_classification data).

Input cases: [{"id": "kmeans" | "kmeans-elkan" | "knn" | "gaussian-nb", "path": str, "nTrain": int, "check": bool?}].
`path` holds X (20000 × 16 float64) then y (int32), written by benchmarks/python/classical_data.py.
Timed calls:
- kmeans: KMeans(n_clusters=8, n_init=1, random_state=0).fit(X) on all rows;
- kmeans-elkan: the same with algorithm="elkan";
- knn: KNeighborsClassifier(n_neighbors=5).fit(X[:nTrain], y[:nTrain]).predict(X[nTrain:]);
- gaussian-nb: GaussianNB().fit(X[:nTrain], y[:nTrain]).predict(X[nTrain:]).
Each result carries "cpuSamples" (process CPU ms of the same calls) and "check": inertia and n_iter
(kmeans) or test accuracy (knn, gaussian-nb).
"""
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier

from peer_common import base_info, emit, limit_threads, measure, read_request

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
        t = int(case["nTrain"])
        Xtr, ytr, Xte, yte = X[:t], y[:t], X[t:], y[t:]
        out = {}
        if case["id"].startswith("kmeans"):
            algorithm = "elkan" if case["id"] == "kmeans-elkan" else "lloyd"

            def step():
                out["m"] = KMeans(n_clusters=8, n_init=1, random_state=0, algorithm=algorithm).fit(X)
        elif case["id"] == "knn":
            def step():
                out["pred"] = KNeighborsClassifier(n_neighbors=5).fit(Xtr, ytr).predict(Xte)
        else:
            def step():
                out["pred"] = GaussianNB().fit(Xtr, ytr).predict(Xte)
        cpu = []

        def run():
            start = time.process_time()
            step()
            cpu.append((time.process_time() - start) * 1000.0)

        timing = measure(run, req["options"])
        timing["cpuSamples"] = cpu[-len(timing["samples"]):]
        if case["id"].startswith("kmeans"):
            timing["check"] = {"inertia": float(out["m"].inertia_), "nIter": int(out["m"].n_iter_)}
        else:
            timing["check"] = {"accuracy": float((out["pred"] == yte).mean())}
        timing["id"] = case["id"]
        results.append(timing)
    del controller
    emit(info, results)


if __name__ == "__main__":
    main()
