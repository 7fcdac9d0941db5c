-- The reference schema: shipped nations, NSN lookups, constraints, the
-- sample data loader, and the settings behind the pooled views.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/fresh.psql

-- the 32 NATO members by accession year (NATO member countries, see docs/reference.md), and the partners shipped
SELECT extract(year FROM accession) AS year, count(*), string_agg(code, ' ' ORDER BY code)
  FROM dp.nation WHERE nato_member GROUP BY 1 ORDER BY 1;
SELECT count(*) FILTER (WHERE nato_member) AS members, count(*) FILTER (WHERE NOT nato_member) AS partners,
       bool_and(builtin) AS all_shipped FROM dp.nation;

-- codification country from the NCB code: USA 00-09, Germany 12, France 14, UK 99, Canada 20/21
SELECT n, dp.codification_country(n::nsn)
  FROM unnest(ARRAY['1320-01-234-5678', '1320-05-234-5678', '1320-12-345-6789', '1320-14-345-6789',
                    '1320-99-345-6789', '1320-21-000-0001', '1320-66-000-0001', '1320-97-000-0001']) n;
-- it reads no table (IMMUTABLE: usable in indexes and on Citus workers); a nation added by a
-- user is found by joining dp.nation on the NCB code
INSERT INTO dp.nation (code, name, ncb_codes) VALUES ('XKX', 'Testland', '{97}');
SELECT dp.codification_country('1320-97-000-0001') AS shipped_only,
       (SELECT n.code FROM dp.nation n WHERE dp.ncb_code('1320-97-000-0001') = ANY (n.ncb_codes)) AS by_join;
SELECT provolatile FROM pg_proc WHERE oid = 'dp.codification_country(dp.nsn)'::regprocedure;
DELETE FROM dp.nation WHERE code = 'XKX';
-- dp.shipped_nations() is the table the rows came from: 38 rows, identical to the shipped rows
SELECT count(*) AS shipped,
       count(*) FILTER (WHERE (s.code, s.name, s.nato_member, s.accession, s.ncb_codes)
                              IS NOT DISTINCT FROM (n.code, n.name, n.nato_member, n.accession, n.ncb_codes)) AS identical
  FROM dp.shipped_nations() s JOIN dp.nation n USING (code);

