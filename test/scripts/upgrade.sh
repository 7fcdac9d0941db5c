#!/usr/bin/env bash
# ALTER EXTENSION ... UPDATE from the released 0.1.0 must give the same catalog
# as a fresh install of the current version: functions (definition, markings,
# privileges, comments), tables and views (columns, comments, options,
# privileges), constraints, extension members, dumped tables and shipped rows.
# Uses the server that PGHOST/PGPORT name.
set -u
old=dp_upgrade_old_$$ new=dp_upgrade_new_$$
passed=0 failed=0
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2" 2>&1; }
cleanup() { psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $old" -c "DROP DATABASE IF EXISTS $new" >/dev/null 2>&1; }
trap cleanup EXIT
psql -X -q -d postgres -c "CREATE DATABASE $old" -c "CREATE DATABASE $new" >/dev/null
q "$old" "SET client_min_messages = warning; CREATE EXTENSION defence_production VERSION '0.1.0'" >/dev/null
q "$old" "SET client_min_messages = warning; ALTER EXTENSION defence_production UPDATE" >/dev/null
q "$new" "SET client_min_messages = warning; CREATE EXTENSION defence_production" >/dev/null
fingerprint="
SELECT 'function ' || p.oid::regprocedure::text || ' ' || md5(pg_get_functiondef(p.oid) || coalesce(p.proacl::text, '')
         || coalesce(obj_description(p.oid, 'pg_proc'), '') || p.procost || p.prorows)
  FROM pg_proc p WHERE p.pronamespace = 'dp'::regnamespace AND p.prokind <> 'a'
UNION ALL
SELECT 'relation ' || c.relname || ' ' || md5(coalesce(pg_get_viewdef(c.oid), '') || coalesce(c.relacl::text, '')
         || coalesce(obj_description(c.oid, 'pg_class'), '') || c.relrowsecurity || coalesce(array_to_string(c.reloptions, ','), '')
         || (SELECT string_agg(a.attname || format_type(a.atttypid, a.atttypmod) || coalesce(col_description(c.oid, a.attnum), '')
                               || a.attnotnull, ',' ORDER BY a.attnum)
               FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped))
  FROM pg_class c WHERE c.relnamespace = 'dp'::regnamespace
UNION ALL
SELECT 'constraint ' || conname || ' ' || md5(pg_get_constraintdef(oid)) FROM pg_constraint WHERE connamespace = 'dp'::regnamespace
UNION ALL
SELECT 'member ' || pg_describe_object(classid, objid, 0) FROM pg_depend
 WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
   AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'defence_production')
UNION ALL
SELECT 'dumped ' || extconfig::regclass[]::text || ' ' || array_to_string(extcondition, '|') FROM pg_extension WHERE extname = 'defence_production'
UNION ALL
SELECT 'nation ' || md5(string_agg(n::text, '|' ORDER BY n.code)) FROM dp.nation n
UNION ALL
SELECT 'scenario ' || md5(string_agg(s::text, '|' ORDER BY s.name)) FROM dp.scenario s
ORDER BY 1"
a=$(q "$old" "$fingerprint")
b=$(q "$new" "$fingerprint")
if [[ -n $a && $a == "$b" ]]; then
  echo "ok updated 0.1.0 catalog identical to a fresh install ($(wc -l <<<"$a") objects compared)"; passed=$((passed + 1))
else
  echo "not ok updated 0.1.0 catalog differs from a fresh install:"; diff <(echo "$a") <(echo "$b") | head -20; failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
