#!/usr/bin/env bash
# Writes a warehouse's catalogue, users and likes as the three CSV files `warehouse import`
# reads (catalog.csv, users.csv, likes.csv), with the sqlite3 shell's RFC 4180 CSV mode:
#   scripts/export-platform-csv.sh warehouse.sqlite DIR
# Then `warehouse import --db other.sqlite --catalog DIR/catalog.csv --users DIR/users.csv
# --likes DIR/likes.csv` rebuilds the same users and likes (a test checks the round trip).
set -euo pipefail
db=${1:?usage: export-platform-csv.sh DB DIR}
dir=${2:?usage: export-platform-csv.sh DB DIR}
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
ls -l "$dir"/catalog.csv "$dir"/users.csv "$dir"/likes.csv
