-- The showcase printed by test/demo.sh (the README's first command).
\set QUIET on
\pset footer off
\pset null '-'
SET client_min_messages = warning;
CREATE EXTENSION defence_production;
SELECT dp.load_sample_data() AS "Sample data";

\echo
\echo '== Stockpile outlook (illustrative stocks; forecasts from 24 months of consumption) =='
SELECT nation, item_id, on_hand, target, forecast_method AS method,
       round(monthly_consumption) AS use_per_month, round(monthly_deliveries) AS deliveries_per_month,
       depletion_date, replenish_date, round(days_of_supply) AS days_of_supply,
       round(stockout_risk_6m::numeric, 3) AS risk_6m, projected_stock
  FROM dp.stockpile_outlook
 ORDER BY interop_class, nation, item_id;

\echo '== Harmonised demand against capacity, 155 mm (pooled requirements of all nations) =='
SELECT interop_class, period_start, unit, round(demand) AS demand, contributors,
       round(capacity) AS capacity, round(shortfall) AS shortfall
  FROM dp.harmonized_demand
 WHERE interop_class = '155mm' AND period_start BETWEEN '2025-07-01' AND '2027-06-01' AND contributors > 0
 ORDER BY period_start;

\echo '== Allocation plan, Javelin (fair shares, weighted by requirement weights; backlog carried) =='
SELECT interop_class, nation, period_start, round(requested) AS requested, round(allocated) AS allocated,
       round(backlog) AS backlog, round(fill_rate::numeric, 2) AS fill_rate
  FROM dp.allocation_plan
 WHERE interop_class = 'javelin' AND requested > 0
 ORDER BY period_start, nation
 LIMIT 20;

\echo '== Capacity gaps per class (120 mm is hidden: fewer than dp.min_contributors nations) =='
SELECT interop_class, unit, first_month, last_month, contributors, round(demand) AS demand,
       round(capacity) AS capacity, round(level_rate) AS level_rate, round(capacity_gap) AS capacity_gap
  FROM dp.capacity_gap
 ORDER BY interop_class;

\echo '== Supply risk, 155 mm bill of materials =='
SELECT interop_class, component, suppliers, round(hhi) AS hhi, single_source,
       round(non_nato_share::numeric, 2) AS non_nato_share, largest_supplier,
       round(bom_capacity) AS bom_capacity, round(bom_capacity_without_largest) AS without_largest
  FROM dp.supply_risk
 ORDER BY interop_class, component;

\echo '== Capacity outlook, 155 mm (every line at each posture; bill-of-materials bottleneck) =='
SELECT period_start, round(peacetime) AS peacetime, round(crisis) AS crisis, round(conflict) AS conflict,
       round(current_posture) AS current, round(bom_capacity) AS bom_capacity, binding_component
  FROM dp.capacity_outlook
 WHERE interop_class = '155mm' AND period_start IN ('2022-01-01', '2023-01-01', '2024-01-01', '2025-01-01',
                                                   '2025-07-01', '2026-01-01', '2026-07-01', '2027-01-01')
 ORDER BY period_start;

\echo '== Replenishment outlook, 155 mm: the optimal plan (a linear programme over all nations and months) under three postures =='
\echo '   reaches: first month the stock stays at target; unmet and below: the nation''s unmet demand and stock-months below target'
SELECT nation, first_month AS from_month,
       peacetime_reaches_target AS peace_reaches, crisis_reaches_target AS crisis_reaches,
       conflict_reaches_target AS conflict_reaches,
       round(peacetime_unmet) AS peace_unmet, round(crisis_unmet) AS crisis_unmet, round(conflict_unmet) AS conflict_unmet,
       round(peacetime_below_target) AS peace_below, round(crisis_below_target) AS crisis_below,
       round(conflict_below_target) AS conflict_below
  FROM dp.replenishment_outlook
 WHERE interop_class = '155mm'
 ORDER BY nation;
\echo '== Capacity factor needed to have every nation at target by the target date (per class and posture) =='
SELECT interop_class, unit, contributors, target_by,
       round(peacetime_capacity_factor::numeric, 2) AS peacetime, round(crisis_capacity_factor::numeric, 2) AS crisis,
       round(conflict_capacity_factor::numeric, 2) AS conflict,
       round(peacetime_class_unmet) AS peace_unmet, round(crisis_class_unmet) AS crisis_unmet,
       round(conflict_class_unmet) AS conflict_unmet
  FROM (SELECT DISTINCT ON (interop_class) * FROM dp.replenishment_outlook ORDER BY interop_class, nation) o
 ORDER BY interop_class;

-- the chart: projected month-end stock of 155 mm rounds per nation, with targets
\ir demo_chart.sql
\echo
\echo 'Chart of projected 155 mm stocks written to' :chart
\echo :chart_note
