"""Prints `warehouse evaluate --json` documents as one table per evaluation: per ranker P@3 and
NDCG@5 over every subcategory and over new interests (with the scored users), then whether the
model is at least as good as the best of popularity, history and segment on each, and the
new-interest hit@3 of model against popularity (the share of scored users with a new interest in
the horizon whose top-3 new interests hold one of them: how often `recommend`'s default
suggestions appear in the horizon, against popularity's).

    python evaluate_table.py LABEL=FILE.json …
"""
import json
import sys

BASELINES = ("popularity", "history", "segment")


def figure(ranker, variant, metric):
    return (ranker.get(variant) or {}).get(metric)


def show(label, document):
    rankers = {r["ranker"]: r for r in document["rankers"]}
    users = document.get("users", {})
    print(f"== {label}: as of {document['as_of']}, horizon {document['horizon_days']} days, "
          f"fit {json.dumps(document.get('fit', {}), sort_keys=True)}")
    print(f"   users {json.dumps(users, sort_keys=True)}")
    print(f"   {'ranker':<11} {'P@3':>6} {'NDCG@5':>7} {'95% NDCG@5':>13} | {'new P@3':>7} {'new NDCG@5':>10} "
          f"{'95% new NDCG@5':>15} {'new hit@3':>9} | users all/new")
    for name, r in rankers.items():
        a, n = r.get("all") or {}, r.get("new_interest") or {}
        ia = (a.get("intervals") or {}).get("ndcg_at_5") or [None, None]
        inn = (n.get("intervals") or {}).get("ndcg_at_5") or [None, None]
        fmt = lambda x: "" if x is None else f"{x:.3f}"
        print(f"   {name:<11} {fmt(a.get('p_at_3')):>6} {fmt(a.get('ndcg_at_5')):>7} "
              f"{fmt(ia[0]) + '–' + fmt(ia[1]):>13} | {fmt(n.get('p_at_3')):>7} {fmt(n.get('ndcg_at_5')):>10} "
              f"{fmt(inn[0]) + '–' + fmt(inn[1]):>15} {fmt(n.get('hit_at_3')):>9} | {a.get('users')}/{n.get('users')}")
    model = rankers.get("model")
    if model is None:
        return
    verdicts = []
    for variant in ("all", "new_interest"):
        for metric in ("p_at_3", "ndcg_at_5"):
            best_name, best = max(((b, figure(rankers[b], variant, metric)) for b in BASELINES if b in rankers),
                                  key=lambda pair: -1 if pair[1] is None else pair[1])
            mine = figure(model, variant, metric)
            ok = mine is not None and best is not None and mine >= best
            verdicts.append(f"{variant} {metric}: model {mine:.3f} vs best baseline {best_name} {best:.3f} "
                            f"{'OK' if ok else 'BELOW'}")
    pop_hit = figure(rankers["popularity"], "new_interest", "hit_at_3")
    model_hit = figure(model, "new_interest", "hit_at_3")
    verdicts.append(f"new-interest hit@3 (recommend's default vs popularity's new interests): model {model_hit:.3f} "
                    f"vs popularity {pop_hit:.3f} {'OK' if model_hit >= pop_hit else 'BELOW'}")
    for line in verdicts:
        print(f"   {line}")


def main(arguments):
    for argument in arguments:
        label, _, path = argument.partition("=")
        with open(path) as f:
            show(label, json.load(f))
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
