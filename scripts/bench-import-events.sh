#!/usr/bin/env bash
# `warehouse import` of a platform's events (one CSV, in time order, users interleaved, and the
# same rows in random order) against `warehouse seed` of the same rows, and the likes import
# (sorted by user and in random order) against `warehouse seed --days 0`:
#   scripts/bench-import-events.sh [USERS] [RUNS]          (defaults 200000 3)
# Seeds USERS users with a year of interactions into a source warehouse, exports it with
# scripts/export-platform-csv.sh --events --shuffled, then, RUNS times, in turn, each into a
# fresh database:
#   seed          warehouse seed --users USERS                     (users + a year of interactions)
#   events        warehouse import --catalog --users --events events.csv           (time order)
#   events-shuf   warehouse import --catalog --users --events events-shuffled.csv  (random order)
#   seed-days0    warehouse seed --users USERS --days 0                                (likes only)
#   likes         warehouse import --catalog --users --likes likes.csv             (sorted by user)
#   likes-shuf    warehouse import --catalog --users --likes likes-shuffled.csv    (random order)
# Prints each run's wall seconds, peak RSS (/usr/bin/time -v) and the load average, then the
# medians and the ratios events / seed, events-shuf / seed, likes / seed-days0,
# likes-shuf / seed-days0; and checks that the imports hold as many interactions (and like rows)
# as the source, and that `warehouse check` passes on the time-ordered import.
# WAREHOUSE_BIN=path uses that binary instead of building a release one; WORK=dir keeps the
# files there (default: a temporary directory removed at the end); LIKES_ONLY=1 seeds the source
# with --days 0 and times only seed-days0, likes and likes-shuf (the likes cliff at 1M users).
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-200000}
runs=${2:-3}
if [[ -n ${WAREHOUSE_BIN:-} ]]; then
    bin=$WAREHOUSE_BIN
else
    swift build -c release --scratch-path .build-release >/dev/null
    bin=$PWD/.build-release/release/warehouse
fi
if [[ -n ${WORK:-} ]]; then
    work=$WORK
    mkdir -p "$work"
else
    work=$(mktemp -d /tmp/warehouse-bench-import-events.XXXXXX)
    trap 'rm -rf "$work"' EXIT
fi
echo "$(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $bin"
likes_only=${LIKES_ONLY:-0}
rm -f "$work"/source.sqlite*
if [[ $likes_only == 1 ]]; then
    "$bin" seed --db "$work/source.sqlite" --users "$users" --days 0 --quiet >/dev/null
    scripts/export-platform-csv.sh --shuffled "$work/source.sqlite" "$work/csv" >/dev/null
    labels=(seed-days0 likes likes-shuf)
else
    "$bin" seed --db "$work/source.sqlite" --users "$users" --quiet >/dev/null
    scripts/export-platform-csv.sh --events --shuffled "$work/source.sqlite" "$work/csv" >/dev/null
    labels=(seed events events-shuf seed-days0 likes likes-shuf)
fi
read -r src_interactions src_like_rows src_likes < <(sqlite3 -readonly -separator ' ' "$work/source.sqlite" \
    "SELECT (SELECT count(*) FROM interactions), (SELECT count(*) FROM user_likes), (SELECT coalesce(sum(likes), 0) FROM user_likes)")
