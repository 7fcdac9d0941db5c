#!/usr/bin/env bash
# The materialised outlook under change, on synthetic data: rounds of random
# inserts, updates and deletes on the planning tables, each followed by an
# incremental refresh, leave exactly what a full refresh computes; changes
# committed while a refresh runs are kept for the next one; readers and
# writers are never blocked by a refresh; a cancelled refresh leaves the
# outlook and the pending changes as they were; the refresh runs in
# parallel workers.  Uses the server that PGHOST/PGPORT name.
set -u
db=dp_outlook_$$
passed=0 failed=0
check() { if [[ $2 == "$3" ]]; then echo "ok $1"; passed=$((passed + 1)); else echo "not ok $1: [$2] vs [$3]"; failed=$((failed + 1)); fi; }
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" -c "$1" 2>&1; }
cleanup() { psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1; }
trap cleanup EXIT

psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
q "SET client_min_messages = warning; CREATE EXTENSION defence_production" >/dev/null
q "SELECT dp.generate_scale_data(200, 36, 3)" >/dev/null
check "first refresh computes every stockpile" "$(q "SELECT dp.refresh_outlook()")" "200"

# a fingerprint of the outlook: every column but refreshed_at, rows in key order
FINGERPRINT="SELECT count(*) || ':' || md5(string_agg(row(nation, item_id, item_name, interop_class, as_of, on_hand,
    target, start_month, demand_class, forecast_method, alpha, beta, phi, mae, rmse, mase, bias, forecast,
    deliveries, projected_stock, monthly_consumption, monthly_deliveries, depletion_date, replenish_date,
    days_of_supply, stockout_risk_6m)::text, '|' ORDER BY nation, item_id)) FROM dp.outlook"

