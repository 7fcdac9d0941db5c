#!/usr/bin/env bash
# pg_dump / pg_restore round trip: user data survives, shipped rows are not
# duplicated, and every view gives identical output in the restored database.
# Uses the server that PGHOST/PGPORT name.
set -u
src=dp_dump_src_$$ dst=dp_dump_dst_$$ file=$(mktemp)
passed=0 failed=0
check() { if [[ $2 == "$3" ]]; then echo "ok $1"; passed=$((passed + 1)); else echo "not ok $1: [$2] vs [$3]"; failed=$((failed + 1)); fi; }
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2" 2>&1; }
cleanup() { psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" >/dev/null 2>&1; rm -f "$file"; }
trap cleanup EXIT

psql -X -q -d postgres -c "CREATE DATABASE $src" -c "CREATE DATABASE $dst" >/dev/null
q "$src" "SET client_min_messages = warning; CREATE EXTENSION defence_production" >/dev/null
q "$src" "SELECT dp.load_sample_data()" >/dev/null
# user rows beyond the sample: a nation of their own, a requirement, an edit to a shipped nation
q "$src" "INSERT INTO dp.nation (code, name, ncb_codes) VALUES ('XKX', 'Testland', '{97}')" >/dev/null
q "$src" "INSERT INTO dp.requirement (nation, item_id, need_by, quantity, priority, weight) VALUES ('XKX', 'JAV-MSL', '2026-03-01', 17, 4, 0.5)" >/dev/null
q "$src" "UPDATE dp.nation SET name = 'Kingdom of Sweden', ncb_codes = '{96}' WHERE code = 'SWE'" >/dev/null
q "$src" "SELECT dp.refresh_outlook()" >/dev/null
# a user scenario overriding the shipped crisis one
q "$src" "INSERT INTO dp.scenario (name, posture, consumption_multiplier, class_consumption, surges) VALUES ('crisis', 'crisis', 2, '{\"155mm\": 3}', '{\"US-155\": {\"factor\": 2, \"periods\": 3}}')" >/dev/null

pg_dump -Fc -d "$src" -f "$file" 2>&1 | head -5
pg_restore -d "$dst" "$file" 2>&1 | head -5

tables="nation interop_class item stockpile consumption planned_delivery requirement production_line bom component_source allocation scenario"
for t in $tables; do
  a=$(q "$src" "SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM dp.$t x")
  b=$(q "$dst" "SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM dp.$t x")
  check "table dp.$t restored identically" "$a" "$b"
done
check "shipped scenarios not duplicated" "$(q "$dst" "SELECT count(*) FROM dp.scenario WHERE builtin")" "$(q "$src" "SELECT count(*) FROM dp.scenario WHERE builtin")"
check "shipped nations not duplicated" "$(q "$dst" "SELECT count(*) FROM dp.nation WHERE builtin")" "$(q "$src" "SELECT count(*) FROM dp.nation WHERE builtin")"
check "edited shipped nation kept" "$(q "$dst" "SELECT name || ' ' || ncb_codes::text || ' ' || builtin FROM dp.nation WHERE code = 'SWE'")" "Kingdom of Sweden {96} false"
check "identity sequence continues" "$(q "$dst" "SELECT nextval('dp.requirement_requirement_id_seq')")" "$(q "$src" "SELECT nextval('dp.requirement_requirement_id_seq')")"
for v in stockpile_outlook stockpile_projection harmonized_demand allocation_plan capacity_outlook capacity_gap supply_risk replenishment_outlook; do
  a=$(q "$src" "SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM dp.$v x")
  b=$(q "$dst" "SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM dp.$v x")
  [[ $a == 0:* ]] && a="empty view $a"
  check "view dp.$v identical after restore" "$a" "$b"
done
echo "$passed passed, $failed failed"
