"""Checks a `warehouse run-segmentation --method latent-class` run with numpy/scipy (run by
scripts/compare-latent-class.sh).

    python compare_latent_class.py --db PATH [--run-id ID]

Rebuilds the run's data from the database on its own: the subcategory like counts of every user
with at least one like and an id up to the run's max_user_id, in id order. With the STORED
parameters (latent_class_components.weight, latent_class_alpha.alpha), independently of the Swift
code (scipy.special.gammaln on every term, scipy.special.logsumexp):

  * the Dirichlet-multinomial mixture log-likelihood
        sum_i log sum_s w_s DM(x_i | alpha_s),
        log DM(x | a) = lgamma(n+1) - sum_j lgamma(x_j+1) + lgamma(A) - lgamma(n+A) + sum_j [lgamma(x_j+a_j) - lgamma(a_j)]
    vs latent_class_fits.log_likelihood, relative difference <= 1e-9;
  * entropy, BIC = -2 ln L + p ln n (p = (k-1) + k J), ICL = BIC + 2 entropy, R2-entropy, 1e-9;
  * each user's most probable segment = the stored one; its posterior and the runner-up's, 1e-9;
  * a reference EM step from the stored parameters (responsibilities, then Minka's fixed point for
    each alpha iterated to convergence on its own): the stored fit is a stationary point, i.e. the
    log-likelihood rises by at most 1e-6 relative and alpha moves by at most 1 % (the run stops on a
    1e-8 relative change of the log-likelihood, not at the exact optimum).

Prints one PASS/FAIL line per check; exits 1 when any fails, 2 on a usage or data error.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys

import numpy as np
from scipy.special import digamma, gammaln, logsumexp


def load(db: str, run_id: int | None):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    if run_id is None:
        row = con.execute("SELECT max(run_id) FROM latent_class_fits").fetchone()
        if row[0] is None:
            sys.exit("compare-latent-class: the database has no latent-class run")
        run_id = row[0]
    run = con.execute("SELECT k, max_user_id FROM segmentation_runs WHERE id = ? AND method = 'latent-class'",
                      (run_id,)).fetchone()
    if run is None:
        print(f"compare-latent-class: run {run_id} is not a latent-class run", file=sys.stderr)
        sys.exit(2)
    k, max_user = run
    subcategories = [r[0] for r in con.execute("SELECT id FROM subcategories ORDER BY id")]
    column = {s: j for j, s in enumerate(subcategories)}
    users = [r[0] for r in con.execute(
        "SELECT id FROM users WHERE id <= ? AND liked_posts > 0 ORDER BY id", (max_user,))]
    row_of = {u: i for i, u in enumerate(users)}
    x = np.zeros((len(users), len(subcategories)), dtype=np.float64)
    for user, sub, likes in con.execute("SELECT user_id, subcategory_id, likes FROM user_likes WHERE user_id <= ?", (max_user,)):
        if user in row_of:
            x[row_of[user], column[sub]] += likes
    keep = x.sum(axis=1) > 0
    x, users = x[keep], [u for u, kept in zip(users, keep) if kept]
    weights = np.array([r[0] for r in con.execute(
        "SELECT weight FROM latent_class_components WHERE run_id = ? ORDER BY segment", (run_id,))])
    alpha = np.zeros((k, len(subcategories)))
    for seg, sub, a in con.execute("SELECT segment, subcategory_id, alpha FROM latent_class_alpha WHERE run_id = ?", (run_id,)):
        alpha[seg - 1, column[sub]] = a
    fit = con.execute("SELECT users, log_likelihood, entropy, parameters, bic, icl, entropy_r2 FROM latent_class_fits WHERE run_id = ?",
                      (run_id,)).fetchone()
    assigned = {u: (s, p, r, rp) for u, s, p, r, rp in con.execute(
        "SELECT user_id, segment, probability, runner_up, runner_up_probability FROM segment_assignments WHERE run_id = ?", (run_id,))}
    return run_id, k, x, users, weights, alpha, fit, assigned


def component_log_pdf(x: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """n x k: log DM(x_i | alpha_s), every term with gammaln."""
    n = x.sum(axis=1)
    coefficient = gammaln(n + 1) - gammaln(x + 1).sum(axis=1)
    out = np.empty((x.shape[0], alpha.shape[0]))
    for s, a in enumerate(alpha):
        total = a.sum()
        out[:, s] = coefficient + gammaln(total) - gammaln(n + total) + (gammaln(x + a) - gammaln(a)).sum(axis=1)
    return out


def minka(x: np.ndarray, r: np.ndarray, alpha: np.ndarray, iterations: int = 2000) -> np.ndarray:
    """Minka's fixed point for one Dirichlet-multinomial with row weights r, to convergence."""
    n = x.sum(axis=1)
    a = alpha.copy()
    for _ in range(iterations):
        total = a.sum()
        numerator = (r[:, None] * (digamma(x + a) - digamma(a))).sum(axis=0)
        denominator = (r * (digamma(n + total) - digamma(total))).sum()
        updated = np.maximum(a * numerator / denominator, 1e-6)
        if np.max(np.abs(updated - a) / a) < 1e-12:
            return updated
        a = updated
    return a


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--run-id", type=int)
    args = parser.parse_args()
    run_id, k, x, users, weights, alpha, fit, assigned = load(args.db, args.run_id)
    stored_users, stored_ll, stored_entropy, parameters, stored_bic, stored_icl, stored_r2 = fit
    failures = 0

    def check(name: str, ok: bool, detail: str) -> None:
        nonlocal failures
        print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}")
        failures += 0 if ok else 1

    n, J = x.shape
    print(f"run {run_id}: k = {k}, {n} users with likes, {J} subcategories")
    check("users", n == stored_users, f"{n} rebuilt, {stored_users} stored")
    log_joint = component_log_pdf(x, alpha) + np.log(weights)
    per_user = logsumexp(log_joint, axis=1)
    ll = per_user.sum()
    relative = abs(ll - stored_ll) / abs(ll)
    check("log-likelihood", relative <= 1e-9, f"scipy {ll:.10f}, stored {stored_ll:.10f}, relative difference {relative:.2e}")
    r = np.exp(log_joint - per_user[:, None])
    with np.errstate(divide="ignore", invalid="ignore"):
        entropy = -np.where(r > 0, r * np.log(np.where(r > 0, r, 1)), 0).sum()
    p = (k - 1) + k * J
    bic = -2 * ll + p * np.log(n)
    icl = bic + 2 * entropy
    r2 = 1.0 if k == 1 else 1 - entropy / (n * np.log(k))
    check("parameters", p == parameters, f"{p} vs {parameters}")
    for name, mine, stored in [("entropy", entropy, stored_entropy), ("BIC", bic, stored_bic), ("ICL", icl, stored_icl),
                               ("R2-entropy", r2, stored_r2)]:
        rel = abs(mine - stored) / max(1.0, abs(mine))
        check(name, rel <= 1e-9, f"scipy {mine:.10g}, stored {stored:.10g}, relative difference {rel:.2e}")
    order = np.argsort(-r, axis=1, kind="stable")
    segment = np.array([assigned[u][0] for u in users]) - 1
    probability = np.array([assigned[u][1] for u in users])
    agree = np.mean(segment == order[:, 0])
    # Exact ties aside, the most probable segment must be the stored one.
    check("segments", agree == 1.0, f"{agree * 100:.4f} % of users in the most probable segment")
    top = r[np.arange(n), segment]
    check("probabilities", np.max(np.abs(top - probability)) <= 1e-9, f"max |difference| {np.max(np.abs(top - probability)):.2e}")
    if k >= 2:
        runner = np.array([assigned[u][2] for u in users]) - 1
        runner_p = np.array([assigned[u][3] for u in users])
        diff = np.max(np.abs(r[np.arange(n), runner] - runner_p))
        check("runner-up", np.mean(runner == order[:, 1]) == 1.0 and diff <= 1e-9,
              f"{np.mean(runner == order[:, 1]) * 100:.4f} % agree, max |probability difference| {diff:.2e}")
    updated = np.array([minka(x, r[:, s], alpha[s]) for s in range(k)])
    new_weights = r.mean(axis=0)
    new_ll = logsumexp(component_log_pdf(x, updated) + np.log(new_weights), axis=1).sum()
    rise = (new_ll - ll) / abs(ll)
    move = np.max(np.abs(updated - alpha) / alpha)
    check("stationary point", rise <= 1e-6 and move <= 0.01,
          f"one reference EM step raises the log-likelihood by {rise:.2e} relative, moves alpha by at most {move * 100:.3f} %")
    print("alpha (stored, first segment):", np.array2string(alpha[0], precision=3, max_line_width=200))
    print("alpha (reference step)       :", np.array2string(updated[0], precision=3, max_line_width=200))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
