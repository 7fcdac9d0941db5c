#!/usr/bin/env bash
# Scale-out on postgres_fdw: the consumption history partitioned by nation
# across foreign partitions on two shards (clusters of their own on
# loopback), the coordinator being a database of the test cluster.  Each row
# carries its quantity as a one-month vector too (monthly), since PostgreSQL
# 15's postgres_fdw ships no function given a text constant (such as the
# period of dp.capvec_agg): see README.md.  With the server option
# extensions 'defence_production', EXPLAIN (VERBOSE) shows the per-nation
# aggregates (dp.sum, dp.hhi) and the dp functions over them in the remote
# SQL; grouping across nations is done in two phases (per nation on the
# shards, dp.sum on the coordinator).  Results equal a single node's, and a
# stopped shard is an error, never a partial answer.  From test/check.sh.
. "$(dirname "$0")/../lib/env.sh"
set -u
: "${DP_BIN:?run from test/check.sh}"
db=dp_fdw_$$
passed=0 failed=0
ok() { echo "ok $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok $1"; failed=$((failed + 1)); }
check() { if [[ $2 == "$3" ]]; then ok "$1"; else not_ok "$1: [$2] vs [$3]"; fi; }
# contains NAME TEXT PATTERN: the text has a line matching the extended regex
contains() {
  if grep -qE -- "$3" <<<"$2"; then ok "$1"; else not_ok "$1 (no line matches /$3/)"; sed 's/^/    /' <<<"$2"; fi
}
finish() {
  for s in 1 2; do dp_node_stop "$DP_WORK/shard$s"; done
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
  echo "$passed passed, $failed failed"
}
trap finish EXIT
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" -c "$1" 2>&1; }

declare -A port
for s in 1 2; do
  port[$s]=$(dp_free_port)
  dp_node_start "$DP_WORK/shard$s" "${port[$s]}" || { not_ok "start shard $s"; exit 1; }
  psql -X -q -h "$DP_WORK/shard$s/sock" -p "${port[$s]}" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "SET client_min_messages = warning" -c "CREATE EXTENSION defence_production" \
    -c "CREATE TABLE consumption (nation text NOT NULL, item_id text NOT NULL, at date NOT NULL, quantity float8 NOT NULL,
                                  monthly dp.capvec NOT NULL)" \
    >/dev/null || { not_ok "set up shard $s"; exit 1; }
done

# the coordinator: the sample data in dp.consumption (the single node), and a
# table partitioned by nation whose partitions live on the shards
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
q "SET client_min_messages = warning; CREATE EXTENSION defence_production; CREATE EXTENSION postgres_fdw;
   SELECT dp.load_sample_data()" >/dev/null || { not_ok "set up the coordinator"; exit 1; }
