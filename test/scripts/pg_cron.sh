#!/usr/bin/env bash
# The README's pg_cron recipe, tested: a cluster of its own with pg_cron
# preloaded (Debian package postgresql-15-cron), the extension and the sample
# data, a change left pending, the recipe's jobs scheduled; then one scheduled
# refresh must run (pg_cron's finest schedule is a minute, so this waits for
# the next minute) and take the change.
. "$(dirname "$0")/../lib/env.sh"
set -u
passed=0 failed=0
check() { if [[ $2 == "$3" ]]; then echo "ok $1"; passed=$((passed + 1)); else echo "not ok $1: [$2] vs [$3]"; failed=$((failed + 1)); fi; }
dp_pg_config
DP_BIN=${DP_BIN:-$PG_BINDIR}
if [[ ! -e $($PG_CONFIG --pkglibdir)/pg_cron.so ]]; then
  echo "not ok pg_cron is not installed (Debian package postgresql-15-cron)"; echo "0 passed, 1 failed"; exit 1
fi

# a cluster of its own (a copy of the work area's initdb template), pg_cron
# preloaded with the recipe's server settings
work=$(mktemp -d "${DP_WORK:-/tmp}/cron.XXXXXX")
sock=$work/sock port=$(dp_free_port)
stop() { dp_node_stop "$work"; rm -rf "$work"; }
trap stop EXIT
dp_node_start "$work" "$port" -c shared_preload_libraries=pg_cron -c cron.database_name=dp_cron \
  -c cron.use_background_workers=on -c max_worker_processes=16 \
  || { echo "not ok the cluster did not start"; echo "0 passed, 1 failed"; exit 1; }
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U postgres -d dp_cron "$@" 2>&1; }

psql -X -q -h "$sock" -p "$port" -U postgres -d postgres -c "CREATE DATABASE dp_cron" >/dev/null
q -c "SET client_min_messages = warning" -c "CREATE EXTENSION pg_cron" -c "CREATE EXTENSION defence_production" >/dev/null
q -c "SELECT dp.load_sample_data()" >/dev/null
check "the sample data leaves a fresh outlook" "$(q -c "SELECT pending_stockpiles FROM dp.outlook_status()")" "0"
q -c "UPDATE dp.consumption SET quantity = quantity + 1 WHERE nation = 'DEU' AND item_id = 'STINGER'" >/dev/null
check "a change is pending" "$(q -c "SELECT pending_stockpiles FROM dp.outlook_status()")" "1"

# the recipe: a full refresh every night, an incremental one every few minutes
# (here: every minute, to see one run), and one at the end of each bulk load
q -c "SELECT cron.schedule('dp-outlook-nightly', '30 2 * * *', 'SELECT dp.refresh_outlook(full => true)')" \
  -c "SELECT cron.schedule('dp-outlook-incremental', '* * * * *', 'SELECT dp.refresh_outlook()')" >/dev/null
check "the nightly full refresh is scheduled" \
  "$(q -c "SELECT schedule || ' ' || command FROM cron.job WHERE jobname = 'dp-outlook-nightly'")" \
  "30 2 * * * SELECT dp.refresh_outlook(full => true)"

# wait for one scheduled run (at most 75 s: the next minute, and the run itself)
for _ in $(seq 1 150); do
  st=$(q -c "SELECT d.status FROM cron.job_run_details d JOIN cron.job j USING (jobid)
              WHERE j.jobname = 'dp-outlook-incremental' AND d.status IN ('succeeded', 'failed') LIMIT 1")
  [[ -n $st ]] && break
  sleep 0.5
done
check "a scheduled refresh ran and succeeded" "$st" "succeeded"
check "it wrote the changed stockpile" "$(q -c "SELECT d.return_message FROM cron.job_run_details d JOIN cron.job j USING (jobid)
                                                WHERE j.jobname = 'dp-outlook-incremental' ORDER BY d.runid LIMIT 1")" "SELECT 1"
check "nothing is pending after it" "$(q -c "SELECT pending_stockpiles FROM dp.outlook_status()")" "0"
check "and it is in the refresh log" "$(q -c "SELECT full_refresh || ' ' || stockpiles FROM dp.outlook_refresh ORDER BY refreshed_at DESC LIMIT 1")" "false 1"
echo "$passed passed, $failed failed"
