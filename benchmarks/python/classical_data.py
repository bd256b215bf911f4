"""Writes the classical benchmark's data set: scikit-learn's make_classification(n_samples=20000,
n_features=16, n_informative=10, n_classes=4, n_clusters_per_class=2, random_state=0).

Usage: /usr/bin/python3 benchmarks/python/classical_data.py OUT.bin
OUT.bin: 20000 × 16 float64 X (row-major), then 20000 int32 labels.
"""
import sys

import numpy as np
from sklearn.datasets import make_classification


def main():
    X, y = make_classification(n_samples=20000, n_features=16, n_informative=10, n_classes=4, n_clusters_per_class=2, random_state=0)
    with open(sys.argv[1], "wb") as f:
        f.write(np.ascontiguousarray(X, dtype=np.float64).tobytes())
        f.write(np.ascontiguousarray(y, dtype=np.int32).tobytes())


if __name__ == "__main__":
    main()
