#!/usr/bin/env bash
# Checks `warehouse evaluate --json` against an independent reference (scripts/python/
# evaluate_reference.py: sqlite3 and numpy only): the popularity, history and planted rankers,
# "all" and "new_interest", user counts exactly and every metric within a tolerance. Run by hand,
# never in CI; the product never needs Python. Builds nothing: give it a built binary.
#
#   scripts/evaluate-check.sh [BIN] [--users N] [--seed S] [--as-of MOMENT] [--horizon D]
#       [--window D] [--half-life D] [--weights kind=w,…] [--relevant kind,…] [--tolerance X]
#       [--rankers popularity,history,planted] [--db PATH] [--keep]
#
# BIN: the warehouse binary (default .build/release/warehouse; `swift build -c release` makes it).
# Seeds a fresh warehouse of --users (default 20000) with --seed (default 42) in a temporary
# folder (the seed's interactions end at 2026-11-30T23:59:59Z), unless --db names an existing one
# (opened read-only by the reference). Defaults: --as-of 2026-10-31T23:59:59Z --horizon 30d, no
# window, no half-life, the command's default weights and relevant kinds. The reference's
# --self-test runs first. --keep keeps the temporary folder.
#
# Exit status: 0 every figure matches, 1 a mismatch (or a failed self-test), 2 a usage or data
# error, or a binary without `evaluate` (then the reference's own figures are printed).
# Environment: WAREHOUSE_PYTHON (a Python with numpy), else WAREHOUSE_VENV (default
# /tmp/warehouse-venv, made with numpy on first use).
set -euo pipefail
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

bin="" users=20000 seed=42 as_of=2026-10-31T23:59:59Z horizon=30d db="" keep=0 tolerance=0.005 rankers=""
options=()
while [ $# -gt 0 ]; do
    case $1 in
        --users) users=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --as-of) as_of=$2; shift 2 ;;
        --horizon) horizon=$2; shift 2 ;;
        --window|--half-life|--weights|--relevant) options+=("$1" "$2"); shift 2 ;;
        --tolerance) tolerance=$2; shift 2 ;;
        --rankers) rankers=$2; shift 2 ;;
        --db) db=$(abs "$2"); shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) usage ;;
        -*) echo "evaluate-check: unknown option $1" >&2; usage ;;
        *) [ -z "$bin" ] || usage; bin=$(abs "$1"); shift ;;
    esac
done
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
bin=${bin:-$PWD/.build/release/warehouse}
[ -x "$bin" ] || { echo "evaluate-check: no warehouse binary at $bin (swift build -c release, or pass its path)" >&2; exit 2; }
numpy_env

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m)"
echo "binary: $bin ($("$bin" --version 2>/dev/null || echo '?')); python: $py"
echo "== reference self-test =="
"$py" scripts/python/evaluate_reference.py --self-test || { echo "evaluate-check: the reference's self-test failed" >&2; exit 1; }

work=$(mktemp -d /tmp/warehouse-evaluate-check.XXXXXX)
if [ "$keep" -eq 1 ]; then echo "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
if [ -z "$db" ]; then
    db=$work/warehouse.sqlite
    echo "== seeding $users users (--seed $seed) in $work =="
    "$bin" seed --db "$db" --users "$users" --seed "$seed" --quiet
fi
[ -f "$db" ] || { echo "evaluate-check: no database at $db" >&2; exit 2; }

args=(--as-of "$as_of" --horizon "$horizon" ${options[@]+"${options[@]}"})
ref=(scripts/python/evaluate_reference.py --db "$db" "${args[@]}" --tolerance "$tolerance")
[ -n "$rankers" ] && ref+=(--rankers "$rankers")

if ! "$bin" evaluate --help >"$work/help.txt" 2>&1; then
    echo "evaluate-check: $bin has no 'evaluate' command yet; the reference's figures alone:" >&2
    "$py" "${ref[@]}"
    exit 2
fi
db_option=--db
grep -q -- '--database' "$work/help.txt" && ! grep -q -- '--db ' "$work/help.txt" && db_option=--database

echo "== warehouse evaluate ${args[*]} =="
start=$(date +%s%N)
"$bin" evaluate "$db_option" "$db" "${args[@]}" --json >"$work/evaluate.json"
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
echo "warehouse evaluate: $((elapsed / 1000)).$(printf %03d $((elapsed % 1000))) s"
echo "== reference and comparison =="
status=0
"$py" "${ref[@]}" --compare "$work/evaluate.json" || status=$?
[ "$status" -eq 0 ] && echo "evaluate-check: all figures match" || echo "evaluate-check: FIGURES DIFFER (or error $status)"
exit "$status"
