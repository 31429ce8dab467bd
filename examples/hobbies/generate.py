#!/usr/bin/env python3
"""Writes the example platform export (catalog.csv, users.csv, likes.csv) for `warehouse import`.

Deterministic (a fixed seed, Python's own Mersenne Twister): running it again gives the same
bytes. A made-up hobby platform, NOT the built-in taxonomy: 5 categories, 3-8 subcategories
each. Each user has one favourite category (the hidden structure segmentation should find),
and about 80% of their likes fall in it. Some names need CSV quoting (commas, quotes, accents).
Usage: python3 examples/hobbies/generate.py [USERS]   (default 2500; files are written beside it)
"""
import csv
import os
import random
import sys

CATALOG = {
    "music": [("jazz", "Improvised, swinging, blue notes"), ("hip-hop", ""), ("classical", "Bach, Mozart, \"the greats\""),
              ("electronic", ""), ("folk", "Acoustic, traditional, sung stories"), ("metal", "")],
    "books": [("crime", "Detectives, heists, courtrooms"), ("sci-fi", ""), ("poetry", ""), ("history", ""),
              ("fantasy", "Dragons, quests, maps at the front")],
    "travel": [("backpacking", ""), ("city breaks", ""), ("cruises", ""), ("road trips", "Long drives, small towns")],
    "gaming": [("strategy", ""), ("rpg", "Role-playing games"), ("shooters", ""), ("puzzle", ""), ("retro", ""),
               ("board games", "Dice, cards, and meeples"), ("esports", ""), ("indie", "")],
    "crafts": [("knitting", ""), ("woodwork", ""), ("pottery", "")],
}
FIRST = ["Ana", "Ben", "Chloé", "Dmitri", "Elif", "Femi", "Greta", "Hiro", "Inès", "Jonas", "Kavya", "Luca", "Maëlle",
         "Nikolai", "Olu", "Priya", "Quinn", "Rosa", "Søren", "Tomás", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoë"]
LAST = ["Smith", "O'Brien", "García", "Nguyễn", "Kowalski", "Okafor", "Müller", "Tanaka", "Rossi", "Haddad", "Lindqvist",
        "Dubois", "Patel", "Jones, Jr.", "Silva", "Novák"]


def main() -> None:
    users = int(sys.argv[1]) if len(sys.argv) > 1 else 2500
    here = os.path.dirname(os.path.abspath(__file__))
    rng = random.Random(2026)
    with open(os.path.join(here, "catalog.csv"), "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["category", "subcategory", "description"])
        for category, subs in CATALOG.items():
            for name, description in subs:
                writer.writerow([category, name, description])
    categories = list(CATALOG)
    ids = rng.sample(range(1, 10 * users), users)  # the platform's own ids: gaps, any order
    with open(os.path.join(here, "users.csv"), "w", newline="", encoding="utf-8") as out, \
            open(os.path.join(here, "likes.csv"), "w", newline="", encoding="utf-8") as likes_out:
        writer = csv.writer(out, lineterminator="\n")
        likes = csv.writer(likes_out, lineterminator="\n")
        writer.writerow(["user_id", "full_name", "username", "email", "age", "signup_country"])
        likes.writerow(["user_id", "subcategory", "likes"])
        for user in ids:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            handle = f"{first.lower()[:3]}{user}".encode("ascii", "ignore").decode()
            age = max(13, min(90, int(rng.gauss(33, 12))))
            writer.writerow([user, f"{first} {last}", handle, f"{handle}@example.com", age, rng.choice(["DE", "FR", "NG", "JP", "BR"])])
            favourite = rng.choice(categories)
            if rng.random() < 0.03:
                continue  # a few users without likes
            counts = {}
            for _ in range(int(rng.lognormvariate(2.5, 0.8)) + 1):
                category = favourite if rng.random() < 0.8 else rng.choice(categories)
                sub = rng.choice(CATALOG[category])[0]
                counts[sub] = counts.get(sub, 0) + 1
            for sub, count in sorted(counts.items()):
                likes.writerow([user, sub, count])


if __name__ == "__main__":
    main()
