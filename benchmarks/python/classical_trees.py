"""scikit-learn peer for workloads/classical-trees.mjs (decision tree and random forest on make_classification data).

Input cases: [{"id": "tree" | "forest", "path": str, "nTrain": int}].
`path` holds X (20000 x 16 float64) then y (int32), written by benchmarks/python/classical_data.py.
Timed calls:
- tree: DecisionTreeClassifier(random_state=0).fit(X[:nTrain], y[:nTrain]).predict(X[nTrain:]);
- forest: RandomForestClassifier(n_estimators=100, random_state=0).fit(X[:nTrain], y[:nTrain]).predict(X[nTrain:])
  (n_jobs=None: one thread, sklearn's default).
Each result carries "cpuSamples" (process CPU ms of the same calls) and "check": test accuracy and node counts.
"""
import numpy as np
import sklearn
from sklearn.ensemble import RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier

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
        t = int(case["nTrain"])
        Xtr, ytr, Xte, yte = X[:t], y[:t], X[t:], y[t:]
        out = {}
        if case["id"] == "tree":
            def step():
                m = DecisionTreeClassifier(random_state=0).fit(Xtr, ytr)
                out["m"], out["pred"] = m, m.predict(Xte)
        else:
            def step():
                m = RandomForestClassifier(n_estimators=100, random_state=0).fit(Xtr, ytr)
                out["m"], out["pred"] = m, m.predict(Xte)
        timing = measure_with_cpu(step, req["options"])
        m = out["m"]
        nodes = [int(m.tree_.node_count)] if case["id"] == "tree" else [int(e.tree_.node_count) for e in m.estimators_]
        timing["check"] = {"accuracy": float((out["pred"] == yte).mean()), "nodes": int(sum(nodes))}
        timing["id"] = case["id"]
        results.append(timing)
    del controller
    emit(info, results)


if __name__ == "__main__":
    main()
