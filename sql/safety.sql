-- Data safety: the shipped nations (edits kept by pg_dump, deletes refused),
-- DROP EXTENSION without CASCADE refused while the planning tables hold data,
-- upper bounds that keep one nation's rows from breaking every nation's
-- views, and the refresh isolating one class's failure from the others.
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';
SET client_min_messages = warning;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/err.psql

-- ---- shipped nations ----
-- an edit makes the row a user row, which the dump filter (WHERE NOT builtin) keeps
UPDATE dp.nation SET name = 'Kingdom of Sweden' WHERE code = 'SWE';
SELECT code, name, builtin FROM dp.nation WHERE code = 'SWE';
SELECT extcondition FROM pg_extension WHERE extname = 'defence_production';
-- an update that changes nothing keeps a shipped row shipped; builtin cannot be raised
UPDATE dp.nation SET name = name WHERE code = 'NOR';
INSERT INTO dp.nation (code, name, builtin) VALUES ('XKX', 'Testland', true);
UPDATE dp.nation SET builtin = true WHERE code IN ('SWE', 'XKX');
SELECT code, builtin FROM dp.nation WHERE code IN ('NOR', 'SWE', 'XKX') ORDER BY code;
-- a row inserted with a shipped code (what pg_restore does with an edited row) takes over the
-- shipped row instead of failing
INSERT INTO dp.nation (code, name, nato_member, accession, ncb_codes, builtin)
    VALUES ('ISL', 'Iceland (edited)', true, '1949-04-04', '{24}', false);
SELECT code, name, builtin, (SELECT count(*) FROM dp.nation) AS nations FROM dp.nation WHERE code = 'ISL';
-- a user row's code is a key like any other
SELECT pg_temp.err($$INSERT INTO dp.nation (code, name) VALUES ('XKX', 'Testland again')$$);
-- shipped rows cannot be deleted, renamed or truncated away (they would come back on restore)
SELECT pg_temp.err($$DELETE FROM dp.nation WHERE code = 'SWE'$$);
SELECT pg_temp.err($$UPDATE dp.nation SET code = 'SWX' WHERE code = 'NOR'$$);
SELECT pg_temp.err($$TRUNCATE dp.nation CASCADE$$);
DELETE FROM dp.nation WHERE code = 'XKX';
SELECT count(*) AS nations, count(*) FILTER (WHERE nato_member) AS members FROM dp.nation;

-- ---- cross-nation denial of service ----
-- one nation's two requirements of 1.7e308 used to make the pooled views fail with 22003 for
-- every nation; quantities are now below 1e15, so the rows are refused
SELECT dp.load_sample_data() IS NOT NULL AS loaded;
DROP ROLE IF EXISTS regress_dp_safety_pol;
CREATE ROLE regress_dp_safety_pol;
SELECT dp.map_role('regress_dp_safety_pol', 'POL');
SET ROLE regress_dp_safety_pol;
SELECT pg_temp.err($$INSERT INTO dp.requirement (nation, item_id, need_by, quantity) VALUES ('POL', '155-HE-PL', '2026-01-15', 1.7e308), ('POL', '155-HE-PL', '2026-01-16', 1.7e308)$$);
-- the largest quantities allowed, as many as the sample has rows, sum far below float8's range
INSERT INTO dp.requirement (nation, item_id, need_by, quantity)
    SELECT 'POL', '155-PAL8', '2026-01-15', 999999999999999 FROM generate_series(1, 100);
RESET ROLE;
SELECT dp.refresh_outlook();
SELECT interop_class, demand > 8e16 AS huge, shortfall > 0 AS short FROM dp.harmonized_demand
 WHERE period_start = '2026-01-01' AND interop_class = '155mm';
SELECT count(*) > 0 AS every_class FROM dp.capacity_gap HAVING count(*) = 5;
DELETE FROM dp.requirement WHERE quantity = 999999999999999;

-- ---- one class's failure never breaks the other classes' rows ----
-- with the bound dropped (a fault the constraints now prevent), a class whose sums overflow
-- is left out of the refresh with a warning; the other classes are refreshed
BEGIN;
ALTER TABLE dp.requirement DROP CONSTRAINT requirement_quantity_range;
INSERT INTO dp.requirement (nation, item_id, need_by, quantity)
    VALUES ('POL', 'GMLRS-U', '2026-01-15', 1.7e308), ('POL', 'GMLRS-U', '2026-01-20', 1.7e308);
SET client_min_messages = warning;
SELECT dp.refresh_outlook();
SELECT interop_class, count(*) FROM dp.allocation GROUP BY 1 ORDER BY 1;
ROLLBACK;
SELECT dp.refresh_outlook();
SELECT count(DISTINCT interop_class) AS classes FROM dp.allocation;

-- ---- DROP EXTENSION without CASCADE keeps the planning data ----
\set VERBOSITY default
SELECT pg_temp.err($$DROP EXTENSION defence_production$$);
SELECT pg_temp.err($$DROP SCHEMA dp$$);
-- an edited shipped row is user data too
TRUNCATE dp.stockpile, dp.consumption, dp.planned_delivery, dp.requirement, dp.production_line,
         dp.component_source, dp.bom, dp.item, dp.interop_class, dp.allocation;
SELECT pg_temp.err($$DROP EXTENSION defence_production$$);
-- other DROP commands pass
CREATE SCHEMA regress_dp_other;
DROP SCHEMA regress_dp_other;
DROP EXTENSION IF EXISTS regress_dp_no_such_extension;
-- the edited shipped rows (SWE, ISL) are user data: only CASCADE drops them
DROP OWNED BY regress_dp_safety_pol;
DROP ROLE regress_dp_safety_pol;
DROP EXTENSION defence_production CASCADE;
-- with only the rows the extension ships, a plain drop goes ahead
CREATE EXTENSION defence_production;
DROP EXTENSION defence_production;
CREATE EXTENSION defence_production;
SELECT count(*) AS nations, bool_and(builtin) AS all_shipped FROM dp.nation;
