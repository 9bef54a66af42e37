#!/usr/bin/python3
"""Writes the expected values for the io.retailseg.evaluate unit tests, computed by scikit-learn.

Run from the repository root with Debian's python3 (scikit-learn 1.2, numpy 1.24):

    /usr/bin/python3 core/src/test/python/make_evaluate_fixtures.py

Label pairs come from a fixed numpy seed and are stored next to sklearn's adjusted_rand_score in
core/src/test/resources/fixtures/evaluate/ari.json, so the Java tests never need Python.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.metrics import adjusted_rand_score

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "evaluate")


def main():
    rng = np.random.default_rng(20070101)
    cases = []
    for n, ka, kb in [(10, 2, 2), (25, 3, 4), (50, 5, 3), (200, 4, 4), (500, 8, 6), (1000, 2, 7)]:
        a = rng.integers(0, ka, n)
        b = rng.integers(0, kb, n)
        cases.append({"name": f"independent n={n} ka={ka} kb={kb}", "a": a.tolist(), "b": b.tolist()})
        # mostly agreeing: b is a relabelled a with 10% of the labels redrawn
        perm = rng.permutation(ka)
        c = perm[a]
        flip = rng.random(n) < 0.1
        c[flip] = rng.integers(0, ka, flip.sum())
        cases.append({"name": f"noisy relabelling n={n} k={ka}", "a": a.tolist(), "b": c.tolist()})
    cases.append({"name": "one cluster each", "a": [0] * 6, "b": [0] * 6})
    cases.append({"name": "singletons vs one cluster", "a": list(range(6)), "b": [0] * 6})
    cases.append({"name": "worse than chance", "a": [0, 0, 1, 1], "b": [0, 1, 0, 1]})
    for case in cases:
        case["adjusted_rand_score"] = float(adjusted_rand_score(case["a"], case["b"]))
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "ari.json"), "w") as f:
        json.dump({"generator": "core/src/test/python/make_evaluate_fixtures.py",
                   "sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases},
                  f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
