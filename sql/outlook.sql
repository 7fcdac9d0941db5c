-- The materialised outlook: dp.outlook_row on cases worked out by hand and
-- against the separate functions it stands for, its argument checks, the
-- change rows the planning tables' triggers write, and dp.refresh_outlook.
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';
SET client_min_messages = warning;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/err.psql
\i :abs_srcdir/sql/include/outlook_reference.psql

-- ---- dp.outlook_row by hand ----
-- 10 used in every month of 2023-2024: every smooth method fits it without error, auto keeps
-- the first (ses) and forecasts 10 a month; 12 months from 2025-01 with 200 delivered in June.
-- 100 on hand: closing 90, 80, 70, 60, 50, then June 50 + 200 - 10 = 240, and 10 less a month.
-- It never runs out; below the target of 150 from the start, back in June on the first day
-- with 50 + 190 d / 30 >= 150: d = 16.  Days of supply without deliveries: 10 months, January
-- to October 2025, 304 days.  Deliveries 200 / 12 a month.  No error, no risk.
SELECT forecast_method, demand_class, rmse, forecast, deliveries, monthly_consumption,
       monthly_deliveries, depletion_date, replenish_date, days_of_supply, stockout_risk, projected_stock
  FROM dp.outlook_row(100, 150, '2025-01-01', dp.capvec('month', '2023-01-01', array_fill(10::float8, ARRAY[24])),
                      'month 2025-06-01 [200]', horizon => 12);
-- 35 on hand: closing 25, 15, 5, -5 (April: 5 - 10 d / 30 <= 0 from day 15), -15, June
-- -15 + 190 = 175 (back at 150 when -15 + 190 d / 30 >= 150: d = 27).  Days of supply 3.5
-- months: 31 + 28 + 31 + 15 = 105.  Risk within 6 months: demand is certain, April is short: 1.
SELECT depletion_date, replenish_date, days_of_supply, stockout_risk, projected_stock
  FROM dp.outlook_row(35, 150, '2025-01-01', dp.capvec('month', '2023-01-01', array_fill(10::float8, ARRAY[24])),
                      'month 2025-06-01 [200]', horizon => 12);
-- no history and no deliveries: no demand (naive 0), no depletion, days of supply NULL; no
-- target: no replenishment date; the history before 2023 and deliveries after the horizon are
-- outside the windows and ignored
SELECT forecast_method, demand_class, forecast, deliveries, depletion_date, replenish_date,
       days_of_supply, stockout_risk
  FROM dp.outlook_row(7, NULL, '2025-01-01', 'month 2020-01-01 [5,5]', 'month 2026-01-01 [9]', horizon => 3,
                      risk_periods => 2);
-- NULL on_hand, start or setting: 22004 naming it (a NULL row would read as "never runs out")
SELECT pg_temp.err($$SELECT dp.outlook_row(NULL, 1, '2025-01-01', NULL, NULL)$$);
SELECT pg_temp.err($$SELECT dp.outlook_row(1, 1, NULL, NULL, NULL)$$);
SELECT pg_temp.err($$SELECT dp.outlook_row(1, 1, '2025-01-01', NULL, NULL, horizon => NULL)$$);
SELECT pg_temp.err($$SELECT dp.outlook_row(1, 1, '2025-01-01', NULL, NULL, seed => NULL)$$);

-- ---- argument checks ----
SELECT pg_temp.err($$SELECT dp.outlook_row(1, 1, '2025-01-01', NULL, NULL, horizon => 0)$$);
SELECT pg_temp.err($$SELECT dp.outlook_row(1, 1, '2025-01-01', NULL, NULL, history_periods => 0)$$);
SELECT pg_temp.err($$SELECT dp.outlook_row(1, 1, '2025-01-01', NULL, NULL, risk_periods => -1)$$);
SELECT pg_temp.err($$SELECT dp.outlook_row(1, 1, '2025-01-01', NULL, NULL, horizon => 3)$$);
SELECT pg_temp.err($$SELECT dp.outlook_row(1, 1, '2025-01-01', NULL, NULL, trials => 0)$$);
SELECT pg_temp.err($$SELECT dp.outlook_row(1, 1, '2025-01-01', NULL, NULL, trials => 20000000)$$);
SELECT pg_temp.err($$SELECT dp.outlook_row(1, 1, '2025-01-15', NULL, NULL)$$);
SELECT pg_temp.err($$SELECT dp.outlook_row(1, 1, '2025-01-01', 'month 2024-01-01 [1]', 'week 2025-01-06 [1]')$$);
SELECT pg_temp.err($$SELECT dp.outlook_row(-1, 1, '2025-01-01', NULL, NULL)$$);
SELECT pg_temp.err($$SELECT dp.outlook_row(1, 'NaN', '2025-01-01', NULL, NULL)$$);
SELECT pg_temp.err($$SELECT dp.outlook_row(1, 1, '2025-01-01', NULL, 'month 2025-02-01 [-4]')$$);

