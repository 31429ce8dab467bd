"""An independent reference for `warehouse evaluate` (run by scripts/evaluate-check.sh).

    python evaluate_reference.py --db PATH --as-of MOMENT --horizon DURATION
        [--window DURATION] [--half-life DURATION] [--weights kind=w,...] [--relevant kind,...]
        [--null-value-counts] [--compare FILE|-] [--tolerance 0.005] [--rankers popularity,history,planted]
    python evaluate_reference.py --self-test

Recomputes the baseline figures of `warehouse evaluate` from the database with nothing but sqlite3
and numpy (scipy's gammaln when it is installed, else math.lgamma), following the definitions
literally:

  * T = --as-of (Unix seconds), h = --horizon; a row's moment is t = day * 86400 + second;
    "before" is t <= T, "horizon" is T < t <= T + h.
  * A row is positive when its kind is relevant (default: like) and (the kind's min_value is NULL
    or (value is not NULL and value >= min_value)); with --null-value-counts a NULL value counts
    too (the Swift reader and the Spark check do not count it: see ambiguities below).
  * relevant(u): subcategories with a positive row of u in the horizon; positives_before(u, j):
    u's positive rows with t <= T in j. Scored: |relevant| >= 1 and some positive before T;
    cold start: |relevant| >= 1 and none before T. popularity_j = sum over all users.
  * Rankers (higher score first; ties by popularity desc, then subcategory id asc):
    popularity (score popularity_j), history (x_uj = sum weight(kind) * 2^(-(T - t)/half_life)
    over rows with T - window < t <= T, a kind with min_value counting only when the value is at
    least that; default weight 1 per relevant kind; without options x = positives_before) and
    planted (Dirichlet-multinomial posterior predictive under persona_preferences.alpha and
    persona_age_weights, on the same x).
  * P@3, R@3, NDCG@5 (binary gains), hit@3 per scored user, averaged; the new-interest variant
    ranks only subcategories with positives_before == 0 against relevant ∩ those.

Without --compare it prints its figures as JSON in the command's shape:
    {"as_of": ISO, "horizon_days": d, "rankers": [{"ranker": name, "all": {...}, "new_interest": {...}}],
     "cold_start_users": n, "reference": {...parameters...}}
With --compare it reads the command's `--json` (a file, or - for stdin), prints a table of the
command's figures against these and exits 1 when a user count differs or a metric differs by more
than --tolerance (2 on a usage or data error). --self-test builds small warehouses by hand (on the
repository's schema.sql) whose figures were worked out on paper, and checks them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import sqlite3
import sys
import tempfile
import time

import numpy as np

try:  # optional: faster and vectorised; math.lgamma otherwise
    from scipy.special import gammaln as _scipy_gammaln  # type: ignore
except Exception:  # pragma: no cover - depends on the environment
    _scipy_gammaln = None

METRICS = ["p_at_3", "r_at_3", "ndcg_at_5", "hit_at_3"]
RANKERS = ["popularity", "history", "planted"]
VARIANTS = ["all", "new_interest"]
# The seven age bands of Sources/Population/AgeGroup.swift: (label, upper bound inclusive).
AGE_GROUPS = [("<18", 17), ("18-24", 24), ("25-34", 34), ("35-44", 44), ("45-54", 54), ("55-64", 64), ("65+", None)]
GENDERS = ["female", "male", "other", "undisclosed"]  # users.gender NULL is undisclosed
DAY = 86_400


class DataError(Exception):
    """A usage or data problem: exit status 2."""


# --------------------------------------------------------------------------------------------
# Parameters


def parse_moment(text: str) -> int:
    """Unix seconds (digits), an ISO 8601 date-time with a zone, or a date (its end, 23:59:59 UTC)."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if len(text) == 10:
        try:
            day = dt.date.fromisoformat(text)
        except ValueError as error:
            raise DataError(f"--as-of '{text}' is not a date: {error}") from None
        return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()) + DAY - 1
    normal = text[:10] + "T" + text[11:] if len(text) > 10 and text[10] in " t" else text
    if normal.endswith(("Z", "z")):
        normal = normal[:-1] + "+00:00"
    try:
        moment = dt.datetime.fromisoformat(normal)
    except ValueError:
        raise DataError(f"--as-of '{text}' is not a moment: give Unix seconds, a date or an ISO 8601 date-time with a zone") from None
    if moment.tzinfo is None:
        raise DataError(f"--as-of '{text}' has no zone; add Z or an offset")
    return math.floor(moment.replace(microsecond=0).timestamp())


def parse_duration(text: str, option: str) -> int:
    """`90d` or `36h` (a whole number of days or hours, 1h ... 36500d) in seconds."""
    if len(text) >= 2 and text[-1] in "dDhH" and text[:-1].isdigit() and int(text[:-1]) > 0:
        seconds = int(text[:-1]) * (DAY if text[-1] in "dD" else 3600)
        if seconds <= 36_500 * DAY:
            return seconds
    raise DataError(f"{option} '{text}' is not a duration: a whole number of days or hours, e.g. 30d or 36h")


def parse_weights(text: str) -> dict[str, float]:
    weights: dict[str, float] = {}
    for entry in text.split(","):
        name, sep, number = entry.partition("=")
        name = name.strip()
        if not sep or not name:
            raise DataError(f"--weights entry '{entry}' is not kind=weight")
        try:
            weight = float(number)
        except ValueError:
            raise DataError(f"--weights weight of '{name}' is not a number: '{number}'") from None
        if not (math.isfinite(weight) and 0 <= weight <= 1e6):
            raise DataError(f"--weights weight of '{name}' must be from 0 to 1000000")
        if name in weights:
            raise DataError(f"--weights names '{name}' twice")
        weights[name] = weight
    if not any(w > 0 for w in weights.values()):
        raise DataError("--weights must give at least one kind a positive weight")
    return weights


