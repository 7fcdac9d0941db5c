#!/usr/bin/env bash
# In-place upgrade from the released 0.1.0: a database made with
# CREATE EXTENSION ... VERSION '0.1.0', the sample data and rows of a user's
# own, then ALTER EXTENSION defence_production UPDATE.  Checks that
#  - the user's data survives (every table, on the columns both versions have),
#  - the catalog equals a fresh install's: the extension's row (version,
#    configuration tables and their dump conditions), its members, their
#    initial privileges, and pg_dump --schema-only of both databases with the
#    members detached from the extension (so that pg_dump writes every
#    object of the extension with its comment and privileges),
#  - the whole regression suite (sql/, expected/) passes on a database
#    updated from 0.1.0.
# Runs in a cluster of its own (the regression suite makes roles, which are
# cluster-wide), from test/check.sh (DP_BIN names the private tree).
. "$(dirname "$0")/../lib/env.sh"
set -u
: "${DP_BIN:?run from test/check.sh}"
dp_pg_config
dir=$DP_WORK/upgrade
passed=0 failed=0
ok() { echo "ok $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok $1"; failed=$((failed + 1)); }
# check NAME GOT WANT: equal strings (the first lines of a diff when not)
check() {
  if [[ $2 == "$3" ]]; then ok "$1"; else
    not_ok "$1"; diff <(printf '%s\n' "$3") <(printf '%s\n' "$2") | sed -n '1,60s/^/    /p'
  fi
}
finish() { dp_node_stop "$dir"; echo "$passed passed, $failed failed"; }
trap finish EXIT

port=$(dp_free_port)
dp_node_start "$dir" "$port" || { not_ok "start a cluster for the upgrade test"; exit 1; }
export PGHOST=$dir/sock PGPORT=$port PGUSER=postgres
unset PGDATABASE PGOPTIONS
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2" 2>&1; }
version=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$DP_ROOT/defence_production.control")

psql -X -q -d postgres -c "CREATE DATABASE upgraded" -c "CREATE DATABASE fresh" \
  -c "CREATE DATABASE regress_upgraded" -c "CREATE ROLE dp_upgrade_analyst" >/dev/null

# ---- a database updated from 0.1.0 without data: a copy for the catalog
# comparison below, and the regression suite on it, in the background meanwhile ----
q regress_upgraded "SET client_min_messages = warning; CREATE EXTENSION defence_production VERSION '0.1.0';
                    ALTER EXTENSION defence_production UPDATE" >/dev/null
psql -X -q -d postgres -c "CREATE DATABASE catalog_upgraded TEMPLATE regress_upgraded" >/dev/null
tests=$(cd "$DP_ROOT/sql" && ls *.sql | sed 's/\.sql$//')
mkdir -p "$dir/regress"
"$($PG_CONFIG --pkglibdir)/pgxs/src/test/regress/pg_regress" --inputdir="$DP_ROOT" --outputdir="$dir/regress" \
  --bindir="$PG_BINDIR" --use-existing --dbname=regress_upgraded $tests >"$dir/regress.log" 2>&1 &
regress_pid=$!