-- ---- the materialised outlook equals the separate functions ----
TRUNCATE dp.stockpile, dp.consumption, dp.planned_delivery, dp.requirement, dp.production_line,
         dp.component_source, dp.bom, dp.item, dp.interop_class;
-- the sample data (refreshed by the loader): 24 stockpiles, weekly and monthly consumption
SELECT dp.load_sample_data() IS NOT NULL AS loaded;
SELECT count(*) AS outlook_rows, (SELECT count(*) FROM pg_temp.outlook_reference) AS reference_rows FROM dp.outlook;
SELECT count(*) AS differing_rows FROM pg_temp.outlook_differences;
-- the synthetic data: mostly intermittent, risks decided by bounds and simulated
TRUNCATE dp.stockpile, dp.consumption, dp.planned_delivery, dp.requirement, dp.production_line,
         dp.component_source, dp.bom, dp.item, dp.interop_class;
SELECT dp.generate_scale_data(100, 30, 7) IS NOT NULL AS generated;
-- statistics for the planner, as autovacuum would gather them
ANALYZE;
SELECT dp.refresh_outlook() AS stockpiles_refreshed;
SELECT count(*) AS differing_rows FROM pg_temp.outlook_differences;
SELECT count(*) FILTER (WHERE stockout_risk_6m = 0) > 0 AS some_never,
       count(*) FILTER (WHERE stockout_risk_6m = 1) > 0 AS some_certain,
       count(*) FILTER (WHERE stockout_risk_6m > 0 AND stockout_risk_6m < 1) > 0 AS some_simulated
  FROM dp.outlook;

-- ---- change tracking ----
-- nothing pending after a refresh; each statement on a planning table records the stockpiles
-- it touched (old and new keys of an update)
SELECT count(*) AS pending FROM dp.outlook_change;
CREATE TEMP TABLE some_stock AS
    SELECT row_number() OVER (ORDER BY nation, item_id) AS k, nation, item_id
      FROM (SELECT nation, item_id FROM dp.stockpile ORDER BY nation, item_id LIMIT 3) s;
INSERT INTO dp.consumption (nation, item_id, at, quantity)
    SELECT nation, item_id, '2025-06-30', 5 FROM some_stock;
SELECT count(*) AS rows, count(DISTINCT (nation, item_id)) AS stockpiles FROM dp.outlook_change;
UPDATE dp.planned_delivery d SET quantity = d.quantity + 1
  FROM some_stock s WHERE s.k = 1 AND d.nation = s.nation AND d.item_id = s.item_id;
DELETE FROM dp.consumption c USING some_stock s
 WHERE s.k = 3 AND c.nation = s.nation AND c.item_id = s.item_id AND c.at = '2025-06-30';
SELECT s.k, count(*) AS change_rows FROM dp.outlook_change c JOIN some_stock s USING (nation, item_id) GROUP BY 1 ORDER BY 1;
-- a statement that touches nothing records nothing
DELETE FROM dp.consumption WHERE quantity < 0;
SELECT count(*) AS change_rows FROM dp.outlook_change;
-- the refresh recomputes those three only, and the result is still the reference
SELECT dp.refresh_outlook() AS stockpiles_refreshed;
SELECT count(*) AS pending FROM dp.outlook_change;
-- a stock count moved to another item (an update of the key): both stockpiles change
INSERT INTO dp.item (item_id, nsn, name, interop_class) VALUES ('MOVED', '1320-12-999-9999', 'moved item', 'SC01');
UPDATE dp.stockpile s SET item_id = 'MOVED' FROM some_stock k WHERE k.k = 1 AND s.nation = k.nation AND s.item_id = k.item_id;
SELECT count(DISTINCT (nation, item_id)) AS stockpiles_changed FROM dp.outlook_change;
SELECT dp.refresh_outlook() AS stockpiles_refreshed;
-- a stockpile without stock counts left disappears from the outlook
DELETE FROM dp.stockpile s USING some_stock k WHERE k.k = 2 AND s.nation = k.nation AND s.item_id = k.item_id;
SELECT dp.refresh_outlook() AS stockpiles_refreshed;
SELECT count(*) AS still_there FROM dp.outlook o JOIN some_stock k USING (nation, item_id) WHERE k.k = 2;
-- renaming an item changes every stockpile of it; an update that changes nothing changes none
UPDATE dp.item SET name = name WHERE item_id = (SELECT item_id FROM some_stock WHERE k = 3);
SELECT count(*) AS change_rows FROM dp.outlook_change;
UPDATE dp.item SET name = name || ' (renamed)' WHERE item_id = (SELECT item_id FROM some_stock WHERE k = 3);
SELECT count(*) AS change_rows,
       (SELECT count(*) FROM dp.stockpile WHERE item_id = (SELECT item_id FROM some_stock WHERE k = 3)) AS holders
  FROM dp.outlook_change;
