"""How often `recommend`'s default suggestions (new interests only) appear in the horizon, against
popularity's new interests: issue 21's "its suggestions appeared in the hold-out 12.1% of the
time, popularity's new interests 14.8%", recomputed here from the import files alone.

Reads the import files written by movielens_csv.py and two CSVs of `warehouse recommend --all` on a
run fitted up to AS_OF: DEFAULT.csv (`--top N`, recommend's default: "only new interests") and
ALL.csv (`--include-liked --top <every subcategory>`, the model's whole ranking).

recommend's default judges "already liked" by the stored likes (`user_likes`, kind `like`) only:
on a warehouse whose interest is ratings (no `like` rows) it excludes nothing and suggests genres
the user already rated ≥ 4 (reported as "already positive before the cut"). So the model's new
interests are also taken from ALL.csv: its first N genres without a positive interaction before
AS_OF, which is what evaluate's `model` ranker scores for new interests. A positive interaction is a rating ≥ 4, counted toward each
genre of its movie; "before" is t ≤ AS_OF, the horizon AS_OF < t ≤ END. Users: every user with a
positive interaction before AS_OF (cold-start users are not recommend's new-interest question).
For each user, the suggestions are recommend's rows; popularity's are the N genres with the most
positive interactions before AS_OF over all users among those the user had no positive
interaction with before (ties: the lower subcategory id, the catalogue's order). Printed, as JSON:
per ranker the share of suggestions that appear in the user's horizon (precision), the share of
users with at least one (hit), and the users with no suggestion.

    python recommend_horizon.py DIR DEFAULT.csv ALL.csv AS_OF END
"""
import csv
import json
import sys
from collections import defaultdict


def main(directory, default_path, all_path, as_of, end):
    order = {}
    with open(f"{directory}/catalog.csv") as f:
        for row in csv.DictReader(f):
            order[row["subcategory"]] = len(order)
    genres = defaultdict(list)
    with open(f"{directory}/items.csv") as f:
        for row in csv.DictReader(f):
            genres[row["item_id"]].append(row["subcategory"])
    before, horizon = defaultdict(set), defaultdict(set)
    popularity = defaultdict(int)
    with open(f"{directory}/events.csv") as f:
        for row in csv.DictReader(f):
            if float(row["value"]) < 4:
                continue
            t = int(row["timestamp"])
            for genre in genres[row["item_id"]]:
                if t <= as_of:
                    before[row["user_id"]].add(genre)
                    popularity[genre] += 1
                elif t <= end:
                    horizon[row["user_id"]].add(genre)
    def read(path):
        rows, deepest = defaultdict(list), 0
        with open(path) as f:
            for row in csv.DictReader(f):
                rows[row["user_id"]].append(row["subcategory"])
                deepest = max(deepest, int(row["rank"]))
        return rows, deepest
    default, top = read(default_path)
    whole, _ = read(all_path)
    ranked = sorted(order, key=lambda g: (-popularity[g], order[g]))
    users = sorted(before, key=int)
    result = {"as_of": as_of, "end": end, "top": top, "users": len(users),
              "users_with_a_new_interest_in_horizon": sum(1 for u in users if horizon[u] - before[u])}
    for name, suggest in (("recommend default", lambda u: default[u][:top]),
                          ("model new interests", lambda u: [g for g in whole[u] if g not in before[u]][:top]),
                          ("popularity new interests", lambda u: [g for g in ranked if g not in before[u]][:top])):
        shown = appeared = hit = empty = old = 0
        for u in users:
            picks = suggest(u)
            if not picks:
                empty += 1
            shown += len(picks)
            old += sum(1 for g in picks if g in before[u])
            found = sum(1 for g in picks if g in horizon[u])
            appeared += found
            hit += found > 0
        result[name] = {"suggestions": shown, "appeared": appeared,
                        "precision": round(appeared / shown, 4) if shown else None,
                        "hit": round(hit / len(users), 4), "users_without_suggestion": empty,
                        "already_positive_before_the_cut": old}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit("usage: recommend_horizon.py DIR DEFAULT.csv ALL.csv AS_OF END")
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
