#!/usr/bin/env bash
# The Citus deployment test: a coordinator and two workers on loopback, the
# reference schema distributed by dp.distribute(), the sample data loaded, and
# a single node beside them with the same data.  Checks that every view gives
# the same rows as the single node (floats within a relative tolerance: the
# partial sums are added in another order), that row-level security holds for
# a mapped role on every node, and that EXPLAIN shows the aggregates split
# into partial aggregates on the workers; then times dp.sum grouped by item on
# the workers against a local table.
#
# It builds nothing but the extension: it uses Citus when the server that
# pg_config names has it (see README.md, "Scale-out"), and otherwise says so
# and stops.  Builds in a work area of its own (a plain, optimised build).
#   DP_KEEP=1 test/citus.sh   leaves the four clusters running.
DP_WORK_TAG=citus
. "$(dirname "$0")/lib/env.sh"

dp_ensure_packages
dp_pg_config
if [[ ! -e $PG_PKGLIBDIR/citus.so || ! -e $PG_SHAREDIR/extension/citus.control ]]; then
  echo "SKIPPED: Citus is not installed in the PostgreSQL that $PG_CONFIG names"
  echo "  ($PG_PKGLIBDIR/citus.so or $PG_SHAREDIR/extension/citus.control is missing;"
  echo "  README.md, \"Scale-out: Citus and postgres_fdw\", says how to get it)"
  exit 0
fi
mkdir -p "$DP_WORK"
DP_BUILD=$DP_WORK/build
dp_build with_llvm=no
dp_stage with_llvm=no

NODES=(coordinator worker1 worker2)
declare -A PORT
stop_all() {
  for n in "${NODES[@]}"; do dp_node_stop "$DP_WORK/$n"; done
  dp_cluster_stop
}
[[ ${DP_KEEP:-0} == 1 ]] || trap stop_all EXIT
dp_cluster_start
for n in "${NODES[@]}"; do
  PORT[$n]=$(dp_free_port)
  dp_say "starting the Citus $n on 127.0.0.1:${PORT[$n]}"
  dp_node_start "$DP_WORK/$n" "${PORT[$n]}" -c shared_preload_libraries=citus -c max_connections=200 \
    -c max_worker_processes=16 || dp_die "the $n did not start"
done
# psql on a node: on NODE [psql arguments]
on() { local n=$1; shift; psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${PORT[$n]}" -U postgres -d postgres "$@"; }
single() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d postgres "$@"; }

dp_say "creating the extensions and adding the workers"
for n in "${NODES[@]}"; do on "$n" -c "CREATE EXTENSION citus" >/dev/null || dp_die "CREATE EXTENSION citus failed on the $n"; done
on coordinator -c "SELECT citus_set_coordinator_host('127.0.0.1', ${PORT[coordinator]})" \
  -c "SELECT citus_add_node('127.0.0.1', ${PORT[worker1]})" \
  -c "SELECT citus_add_node('127.0.0.1', ${PORT[worker2]})" >/dev/null || dp_die "adding the workers failed"
on coordinator -c "SET client_min_messages = warning" -c "CREATE EXTENSION defence_production" >/dev/null \
  || dp_die "CREATE EXTENSION defence_production failed on the coordinator"
single -c "SET client_min_messages = warning" -c "CREATE EXTENSION defence_production" >/dev/null \
  || dp_die "CREATE EXTENSION defence_production failed on the single node"

passed=0 failed=0
ok() { echo "ok $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok $1"; failed=$((failed + 1)); }
contains() {
  if grep -qE -- "$3" <<<"$2"; then ok "$1"; else not_ok "$1 (no line matches /$3/)"; sed 's/^/    /' <<<"$2"; fi
}

# the workers print floats with extra_float_digits = 0: partial states must stay exact all the same
for n in worker1 worker2; do
  on "$n" -c "ALTER SYSTEM SET extra_float_digits = 0" -c "SELECT pg_reload_conf()" >/dev/null
done