SELECT dp.refresh_outlook() AS stockpiles_refreshed;
-- a TRUNCATE asks for everything
TRUNCATE dp.planned_delivery;
SELECT full_refresh_pending FROM dp.outlook_status();
SELECT dp.refresh_outlook() = (SELECT count(DISTINCT (nation, item_id)) FROM dp.stockpile) AS all_refreshed;
SELECT full_refresh, stockpiles = (SELECT count(*) FROM dp.outlook) AS all_rows, pending_stockpiles, full_refresh_pending
  FROM dp.outlook_status();
-- after all that, still what the separate functions compute
SELECT count(*) AS differing_rows FROM pg_temp.outlook_differences;

-- ---- classes: the allocation plan and the replenishment results ----
-- compare the materialised tables with their computation from scratch (computed once a query)
CREATE TEMP VIEW allocation_differences AS
    WITH scratch AS MATERIALIZED (SELECT * FROM dp._allocation_rows(NULL))
    (SELECT * FROM dp.allocation EXCEPT ALL SELECT * FROM scratch)
    UNION ALL (SELECT * FROM scratch EXCEPT ALL SELECT * FROM dp.allocation);
CREATE TEMP VIEW replenishment_differences AS
    WITH scratch AS MATERIALIZED (SELECT * FROM dp.replenishment_results)
    (SELECT * FROM dp.replenishment EXCEPT ALL SELECT * FROM scratch)
    UNION ALL (SELECT * FROM scratch EXCEPT ALL SELECT * FROM dp.replenishment);
-- from a full refresh (the stock changes above wait for one in the replenishment results)
SELECT dp.refresh_outlook(true) > 0 AS refreshed;
SELECT (SELECT count(*) FROM allocation_differences) AS allocation_differences,
       (SELECT count(*) FROM replenishment_differences) AS replenishment_differences,
       (SELECT count(*) > 0 FROM dp.allocation) AS some_allocation,
       (SELECT count(*) > 0 FROM dp.replenishment) AS some_replenishment;
-- a requirement changes its class (no stockpile): that class's allocation and replenishment
INSERT INTO dp.requirement (nation, item_id, need_by, quantity)
    SELECT nation, item_id, '2026-03-14', 100 FROM some_stock WHERE k = 3;
SELECT scope, nation, item_id, interop_class = (SELECT i.interop_class FROM dp.item i JOIN some_stock k USING (item_id) WHERE k.k = 3) AS its_class
  FROM dp.outlook_change;
SELECT dp.refresh_outlook() AS stockpiles_refreshed;
SELECT allocation_classes, replenishment_classes FROM dp.outlook_refresh ORDER BY refreshed_at DESC LIMIT 1;
SELECT count(*) AS allocation_differences FROM allocation_differences;
-- a production line changes its class; a scenario every class
UPDATE dp.production_line SET posture = 'conflict' WHERE line_id = (SELECT min(line_id) FROM dp.production_line);
INSERT INTO dp.scenario (name, posture, consumption_multiplier) VALUES ('regress', 'crisis', 2);
SELECT scope, count(*) AS change_rows, count(interop_class) AS with_class FROM dp.outlook_change GROUP BY 1;
SELECT dp.refresh_outlook() AS stockpiles_refreshed;
SELECT allocation_classes = (SELECT count(*) FROM dp.interop_class) AS all_allocation,
       replenishment_classes = (SELECT count(*) FROM dp.interop_class) AS all_replenishment
  FROM dp.outlook_refresh ORDER BY refreshed_at DESC LIMIT 1;
