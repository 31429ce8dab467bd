#!/usr/bin/env bash
# Windowed read benchmark: the read stage of a windowed `warehouse run-segmentation` against
# SQLite's strict scan floor of the rows the window reads and against DuckDB, in the same run.
#
#   scripts/bench-window.sh [DB]        (default: seed 1,000,000 users with a year of interactions)
#
# Environment: RUNS (default 5) rounds, each running (a), (b) and (c) in turn:
#  (a) `warehouse run-segmentation --k 4 --elbow off --window 90d
#      --weights like=1,comment=3,share=5,search=2 --half-life 30d --quiet` on one copy of DB (DB
#      itself is left as it is; the rounds' runs pile up in the copy, which the read does not
#      see): its `read` stage from the `time:` line, and the whole wall time. A first run before
#      the rounds builds the copy's packs (`interaction_packs`), its `pack` stage reported; the
#      rounds read them. SQLite's scan of those packs is timed too (their own floor);
#  (b) SQLite's strict scan floor of the rows the window reads, in the sqlite3 shell (.timer):
#      SELECT sum(user_id + second + kind_id + subcategory_id) FROM interactions
#      WHERE day BETWEEN <first> AND <last>;
#  (c) DuckDB (Python package, SET threads = 2) on its own native table holding those days' rows
#      (exported with the sqlite3 shell to CSV and loaded beforehand; neither counted), computing
#      the same per-user, per-subcategory weighted decayed sums into a temporary table
#      (CREATE TEMP TABLE r AS …): only that query is timed, in a fresh process each round.
# T is the latest interaction (the run's default --as-of); the first day is (T − 90·86400 + 1) / 86400.
# Then DuckDB's sums are compared with an independent sqlite3 query for three users.
# DuckDB comes from a virtual environment outside the repository ($WAREHOUSE_DUCKDB_VENV,
# default /tmp/warehouse-duckdb-venv), made on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
runs=${RUNS:-5}
warehouse_bin
work=$(mktemp -d /tmp/warehouse-bench-window.XXXXXX)
trap 'rm -rf "$work"' EXIT

venv=${WAREHOUSE_DUCKDB_VENV:-/tmp/warehouse-duckdb-venv}
if ! "$venv/bin/python" -c 'import duckdb' 2>/dev/null; then
    echo "setting up DuckDB in $venv …" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check duckdb
fi
py=$venv/bin/python

load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }

db=${1:-}
if [ -z "$db" ]; then
    db=$work/seed.sqlite
    "$bin" seed --db "$db" --users 1000000 --quiet >/dev/null
fi
sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m), SQLite $(sqlite3 --version | cut -d' ' -f1), DuckDB $("$py" -c 'import duckdb; print(duckdb.__version__)')"
echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), database: $db ($(du -m "$db" | cut -f1) MB), load: $(load)"

window=$((90 * 86400)) half_life=$((30 * 86400))
last_day=$(sqlite3 "$db" 'SELECT max(day) FROM interactions')
T=$(sqlite3 "$db" "SELECT day * 86400 + max(second) FROM interactions WHERE day = $last_day")
first_day=$(((T - window + 1) / 86400))
rows=$(sqlite3 "$db" "SELECT count(*) FROM interactions WHERE day BETWEEN $first_day AND $last_day")
in_window=$(sqlite3 "$db" "SELECT count(*) FROM interactions WHERE day BETWEEN $first_day AND $last_day AND day * 86400 + second > $T - $window")
echo "window: T = $T ($(date -u -d "@$T" '+%Y-%m-%d %H:%M:%S UTC')), days $first_day … $last_day, $rows rows read ($in_window in the window), of $(sqlite3 "$db" 'SELECT count(*) FROM interactions') interactions"

