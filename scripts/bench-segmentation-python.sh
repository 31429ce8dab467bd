#!/usr/bin/env bash
# Segmentation side by side: the notebook way in Python (pandas read_sql, groupby/unstack,
# StandardScaler, PCA, elbow sweep, KMeans; see scripts/python/segmentation_reference.py) against
# `warehouse run-segmentation --k 4 --json`, stage by stage, on the same database in the same run.
# A benchmark run by hand, never in CI; the product never needs Python.
#
#   scripts/bench-segmentation-python.sh [USERS | DB]        (default 1000000 users)
#
# With a number: seeds that many users (--seed 42) into a fresh database in a temporary folder.
# With an existing database file: works on a copy of it (sqlite3 .backup), so the original gets no new run.
# Both sides use the same protocol: elbow k = 1..10 with n_init 3 fitted on a 100,000-row sample and
# inertia on all rows, silhouette on a 10,000-row sample, final k-means k = 4 with n_init 10.
# The Python command runs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (they slow numpy here).
#
# Environment: SKLEARN_THREADS (limit sklearn's BLAS/OpenMP threads, e.g. 1; default: one per core),
# WAREHOUSE_BIN (default: `swift build -c release` first, then its warehouse binary),
# WAREHOUSE_VENV (default /tmp/warehouse-venv).
set -euo pipefail
arg=${1:-1000000}
if [ -f "$arg" ] && [ "${arg#/}" = "$arg" ]; then arg=$PWD/$arg; fi  # relative to the caller's directory
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

warehouse_bin

python_env

work=$(mktemp -d /tmp/warehouse-bench-segmentation-python.XXXXXX)
trap 'rm -rf "$work"' EXIT
db=$work/warehouse.sqlite

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m)"
if [ -f "$arg" ]; then
    echo "database: a copy of $arg"
    sqlite3 "$arg" ".backup '$db'"
elif [[ "$arg" =~ ^[0-9]+$ ]]; then
    echo "seeding $arg users (--seed 42) …"
    "$bin" seed --db "$db" --users "$arg" --seed 42 --quiet
else
    echo "bench-segmentation-python: '$arg' is neither a user count nor a database file" >&2
    exit 2
fi

/usr/bin/time -f '%e %M' -o "$work/wh.time" \
    "$bin" run-segmentation --db "$db" --k 4 --json --quiet >"$work/warehouse.json"
read -r wh_wall wh_kb <"$work/wh.time"
/usr/bin/time -f '%e %M' -o "$work/py.time" \
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
    "$py" scripts/python/segmentation_reference.py --db "$db" --k 4 --warehouse-json "$work/warehouse.json" \
    ${SKLEARN_THREADS:+--threads "$SKLEARN_THREADS"}
read -r py_wall py_kb <"$work/py.time"
echo "process wall (with start-up and imports): python ${py_wall} s, peak $((py_kb / 1024)) MB; warehouse ${wh_wall} s, peak $((wh_kb / 1024)) MB"