SELECT (SELECT count(*) FROM allocation_differences) AS allocation_differences,
       (SELECT count(*) FROM replenishment_differences) AS replenishment_differences,
       (SELECT count(*) > 0 FROM dp.replenishment WHERE scenario = 'regress') AS new_scenario;
-- stock and consumption changes: the outlook at once, the replenishment results at the next
-- full refresh (compared on the class changed: the others were compared above)
CREATE FUNCTION pg_temp.replenishment_differences(c text) RETURNS bigint LANGUAGE sql AS $$
    WITH scratch AS MATERIALIZED (SELECT * FROM dp._replenishment_rows(c)),
         kept AS MATERIALIZED (SELECT * FROM dp.replenishment WHERE interop_class = c)
    SELECT count(*) FROM ((SELECT * FROM kept EXCEPT ALL SELECT * FROM scratch)
                          UNION ALL (SELECT * FROM scratch EXCEPT ALL SELECT * FROM kept)) d $$;
CREATE TEMP TABLE changed_class AS
    SELECT i.interop_class FROM dp.item i JOIN some_stock k USING (item_id) WHERE k.k = 3;
UPDATE dp.consumption c SET quantity = c.quantity + 1000 FROM some_stock k
 WHERE k.k = 3 AND c.nation = k.nation AND c.item_id = k.item_id AND c.at >= '2025-01-01';
SELECT dp.refresh_outlook() AS stockpiles_refreshed;
SELECT replenishment_stale_since IS NOT NULL AS replenishment_stale FROM dp.outlook_status();
SELECT pg_temp.replenishment_differences(interop_class) > 0 AS replenishment_differs FROM changed_class;
SELECT dp.refresh_outlook(true) > 0 AS refreshed;
SELECT replenishment_stale_since IS NOT NULL AS replenishment_stale FROM dp.outlook_status();
SELECT (SELECT count(*) FROM allocation_differences) AS allocation_differences,
       (SELECT pg_temp.replenishment_differences(interop_class) FROM changed_class) AS replenishment_differences;

-- ---- refresh ----
SELECT pg_temp.err($$SELECT dp.refresh_outlook(NULL)$$);
-- a full refresh rewrites every row with the same values
CREATE TEMP TABLE before AS SELECT * FROM dp.outlook;
SELECT dp.refresh_outlook(full => true) = (SELECT count(*) FROM before) AS rewrote_all;
SELECT count(*) AS changed_values FROM (
    (SELECT nation, item_id, forecast::text, projected_stock::text, stockout_risk_6m, days_of_supply FROM before
     EXCEPT SELECT nation, item_id, forecast::text, projected_stock::text, stockout_risk_6m, days_of_supply FROM dp.outlook)) x;
SELECT count(DISTINCT refreshed_at) AS refresh_times, min(refreshed_at) > (SELECT max(refreshed_at) FROM before) AS newer
  FROM dp.outlook;
-- the log of refreshes
SELECT full_refresh, stockpiles > 0 AS wrote, seconds >= 0 AS timed
  FROM dp.outlook_refresh ORDER BY refreshed_at DESC LIMIT 2;
-- nothing changed: nothing to do
SELECT dp.refresh_outlook() AS stockpiles_refreshed;
-- the stockpile views read it: one row per stockpile, 24 projection months each
SELECT (SELECT count(*) FROM dp.stockpile_outlook) = (SELECT count(*) FROM dp.outlook) AS outlook_rows,
       (SELECT count(*) FROM dp.stockpile_projection) = 24 * (SELECT count(*) FROM dp.outlook) AS projection_rows;
-- a nation's outlook can be read by the primary key's index (the view lets the nation reach
-- it), whatever the number of stockpiles: on these few rows the planner would rather scan, so
-- sequential scans are priced out (a view that hid the key would still have to scan)
CREATE FUNCTION pg_temp.plan(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || q; END $$;
SET enable_seqscan = off;
SELECT bool_or(p ~ 'Index Cond: \(nation = ''DEU''::text\)') AS by_index,
       bool_or(p ~ 'Seq Scan') AS scans_all
  FROM pg_temp.plan($$SELECT * FROM dp.stockpile_outlook WHERE nation = 'DEU'$$) p;
RESET enable_seqscan;
