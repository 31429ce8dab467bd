#!/usr/bin/env bash
# The report at scale, in a browser: seeds USERS (default 1,000,000) users with a year of
# interactions with a release build, segments them three times on a 90-day window with a 30-day
# half-life at three month-ends (each run aligned to the one before, so the report has segments
# over time), evaluates the last fit on the 30 days after it, writes the report, and times it in
# headless Chromium with the browser test harness (scripts/browser/check_report.py --timing-only,
# RUNS times), then runs its checks once.
#
# Usage: scripts/bench-report-browser.sh [workdir]   (default: a temporary directory)
# Environment: USERS, RUNS (default 3), WAREHOUSE_BROWSER_PYTHON (default: the .ci/run venv),
# SCRATCH (the release build's scratch path, default .build-release).
set -euo pipefail
cd "$(dirname "$0")/.."
users="${USERS:-1000000}"
runs="${RUNS:-3}"
python="${WAREHOUSE_BROWSER_PYTHON:-$HOME/.cache/warehouse-browser-venv/bin/python}"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
scratch="${SCRATCH:-.build-release}"
swift build -c release --scratch-path "$scratch" >/dev/null
bin="$scratch/release/warehouse"
db="$work/bench.sqlite"
rm -f "$db" "$db-wal" "$db-shm"
echo "seed:             $( { /usr/bin/time -f '%e s' "$bin" seed --db "$db" --users "$users" --quiet >/dev/null; } 2>&1 )"
previous=()
for as_of in 2026-08-31 2026-09-30 2026-10-31; do
    echo "run-segmentation --as-of $as_of: $( { /usr/bin/time -f '%e s' "$bin" run-segmentation --db "$db" --as-of "$as_of" \
        --window 90d --half-life 30d "${previous[@]}" --quiet >/dev/null; } 2>&1 )"
    previous=(--align-to "$("$bin" runs --db "$db" --json | "$python" -c 'import json, sys; print(json.load(sys.stdin)["runs"][-1]["id"])')")
done
echo "evaluate:         $( { /usr/bin/time -f '%e s' "$bin" evaluate --db "$db" --as-of 2026-10-31 --horizon 30d \
    --window 90d --half-life 30d --bootstrap 200 >/dev/null; } 2>&1 )"
echo "report:           $( { /usr/bin/time -f '%e s' "$bin" report --db "$db" --out "$work/report.html" >/dev/null; } 2>&1 )"
echo "report size:      $(wc -c <"$work/report.html") bytes"
for i in $(seq 1 "$runs"); do
    echo "chromium run $i:    $("$python" scripts/browser/check_report.py "$work/report.html" --timing-only)"
done
"$python" scripts/browser/check_report.py "$work/report.html" | "$python" -c '
import json, sys
checks = json.load(sys.stdin)["checks"]
for name, check in checks.items():
    print("check %s: %s" % (name, "ok" if check["ok"] else "FAILED"))
sys.exit(0 if all(c["ok"] for c in checks.values()) else 1)'