def iso(moment: int) -> str:
    return dt.datetime.fromtimestamp(moment, tz=dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Params:
    def __init__(self, as_of: int, horizon: int, window: int | None = None, half_life: int | None = None,
                 weights: dict[str, float] | None = None, relevant: list[str] | None = None,
                 null_value_counts: bool = False) -> None:
        self.as_of = as_of
        self.horizon = horizon
        self.window = window
        self.half_life = half_life
        self.relevant = relevant or ["like"]
        # Default: weight 1 on each relevant kind; given weights: kinds not named weigh 0.
        self.weights = weights if weights is not None else {k: 1.0 for k in self.relevant}
        self.null_value_counts = null_value_counts


# --------------------------------------------------------------------------------------------
# Reading the warehouse


class Data:
    """Per user (users in id order) and subcategory (in id order): positive counts before T and in
    the horizon, and the history counts x."""

    def __init__(self) -> None:
        self.sub_ids: np.ndarray
        self.user_ids: np.ndarray
        self.ages: np.ndarray
        self.before: np.ndarray   # int64 (users x subcategories): positives_before
        self.horizon: np.ndarray  # int64: positive rows in the horizon
        self.history: np.ndarray  # float64: x
        self.rows_read = 0


def load(con: sqlite3.Connection, p: Params) -> Data:
    d = Data()
    d.sub_ids = np.array([r[0] for r in con.execute("SELECT id FROM subcategories ORDER BY id")], dtype=np.int64)
    if len(d.sub_ids) == 0:
        raise DataError("the warehouse has no subcategories")
    has_gender = any(r[1] == "gender" for r in con.execute("PRAGMA table_info(users)"))
    users = con.execute(f"SELECT id, age, {'gender' if has_gender else 'NULL'} FROM users ORDER BY id").fetchall()
    d.user_ids = np.array([u[0] for u in users], dtype=np.int64)
    d.ages = np.array([u[1] for u in users], dtype=np.int64)
    d.genders = np.array([GENDERS.index(u[2]) if u[2] in GENDERS[:3] else 3 for u in users], dtype=np.int64)
    kinds = {name: (kid, minimum) for kid, name, minimum in
             con.execute("SELECT id, name, min_value FROM interaction_kinds ORDER BY id")}
    for name in list(p.relevant) + list(p.weights):
        if name not in kinds:
            raise DataError(f"kind '{name}' is not in interaction_kinds; its kinds: {', '.join(kinds)}")
    largest = max(kid for kid, _ in kinds.values())
    relevant = np.zeros(largest + 1, dtype=bool)
    weight = np.zeros(largest + 1)
    minimum = np.full(largest + 1, np.nan)  # NaN: no rule
    for name in p.relevant:
        relevant[kinds[name][0]] = True
    for name, w in p.weights.items():
        weight[kinds[name][0]] = w
    for kid, m in kinds.values():
        if m is not None:
            minimum[kid] = m
    wanted = sorted(int(k) for k in np.flatnonzero(relevant | (weight > 0)))
    needs_value = bool(np.any(~np.isnan(minimum[wanted])))

    n_users, width = len(d.user_ids), len(d.sub_ids)
    column = np.full(int(d.sub_ids.max()) + 1, -1, dtype=np.int64)
    column[d.sub_ids] = np.arange(width)
    T, end = p.as_of, p.as_of + p.horizon
    before = np.zeros(n_users * width, dtype=np.int64)
    horizon = np.zeros(n_users * width, dtype=np.int64)
    history = np.zeros(n_users * width)
    sql = (f"SELECT user_id, day * 86400 + second, kind_id, subcategory_id{', value' if needs_value else ''} "
           f"FROM interactions WHERE day <= ? AND kind_id IN ({', '.join(map(str, wanted))})")
    cursor = con.execute(sql, (end // DAY,))
    while True:
        chunk = cursor.fetchmany(1 << 20)
        if not chunk:
            break
        d.rows_read += len(chunk)
        if needs_value:  # NULL -> NaN; ids and moments are below 2^53, exact in float64
            a = np.array(chunk, dtype=np.float64)
            user, t, kind, sub = (a[:, i].astype(np.int64) for i in range(4))
            value = a[:, 4]
        else:
            a = np.array(chunk, dtype=np.int64)
            user, t, kind, sub = a[:, 0], a[:, 1], a[:, 2], a[:, 3]
            value = None
        row = np.searchsorted(d.user_ids, user)
        bad = (row >= n_users) | (d.user_ids[np.minimum(row, n_users - 1)] != user)
        if bad.any():
            raise DataError(f"interactions has rows for user {int(user[bad][0])}, who is not in users")
        bad = (sub < 0) | (sub >= len(column)) | (column[np.clip(sub, 0, len(column) - 1)] < 0)
        if bad.any():
            raise DataError(f"interactions has rows in subcategory {int(sub[bad][0])}, which is not in subcategories")
        cell = row * width + column[sub]
        rule = minimum[kind]
        if value is None:
            counts = np.ones(len(kind), dtype=bool)
        else:
            passes = value >= rule  # False for a NaN value (NULL) or a NaN rule
            if p.null_value_counts:
                passes |= np.isnan(value)
            counts = np.isnan(rule) | passes
        positive = relevant[kind] & counts
        is_before = t <= T
        in_horizon = (t > T) & (t <= end)
        before += np.bincount(cell[positive & is_before], minlength=n_users * width)
        horizon += np.bincount(cell[positive & in_horizon], minlength=n_users * width)
        lower = T - p.window if p.window is not None else None
        take = (weight[kind] > 0) & counts & is_before
        if lower is not None:
            take &= t > lower
        amount = weight[kind[take]]
        if p.half_life is not None:
            amount = amount * np.exp2(-(T - t[take]) / p.half_life)
        history += np.bincount(cell[take], weights=amount, minlength=n_users * width)
    d.before = before.reshape(n_users, width)
    d.horizon = horizon.reshape(n_users, width)
    d.history = history.reshape(n_users, width)
    return d


def load_planted(con: sqlite3.Connection, sub_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(alpha: personas x subcategories, weight: groups x personas), personas in id order; the
    groups are the age groups, or, when the seed stored P(gender | persona) in
    persona_gender_weights, the 28 age-group x gender cells with
    P(persona | age group, gender) proportional to P(persona | age group) P(gender | persona).
    None when the warehouse has no planted model."""
    personas = [r[0] for r in con.execute("SELECT DISTINCT persona_id FROM persona_preferences ORDER BY persona_id")]
    if not personas:
        return None
    p_index = {p: i for i, p in enumerate(personas)}
    s_index = {int(s): j for j, s in enumerate(sub_ids)}
    alpha = np.full((len(personas), len(sub_ids)), np.nan)
    for pid, sid, a in con.execute("SELECT persona_id, subcategory_id, alpha FROM persona_preferences"):
        if sid not in s_index:
            raise DataError(f"persona_preferences names subcategory {sid}, which is not in subcategories")
        alpha[p_index[pid], s_index[sid]] = a
    if np.isnan(alpha).any():
        raise DataError("persona_preferences lacks an alpha for some persona and subcategory")
    labels = {label: g for g, (label, _) in enumerate(AGE_GROUPS)}
    weight = np.zeros((len(AGE_GROUPS), len(personas)))  # a persona without a row for a group weighs 0 there
    for pid, group, w in con.execute("SELECT persona_id, age_group, weight FROM persona_age_weights"):
        if group not in labels:
            raise DataError(f"persona_age_weights has age group '{group}', not one of {', '.join(labels)}")
        if pid in p_index:
            weight[labels[group], p_index[pid]] = w
    has_table = con.execute("SELECT 1 FROM sqlite_schema WHERE name = 'persona_gender_weights'").fetchone()
    gender_rows = con.execute("SELECT persona_id, gender, weight FROM persona_gender_weights").fetchall() if has_table else []
    if not gender_rows:
        return alpha, weight
    by_gender = np.full((len(GENDERS), len(personas)), np.nan)
    for pid, gender, w in gender_rows:
        if gender in GENDERS and pid in p_index:
            by_gender[GENDERS.index(gender), p_index[pid]] = w
    if np.isnan(by_gender).any():
        return alpha, weight
    cells = weight[:, None, :] * by_gender[None, :, :]            # (7, 4, P)
    totals = cells.sum(axis=2, keepdims=True)
    cells = np.where(totals > 0, cells / np.where(totals > 0, totals, 1), weight[:, None, :])
    return alpha, cells.reshape(len(AGE_GROUPS) * len(GENDERS), len(personas))


def age_group_index(ages: np.ndarray) -> np.ndarray:
    bounds = np.array([upper for _, upper in AGE_GROUPS[:-1]])
    return np.searchsorted(bounds, ages, side="left")  # age <= 17 -> 0, 18...24 -> 1, ..., >= 65 -> 6


# --------------------------------------------------------------------------------------------
# Scores, rankings and metrics


def lgamma(values: np.ndarray) -> np.ndarray:
    if _scipy_gammaln is not None:
        return _scipy_gammaln(values)
    unique, inverse = np.unique(values, return_inverse=True)  # counts repeat a lot: one call per distinct value
    return np.array([math.lgamma(v) for v in unique])[inverse].reshape(values.shape)


def planted_scores(x: np.ndarray, groups: np.ndarray, alpha: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """score_uj = sum_p r_up (x_uj + alpha_pj) / (n_u + A_p), r_up ∝ w_{g(u),p} DM(x_u | alpha_p)."""
    A = alpha.sum(axis=1)                      # (P,)
    n = x.sum(axis=1)                          # (U,)
    log_dm = (lgamma(A)[None, :] - lgamma(n[:, None] + A[None, :])
              + lgamma(x[:, None, :] + alpha[None, :, :]).sum(axis=2) - lgamma(alpha).sum(axis=1)[None, :])
    w = weight[groups]                         # (U, P)
    if np.any(w.sum(axis=1) <= 0):
        g = int(groups[np.flatnonzero(w.sum(axis=1) <= 0)[0]])
        label = AGE_GROUPS[g][0] if weight.shape[0] == len(AGE_GROUPS) else f"{AGE_GROUPS[g // len(GENDERS)][0]}/{GENDERS[g % len(GENDERS)]}"
        raise DataError(f"group {label} has no positive persona weight in persona_age_weights")
    with np.errstate(divide="ignore"):
        log_r = np.log(w) + log_dm
    log_r -= log_r.max(axis=1, keepdims=True)
    r = np.exp(log_r)
    r /= r.sum(axis=1, keepdims=True)
    predictive = (x[:, None, :] + alpha[None, :, :]) / (n[:, None] + A[None, :])[:, :, None]  # (U, P, J)
    return np.einsum("up,upj->uj", r, predictive)


def rank(scores: np.ndarray, popularity: np.ndarray, candidates: np.ndarray | None = None) -> np.ndarray:
    """Column indices per row, best first: score desc, popularity desc, subcategory id asc (columns are
    in id order); with `candidates`, the candidates first (the rest never count: relevant_new lies
    within the candidates)."""
    n, width = scores.shape
    keys = [np.broadcast_to(np.arange(width), (n, width)), np.broadcast_to(-popularity, (n, width)), -scores]
    if candidates is not None:
        keys.append(~candidates)
    return np.lexsort(keys, axis=-1)


DISCOUNT = 1 / np.log2(np.arange(2, 7))  # ranks 1...5


def metrics(order: np.ndarray, relevant: np.ndarray) -> dict:
    users = len(order)
    if users == 0:
        return {"users": 0, **{m: None for m in METRICS}}
    gains = np.take_along_axis(relevant, order, axis=1)[:, :5].astype(np.float64)
    if gains.shape[1] < 5:
        gains = np.pad(gains, ((0, 0), (0, 5 - gains.shape[1])))
    n_rel = relevant.sum(axis=1)
    hits3 = gains[:, :3].sum(axis=1)
    dcg = gains @ DISCOUNT
    idcg = np.concatenate([[0.0], np.cumsum(DISCOUNT)])[np.minimum(n_rel, 5)]
    return {"users": int(users),
            "p_at_3": float(np.mean(hits3 / 3)),
            "r_at_3": float(np.mean(hits3 / n_rel)),
            "ndcg_at_5": float(np.mean(dcg / idcg)),
            "hit_at_3": float(np.mean(hits3 > 0))}


class Result:
    def __init__(self) -> None:
        self.data: Data
        self.scored: np.ndarray
        self.popularity: np.ndarray
        self.orders: dict[str, np.ndarray] = {}        # ranker -> order of the scored users (all)
        self.new_orders: dict[str, np.ndarray] = {}    # ranker -> order of the scored users (candidates first)
        self.figures: dict


def evaluate(con: sqlite3.Connection, p: Params, rankers: list[str] | None = None) -> Result:
    rankers = rankers or RANKERS
    res = Result()
    d = res.data = load(con, p)
    relevant = d.horizon > 0
    has_before = d.before.sum(axis=1) >= 1
    has_relevant = relevant.sum(axis=1) >= 1
    scored = res.scored = np.flatnonzero(has_relevant & has_before)
    cold = int(np.sum(has_relevant & ~has_before))
    popularity = res.popularity = d.before.sum(axis=0)
    rel = relevant[scored]
    candidates = d.before[scored] == 0
    rel_new = rel & candidates
    new_rows = rel_new.sum(axis=1) >= 1

    scores: dict[str, np.ndarray] = {}
    if "popularity" in rankers:
        scores["popularity"] = np.broadcast_to(popularity.astype(np.float64), rel.shape)
    if "history" in rankers:
        scores["history"] = d.history[scored]
    planted_model = None
    if "planted" in rankers:
        planted_model = load_planted(con, d.sub_ids)
        if planted_model is not None:
            alpha, weight = planted_model
            groups = age_group_index(d.ages[scored])
            if weight.shape[0] == len(AGE_GROUPS) * len(GENDERS):
                groups = groups * len(GENDERS) + d.genders[scored]
            scores["planted"] = planted_scores(d.history[scored], groups, alpha, weight)
    entries = []
    for name in [r for r in RANKERS if r in scores]:
        order = res.orders[name] = rank(scores[name], popularity)
        new_order = res.new_orders[name] = rank(scores[name], popularity, candidates)
        entries.append({"ranker": name, "all": metrics(order, rel),
                        "new_interest": metrics(new_order[new_rows], rel_new[new_rows])})
    h = p.horizon / DAY
    res.figures = {
        "as_of": iso(p.as_of),
        "horizon_days": int(h) if h == int(h) else h,
        "rankers": entries,
        "cold_start_users": cold,
        "reference": {
            "as_of_seconds": p.as_of, "horizon_seconds": p.horizon, "window_seconds": p.window,
            "half_life_seconds": p.half_life, "weights": p.weights, "relevant": p.relevant,
            "null_value_counts": p.null_value_counts, "users": int(len(d.user_ids)),
            "subcategories": int(len(d.sub_ids)), "rows_read": int(d.rows_read),
            "planted_model": planted_model is not None,
        },
    }
    return res


# --------------------------------------------------------------------------------------------
# Comparison with the command's JSON


def compare(command: dict, reference: dict, tolerance: float, rankers: list[str], out=sys.stdout) -> bool:
    """Prints the table; True when everything matches."""
    ok = True
    problems: list[str] = []
    try:  # the same parameters: as_of as ISO text (or Unix seconds), horizon_days as a number
        same_as_of = parse_moment(str(command.get("as_of"))) == parse_moment(reference["as_of"])
    except DataError:
        same_as_of = False
    if not same_as_of:
        problems.append(f"as_of: warehouse {command.get('as_of')!r}, reference {reference['as_of']!r}")
    if command.get("horizon_days") != reference["horizon_days"]:
        problems.append(f"horizon_days: warehouse {command.get('horizon_days')!r}, reference {reference['horizon_days']!r}")
    ours = {e.get("ranker"): e for e in command.get("rankers", []) if isinstance(e, dict)}
    theirs = {e["ranker"]: e for e in reference["rankers"]}
    largest = (0.0, "-")
    print(f"{'ranker':<11} {'variant':<13} {'figure':<10} {'warehouse':>12} {'reference':>12} {'diff':>10}", file=out)
    for name in rankers:
        if name not in theirs and name not in ours:
            continue
        if name not in theirs:
            problems.append(f"{name}: in the warehouse's JSON but the reference cannot compute it (no planted model?)")
            continue
        if name not in ours:
            problems.append(f"{name}: missing from the warehouse's JSON")
            continue
        for variant in VARIANTS:
            a, b = ours[name].get(variant) or {}, theirs[name][variant]
            for figure in ["users"] + METRICS:
                x, y = a.get(figure), b.get(figure)
                if figure == "users":
                    good = x == y
                    diff = "" if x is None or y is None else f"{x - y:+d}"
                elif b["users"] == 0 and (x is None or y is None):
                    good, diff = True, ""
                elif isinstance(x, (int, float)) and y is not None:
                    delta = abs(x - y)
                    good = delta <= tolerance
                    diff = f"{x - y:+.6f}"
                    if delta > largest[0]:
                        largest = (delta, f"{name} {variant} {figure}")
                else:
                    good, diff = False, "missing"
                ok &= good
                fx = "-" if x is None else (f"{x}" if figure == "users" else f"{x:.6f}" if isinstance(x, (int, float)) else str(x))
                fy = "-" if y is None else (f"{y}" if figure == "users" else f"{y:.6f}")
                print(f"{name:<11} {variant:<13} {figure:<10} {fx:>12} {fy:>12} {diff:>10}  {'ok' if good else 'MISMATCH'}", file=out)
    if "cold_start_users" in command:
        same = command["cold_start_users"] == reference["cold_start_users"]
        ok &= same
        print(f"{'cold start users':<36} {command['cold_start_users']:>12} {reference['cold_start_users']:>12} "
              f"{'':>10}  {'ok' if same else 'MISMATCH'}", file=out)
    else:
        print(f"cold start users (reference only): {reference['cold_start_users']}", file=out)
    for problem in problems:
        print(f"MISMATCH  {problem}", file=out)
    print(f"largest metric difference: {largest[0]:.6f} ({largest[1]}); tolerance {tolerance}", file=out)
    return ok and not problems


# --------------------------------------------------------------------------------------------
# Self-test: small warehouses worked out by hand


def _schema_path() -> str:
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "schema.sql")


L3, L4, L5, L6 = (1 / math.log2(k) for k in (3, 4, 5, 6))  # discounts of ranks 2...5
IDCG2 = 1 + L3
IDCG3 = 1 + L3 + L4


def _fixture(path: str) -> int:
    """Writes the hand-checked warehouse; returns T. Subcategories A..E are ids 10..50; kinds like,
    comment, share, search and rate (min_value 4). T = the end of day 100, h = 10 days."""
    con = sqlite3.connect(path)
    with open(_schema_path()) as schema:
        con.executescript(schema.read())
    T = 101 * DAY - 1
    h = 10 * DAY
    con.execute("INSERT INTO categories VALUES (1, 'c')")
    for sid, name in [(10, "A"), (20, "B"), (30, "C"), (40, "D"), (50, "E")]:
        con.execute("INSERT INTO subcategories VALUES (?, 1, ?)", (sid, name))
    con.executemany("INSERT INTO interaction_kinds VALUES (?, ?, ?)",
                    [(1, "like", None), (2, "comment", None), (3, "share", None), (4, "search", None), (5, "rate", 4.0)])
    for uid, age in [(1, 25), (2, 17), (3, 40), (4, 70), (5, 18), (6, 64), (7, 30)]:
        con.execute("INSERT INTO users (id, username, full_name, email, age, liked_posts) VALUES (?, ?, NULL, ?, ?, 0)",
                    (uid, f"u{uid}", f"u{uid}@x.y", age))
    A, B, C, D, E = 10, 20, 30, 40, 50
    like, comment, rate = 1, 2, 5
    rows = [  # (user, moment, kind, subcategory, value, ordinal, item)
        # before T
        (1, T - 40 * DAY, like, A, None, 0, 0), (1, T - 10 * DAY, like, A, None, 0, 0), (1, T, like, B, None, 0, 0),
        (1, T - DAY, comment, C, None, 0, 0),
        (2, T - 5 * DAY, like, B, None, 0, 0), (2, T - DAY, like, B, None, 0, 0), (2, T - DAY, like, B, None, 1, 0),
        (3, T - 20 * DAY, like, A, None, 0, 0), (3, T - 2 * DAY, comment, C, None, 0, 0), (3, T - 2 * DAY, rate, B, 2.0, 0, 0),
        (4, T - 7 * DAY, rate, A, 4.0, 0, 0),
        (5, T - 60 * DAY, like, D, None, 0, 0), (5, T - 30 * DAY, like, E, None, 0, 0),
        (6, T - 15 * DAY, like, A, None, 0, 7), (6, T - 15 * DAY, like, B, None, 0, 7),
        # horizon (T < t <= T + h) and after it
        (1, T + 1, like, C, None, 0, 0), (1, T + 5 * DAY, like, A, None, 0, 0), (1, T + 2 * DAY, rate, D, None, 0, 0),
        (1, T + h + 100, like, D, None, 0, 0),
        (2, T + 3 * DAY, like, B, None, 0, 0), (2, T + 4 * DAY, like, D, None, 0, 0),
        (2, T + DAY, rate, E, 3.0, 0, 0), (2, T + 2 * DAY, rate, C, 5.0, 0, 0),
        (3, T + h + 1, like, E, None, 0, 0),
        (4, T + 6 * DAY, like, E, None, 0, 0),
        (5, T + h, like, E, None, 0, 0),
        (6, T + 9 * DAY, like, C, None, 0, 0),
    ]
    con.executemany("INSERT INTO interactions (day, user_id, second, kind_id, subcategory_id, item_id, ordinal, value) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(t // DAY, u, t % DAY, k, s, item, o, v) for u, t, k, s, v, o, item in rows])
    # Planted model: persona 1 alpha (2,1,1,1,1), persona 2 (1,1,1,1,2) over A..E.
    con.execute("INSERT INTO personas VALUES (1, 'p1', 1, ''), (2, 'p2', 1, '')")
    for pid, alphas in [(1, [2, 1, 1, 1, 1]), (2, [1, 1, 1, 1, 2])]:
        for sid, a in zip([A, B, C, D, E], alphas):
            con.execute("INSERT INTO persona_preferences VALUES (?, ?, ?)", (pid, sid, float(a)))
    for group, w1, w2 in [("<18", 0.8, 0.2), ("18-24", 0.5, 0.5), ("25-34", 0.5, 0.5), ("35-44", 0.5, 0.5),
                          ("45-54", 0.5, 0.5), ("55-64", 1.0, 0.0), ("65+", 0.3, 0.7)]:
        con.execute("INSERT INTO persona_age_weights VALUES (1, ?, ?), (2, ?, ?)", (group, w1, group, w2))
    con.commit()
    con.close()
    return T


class _Checks:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def eq(self, name: str, got, want) -> None:
        ok = got == want
        self._report(ok, name, got, want)

    def close(self, name: str, got, want, tol: float = 1e-12) -> None:
        ok = got is not None and abs(got - want) <= tol
        self._report(ok, name, got, want)

    def _report(self, ok: bool, name: str, got, want) -> None:
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL  {name}: got {got!r}, want {want!r}")

    def figures(self, name: str, got: dict, users: int, p: list[float], r: list[float], ndcg: list[float], hit: list[float]) -> None:
        """`got` against per-user figures worked out by hand."""
        self.eq(f"{name} users", got["users"], users)
        for key, values in [("p_at_3", p), ("r_at_3", r), ("ndcg_at_5", ndcg), ("hit_at_3", hit)]:
            assert len(values) == users, name
            self.close(f"{name} {key}", got[key], sum(values) / users)


def _entry(res: Result, ranker: str, variant: str) -> dict:
    return next(e for e in res.figures["rankers"] if e["ranker"] == ranker)[variant]


def _order_names(res: Result, ranker: str, user: int, new: bool = False) -> str:
    names = "ABCDE"
    row = int(np.flatnonzero(res.data.user_ids[res.scored] == user)[0])
    order = (res.new_orders if new else res.orders)[ranker][row]
    if new:
        order = [j for j in order if res.data.before[res.scored[row], j] == 0]
    return "".join(names[j] for j in order)


def self_test() -> int:
    c = _Checks()
    # Moments and durations.
    c.eq("as-of date", parse_moment("2026-10-31"), 1793491199)
    c.eq("as-of ISO Z", parse_moment("2026-10-31T23:59:59Z"), 1793491199)
    c.eq("as-of offset", parse_moment("2026-11-01T01:59:59+02:00"), 1793491199)
    c.eq("as-of seconds", parse_moment("1793491199"), 1793491199)
    c.eq("iso", iso(1793491199), "2026-10-31T23:59:59Z")
    c.eq("duration d", parse_duration("30d", "--horizon"), 30 * DAY)
    c.eq("duration h", parse_duration("36h", "--horizon"), 36 * 3600)
    c.eq("age groups", list(age_group_index(np.array([0, 17, 18, 24, 25, 34, 35, 44, 45, 54, 55, 64, 65, 150]))),
         [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6])

    # The planted posterior on the cases of the docstring worked out by hand.
    alpha = np.array([[2.0, 1, 1, 1, 1], [1.0, 1, 1, 1, 2]])
    weight = np.array([[0.5, 0.5], [0.8, 0.2], [1.0, 0.0]])
    s = planted_scores(np.array([[1.0, 0, 0, 0, 0], [1.0, 0, 0, 0, 1], [1.0, 0, 0, 0, 1]]), np.array([0, 1, 2]), alpha, weight)
    # x=(1,0,0,0,0), w=.5/.5: DM ∝ alpha_1/A -> r=(2/3,1/3); scores 8/21, 1/7, 1/7, 1/7, 4/21.
    for j, want in enumerate([8 / 21, 1 / 7, 1 / 7, 1 / 7, 4 / 21]):
        c.close(f"planted x=e1 score {j}", float(s[0, j]), want, 1e-12)
    # x=(1,0,0,0,1): DM equal under both personas -> r = the weights .8/.2: 0.35, .125, .125, .125, 0.275.
    for j, want in enumerate([0.35, 0.125, 0.125, 0.125, 0.275]):
        c.close(f"planted x=e1+e5 score {j}", float(s[1, j]), want, 1e-12)
    # weights 1/0: persona 1 alone: (x + alpha1)/(2 + 6).
    for j, want in enumerate([3 / 8, 1 / 8, 1 / 8, 1 / 8, 2 / 8]):
        c.close(f"planted one persona score {j}", float(s[2, j]), want, 1e-12)
    # Real (decayed) counts: against a plain scalar loop.
    rng = np.random.default_rng(1)
    x = rng.gamma(0.7, 2.0, size=(40, 5)) * (rng.random((40, 5)) < 0.5)
    groups = rng.integers(0, 3, 40)
    fast = planted_scores(x, groups, alpha, weight)
    for u in range(40):
        logs = []
        for q in range(2):
            a, n = alpha[q], x[u].sum()
            lv = math.lgamma(a.sum()) - math.lgamma(n + a.sum()) + sum(math.lgamma(x[u, j] + a[j]) - math.lgamma(a[j]) for j in range(5))
            logs.append(math.log(weight[groups[u], q]) + lv if weight[groups[u], q] > 0 else -math.inf)
        top = max(logs)
        r = [math.exp(v - top) for v in logs]
        r = [v / sum(r) for v in r]
        for j in range(5):
            want = sum(r[q] * (x[u, j] + alpha[q, j]) / (x[u].sum() + alpha[q].sum()) for q in range(2))
            c.close(f"planted loop u{u} j{j}", float(fast[u, j]), want, 1e-12)

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "fixture.sqlite")
        T = _fixture(path)
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        h = 10 * DAY

        # 1. Defaults (relevant: like). popularity A 4, B 5, C 0, D 1, E 1 -> B A D E C.
        res = evaluate(con, Params(T, h))
        d = res.data
        c.eq("popularity", list(res.popularity), [4, 5, 0, 1, 1])
        c.eq("u1 before (t = T counts)", list(d.before[0]), [2, 1, 0, 0, 0])
        c.eq("u2 before (two likes in one second)", list(d.before[1]), [0, 3, 0, 0, 0])
        c.eq("u1 horizon (t = T + 1 counts; rate not relevant; after T + h not)", list(d.horizon[0]), [1, 0, 1, 0, 0])
        c.eq("u5 horizon (t = T + h counts)", list(d.horizon[4]), [0, 0, 0, 0, 1])
        c.eq("u3 horizon (t = T + h + 1 does not)", list(d.horizon[2]), [0, 0, 0, 0, 0])
        c.eq("scored users", list(d.user_ids[res.scored]), [1, 2, 5, 6])
        c.eq("cold start users (u4)", res.figures["cold_start_users"], 1)
        c.eq("popularity order", _order_names(res, "popularity", 1), "BADEC")
        c.eq("history u1", _order_names(res, "history", 1), "ABDEC")
        c.eq("history u5 (score tie, popularity tie -> id)", _order_names(res, "history", 5), "DEBAC")
        c.eq("history u6 (score tie -> popularity)", _order_names(res, "history", 6), "BADEC")
        c.eq("new-interest u2 candidates", _order_names(res, "popularity", 2, new=True), "ADEC")
        # popularity, all: u1 {A,C} at 2,5; u2 {B,D} at 1,3; u5 {E} at 4; u6 {C} at 5
        c.figures("default popularity all", _entry(res, "popularity", "all"), 4,
                  p=[1 / 3, 2 / 3, 0, 0], r=[1 / 2, 1, 0, 0], hit=[1, 1, 0, 0],
                  ndcg=[(L3 + L6) / IDCG2, 1.5 / IDCG2, L5, L6])
        # history, all: u1 ABDEC {A,C} at 1,5; u2 BADEC {B,D} at 1,3; u5 DEBAC {E} at 2; u6 BADEC {C} at 5
        c.figures("default history all", _entry(res, "history", "all"), 4,
                  p=[1 / 3, 2 / 3, 1 / 3, 0], r=[1 / 2, 1, 1, 0], hit=[1, 1, 1, 0],
                  ndcg=[(1 + L6) / IDCG2, 1.5 / IDCG2, L3, L6])
        # new interest: u1 DEC {C} at 3; u2 ADEC {D} at 2; u5 no new relevant; u6 DEC {C} at 3
        for ranker in ("popularity", "history"):
            c.figures(f"default {ranker} new", _entry(res, ranker, "new_interest"), 3,
                      p=[1 / 3, 1 / 3, 1 / 3], r=[1, 1, 1], hit=[1, 1, 1], ndcg=[L4, L3, L4])
        # planted: u1 (25-34, .5/.5) ABEDC; u2 (<18, .8/.2) BAEDC; u5 (18-24) EDABC; u6 (55-64, 1/0) ABDEC
        c.eq("planted u1", _order_names(res, "planted", 1), "ABEDC")
        c.eq("planted u2", _order_names(res, "planted", 2), "BAEDC")
        c.eq("planted u5", _order_names(res, "planted", 5), "EDABC")
        c.eq("planted u6", _order_names(res, "planted", 6), "ABDEC")
        c.figures("default planted all", _entry(res, "planted", "all"), 4,
                  p=[1 / 3, 1 / 3, 1 / 3, 0], r=[1 / 2, 1 / 2, 1, 0], hit=[1, 1, 1, 0],
                  ndcg=[(1 + L6) / IDCG2, (1 + L5) / IDCG2, 1, L6])
        # planted new: u1 EDC {C} at 3; u2 AEDC {D} at 3; u6 DEC {C} at 3
        c.figures("default planted new", _entry(res, "planted", "new_interest"), 3,
                  p=[1 / 3] * 3, r=[1] * 3, hit=[1] * 3, ndcg=[L4] * 3)

        # 2. Weights like=1,comment=5: u1's comment in C -> x = (2,1,5,0,0): CABDE.
        res = evaluate(con, Params(T, h, weights={"like": 1, "comment": 5}))
        c.eq("weights u1 history", list(res.data.history[0]), [2.0, 1.0, 5.0, 0.0, 0.0])
        c.eq("weights u1 order", _order_names(res, "history", 1), "CABDE")
        c.figures("weights history all", _entry(res, "history", "all"), 4,
                  p=[2 / 3, 2 / 3, 1 / 3, 0], r=[1, 1, 1, 0], hit=[1, 1, 1, 0], ndcg=[1, 1.5 / IDCG2, L3, L6])
        c.figures("weights history new", _entry(res, "history", "new_interest"), 3,
                  p=[1 / 3] * 3, r=[1] * 3, hit=[1] * 3, ndcg=[1, L3, L4])
        c.figures("weights popularity unchanged", _entry(res, "popularity", "all"), 4,
                  p=[1 / 3, 2 / 3, 0, 0], r=[1 / 2, 1, 0, 0], hit=[1, 1, 0, 0],
                  ndcg=[(L3 + L6) / IDCG2, 1.5 / IDCG2, L5, L6])

        # 3. Window and half-life: u1 likes A at T-40d and T-10d, B at T.
        res = evaluate(con, Params(T, h, window=10 * DAY))
        c.eq("window 10d u1 x (T - 10d excluded)", list(res.data.history[0]), [0.0, 1.0, 0.0, 0.0, 0.0])
        c.eq("window leaves positives_before", list(res.data.before[0]), [2, 1, 0, 0, 0])
        c.eq("window u5 x (nothing in the window)", list(res.data.history[4]), [0.0] * 5)
        c.eq("window u5 order (all zero -> popularity)", _order_names(res, "history", 5), "BADEC")
        res = evaluate(con, Params(T, h, half_life=10 * DAY))
        c.eq("half-life 10d u1 x", list(res.data.history[0]), [2 ** -4 + 2 ** -1, 1.0, 0.0, 0.0, 0.0])
        res = evaluate(con, Params(T, h, window=30 * DAY, half_life=10 * DAY))
        c.eq("window 30d half-life 10d u1 x", list(res.data.history[0]), [0.5, 1.0, 0.0, 0.0, 0.0])

        # 4. Relevant like,rate (rate: min_value 4). u4's rate 4 in A counts (>= min): pops A 5, B 5
        # (tie -> id: A B D E C); u3's rate 2 does not; u2's rate 5 in C is relevant, rate 3 in E not;
        # u1's rate with a NULL value not. Scored u1 u2 u4 u5 u6; no cold start.
        res = evaluate(con, Params(T, h, relevant=["like", "rate"]))
        c.eq("rate popularity", list(res.popularity), [5, 5, 0, 1, 1])
        c.eq("rate scored", list(res.data.user_ids[res.scored]), [1, 2, 4, 5, 6])
        c.eq("rate cold start", res.figures["cold_start_users"], 0)
        c.eq("rate u1 horizon (NULL value does not count)", list(res.data.horizon[0]), [1, 0, 1, 0, 0])
        c.eq("rate u2 horizon", list(res.data.horizon[1]), [0, 1, 1, 1, 0])
        c.eq("rate popularity order (popularity tie -> id)", _order_names(res, "popularity", 1), "ABDEC")
        c.eq("rate u6 history (score and popularity tie -> id)", _order_names(res, "history", 6), "ABDEC")
        c.eq("rate u4 history x (default weights: rate 1)", list(res.data.history[3]), [1.0, 0, 0, 0, 0])
        # popularity ABDEC: u1 {A,C} 1,5; u2 {B,C,D} 2,5,3; u4 {E} 4; u5 {E} 4; u6 {C} 5
        c.figures("rate popularity all", _entry(res, "popularity", "all"), 5,
                  p=[1 / 3, 2 / 3, 0, 0, 0], r=[1 / 2, 2 / 3, 0, 0, 0], hit=[1, 1, 0, 0, 0],
                  ndcg=[(1 + L6) / IDCG2, (L3 + L4 + L6) / IDCG3, L5, L5, L6])
        # history: u1 ABDEC; u2 BADEC {B,C,D} 1,5,3; u4 ABDEC {E} 4; u5 DEABC {E} 2; u6 ABDEC {C} 5
        c.figures("rate history all", _entry(res, "history", "all"), 5,
                  p=[1 / 3, 2 / 3, 0, 1 / 3, 0], r=[1 / 2, 2 / 3, 0, 1, 0], hit=[1, 1, 0, 1, 0],
                  ndcg=[(1 + L6) / IDCG2, (1 + L4 + L6) / IDCG3, L5, L3, L6])
        # new: u1 DEC {C} 3; u2 ADEC {C,D} 4,2; u4 BDEC {E} 3; u5 none; u6 DEC {C} 3
        for ranker in ("popularity", "history"):
            c.figures(f"rate {ranker} new", _entry(res, ranker, "new_interest"), 4,
                      p=[1 / 3, 1 / 3, 1 / 3, 1 / 3], r=[1, 1 / 2, 1, 1], hit=[1, 1, 1, 1],
                      ndcg=[L4, (L3 + L5) / IDCG2, L4, L4])

        # 5. --null-value-counts: u1's rate with a NULL value becomes relevant (D).
        res = evaluate(con, Params(T, h, relevant=["like", "rate"], null_value_counts=True))
        c.eq("null counts u1 horizon", list(res.data.horizon[0]), [1, 0, 1, 1, 0])

        # 6. No planted model: the planted entry is left out.
        empty = os.path.join(folder, "noplanted.sqlite")
        _fixture(empty)
        wcon = sqlite3.connect(empty)
        wcon.execute("DELETE FROM persona_age_weights")
        wcon.execute("DELETE FROM persona_preferences")
        wcon.commit()
        wcon.close()
        econ = sqlite3.connect(f"file:{empty}?mode=ro", uri=True)
        c.eq("no planted model", [e["ranker"] for e in evaluate(econ, Params(T, h)).figures["rankers"]], ["popularity", "history"])
        econ.close()

        # 7. Fewer than 3 candidates: u8 likes A, B, C before and D in the horizon; candidates D, E.
        # Popularity A 5, B 6, C 1, D 1, E 1: B A C D E. New interest: u1 CDE {C} at 1; u2 ACDE {D}
        # at 3; u6 CDE {C} at 1; u8 DE {D} at 1, P@3 = 1/3 (still divided by 3).
        wcon = sqlite3.connect(empty)
        wcon.execute("INSERT INTO users (id, username, full_name, email, age, liked_posts) VALUES (8, 'u8', NULL, 'u8@x.y', 30, 0)")
        wcon.executemany("INSERT INTO interactions (day, user_id, second, kind_id, subcategory_id) VALUES (?, 8, ?, 1, ?)",
                         [((T - k * DAY) // DAY, (T - k * DAY) % DAY, s) for k, s in [(3, 10), (2, 20), (1, 30)]]
                         + [((T + DAY) // DAY, (T + DAY) % DAY, 40)])
        wcon.commit()
        wcon.close()
        econ = sqlite3.connect(f"file:{empty}?mode=ro", uri=True)
        res = evaluate(econ, Params(T, h))
        c.eq("few candidates u8 order", _order_names(res, "popularity", 8, new=True), "DE")
        for ranker in ("popularity", "history"):
            c.figures(f"few candidates {ranker} new", _entry(res, ranker, "new_interest"), 4,
                      p=[1 / 3] * 4, r=[1] * 4, hit=[1] * 4, ndcg=[1, L4, 1, 1])
        econ.close()

        # 8. The comparison: itself passes; small and large differences; a user count; a missing ranker.
        figures = evaluate(con, Params(T, h)).figures
        sink = open(os.devnull, "w")
        c.eq("compare itself", compare(json.loads(json.dumps(figures)), figures, 0.005, RANKERS, sink), True)
        for label, change, want in [("0.004 within", 0.004, True), ("0.006 beyond", 0.006, False)]:
            other = json.loads(json.dumps(figures))
            other["rankers"][1]["new_interest"]["ndcg_at_5"] += change
            c.eq(f"compare {label}", compare(other, figures, 0.005, RANKERS, sink), want)
        other = json.loads(json.dumps(figures))
        other["rankers"][0]["all"]["users"] += 1
        c.eq("compare users differ", compare(other, figures, 0.005, RANKERS, sink), False)
        other = json.loads(json.dumps(figures))
        other["rankers"] = other["rankers"][:2]
        c.eq("compare planted missing", compare(other, figures, 0.005, RANKERS, sink), False)
        c.eq("compare planted not asked", compare(other, figures, 0.005, ["popularity", "history"], sink), True)
        other = json.loads(json.dumps(figures))
        other["as_of"] = "2026-10-30T23:59:59Z"
        c.eq("compare as_of differs", compare(other, figures, 0.005, RANKERS, sink), False)
        sink.close()
        con.close()

    print(f"self-test: {c.passed} passed, {c.failed} failed")
    return 0 if c.failed == 0 else 1


# --------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", "--database", dest="db", help="the warehouse (opened read-only)")
    parser.add_argument("--as-of", help="T: Unix seconds, an ISO 8601 date-time with a zone, or a date (its end)")
    parser.add_argument("--horizon", help="h, e.g. 30d or 36h")
    parser.add_argument("--window", help="count history only from T - window (exclusive), e.g. 90d")
    parser.add_argument("--half-life", help="history decay, e.g. 30d")
    parser.add_argument("--weights", help="history weights, e.g. like=1,comment=3 (default: 1 per relevant kind)")
    parser.add_argument("--relevant", help="the kinds that make an interaction positive (default: like)")
    parser.add_argument("--null-value-counts", action="store_true",
                        help="a row of a kind with min_value and a NULL value counts (default: it does not, as the Swift reader)")
    parser.add_argument("--rankers", default=",".join(RANKERS), help="rankers to compute and compare (default: %(default)s)")
    parser.add_argument("--compare", metavar="FILE", help="the command's --json output to check ('-': stdin)")
    parser.add_argument("--tolerance", type=float, default=0.005, help="largest metric difference accepted (default: %(default)s)")
    parser.add_argument("--self-test", action="store_true", help="check the reference on hand-made warehouses")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    try:
        if not (args.db and args.as_of and args.horizon):
            raise DataError("--db, --as-of and --horizon are needed (or --self-test)")
        if not os.path.isfile(args.db):
            raise DataError(f"no database at {args.db}")
        rankers = [r.strip() for r in args.rankers.split(",") if r.strip()]
        if any(r not in RANKERS for r in rankers):
            raise DataError(f"--rankers takes {', '.join(RANKERS)}")
        params = Params(
            as_of=parse_moment(args.as_of), horizon=parse_duration(args.horizon, "--horizon"),
            window=parse_duration(args.window, "--window") if args.window else None,
            half_life=parse_duration(args.half_life, "--half-life") if args.half_life else None,
            weights=parse_weights(args.weights) if args.weights else None,
            relevant=[k.strip() for k in args.relevant.split(",") if k.strip()] if args.relevant else None,
            null_value_counts=args.null_value_counts)
        command = None
        if args.compare:
            text = sys.stdin.read() if args.compare == "-" else open(args.compare).read()
            try:
                command = json.loads(text)
            except json.JSONDecodeError as error:
                raise DataError(f"--compare: not JSON ({error})") from None
        started = time.perf_counter()
        con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
        res = evaluate(con, params, rankers)
        con.close()
        seconds = time.perf_counter() - started
        res.figures["reference"]["seconds"] = round(seconds, 3)
        print(f"evaluate_reference: {len(res.data.user_ids):,} users, {res.data.rows_read:,} interaction rows read, "
              f"{seconds:.2f} s", file=sys.stderr)
    except (DataError, sqlite3.Error, OSError) as error:
        print(f"evaluate_reference: {error}", file=sys.stderr)
        return 2
    if command is None:
        print(json.dumps(res.figures, indent=2))
        return 0
    ok = compare(command, res.figures, args.tolerance, rankers)
    print("evaluate_reference: all figures match" if ok else "evaluate_reference: MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
