"""Checks one `warehouse run-segmentation` run against scikit-learn (run by scripts/compare-sklearn.sh).

    python compare_sklearn.py --db PATH [--run-id ID] [--timing-only]

Rebuilds the run's features from the database on its own (users with at least one like and an id up
to the run's max_user_id, in id order; every feature set of the vocabulary is supported), then:

  * StandardScaler means/stds vs feature_scaling (|diff| <= 1e-9 * max(1, |value|));
  * PCA(n_components = the run's) explained_variance_ratio_ vs pca_variance (kept rows), 1e-9;
    the run's automatic choice of components vs the fewest reaching 90 % (at least 2);
  * PCA scores vs pca_scores up to each component's sign, 1e-6; loadings vs pca_loadings likewise;
  * on the STORED pca_scores: KMeans(k, n_init=10, random_state=0, the run's max_iter and tol);
    our inertia (stored and recomputed from segment_centroids and segment_assignments) must be
    <= sklearn's inertia_ x 1.001; assignments must be nearest-centroid; ARI ours vs sklearn;
    ARI of each vs user_personas (the planted truth) and the stored segmentation_runs.ari.

Prints one PASS/FAIL line per check and exits 1 when any fails (2 on a usage or data error).
--timing-only skips the checks and times sklearn's fits (run it with OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE unset, see the shell script).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_info, threadpool_limits

FEATURE_SETS = ["category_share", "category_log1p", "category_count", "subcategory_share",
                "subcategory_log1p", "subcategory_count", "age", "liked_posts", "log_liked_posts"]


class Report:
    def __init__(self) -> None:
        self.failures = 0
        self.checks = 0

    def check(self, ok: bool, name: str, detail: str) -> None:
        self.checks += 1
        self.failures += 0 if ok else 1
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}", flush=True)

    @staticmethod
    def info(name: str, detail: str) -> None:
        print(f"INFO  {name}: {detail}", flush=True)


def die(message: str) -> None:
    print(f"compare_sklearn: {message}", file=sys.stderr)
    sys.exit(2)


def print_threadpools(prefix: str) -> None:
    env = {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS",
                                           "OPENBLAS_NUM_THREADS")}
    print(f"{prefix}environment: " + ", ".join(f"{k}={'(unset)' if v is None else v}" for k, v in env.items()))
    for pool in threadpool_info():
        extra = ""
        if pool.get("internal_api") == "openblas":
            extra = f", kernel {pool.get('architecture')}, threading {pool.get('threading_layer')}"
        print(f"{prefix}threadpool: {pool.get('user_api')}/{pool.get('internal_api')} {pool.get('version')}, "
              f"{pool.get('num_threads')} threads{extra} ({os.path.basename(pool.get('filepath', ''))})")


def load_run(con: sqlite3.Connection, run_id: int | None) -> dict:
    if run_id is None:
        row = con.execute("SELECT max(id) FROM segmentation_runs").fetchone()
        if row[0] is None:
            die("the database has no segmentation run (run `warehouse run-segmentation` first)")
        run_id = row[0]
    cur = con.execute("SELECT * FROM segmentation_runs WHERE id = ?", (run_id,))
    row = cur.fetchone()
    if row is None:
        die(f"no segmentation run with id {run_id}")
    return dict(zip([c[0] for c in cur.description], row))


def build_features(con: sqlite3.Connection, run: dict) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Feature matrix (users with >= 1 like and id <= max_user_id, id order), user ids, names."""
    sets = [s.strip() for s in run["features"].split(",")]
    unknown = [s for s in sets if s not in FEATURE_SETS]
    if unknown:
        die(f"run {run['id']} uses feature set(s) {', '.join(unknown)} that this script does not know "
            f"(it supports: {', '.join(FEATURE_SETS)})")
    max_id = run["max_user_id"]
    categories = pd.read_sql_query("SELECT id, name FROM categories ORDER BY id", con)
    subcategories = pd.read_sql_query("SELECT id, category_id, name FROM subcategories ORDER BY id", con)
    users = pd.read_sql_query("SELECT id, age, liked_posts FROM users WHERE id <= ? ORDER BY id", con, params=(max_id,))
    likes = pd.read_sql_query("SELECT user_id, subcategory_id, likes FROM user_likes WHERE user_id <= ?",
                              con, params=(max_id,))
    rows = np.searchsorted(users["id"].to_numpy(), likes["user_id"].to_numpy())  # users are in id order
    sub_col = pd.Series(np.arange(len(subcategories)), index=subcategories["id"].to_numpy())
    cat_col = pd.Series(np.arange(len(categories)), index=categories["id"].to_numpy())
    sub_index = sub_col.loc[likes["subcategory_id"].to_numpy()].to_numpy()
    sub_to_cat = cat_col.loc[subcategories["category_id"].to_numpy()].to_numpy()
    n_users, n_sub, n_cat = len(users), len(subcategories), len(categories)
    sub_likes = np.zeros((n_users, n_sub))
    sub_likes[rows, sub_index] = likes["likes"].to_numpy()  # (user_id, subcategory_id) is the primary key
    cat_likes = np.zeros((n_users, n_cat))
    for j in range(n_sub):
        cat_likes[:, sub_to_cat[j]] += sub_likes[:, j]
    total = sub_likes.sum(axis=1)
    keep = total > 0
    inverse = np.where(keep, 1.0 / np.where(keep, total, 1.0), 0.0)
    ages = users["age"].to_numpy(dtype=float)
    posts = users["liked_posts"].to_numpy(dtype=float)
    columns, names = [], []
    for s in sets:
        if s.startswith("category_"):
            base, labels = cat_likes, categories["name"].tolist()
        elif s.startswith("subcategory_"):
            base, labels = sub_likes, subcategories["name"].tolist()
        if s in ("category_share", "subcategory_share"):
            columns.append(base * inverse[:, None]); names += [f"share_{n}" for n in labels]
        elif s in ("category_log1p", "subcategory_log1p"):
            columns.append(np.log1p(base)); names += [f"log1p_{n}" for n in labels]
        elif s in ("category_count", "subcategory_count"):
            columns.append(base.copy()); names += [f"likes_{n}" for n in labels]
        elif s == "age":
            columns.append(ages[:, None]); names.append("age")
        elif s == "liked_posts":
            columns.append(posts[:, None]); names.append("liked_posts")
        elif s == "log_liked_posts":
            columns.append(np.log1p(posts)[:, None]); names.append("log_liked_posts")
    x = np.hstack(columns)[keep]
    return x, users["id"].to_numpy()[keep], names


