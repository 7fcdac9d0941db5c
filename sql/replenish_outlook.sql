-- replenishment outlook: the shipped scenarios, scenario checks, user rows
-- overriding shipped ones, figures derived independently in two extreme
-- scenarios, row-level security and dp.min_contributors.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/fresh.psql
DELETE FROM dp.scenario WHERE NOT builtin;
SELECT dp.load_sample_data() IS NOT NULL AS loaded;

SELECT name, posture, start_date, horizon_months, target_months, consumption_multiplier, surge_factor, builtin
  FROM dp.scenario ORDER BY posture;

-- bad scenarios: 23514
SELECT pg_temp.err($$INSERT INTO dp.scenario (name, posture, start_date) VALUES ('x', 'crisis', '2025-07-15')$$);
SELECT pg_temp.err($$INSERT INTO dp.scenario (name, posture, horizon_months, target_months) VALUES ('x', 'crisis', 12, 13)$$);
SELECT pg_temp.err($$INSERT INTO dp.scenario (name, posture, class_consumption) VALUES ('x', 'crisis', '{"155mm": -1}')$$);
SELECT pg_temp.err($$INSERT INTO dp.scenario (name, posture, class_consumption) VALUES ('x', 'crisis', '[1]')$$);
SELECT pg_temp.err($$INSERT INTO dp.scenario (name, posture, surges) VALUES ('x', 'crisis', '{"US-155": {"factor": 2, "periods": 1.5}}')$$);
SELECT pg_temp.err($$INSERT INTO dp.scenario (name, posture, surges) VALUES ('x', 'crisis', '{"US-155": {"speed": 2}}')$$);
SELECT pg_temp.err($$INSERT INTO dp.scenario (name, posture, surges) VALUES ('x', 'crisis', '{"US-155": 2}')$$);
SELECT pg_temp.err($$INSERT INTO dp.scenario (name, posture, consumption_multiplier) VALUES ('x', 'crisis', 'NaN')$$);

-- the shipped outlook: one row per class and nation with a stockpile, every nation of a class in
-- its plan; 120 mm has two nations, fewer than dp.min_contributors (3): its figures are hidden
-- (contributors too), even from a superuser
SELECT count(*) AS rows, count(DISTINCT interop_class) AS classes FROM dp.replenishment_outlook;
SELECT interop_class, count(*) AS nations, min(contributors) = max(contributors) AND min(contributors) = count(*) AS all_in_plan,
       bool_and(peacetime_capacity_factor > 0 AND crisis_capacity_factor > 0 AND conflict_capacity_factor > 0) AS factors,
       bool_and(peacetime_class_unmet >= 0) AS class_figures
  FROM dp.replenishment_outlook GROUP BY interop_class ORDER BY interop_class;

-- A user row named like a shipped one takes its place.  No production and no
-- consumption: each stock stays as counted, so a nation is at target from
-- the first month when its count is, and otherwise 36 months below it by the
-- gap; nothing is unmet; no factor of zero capacity reaches a target.
INSERT INTO dp.scenario (name, posture, consumption_multiplier, surge_factor, surge_periods, description)
VALUES ('peacetime', 'peacetime', 0, 0, 0, 'nothing made, nothing used');
SELECT dp.refresh_outlook() IS NOT NULL AS refreshed;  -- the outlook is materialised: a scenario change takes a refresh
WITH counted AS (
    SELECT DISTINCT ON (s.nation, s.item_id) s.nation, i.interop_class, s.on_hand * i.class_units_per_unit AS on_hand,
           s.target * i.class_units_per_unit AS target
      FROM dp.stockpile s JOIN dp.item i USING (item_id)
     ORDER BY s.nation, s.item_id, s.as_of DESC
), expected AS (
    SELECT interop_class, nation, sum(on_hand) AS on_hand, sum(target) AS target FROM counted GROUP BY 1, 2
)
SELECT count(*) AS nations,
       bool_and(o.peacetime_reaches_target IS NOT DISTINCT FROM
                CASE WHEN e.on_hand >= e.target THEN o.first_month END) AS reaches,
       bool_and(o.peacetime_unmet = 0) AS no_unmet,
       max(abs(o.peacetime_below_target - 36 * greatest(0, e.target - e.on_hand))) AS below_error,
       bool_and(o.peacetime_capacity_factor IS NULL) AS no_factor
  FROM dp.replenishment_outlook o JOIN expected e USING (interop_class, nation);
-- Plenty of capacity at once (every line 1000 times its peacetime level from
-- the first month) and consumption as forecast: everyone is at target from the
-- first month, nothing unmet, and a factor of at most 1 suffices.
UPDATE dp.scenario SET consumption_multiplier = 1, surge_factor = 1000 WHERE name = 'peacetime' AND NOT builtin;
SELECT dp.refresh_outlook() IS NOT NULL AS refreshed;  -- the outlook is materialised: a scenario change takes a refresh
SELECT bool_and(peacetime_reaches_target = first_month) AS at_target_at_once,
       bool_and(peacetime_unmet = 0 AND peacetime_below_target = 0) AS nothing_short,
       bool_and(peacetime_capacity_factor <= 1 OR peacetime_capacity_factor IS NULL) AS factor_at_most_1
  FROM dp.replenishment_outlook;
-- a class's own consumption multiplier and a line's own surge win over the scenario's
UPDATE dp.scenario SET class_consumption = '{"155mm": 0}', surges = '{"155mm": {"factor": 0}}' WHERE name = 'peacetime' AND NOT builtin;
SELECT dp.refresh_outlook() IS NOT NULL AS refreshed;  -- the outlook is materialised: a scenario change takes a refresh
SELECT interop_class, bool_and(peacetime_unmet = 0) AS no_unmet,
       bool_and(peacetime_reaches_target IS NOT DISTINCT FROM
                CASE WHEN peacetime_below_target = 0 THEN first_month END) AS stock_as_counted
  FROM dp.replenishment_outlook WHERE interop_class = '155mm' GROUP BY 1;
DELETE FROM dp.scenario WHERE NOT builtin;
SELECT dp.refresh_outlook() IS NOT NULL AS refreshed;  -- the outlook is materialised: a scenario change takes a refresh

-- security: a nation sees only its own rows, and their figures only where dp.min_contributors
-- nations other than its own share the class: DEU sees 155 mm (9 others), not 120 mm (1) or
-- Stinger (2 others)
DROP ROLE IF EXISTS regress_dp_rp_deu;
CREATE ROLE regress_dp_rp_deu;
SELECT dp.map_role('regress_dp_rp_deu', 'DEU');
SET ROLE regress_dp_rp_deu;
SELECT interop_class, nation, contributors,
       peacetime_class_unmet IS NOT NULL AS class_figures_shown,
       peacetime_capacity_factor IS NOT NULL AS factor_shown
  FROM dp.replenishment_outlook ORDER BY 1;
SELECT count(*) AS scenarios FROM dp.scenario;
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_results$$);
SELECT pg_temp.err($$INSERT INTO dp.scenario (name, posture) VALUES ('mine', 'crisis')$$);
RESET ROLE;
SELECT dp.unmap_role('regress_dp_rp_deu');
DROP ROLE regress_dp_rp_deu;
-- leave the tables as the later tests expect them: empty, identities restarted
TRUNCATE dp.stockpile, dp.consumption, dp.planned_delivery, dp.requirement, dp.production_line,
         dp.component_source, dp.bom, dp.item, dp.interop_class, dp.allocation RESTART IDENTITY;