# (c)'s table, loaded beforehand.
sqlite3 -csv "$db" "SELECT day, user_id, second, kind_id, subcategory_id FROM interactions WHERE day BETWEEN $first_day AND $last_day" >"$work/window.csv"
"$py" - "$work/window.csv" "$work/window.duckdb" <<'PY'
import sys, duckdb
con = duckdb.connect(sys.argv[2])
con.execute("""CREATE TABLE interactions AS SELECT * FROM read_csv(?, header = false,
    columns = {'day': 'BIGINT', 'user_id': 'BIGINT', 'second': 'BIGINT', 'kind_id': 'BIGINT', 'subcategory_id': 'BIGINT'})""",
            [sys.argv[1]])
print("duckdb table:", con.execute("SELECT count(*) FROM interactions").fetchone()[0], "rows")
PY
rm -f "$work/window.csv"

duckdb_query="SELECT user_id, subcategory_id,
        sum(CASE kind_id WHEN 1 THEN 1 WHEN 2 THEN 3 WHEN 3 THEN 5 WHEN 4 THEN 2 ELSE 0 END
            * pow(2, -($T - (day * 86400 + second)) / $half_life.0)) AS interest
    FROM interactions
    WHERE day BETWEEN $first_day AND $last_day
      AND day * 86400 + second > $T - $window AND day * 86400 + second <= $T
    GROUP BY user_id, subcategory_id"
cat >"$work/duckdb_query.py" <<PY
import sys, time, duckdb
con = duckdb.connect("$work/window.duckdb", read_only = True)
con.execute("SET threads = 2")
start = time.perf_counter()
con.execute("""CREATE TEMP TABLE r AS $duckdb_query""")
elapsed = time.perf_counter() - start
print(f"{elapsed:.3f} {con.execute('SELECT count(*) FROM r').fetchone()[0]}")
PY

floor_sql="SELECT sum(user_id + second + kind_id + subcategory_id) FROM interactions WHERE day BETWEEN $first_day AND $last_day;"
# The packs' own floor: SQLite's scan of the packs of the window's days, loading every byte of
# their words (max over a suffix: length() alone would read no overflow page).
packs_sql="SELECT sum(length(words)), max(substr(words, -8)) FROM interaction_packs WHERE id BETWEEN $first_day * 536870912 AND $last_day * 536870912 + 536870911;"
: >"$work/ours" ; : >"$work/ours_wall" ; : >"$work/floor" ; : >"$work/duck" ; : >"$work/packs"
cp "$db" "$work/run.sqlite"
# A first run builds the packed copy of the interactions (once per change of them); the rounds read it.
before_mb=$(du -m "$work/run.sqlite" | cut -f1)
"$bin" run-segmentation --db "$work/run.sqlite" --k 4 --elbow off --window 90d \
    --weights like=1,comment=3,share=5,search=2 --half-life 30d --quiet >"$work/run.out"
sqlite3 "$work/run.sqlite" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
echo "first run: $(grep -o 'read [0-9.]* s' "$work/run.out" | head -1) from the rows, $(grep -o 'pack [0-9.]* s' "$work/run.out" | head -1) building the packs ($(sqlite3 "$work/run.sqlite" 'SELECT count(*), sum(length(words)) FROM interaction_packs' | tr '|' ' ' | awk '{printf "%d packs, %.0f MB of words", $1, $2 / 1e6}'); file $before_mb MB before, $(du -m "$work/run.sqlite" | cut -f1) MB after, its scores included)"
for round in $(seq 1 "$runs"); do
    start=$(date +%s.%N)
    "$bin" run-segmentation --db "$work/run.sqlite" --k 4 --elbow off --window 90d \
        --weights like=1,comment=3,share=5,search=2 --half-life 30d --quiet >"$work/run.out"
    end=$(date +%s.%N)
    wall=$(echo "$end - $start" | bc -l | xargs printf '%.3f')
    read_s=$(grep -o 'read [0-9.]* s' "$work/run.out" | head -1 | awk '{print $2}')
    floor_s=$(printf '.timer on\n%s\n' "$floor_sql" | sqlite3 "$db" | awk '/Run Time/ {print $4}')
    packs_s=$(printf '.timer on\n%s\n' "$packs_sql" | sqlite3 "$work/run.sqlite" | awk '/Run Time/ {print $4}')
    read -r duck_s duck_rows < <("$py" "$work/duckdb_query.py")
    echo "$read_s" >>"$work/ours"; echo "$wall" >>"$work/ours_wall"; echo "$floor_s" >>"$work/floor"; echo "$duck_s" >>"$work/duck"
    echo "$packs_s" >>"$work/packs"
    echo "round $round: ours read ${read_s} s (run ${wall} s wall), SQLite floor ${floor_s} s (packs ${packs_s} s), DuckDB ${duck_s} s (${duck_rows} sums) (load: $(load))"