-- constraints reject bad data with clear SQLSTATEs
INSERT INTO dp.interop_class (class_id, description, unit) VALUES ('tst', 'test rounds', 'round');
INSERT INTO dp.item (item_id, nsn, name, interop_class) VALUES ('A', '1320-12-000-0001', 'test item', 'tst');
SELECT class_units_per_unit FROM dp.item WHERE item_id = 'A';
SELECT pg_temp.err($$INSERT INTO dp.nation (code, name) VALUES ('de', 'lower case')$$);
SELECT pg_temp.err($$INSERT INTO dp.nation (code, name, ncb_codes) VALUES ('XKY', 'bad ncb', '{7}')$$);
SELECT pg_temp.err($$INSERT INTO dp.item (item_id, nsn, name, interop_class) VALUES ('B', '1320-12-000-0001', 'same nsn', 'tst')$$);
SELECT pg_temp.err($$INSERT INTO dp.item (item_id, name, interop_class) VALUES ('B', 'no class', 'nope')$$);
SELECT pg_temp.err($$INSERT INTO dp.item (item_id, name, interop_class, class_units_per_unit) VALUES ('B', 'zero units', 'tst', 0)$$);
SELECT pg_temp.err($$INSERT INTO dp.stockpile (nation, item_id, as_of, on_hand) VALUES ('DEU', 'A', '2025-01-01', -1)$$);
SELECT pg_temp.err($$INSERT INTO dp.stockpile (nation, item_id, as_of, on_hand) VALUES ('DEU', 'A', '2025-01-01', 'NaN')$$);
SELECT pg_temp.err($$INSERT INTO dp.stockpile (nation, item_id, as_of, on_hand) VALUES ('XXX', 'A', '2025-01-01', 1)$$);
SELECT pg_temp.err($$INSERT INTO dp.stockpile (nation, item_id, as_of, on_hand) VALUES ('DEU', 'Z', '2025-01-01', 1)$$);
SELECT pg_temp.err($$INSERT INTO dp.consumption (nation, item_id, at, quantity) VALUES ('DEU', 'A', '2025-01-01', 'Infinity')$$);
SELECT pg_temp.err($$INSERT INTO dp.planned_delivery (nation, item_id, due, quantity) VALUES ('DEU', 'A', '2025-01-01', -5)$$);
SELECT pg_temp.err($$INSERT INTO dp.requirement (nation, item_id, need_by, quantity, weight) VALUES ('DEU', 'A', '2025-01-01', 5, 0)$$);
SELECT pg_temp.err($$INSERT INTO dp.production_line (line_id, producer, country, interop_class, capacity) VALUES ('L', 'p', 'DEU', 'tst', 'week 2025-01-06 [1]')$$);
SELECT pg_temp.err($$INSERT INTO dp.production_line (line_id, producer, country, interop_class, capacity, crisis_factor) VALUES ('L', 'p', 'DEU', 'tst', 'month 2025-01-01 [1]', 0.5)$$);
SELECT pg_temp.err($$INSERT INTO dp.production_line (line_id, producer, country, interop_class, capacity, posture) VALUES ('L', 'p', 'DEU', 'tst', 'month 2025-01-01 [1]', 'war')$$);
SELECT pg_temp.err($$INSERT INTO dp.bom (interop_class, component, qty_per) VALUES ('tst', 'c', 0)$$);
SELECT pg_temp.err($$INSERT INTO dp.component_source (component, supplier, country, capacity) VALUES ('c', 's', 'DEU', 'quarter 2025-01-01 [1]')$$);
-- upper bounds: quantities below 1e15, weights 1e-6 to 1e6, dates 1900-2199, capacities 0 to 1e15,
-- surge factors at most 100 (so no sum over the tables overflows float8)
SELECT pg_temp.err($$INSERT INTO dp.requirement (nation, item_id, need_by, quantity) VALUES ('DEU', 'A', '2026-01-01', 1.7e308)$$);
SELECT pg_temp.err($$INSERT INTO dp.requirement (nation, item_id, need_by, quantity) VALUES ('DEU', 'A', '2026-01-01', 1e15)$$);
SELECT pg_temp.err($$INSERT INTO dp.requirement (nation, item_id, need_by, quantity, weight) VALUES ('DEU', 'A', '2026-01-01', 1, 1e7)$$);
SELECT pg_temp.err($$INSERT INTO dp.requirement (nation, item_id, need_by, quantity) VALUES ('DEU', 'A', '9999-12-01', 1)$$);
SELECT pg_temp.err($$INSERT INTO dp.stockpile (nation, item_id, as_of, on_hand, target) VALUES ('DEU', 'A', '2025-01-01', 1, 1e300)$$);
SELECT pg_temp.err($$INSERT INTO dp.stockpile (nation, item_id, as_of, on_hand) VALUES ('DEU', 'A', '1899-12-31', 1)$$);
SELECT pg_temp.err($$INSERT INTO dp.consumption (nation, item_id, at, quantity) VALUES ('DEU', 'A', '2200-01-01', 1)$$);
SELECT pg_temp.err($$INSERT INTO dp.planned_delivery (nation, item_id, due, quantity) VALUES ('DEU', 'A', '2025-01-01', 1e16)$$);
SELECT pg_temp.err($$INSERT INTO dp.item (item_id, name, interop_class, class_units_per_unit) VALUES ('B', 'huge pack', 'tst', 1e7)$$);
SELECT pg_temp.err($$INSERT INTO dp.production_line (line_id, producer, country, interop_class, capacity) VALUES ('L', 'p', 'DEU', 'tst', 'month 2025-01-01 [1, 1e16]')$$);
SELECT pg_temp.err($$INSERT INTO dp.production_line (line_id, producer, country, interop_class, capacity) VALUES ('L', 'p', 'DEU', 'tst', 'month 2025-01-01 [-1]')$$);
SELECT pg_temp.err($$INSERT INTO dp.production_line (line_id, producer, country, interop_class, capacity, conflict_factor) VALUES ('L', 'p', 'DEU', 'tst', 'month 2025-01-01 [1]', 101)$$);
SELECT pg_temp.err($$INSERT INTO dp.component_source (component, supplier, country, capacity) VALUES ('c', 's', 'DEU', 'month 2025-01-01 [2e15]')$$);
SELECT pg_temp.err($$INSERT INTO dp.bom (interop_class, component, qty_per) VALUES ('tst', 'c', 1e-7)$$);
-- the largest values allowed are accepted
INSERT INTO dp.production_line (line_id, producer, country, interop_class, capacity, conflict_factor)
    VALUES ('L', 'p', 'DEU', 'tst', 'month 2025-01-01 [0, 1e15]', 100);
