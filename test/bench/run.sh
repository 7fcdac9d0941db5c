#!/usr/bin/env bash
# Run the benchmarks against the cluster that PGHOST/PGPORT name (test/demo.sh
# with DP_KEEP=1 leaves one): test/bench/run.sh [rows] [module ...]
# Prints each benchmark's best time and its ratio to the reference query.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
rows=${1:-100000}; shift || true
mods=("$@"); [[ ${#mods[@]} -gt 0 ]] || mods=($(cd "$here" && ls *.sql | grep -v '^lib.sql$' | sed 's/\.sql$//'))
db=dp_bench_$$
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null' EXIT
psql -X -q -d "$db" -c "CREATE EXTENSION defence_production" >/dev/null
for m in "${mods[@]}"; do
  psql -X -q -d "$db" -v ON_ERROR_STOP=1 -v rows="$rows" -f "$here/lib.sql" -f "$here/$m.sql"
done
