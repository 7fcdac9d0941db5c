-- Confidentiality: no nation's role derives a figure that depends on fewer
-- than k = dp.min_contributors() other nations' data, nor probes the
-- allocation with uncommitted changes; mappings follow the role (OID), not
-- its name; identities cannot be probed; user functions in a query never see
-- rows the role may not see.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/fresh.psql

DROP ROLE IF EXISTS regress_dp_c_deu;
DROP ROLE IF EXISTS regress_dp_c_fra;
DROP ROLE IF EXISTS regress_dp_c_board;
CREATE ROLE regress_dp_c_deu;
CREATE ROLE regress_dp_c_fra;
CREATE ROLE regress_dp_c_board;
SELECT dp.map_role('regress_dp_c_deu', 'DEU'), dp.map_role('regress_dp_c_fra', 'FRA'), dp.map_role('regress_dp_c_board', '*');

-- Class two: DEU and FRA only.  Class four: DEU, FRA, POL and ITA.  Each month 100 of capacity.
-- January 2026: two requests 60 (DEU) and 90 (FRA) in class two; 10 each in class four.
INSERT INTO dp.interop_class VALUES ('two', 'two nations', 'round'), ('four', 'four nations', 'round');
INSERT INTO dp.item (item_id, name, interop_class) VALUES ('T', 'two', 'two'), ('F', 'four', 'four');
INSERT INTO dp.production_line (line_id, producer, country, interop_class, capacity) VALUES
    ('LT', 'p', 'DEU', 'two', 'month 2026-01-01 [100]'), ('LF', 'p', 'DEU', 'four', 'month 2026-01-01 [100]');
INSERT INTO dp.requirement (nation, item_id, need_by, quantity) VALUES
    ('DEU', 'T', '2026-01-10', 60), ('FRA', 'T', '2026-01-10', 90),
    ('DEU', 'F', '2026-01-10', 10), ('FRA', 'F', '2026-01-10', 10), ('POL', 'F', '2026-01-10', 10), ('ITA', 'F', '2026-01-10', 10);
SELECT dp.refresh_outlook();

-- the allocation of class two used to show DEU 50 of 100, so capacity - 50 gave FRA's 50 and
-- harmonized demand - 60 FRA's 90; now DEU sees its row without figures
SET ROLE regress_dp_c_deu;
SELECT * FROM dp.allocation_plan ORDER BY interop_class;
SELECT interop_class, period_start, demand, contributors, capacity, shortfall FROM dp.harmonized_demand ORDER BY 1;
-- class four: three nations besides DEU, so DEU sees the pooled figures and its allocation
-- (fair shares: 10 each of 100)
RESET ROLE;
-- a superuser (like a Board-level role) applies k to all contributors: class two stays hidden
SELECT interop_class, nation, requested, allocated FROM dp.allocation_plan ORDER BY 1, 2;
SELECT interop_class, demand, contributors FROM dp.harmonized_demand ORDER BY 1;
SET ROLE regress_dp_c_board;
SELECT interop_class, count(*) AS rows, count(allocated) AS shown FROM dp.allocation_plan GROUP BY 1 ORDER BY 1;
RESET ROLE;

-- with exactly three contributors including DEU, a superuser sees the pooled figure and DEU,
-- with only two others, does not
DELETE FROM dp.requirement WHERE nation = 'ITA';
SELECT interop_class, demand, contributors FROM dp.harmonized_demand WHERE interop_class = 'four';
SET ROLE regress_dp_c_deu;
SELECT interop_class, demand, contributors FROM dp.harmonized_demand WHERE interop_class = 'four';
-- FRA too has only two others (DEU, POL): it sees its month of class four, hidden
RESET ROLE;
SET ROLE regress_dp_c_fra;
SELECT interop_class, demand, contributors FROM dp.harmonized_demand ORDER BY 1;
RESET ROLE;
INSERT INTO dp.requirement (nation, item_id, need_by, quantity) VALUES ('ITA', 'F', '2026-01-10', 10);
SELECT dp.refresh_outlook();

