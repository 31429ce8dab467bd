#!/usr/bin/env bash
# Scale benchmark: the whole pipeline (seed, run-segmentation --k 4, report) at 100,000 and
# 1,000,000 users, and at 10,000,000 with --10m (it takes minutes and ~3 GB of disk). Release build.
#
#   scripts/bench.sh [--10m] [--chart docs/scaling.svg]
#
# Prints per size: seed time and rows per second, segmentation time and its stages, report
# time, peak memory (max RSS) of each command, database size; then the gain from the second
# core (each command pinned to one core with taskset, at 1M users). Writes the figures as CSV
# (to $BENCH_CSV, default /tmp/warehouse-bench.csv) and, with --chart, an SVG of time per user
# against population size drawn by our own chart module (`warehouse bench-chart`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
sizes=(100000 1000000)
chart=""
while [ $# -gt 0 ]; do
    case "$1" in
        --10m) sizes+=(10000000) ;;
        --chart) chart=$2; shift ;;
        *) echo "usage: scripts/bench.sh [--10m] [--chart FILE.svg]" >&2; exit 2 ;;
    esac
    shift
done
warehouse_bin
work=$(mktemp -d /tmp/warehouse-scale.XXXXXX)
trap 'rm -rf "$work"' EXIT
csv=${BENCH_CSV:-/tmp/warehouse-bench.csv}

timed() {  # timed NAME command…: runs it, sets ${NAME}_s and ${NAME}_mb
    local name=$1; shift
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$work/$name.out"
    read -r seconds kb < "$work/time"
    printf -v "${name}_s" '%s' "$seconds"
    printf -v "${name}_mb" '%s' "$((kb / 1024))"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, SQLite $(sqlite3 --version | cut -d' ' -f1), $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "users,seed_s,seed_rows_per_s,seed_mb,segment_s,segment_mb,report_s,report_mb,report_kb,db_mb" > "$csv"
printf '%10s %8s %11s %8s %8s %8s %8s %8s %8s %8s\n' users seed_s rows/s seed_MB seg_s seg_MB rep_s rep_MB rep_KB db_MB
for n in "${sizes[@]}"; do
    db="$work/w$n.sqlite"
    timed seed "$bin" seed --db "$db" --users "$n" --quiet
    likes=$(sqlite3 "$db" 'SELECT count(*) FROM user_likes')
    rate=$(echo "(2 * $n + $likes) / $seed_s" | bc)
    timed segment "$bin" run-segmentation --db "$db" --k 4 --quiet
    timed report "$bin" report --db "$db" --out "$work/report.html"
    report_kb=$(( $(stat -c %s "$work/report.html") / 1024 ))
    db_mb=$(( $(stat -c %s "$db") / 1048576 ))
    printf '%10s %8s %11s %8s %8s %8s %8s %8s %8s %8s\n' "$n" "$seed_s" "$rate" "$seed_mb" "$segment_s" "$segment_mb" "$report_s" "$report_mb" "$report_kb" "$db_mb"
    echo "  stages at $n: $(grep '^time:' "$work/segment.out" | sed 's/^time: //')"
    echo "$n,$seed_s,$rate,$seed_mb,$segment_s,$segment_mb,$report_s,$report_mb,$report_kb,$db_mb" >> "$csv"
    [ "$n" -eq 1000000 ] && cp "$db" "$work/one-million.sqlite"
    rm -f "$db" "$db-wal" "$db-shm"
done

if [ -f "$work/one-million.sqlite" ] && command -v taskset >/dev/null; then
    echo "the second core, at 1,000,000 users (taskset -c 0 pins a command to one core):"
    timed seed1 taskset -c 0 "$bin" seed --db "$work/one.sqlite" --users 1000000 --quiet
    echo "  seed: ${seed1_s} s on one core"
    timed segment1 taskset -c 0 "$bin" run-segmentation --db "$work/one-million.sqlite" --k 4 --threads 1 --quiet
    timed segment2 "$bin" run-segmentation --db "$work/one-million.sqlite" --k 4 --quiet
    echo "  run-segmentation: ${segment1_s} s on one core (--threads 1), ${segment2_s} s on two"
fi
echo "csv: $csv"
if [ -n "$chart" ]; then
    "$bin" bench-chart --csv "$csv" --out "$chart"
    echo "chart: $chart"
fi