INSERT INTO dp.requirement (nation, item_id, need_by, quantity, weight) VALUES ('DEU', 'A', '2199-12-31', 999999999999999, 1e6);
DELETE FROM dp.requirement;
DELETE FROM dp.production_line;
-- identities are assigned by the database only (an explicit id could probe other nations' ids)
SELECT pg_temp.err($$INSERT INTO dp.requirement (requirement_id, nation, item_id, need_by, quantity) VALUES (1, 'DEU', 'A', '2026-01-01', 1)$$);
SELECT pg_temp.err($$INSERT INTO dp.planned_delivery (delivery_id, nation, item_id, due, quantity) VALUES (1, 'DEU', 'A', '2026-01-01', 1)$$);
-- keys include the nation
SELECT c.relname, pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
 WHERE k.contype = 'p' AND c.relname IN ('planned_delivery', 'requirement') ORDER BY 1;
-- requirement defaults: priority 1, weight 1
INSERT INTO dp.requirement (nation, item_id, need_by, quantity) VALUES ('DEU', 'A', '2025-03-01', 10);
SELECT priority, weight FROM dp.requirement;

-- the sample data loader refuses tables that hold data (55000) and fills empty ones
SELECT pg_temp.err($$SELECT dp.load_sample_data()$$);
TRUNCATE dp.requirement, dp.item, dp.interop_class CASCADE;
SELECT dp.load_sample_data();
SELECT pg_temp.err($$SELECT dp.load_sample_data()$$);
-- its size: at least 8 nations, 4 classes, 24 months of history, a 155 mm bill of materials
SELECT (SELECT count(DISTINCT nation) FROM dp.stockpile) AS nations,
       (SELECT count(*) FROM dp.interop_class) AS classes,
       (SELECT min(at) || ' .. ' || max(at) FROM dp.consumption) AS history,
       (SELECT string_agg(component, ', ' ORDER BY component) FROM dp.bom WHERE interop_class = '155mm') AS bom_155;
-- the public figures in the sample (US 155 mm: 14,400 a month in 2022, 28,000 from October
-- 2023, 40,000 from June 2025; Javelin 2,100 a year = 175 a month in 2022)
SELECT dp.value_at(capacity, '2022-06-01') AS us_2022, dp.value_at(capacity, '2023-10-01') AS us_oct_2023,
       dp.value_at(capacity, '2025-06-01') AS us_jun_2025
  FROM dp.production_line WHERE line_id = 'US-155';
SELECT dp.value_at(capacity, '2022-03-01') * 12 AS javelin_per_year_2022 FROM dp.production_line WHERE line_id = 'US-JAV';
-- the interpolation helper: from 0 on 2022-01-01 to 59 on 2022-03-01 (59 days), so
-- 2022-02-01 (day 31) gets 31; flat before the first and after the last date
SELECT ((dp.sample_levels('{2022-01-01,2022-03-01}', '{0,59}'))::float8[])[1:4] AS first_months, dp.length(dp.sample_levels('{2022-01-01,2022-03-01}', '{0,59}')) AS months_2022_2027;
-- the deterministic generator: md5('a') starts 0cc175b9, and 0x0cc175b9 / 2^32 = 214005177 / 4294967296
SELECT dp.sample_uniform('a') = 214005177 / 4294967296.0 AS md5_based;

-- dp.min_contributors: default 3, settable by a superuser within 1 .. 1000
SELECT dp.min_contributors(), current_setting('dp.min_contributors');
SET dp.min_contributors = 5;
SELECT dp.min_contributors();
SELECT pg_temp.err($$SET dp.min_contributors = 0$$);
RESET dp.min_contributors;
TRUNCATE dp.stockpile, dp.consumption, dp.planned_delivery, dp.requirement, dp.production_line,
         dp.component_source, dp.bom, dp.item, dp.interop_class, dp.allocation;
