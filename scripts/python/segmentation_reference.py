"""The notebook way of doing what `warehouse run-segmentation --k 4` does, stage by stage, timed
(run by scripts/bench-segmentation-python.sh; the product never needs Python).

    python segmentation_reference.py --db PATH [--k 4] [--seed 42] [--warehouse-json FILE]

Stages (the warehouse's protocol):
  read      pandas read_sql of user_likes JOIN subcategories, and of users and user_personas
  features  groupby (user, category) sum, unstack, shares = likes / the user's likes (users with
            likes only), StandardScaler
  pca       PCA fit (all components), keep the fewest reaching 90 % of the variance (at least 2),
            transform
  elbow     k = 1..10: KMeans(n_init=3) fitted on a seeded 100,000-row sample, inertia evaluated on
            all rows, silhouette (k >= 2) on a seeded 10,000-row sample
  fit       KMeans(k, n_init=10), silhouette on a 10,000-row sample, ARI vs user_personas

With --warehouse-json (the output of `warehouse run-segmentation --json`), prints both sides'
stage times in one table. --threads N limits sklearn's BLAS/OpenMP threads: on a busy machine its
default OpenMP threads (one per core) can be many times slower than one thread. The warehouse's `profile` and `write` stages (segment profiles, and
storing scores and assignments in SQLite) have no Python counterpart here.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_info, threadpool_limits

ELBOW_KS = range(1, 11)
ELBOW_SAMPLE = 100_000
ELBOW_N_INIT = 3
SILHOUETTE_SAMPLE = 10_000
VARIANCE_TARGET = 0.9


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--k", type=int, default=4)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--warehouse-json")
    parser.add_argument("--threads", type=int, help="limit BLAS/OpenMP threads (threadpoolctl); default: the libraries' own")
    args = parser.parse_args()
    if args.threads:
        threadpool_limits(limits=args.threads)
    stages: list[tuple[str, float]] = []
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stages.append((name, now - clock))
        clock = now

    total_start = clock
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    likes = pd.read_sql(
        "SELECT l.user_id, s.category_id, l.likes FROM user_likes AS l JOIN subcategories AS s ON s.id = l.subcategory_id",
        con)
    users = pd.read_sql("SELECT id AS user_id, age, liked_posts FROM users", con).set_index("user_id")
    personas = pd.read_sql("SELECT user_id, persona_id FROM user_personas", con).set_index("user_id")["persona_id"]
    categories = pd.read_sql("SELECT id, name FROM categories ORDER BY id", con).set_index("id")["name"]
    con.close()
    lap("read")

    per_category = likes.groupby(["user_id", "category_id"])["likes"].sum().unstack(fill_value=0)
    per_category = per_category.reindex(columns=categories.index, fill_value=0)
    per_category.columns = [f"share_{name}" for name in categories]
    totals = per_category.sum(axis=1)
    per_category = per_category[totals > 0].sort_index()
    shares = per_category.div(totals[totals > 0], axis=0)
    x = StandardScaler().fit_transform(shares.to_numpy(dtype=float))
    lap("features")

    pca = PCA().fit(x)
    cumulative = np.cumsum(pca.explained_variance_ratio_)
    m = max(min(2, x.shape[1]), int(np.searchsorted(cumulative, VARIANCE_TARGET - 1e-12) + 1))
    scores = np.ascontiguousarray(pca.transform(x)[:, :m])
    lap("pca")

    rng = np.random.default_rng(args.seed)
    n = scores.shape[0]
    sample = scores[rng.choice(n, ELBOW_SAMPLE, replace=False)] if n > ELBOW_SAMPLE else scores
    silhouette_rows = rng.choice(n, SILHOUETTE_SAMPLE, replace=False) if n > SILHOUETTE_SAMPLE else np.arange(n)
    elbow = []
    elbow_split = {"kmeans": 0.0, "inertia on all rows": 0.0, "silhouette": 0.0}
    for k in ELBOW_KS:
        if k > sample.shape[0]:
            break
        t = time.perf_counter()
        km = KMeans(n_clusters=k, n_init=ELBOW_N_INIT, random_state=args.seed).fit(sample)
        t1 = time.perf_counter()
        labels = km.predict(scores)
        inertia = float(((scores - km.cluster_centers_[labels]) ** 2).sum())
        t2 = time.perf_counter()
        silhouette = (silhouette_score(scores[silhouette_rows], labels[silhouette_rows])
                      if k >= 2 and len(np.unique(labels[silhouette_rows])) >= 2 else None)
        elbow_split["kmeans"] += t1 - t
        elbow_split["inertia on all rows"] += t2 - t1
        elbow_split["silhouette"] += time.perf_counter() - t2
        elbow.append((k, inertia, silhouette))
    lap("elbow")

    final = KMeans(n_clusters=args.k, n_init=10, random_state=args.seed).fit(scores)
    silhouette = silhouette_score(scores[silhouette_rows], final.labels_[silhouette_rows]) if args.k >= 2 else None
    truth = personas.reindex(shares.index)
    ari = adjusted_rand_score(truth.to_numpy(), final.labels_) if truth.notna().all() else None
    lap("fit")
    total = time.perf_counter() - total_start

    pools = ", ".join(f"{p.get('internal_api')} {p.get('num_threads')} threads"
                      + (f" ({p.get('architecture')})" if p.get("internal_api") == "openblas" else "")
                      for p in threadpool_info())
    print(f"python: scikit-learn {sklearn.__version__}, numpy {np.__version__}, pandas {pd.__version__}; {pools}; "
          f"load average {', '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(f"python: {n} users with likes of {len(users)}, {m} components "
          f"({100 * cumulative[m - 1]:.1f}% of the variance), inertia {final.inertia_:.1f} after {final.n_iter_} "
          f"iterations, silhouette {silhouette:.3f}, ARI vs personas {ari if ari is None else round(ari, 3)}")
    print("python elbow: " + ", ".join(f"k={k} {inertia:.0f}" for k, inertia, _ in elbow))
    print("python elbow time: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in elbow_split.items()))

    warehouse = {}
    if args.warehouse_json:
        with open(args.warehouse_json, encoding="utf-8") as f:
            summary = json.load(f)
        warehouse = {s["stage"]: s["seconds"] for s in summary.get("stages", [])}
        # The elbow and the fit run beside the writing of the PCA scores ("background" stages,
        # overlapping "write scores"); listed here for the side-by-side, not added to the total.
        for s in summary.get("background_stages", []):
            warehouse[s["stage"] + " (bg)"] = s["seconds"]
        print(f"warehouse: {summary.get('users')} users, {len(summary.get('components', []))} components, inertia "
              f"{summary.get('inertia', float('nan')):.1f} after {summary.get('iterations')} iterations, silhouette "
              f"{summary.get('silhouette')}, ARI vs personas {summary.get('adjusted_rand_index')}")
        print("warehouse elbow: " + ", ".join(f"k={e['k']} {e['inertia']:.0f}" for e in summary.get("elbow", [])))
    python = dict(stages)
    names = [s for s, _ in stages] + [s for s in warehouse if s not in python and s.removesuffix(" (bg)") not in python]
    print()
    print(f"{'stage':<10}{'python s':>10}{'warehouse s':>13}{'ratio':>8}")
    for name in names:
        p, w = python.get(name), warehouse.get(name, warehouse.get(name + " (bg)"))
        ratio = f"{p / w:.1f}×" if p is not None and w else "-"
        print(f"{name:<10}{'-' if p is None else f'{p:.2f}':>10}{'-' if w is None else f'{w:.2f}':>13}{ratio:>8}")
    if warehouse:
        w_total = summary.get("seconds")
        print(f"{'total':<10}{total:>10.2f}{w_total:>13.2f}{total / w_total:>7.1f}×")
    else:
        print(f"{'total':<10}{total:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
