#!/usr/bin/env bash
# The Spark agreement check (a script, not CI: it needs pyspark from PyPI and several minutes):
# seed USERS users, segment them with `warehouse run-segmentation`, export that run, segment the
# export on Apache Spark (scripts/spark-segmentation.sh: PCA + MLlib KMeans, k-means||), import
# Spark's result with `warehouse import-run`, and compare the two runs:
#
#   scripts/spark-check.sh [USERS=1000000] [K=4]
#
# Passes (exit 0) when the adjusted Rand index between the runs is at least 0.95 and Spark's
# inertia (recomputed on our PCA scores) is within 1% of ours; prints the wall time and peak
# memory of every step. WAREHOUSE_BIN: the warehouse binary (default: a release build);
# WAREHOUSE_CHECK_DIR: keep the work there (default: a temporary directory, removed);
# WAREHOUSE_SPARK_DRIVER_MEMORY: the Spark driver's heap (default 4g; 8g from ~10M users).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
users=${1:-1000000}
k=${2:-4}
warehouse_bin
if [ -n "${WAREHOUSE_CHECK_DIR:-}" ]; then
    work=$WAREHOUSE_CHECK_DIR
    mkdir -p "$work"
    rm -rf "$work/w.sqlite" "$work/w.sqlite-wal" "$work/w.sqlite-shm" "$work/export" "$work/spark"
else
    work=$(mktemp -d /tmp/warehouse-spark-check.XXXXXX)
    trap 'rm -rf "$work"' EXIT
fi
db="$work/w.sqlite"

# step NAME COMMAND…: runs the command, keeps its output in $work/NAME.out, prints wall time and peak RSS.
step() {
    local name=$1
    shift
    if ! /usr/bin/time -f '%e %M' -o "$work/$name.time" "$@" > "$work/$name.out" 2> "$work/$name.err"; then
        echo "$name failed:" >&2
        tail -5 "$work/$name.err" >&2
        exit 1
    fi
    local wall kb
    read -r wall kb < "$work/$name.time"
    printf '%-18s %8s s wall, peak RSS %6s MB\n' "$name" "$wall" "$((kb / 1024))"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "check: $users users, k = $k, in $work"
step seed "$bin" seed --db "$db" --users "$users" --quiet
step run-segmentation "$bin" run-segmentation --db "$db" --k "$k" --elbow off --quiet
ours=$(sqlite3 "$db" "SELECT max(id) FROM segmentation_runs")
step export "$bin" export --db "$db" --run "$ours" --out "$work/export"
step spark scripts/spark-segmentation.sh "$work/export" "$work/spark"
step import-run "$bin" import-run --db "$db" "$work/spark" --quiet
spark=$(sqlite3 "$db" "SELECT max(id) FROM segmentation_runs")
"$bin" compare --db "$db" "$ours" "$spark" --json > "$work/compare.json"
grep '^spark ' "$work/spark.out"
du -sh "$work/export" | awk '{print "export size: " $1}'

python3 - "$db" "$ours" "$spark" "$work/compare.json" <<'PY'
import json, sqlite3, sys
db, ours, spark, compare = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
ari = json.load(open(compare))["overlap"]["adjusted_rand_index"]
con = sqlite3.connect(db)
def run(i):
    return con.execute("SELECT inertia, seconds, iterations, users, engine, source FROM segmentation_runs WHERE id = ?", (i,)).fetchone()
a, b = run(ours), run(spark)
source = json.loads(b[5])
ratio = b[0] / a[0]
print(f"ours  (run {ours}, {a[4]}): inertia {a[0]:.2f}, {a[2]} iterations, {a[1]:.1f} s segmentation")
print(f"spark (run {spark}, {b[4]} {source.get('engine_version')}): inertia {b[0]:.2f} on our PCA scores "
      f"(Spark reported {source.get('reported_inertia'):.2f}), {b[2]} iterations, {b[1]:.1f} s in Spark")
print(f"adjusted Rand index {ari:.4f} (need >= 0.95); inertia ratio spark/ours {ratio:.5f} (need within 1%)")
ok = ari >= 0.95 and abs(ratio - 1) <= 0.01
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
