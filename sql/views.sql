-- The BI views on a small data set whose figures are worked out by hand.
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';
SET client_min_messages = warning;
TRUNCATE dp.stockpile, dp.consumption, dp.planned_delivery, dp.requirement, dp.production_line,
         dp.component_source, dp.bom, dp.item, dp.interop_class, dp.allocation;

INSERT INTO dp.interop_class VALUES ('tst', 'test rounds', 'round');
INSERT INTO dp.item (item_id, nsn, name, interop_class, class_units_per_unit) VALUES
    ('A', '1320-12-000-0001', 'single round', 'tst', 1),
    ('P', '1320-14-000-0002', 'pack of two', 'tst', 2);

-- ---- stockpile views ----
-- DEU: 5000 of A counted on 2024-07-15 (so from 2024-07-01), target 8000; 1000 used in each
-- of the 24 months before; deliveries 500 in September 2024 and 3000 in January 2025.
-- FRA: 700 of P, no history, no deliveries.
INSERT INTO dp.stockpile VALUES ('DEU', 'A', '2024-07-15', 5000, 8000), ('DEU', 'A', '2023-01-01', 1, 1),
                                ('FRA', 'P', '2024-07-01', 700, NULL);
INSERT INTO dp.consumption (nation, item_id, at, quantity)
    SELECT 'DEU', 'A', (m + '9 days'::interval)::date, 1000
      FROM generate_series('2022-07-01'::date, '2024-06-01', '1 mon') m;
INSERT INTO dp.consumption VALUES ('DEU', 'A', '2024-07-02', 99999);  -- after the count: not history
INSERT INTO dp.planned_delivery (nation, item_id, due, quantity) VALUES
    ('DEU', 'A', '2024-09-20', 500), ('DEU', 'A', '2025-01-05', 3000), ('DEU', 'A', '2026-07-01', 777);

-- A flat history: every smooth method forecasts 1000 with no error; auto keeps the first (ses).
-- Stock: 4000 (Jul), 3000, 2500 (+500 in Sep), 1500, 500, -500 (Dec), 1500 (+3000 in Jan)...
-- December: 500 - 1000 d / 31 <= 0 from day 16, so depletion 2024-12-16.
-- Days of supply: 5000 lasts Jul-Nov, 31 + 31 + 30 + 31 + 30 = 153 days.
-- Deliveries in the 24 months from 2024-07: 3500 (the 2026-07 one is past the horizon), 3500 / 24.
-- Risk within 6 months: demand sd 0, the December shortfall is certain: 1.
-- Target 8000 is never reached again: no replenish date.  FRA: no history, no demand: naive 0,
-- no depletion, days of supply NULL (no demand), no risk.
-- the views read the materialised outlook: brought up to date here (the TRUNCATE above asks
-- for a full refresh: both stockpiles)
SELECT dp.refresh_outlook() AS stockpiles_refreshed;
SELECT nation, item_id, item_name, interop_class, as_of, on_hand, target, forecast_method,
       monthly_consumption, monthly_deliveries, depletion_date, replenish_date, days_of_supply,
       stockout_risk_6m, length(projected_stock) AS sparkline_chars,
       left(projected_stock, 1) AS first_char, right(projected_stock, 1) AS last_char
  FROM dp.stockpile_outlook ORDER BY nation;
-- the long form: the first 8 months of DEU, and the count per nation
SELECT nation, item_id, period_start, period_end, opening, supplied, demanded, closing, shortfall, below_target
  FROM dp.stockpile_projection WHERE nation = 'DEU' ORDER BY period_start LIMIT 8;
SELECT nation, count(*), min(period_start), max(period_start), bool_and(below_target IS NULL) AS no_target
  FROM dp.stockpile_projection GROUP BY nation ORDER BY nation;

-- ---- pooled demand, allocation, capacity ----
-- Requirements in class units: January 2025 DEU 100 (weight 2), FRA 30 packs = 60, POL 40;
-- February POL 50.  A line of 120 a month in January and February 2025.
INSERT INTO dp.requirement (nation, item_id, need_by, quantity, weight) VALUES
    ('DEU', 'A', '2025-01-10', 100, 2), ('FRA', 'P', '2025-01-20', 30, 1),
    ('POL', 'A', '2025-01-03', 40, 1), ('POL', 'A', '2025-02-11', 50, 1);
