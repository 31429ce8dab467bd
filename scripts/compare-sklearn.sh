#!/usr/bin/env bash
# Correctness of a segmentation run against scikit-learn (scripts/python/compare_sklearn.py):
# scaling, PCA variance ratios, scores and loadings (up to sign), k-means inertia and labels, ARI
# vs the planted personas; one PASS/FAIL line per check; then sklearn's k-means timing on the
# run's stored scores. Run by hand, never in CI; the product never needs Python.
#
#   scripts/compare-sklearn.sh [DB] [RUN_ID]
#
# Without DB: seeds a fresh 20,000-user database (--seed 42) in a temporary folder and runs
# `warehouse run-segmentation --k 4 --quiet` on it. RUN_ID defaults to the latest run. The database
# is opened read-only. Exit status: 0 all checks passed, 1 a check failed, 2 a usage or data error.
#
# Environment: WAREHOUSE_BIN (default: `swift build -c release` first, then its warehouse binary;
# only needed without DB), WAREHOUSE_VENV (default /tmp/warehouse-venv), USERS (default 20000).
set -euo pipefail
db=${1:-}
run_id=${2:-}
if [ -n "$db" ] && [ "${db#/}" = "$db" ]; then db=$PWD/$db; fi  # relative to the caller's directory
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

python_env

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m)"
if [ -z "$db" ]; then
    warehouse_bin
    work=$(mktemp -d /tmp/warehouse-compare-sklearn.XXXXXX)
    trap 'rm -rf "$work"' EXIT
    db=$work/warehouse.sqlite
    users=${USERS:-20000}
    echo "seeding $users users (--seed 42) and running run-segmentation --k 4 in $work"
    "$bin" seed --db "$db" --users "$users" --seed 42 --quiet >/dev/null
    "$bin" run-segmentation --db "$db" --k 4 --quiet >"$work/run.txt"
    sed 's/^/  warehouse: /' "$work/run.txt"
fi
[ -f "$db" ] || { echo "compare-sklearn: no database at $db" >&2; exit 2; }
args=(--db "$db")
[ -n "$run_id" ] && args+=(--run-id "$run_id")

echo "== checks =="
status=0
"$py" scripts/python/compare_sklearn.py "${args[@]}" || status=$?
if [ "$status" -eq 2 ]; then exit 2; fi

echo "== timing (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for this command only) =="
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$py" scripts/python/compare_sklearn.py "${args[@]}" --timing-only

[ "$status" -eq 0 ] && echo "compare-sklearn: all checks passed" || echo "compare-sklearn: SOME CHECKS FAILED"
exit "$status"
