#!/usr/bin/env bash
# ALTER EXTENSION ... UPDATE from 0.1.0 keeps user data: every row, the
# identity values, and the 0.1.0 role mappings (rows of the old role_nation
# table, by role name), which become memberships of the nations' marker
# roles; and the updated catalog equals a fresh install's in what the
# reference schema adds (triggers, policies, the event trigger, indexes,
# identity kinds, leakproof functions, privileges of the marker roles).
# Uses the server that PGHOST/PGPORT name.
set -u
old=dp_updata_old_$$ new=dp_updata_new_$$ role=dp_updata_deu_$$ gone=dp_updata_gone_$$
passed=0 failed=0
check() { if [[ $2 == "$3" ]]; then echo "ok $1"; passed=$((passed + 1)); else echo "not ok $1: [$2] vs [$3]"; failed=$((failed + 1)); fi; }
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2" 2>&1; }
cleanup() {
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $old" -c "DROP DATABASE IF EXISTS $new" \
    -c "DROP ROLE IF EXISTS $role" -c "DROP ROLE IF EXISTS $gone" >/dev/null 2>&1
}
trap cleanup EXIT
psql -X -q -d postgres -c "CREATE DATABASE $old" -c "CREATE DATABASE $new" -c "CREATE ROLE $role" -c "CREATE ROLE $gone" >/dev/null

# 0.1.0 with the sample, a mapped role, a mapping whose role is gone, some deleted rows
q "$old" "SET client_min_messages = warning; CREATE EXTENSION defence_production VERSION '0.1.0'" >/dev/null
q "$old" "SELECT dp.load_sample_data()" >/dev/null
q "$old" "SELECT dp.map_role('$role', 'DEU'), dp.map_role('$gone', 'FRA')" >/dev/null
q "$old" "DROP OWNED BY $gone" >/dev/null
psql -X -q -d postgres -c "DROP ROLE $gone" >/dev/null
q "$old" "DELETE FROM dp.requirement WHERE requirement_id % 7 = 0" >/dev/null
counts="SELECT (SELECT count(*) FROM dp.stockpile) || ' ' || (SELECT count(*) FROM dp.consumption) || ' '
        || (SELECT count(*) FROM dp.planned_delivery) || ' ' || (SELECT count(*) FROM dp.requirement) || ' '
        || (SELECT count(*) FROM dp.production_line) || ' ' || (SELECT count(*) FROM dp.nation)"
ids="SELECT md5(string_agg(requirement_id || ':' || nation || ':' || quantity, ',' ORDER BY requirement_id)) FROM dp.requirement"
before_counts=$(q "$old" "$counts")
before_ids=$(q "$old" "$ids")
max_id=$(q "$old" "SELECT max(requirement_id) FROM dp.requirement")

update=$(q "$old" "SET client_min_messages = warning; ALTER EXTENSION defence_production UPDATE" 2>&1)
check "update runs" "$(q "$old" "SELECT extversion FROM pg_extension WHERE extname = 'defence_production'")" "0.2.0"
[[ $update == *"role mapping of \"$gone\" to FRA dropped"* ]] && check "a mapping of a dropped role is reported" ok ok \
  || check "a mapping of a dropped role is reported" "$update" "WARNING naming $gone"
check "rows kept" "$(q "$old" "$counts")" "$before_counts"
check "identity values kept" "$(q "$old" "$ids")" "$before_ids"
check "the identity continues after the largest id" \
  "$(q "$old" "INSERT INTO dp.requirement (nation, item_id, need_by, quantity) VALUES ('DEU', 'STINGER', '2026-01-15', 1) RETURNING requirement_id > $max_id")" "t"
check "mapping converted to a membership" "$(q "$old" "SELECT string_agg(role || '=' || nation, ',') FROM dp.role_nation WHERE role LIKE 'dp_updata_%'")" "$role=DEU"
check "the 0.1.0 grants to the role itself are gone" \
  "$(q "$old" "SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = '$role'")" "0"
check "the mapped role reads its nation's rows" \
  "$(q "$old" "SET ROLE $role; SELECT string_agg(DISTINCT nation, ',') FROM dp.stockpile")" "DEU"
q "$old" "SELECT dp.refresh_outlook()" >/dev/null
check "the mapped role reads its allocation plan" \
  "$(q "$old" "SET ROLE $role; SELECT count(*) > 0 AND bool_and(nation = 'DEU') FROM dp.allocation_plan")" "t"

# the fresh install, with the same role mapped, has the same catalog
q "$new" "SET client_min_messages = warning; CREATE EXTENSION defence_production" >/dev/null
q "$new" "SELECT dp.map_role('$role', 'DEU')" >/dev/null
fingerprint="
SELECT 'function ' || p.oid::regprocedure::text || ' ' || md5(pg_get_functiondef(p.oid) || coalesce(p.proacl::text, '')
         || p.proleakproof || p.prosecdef)
  FROM pg_proc p WHERE p.pronamespace = 'dp'::regnamespace AND p.prokind <> 'a'
UNION ALL
SELECT 'relation ' || c.relname || ' ' || md5(coalesce(c.relacl::text, '') || c.relrowsecurity || c.relforcerowsecurity
         || (SELECT string_agg(a.attname || a.attidentity::text, ',' ORDER BY a.attnum)
               FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped))
  FROM pg_class c WHERE c.relnamespace = 'dp'::regnamespace
UNION ALL
SELECT 'index ' || i.indexrelid::regclass::text || ' ' || md5(pg_get_indexdef(i.indexrelid))
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = 'dp'::regnamespace
UNION ALL
SELECT 'trigger ' || t.tgname || ' ' || md5(pg_get_triggerdef(t.oid) || coalesce(obj_description(t.oid, 'pg_trigger'), ''))
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = 'dp'::regnamespace AND NOT t.tgisinternal
UNION ALL
SELECT 'policy ' || p.polname || ' ' || p.polrelid::regclass::text || ' '
         || md5(pg_get_expr(p.polqual, p.polrelid) || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
                || coalesce(obj_description(p.oid, 'pg_policy'), ''))
  FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE c.relnamespace = 'dp'::regnamespace
UNION ALL
SELECT 'event trigger ' || e.evtname || ' ' || e.evtevent || ' ' || array_to_string(e.evttags, ',') || ' '
         || e.evtfoid::regproc::text || ' ' || coalesce(obj_description(e.oid, 'pg_event_trigger'), '')
  FROM pg_event_trigger e
ORDER BY 1"
a=$(q "$old" "$fingerprint")
b=$(q "$new" "$fingerprint")
if [[ -n $a && $a == "$b" ]]; then
  echo "ok updated catalog equals a fresh install's ($(wc -l <<<"$a") objects: triggers, policies, event trigger, indexes, identities, privileges)"
  passed=$((passed + 1))
else
  echo "not ok updated catalog differs from a fresh install's:"; diff <(echo "$a") <(echo "$b") | head -20; failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