def load_matrix(con: sqlite3.Connection, sql: str, run_id: int, key: str, col: str, value: str) -> pd.DataFrame:
    frame = pd.read_sql_query(sql, con, params=(run_id,))
    return frame.pivot(index=key, columns=col, values=value).sort_index()


def scores_and_labels(con: sqlite3.Connection, run: dict):
    scores = load_matrix(con, "SELECT user_id, component, score FROM pca_scores WHERE run_id = ?",
                         run["id"], "user_id", "component", "score")
    assign = pd.read_sql_query(
        "SELECT user_id, segment, distance, method FROM segment_assignments WHERE run_id = ? ORDER BY user_id",
        con, params=(run["id"],)).set_index("user_id")
    fitted = assign[assign["method"] == "fitted"]
    scores = scores.loc[fitted.index] if len(fitted) != len(scores) else scores
    return scores, fitted


def time_sklearn(x: np.ndarray, run: dict, repeat: int) -> None:
    """Speed figures for the comparison with the warehouse (k-means on the stored scores).

    Timed twice: with the libraries' default threads (OpenMP: one per core) and limited to one
    thread, since OpenMP's spinning workers slow down badly when the cores are busy with other work.
    """
    k, max_iter, tol = run["k"], run["max_iter"], run["tol"]
    n, m = x.shape
    print(f"timing on {n} x {m} stored scores, k = {k} (scikit-learn {sklearn.__version__}, numpy {np.__version__}); "
          f"load average {', '.join(f'{v:.2f}' for v in os.getloadavg())} on {os.cpu_count()} cores")
    print_threadpools("  ")
    KMeans(n_clusters=k, n_init=1, random_state=0, max_iter=5).fit(x[: min(n, 10_000)])  # warm-up
    for label, limit in (("default threads", None), ("1 thread", 1)):
        with threadpool_limits(limits=limit):
            best10, km = None, None
            for _ in range(repeat):
                t = time.perf_counter()
                km = KMeans(n_clusters=k, n_init=10, random_state=0, max_iter=max_iter, tol=tol).fit(x)
                elapsed = time.perf_counter() - t
                best10 = elapsed if best10 is None else min(best10, elapsed)
            per_iter = []
            for seed in range(max(repeat, 3)):
                t = time.perf_counter()
                one = KMeans(n_clusters=k, n_init=1, random_state=seed, max_iter=max_iter, tol=tol).fit(x)
                per_iter.append((time.perf_counter() - t) / max(one.n_iter_, 1))
            overhead = []
            for _ in range(3):
                t = time.perf_counter()
                KMeans(n_clusters=k, n_init=1, init=km.cluster_centers_, max_iter=1, tol=0).fit(x)
                overhead.append(time.perf_counter() - t)
        print(f"  sklearn, {label}: KMeans(n_init=10) fit {best10:.3f} s (best of {repeat}; best restart "
              f"{km.n_iter_} iterations); KMeans(n_init=1) {1e3 * min(per_iter):.2f} ms per Lloyd iteration "
              f"(fit time / n_iter_, k-means++ included, best of {len(per_iter)}); a whole one-step fit from "
              f"given centres {1e3 * min(overhead):.2f} ms")
    print(f"  (warehouse run {run['id']}: {run['iterations']} iterations in its best restart, run total "
          f"{run['seconds']:.2f} s with {run['threads']} threads, all stages)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--run-id", type=int)
    parser.add_argument("--timing-only", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="timing repetitions (best is printed)")
    args = parser.parse_args()
    if not os.path.exists(args.db):
        die(f"no database at {args.db}")
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    run = load_run(con, args.run_id)
    k, m = run["k"], run["n_components"]

    if args.timing_only:
        scores, _ = scores_and_labels(con, run)
        time_sklearn(scores.to_numpy(), run, args.repeat)
        return 0

    report = Report()
    print(f"run {run['id']}: k = {k}, {m} components, features {run['features']}, {run['users']} users, "
          f"seed {run['seed']}, n_init {run['n_init']}, max_iter {run['max_iter']}, tol {run['tol']}")
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, pandas {pd.__version__}")
    print_threadpools("")

    # --- features and scaling -------------------------------------------------------------------
    t = time.perf_counter()
    x, user_ids, names = build_features(con, run)
    report.info("features", f"rebuilt {x.shape[0]} x {x.shape[1]} from the database in {time.perf_counter() - t:.2f} s")
    report.check(x.shape[0] == run["users"], "users clustered",
                 f"{x.shape[0]} users with likes rebuilt, run says {run['users']}")
    scaling = pd.read_sql_query("SELECT feature_index, feature, mean, std FROM feature_scaling WHERE run_id = ? "
                                "ORDER BY feature_index", con, params=(run["id"],))
    report.check(scaling["feature"].tolist() == names, "feature names", ", ".join(names))
    scaler = StandardScaler().fit(x)
    tol_mean = 1e-9 * np.maximum(1, np.abs(scaling["mean"].to_numpy()))
    tol_std = 1e-9 * np.maximum(1, np.abs(scaling["std"].to_numpy()))
    d_mean = np.abs(scaler.mean_ - scaling["mean"].to_numpy())
    d_std = np.abs(scaler.scale_ - scaling["std"].to_numpy())
    report.check(bool(np.all(d_mean <= tol_mean)), "StandardScaler mean_ vs feature_scaling.mean",
                 f"max abs diff {d_mean.max():.3e} (tolerance 1e-9, relative above 1)")
    report.check(bool(np.all(d_std <= tol_std)), "StandardScaler scale_ vs feature_scaling.std",
                 f"max abs diff {d_std.max():.3e} (tolerance 1e-9, relative above 1)")
    z = scaler.transform(x)

    # --- PCA ------------------------------------------------------------------------------------
    variance = pd.read_sql_query("SELECT component, variance, variance_ratio, kept FROM pca_variance "
                                 "WHERE run_id = ? ORDER BY component", con, params=(run["id"],))
    kept = variance[variance["kept"] == 1]
    report.check(len(kept) == m, "kept components", f"pca_variance marks {len(kept)} kept, run has n_components {m}")
    full = PCA().fit(z)
    cumulative = np.cumsum(full.explained_variance_ratio_)
    auto = max(min(2, z.shape[1]), int(np.searchsorted(cumulative, 0.9 - 1e-12) + 1))
    report.info("automatic choice", f"fewest components reaching 90% (at least 2) per sklearn: {auto}; run kept {m} "
                f"(equal unless --components was given); cumulative ratios "
                + ", ".join(f"{c:.4f}" for c in cumulative))
    d_all = np.abs(full.explained_variance_ratio_ - variance["variance_ratio"].to_numpy()[: len(cumulative)])
    report.info("all components", f"max abs diff of variance_ratio over all {len(d_all)} components {d_all.max():.3e}")
    pca = PCA(n_components=m).fit(z)
    d_ratio = np.abs(pca.explained_variance_ratio_ - kept["variance_ratio"].to_numpy())
    report.check(bool(d_ratio.max() <= 1e-9), "PCA explained_variance_ratio_ vs pca_variance.variance_ratio",
                 f"max abs diff {d_ratio.max():.3e} (tolerance 1e-9; solver {pca._fit_svd_solver})")
    d_var = np.abs(pca.explained_variance_ - kept["variance"].to_numpy()) / np.maximum(1, pca.explained_variance_)
    report.check(bool(d_var.max() <= 1e-9), "PCA explained_variance_ vs pca_variance.variance",
                 f"max relative diff {d_var.max():.3e} (tolerance 1e-9)")
    ours_scores, fitted = scores_and_labels(con, run)
    report.check(np.array_equal(ours_scores.index.to_numpy(), user_ids), "scored users",
                 f"pca_scores has {len(ours_scores)} users, rebuilt features {len(user_ids)}; same ids: "
                 f"{np.array_equal(ours_scores.index.to_numpy(), user_ids)}")
    sk_scores = pca.transform(z)
    ours = ours_scores.to_numpy()
    if ours.shape == sk_scores.shape:
        signs = np.sign(np.sum(ours * sk_scores, axis=0))
        signs[signs == 0] = 1
        d_scores = np.abs(ours - sk_scores * signs)
        flipped = [c + 1 for c in range(m) if signs[c] < 0]
        report.check(bool(d_scores.max() <= 1e-6), "PCA scores vs pca_scores (up to sign)",
                     f"max abs diff {d_scores.max():.3e} (tolerance 1e-6; components with the opposite sign: "
                     f"{flipped or 'none'})")
        loadings = load_matrix(con, "SELECT component, feature, loading FROM pca_loadings WHERE run_id = ?",
                               run["id"], "component", "feature", "loading")[names].to_numpy()
        d_load = np.abs(loadings - pca.components_ * signs[:, None])
        report.check(bool(d_load.max() <= 1e-9), "PCA components_ vs pca_loadings (up to sign)",
                     f"max abs diff {d_load.max():.3e} (tolerance 1e-9)")
    else:
        report.check(False, "PCA scores vs pca_scores", f"shapes differ: stored {ours.shape}, sklearn {sk_scores.shape}")

    # --- k-means on the stored scores -------------------------------------------------------------
    centroids = load_matrix(con, "SELECT segment, component, value FROM segment_centroids WHERE run_id = ?",
                            run["id"], "segment", "component", "value").to_numpy()
    labels = fitted["segment"].to_numpy() - 1
    sq = ((ours[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    recomputed = float(sq[np.arange(len(labels)), labels].sum())
    nearest = sq.argmin(axis=1)
    ties = np.isclose(sq[np.arange(len(labels)), labels], sq.min(axis=1), rtol=1e-12, atol=1e-12)
    report.check(bool(np.all((nearest == labels) | ties)), "assignments are nearest-centroid",
                 f"{int(np.sum((nearest != labels) & ~ties))} of {len(labels)} users are not")
    d_dist = np.abs(np.sqrt(sq[np.arange(len(labels)), labels]) - fitted["distance"].to_numpy())
    report.check(bool(d_dist.max() <= 1e-9), "segment_assignments.distance", f"max abs diff {d_dist.max():.3e} (1e-9)")
    rel = abs(recomputed - run["inertia"]) / max(run["inertia"], 1e-300)
    report.check(rel <= 1e-9, "stored inertia vs recomputed from centroids/assignments",
                 f"{run['inertia']:.6f} vs {recomputed:.6f} (relative diff {rel:.2e})")
    t = time.perf_counter()
    km = KMeans(n_clusters=k, n_init=10, random_state=0, max_iter=run["max_iter"], tol=run["tol"]).fit(ours)
    fit_seconds = time.perf_counter() - t
    ratio = run["inertia"] / km.inertia_
    report.check(run["inertia"] <= km.inertia_ * 1.001 and recomputed <= km.inertia_ * 1.001,
                 "inertia ours <= sklearn x 1.001",
                 f"ours {run['inertia']:.6f} (recomputed {recomputed:.6f}), sklearn {km.inertia_:.6f}, "
                 f"ratio {ratio:.6f}; sklearn {km.n_iter_} iterations, ours {run['iterations']}")
    ari_sk = adjusted_rand_score(labels, km.labels_)
    if abs(ratio - 1) <= 1e-3:
        report.check(ari_sk >= 0.99, "ARI ours vs sklearn (same optimum: inertias within 0.1%)", f"{ari_sk:.6f} (>= 0.99)")
    else:
        report.info("ARI ours vs sklearn", f"{ari_sk:.6f} (different optima; not checked)")
    truth = pd.read_sql_query("SELECT user_id, persona_id FROM user_personas", con).set_index("user_id")["persona_id"]
    truth = truth.reindex(fitted.index)
    if truth.notna().all() and len(truth) > 0:
        ari_ours = adjusted_rand_score(truth.to_numpy(), labels)
        ari_sklearn = adjusted_rand_score(truth.to_numpy(), km.labels_)
        report.info("ARI vs planted personas", f"ours {ari_ours:.6f}, sklearn {ari_sklearn:.6f}")
        if run["ari"] is not None:
            report.check(abs(ari_ours - run["ari"]) <= 1e-9, "segmentation_runs.ari vs recomputed",
                         f"stored {run['ari']:.9f}, recomputed {ari_ours:.9f}")
        report.check(ari_ours >= ari_sklearn - 0.01, "ARI vs personas: ours >= sklearn's - 0.01",
                     f"{ari_ours:.4f} vs {ari_sklearn:.4f}")
    else:
        report.info("ARI vs planted personas", "user_personas does not cover the fitted users; skipped")
    report.info("sklearn fit", f"KMeans(n_init=10) {fit_seconds:.3f} s, {km.n_iter_} iterations in the best restart "
                f"(untuned environment; see the timing section for the fair figure)")

    print(f"{report.checks - report.failures} passed, {report.failures} failed")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