-- capacity_gap: first and last month, contributors and capacity are hidden with the demand
SET ROLE regress_dp_c_deu;
SELECT * FROM dp.capacity_gap ORDER BY interop_class;
-- a role that does not contribute to a hidden class does not see it at all
RESET ROLE;
DROP ROLE IF EXISTS regress_dp_c_gbr;
CREATE ROLE regress_dp_c_gbr;
SELECT dp.map_role('regress_dp_c_gbr', 'GBR');
SET ROLE regress_dp_c_gbr;
SELECT interop_class, demand FROM dp.capacity_gap ORDER BY 1;
SELECT interop_class, demand FROM dp.harmonized_demand ORDER BY 1;
RESET ROLE;
-- a class whose months are not all shown shows no total (it would reveal the hidden months)
INSERT INTO dp.requirement (nation, item_id, need_by, quantity) VALUES ('POL', 'F', '2026-02-10', 10);
SET ROLE regress_dp_c_gbr;
SELECT interop_class, period_start, demand FROM dp.harmonized_demand ORDER BY 1, 2;
SELECT interop_class, demand FROM dp.capacity_gap ORDER BY 1;
RESET ROLE;
DELETE FROM dp.requirement WHERE need_by = '2026-02-10';

-- replenishment_outlook: a nation's plan shares the class's capacity with the others, so its
-- own figures depend on theirs, and the class totals minus its own give theirs.  Class two's
-- plan has DEU and FRA, class four's all four nations; no consumption, 100 a month of
-- capacity, every stock 0 against a target of 100, counted in January 2026.
INSERT INTO dp.stockpile (nation, item_id, as_of, on_hand, target) VALUES
    ('DEU', 'T', '2026-01-15', 0, 100), ('FRA', 'T', '2026-01-15', 0, 100),
    ('DEU', 'F', '2026-01-15', 0, 100), ('FRA', 'F', '2026-01-15', 0, 100),
    ('POL', 'F', '2026-01-15', 0, 100), ('ITA', 'F', '2026-01-15', 0, 100);
SELECT dp.refresh_outlook(true) IS NOT NULL AS refreshed;
CREATE TEMP VIEW repl AS
SELECT interop_class, nation, contributors, first_month, target_by,
       num_nonnulls(contributors, first_month, target_by,
                    peacetime_reaches_target, crisis_reaches_target, conflict_reaches_target,
                    peacetime_unmet, crisis_unmet, conflict_unmet,
                    peacetime_below_target, crisis_below_target, conflict_below_target,
                    peacetime_class_unmet, crisis_class_unmet, conflict_class_unmet,
                    peacetime_class_below_target, crisis_class_below_target, conflict_class_below_target,
                    peacetime_capacity_factor, crisis_capacity_factor, conflict_capacity_factor) AS figures
  FROM dp.replenishment_outlook;
GRANT SELECT ON repl TO PUBLIC;
-- k = 2: DEU has one other nation (FRA) in class two: its rows there show nothing (all 21
-- figure columns NULL, contributors too); in class four three others: the figures (none is
-- NULL here: every plan is unmet 0, reaches its target and has a factor)
SET dp.min_contributors = 2;
SET ROLE regress_dp_c_deu;
SELECT * FROM repl ORDER BY 1, 2;
RESET ROLE;
-- a superuser applies k to all contributors: class two has 2, class four 4
SELECT interop_class, count(*) AS rows, min(contributors) AS contributors, min(figures) AS figures
  FROM repl GROUP BY 1 ORDER BY 1;
-- k = 3 (the default): class two is hidden from a superuser and a Board role too; DEU still
-- sees class four (three others)
RESET dp.min_contributors;
SELECT interop_class, count(*) AS rows, max(figures) AS figures FROM repl GROUP BY 1 ORDER BY 1;
SET ROLE regress_dp_c_board;
SELECT interop_class, count(*) AS rows, max(figures) AS figures FROM repl GROUP BY 1 ORDER BY 1;
RESET ROLE;
SET ROLE regress_dp_c_deu;
SELECT interop_class, nation, contributors, figures FROM repl ORDER BY 1, 2;
RESET ROLE;
DROP VIEW repl;
DELETE FROM dp.stockpile;

