#!/usr/bin/env bash
# Writes a warehouse's catalogue, users and likes as the three CSV files `warehouse import`
# reads (catalog.csv, users.csv, likes.csv), with the sqlite3 shell's RFC 4180 CSV mode:
#   scripts/export-platform-csv.sh [--events] [--shuffled] warehouse.sqlite DIR
# Then `warehouse import --db other.sqlite --catalog DIR/catalog.csv --users DIR/users.csv
# --likes DIR/likes.csv` rebuilds the same users and likes (a test checks the round trip).
#
# --events   also writes events.csv from `interactions`, as a platform exports them: one file in
#            time order (ORDER BY day, second; users interleaved), columns
#            user_id,kind,timestamp,subcategory,keyword (kind names, Unix-second timestamps,
#            subcategory names, keyword empty where there is none). `warehouse import --catalog
#            DIR/catalog.csv --users DIR/users.csv --events DIR/events.csv` rebuilds the same
#            interactions and, from the likes among them, the same user_likes. Interactions
#            naming an item (item_id <> 0) or carrying a value are refused (this export has
#            neither column); a seeded warehouse has none.
# --shuffled also writes likes-shuffled.csv (and with --events events-shuffled.csv): the same
#            rows in random order (`shuf` with a fixed random source, so the same order each
#            time). Lines are shuffled, so the script checks that no field holds a line break.
set -euo pipefail
events=0
shuffled=0
while [[ $# -gt 0 && $1 == --* ]]; do
    case $1 in
        --events) events=1 ;;
        --shuffled) shuffled=1 ;;
        *) echo "export-platform-csv.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
usage="usage: export-platform-csv.sh [--events] [--shuffled] DB DIR"
db=${1:?$usage}
dir=${2:?$usage}
mkdir -p "$dir"
sqlite3 -readonly "$db" <<SQL
.headers on
.mode csv
.output $dir/catalog.csv
SELECT c.name AS category, s.name AS subcategory FROM subcategories AS s JOIN categories AS c ON c.id = s.category_id ORDER BY s.id;
.output $dir/users.csv
SELECT id AS user_id, username, full_name, email, age FROM users ORDER BY id;
.output $dir/likes.csv
SELECT l.user_id, s.name AS subcategory, l.likes FROM user_likes AS l JOIN subcategories AS s ON s.id = l.subcategory_id ORDER BY l.user_id, l.subcategory_id;
SQL
files=("$dir"/catalog.csv "$dir"/users.csv "$dir"/likes.csv)
if [[ $events == 1 ]]; then
    unsupported=$(sqlite3 -readonly "$db" "SELECT count(*) FROM interactions WHERE item_id <> 0 OR value IS NOT NULL")
    if [[ $unsupported != 0 ]]; then
        echo "export-platform-csv.sh: $unsupported interactions name an item or carry a value; events.csv has neither column" >&2
        exit 1
    fi
    # The primary key starts with day, so SQLite sorts only within each day (by second).
    sqlite3 -readonly "$db" <<SQL
.headers on
.mode csv
.output $dir/events.csv
SELECT i.user_id, k.name AS kind, i.day * 86400 + i.second AS timestamp, s.name AS subcategory, i.keyword
FROM interactions AS i
JOIN interaction_kinds AS k ON k.id = i.kind_id
JOIN subcategories AS s ON s.id = i.subcategory_id
ORDER BY i.day, i.second, i.user_id, i.kind_id, i.subcategory_id, i.ordinal;
SQL
    files+=("$dir"/events.csv)
fi
shuffle() {  # in out expected_rows: the header, then the data lines in a fixed random order
    local lines
    lines=$(($(wc -l <"$1") - 1))
    if [[ $lines != "$3" ]]; then
        echo "export-platform-csv.sh: $1 has $lines data lines for $3 rows (a field holds a line break); not shuffled" >&2
        exit 1
    fi
    { head -n 1 "$1"; tail -n +2 "$1" | shuf --random-source=<(yes 42); } >"$2"
}
if [[ $shuffled == 1 ]]; then
    shuffle "$dir"/likes.csv "$dir"/likes-shuffled.csv "$(sqlite3 -readonly "$db" "SELECT count(*) FROM user_likes")"
    files+=("$dir"/likes-shuffled.csv)
    if [[ $events == 1 ]]; then
        shuffle "$dir"/events.csv "$dir"/events-shuffled.csv "$(sqlite3 -readonly "$db" "SELECT count(*) FROM interactions")"
        files+=("$dir"/events-shuffled.csv)
    fi
fi
ls -l "${files[@]}"
