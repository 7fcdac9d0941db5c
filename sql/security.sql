-- Nation-scoped security: role mapping, row-level security on the nation
-- tables and views, k-anonymity of the pooled views, spoofed settings, and
-- a hostile object planted in public that the extension must never call.
SET search_path = "$user", public, dp;
SET client_min_messages = warning;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/err.psql
TRUNCATE dp.stockpile, dp.consumption, dp.planned_delivery, dp.requirement, dp.production_line,
         dp.component_source, dp.bom, dp.item, dp.interop_class, dp.allocation;
SELECT dp.load_sample_data() IS NOT NULL AS loaded;

DROP ROLE IF EXISTS regress_dp_deu;
DROP ROLE IF EXISTS regress_dp_fra;
DROP ROLE IF EXISTS regress_dp_board;
DROP ROLE IF EXISTS regress_dp_none;
DROP ROLE IF EXISTS regress_dp_member;
DROP ROLE IF EXISTS regress_dp_eve;
CREATE ROLE regress_dp_deu;
CREATE ROLE regress_dp_fra;
CREATE ROLE regress_dp_board;
CREATE ROLE regress_dp_none;
CREATE ROLE regress_dp_member IN ROLE regress_dp_fra;
CREATE ROLE regress_dp_eve;
SELECT dp.map_role('regress_dp_deu', 'DEU'), dp.map_role('regress_dp_fra', 'FRA'), dp.map_role('regress_dp_board', '*');
-- a later mapping replaces the earlier one
SELECT dp.map_role('regress_dp_fra', 'GBR'), dp.map_role('regress_dp_fra', 'FRA');
SELECT role, nation FROM dp.role_nation WHERE role LIKE 'regress_dp_%' ORDER BY role;
-- bad mappings
SELECT pg_temp.err($$SELECT dp.map_role('regress_dp_nobody', 'DEU')$$);
SELECT pg_temp.err($$SELECT dp.map_role('regress_dp_none', 'XXX')$$);