# random changes on every planning table the outlook reads (round $1 seeds them)
changes() {
  local out
  out=$(psql -X -q -v ON_ERROR_STOP=1 -d "$db" 2>&1 >/dev/null <<SQL
SELECT setseed($1 / 100.0);
-- each statement picks its own stockpiles, so that each table's triggers are tested on their own
CREATE TEMP TABLE stock_keys AS SELECT DISTINCT nation, item_id FROM dp.stockpile;
-- consumption: new rows (some in the history window, some after it), changed and deleted ones
INSERT INTO dp.consumption (nation, item_id, at, quantity)
    SELECT k.nation, k.item_id, ('2025-05-01'::date + (random() * 80)::int), round(random() * 50)
      FROM stock_keys k WHERE random() < 0.01
    ON CONFLICT DO NOTHING;
UPDATE dp.consumption c SET quantity = round(c.quantity * random() * 2) WHERE random() < 0.002;
DELETE FROM dp.consumption c WHERE random() < 0.001;
-- deliveries: new, rescheduled (moving between stockpiles' windows), cancelled
INSERT INTO dp.planned_delivery (nation, item_id, due, quantity)
    SELECT k.nation, k.item_id, '2025-07-01'::date + (random() * 800)::int, round(random() * 300)
      FROM stock_keys k WHERE random() < 0.01;
UPDATE dp.planned_delivery d SET due = d.due + (random() * 90 - 45)::int WHERE random() < 0.005;
DELETE FROM dp.planned_delivery d WHERE random() < 0.005;
-- stock: recounted, a target dropped, a newer count (moves the stockpile's months), a stockpile gone
UPDATE dp.stockpile s SET on_hand = round(s.on_hand * random() * 2) WHERE random() < 0.01;
UPDATE dp.stockpile s SET target = NULL WHERE random() < 0.005;
INSERT INTO dp.stockpile (nation, item_id, as_of, on_hand, target)
    SELECT s.nation, s.item_id, ('2025-08-' || (1 + $1 % 20)::text)::date, s.on_hand + 10, s.target
      FROM dp.stockpile s WHERE s.as_of = '2025-07-01' AND random() < 0.005
    ON CONFLICT DO NOTHING;
DELETE FROM dp.stockpile s WHERE random() < 0.002;
-- a renamed item
UPDATE dp.item SET name = name || ' r$1' WHERE item_id = (SELECT item_id FROM dp.item ORDER BY random() LIMIT 1);
SQL
)
  [[ -z $out ]] || { echo "  changes of round $1 failed: $out"; failed=$((failed + 1)); }
}

# the fingerprint after a full refresh, rolled back (the incremental state goes on)
full_fingerprint() {
  psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" -c "BEGIN" -c "SET max_parallel_workers_per_gather = ${1:-2}" \
    -c "DO \$\$ BEGIN PERFORM dp.refresh_outlook(true); END \$\$" -c "$FINGERPRINT" -c "ROLLBACK" 2>&1
}

same=0
for round in 1 2 3 4; do
  changes "$round"
  q "SELECT dp.refresh_outlook()" >/dev/null
  incremental=$(q "$FINGERPRINT")
  full=$(full_fingerprint)
  [[ $incremental == "$full" ]] && same=$((same + 1)) || echo "  round $round: incremental $incremental, full $full"
done
check "after 4 rounds of random changes, each incremental refresh equals a full refresh" "$same" "4"
check "the rounds changed the outlook" "$(q "SELECT count(*) > 0 FROM dp.outlook WHERE item_name LIKE '% r%'")" "t"
check "nothing pending after a refresh" "$(q "SELECT pending_stockpiles FROM dp.outlook_status()")" "0"

# a change committed while a refresh runs is not lost: it waits for the next refresh
key=$(q "SELECT nation || ',' || item_id FROM dp.outlook ORDER BY nation, item_id LIMIT 1")
IFS=, read -r kn ki <<<"$key"
q "UPDATE dp.stockpile SET on_hand = on_hand + 1 WHERE nation = '$kn' AND item_id = '$ki'" >/dev/null
psql -X -q -d "$db" -c "BEGIN" -c "SELECT dp.refresh_outlook()" -c "SELECT pg_sleep(3)" -c "COMMIT" >/dev/null 2>&1 &
refresher=$!
sleep 1
# readers and writers of the planning tables go on while it holds its locks
check "a reader is not blocked by a refresh" \
  "$(q "SET lock_timeout = '500ms'; SELECT count(*) > 0 FROM dp.stockpile_outlook")" "t"
check "a writer is not blocked by a refresh" \
  "$(q "SET lock_timeout = '500ms'; UPDATE dp.consumption SET quantity = quantity + 1 WHERE nation = '$kn' AND item_id = '$ki' AND at = (SELECT max(at) FROM dp.consumption WHERE nation = '$kn' AND item_id = '$ki')")" ""
wait $refresher
check "a change committed during a refresh stays pending" "$(q "SELECT pending_stockpiles FROM dp.outlook_status()")" "1"
q "SELECT dp.refresh_outlook()" >/dev/null
check "and the next refresh takes it" "$(q "SELECT pending_stockpiles FROM dp.outlook_status()")" "0"

# a cancelled refresh (statement_timeout, as a cancel request) leaves everything as it was
before=$(q "$FINGERPRINT")
q "UPDATE dp.stockpile SET on_hand = on_hand + 1 WHERE nation = '$kn' AND item_id = '$ki'" >/dev/null
got=$(psql -X -q -A -t -d "$db" -v VERBOSITY=terse -c "SET statement_timeout = '50ms'" -c "SELECT dp.refresh_outlook(true)" 2>&1)
check "a refresh can be cancelled" "${got:0:13}" "ERROR:  cance"
check "the cancelled refresh left the outlook as it was" "$(q "$FINGERPRINT")" "$before"
check "and the change pending" "$(q "SELECT pending_stockpiles FROM dp.outlook_status()")" "1"

# the computation runs in parallel workers (max_parallel_workers_per_gather of
# the caller); other tests may hold the cluster's workers, so up to 5 tries
workers=0
for _ in 1 2 3 4 5; do
  psql -X -q -d "$db" -c "SET max_parallel_workers_per_gather = 1" -c "SELECT dp.refresh_outlook(true)" >/dev/null 2>&1 &
  refresher=$!
  while kill -0 $refresher 2>/dev/null; do
    n=$(q "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'parallel worker' AND datname = current_database()")
    [[ $n =~ ^[0-9]+$ && $n -gt $workers ]] && workers=$n
    sleep 0.05
  done
  wait $refresher
  [[ $workers -gt 0 ]] && break
done
check "the refresh ran parallel workers beside the leader" "$([[ $workers -ge 1 ]] && echo yes || echo "no ($workers)")" "yes"
check "the parallel refresh gives what one process gives" "$(q "$FINGERPRINT")" "$(full_fingerprint 0)"
echo "$passed passed, $failed failed"
