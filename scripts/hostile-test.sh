#!/usr/bin/env bash
# Hostile-database harness, the long run (issue 15): a seeded, segmented warehouse of ~2,150
# users edited EDITS times as a hostile analyst could with sqlite3 (edge values in every column
# type, infinities, deleted and duplicated rows, dropped indexes and tables, triggers, views
# shadowing tables, user_version, journal mode, flipped bytes), each edit from SEED so every case
# can be replayed, and every command run on its own copy of each edit. A command fails when it
# dies by a signal, runs past the time limit, changes a file it was not asked to write, or exits 0
# with a result that breaks an invariant.
#
#   scripts/hostile-test.sh [EDITS=300] [SEED=1]
#
# Prints the figures (edits tried, commands run, failures by kind and by known defect) and each
# failing case with its reproducer (the edit's SQL and the command line). The edit generator and
# the runner are the ones the short run in `swift test` uses (Tests/CLITests/Hostile/); this calls
# its `longRun` test. Uses the release build ($WAREHOUSE_BIN when set). Exits non-zero when a
# failure is not one of the known defects listed in Tests/CLITests/Hostile/KnownDefects.swift.
# The nine crashes issue 15 lists are tried first (cases 1000–1008). HOSTILE_TIMEOUT sets the time
# limit per command (default 20 s); HOSTILE_ONLY=14,1003 replays only those cases of the same seed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
edits=${1:-300}
seed=${2:-1}
warehouse_bin
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell" >&2; exit 1; }
report=$(mktemp /tmp/warehouse-hostile.XXXXXX)
trap 'rm -f "$report"' EXIT
swift build --build-tests >/dev/null
status=0
HOSTILE_EDITS=$edits HOSTILE_SEED=$seed HOSTILE_BIN=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin") HOSTILE_REPORT=$report \
    swift test --skip-build --filter 'HostileDatabaseTests/longRun' >/dev/null 2>&1 || status=$?
if [ ! -s "$report" ]; then
    echo "the harness printed no figures (swift test exit $status); run: HOSTILE_EDITS=$edits swift test --filter HostileDatabaseTests/longRun" >&2
    exit 1
fi
cat "$report"
[ "$status" -eq 0 ] && echo "no new failures" || echo "new failures found (swift test exit $status)"
exit "$status"
