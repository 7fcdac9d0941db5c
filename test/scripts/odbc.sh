#!/usr/bin/env bash
# Reads every BI view through psqlODBC (the driver Excel, Power BI and Tableau
# use on Linux/Windows) and checks each column is described with a standard
# SQL type.  Uses the server that PGHOST/PGPORT name.
db=dp_odbc_$$
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null' EXIT
psql -X -q -d "$db" -c "SET client_min_messages = warning" -c "CREATE EXTENSION defence_production" \
  -c "SELECT dp.load_sample_data()" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
/usr/bin/python3 "$(dirname "$0")/odbc.py" "$PGHOST" "$PGPORT" "$db"