-- a nation sees only its own rows, in every table and view
SET ROLE regress_dp_deu;
SELECT 'stockpile' AS source, string_agg(DISTINCT nation, ',') AS nations FROM dp.stockpile
UNION ALL SELECT 'consumption', string_agg(DISTINCT nation, ',') FROM dp.consumption
UNION ALL SELECT 'planned_delivery', string_agg(DISTINCT nation, ',') FROM dp.planned_delivery
UNION ALL SELECT 'requirement', string_agg(DISTINCT nation, ',') FROM dp.requirement
UNION ALL SELECT 'stockpile_outlook', string_agg(DISTINCT nation, ',') FROM dp.stockpile_outlook
UNION ALL SELECT 'stockpile_projection', string_agg(DISTINCT nation, ',') FROM dp.stockpile_projection
UNION ALL SELECT 'allocation_plan', string_agg(DISTINCT nation, ',') FROM dp.allocation_plan
UNION ALL SELECT 'replenishment_outlook', string_agg(DISTINCT nation, ',') FROM dp.replenishment_outlook;
-- the materialised outlook is read through the views only, and refreshed by administrators
SELECT pg_temp.err($$SELECT count(*) FROM dp.outlook$$);
SELECT pg_temp.err($$SELECT count(*) FROM dp.outlook_change$$);
SELECT pg_temp.err($$SELECT dp.refresh_outlook()$$);
SELECT pg_temp.err($$SELECT dp.outlook_status()$$);
-- the internal per-nation view, the materialised allocation and the pooled views' internal
-- functions are not readable
SELECT pg_temp.err($$SELECT * FROM dp._requirement_by_class$$);
SELECT pg_temp.err($$SELECT * FROM dp.allocation$$);
SELECT pg_temp.err($$SELECT * FROM dp._pooled_capacity_gap('{*}')$$);
-- writing another nation's rows: refused, or touches nothing
SELECT pg_temp.err($$INSERT INTO dp.stockpile (nation, item_id, as_of, on_hand, target) VALUES ('FRA', '155-HE-FR', '2025-08-01', 1, 1)$$);
SELECT pg_temp.err($$UPDATE dp.stockpile SET nation = 'FRA' WHERE nation = 'DEU'$$);
WITH u AS (UPDATE dp.stockpile SET on_hand = 0 WHERE nation = 'FRA' RETURNING 1) SELECT count(*) AS updated_fra FROM u;
WITH d AS (DELETE FROM dp.consumption WHERE nation = 'FRA' RETURNING 1) SELECT count(*) AS deleted_fra FROM d;
-- its own rows it can change, and the change is recorded for the next refresh
WITH u AS (UPDATE dp.stockpile SET target = target WHERE nation = 'DEU' RETURNING 1) SELECT count(*) > 0 AS updated_own FROM u;
RESET ROLE;
SELECT DISTINCT nation FROM dp.outlook_change;
SET ROLE regress_dp_deu;
-- error messages do not reveal other nations' rows: a duplicate of an invisible FRA key
-- fails on the policy, before any uniqueness check could show the key
SELECT pg_temp.err($$INSERT INTO dp.consumption (nation, item_id, at, quantity) SELECT 'FRA', '155-HE-FR', '2025-01-06', 1$$);
-- spoofed settings: a dp.* placeholder can be set but drives nothing, and the pooled threshold is superuser-only
SELECT pg_temp.err($$SELECT set_config('dp.nation', 'FRA', false)$$);
SELECT pg_temp.err($$SET dp.min_contributors = 1$$);
SELECT pg_temp.err($$SELECT set_config('dp.min_contributors', '1', false)$$);
SELECT string_agg(DISTINCT nation, ',') AS still_deu FROM dp.stockpile;
SELECT dp.min_contributors();
-- mapping roles is for administrators
SELECT pg_temp.err($$SELECT dp.map_role('regress_dp_deu', '*')$$);
SELECT pg_temp.err($$SELECT dp.unmap_role('regress_dp_fra')$$);
SELECT pg_temp.err($$SELECT dp.require_admin()$$);
-- the mapping view shows only its own mapping; the marker roles are not its to grant
SELECT role, nation FROM dp.role_nation;
SELECT pg_temp.err($$GRANT dp_nation_fra TO regress_dp_deu$$);
RESET ROLE;

-- membership: a member of a mapped role acts for its nation
SET ROLE regress_dp_member;
SELECT string_agg(DISTINCT nation, ',') AS member_sees FROM dp.stockpile;
RESET ROLE;

-- Board level sees every nation
SET ROLE regress_dp_board;
SELECT count(DISTINCT nation) AS board_nations FROM dp.stockpile;
SELECT count(DISTINCT nation) AS board_allocation_nations FROM dp.allocation_plan;
RESET ROLE;

-- an unmapped role has no access at all
SET ROLE regress_dp_none;
SELECT pg_temp.err($$SELECT count(*) FROM dp.stockpile$$);
SELECT pg_temp.err($$SELECT count(*) FROM dp.harmonized_demand$$);
RESET ROLE;

-- pooled views: a nation role gets the pooled figures of all nations (not just its own),
-- only where at least k nations other than its own contribute: 155 mm (10 nations), Javelin
-- (5, not DEU) and GMLRS (4, not DEU); not 120 mm (DEU, POL) nor Stinger (USA, DEU, NLD); it
-- sees the months of the classes it contributes to, hidden or not
SET ROLE regress_dp_deu;
SELECT interop_class, count(*) AS months, count(demand) AS shown, min(contributors) AS contributors
  FROM dp.harmonized_demand GROUP BY 1 ORDER BY 1;
SELECT interop_class, contributors, demand IS NULL AS demand_hidden, level_rate IS NULL AS rate_hidden
  FROM dp.capacity_gap ORDER BY 1;
RESET ROLE;
-- the figures it sees are those a superuser sees
CREATE TEMP TABLE pooled_as_superuser AS SELECT * FROM dp.harmonized_demand;
GRANT SELECT ON pooled_as_superuser TO regress_dp_deu;
SET ROLE regress_dp_deu;
SELECT count(*) AS differing_rows FROM (
  SELECT * FROM dp.harmonized_demand WHERE demand IS NOT NULL EXCEPT SELECT * FROM pooled_as_superuser) x;