-- probing with uncommitted changes: DEU raises its own weight inside a transaction; the plan
-- it reads is the committed one, and it cannot refresh it
SET ROLE regress_dp_c_deu;
CREATE TEMP TABLE before_probe AS SELECT * FROM dp.allocation_plan;
BEGIN;
UPDATE dp.requirement SET weight = 1000, quantity = 99 WHERE nation = 'DEU';
SELECT count(*) AS changed_rows FROM (SELECT * FROM dp.allocation_plan EXCEPT SELECT * FROM before_probe) x;
SELECT pg_temp.err($$SELECT dp.refresh_outlook()$$);
ROLLBACK;
SELECT pg_temp.err($$SELECT * FROM dp.allocation$$);
SELECT pg_temp.err($$SELECT * FROM dp._pooled_allocation_plan('{*}')$$);
SELECT pg_temp.err($$SELECT * FROM dp._pooled_harmonized_demand('{*}')$$);
SELECT pg_temp.err($$SELECT * FROM dp._pooled_replenishment_outlook('{*}')$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment$$);
SELECT pg_temp.err($$SELECT * FROM dp._requirement_by_class$$);
DROP TABLE before_probe;
RESET ROLE;

-- identities: an explicit id is refused the same way whether or not another nation uses it
SET ROLE regress_dp_c_deu;
SELECT pg_temp.err(format($$INSERT INTO dp.requirement (requirement_id, nation, item_id, need_by, quantity) VALUES (%s, 'DEU', 'T', '2026-01-10', 1)$$,
                          (SELECT max(requirement_id) FROM dp.requirement) - 1));
SELECT pg_temp.err($$INSERT INTO dp.requirement (requirement_id, nation, item_id, need_by, quantity) VALUES (987654321, 'DEU', 'T', '2026-01-10', 1)$$);
RESET ROLE;

-- mappings follow the role, not its name: a renamed role keeps its nation, a new role of the
-- old name gets none, and DROP ROLE removes the mapping
SELECT role, nation FROM dp.role_nation WHERE role LIKE 'regress_dp_c_%' ORDER BY role;
ALTER ROLE regress_dp_c_fra RENAME TO regress_dp_c_fra_old;
CREATE ROLE regress_dp_c_fra;
SET ROLE regress_dp_c_fra;
SELECT pg_temp.err($$SELECT dp.session_nations()$$);
SELECT pg_temp.err($$SELECT count(*) FROM dp.stockpile$$);
RESET ROLE;
SET ROLE regress_dp_c_fra_old;
SELECT dp.session_nations();
RESET ROLE;
DROP ROLE regress_dp_c_fra_old;
SELECT role, nation FROM dp.role_nation WHERE role LIKE 'regress_dp_c_%' ORDER BY role;

-- user functions in a query run only on rows the role may see (row-level security first;
-- dp.sees_nation is LEAKPROOF, a user's function is not); EXPLAIN ANALYZE still counts the
-- rows the filter removed (a PostgreSQL behaviour, documented)
CREATE FUNCTION pg_temp.spy(n text) RETURNS boolean LANGUAGE plpgsql COST 0.0001 AS $$
BEGIN RAISE NOTICE 'spy saw %', n; RETURN true; END $$;
SET client_min_messages = notice;
SET ROLE regress_dp_c_deu;
SELECT count(*) FROM dp.requirement WHERE pg_temp.spy(nation);
SELECT count(*) FROM dp.allocation_plan WHERE pg_temp.spy(nation);
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM dp.requirement;
RESET ROLE;
SET client_min_messages = warning;
SELECT proleakproof FROM pg_proc WHERE oid = 'dp.sees_nation(text)'::regprocedure;

-- clean up
TRUNCATE dp.stockpile, dp.consumption, dp.planned_delivery, dp.requirement, dp.production_line,
         dp.component_source, dp.bom, dp.item, dp.interop_class, dp.allocation, dp.replenishment;
DROP ROLE regress_dp_c_deu, regress_dp_c_fra, regress_dp_c_board, regress_dp_c_gbr;
