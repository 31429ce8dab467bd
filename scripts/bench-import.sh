#!/usr/bin/env bash
# `warehouse import` of a 1M-user platform export against `warehouse seed` of the same size, in
# the same run, each into a fresh database, alternating (seed, import, seed, import, …):
#   scripts/bench-import.sh [USERS] [RUNS]
# The CSVs are written from a seeded warehouse by scripts/export-platform-csv.sh. Prints each
# run's wall seconds and peak RSS (/usr/bin/time -v) and the medians' ratio import / seed.
# DEMOGRAPHICS=1: users.csv also gets the seven demographic columns (gender, country, region,
# city, postal_code, phone half national and half international, date_of_birth agreeing with age),
# synthetic and deterministic (scripts/add-demographics-csv.sh), so the import parses them all.
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-1000000}
runs=${2:-3}
swift build -c release --scratch-path .build-release >/dev/null
bin=$PWD/.build-release/release/warehouse
work=$(mktemp -d /tmp/warehouse-bench-import.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$bin" seed --db "$work/source.sqlite" --users "$users" --quiet >/dev/null
scripts/export-platform-csv.sh "$work/source.sqlite" "$work/csv" >/dev/null
rm -f "$work"/source.sqlite*
if [[ ${DEMOGRAPHICS:-0} == 1 ]]; then
    scripts/add-demographics-csv.sh "$work/csv/users.csv" >"$work/csv/users-demographics.csv"
    mv "$work/csv/users-demographics.csv" "$work/csv/users.csv"
fi
echo "files: $(du -m "$work/csv/users.csv" | cut -f1) MB users.csv, $(du -m "$work/csv/likes.csv" | cut -f1) MB likes.csv ($(($(wc -l <"$work/csv/likes.csv") - 1)) rows)"
measure() {  # label, command…: prints "label seconds peak_MB"
    local label=$1; shift
    rm -f "$work"/w.sqlite*
    /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt"
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time.txt")
    echo "$label $wall $rss"
}
for run in $(seq "$runs"); do
    measure seed "$bin" seed --db "$work/w.sqlite" --users "$users" --quiet
    measure import "$bin" import --db "$work/w.sqlite" --catalog "$work/csv/catalog.csv" --users "$work/csv/users.csv" \
        --likes "$work/csv/likes.csv" --quiet
done | tee "$work/results.txt"
median() { grep "^$1 " "$work/results.txt" | cut -d' ' -f2 | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
seed=$(median seed)
import=$(median import)
echo "median seed $seed s, import $import s, import / seed $(awk -v a="$import" -v b="$seed" 'BEGIN { printf "%.2f", a / b }')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
