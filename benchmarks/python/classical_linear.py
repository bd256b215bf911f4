"""scikit-learn peer for workloads/classical-linear.mjs (logistic regression and SGD on make_classification data).

Input cases: [{"id": "logistic" | "sgd", "path": str, "nTrain": int}].
`path` holds X (20000 x 16 float64) then y (int32), written by benchmarks/python/classical_data.py.
Timed calls:
- logistic: LogisticRegression().fit(X[:nTrain], y[:nTrain]).predict(X[nTrain:]) (lbfgs, multinomial, C=1, tol 1e-4, max_iter 100);
- sgd: SGDClassifier(random_state=0).fit(X[:nTrain], y[:nTrain]).predict(X[nTrain:]) (hinge, l2, one-vs-all).
Each result carries "cpuSamples" (process CPU ms of the same calls) and "check": test accuracy and n_iter_
(for sgd also the mean test accuracy over random_state 0-4, untimed).
"""
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression, SGDClassifier

from peer_common import base_info, emit, limit_threads, measure_with_cpu, read_request

N, D = 20000, 16
warnings.simplefilter("ignore")  # lbfgs may stop at max_iter=100 (ConvergenceWarning); n_iter_ is reported


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
        make = (lambda: LogisticRegression()) if case["id"] == "logistic" else (lambda: SGDClassifier(random_state=0))

        def step():
            m = make().fit(Xtr, ytr)
            out["m"], out["pred"] = m, m.predict(Xte)
        timing = measure_with_cpu(step, req["options"])
        n_iter = np.max(out["m"].n_iter_)
        timing["check"] = {"accuracy": float((out["pred"] == yte).mean()), "nIter": int(n_iter)}
        if case["id"] == "sgd":  # untimed: mean accuracy over seeds 0-4 (one seed's accuracy swings by about 0.02)
            accs = [(SGDClassifier(random_state=s).fit(Xtr, ytr).predict(Xte) == yte).mean() for s in range(5)]
            timing["check"]["meanAccuracy5Seeds"] = float(np.mean(accs))
        timing["id"] = case["id"]
        results.append(timing)
    del controller
    emit(info, results)


if __name__ == "__main__":
    main()
