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
  echo "  README.md, \"Scale-out with Citus\", says how to get it)"
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

if [[ ${DP_KEEP:-0} == 1 ]]; then
  for n in "${NODES[@]}"; do dp_say "$n: psql -h 127.0.0.1 -p ${PORT[$n]} -U postgres"; done
  dp_say "single node: psql -h $DP_SOCK -p $DP_PORT -U postgres"
fi
