#!/usr/bin/env bash
# Seed benchmark: `warehouse seed` (release build) against SQLite's own floor, in the same run.
#
#   scripts/bench-seed.sh [USERS]        (default 1000000)
#
# Prints, for the seed: wall seconds, rows per second, peak memory (max RSS). Then the floor:
# the same rows copied by SQLite itself from an attached copy into a fresh database created from
# schema.sql, with `INSERT INTO t SELECT * FROM s.t WHERE 1` (WHERE 1 turns off SQLite's page
# transfer shortcut) and cache_size = -400000, in one transaction; once with the unique indexes
# in place (filled in random order), once with them built after the load (as the seed does).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
users=${1:-1000000}
warehouse_bin
work=$(mktemp -d /tmp/warehouse-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l | xargs printf '%.2f'; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m), SQLite $(sqlite3 --version | cut -d' ' -f1)"
echo "users: $users"

/usr/bin/time -f '%e %M' -o "$work/seed.time" "$bin" seed --db "$work/seed.sqlite" --users "$users" --quiet >"$work/seed.out"
read -r seed_s seed_kb <"$work/seed.time"
cat "$work/seed.out"
likes=$(sqlite3 "$work/seed.sqlite" 'SELECT count(*) FROM user_likes')
rows=$((2 * users + likes))
echo "seed:  ${seed_s} s wall, $(echo "$rows / $seed_s" | bc) rows/s, peak RSS $((seed_kb / 1024)) MB, database $(du -m "$work/seed.sqlite" | cut -f1) MB"

copy_floor() {  # $1: "with" or "after" (unique indexes)
    local target="$work/floor-$1.sqlite"
    sqlite3 "$target" < schema.sql
    local drop="" create=""
    if [ "$1" = after ]; then
        drop="DROP INDEX users_username; DROP INDEX users_email;"
        create="CREATE UNIQUE INDEX users_username ON users(username); CREATE UNIQUE INDEX users_email ON users(email);"
    fi
    local start end
    start=$(now)
    sqlite3 "$target" <<SQL
PRAGMA cache_size = -400000;
ATTACH '$work/seed.sqlite' AS s;
BEGIN;
$drop
INSERT INTO categories SELECT * FROM s.categories WHERE 1;
INSERT INTO subcategories SELECT * FROM s.subcategories WHERE 1;
INSERT INTO personas SELECT * FROM s.personas WHERE 1;
INSERT INTO persona_preferences SELECT * FROM s.persona_preferences WHERE 1;
INSERT INTO persona_age_weights SELECT * FROM s.persona_age_weights WHERE 1;
INSERT INTO seed_batches SELECT * FROM s.seed_batches WHERE 1;
INSERT INTO users SELECT * FROM s.users WHERE 1;
INSERT INTO user_personas SELECT * FROM s.user_personas WHERE 1;
INSERT INTO user_likes SELECT * FROM s.user_likes WHERE 1;
$create
COMMIT;
SQL
    end=$(now)
    elapsed "$start" "$end"
}
floor_with=$(copy_floor with)
floor_after=$(copy_floor after)
echo "floor: ${floor_with} s (SQLite copy, indexes filled during the load), ${floor_after} s (indexes built after the load)"
echo "ratio: seed / floor = $(echo "$seed_s / $floor_with" | bc -l | xargs printf '%.2f') (indexes during), $(echo "$seed_s / $floor_after" | bc -l | xargs printf '%.2f') (indexes after)"