# ---- 0.1.0 with data, then the update ----
v=$(q upgraded "SET client_min_messages = warning; CREATE EXTENSION defence_production VERSION '0.1.0';
                SELECT extversion FROM pg_extension WHERE extname = 'defence_production'")
check "CREATE EXTENSION ... VERSION '0.1.0'" "$v" "0.1.0"
# the sample, and rows of the user's own: a nation, a requirement, a
# delivery, a role mapping
out=$(q upgraded "SELECT dp.load_sample_data();
  INSERT INTO dp.nation (code, name, ncb_codes) VALUES ('XKX', 'Testland', '{97}');
  INSERT INTO dp.requirement (nation, item_id, need_by, quantity, priority, weight)
    VALUES ('XKX', 'JAV-MSL', '2026-03-01', 17, 4, 0.5);
  INSERT INTO dp.planned_delivery (nation, item_id, due, quantity) VALUES ('XKX', 'JAV-MSL', '2026-01-01', 5);
  SELECT dp.map_role('dp_upgrade_analyst', 'XKX')")
[[ $? -eq 0 ]] && ok "0.1.0: sample data and the user's rows" || { not_ok "0.1.0: sample data and the user's rows: $out"; exit 1; }
# a copy of every table before the update
tables=$(q upgraded "SELECT relname FROM pg_class WHERE relnamespace = 'dp'::regnamespace AND relkind = 'r' ORDER BY 1")
q upgraded "CREATE SCHEMA upgrade_before" >/dev/null
for t in $tables; do q upgraded "CREATE TABLE upgrade_before.$t AS SELECT * FROM dp.$t" >/dev/null; done

out=$(q upgraded "ALTER EXTENSION defence_production UPDATE")
check "ALTER EXTENSION defence_production UPDATE (no error, no notice)" "$out" ""
check "updated to $version" "$(q upgraded "SELECT extversion FROM pg_extension WHERE extname = 'defence_production'")" "$version"
check "a second UPDATE has nothing to do" "$(q upgraded "SET client_min_messages = notice; ALTER EXTENSION defence_production UPDATE")" \
  "NOTICE:  version \"$version\" of extension \"defence_production\" is already installed"

# ---- the user's data survives ----
# rows of a table on the columns the copy and the updated table share: count and digest
for t in $tables; do
  common=$(q upgraded "SELECT string_agg(quote_ident(b.attname), ',' ORDER BY b.attnum)
                         FROM pg_attribute b JOIN pg_attribute a ON a.attname = b.attname
                        WHERE b.attrelid = 'upgrade_before.$t'::regclass AND b.attnum > 0
                          AND a.attrelid = to_regclass('dp.$t') AND a.attnum > 0 AND NOT a.attisdropped")
  if [[ -z $common ]]; then not_ok "dp.$t survives the update (no such table or no column left)"; continue; fi
  # role mappings are memberships of cluster-wide marker roles since 0.2.0, so
  # dp.role_nation also lists the roles other tests map meanwhile: compare the
  # mappings of the roles this test mapped
  only=
  [[ $t == role_nation ]] && only="WHERE role IN (SELECT role FROM upgrade_before.role_nation)"
  digest() { q upgraded "SELECT count(*) || ' rows, md5 ' || md5(coalesce(string_agg(r, '|' ORDER BY r), ''))
                           FROM (SELECT ROW($common)::text r FROM $1 $only) x"; }
  check "dp.$t: rows kept (columns $common)" "$(digest "dp.$t")" "$(digest "upgrade_before.$t")"
done
q upgraded "DROP SCHEMA upgrade_before CASCADE" >/dev/null

# ---- the catalog equals a fresh install's ----
# (the database updated from 0.1.0 without the user's rows: the role mapping
# above makes objects of the user's own)
q fresh "SET client_min_messages = warning; CREATE EXTENSION defence_production" >/dev/null
ext="(SELECT oid FROM pg_extension WHERE extname = 'defence_production')"
catalog_query() {
  case $1 in
    extension) echo "SELECT extversion, extrelocatable, extnamespace::regnamespace FROM pg_extension WHERE oid = $ext
                UNION ALL
                SELECT cfg::regclass::text, cond, NULL FROM pg_extension, unnest(extconfig, extcondition) u(cfg, cond)
                 WHERE oid = $ext" ;;
    members) echo "SELECT pg_describe_object(classid, objid, objsubid) AS member FROM pg_depend
                    WHERE refclassid = 'pg_extension'::regclass AND refobjid = $ext AND deptype = 'e' ORDER BY 1" ;;
    initial_privileges) echo "SELECT pg_describe_object(i.classoid, i.objoid, i.objsubid), i.privtype, i.initprivs::text
                                FROM pg_init_privs i
                                JOIN pg_depend d ON d.classid = i.classoid AND d.objid = i.objoid AND d.deptype = 'e'
                                 AND d.refclassid = 'pg_extension'::regclass AND d.refobjid = $ext
                               ORDER BY 1, 2, 3" ;;
  esac
}
for part in extension members initial_privileges; do
  sql=$(catalog_query "$part")
  check "catalog: the extension's $part equal a fresh install's" "$(q catalog_upgraded "$sql" | sort)" "$(q fresh "$sql" | sort)"
done
# a fingerprint of every object of the schema (definitions, markings, costs,
# privileges, comments; aggregates' support functions and state types; types'
# category, storage and I/O; relations' columns and options; constraints),
# the members, the dumped tables, and the shipped rows of dp.nation and dp.scenario
fingerprint="
SELECT 'function ' || p.oid::regprocedure::text || ' ' || md5(pg_get_functiondef(p.oid) || coalesce(p.proacl::text, '')
         || coalesce(obj_description(p.oid, 'pg_proc'), '') || p.procost || p.prorows)
  FROM pg_proc p WHERE p.pronamespace = 'dp'::regnamespace AND p.prokind <> 'a'
UNION ALL
SELECT 'aggregate ' || a.aggfnoid::regprocedure::text || ' ' || md5(a.aggtransfn::text || a.aggcombinefn::text
         || a.aggfinalfn::text || a.aggserialfn::text || a.aggdeserialfn::text || a.aggtranstype::regtype::text
         || coalesce(obj_description(a.aggfnoid, 'pg_proc'), '') || p.proparallel::text)
  FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid WHERE p.pronamespace = 'dp'::regnamespace
UNION ALL
SELECT 'type ' || t.typname || ' ' || md5(t.typcategory::text || t.typispreferred || t.typstorage::text || t.typalign::text
         || t.typinput::text || t.typoutput::text || t.typreceive::text || t.typsend::text
         || coalesce(obj_description(t.oid, 'pg_type'), ''))
  FROM pg_type t WHERE t.typnamespace = 'dp'::regnamespace
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
a=$(q catalog_upgraded "$fingerprint")
b=$(q fresh "$fingerprint")
if [[ $a == *ERROR:* ]]; then
  not_ok "catalog fingerprint: the query failed: $a"
else
  check "catalog fingerprint and shipped rows equal a fresh install's ($(wc -l <<<"$b") objects)" "$a" "$b"
fi
# pg_dump writes an extension's members as CREATE EXTENSION alone: in the
# two databases (throwaway ones), detach the members, then dump the schema
dump() {
  q "$1" "DELETE FROM pg_depend WHERE refclassid = 'pg_extension'::regclass AND refobjid = $ext AND deptype = 'e'" >/dev/null
  # (less the \restrict lines, whose keys are random)
  pg_dump --schema-only -d "$1" 2>&1 | grep -vE '^\\(un)?restrict '
}
dump catalog_upgraded >"$dir/upgraded.sql"
dump fresh >"$dir/fresh.sql"
n=$(grep -c '^CREATE ' "$dir/fresh.sql")
if [[ $n -gt 100 ]] && diff -u "$dir/fresh.sql" "$dir/upgraded.sql" >"$dir/dump.diff"; then
  ok "pg_dump --schema-only of the updated database equals a fresh install's ($n CREATE statements)"
else
  not_ok "pg_dump --schema-only of the updated database equals a fresh install's ($n CREATE statements; - fresh, + updated)"
  sed -n '3,80s/^/    /p' "$dir/dump.diff"
fi
# the comparison sees a comment (and so any object) that differs
q catalog_upgraded "COMMENT ON FUNCTION dp.total(dp.capvec) IS 'changed'" >/dev/null
if pg_dump --schema-only -d catalog_upgraded 2>&1 | grep -vE '^\\(un)?restrict ' | diff -q - "$dir/fresh.sql" >/dev/null; then
  not_ok "the dump comparison sees a changed comment"
else
  ok "the dump comparison sees a changed comment"
fi

# ---- the regression suite on the updated database (started above) ----
if wait "$regress_pid"; then
  ok "the regression suite passes on a database updated from 0.1.0 ($(grep -cE '\.\.\. +ok' "$dir/regress.log") tests)"
else
  not_ok "the regression suite passes on a database updated from 0.1.0"
  grep -E '\.\.\. +(FAILED|failed)' "$dir/regress.log" | sed 's/^/    /'
  [[ -s $dir/regress/regression.diffs ]] && sed -n '1,60s/^/    /p' "$dir/regress/regression.diffs"
fi
