#!/usr/bin/env bash
# A latent-class run checked with numpy/scipy (scripts/python/compare_latent_class.py): the
# mixture log-likelihood of the STORED parameters on the same data (to 1e-9 relative), entropy,
# BIC, ICL, R²-entropy, every user's segment and posteriors, and that one reference EM step from
# the stored parameters barely moves them. Run by hand, never in CI; the product never needs Python.
#
#   scripts/compare-latent-class.sh [DB] [RUN_ID]
#
# Without DB: seeds a fresh database of $USERS users (default 20000, --seed 42) in a temporary
# folder and runs `warehouse run-segmentation --method latent-class --k 4 --quiet` on it. RUN_ID
# defaults to the latest latent-class run. The database is opened read-only. Exit status: 0 all
# checks passed, 1 a check failed, 2 a usage or data error.
#
# REFERENCE_FIT=1 adds the independent fit from scratch (from the planted parameters) and compares
# alpha with it (see the Python file; for small populations, e.g. USERS=3000). COVARIATES=age-group
# runs the fresh database's segmentation with --covariates age-group.
#
# Environment: WAREHOUSE_BIN (default: `swift build -c release` first, then its warehouse binary;
# only needed without DB), WAREHOUSE_VENV (default /tmp/warehouse-venv; numpy and scipy are
# installed into it when missing).
set -euo pipefail
db=${1:-}
run_id=${2:-}
if [ -n "$db" ] && [ "${db#/}" = "$db" ]; then db=$PWD/$db; fi
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

venv=${WAREHOUSE_VENV:-/tmp/warehouse-venv}
if ! "$venv/bin/python" -c 'import numpy, scipy' 2>/dev/null; then
    echo "setting up numpy and scipy in $venv …" >&2
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check 'numpy>=1.26,<3' 'scipy>=1.11,<2'
fi
py=$venv/bin/python

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m)"
if [ -z "$db" ]; then
    warehouse_bin
    work=$(mktemp -d /tmp/warehouse-compare-latent.XXXXXX)
    trap 'rm -rf "$work"' EXIT
    db=$work/warehouse.sqlite
    users=${USERS:-20000}
    covariates=()
    [ -n "${COVARIATES:-}" ] && covariates=(--covariates "$COVARIATES")
    echo "seeding $users users (--seed 42) and running run-segmentation --method latent-class --k 4 ${covariates[*]} in $work"
    "$bin" seed --db "$db" --users "$users" --seed 42 --quiet >/dev/null
    "$bin" run-segmentation --db "$db" --method latent-class --k 4 "${covariates[@]}" --quiet >"$work/run.txt"
    sed 's/^/  warehouse: /' "$work/run.txt"
fi
[ -f "$db" ] || { echo "compare-latent-class: no database at $db" >&2; exit 2; }
args=(--db "$db")
[ -n "$run_id" ] && args+=(--run-id "$run_id")
[ "${REFERENCE_FIT:-0}" = 1 ] && args+=(--reference-fit)
status=0
"$py" scripts/python/compare_latent_class.py "${args[@]}" || status=$?
[ "$status" -eq 0 ] && echo "compare-latent-class: all checks passed" || echo "compare-latent-class: SOME CHECKS FAILED"
exit "$status"
