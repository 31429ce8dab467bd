#!/usr/bin/env bash
# Hostile-CSV fuzzing of `warehouse import`: each iteration mutates one of the example files
# (examples/hobbies/) with scripts/python/import_mutator.py (byte flips, truncation mid-quote,
# NULs, invalid UTF-8, 5 MB fields, CR-only line ends, BOMs, unbalanced quotes, odd numbers,
# duplicated or empty headers, tabs, gzip, 50,000 columns, users.csv's demographic columns with
# valid and hostile values, a directory / FIFO / /dev/zero / the
# database as an input, likes summing past 2^31, …) and imports it into a fresh copy of an empty,
# imported or seeded warehouse (with and without --append and --dry-run), under a time limit and
# `ulimit -v`. Each run is classified:
#   accepted  exit 0 (and `warehouse check` passes; a --dry-run left the database as it was;
#             downstream run-segmentation / target / report do not crash on it)
#   refused   exit 1, every stderr line names an input file (or the database), at most 12 lines
#             of at most 1000 bytes (a message names the paths, which may be long), and the database is byte for byte as it was (no -wal left, no
#             file created where there was none)
#   DEFECT    anything else: a signal or trap (exit >= 128), a time-out, an unexplained refusal,
#             a multi-screen stderr, a database changed by a refusal or a dry run, a failing check
#             after an accepted import, a downstream crash.
# The inputs and outputs of each defect are kept under a temporary directory, printed at the end.
#
#   scripts/fuzz-import.sh [ITERATIONS=200] [SEED=1]
#
# WAREHOUSE_BIN: the binary (default: a debug build of this checkout). FUZZ_TIMEOUT: seconds per
# command (default 20). FUZZ_MEMORY_KB: `ulimit -v` (default 2097152, 2 GB). FUZZ_DOWNSTREAM: run
# the downstream commands on every n-th accepted import (default 4; the sum-of-likes and tiny-file
# cases always). Exits 1 when a defect was found.
set -uo pipefail
cd "$(dirname "$0")/.."
iterations=${1:-200}
seed=${2:-1}
limit=${FUZZ_TIMEOUT:-20}
memory=${FUZZ_MEMORY_KB:-2097152}
every=${FUZZ_DOWNSTREAM:-4}
if [ -n "${WAREHOUSE_BIN:-}" ]; then
    bin=$WAREHOUSE_BIN
else
    swift build --product warehouse >/dev/null || exit 1
    bin=$(swift build --show-bin-path)/warehouse
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
root=$(mktemp -d /tmp/warehouse-fuzz.XXXXXX)
example=examples/hobbies

# Template warehouses: the example's catalogue and first half of users imported, and a small seeded one.
python3 scripts/python/import_mutator.py --first-half $example "$root/half"
"$bin" import --db "$root/imported.sqlite" --quiet --catalog "$root/half/catalog.csv" --users "$root/half/users.csv" \
    --likes "$root/half/likes.csv" >/dev/null 2>&1 || { echo "cannot import the example" >&2; exit 1; }
"$bin" seed --db "$root/seeded.sqlite" --users 300 --seed 1 --quiet >/dev/null 2>&1 || { echo "cannot seed" >&2; exit 1; }

# Runs a command under the time and memory limits; its exit status (124: timed out).
limited() {
    ( ulimit -v "$memory"; exec timeout -k 5 "$limit" "$@" )
}

# The database's bytes and its -wal's (an empty -wal counts as none: any reader of a WAL-mode file
# may leave one, with the -shm index, as StoreOpeningTests' fingerprint also counts it).
hash_db() {
    local db=$1
    { [ -e "$db" ] && sha256sum <"$db" || echo absent; [ -s "$db-wal" ] && sha256sum <"$db-wal" || echo no-wal; } | tr '\n' ' '
}

declare -A kinds=() mutation_defects=()
accepted=0 refused=0 defects=0 downstream_runs=0
defect_list=()

defect() { # case dir, why
    defects=$((defects + 1))
    defect_list+=("$1: $2")
    kinds[$2]=$(( ${kinds[$2]:-0} + 1 ))
    mutation_defects[$mutation]=$(( ${mutation_defects[$mutation]:-0} + 1 ))
    keep=1
}

