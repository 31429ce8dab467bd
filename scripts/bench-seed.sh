#!/usr/bin/env bash
# Seed benchmark: `warehouse seed` (release build) against SQLite's own floor, in the same run.
#
#   scripts/bench-seed.sh [USERS] [KEEP]   (default 1000000; KEEP: copy the seeded database there)
#
# `warehouse seed` writes a year of interactions by default (--days 365); DAYS=0 in the
# environment gives the old seed (likes only), and BASELINE=1 also times `seed --days 0` in the
# same run, to show what the interactions add.
#
# Prints, for the seed: wall seconds, rows per second, peak memory (max RSS), the interaction rows
# and the database's bytes per interaction (the file's size / interaction rows, and the
# interactions table's own pages from dbstat when the sqlite3 shell has it). Then the floor:
# the same rows copied by SQLite itself from an attached copy into a fresh database created from
# schema.sql, with `INSERT INTO t SELECT * FROM s.t WHERE 1` (WHERE 1 turns off SQLite's page
# transfer shortcut) and cache_size = -400000, in one transaction; once with the unique indexes
# in place (filled in random order), once with them built after the load (as the seed does).
# A third floor does the latter in WAL mode, as the seed writes (the rows go to the -wal file,
# then the checkpoint copies them into the database; the shell's close checkpoints, timed).
# The floor copies every table the seed fills: interactions and user_persona_changes too
# (interaction_kinds 1-4 come with the schema, so INSERT OR IGNORE), without the triggers on
# interactions for the length of its transaction, as the seed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
users=${1:-1000000}
keep=${2:-}
days=${DAYS:-365}
warehouse_bin
work=$(mktemp -d /tmp/warehouse-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l | xargs printf '%.2f'; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m), SQLite $(sqlite3 --version | cut -d' ' -f1)"
echo "users: $users, days: $days, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "load: $(cat /proc/loadavg)"

if [ "${BASELINE:-0}" = 1 ] && [ "$days" != 0 ]; then
    /usr/bin/time -f '%e %M' -o "$work/base.time" "$bin" seed --db "$work/base.sqlite" --users "$users" --days 0 --quiet >/dev/null
    read -r base_s base_kb <"$work/base.time"
    echo "seed --days 0: ${base_s} s wall, peak RSS $((base_kb / 1024)) MB, database $(du -m "$work/base.sqlite" | cut -f1) MB (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    rm -f "$work"/base.sqlite*
fi

/usr/bin/time -f '%e %M' -o "$work/seed.time" "$bin" seed --db "$work/seed.sqlite" --users "$users" --days "$days" --quiet >"$work/seed.out"
read -r seed_s seed_kb <"$work/seed.time"
cat "$work/seed.out"
sqlite3 "$work/seed.sqlite" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
likes=$(sqlite3 "$work/seed.sqlite" 'SELECT count(*) FROM user_likes')
interactions=$(sqlite3 "$work/seed.sqlite" 'SELECT count(*) FROM interactions')
changes=$(sqlite3 "$work/seed.sqlite" 'SELECT count(*) FROM user_persona_changes')
rows=$((2 * users + likes + interactions + changes))
db_bytes=$(du -b "$work/seed.sqlite" | cut -f1)
echo "seed:  ${seed_s} s wall, $(echo "$rows / $seed_s" | bc) rows/s, peak RSS $((seed_kb / 1024)) MB, database $((db_bytes / 1048576)) MB (load: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "rows:  $users users, $users persona rows, $likes like rows, $interactions interaction rows, $changes persona changes"
if [ "$interactions" -gt 0 ]; then
    per="$(echo "$db_bytes / $interactions" | bc -l | xargs printf '%.1f') bytes of database per interaction"
    if table_bytes=$(sqlite3 "$work/seed.sqlite" "SELECT sum(pgsize) FROM dbstat WHERE name='interactions'" 2>/dev/null) && [ -n "$table_bytes" ]; then
        per="$per, $(echo "$table_bytes / $interactions" | bc -l | xargs printf '%.1f') in the interactions table's pages ($((table_bytes / 1048576)) MB, dbstat)"
    fi
    echo "size:  $per"
fi

copy_floor() {  # $1: "with" or "after" (unique indexes); $2: "wal" for WAL mode
    local target="$work/floor-$1${2:-}.sqlite"
    sqlite3 "$target" < schema.sql
    if [ "${2:-}" = wal ]; then sqlite3 "$target" 'PRAGMA journal_mode = WAL;' >/dev/null; fi
    local drop="" create=""
    if [ "$1" = after ]; then
        drop="DROP INDEX users_username; DROP INDEX users_email;"
        create="CREATE UNIQUE INDEX users_username ON users(username); CREATE UNIQUE INDEX users_email ON users(email);"
    fi
    # As the seed does: no per-row trigger on interactions during the load (they mark the packed
    # copy stale, migration 14), created again, as schema.sql has them, in the same transaction.
    local triggers
    triggers=$(grep -A1 '^CREATE TRIGGER interactions_' schema.sql | grep -v '^--$')
    drop="$drop DROP TRIGGER interactions_insert_outdates_packs; DROP TRIGGER interactions_update_outdates_packs;
DROP TRIGGER interactions_delete_outdates_packs;"
    create="$create
$triggers"
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
INSERT OR IGNORE INTO interaction_kinds SELECT * FROM s.interaction_kinds WHERE 1;
INSERT INTO user_persona_changes SELECT * FROM s.user_persona_changes WHERE 1;
INSERT INTO interactions SELECT * FROM s.interactions WHERE 1;
$create
COMMIT;
SQL
    end=$(now)
    { du -b "$target" | cut -f1; sqlite3 "$target" "SELECT sum(pgsize) FROM dbstat WHERE name='interactions'" 2>/dev/null || true; } \
        | paste -sd' ' >"$work/floor-$1${2:-}.bytes"
    rm -f "$target" "$target-wal" "$target-shm" "$target-journal"
    elapsed "$start" "$end"
}
floor_with=$(copy_floor with)
floor_after=$(copy_floor after)
floor_wal=$(copy_floor after wal)
if [ "$interactions" -gt 0 ]; then
    for f in with after afterwal; do
        read -r file_b table_b <"$work/floor-$f.bytes" || true
        line="floor $f: database $((file_b / 1048576)) MB, $(echo "$file_b / $interactions" | bc -l | xargs printf '%.1f') bytes per interaction"
        if [ -n "${table_b:-}" ]; then
            line="$line, $(echo "$table_b / $interactions" | bc -l | xargs printf '%.1f') in the interactions table's pages"
        fi
        echo "$line"
    done
fi
if [ -n "$keep" ]; then cp "$work/seed.sqlite" "$keep"; echo "kept: $keep"; fi
echo "floor: ${floor_with} s (SQLite copy, indexes filled during the load), ${floor_after} s (indexes built after the load), ${floor_wal} s (indexes after, WAL mode) (load: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "ratio: seed / floor = $(echo "$seed_s / $floor_with" | bc -l | xargs printf '%.2f') (indexes during), $(echo "$seed_s / $floor_after" | bc -l | xargs printf '%.2f') (indexes after), $(echo "$seed_s / $floor_wal" | bc -l | xargs printf '%.2f') (indexes after, WAL)"
