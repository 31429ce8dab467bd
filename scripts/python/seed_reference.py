"""The notebook way of doing what `warehouse seed` does: Faker + numpy + pandas `to_sql`.

A comparison reference only (run by scripts/bench-seed-python.sh); the product never needs Python.

    python seed_reference.py --db PATH --users N [--seed S] [--schema schema.sql]
                             [--method multi|default] [--chunksize ROWS]

Creates PATH fresh from schema.sql with the sqlite3 module, writes the catalogue (categories,
subcategories, personas, persona_preferences, persona_age_weights) and one seed_batches row, then
generates the population:

  * identities with Faker (en_US): `name()`, `user_name()` and `email()`, the id appended to the
    username and to the e-mail's local part so both are unique, as the schema requires;
  * ages: Azzalini skew-normal by its convolution form z = δ|u0| + √(1−δ²)u1, rounded, clipped;
  * liked posts: zero-inflated log-normal, round(median·exp(σz)) clipped to 1…maximum, lurkers 0;
  * persona by age group (one uniform against the cumulative weights of the user's age group);
  * preferences ~ Dirichlet(persona α) over the 20 subcategories (`Generator.dirichlet`), likes ~
    Multinomial(liked posts, preferences) (`Generator.multinomial`), long format for non-zero counts;

and writes users, user_personas and user_likes with `DataFrame.to_sql(if_exists="append",
index=False, chunksize=…)`. The model parameters are those of the product's standard model
(Sources/Population: AgeDistribution, LikedPostsDistribution, Persona), so the amount of work is the
same; the random streams are numpy's, so the rows are not identical to the warehouse's.

Prints the stage times as `key=value` lines (seconds) for the shell script to read.
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
from faker import Faker

# --- the product's standard model (Sources/Population) ------------------------------------------
CATEGORIES = ["sports", "fashion", "food", "pets"]
SUBCATEGORIES = [
    ["football", "basketball", "running", "cycling", "tennis"],
    ["streetwear", "luxury", "sneakers", "vintage", "beauty"],
    ["baking", "vegan", "street food", "fine dining", "coffee"],
    ["dogs", "cats", "aquariums", "birds", "horses"],
]
AGE_XI, AGE_OMEGA, AGE_ALPHA, AGE_MIN, AGE_MAX = 17.0, 22.0, 6.0, 13, 90
LIKED_MEDIAN, LIKED_SIGMA, LURKER_SHARE, LIKED_MAX = 40.0, 1.0, 0.02, 20_000
HOME_ALPHA = [2.5, 2.0, 1.5, 1.0, 1.0]
OTHER_ALPHA = 1.0 / 6.0
AGE_GROUPS = ["<18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
AGE_GROUP_UPPER = [17, 24, 34, 44, 54, 64]  # inclusive upper bounds of all but the last group
PERSONAS = [
    (1, "Sports fan", 1, "Follows football and basketball, runs and rides; mostly teens and young adults.",
     [0.50, 0.38, 0.25, 0.20, 0.15, 0.10, 0.07]),
    (2, "Fashionista", 2, "Streetwear, luxury and sneakers; mostly 18 to 34.",
     [0.30, 0.36, 0.35, 0.20, 0.12, 0.08, 0.05]),
    (3, "Foodie", 3, "Baking, vegan cooking and street food; mostly 30 to 60.",
     [0.12, 0.16, 0.25, 0.35, 0.38, 0.37, 0.33]),
    (4, "Pet lover", 4, "Dogs, cats and aquariums; mostly 45 and over.",
     [0.08, 0.10, 0.15, 0.25, 0.35, 0.45, 0.55]),
]
N_SUB = sum(len(s) for s in SUBCATEGORIES)


def persona_alpha(category_id: int) -> np.ndarray:
    alpha = np.full(N_SUB, OTHER_ALPHA)
    start = (category_id - 1) * 5
    alpha[start:start + 5] = HOME_ALPHA
    return alpha


def parameters_json() -> str:
    return json.dumps({
        "reference": "scripts/python/seed_reference.py (Faker + numpy + pandas)",
        "age": {"xi": AGE_XI, "omega": AGE_OMEGA, "alpha": AGE_ALPHA, "min": AGE_MIN, "max": AGE_MAX},
        "liked_posts": {"median": LIKED_MEDIAN, "sigma": LIKED_SIGMA, "lurker_share": LURKER_SHARE, "max": LIKED_MAX},
        "home_alpha": HOME_ALPHA, "other_alpha": OTHER_ALPHA,
    }, sort_keys=True)


# --- database -------------------------------------------------------------------------------------
def create_database(path: str, schema: str, users: int, seed: int) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    con = sqlite3.connect(path)
    with open(schema, encoding="utf-8") as f:
        con.executescript(f.read())
    con.executemany("INSERT INTO categories(id, name) VALUES (?, ?)", list(enumerate(CATEGORIES, 1)))
    sub_rows, sid = [], 0
    for cid, names in enumerate(SUBCATEGORIES, 1):
        for name in names:
            sid += 1
            sub_rows.append((sid, cid, name))
    con.executemany("INSERT INTO subcategories(id, category_id, name) VALUES (?, ?, ?)", sub_rows)
    for pid, name, cid, summary, weights in PERSONAS:
        con.execute("INSERT INTO personas(id, name, category_id, summary) VALUES (?, ?, ?, ?)", (pid, name, cid, summary))
        con.executemany("INSERT INTO persona_preferences(persona_id, subcategory_id, alpha) VALUES (?, ?, ?)",
                        [(pid, s + 1, float(a)) for s, a in enumerate(persona_alpha(cid))])
        con.executemany("INSERT INTO persona_age_weights(persona_id, age_group, weight) VALUES (?, ?, ?)",
                        list(zip([pid] * len(AGE_GROUPS), AGE_GROUPS, weights)))
    con.execute(
        "INSERT INTO seed_batches(id, seed, users, first_user_id, last_user_id, like_rows, generator_version, parameters) "
        "VALUES (1, ?, ?, 1, ?, 0, 0, ?)", (seed, users, users, parameters_json()))
    con.commit()
    con.close()


# --- generation -----------------------------------------------------------------------------------
def generate_identities(n: int, seed: int) -> tuple[list[str], list[str], list[str]]:
    fake = Faker("en_US")
    Faker.seed(seed)
    full_names, usernames, emails = [], [], []
    for user_id in range(1, n + 1):
        full_names.append(fake.name())
        usernames.append(f"{fake.user_name()}{user_id}")
        local, domain = fake.email().split("@", 1)
        emails.append(f"{local}{user_id}@{domain}")
    return full_names, usernames, emails


def generate_numbers(n: int, seed: int):
    rng = np.random.default_rng(seed)
    # Age: skew-normal (Azzalini), rounded and clipped.
    delta = AGE_ALPHA / np.sqrt(1 + AGE_ALPHA ** 2)
    u0, u1 = rng.standard_normal(n), rng.standard_normal(n)
    ages = np.clip(np.rint(AGE_XI + AGE_OMEGA * (delta * np.abs(u0) + np.sqrt(1 - delta ** 2) * u1)),
                   AGE_MIN, AGE_MAX).astype(np.int64)
    # Liked posts: zero-inflated discretised log-normal.
    posts = np.clip(np.rint(LIKED_MEDIAN * np.exp(LIKED_SIGMA * rng.standard_normal(n))), 1, LIKED_MAX).astype(np.int64)
    posts[rng.random(n) < LURKER_SHARE] = 0
    # Persona by age group.
    group = np.searchsorted(np.array(AGE_GROUP_UPPER), ages, side="left")
    cumulative = np.cumsum(np.array([p[4] for p in PERSONAS]).T, axis=1)  # groups × personas
    cumulative[:, -1] = 1.0
    u = rng.random(n)
    persona_index = (u[:, None] >= cumulative[group][:, :-1]).sum(axis=1)
    # Preferences ~ Dirichlet(persona α), likes ~ Multinomial(posts, preferences).
    preferences = np.empty((n, N_SUB))
    for index, (_, _, cid, _, _) in enumerate(PERSONAS):
        rows = np.flatnonzero(persona_index == index)
        preferences[rows] = rng.dirichlet(persona_alpha(cid), size=rows.size)
    counts = rng.multinomial(posts, preferences)  # n × 20
    return ages, posts, persona_index + 1, counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--schema", default=os.path.join(os.path.dirname(__file__), "..", "..", "schema.sql"))
    parser.add_argument("--method", choices=["multi", "default"], default="multi",
                        help="to_sql method: 'default' (executemany) or 'multi' (multi-row INSERT)")
    parser.add_argument("--chunksize", type=int, default=None,
                        help="rows per to_sql chunk (default: 50,000; with --method multi the most that fit "
                             "SQLite's 32,766 bound parameters)")
    args = parser.parse_args()
    n = args.users
    if n < 1:
        parser.error("--users must be at least 1")

    t0 = time.perf_counter()
    create_database(args.db, args.schema, n, args.seed)
    t_schema = time.perf_counter()

    full_names, usernames, emails = generate_identities(n, args.seed)
    t_faker = time.perf_counter()
    ages, posts, personas, counts = generate_numbers(n, args.seed)
    ids = np.arange(1, n + 1, dtype=np.int64)
    users = pd.DataFrame({"id": ids, "username": usernames, "full_name": full_names, "email": emails,
                          "age": ages, "liked_posts": posts, "seed_batch_id": np.ones(n, dtype=np.int64)})
    user_personas = pd.DataFrame({"user_id": ids, "persona_id": personas})
    rows, cols = np.nonzero(counts)
    likes = pd.DataFrame({"user_id": ids[rows], "subcategory_id": cols + 1, "likes": counts[rows, cols]})
    t_generate = time.perf_counter()

    con = sqlite3.connect(args.db)
    method = "multi" if args.method == "multi" else None

    def chunk(frame: pd.DataFrame) -> int:
        if args.chunksize:
            return args.chunksize
        return 32_766 // frame.shape[1] if method == "multi" else 50_000

    for table, frame in (("users", users), ("user_personas", user_personas), ("user_likes", likes)):
        frame.to_sql(table, con, if_exists="append", index=False, method=method, chunksize=chunk(frame))
    con.execute("UPDATE seed_batches SET like_rows = ? WHERE id = 1", (len(likes),))
    con.commit()
    con.close()
    t_write = time.perf_counter()

    print(f"users={n}")
    print(f"like_rows={len(likes)}")
    print(f"schema_seconds={t_schema - t0:.3f}")
    print(f"faker_seconds={t_faker - t_schema:.3f}")
    print(f"numpy_seconds={t_generate - t_faker:.3f}")
    print(f"generate_seconds={t_generate - t_schema:.3f}")
    print(f"write_seconds={t_write - t_generate:.3f}")
    print(f"total_seconds={t_write - t0:.3f}")
    print(f"method={args.method} chunksize={chunk(users)}/{chunk(likes)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