done
grep '^time:' -A1 "$work/run.out" || true
ours=$(median <"$work/ours"); wall=$(median <"$work/ours_wall"); floor=$(median <"$work/floor"); duck=$(median <"$work/duck")
packs=$(median <"$work/packs")
echo "median of $runs: ours read ${ours} s (run ${wall} s wall), SQLite strict scan ${floor} s (of the packs ${packs} s), DuckDB (2 threads) ${duck} s (load: $(load))"
echo "ratio: ours / floor = $(ratio "$ours" "$floor") (target ≤ 1.3), ours / packs' floor = $(ratio "$ours" "$packs"), ours / DuckDB = $(ratio "$ours" "$duck") (target ≤ 1)"

# Agreement: DuckDB's sums against an independent sqlite3 query, for three users.
"$py" - "$db" "$work/window.duckdb" "$T" "$first_day" "$last_day" "$window" "$half_life" <<'PY'
import subprocess, sys, duckdb
db, duck, T, first, last, window, half = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:])
con = duckdb.connect(duck, read_only = True)
users = list(con.execute("""SELECT min(user_id), quantile_disc(user_id, 0.5), max(user_id) FROM interactions
    WHERE day * 86400 + second > ? - ?""", [T, window]).fetchone())
worst = 0.0
for user in users:
    sql = f"""SELECT subcategory_id, sum(CASE kind_id WHEN 1 THEN 1 WHEN 2 THEN 3 WHEN 3 THEN 5 WHEN 4 THEN 2 ELSE 0 END
              * pow(2, -({T} - (day * 86400 + second)) / {half}.0)) FROM interactions
              WHERE day BETWEEN {first} AND {last} AND user_id = {user}
                AND day * 86400 + second > {T} - {window} AND day * 86400 + second <= {T}
              GROUP BY subcategory_id ORDER BY subcategory_id"""
    out = subprocess.run(["sqlite3", "-separator", " ", db, sql], check = True, capture_output = True, text = True).stdout
    theirs = {int(a): float(b) for a, b in (line.split() for line in out.splitlines())}
    ours = dict(con.execute(f"""SELECT subcategory_id, sum(CASE kind_id WHEN 1 THEN 1 WHEN 2 THEN 3 WHEN 3 THEN 5 WHEN 4 THEN 2 ELSE 0 END
              * pow(2, -({T} - (day * 86400 + second)) / {half}.0)) FROM interactions
              WHERE user_id = {user} AND day * 86400 + second > {T} - {window} AND day * 86400 + second <= {T}
              GROUP BY subcategory_id""").fetchall())
    assert set(ours) == set(theirs), (user, sorted(ours), sorted(theirs))
    diff = max(abs(ours[k] - theirs[k]) / max(abs(theirs[k]), 1e-300) for k in theirs)
    worst = max(worst, diff)
    print(f"user {user}: {len(theirs)} subcategories, sum {sum(theirs.values()):.6f}, largest relative difference {diff:.2e}")
print("agreement:", "yes" if worst <= 1e-9 else "NO", f"(worst {worst:.2e}, tolerance 1e-9)")
PY
