"""scikit-learn peer for workloads/tfidf.mjs: TfidfVectorizer with default parameters.

Input cases: [{"id": str, "kind": "fit_transform" | "transform", "path": str, "check": bool?}].
`path` holds the documents as a JSON array of strings (written by the JS workload from its seeded
generator). Timed calls:
- fit_transform: TfidfVectorizer().fit_transform(docs);
- transform: the fitted vectorizer's transform(docs).
Each result also carries "cpuSamples": process CPU time (ms) of the same calls. With "check": true the
result carries the feature count, nnz and a sample of feature names and matrix entries, for comparison.
"""
import json

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

from peer_common import base_info, emit, limit_threads, measure_with_cpu, read_request


def main():
    req = read_request()
    controller, note = limit_threads(req["threads"])
    info = base_info()
    info.update({"library": f"scikit-learn {sklearn.__version__}", "requestedThreads": req["threads"], "note": note})
    results = []

    for case in req["cases"]:
        with open(case["path"], encoding="utf-8") as f:
            docs = json.load(f)
        if case["kind"] == "fit_transform":
            timing = measure_with_cpu(lambda: TfidfVectorizer().fit_transform(docs), req["options"])
        else:
            v = TfidfVectorizer().fit(docs)
            timing = measure_with_cpu(lambda: v.transform(docs), req["options"])
        if case.get("check"):
            v = TfidfVectorizer()
            X = v.fit_transform(docs).tocoo()
            names = v.get_feature_names_out()
            rng = np.random.default_rng(0)
            picks = rng.choice(X.nnz, size=min(2000, X.nnz), replace=False)
            name_picks = rng.choice(len(names), size=min(500, len(names)), replace=False)
            timing["check"] = {
                "nFeatures": int(len(names)),
                "nnz": int(X.nnz),
                "sampleNames": [[int(i), str(names[i])] for i in name_picks],
                "sampleValues": [[int(X.row[k]), int(X.col[k]), float(X.data[k])] for k in picks],
            }
        timing["id"] = case["id"]
        results.append(timing)
    del controller
    emit(info, results)


if __name__ == "__main__":
    main()
