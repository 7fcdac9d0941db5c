#!/usr/bin/env bash
# Replenishment plans at a small size: objective values against an independent
# LP solve (SciPy linprog with HiGHS), required capacity factors likewise, and
# the plans against month-by-month dp.allocate 'fair' (test/bench/replenish_compare.py;
# run it alone with --instances 200 --timing for the full comparison).
# Uses the server that PGHOST/PGPORT name.
set -u
db=dp_replenish_$$
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null || exit 1
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null' EXIT
psql -X -q -d "$db" -c "SET client_min_messages = warning" -c "CREATE EXTENSION defence_production" >/dev/null || exit 1
/usr/bin/python3 "$(dirname "$0")/../bench/replenish_compare.py" --db "$db" --instances 20 --max-claimants 10 --max-months 24
