#!/usr/bin/env bash
# The README's pg_cron recipe, tested: a cluster of its own with pg_cron
# preloaded (Debian package postgresql-15-cron), the extension and the sample
# data, a change left pending, the recipe's jobs scheduled; then pg_cron must
# run the refresh in its background worker and take the change.  The run
# comes from an @reboot job and a restart: pg_cron 1.4's finest schedule is a
# minute, and waiting for the next one made this test take up to 75 s.
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

# the recipe (README): a full refresh every night, an incremental one every
# 10 minutes; stored as written, then taken out again so that no boundary of
# theirs falls into the run below
q -c "SELECT cron.schedule('dp-outlook-nightly', '30 2 * * *', 'SELECT dp.refresh_outlook(full => true)')" \
  -c "SELECT cron.schedule('dp-outlook-incremental', '*/10 * * * *', 'SELECT dp.refresh_outlook()')" >/dev/null
check "the recipe's jobs are scheduled" \
  "$(q -c "SELECT string_agg(jobname || ': ' || schedule || ' ' || command, '; ' ORDER BY jobname) FROM cron.job")" \
  "dp-outlook-incremental: */10 * * * * SELECT dp.refresh_outlook(); dp-outlook-nightly: 30 2 * * * SELECT dp.refresh_outlook(full => true)"
q -c "SELECT cron.unschedule(jobname) FROM cron.job" >/dev/null

# the incremental refresh as pg_cron runs it (its worker, the role that
# scheduled it), at the next start of the server
q -c "SELECT cron.schedule('dp-outlook-incremental', '@reboot', 'SELECT dp.refresh_outlook()')" >/dev/null
dp_as_server "$DP_BIN/pg_ctl" -D "$work/data" -w -t 60 restart >/dev/null \
  || { echo "not ok the cluster did not restart"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }
for _ in $(seq 1 120); do
  st=$(q -c "SELECT d.status FROM cron.job_run_details d JOIN cron.job j USING (jobid)
              WHERE j.jobname = 'dp-outlook-incremental' AND d.status IN ('succeeded', 'failed') LIMIT 1")
  [[ -n $st ]] && break
  sleep 0.25
done
check "pg_cron ran the refresh and it succeeded" "$st" "succeeded"
check "its statement completed (SELECT 1)" "$(q -c "SELECT d.return_message FROM cron.job_run_details d JOIN cron.job j USING (jobid)
                                                WHERE j.jobname = 'dp-outlook-incremental' ORDER BY d.runid LIMIT 1")" "SELECT 1"
check "nothing is pending after it" "$(q -c "SELECT pending_stockpiles FROM dp.outlook_status()")" "0"
# (pg_cron may also run a new @reboot job at once, before the restart: then a
# second run finds nothing to do; one incremental refresh took the change)
check "one incremental refresh took the changed stockpile (refresh log)" \
  "$(q -c "SELECT count(*) FILTER (WHERE stockpiles = 1) || ' ' || count(*) FILTER (WHERE stockpiles > 1)
             FROM dp.outlook_refresh WHERE NOT full_refresh")" "1 0"
echo "$passed passed, $failed failed"