INSERT INTO dp.production_line (line_id, producer, country, interop_class, capacity, posture,
                                crisis_factor, conflict_factor, surge_periods)
    VALUES ('L1', 'Test works', 'DEU', 'tst', 'month 2025-01-01 [120,120]', 'peacetime', 1.5, 2, 0);
SELECT dp.refresh_outlook();
-- January: 200 from 3 nations, shortfall 80; February: 50 from one nation, hidden (with its
-- number of contributors).  Only months with requirements have rows.
SELECT interop_class, period_start, period_end, unit, demand, contributors, capacity, shortfall
  FROM dp.harmonized_demand ORDER BY period_start;
-- February's demand is hidden, so the class total would reveal it: all hidden
SELECT * FROM dp.capacity_gap;
-- with k = 1, over both months: 3 nations, demand 250, capacity 240; level rate
-- max(200/1, 250/2) = 200; gap max((200 - 120)/1, (250 - 240)/2) = 80.
SET dp.min_contributors = 1;
SELECT * FROM dp.capacity_gap;
RESET dp.min_contributors;
-- Fair shares, weights DEU 2, FRA 1, POL 1.  January: 120 over weight 4 gives 30 a unit
-- (no one is met: 60 < 100, 30 < 60, 30 < 40); backlogs 40, 30, 10.  February: requests
-- 40, 30, 60; DEU is met at 20 a unit (40), FRA at 30 (30), POL gets the remaining 50 of 60.
SELECT interop_class, nation, period_start, period_end, requested, allocated, backlog, fill_rate
  FROM dp.allocation_plan ORDER BY period_start, nation;

-- ---- capacity outlook and supply risk ----
-- The line surges at once: crisis 1.5 x 120 = 180, conflict 2 x 120 = 240.
-- Components per round: c1 1, c2 2.  c1 from S1 (DEU) 150/month and S2 (KOR) 50/month: 200;
-- c2 from S3 (FRA) [300, 500]: rounds [150, 250].  Bottleneck: January min(200, 150) = 150 (c2),
-- February min(200, 250) = 200 (c1).
INSERT INTO dp.bom VALUES ('tst', 'c1', 1), ('tst', 'c2', 2);
INSERT INTO dp.component_source VALUES
    ('c1', 'S1', 'DEU', 'month 2025-01-01 [150,150]'), ('c1', 'S2', 'KOR', 'month 2025-01-01 [50,50]'),
    ('c2', 'S3', 'FRA', 'month 2025-01-01 [300,500]');
SELECT * FROM dp.capacity_outlook ORDER BY period_start;
-- c1: two suppliers at 150 and 50 a month: HHI 10000 (150^2 + 50^2) / 200^2 = 6250; a quarter
-- from outside NATO; the bottleneck averages (150 + 200) / 2 = 175; without S1, c1 gives 50 a
-- month, so 50.  c2: one supplier, HHI 10000; without it there is no c2: 0.
SELECT * FROM dp.supply_risk ORDER BY component;

-- a line at crisis posture counts at its surged capacity in the pooled views
UPDATE dp.production_line SET posture = 'crisis';
SELECT period_start, capacity, shortfall FROM dp.harmonized_demand ORDER BY period_start;
SELECT current_posture FROM dp.capacity_outlook ORDER BY period_start;

-- no false zeros: a line producing in March and April adds capacity months, not demand rows
-- (demand 0 there would read as "nobody needs anything"); capacity_outlook has the months,
-- with no bill-of-materials figure (no component data) rather than 0
INSERT INTO dp.production_line (line_id, producer, country, interop_class, capacity)
    VALUES ('L2', 'Later works', 'FRA', 'tst', 'month 2025-03-01 [10,10]');
SELECT count(*) AS demand_rows, min(period_start), max(period_start) FROM dp.harmonized_demand;
SELECT period_start, peacetime, bom_capacity FROM dp.capacity_outlook ORDER BY 1;

TRUNCATE dp.stockpile, dp.consumption, dp.planned_delivery, dp.requirement, dp.production_line,
         dp.component_source, dp.bom, dp.item, dp.interop_class, dp.allocation;
