-- dp.nsn: NATO Stock Numbers.
SET search_path = "$user", public, dp;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/err.psql

-- both input forms give the dashed output
SELECT '1320-01-234-5678'::nsn, '1320012345678'::nsn, ' 1005-12-000-0001 '::nsn, '9999999999999'::nsn;
-- parts of 1320-01-234-5678: group 13, class 1320, NCB 01, NIIN 01 234 5678
SELECT dp.fsg(n), dp.nsc(n), dp.ncb_code(n), dp.niin(n) FROM (SELECT '1320-01-234-5678'::nsn n) x;
SELECT dp.fsg(n), dp.nsc(n), dp.ncb_code(n), dp.niin(n) FROM (SELECT '1005-99-000-0007'::nsn n) x;

-- bad text: 22P02 saying what was expected
SELECT pg_temp.err($$SELECT '1320-01-234-567X'::dp.nsn$$);
SELECT pg_temp.err($$SELECT '1320-C1-234-5678'::dp.nsn$$);
SELECT pg_temp.err($$SELECT '1320-01-234-567'::dp.nsn$$);
SELECT pg_temp.err($$SELECT '13200123456789'::dp.nsn$$);
SELECT pg_temp.err($$SELECT '0520-01-234-5678'::dp.nsn$$);
SELECT pg_temp.err($$SELECT '1320/01/234/5678'::dp.nsn$$);
SELECT pg_temp.err($$SELECT ''::dp.nsn$$);

-- ordering, equality, hashing: a primary key, joins and GROUP BY
CREATE TABLE nsn_items (n nsn PRIMARY KEY, name text);
INSERT INTO nsn_items VALUES ('1410-01-555-0301', 'missile'), ('1320012345678', 'shell'), ('1005-12-000-0001', 'rifle part');
SELECT pg_temp.err($$INSERT INTO nsn_items VALUES ('1320-01-234-5678', 'again')$$);
SELECT n, name FROM nsn_items ORDER BY n;
SELECT n FROM nsn_items WHERE n > '1320-00-000-0000' AND n <= '1410-01-555-0301' ORDER BY n DESC;
SELECT count(*) FROM (SELECT n FROM (VALUES ('1320-01-234-5678'::nsn), ('1320012345678'), ('1320-01-234-5679')) v(n) GROUP BY n) g;
SET enable_sort = off;
SELECT count(DISTINCT n) FROM (VALUES ('1320-01-234-5678'::nsn), ('1320012345678')) v(n);
RESET enable_sort;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT * FROM nsn_items a JOIN nsn_items b USING (n);
SELECT count(*) FROM nsn_items a JOIN nsn_items b USING (n);
RESET enable_mergejoin;
RESET enable_nestloop;
SELECT dp.nsn_hash('1320-01-234-5678') = dp.nsn_hash('1320012345678') AS same_hash;

-- binary COPY round trip
SELECT current_setting('data_directory') || '/nsn_copy.bin' AS binfile \gset
COPY nsn_items TO :'binfile' WITH (FORMAT binary);
CREATE TABLE nsn_items2 (LIKE nsn_items);
COPY nsn_items2 FROM :'binfile' WITH (FORMAT binary);
SELECT count(*) AS matched FROM nsn_items JOIN nsn_items2 USING (n, name);
-- binary input is validated: an 8-byte integer below supply group 10 is rejected
CREATE TABLE nsn_raw (b bigint);
INSERT INTO nsn_raw VALUES (999999999999);
SELECT current_setting('data_directory') || '/nsn_raw.bin' AS rawfile \gset
COPY nsn_raw TO :'rawfile' WITH (FORMAT binary);
SELECT pg_temp.err(format('COPY nsn_items2 (n) FROM %L WITH (FORMAT binary)', :'rawfile'));
