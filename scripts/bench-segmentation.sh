#!/usr/bin/env bash
# Segmentation benchmark: `warehouse run-segmentation --k 4` (release build, default elbow sweep)
# on a seeded warehouse, against the floor of reading the likes back, in the same run.
#
#   scripts/bench-segmentation.sh [USERS=1000000] [RUNS=3]
#
# Prints per run: wall seconds, peak memory, and the stage times the command reports; then the
# floor: SQLite stepping through every row of user_likes and reading its three columns
# (`SELECT sum(user_id + subcategory_id + likes) FROM user_likes` in the sqlite3 shell, best of
# 3), and the ratio of our read stage (users and likes, parsed and aggregated) to it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
users=${1:-1000000}
runs=${2:-3}
warehouse_bin
work=$(mktemp -d /tmp/warehouse-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
db="$work/w.sqlite"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, SQLite $(sqlite3 --version | cut -d' ' -f1), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" seed --db "$db" --users "$users" --quiet
for i in $(seq 1 "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/time" "$bin" run-segmentation --db "$db" --k 4 --quiet > "$work/out"
    read -r wall kb < "$work/time"
    echo "run $i: ${wall} s wall, peak RSS $((kb / 1024)) MB; $(grep '^time:' "$work/out")"
done
grep -E '^(PCA|k-means|suggested)' "$work/out"

best=""
for i in 1 2 3; do
    start=$(date +%s%N)
    sqlite3 "$db" "SELECT sum(user_id + subcategory_id + likes) FROM user_likes" > /dev/null
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
plain=""
for i in 1 2 3; do
    start=$(date +%s%N)
    sqlite3 "$db" "SELECT user_id, subcategory_id, likes FROM user_likes" > /dev/null
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ -z "$plain" ] || [ "$ms" -lt "$plain" ]; then plain=$ms; fi
done
echo "floor (bare): SELECT user_id, subcategory_id, likes FROM user_likes in the sqlite3 shell, rows to /dev/null: best of 3 ${plain} ms"
read_s=$(sed -n 's/^time: .*(read \([0-9.]*\),.*/\1/p' "$work/out")
echo "floor: SELECT over all user_likes rows (sqlite3 shell): best of 3 ${best} ms"
echo "ratio: read stage ${read_s} s / floor = $(echo "$read_s * 1000 / $best" | bc -l | xargs printf '%.2f'), / bare SELECT = $(echo "$read_s * 1000 / $plain" | bc -l | xargs printf '%.2f')"