dp_say "dp.distribute() and the sample data"
out=$(on coordinator -c "SET client_min_messages = warning" -c "SELECT * FROM dp.distribute()" 2>&1)
rc=$?; sed 's/^/  /' <<<"$out"
[[ $rc -eq 0 ]] && ok "dp.distribute()" || not_ok "dp.distribute()"
check_parts=$(on coordinator -c "SELECT string_agg(logicalrelid::text || ' ' || CASE partmethod WHEN 'h' THEN 'by ' || column_to_column_name(logicalrelid, partkey) ELSE 'reference' END || ' colocation ' || colocationid, E'\n' ORDER BY logicalrelid::text) FROM pg_dist_partition")
sed 's/^/  /' <<<"$check_parts"
# foreign keys to reference tables want one connection per node in a transaction
out=$(on coordinator -c "SET citus.multi_shard_modify_mode TO 'sequential'" -c "SELECT dp.load_sample_data()" 2>&1) \
  && ok "sample data loaded through the coordinator: $out" || not_ok "sample data loaded through the coordinator: $out"
single -c "SELECT dp.load_sample_data()" >/dev/null || not_ok "sample data on the single node"

# ---- every view: the same rows as the single node ----
# compare_json A B: two JSON arrays of rows, the same rows in any order, floats
# within TOLERANCE relative (Citus adds partial sums in another order)
TOLERANCE=1e-9
compare_json() {
  python3 - "$1" "$2" "$TOLERANCE" <<'EOF'
import json, math, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3]); tol = float(sys.argv[3])
def key(r):  # exact fields first, floats (rounded) after
    return ([str(v) for v in r.values() if not isinstance(v, float)],
            [round(v, 6) for v in r.values() if isinstance(v, float)])
def floats(v):  # a float, or the values of a capvec's text form
    if isinstance(v, float): return [v]
    if isinstance(v, str) and v.endswith(']') and ' [' in v:
        return [float(x) for x in v[v.index('[') + 1:-1].split(',') if x]
    return None
a.sort(key=key); b.sort(key=key)
if len(a) != len(b):
    sys.exit(f"{len(a)} rows on Citus, {len(b)} on the single node")
worst = 0.0
for ra, rb in zip(a, b):
    for k in rb:
        x, y = ra.get(k), rb[k]
        if x == y: continue
        fx, fy = floats(x), floats(y)
        if fx is None or fy is None or len(fx) != len(fy) or (isinstance(x, str) and x.split('[')[0] != y.split('[')[0]):
            sys.exit(f"column {k}: {x!r} on Citus, {y!r} on the single node")
        for p, q in zip(fx, fy):
            if not math.isclose(p, q, rel_tol=tol, abs_tol=tol):
                sys.exit(f"column {k}: {x} on Citus, {y} on the single node")
            if p != q: worst = max(worst, abs(p - q) / max(abs(q), 1e-300))
print(f"{len(b)} rows" + (f", largest relative float difference {worst:.1e}" if worst else ", identical"))
EOF
}
views=$(single -c "SELECT string_agg(viewname, ' ' ORDER BY viewname) FROM pg_views WHERE schemaname = 'dp' AND viewname NOT LIKE '\_%'")
dp_say "the views against the single node (floats within $TOLERANCE relative)"
for v in $views; do
  a=$DP_WORK/view-$v.citus.json b=$DP_WORK/view-$v.single.json
  if ! on coordinator -c "SELECT coalesce(json_agg(x), '[]') FROM dp.$v x" >"$a" 2>&1; then
    not_ok "view dp.$v on Citus: $(head -c 300 "$a")"; continue
  fi
  single -c "SELECT coalesce(json_agg(x), '[]') FROM dp.$v x" >"$b"
  if msg=$(compare_json "$a" "$b"); then ok "view dp.$v equals the single node: $msg"
  else not_ok "view dp.$v equals the single node: $msg"; fi
done

# ---- the aggregates run as partial aggregates on the workers ----
aggs="SELECT item_id, dp.sum(dp.capvec('month', date_trunc('month', at)::date, ARRAY[quantity])) AS s,
             dp.avg(dp.capvec('month', date_trunc('month', at)::date, ARRAY[quantity])) AS a,
             dp.capvec_agg(at, quantity, 'month') AS c, dp.hhi(quantity) AS h
        FROM dp.consumption GROUP BY item_id"
