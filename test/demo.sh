#!/usr/bin/env bash
# The main job: install what is missing, build, install the extension, start
# a throwaway cluster, load the sample data and print the outlook.
#   DP_KEEP=1 test/demo.sh   leaves the cluster running and says how to connect.
. "$(dirname "$0")/lib/env.sh"
dp_setup
if [[ $(id -u) -eq 0 ]]; then
  dp_say "installing the extension system-wide (make install)"
  dp_make install >>"$DP_WORK/build.log" 2>&1 || dp_die "make install failed"
fi
[[ ${DP_KEEP:-0} == 1 ]] || trap dp_cluster_stop EXIT
psql -X -q -d postgres -c "CREATE DATABASE dp_demo" \
  -c "ALTER DATABASE dp_demo SET search_path = \"\$user\", public, dp" >/dev/null || dp_die "cannot create the demo database"
psql -X -q -d dp_demo -v ON_ERROR_STOP=1 -v chart="$DP_WORK/stock_155mm.svg" -f "$DP_ROOT/test/demo.sql" \
  || dp_die "the demo queries failed"
if [[ ${DP_KEEP:-0} == 1 ]]; then
  dp_say "cluster left running: psql -h $DP_SOCK -p $DP_PORT -U postgres dp_demo"
fi
