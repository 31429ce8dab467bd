#!/usr/bin/env bash
# Seed side by side: the notebook way in Python (Faker + numpy + pandas DataFrame.to_sql, see
# scripts/python/seed_reference.py) against `warehouse seed`, same user count, same run, each into a
# fresh database. A benchmark run by hand, never in CI; the product never needs Python.
#
#   scripts/bench-seed-python.sh [USERS]        (default 100000)
#
# Environment: WAREHOUSE_BIN (default: `swift build -c release` first, then its warehouse binary),
# WAREHOUSE_VENV (default /tmp/warehouse-venv: created with python3 -m venv and pip on first use,
# reused after), SEED (default 42), TO_SQL_METHOD (multi, the faster here, or default).
# Prints per side: wall seconds, stage seconds (Python), peak memory (max RSS), like rows; then the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
users=${1:-100000}
seed=${SEED:-42}
method=${TO_SQL_METHOD:-multi}

warehouse_bin

python_env

work=$(mktemp -d /tmp/warehouse-bench-seed-python.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m)"
echo "python $("$py" -c 'import sys, sqlite3, numpy, pandas, faker; print(sys.version.split()[0], "numpy", numpy.__version__, "pandas", pandas.__version__, "Faker", faker.VERSION, "SQLite", sqlite3.sqlite_version)')"
echo "users: $users, seed $seed"

# Python: the notebook way. Its own stage times on stdout, the process's wall time and peak RSS from time(1).
/usr/bin/time -f '%e %M' -o "$work/py.time" \
    "$py" scripts/python/seed_reference.py --db "$work/python.sqlite" --users "$users" --seed "$seed" \
    --schema schema.sql --method "$method" >"$work/py.out"
read -r py_wall py_kb <"$work/py.time"
val() { sed -n "s/^$1=//p" "$work/py.out"; }

# The warehouse, on a fresh database in the same run.
/usr/bin/time -f '%e %M' -o "$work/wh.time" \
    "$bin" seed --db "$work/warehouse.sqlite" --users "$users" --seed "$seed" --quiet >"$work/wh.out"
read -r wh_wall wh_kb <"$work/wh.time"
wh_likes=$(sqlite3 "$work/warehouse.sqlite" 'SELECT count(*) FROM user_likes')
py_likes=$(sqlite3 "$work/python.sqlite" 'SELECT count(*) FROM user_likes')

printf 'python (Faker+numpy+pandas to_sql, method=%s): generate %s s (Faker %s s, numpy+pandas %s s), write %s s, total %s s (process %s s with imports), peak %d MB, %s like rows, database %s MB\n' \
    "$method" "$(val generate_seconds)" "$(val faker_seconds)" "$(val numpy_seconds)" "$(val write_seconds)" \
    "$(val total_seconds)" "$py_wall" $((py_kb / 1024)) "$py_likes" "$(du -m "$work/python.sqlite" | cut -f1)"
printf 'warehouse seed: %s s, peak %d MB, %s like rows, database %s MB\n' \
    "$wh_wall" $((wh_kb / 1024)) "$wh_likes" "$(du -m "$work/warehouse.sqlite" | cut -f1)"
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.1f'; }
echo "ratio: python / warehouse = $(ratio "$py_wall" "$wh_wall")× wall (process), $(ratio "$(val total_seconds)" "$wh_wall")× (Python's own total), $(ratio "$(val write_seconds)" "$wh_wall")× (to_sql alone vs the whole seed); peak memory $(ratio "$py_kb" "$wh_kb")×"