RESET ROLE;
-- a superuser may lower k for the database; the 120 mm class (2 nations) then shows
SET dp.min_contributors = 2;
SELECT interop_class, contributors, demand IS NOT NULL AS shown FROM dp.capacity_gap WHERE interop_class = '120mm';
RESET dp.min_contributors;

-- a hostile object planted in public is never called by the extension's views or functions
GRANT CREATE ON SCHEMA public TO regress_dp_eve;
SET ROLE regress_dp_eve;
CREATE TABLE public.eve_log (what text);
CREATE FUNCTION public.eve_spy(a text, b text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN INSERT INTO public.eve_log VALUES (a || ' = ' || b); RETURN a OPERATOR(pg_catalog.=) b; END $$;
CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.eve_spy);
CREATE FUNCTION public.coalesce(text, text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN INSERT INTO public.eve_log VALUES ('coalesce'); RETURN $1; END $$;
CREATE FUNCTION public.sum(float8) RETURNS float8 LANGUAGE sql AS 'SELECT 0::float8';
CREATE FUNCTION public.date_trunc(text, date) RETURNS date LANGUAGE plpgsql AS $$
BEGIN INSERT INTO public.eve_log VALUES ('date_trunc'); RETURN $2; END $$;
GRANT INSERT, SELECT ON public.eve_log TO PUBLIC;
RESET ROLE;
SELECT dp.map_role('regress_dp_eve', 'DEU');
SET search_path = public, dp, pg_catalog;
SET ROLE regress_dp_deu;
SELECT count(*) > 0 AS outlook FROM dp.stockpile_outlook;
SELECT count(*) > 0 AS projection FROM dp.stockpile_projection;
SELECT count(*) > 0 AS allocation FROM dp.allocation_plan;
SELECT count(*) > 0 AS pooled FROM dp.harmonized_demand;
SELECT count(*) > 0 AS gap FROM dp.capacity_gap;
SELECT count(*) > 0 AS capacity FROM dp.capacity_outlook;
SELECT count(*) > 0 AS risk FROM dp.supply_risk;
SELECT count(*) > 0 AS replenishment FROM dp.replenishment_outlook;
SELECT dp.codification_country('1320-12-345-6789'), dp.sees_nation('DEU'), dp.sees_nation('FRA'), dp.session_nations();
RESET ROLE;
SELECT dp.map_role('regress_dp_none', 'POL'), dp.unmap_role('regress_dp_none');
-- a refresh (a trigger, then the refresh itself) with the hostile path
UPDATE dp.consumption SET quantity = quantity WHERE nation OPERATOR(pg_catalog.=) 'POL';
SELECT dp.refresh_outlook() > 0 AS refreshed;
SELECT pending_stockpiles, full_refresh_pending FROM dp.outlook_status();
SELECT count(*) AS eve_calls FROM public.eve_log;
SET search_path = "$user", public, dp;

-- unmapping revokes access
SELECT dp.unmap_role('regress_dp_fra');
SET ROLE regress_dp_fra;
SELECT pg_temp.err($$SELECT count(*) FROM dp.stockpile$$);
RESET ROLE;

-- clean up
DROP OPERATOR public.= (text, text);
DROP FUNCTION public.eve_spy(text, text);
DROP FUNCTION public.coalesce(text, text);
DROP FUNCTION public.sum(float8);
DROP FUNCTION public.date_trunc(text, date);
DROP TABLE public.eve_log;
REVOKE CREATE ON SCHEMA public FROM regress_dp_eve;
SELECT dp.unmap_role(role::name) FROM dp.role_nation WHERE role LIKE 'regress_dp_%';
DROP OWNED BY regress_dp_deu, regress_dp_fra, regress_dp_board, regress_dp_none, regress_dp_member, regress_dp_eve;
DROP ROLE regress_dp_deu, regress_dp_fra, regress_dp_board, regress_dp_none, regress_dp_member, regress_dp_eve;