plan=$(on coordinator -c "EXPLAIN (VERBOSE, COSTS OFF) $aggs")
for f in 'dp\.sum' 'dp\.avg' 'dp\.capvec_agg' 'dp\.hhi'; do
  contains "EXPLAIN: ${f/\\/} as a partial aggregate on the workers" "$plan" "worker_partial_agg\('${f}\("
done
contains "EXPLAIN: the partial states combined on the coordinator" "$plan" 'coord_combine_agg\('
on coordinator -c "SELECT json_agg(r) FROM ($aggs) r" >"$DP_WORK/aggs.citus.json"
single -c "SELECT json_agg(r) FROM ($aggs) r" >"$DP_WORK/aggs.single.json"
if msg=$(compare_json "$DP_WORK/aggs.citus.json" "$DP_WORK/aggs.single.json"); then
  ok "the four aggregates on Citus equal the single node's: $msg"
else not_ok "the four aggregates on Citus equal the single node's: $msg"; fi

# ---- row-level security for a mapped role on every node ----
on coordinator -c "CREATE ROLE dp_citus_deu LOGIN" -c "CREATE ROLE dp_citus_nobody LOGIN" \
  -c "SELECT dp.map_role('dp_citus_deu', 'DEU')" >/dev/null || not_ok "map a role on the coordinator"
for n in "${NODES[@]}"; do
  as_role() { psql -X -q -A -t -h 127.0.0.1 -p "${PORT[$n]}" -U "$1" -d postgres -c "$2" 2>&1; }
  got=$(as_role dp_citus_deu "SELECT string_agg(DISTINCT nation, ',') FROM dp.stockpile")
  [[ $got == DEU ]] && ok "RLS on the $n: the DEU role sees DEU stockpiles only" || not_ok "RLS on the $n: the DEU role sees [$got]"
  got=$(as_role dp_citus_deu "SELECT count(*) FROM dp.consumption WHERE nation <> 'DEU'")
  [[ $got == 0 ]] && ok "RLS on the $n: no other nation's consumption" || not_ok "RLS on the $n: other nations' consumption: [$got]"
  # the views are granted on the coordinator, where clients read them (Citus
  # propagates grants on tables, not on an extension's views)
  if [[ $n == coordinator ]]; then
    got=$(as_role dp_citus_deu "SELECT string_agg(DISTINCT nation, ',') FROM dp.stockpile_outlook")
    [[ $got == DEU ]] && ok "RLS on the $n: dp.stockpile_outlook shows DEU only" || not_ok "RLS on the $n: dp.stockpile_outlook shows [$got]"
  fi
  got=$(as_role dp_citus_nobody "SELECT count(*) FROM dp.stockpile" | head -n 1)
  [[ $got == 0 || $got == *"permission denied"* ]] && ok "RLS on the $n: an unmapped role sees no stockpile ($got)" \
    || not_ok "RLS on the $n: an unmapped role sees [$got]"
done

# ---- state shipping: dp.sum grouped by item over 20,000 vectors ----
# one run, same build, same machine: a local table against a distributed one
# (32 shards by nation over the two workers); best of 7 runs each
dp_say "dp.sum grouped by item over 20,000 vectors: Citus against a local table"
on coordinator -v ON_ERROR_STOP=1 >/dev/null 2>&1 <<'EOF'
SET client_min_messages = warning;
CREATE FUNCTION public.bench_best_ms(q text, n int DEFAULT 7) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; best float8 := 'Infinity'; r float8;
BEGIN
  FOR i IN 1 .. n LOOP
    t0 := clock_timestamp(); EXECUTE q INTO r;
    best := least(best, extract(epoch FROM clock_timestamp() - t0) * 1000);
  END LOOP;
  RETURN round(best::numeric, 1);
END $$;
CREATE TABLE bench_result (shape text, local_ms numeric, citus_ms numeric, builtin_local_ms numeric, builtin_citus_ms numeric);
CREATE PROCEDURE public.bench_run(shape text, period text, len int, spread int) LANGUAGE plpgsql AS $$
DECLARE q text := 'SELECT sum(dp.total(s)) FROM (SELECT item, dp.sum(v) s FROM %s GROUP BY item) x';
        b text := 'SELECT sum(s) FROM (SELECT item, sum(dp.total(v)) s FROM %s GROUP BY item) x';
