#!/usr/bin/python3
"""Writes the expected values for the io.retailseg.ml unit tests, computed by scikit-learn / numpy.

Run from the repository root with Debian's python3 (scikit-learn 1.2, numpy 1.24):

    /usr/bin/python3 core/src/test/python/make_ml_fixtures.py

Every data set is generated from a fixed numpy seed and stored next to sklearn's results in
core/src/test/resources/fixtures/ml/*.json, so the Java tests never need Python.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.decomposition import PCA
from sklearn.ensemble import IsolationForest
from sklearn.ensemble._iforest import _average_path_length
from sklearn.metrics import (calinski_harabasz_score, davies_bouldin_score, silhouette_samples,
                             silhouette_score)
from sklearn.preprocessing import StandardScaler

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "ml")


def write(name, payload):
    payload = {"generator": "core/src/test/python/make_ml_fixtures.py",
               "sklearn": sklearn.__version__, "numpy": np.__version__, **payload}
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(payload, f, separators=(",", ":"))
        f.write("\n")


def rows(a):
    return [[float(v) for v in row] for row in np.asarray(a)]


def vec(a):
    return [float(v) for v in np.asarray(a).ravel()]


def sign_rule(components):
    """The Java rule: each component's largest-magnitude loading (first on ties) is positive."""
    out = components.copy()
    for i, row in enumerate(out):
        if row[np.argmax(np.abs(row))] < 0:
            out[i] = -row
    return out


def scaler():
    rng = np.random.default_rng(11)
    x = np.column_stack([
        rng.normal(50.0, 12.0, 60),       # standardized
        rng.exponential(3.0, 60),         # standardized
        np.full(60, 7.25),                # constant: scale 1
        rng.integers(0, 7, 60).astype(float),  # passes through (like Day_Of_Week)
        rng.normal(-2.0, 0.01, 60),       # standardized, small spread
    ])
    standardize = [True, True, True, False, True]
    cols = [j for j, s in enumerate(standardize) if s]
    sk = StandardScaler().fit(x[:, cols])
    means = np.zeros(x.shape[1])
    scales = np.ones(x.shape[1])
    means[cols] = sk.mean_
    scales[cols] = sk.scale_
    transformed = x.copy()
    transformed[:, cols] = sk.transform(x[:, cols])
    write("scaler.json", {"x": rows(x), "standardize": standardize, "means": vec(means),
                          "scales": vec(scales), "transformed": rows(transformed)})


def pca():
    rng = np.random.default_rng(12)
    latent = rng.normal(size=(100, 3)) * [4.0, 2.0, 1.0]
    mixing = rng.normal(size=(3, 6))
    x = latent @ mixing + rng.normal(scale=0.3, size=(100, 6)) + [10, -5, 0, 3, 1, 100]
    keep = 3
    sk = PCA(n_components=keep, svd_solver="full").fit(x)
    full = PCA(svd_solver="full").fit(x)
    components = sign_rule(sk.components_)
    transformed = (x - sk.mean_) @ components.T
    write("pca.json", {"x": rows(x), "components": keep, "mean": vec(sk.mean_),
                       "axes": rows(components), "explained_variance": vec(sk.explained_variance_),
                       "explained_variance_ratio": vec(sk.explained_variance_ratio_),
                       "all_explained_variance_ratio": vec(full.explained_variance_ratio_),
                       "transformed": rows(transformed)})


def clustering():
    # Well separated: 4 blobs in 5 dimensions, k-means must find exactly these groups.
    x, truth = make_blobs(n_samples=160, n_features=5, centers=4, cluster_std=0.8, center_box=(-12, 12),
                          random_state=7)
    km = KMeans(n_clusters=4, n_init=10, random_state=0, algorithm="lloyd").fit(x)
    # Metrics for the k-means labels and for an arbitrary, overlapping 3-way labelling
    # (includes a singleton cluster to check the "alone in its cluster gets 0" rule).
    other = (np.arange(len(x)) * 7 + truth) % 3
    other[5] = 3
    metrics = {}
    for name, labels, k in (("kmeans", km.labels_, 4), ("arbitrary", other, 4)):
        metrics[name] = {"labels": [int(v) for v in labels], "k": k,
                         "silhouette_samples": vec(silhouette_samples(x, labels)),
                         "silhouette": float(silhouette_score(x, labels)),
                         "calinski_harabasz": float(calinski_harabasz_score(x, labels)),
                         "davies_bouldin": float(davies_bouldin_score(x, labels))}
    write("blobs.json", {"x": rows(x), "k": 4, "labels": [int(v) for v in km.labels_],
                         "inertia": float(km.inertia_), "metrics": metrics})

    # Less separated: 5 overlapping blobs in 4 dimensions, compare the best inertia of 10 restarts.
    y, _ = make_blobs(n_samples=300, n_features=4, centers=5, cluster_std=2.5, center_box=(-6, 6),
                      random_state=8)
    km = KMeans(n_clusters=5, n_init=10, random_state=0, algorithm="lloyd").fit(y)
    write("overlap.json", {"x": rows(y), "k": 5, "inertia": float(km.inertia_)})


def isolation():
    rng = np.random.default_rng(13)
    inliers = rng.normal(size=(285, 4))
    # 15 planted points far from the cloud (5% of 300 rows), in different directions.
    directions = rng.normal(size=(15, 4))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    outliers = directions * rng.uniform(9.0, 14.0, size=(15, 1))
    x = np.vstack([inliers, outliers])
    planted = list(range(285, 300))
    forest = IsolationForest(n_estimators=100, max_samples=256, contamination=0.05, random_state=0).fit(x)
    sk_flagged = np.flatnonzero(forest.predict(x) == -1)

    # Hand-checkable threshold cases: the Java threshold must equal -np.percentile(-scores, 100 c).
    cases = []
    small = np.array([0.31, 0.72, 0.45, 0.58, 0.66, 0.39, 0.52, 0.81, 0.47, 0.35])
    for scores, contamination in ((small, 0.1), (small, 0.05), (small, 0.25), (small, 0.5),
                                  (-forest.score_samples(x), 0.05)):
        offset = np.percentile(-scores, 100.0 * contamination)
        cases.append({"scores": vec(scores), "contamination": contamination, "threshold": float(-offset),
                      "flagged": int(np.sum(-scores < offset))})
    ns = [1, 2, 3, 4, 5, 10, 100, 256, 4000]
    write("iforest.json", {"x": rows(x), "planted": planted, "sklearn_flagged": [int(i) for i in sk_flagged],
                           "average_path_length": {"n": ns, "c": vec(_average_path_length(ns))},
                           "threshold_cases": cases})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    scaler()
    pca()
    clustering()
    isolation()
