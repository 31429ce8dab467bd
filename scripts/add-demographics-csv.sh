#!/usr/bin/env bash
# Writes users.csv (as scripts/export-platform-csv.sh writes it: user_id first, age last, no line
# breaks inside fields) to
# stdout with the seven demographic columns `warehouse import` reads appended, synthetic and
# deterministic from each user's id, in the forms platforms export: gender f/m/x/"" (not disclosed),
# country code in lower or upper case of 8 countries, region, city, postal code, phone (odd ids
# national, needing the country; even ids international with "00" or "+" and spaces), and
# date_of_birth on January 1 of the year that gives the row's age:
#   scripts/add-demographics-csv.sh users.csv > users-with-demographics.csv
# For benchmarks and tests of the import; the values mean nothing.
set -euo pipefail
file=${1:?usage: add-demographics-csv.sh users.csv}
year=$(date -u +%Y)
awk -v year="$year" -F, '
BEGIN { split("de fr GB us NG in br JP", country, " "); split("49 33 44 1 234 91 55 81", calling, " ") }
{ sub(/\r$/, "") }   # the sqlite3 shell writes CRLF; lines are written with LF
NR == 1 {
    # The first and last columns are read (other fields may hold quoted commas).
    if ($1 != "user_id" || $NF != "age") { print "add-demographics-csv.sh: the header must start with user_id and end with age" > "/dev/stderr"; exit 1 }
    print $0 ",gender,country,region,city,postal_code,phone,date_of_birth"; next
}
{
    id = $1 + 0; age = $NF + 0
    c = id % 8 + 1
    g = (id % 4 == 0) ? "f" : (id % 4 == 1) ? "m" : (id % 4 == 2) ? "x" : ""
    number = sprintf("%09d", (id * 7919) % 1000000000)
    if (number ~ /^0/) number = "1" substr(number, 2)
    phone = (id % 2 == 1) ? "0" substr(number, 1, 3) " " substr(number, 4) : ((id % 4 == 0) ? "00" calling[c] " " number : "+" calling[c] " " number)
    printf "%s,%s,%s,Region %d,City %d,%05d,%s,%04d-01-01\n", $0, g, country[c], id % 50, id % 1000, id % 100000, phone, year - age
}' "$file"
