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

A run with `--covariates age-group` is checked with its weights per age group
(latent_class_group_weights, each user's age group from users.age): log w_{g(i),s} in the
likelihood, p = G (k-1) + k J, and the reference step's weights per group with the run's 0.01
pseudo-count.

With --reference-fit, also an independent fit FROM SCRATCH, started from the planted persona
parameters (persona_preferences.alpha; weights from persona_age_weights: per age group with
covariates, else averaged over the users' age groups), by plain EM in numpy (responsibilities by
logsumexp, weights as above, 5 Minka steps per M-step) until the log-likelihood changes by less
than 1e-11 relative: its components are matched to the stored segments (Hungarian on the alpha
distance) and the stored alpha must agree to 1e-3 relative (the largest difference is printed),
the weights to 1e-4 and the log-likelihood to 1e-7 relative. Meant for small populations (a few
thousand users: it is O(iterations x n J k)).

Prints one PASS/FAIL line per check; exits 1 when any fails, 2 on a usage or data error.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.special import digamma, gammaln, logsumexp

AGE_GROUPS = ["<18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
PSEUDO_COUNT = 0.01


GENDERS = ["female", "male", "other", "undisclosed"]


def mixing_labels(covariates):
    """The groups of a run's covariates, in the warehouse's order (latent_class_group_weights.mixing_group)."""
    if covariates is None:
        return []
    if covariates == "age-group":
        return list(AGE_GROUPS)
    if covariates == "gender":
        return list(GENDERS)
    return [f"{a}/{g}" for a in AGE_GROUPS for g in GENDERS]


def mixing_label(covariates, age, gender):
    """A user's group label: age band, gender (NULL: undisclosed), or both."""
    a, g = AGE_GROUPS[age_group(age)], gender or "undisclosed"
    return a if covariates == "age-group" else g if covariates == "gender" else f"{a}/{g}"


def age_group(age: int) -> int:
    for g, upper in enumerate([17, 24, 34, 44, 54, 64]):
        if age <= upper:
            return g
    return 6


def load(db: str, run_id: int | None):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    if run_id is None:
        row = con.execute("SELECT max(run_id) FROM latent_class_fits").fetchone()
        if row[0] is None:
            sys.exit("compare-latent-class: the database has no latent-class run")
        run_id = row[0]
    run = con.execute("SELECT k, max_user_id, covariates FROM segmentation_runs WHERE id = ? AND method = 'latent-class'",
                      (run_id,)).fetchone()
    if run is None:
        print(f"compare-latent-class: run {run_id} is not a latent-class run", file=sys.stderr)
        sys.exit(2)
    k, max_user, covariates = run
    subcategories = [r[0] for r in con.execute("SELECT id FROM subcategories ORDER BY id")]
    column = {s: j for j, s in enumerate(subcategories)}
    rows = con.execute("SELECT id, age, gender FROM users WHERE id <= ? AND liked_posts > 0 ORDER BY id", (max_user,)).fetchall()
    users = [r[0] for r in rows]
    labels = mixing_labels(covariates)
    groups = np.array([labels.index(mixing_label(covariates, r[1], r[2])) if labels else 0 for r in rows], dtype=np.int64)
    row_of = {u: i for i, u in enumerate(users)}
    x = np.zeros((len(users), len(subcategories)), dtype=np.float64)
    for user, sub, likes in con.execute("SELECT user_id, subcategory_id, likes FROM user_likes WHERE user_id <= ?", (max_user,)):
        if user in row_of:
            x[row_of[user], column[sub]] += likes
    keep = x.sum(axis=1) > 0
    x, users, groups = x[keep], [u for u, kept in zip(users, keep) if kept], groups[keep]
    weights = np.array([r[0] for r in con.execute(
        "SELECT weight FROM latent_class_components WHERE run_id = ? ORDER BY segment", (run_id,))])
    alpha = np.zeros((k, len(subcategories)))
    for seg, sub, a in con.execute("SELECT segment, subcategory_id, alpha FROM latent_class_alpha WHERE run_id = ?", (run_id,)):
        alpha[seg - 1, column[sub]] = a
    fit = con.execute("SELECT users, log_likelihood, entropy, parameters, bic, icl, entropy_r2 FROM latent_class_fits WHERE run_id = ?",
                      (run_id,)).fetchone()
    assigned = {u: (s, p, r, rp) for u, s, p, r, rp in con.execute(
        "SELECT user_id, segment, probability, runner_up, runner_up_probability FROM segment_assignments WHERE run_id = ?", (run_id,))}
    group_weights = None
    if covariates is not None:
        group_weights = np.full((len(labels), k), np.nan)
        for label, seg, w in con.execute(
                "SELECT mixing_group, segment, weight FROM latent_class_group_weights WHERE run_id = ?", (run_id,)):
            group_weights[labels.index(label), seg - 1] = w
        if np.isnan(group_weights).any():
            print(f"compare-latent-class: run {run_id} lacks some latent_class_group_weights", file=sys.stderr)
            sys.exit(2)
    personas = [r[0] for r in con.execute("SELECT id FROM personas ORDER BY id")]
    planted_alpha = np.zeros((len(personas), len(subcategories)))
    for persona, sub, a in con.execute("SELECT persona_id, subcategory_id, alpha FROM persona_preferences"):
        planted_alpha[personas.index(persona), column[sub]] = a
    planted_weights = np.zeros((len(AGE_GROUPS), len(personas)))
    for persona, label, w in con.execute("SELECT persona_id, age_group, weight FROM persona_age_weights"):
        planted_weights[AGE_GROUPS.index(label), personas.index(persona)] = w
    planted = (planted_alpha, planted_weights / planted_weights.sum(axis=1, keepdims=True)) if personas else None
    return run_id, k, x, users, groups, weights, group_weights, alpha, fit, assigned, planted


def component_log_pdf(x: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """n x k: log DM(x_i | alpha_s), every term with gammaln."""
    n = x.sum(axis=1)
    coefficient = gammaln(n + 1) - gammaln(x + 1).sum(axis=1)
    out = np.empty((x.shape[0], alpha.shape[0]))
    for s, a in enumerate(alpha):
        total = a.sum()
        out[:, s] = coefficient + gammaln(total) - gammaln(n + total) + (gammaln(x + a) - gammaln(a)).sum(axis=1)
    return out


def mixing_log_weights(weights, group_weights, groups):
    """n x k (or 1 x k): log w per user, from the user's age group with covariates."""
    if group_weights is None:
        return np.log(weights)[None, :]
    return np.log(group_weights)[groups]


def m_step_weights(r, groups, covariate):
    """The run's M-step for the weights: mean responsibility, per age group with a pseudo-count."""
    if not covariate:
        return r.mean(axis=0), None
    k = r.shape[1]
    per_group = np.zeros((len(AGE_GROUPS), k))
    for g in range(len(AGE_GROUPS)):
        mask = groups == g
        per_group[g] = (r[mask].sum(axis=0) + PSEUDO_COUNT) / (mask.sum() + k * PSEUDO_COUNT)
    return r.mean(axis=0), per_group


def reference_fit(x, groups, covariate, alpha, group_weights, tolerance=1e-11, max_iterations=5000):
    """EM from scratch from (alpha, weights per age group); returns alpha, marginal weights,
    weights per group (covariates) and the log-likelihood."""
    n = x.shape[0]
    if covariate:
        weights = None
        log_w = np.log(group_weights)[groups]
    else:
        weights = group_weights[groups].mean(axis=0)
        log_w = np.log(weights)[None, :]
    a = alpha.copy()
    previous = -np.inf
    for iteration in range(max_iterations):
        log_joint = component_log_pdf(x, a) + log_w
        per_user = logsumexp(log_joint, axis=1)
        ll = per_user.sum()
        if abs(ll - previous) <= tolerance * abs(ll):
            break
        previous = ll
        r = np.exp(log_joint - per_user[:, None])
        weights, per_group = m_step_weights(r, groups, covariate)
        log_w = np.log(per_group)[groups] if covariate else np.log(weights)[None, :]
        a = np.array([minka(x, r[:, s], a[s], iterations=5) for s in range(a.shape[0])])
    if covariate:
        weights = group_weights_marginal(per_group, groups)
    else:
        per_group = None
    return a, weights, per_group, ll, iteration


def group_weights_marginal(per_group, groups):
    """The weights per age group averaged over the users (latent_class_components.weight)."""
    return per_group[groups].mean(axis=0)


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
    parser.add_argument("--reference-fit", action="store_true",
                        help="also fit from scratch from the planted parameters and compare alpha")
    args = parser.parse_args()
    run_id, k, x, users, groups, weights, group_weights, alpha, fit, assigned, planted = load(args.db, args.run_id)
    covariate = group_weights is not None
    stored_users, stored_ll, stored_entropy, parameters, stored_bic, stored_icl, stored_r2 = fit
    failures = 0

    def check(name: str, ok: bool, detail: str) -> None:
        nonlocal failures
        print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}")
        failures += 0 if ok else 1

    n, J = x.shape
    print(f"run {run_id}: k = {k}, {n} users with likes, {J} subcategories"
          + (", weights per age group" if covariate else ""))
    check("users", n == stored_users, f"{n} rebuilt, {stored_users} stored")
    log_joint = component_log_pdf(x, alpha) + mixing_log_weights(weights, group_weights, groups)
    per_user = logsumexp(log_joint, axis=1)
    ll = per_user.sum()
    relative = abs(ll - stored_ll) / abs(ll)
    check("log-likelihood", relative <= 1e-9, f"scipy {ll:.10f}, stored {stored_ll:.10f}, relative difference {relative:.2e}")
    r = np.exp(log_joint - per_user[:, None])
    with np.errstate(divide="ignore", invalid="ignore"):
        entropy = -np.where(r > 0, r * np.log(np.where(r > 0, r, 1)), 0).sum()
    p = (len(AGE_GROUPS) if covariate else 1) * (k - 1) + k * J
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
    new_weights, new_group_weights = m_step_weights(r, groups, covariate)
    new_ll = logsumexp(component_log_pdf(x, updated) + mixing_log_weights(new_weights, new_group_weights, groups), axis=1).sum()
    rise = (new_ll - ll) / abs(ll)
    move = np.max(np.abs(updated - alpha) / alpha)
    check("stationary point", rise <= 1e-6 and move <= 0.01,
          f"one reference EM step raises the log-likelihood by {rise:.2e} relative, moves alpha by at most {move * 100:.3f} %")
    print("alpha (stored, first segment):", np.array2string(alpha[0], precision=3, max_line_width=200))
    print("alpha (reference step)       :", np.array2string(updated[0], precision=3, max_line_width=200))
    if args.reference_fit:
        if planted is None or planted[0].shape[0] != k:
            check("reference fit", False, "needs planted personas, as many as the run's k")
        else:
            ref_alpha, ref_weights, ref_groups, ref_ll, iterations = reference_fit(x, groups, covariate, *planted)
            # Match reference components to stored segments: Hungarian on the alpha distance.
            cost = np.array([[np.abs(np.log(alpha[s]) - np.log(ref_alpha[c])).sum() for c in range(k)] for s in range(k)])
            _, match = linear_sum_assignment(cost)
            ref_alpha, ref_weights = ref_alpha[match], ref_weights[match]
            moved = np.max(np.abs(ref_alpha - planted[0][match]) / planted[0][match])
            print(f"reference fit moved alpha from the planted values by up to {moved * 100:.1f} % (the data's own optimum)")
            alpha_gap = np.max(np.abs(alpha - ref_alpha) / ref_alpha)
            weight_gap = np.max(np.abs(weights - ref_weights))
            if covariate:
                weight_gap = max(weight_gap, np.max(np.abs(group_weights - ref_groups[:, match])))
            ll_gap = abs(ref_ll - ll) / abs(ref_ll)
            print(f"reference fit: {iterations} EM iterations from the planted parameters, log-likelihood {ref_ll:.6f}")
            check("reference alpha", alpha_gap <= 1e-3,
                  f"largest relative difference {alpha_gap:.2e} over {k * J} alpha (median "
                  f"{np.median(np.abs(alpha - ref_alpha) / ref_alpha):.2e}), tolerance 1e-3")
            check("reference weights", weight_gap <= 1e-4,
                  f"largest difference {weight_gap:.2e}{' (per age group too)' if covariate else ''}, tolerance 1e-4")
            check("reference log-likelihood", ll_gap <= 1e-7,
                  f"reference {ref_ll:.6f}, stored {ll:.6f}, relative difference {ll_gap:.2e}, tolerance 1e-7")
            print("alpha (reference fit, first segment):", np.array2string(ref_alpha[0], precision=3, max_line_width=200))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