rm -f "$work"/source.sqlite*
mb() { du -m "$1" | cut -f1; }
echo "source: $users users, $src_interactions interactions, $src_like_rows like rows ($src_likes likes)"
[[ $likes_only == 1 ]] || echo "events files: events.csv $(mb "$work/csv/events.csv") MB, events-shuffled.csv $(mb "$work/csv/events-shuffled.csv") MB"
echo "files: users.csv $(mb "$work/csv/users.csv") MB, likes.csv $(mb "$work/csv/likes.csv") MB, likes-shuffled.csv $(mb "$work/csv/likes-shuffled.csv") MB"
measure() {  # label, command…: prints "label wall_seconds peak_MB load1 load5 load15"
    local label=$1; shift
    rm -f "$work/$label.sqlite" "$work/$label.sqlite-wal" "$work/$label.sqlite-shm" "$work/$label.sqlite-journal"
    /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time.txt")
    echo "$label $wall $rss $(cut -d' ' -f1-3 /proc/loadavg)"
}
csv=$work/csv
echo "label wall_s peak_MB load1 load5 load15"
for run in $(seq "$runs"); do
  if [[ $likes_only != 1 ]]; then
    measure seed "$bin" seed --db "$work/seed.sqlite" --users "$users" --quiet
    measure events "$bin" import --db "$work/events.sqlite" --catalog "$csv/catalog.csv" --users "$csv/users.csv" \
        --events "$csv/events.csv" --quiet
    measure events-shuf "$bin" import --db "$work/events-shuf.sqlite" --catalog "$csv/catalog.csv" --users "$csv/users.csv" \
        --events "$csv/events-shuffled.csv" --quiet
  fi
    measure seed-days0 "$bin" seed --db "$work/seed-days0.sqlite" --users "$users" --days 0 --quiet
    measure likes "$bin" import --db "$work/likes.sqlite" --catalog "$csv/catalog.csv" --users "$csv/users.csv" \
        --likes "$csv/likes.csv" --quiet
    measure likes-shuf "$bin" import --db "$work/likes-shuf.sqlite" --catalog "$csv/catalog.csv" --users "$csv/users.csv" \
        --likes "$csv/likes-shuffled.csv" --quiet
done | tee "$work/results.txt"
median() {  # label, field (2 wall, 3 peak MB)
    grep "^$1 " "$work/results.txt" | cut -d' ' -f"$2" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
printf '%-12s %10s %10s\n' "median" "wall s" "peak MB"
for label in "${labels[@]}"; do
    printf '%-12s %10s %10s\n' "$label" "$(median "$label" 2)" "$(median "$label" 3)"
done
[[ $likes_only == 1 ]] || echo "events / seed $(ratio "$(median events 2)" "$(median seed 2)"), events-shuf / seed $(ratio "$(median events-shuf 2)" "$(median seed 2)") (ratios of medians; target: each ≤ 2.00)"
echo "likes / seed-days0 $(ratio "$(median likes 2)" "$(median seed-days0 2)"), likes-shuf / seed-days0 $(ratio "$(median likes-shuf 2)" "$(median seed-days0 2)") (ratios of medians; target: each ≤ 2.00)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
for label in events events-shuf; do
    [[ $likes_only == 1 ]] && continue
    read -r n lr l < <(sqlite3 -readonly -separator ' ' "$work/$label.sqlite" \
        "SELECT (SELECT count(*) FROM interactions), (SELECT count(*) FROM user_likes), (SELECT coalesce(sum(likes), 0) FROM user_likes)")
    verdict=ok; [[ "$n $lr $l" == "$src_interactions $src_like_rows $src_likes" ]] || { verdict=DIFFERENT; status=1; }
    echo "$label.sqlite: $n interactions, $lr like rows ($l likes) against the source's $src_interactions, $src_like_rows ($src_likes): $verdict"
done
for label in likes likes-shuf; do
    read -r lr l < <(sqlite3 -readonly -separator ' ' "$work/$label.sqlite" "SELECT count(*), coalesce(sum(likes), 0) FROM user_likes")
    verdict=ok; [[ "$lr $l" == "$src_like_rows $src_likes" ]] || { verdict=DIFFERENT; status=1; }
    echo "$label.sqlite: $lr like rows ($l likes) against the source's $src_like_rows ($src_likes): $verdict"
done
if [[ $likes_only == 1 ]]; then
    "$bin" check --db "$work/likes-shuf.sqlite" | tail -n 1 || status=1
else
    "$bin" check --db "$work/events.sqlite" | tail -n 1 || status=1
fi
exit $status
