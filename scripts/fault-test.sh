#!/usr/bin/env bash
# Fault test: kill (SIGKILL) `warehouse seed --append` and `warehouse run-segmentation` at random
# moments, many times, and check every time that
#   - PRAGMA integrity_check says ok and the foreign keys hold,
#   - the database holds exactly what it held before, or exactly what the finished command
#     writes (a seed batch or a run is all there or absent),
#   - the next command works.
#
#   scripts/fault-test.sh [KILLS=60] [USERS=200000]
#
# Prints one line per kill and a final count of kills survived and failures; exits non-zero on
# any failure. Uses the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
kills=${1:-60}
users=${2:-200000}
warehouse_bin
work=$(mktemp -d /tmp/warehouse-fault.XXXXXX)
trap 'rm -rf "$work"' EXIT
db="$work/w.sqlite"

"$bin" seed --db "$db" --users "$users" --seed 1 --quiet >/dev/null
"$bin" run-segmentation --db "$db" --k 4 --elbow off --n-init 2 --quiet >/dev/null

q() { sqlite3 "$db" "$1"; }
state() {  # what a consistent warehouse holds, as one line
    q "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM user_personas), (SELECT count(*) FROM seed_batches),
              (SELECT coalesce(sum(users), 0) FROM seed_batches), (SELECT count(*) FROM segmentation_runs),
              (SELECT count(*) FROM segment_assignments WHERE method = 'fitted'), (SELECT coalesce(sum(users), 0) FROM segmentation_runs),
              (SELECT count(*) FROM user_likes), (SELECT coalesce(sum(like_rows), 0) FROM seed_batches)" | tr '|' ' '
}
consistent() {  # every batch and every run complete
    read -r u up sb sbu runs assigned runusers likes likerows <<<"$(state)"
    [ "$u" = "$up" ] && [ "$u" = "$sbu" ] && [ "$assigned" = "$runusers" ] && [ "$likes" = "$likerows" ]
}

survived=0
failures=0
before_count=0
complete_count=0
killed_count=0
append_users=$((users / 2))
millis() { echo $(( $(date +%s%N) / 1000000 )); }
# How long each command takes uninterrupted, so kills land anywhere in its life, commit included.
start=$(millis); "$bin" seed --db "$db" --users "$append_users" --seed 2 --append --quiet >/dev/null; seed_ms=$(( $(millis) - start ))
start=$(millis); "$bin" run-segmentation --db "$db" --k 3 --n-init 2 --elbow off --quiet >/dev/null; run_ms=$(( $(millis) - start ))
echo "uninterrupted: seed --append of $append_users users ${seed_ms} ms, run-segmentation ${run_ms} ms"
for i in $(seq 1 "$kills"); do
    before=$(state)
    if [ $((i % 2)) -eq 1 ]; then
        command=(seed --db "$db" --users "$append_users" --seed "$((i + 100))" --append --quiet)
        name=seed
        span=$seed_ms
    else
        command=(run-segmentation --db "$db" --k "$((2 + i % 5))" --n-init 2 --elbow off --quiet)
        name=run
        span=$run_ms
    fi
    "$bin" "${command[@]}" >/dev/null 2>&1 &
    pid=$!
    # A random moment within 0.2…1.4 × the command's uninterrupted time, so kills land in every
    # phase (start, bulk writes, index rebuild, commit) and some commands finish first.
    delay=$(( span / 5 + (RANDOM * 32768 + RANDOM) % (span * 6 / 5 + 1) ))
    sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
    kill -9 "$pid" 2>/dev/null && killed=killed || killed=finished
    wait "$pid" 2>/dev/null || true
    after=$(state)
    problems=()
    [ "$(q 'PRAGMA integrity_check')" = ok ] || problems+=("integrity_check failed")
    [ -z "$(q 'PRAGMA foreign_key_check')" ] || problems+=("foreign_key_check failed")
    consistent || problems+=("partial write: $after")
    if [ "$after" = "$before" ]; then outcome="as before"; before_count=$((before_count + 1)); else outcome="complete"; complete_count=$((complete_count + 1)); fi
    [ "$killed" = killed ] && killed_count=$((killed_count + 1))
    # The next command works.
    "$bin" info --db "$db" >/dev/null 2>&1 || problems+=("info failed afterwards")
    if [ ${#problems[@]} -eq 0 ]; then
        survived=$((survived + 1))
        echo "kill $i ($name, $killed): ok, database $outcome"
    else
        failures=$((failures + 1))
        echo "kill $i ($name, $killed): FAILED: ${problems[*]}"
    fi
done
# And a last full command after all the kills.
"$bin" seed --db "$db" --users 1000 --seed 999 --append --quiet >/dev/null || failures=$((failures + 1))
"$bin" run-segmentation --db "$db" --k 4 --elbow off --n-init 1 --quiet >/dev/null || failures=$((failures + 1))
echo "$survived passed, $failures failed"
echo "fault test: $kills kills ($killed_count while running), $survived survived, $failures failures; database as before $before_count times, complete $complete_count times"
[ "$failures" -eq 0 ]