BEGIN
  DROP TABLE IF EXISTS bench_local, bench_citus;
  CREATE TABLE bench_local (nation text, item int, v dp.capvec);
  INSERT INTO bench_local
    SELECT 'N' || g % 32, (g / 32) % 40,
           dp.capvec(period, CASE period WHEN 'day' THEN '2024-01-01'::date + (g * 13) % spread
                                         ELSE ('2024-01-01'::date + make_interval(months => (g * 7) % spread))::date END,
                     ARRAY(SELECT round((random() * 1000)::numeric, 2)::float8 FROM generate_series(1, len) WHERE g > 0))
      FROM generate_series(1, 20000) g;
  CREATE TABLE bench_citus (LIKE bench_local);
  PERFORM create_distributed_table('bench_citus', 'nation', colocate_with => 'none');
  INSERT INTO bench_citus SELECT * FROM bench_local;
  ANALYZE bench_local; ANALYZE bench_citus;
  INSERT INTO bench_result VALUES (shape, public.bench_best_ms(format(q, 'bench_local')), public.bench_best_ms(format(q, 'bench_citus')),
                                   public.bench_best_ms(format(b, 'bench_local')), public.bench_best_ms(format(b, 'bench_citus')));
END $$;
CALL public.bench_run('24 months', 'month', 24, 12);
CALL public.bench_run('365 days', 'day', 365, 365);
EOF
on coordinator -P footer=off -c "SELECT shape AS vectors, local_ms AS \"dp.sum local ms\", citus_ms AS \"on Citus ms\",
  round(citus_ms / local_ms, 2) AS ratio, round(builtin_citus_ms / builtin_local_ms, 2) AS \"ratio of sum(dp.total(v))\"
  FROM bench_result" -A -F ' | ' | sed 's/^/  /'
# the coordinator's part: reading and combining the partial states (32 nations x 40 items),
# in the exact form and in the decimal form 0.1.0 wrote
on coordinator -A -F ' | ' -P footer=off 2>/dev/null <<'EOF' | sed 's/^/  /'
SET client_min_messages = warning;
CREATE AGGREGATE public.bench_sum_state(dp.capvec) (SFUNC = dp.capvec_sum_trans, STYPE = dp.capvec_state);
CREATE AGGREGATE public.bench_combine(dp.capvec_state) (SFUNC = dp.capvec_state_combine, STYPE = dp.capvec_state,
                                                  FINALFUNC = dp.capvec_state_sum_final);
CREATE TABLE bench_states (item int, exact text, decimal text);
-- out of line but uncompressed, as on the wire
ALTER TABLE bench_states ALTER exact SET STORAGE EXTERNAL, ALTER decimal SET STORAGE EXTERNAL;
INSERT INTO bench_states
  SELECT item, s::text, split_part(s::text, ' ', 1) || ' ' || dp.capvec_state_sum_final(s)::text
    FROM (SELECT nation, item, public.bench_sum_state(v) s FROM bench_local GROUP BY nation, item) x;
SELECT count(*) AS "partial states (365 days)", round(avg(octet_length(exact))) AS "exact bytes",
       round(avg(octet_length(decimal))) AS "decimal bytes",
       public.bench_best_ms('SELECT sum(octet_length(exact || decimal)) FROM bench_states') AS "fetch both ms",
       public.bench_best_ms('SELECT sum(dp.length(c)) FROM (SELECT public.bench_combine(exact::dp.capvec_state) c FROM bench_states GROUP BY item) x') AS "read+combine exact ms",
       public.bench_best_ms('SELECT sum(dp.length(c)) FROM (SELECT public.bench_combine(decimal::dp.capvec_state) c FROM bench_states GROUP BY item) x') AS "read+combine decimal ms"
  FROM bench_states;
EOF
if [[ ${DP_KEEP:-0} == 1 ]]; then
  for n in "${NODES[@]}"; do dp_say "$n: psql -h 127.0.0.1 -p ${PORT[$n]} -U postgres"; done
  dp_say "single node: psql -h $DP_SOCK -p $DP_PORT -U postgres"
fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
