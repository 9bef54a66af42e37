#!/usr/bin/python3
"""Writes the expected EASE weights and implicit-ALS factors for the io.retailseg.evaluate tests, by numpy.

Run from the repository root with Debian's python3 (numpy 1.24):

    /usr/bin/python3 core/src/test/python/make_recommender_fixtures.py

A small customer x product matrix (one customer with no product, one product nobody bought) comes from a
fixed numpy seed. EASE (Steck 2019) is computed with a plain dense inverse, ALS (Hu, Koren and Volinsky
2008) with the full per-row normal equations Y^T C^u Y + lambda I (no Y^T Y trick), from starting item
factors drawn here and stored in the fixture, so the Java implementation runs the same deterministic
iterations. Output: core/src/test/resources/fixtures/evaluate/recommenders.json; the Java tests never
need Python.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "evaluate")


def ease(x, lam):
    g = x.T @ x + lam * np.eye(x.shape[1])
    p = np.linalg.inv(g)
    b = -p / np.diag(p)[None, :]
    np.fill_diagonal(b, 0.0)
    return b


def als(r, y0, factors, lam, alpha, iterations):
    pref = (r > 0).astype(float)
    conf = 1.0 + alpha * r
    y = y0.copy()
    x = np.zeros((r.shape[0], factors))

    def half(target, other, pref, conf):
        for u in range(target.shape[0]):
            cu = np.diag(conf[u])
            a = other.T @ cu @ other + lam * np.eye(factors)
            target[u] = np.linalg.solve(a, other.T @ cu @ pref[u])

    for _ in range(iterations):
        half(x, y, pref, conf)
        half(y, x, pref.T, conf.T)
    return x, y


def main():
    rng = np.random.default_rng(20190513)
    users, items = 30, 12
    bought = rng.random((users, items)) < 0.3
    bought[0, :] = False          # a customer with no product
    bought[:, items - 1] = False  # a product nobody bought
    counts = np.where(bought, rng.integers(1, 5, (users, items)), 0)
    rows = [np.flatnonzero(bought[u]).tolist() for u in range(users)]
    row_counts = [counts[u, bought[u]].tolist() for u in range(users)]

    ease_lambda = 3.0
    b = ease(bought.astype(float), ease_lambda)

    factors, lam, alpha, iterations = 4, 0.5, 2.0, 5
    y0 = rng.uniform(-0.05, 0.05, (items, factors))
    x, y = als(counts.astype(float), y0, factors, lam, alpha, iterations)

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "recommenders.json"), "w") as f:
        json.dump({"generator": "core/src/test/python/make_recommender_fixtures.py", "numpy": np.__version__,
                   "items": items, "rows": rows, "counts": row_counts,
                   "ease": {"lambda": ease_lambda, "B": b.tolist()},
                   "als": {"factors": factors, "lambda": lam, "alpha": alpha, "iterations": iterations,
                           "initial_items": y0.tolist(), "users": x.tolist(), "item_factors": y.tolist()}},
                  f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
