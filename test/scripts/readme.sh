#!/usr/bin/env bash
# The README's claims a new user relies on, checked against the server: the
# jsonb example as PostgreSQL prints it, the sample's counts, the package a
# manual build needs, the database's search_path kept by a dump only with
# --create, the pandas example (parse_dates gives datetime64 columns) and the
# year-10000 end date psycopg2 cannot read (dp.last_date it can).  The Python
# parts are skipped, saying so, without pandas or psycopg2 (Debian
# python3-pandas, python3-psycopg2).  Uses the server that PGHOST/PGPORT name.
set -u
readme=$(dirname "$0")/../../README.md
db=dp_readme_$$
passed=0 failed=0
ok() { echo "ok $*"; passed=$((passed + 1)); }
not_ok() { echo "not ok $*"; failed=$((failed + 1)); }
# claim WHAT TEXT: the README says TEXT, verbatim
claim() { if grep -qF -- "$2" "$readme"; then ok "$1"; else not_ok "$1: the README lacks [$2]"; fi; }

psql -X -q -d postgres -c "CREATE DATABASE $db" \
  -c "ALTER DATABASE $db SET search_path = \"\$user\", public, dp" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null' EXIT
psql -X -q -d "$db" -c "SET client_min_messages = warning" -c "CREATE EXTENSION defence_production" \
  -c "SELECT dp.load_sample_data()" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
q() { psql -X -q -A -t -d "$db" -c "$1"; }

# the jsonb example, as PostgreSQL prints it (keys shortest first)
claim "jsonb example" "\`v::jsonb\` gives \`$(q "SELECT 'month 2024-01-01 [100,120,150]'::dp.capvec::jsonb")\`"
# the sample's counts
claim "sample counts" "$(q "SELECT format('%s stockpiles (%s nations, %s items)', count(DISTINCT (nation, item_id)),
                                  count(DISTINCT nation), count(DISTINCT item_id)) FROM dp.stockpile")"
# a manual build: the Installing section names the headers package
sed -n '/^## Installing/,/^## /p' "$readme" | grep -q 'apt-get install postgresql-server-dev-15' &&
  ok "Installing names postgresql-server-dev-15" || not_ok "Installing does not name postgresql-server-dev-15"

# dumps: the database's search_path is in a dump made with --create only, as the README says
with=$(pg_dump --create -s -d "$db" | grep -c "ALTER DATABASE $db SET search_path")
without=$(pg_dump -s -d "$db" | grep -c "SET search_path TO .*dp")
if [[ $with -eq 1 && $without -eq 0 ]]; then ok "pg_dump keeps the search_path with --create only"
else not_ok "pg_dump: $with search_path settings with --create, $without without"; fi
claim "dumps and --create" "\`pg_dump\` writes it only with \`--create\`"

# Python: the pandas example and the year 10000
py=/usr/bin/python3
if ! $py -c 'import pandas, psycopg2' 2>/dev/null; then
  echo "skipped: the pandas and psycopg2 checks need Debian python3-pandas and python3-psycopg2"
else
  # the README's pandas block, run against this database
  example=$(awk '/^```python$/ { on = 1; next } /^```$/ { on = 0 } on' "$readme" |
            sed "s|dbname=mydb|host=$PGHOST port=${PGPORT:-5432} user=postgres dbname=$db|")
  if [[ $example != *read_sql* ]]; then
    not_ok "pandas: no example in the README"
  elif out=$($py -W ignore - <<EOF 2>&1
$example
print(projection.dtypes["period_start"], projection.dtypes["period_end"], projection.dtypes["closing"],
      projection.dtypes["below_target"], len(projection))
EOF
  ); [[ $out == "datetime64[ns] datetime64[ns] float64 bool "[1-9]* ]]; then
    ok "pandas: the README's example reads dates as datetime64 ($out)"
  else
    not_ok "pandas: $out"
  fi
  # psycopg2 cannot read 10000-01-01 (the README quotes its error); dp.last_date it can
  out=$($py - "host=$PGHOST port=${PGPORT:-5432} user=postgres dbname=$db" <<'EOF' 2>&1
import sys, psycopg2
cur = psycopg2.connect(sys.argv[1]).cursor()
try:
    cur.execute("SELECT dp.end_date('year 9999-01-01 [1]')")
    print("read", cur.fetchone()[0])
except ValueError as e:
    print("ValueError:", e)
cur.connection.rollback()
cur.execute("SELECT dp.last_date('year 9999-01-01 [1]')")
print(cur.fetchone()[0])
EOF
  )
  if [[ $out == $'ValueError: year 10000 is out of range\n9999-12-31' ]]; then
    ok "psycopg2: end_date 10000-01-01 fails as the README says, last_date reads"
  else
    not_ok "psycopg2: [$out]"
  fi
  claim "psycopg2's error quoted" "(\`ValueError: year 10000 is out of range\`)"
fi
echo "$passed passed, $failed failed"