for ((i = 1; i <= iterations; i++)); do
    dir=$root/case-$i
    mkdir -p "$dir"
    IFS=$'\t' read -r mutation target catalog users likes db_kind flags \
        < <(python3 scripts/python/import_mutator.py $example "$dir" "$seed" "$i")
    db=$dir/warehouse.sqlite
    [ "$db_kind" != none ] && cp "$root/$db_kind.sqlite" "$db"
    catalog=${catalog//@DB@/$db} users=${users//@DB@/$db} likes=${likes//@DB@/$db}
    before=$(hash_db "$db")
    # shellcheck disable=SC2086
    command=("$bin" import --db "$db" --quiet --catalog "$catalog" --users "$users" --likes "$likes" $flags)
    printf '%q ' "${command[@]}" >"$dir/command"
    echo "$mutation on $target, $db_kind warehouse" >"$dir/what"
    limited "${command[@]}" >"$dir/stdout" 2>"$dir/stderr"
    status=$?
    after=$(hash_db "$db")
    keep=0
    if [ $status -eq 124 ] || [ $status -eq 137 ]; then
        defect "$dir" "timeout or killed (exit $status)"
    elif [ $status -ge 128 ] || { [ $status -ne 0 ] && [ $status -ne 1 ]; }; then
        defect "$dir" "crash (exit $status)"
    elif [ $status -eq 1 ]; then
        lines=$(wc -l <"$dir/stderr")
        widest=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$dir/stderr")
        unnamed=$(grep -v -F -e "$catalog" -e "$users" -e "$likes" -e "$db" -e "import refused" "$dir/stderr" | head -1)
        if [ "$before" != "$after" ]; then defect "$dir" "database changed by a refusal"
        elif [ "$lines" -gt 12 ] || [ "$widest" -gt 1000 ]; then defect "$dir" "stderr too long ($lines lines, widest $widest bytes)"
        elif [ "$lines" -eq 0 ]; then defect "$dir" "refusal with an empty stderr"
        elif [ -n "$unnamed" ]; then defect "$dir" "stderr line naming no file"
        else refused=$((refused + 1)); fi
    else
        accepted=$((accepted + 1))
        if [[ $flags == *--dry-run* ]]; then
            [ "$before" != "$after" ] && defect "$dir" "database changed by a dry run"
        elif ! limited "$bin" check --db "$db" >"$dir/check" 2>&1; then
            defect "$dir" "check fails after an accepted import"
        elif [[ $mutation == huge-likes-sum || $mutation == max-likes-each || $mutation == one-row || $mutation == zero-rows \
                || $mutation == catalogue-case-space ]] || [ $((accepted % every)) -eq 0 ]; then
            downstream_runs=$((downstream_runs + 1))
            for step in "run-segmentation --k 2 --elbow off --seed 1 --quiet" "target" "report --out $dir/report.html"; do
                # shellcheck disable=SC2086
                limited "$bin" $step --db "$db" >"$dir/downstream.out" 2>"$dir/downstream.err"
                code=$?
                if [ $code -ge 124 ]; then
                    defect "$dir" "downstream '${step%% *}' crashed or timed out (exit $code)"
                    break
                fi
            done
        fi
    fi
    if [ $keep -eq 0 ]; then rm -rf "$dir"; fi
done
rm -rf "$root/imported.sqlite" "$root/seeded.sqlite" "$root/half"

echo "fuzz-import: $iterations iterations, seed $seed: $accepted accepted, $refused refused cleanly, $defects defects ($downstream_runs accepted imports also run downstream)"
for kind in "${!kinds[@]}"; do echo "  ${kinds[$kind]}× $kind"; done
for m in "${!mutation_defects[@]}"; do echo "  by mutation: ${mutation_defects[$m]}× $m"; done
for line in "${defect_list[@]}"; do echo "  DEFECT ${line} ($(cat "${line%%:*}/what"); command in ${line%%:*}/command)"; done
if [ "$defects" -eq 0 ]; then rm -rf "$root"; exit 0; fi
echo "defect inputs kept in $root"
exit 1
