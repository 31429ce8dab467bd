#!/usr/bin/env bash
# The Spark agreement check (a script, not CI: it needs pyspark from PyPI and several minutes):
# seed USERS users, segment them with `warehouse run-segmentation`, export that run, segment the
# export on Apache Spark (scripts/spark-segmentation.sh: PCA + MLlib KMeans, k-means||), import
# Spark's result with `warehouse import-run`, and compare the two runs:
#
#   scripts/spark-check.sh [--window] [USERS=1000000] [K=4]
#
# --window: the run counts a window of interactions (run-segmentation --window 90d --weights
# like=1,comment=3,share=5,search=2 --half-life 30d over the seed's year of interactions), and
# Spark computes the features itself from events.csv (scripts/spark-segmentation.py); the check
# then also compares Spark's standardised features with features.csv (ours) user by user, and
# fails beyond a difference of 1e-9 standard deviations or if the users differ.
# WAREHOUSE_CHECK_WINDOW overrides the window's options.
#
# Passes (exit 0) when the adjusted Rand index between the runs is at least 0.95 and Spark's
# inertia (recomputed on our PCA scores) is within 1% of ours; prints the wall time and peak
# memory of every step. WAREHOUSE_BIN: the warehouse binary (default: a release build);
# WAREHOUSE_CHECK_DIR: keep the work there (default: a temporary directory, removed);
# WAREHOUSE_SPARK_DRIVER_MEMORY: the Spark driver's heap (default 4g; 8g from ~10M users).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
window=
if [ "${1:-}" = "--window" ]; then
    window=${WAREHOUSE_CHECK_WINDOW:-"--window 90d --weights like=1,comment=3,share=5,search=2 --half-life 30d"}
    shift
fi
users=${1:-1000000}
k=${2:-4}
warehouse_bin
if [ -n "${WAREHOUSE_CHECK_DIR:-}" ]; then
    work=$WAREHOUSE_CHECK_DIR
    mkdir -p "$work"
    rm -rf "$work/w.sqlite" "$work/w.sqlite-wal" "$work/w.sqlite-shm" "$work/export" "$work/spark" "$work/spark-features"
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
echo "check: $users users, k = $k, ${window:-all-time likes}, in $work"
step seed "$bin" seed --db "$db" --users "$users" --quiet
# shellcheck disable=SC2086 # $window is a list of options
step run-segmentation "$bin" run-segmentation --db "$db" --k "$k" --elbow off $window --quiet
ours=$(sqlite3 "$db" "SELECT max(id) FROM segmentation_runs")
step export "$bin" export --db "$db" --run "$ours" --out "$work/export"
if [ -n "$window" ]; then
    step spark scripts/spark-segmentation.sh "$work/export" "$work/spark" --features-out "$work/spark-features"
    ls -l "$work/export" | awk 'NR > 1 {printf "  %-18s %12s bytes\n", $9, $5}'
else
    step spark scripts/spark-segmentation.sh "$work/export" "$work/spark"
fi
step import-run "$bin" import-run --db "$db" "$work/spark" --quiet
spark=$(sqlite3 "$db" "SELECT max(id) FROM segmentation_runs")
"$bin" compare --db "$db" "$ours" "$spark" --json > "$work/compare.json"
grep '^spark ' "$work/spark.out"
du -sh "$work/export" | awk '{print "export size: " $1}'

features_ok=0
if [ -n "$window" ]; then
    python3 - "$work/export/features.csv" "$work/spark-features" <<'PY' || features_ok=1
import csv, glob, sys
ours_path, spark_dir = sys.argv[1], sys.argv[2]
def rows(paths):
    table = {}
    for path in paths:
        with open(path, newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            for line in reader:
                table[int(line[0])] = [float(v) for v in line[1:]]
    return header, table
header_ours, ours = rows([ours_path])
header_spark, spark = rows(sorted(glob.glob(spark_dir + "/part-*.csv")))
if header_ours != header_spark:
    print(f"features: columns differ: ours {header_ours}, spark {header_spark}")
    sys.exit(1)
if set(ours) != set(spark):
    print(f"features: users differ: {len(set(ours) - set(spark))} only ours, {len(set(spark) - set(ours))} only Spark's")
    sys.exit(1)
worst_abs = worst_rel = 0.0
where = None
for user, z in ours.items():
    for j, (a, b) in enumerate(zip(z, spark[user])):
        difference = abs(a - b)
        if difference > worst_abs:
            worst_abs, where = difference, (user, header_ours[j + 1])
        worst_rel = max(worst_rel, difference / max(abs(a), 1.0))
print(f"features: {len(ours)} users x {len(header_ours) - 1} standardised features, the same users; "
      f"largest |z_spark - z_ours| {worst_abs:.3g} standard deviations (user {where[0] if where else '-'}, "
      f"{where[1] if where else '-'}); largest |dz| / max(|z|, 1) {worst_rel:.3g} (need <= 1e-9)")
sys.exit(0 if worst_abs <= 1e-9 else 1)
PY
fi

python3 - "$db" "$ours" "$spark" "$work/compare.json" "$features_ok" <<'PY'
import json, sqlite3, sys
db, ours, spark, compare = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
features_ok = sys.argv[5] == "0"
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
ok = ari >= 0.95 and abs(ratio - 1) <= 0.01 and features_ok
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