nations=($(q "SELECT DISTINCT nation FROM dp.consumption ORDER BY 1"))
half=$(( (${#nations[@]} + 1) / 2 ))
list() { printf "'%s'," "$@" | sed 's/,$//'; }
out=$(q "CREATE TABLE consumption (nation text NOT NULL, item_id text NOT NULL, at date NOT NULL, quantity float8 NOT NULL,
                                   monthly dp.capvec NOT NULL)
           PARTITION BY LIST (nation);
         CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
           OPTIONS (host '127.0.0.1', port '${port[1]}', dbname 'postgres', extensions 'defence_production');
         CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
           OPTIONS (host '127.0.0.1', port '${port[2]}', dbname 'postgres', extensions 'defence_production');
         CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user 'postgres');
         CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user 'postgres');
         CREATE FOREIGN TABLE consumption_shard1 PARTITION OF consumption
           FOR VALUES IN ($(list "${nations[@]:0:half}")) SERVER shard1 OPTIONS (table_name 'consumption');
         CREATE FOREIGN TABLE consumption_shard2 PARTITION OF consumption
           FOR VALUES IN ($(list "${nations[@]:half}")) SERVER shard2 OPTIONS (table_name 'consumption');
         INSERT INTO consumption
           SELECT nation, item_id, at, quantity, dp.capvec('month', date_trunc('month', at)::date, ARRAY[quantity])
             FROM dp.consumption;
         ANALYZE consumption")
check "consumption of ${#nations[@]} nations partitioned across two shards" "$out" ""
check "every row reached a shard" "$(q "SELECT count(*) FROM consumption")" "$(q "SELECT count(*) FROM dp.consumption")"

# results as text, in a fixed order (settings first)
rows() { q "$1 SELECT string_agg(r::text, E'\n' ORDER BY r::text) FROM ($2) r"; }
settings="SET enable_partitionwise_aggregate = on;"

# 1. grouped by the partition key: the aggregates and a dp function over one run on the shards
per_nation="SELECT nation, item_id, dp.sum(monthly) AS monthly, dp.total(dp.sum(monthly)) AS total,
                   dp.hhi(quantity) AS concentration
              FROM consumption GROUP BY nation, item_id"
plan=$(q "$settings EXPLAIN (VERBOSE, COSTS OFF) $per_nation")
contains "per-nation dp.sum and dp.hhi run on the shards (remote SQL)" "$plan" \
  'Remote SQL: SELECT nation, item_id, dp\.sum\(monthly\), .*dp\.hhi\(quantity\) FROM public\.consumption GROUP BY 1, 2'
contains "dp.total over dp.sum runs on the shards too" "$plan" 'Remote SQL: SELECT .*dp\.total\(dp\.sum\(monthly\)\)'
check "per-nation aggregates on the shards equal a single node's" "$(rows "$settings" "$per_nation")" \
  "$(rows "" "SELECT nation, item_id, dp.capvec_agg(at, quantity, 'month') AS monthly,
                     dp.total(dp.capvec_agg(at, quantity, 'month')) AS total, dp.hhi(quantity) AS concentration
                FROM dp.consumption GROUP BY nation, item_id")"

# 2. grouped across nations: per nation on the shards, then dp.sum on the coordinator
two_phase="SELECT item_id, dp.sum(monthly) AS monthly FROM (
             SELECT nation, item_id, dp.sum(monthly) AS monthly FROM consumption GROUP BY nation, item_id) per_nation
            GROUP BY item_id"
plan=$(q "$settings EXPLAIN (VERBOSE, COSTS OFF) $two_phase")
contains "two-phase: the per-nation phase runs on the shards" "$plan" 'Remote SQL: SELECT nation, item_id, dp\.sum\(monthly\)'
contains "two-phase: dp.sum combines on the coordinator" "$plan" 'Output: .*dp\.sum\(\(dp\.sum'
check "two-phase totals per item equal a single node's" "$(rows "$settings" "$two_phase")" \
  "$(rows "" "SELECT item_id, dp.capvec_agg(at, quantity, 'month') FROM dp.consumption GROUP BY item_id")"

# 3. without the extensions option, nothing of dp is shipped: the rows travel
plan=$(q "ALTER SERVER shard1 OPTIONS (DROP extensions); $settings
          EXPLAIN (VERBOSE, COSTS OFF) ${per_nation/FROM consumption/FROM consumption_shard1}")
if grep -q 'dp\.' <<<"$(grep 'Remote SQL' <<<"$plan")"; then
  not_ok "without extensions 'defence_production' no dp function is shipped"; sed 's/^/    /' <<<"$plan"
else
  ok "without extensions 'defence_production' no dp function is shipped"
fi
q "ALTER SERVER shard1 OPTIONS (ADD extensions 'defence_production')" >/dev/null

# 4. a stopped shard is an error naming it, not a partial answer
dp_node_stop "$DP_WORK/shard2"
out=$(psql -X -q -A -t -d "$db" -c "$settings $per_nation" 2>&1); rc=$?
if [[ $rc -ne 0 ]] && grep -q 'ERROR:  could not connect to server "shard2"' <<<"$out"; then
  ok "a stopped shard: the query fails ($(grep -m1 ERROR <<<"$out"))"
else
  not_ok "a stopped shard: the query fails (status $rc)"; head -n 5 <<<"$out" | sed 's/^/    /'
fi
