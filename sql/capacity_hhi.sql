-- dp.hhi: the Herfindahl-Hirschman index aggregate, its state type, and
-- parallel plans.  Expected values derived by hand in the comments.
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/err.psql

-- 50, 30, 20 (NULL skipped): 10000 * (2500 + 900 + 400) / 100^2 = 3800
SELECT dp.hhi(q) FROM (VALUES (50::float8), (30), (20), (NULL)) t(q);
-- shares in percent give the classic form sum(s^2): 40, 30, 20, 10 -> 1600 + 900 + 400 + 100 = 3000
SELECT dp.hhi(q) FROM (VALUES (40::float8), (30), (20), (10)) t(q);
-- a monopoly 10000; 4 equal suppliers 10000 / 4 = 2500; zeros count for nothing (1, 1, 0: 5000)
SELECT (SELECT dp.hhi(q) FROM (VALUES (7::float8)) t(q)) AS monopoly,
       (SELECT dp.hhi(q) FROM (VALUES (3::float8), (3), (3), (3)) t(q)) AS four,
       (SELECT dp.hhi(q) FROM (VALUES (1::float8), (1), (0)) t(q)) AS two;
-- no rows, only NULLs, only zeros: NULL
SELECT (SELECT dp.hhi(q) FROM (SELECT 1::float8 WHERE false) t(q)) IS NULL AS no_rows,
       (SELECT dp.hhi(q) FROM (VALUES (NULL::float8), (NULL)) t(q)) IS NULL AS nulls,
       (SELECT dp.hhi(q) FROM (VALUES (0::float8), (-0::float8)) t(q)) IS NULL AS zeros;
-- magnitudes where plain sums of squares overflow or underflow:
-- 1e300 and 3e300 -> 10000 * (1 + 9) / 4^2 = 6250; twice the largest float8 -> 5000;
-- twice the smallest subnormal -> 5000; 1e300 with 1 -> 10000 (1 is 1e-300 of the total)
SELECT (SELECT dp.hhi(q) FROM (VALUES (1e300::float8), (3e300)) t(q)) AS huge,
       (SELECT dp.hhi(q) FROM (VALUES (1.7976931348623157e308::float8), (1.7976931348623157e308)) t(q)) AS max,
       (SELECT dp.hhi(q) FROM (VALUES (5e-324::float8), (5e-324)) t(q)) AS tiny,
       (SELECT dp.hhi(q) FROM (VALUES (1::float8), (1e300)) t(q)) AS mixed;
-- grouped: supplier concentration per component
CREATE TEMP TABLE source (component text, supplier text, qty float8);
INSERT INTO source VALUES ('fuze', 'A', 900), ('fuze', 'B', 100),
                          ('propellant', 'C', 25), ('propellant', 'D', 25), ('propellant', 'E', 25), ('propellant', 'F', 25),
                          ('shell', 'G', 1000);
-- fuze: (810000 + 10000) / 1000^2 * 10000 = 8200; propellant 2500; shell 10000
SELECT component, dp.hhi(qty) FROM source GROUP BY component ORDER BY component;
-- as a window function: running HHI by supplier within fuze: A alone 10000, then 8200
SELECT supplier, dp.hhi(qty) OVER (ORDER BY supplier) FROM source WHERE component = 'fuze';
-- errors: a negative quantity 22023; NaN and infinities 22003
SELECT pg_temp.err($$SELECT dp.hhi(q) FROM (VALUES (5::float8), (-1)) t(q)$$);
SELECT pg_temp.err($$SELECT dp.hhi(q) FROM (VALUES ('NaN'::float8)) t(q)$$);
SELECT pg_temp.err($$SELECT dp.hhi(q) FROM (VALUES ('Infinity'::float8)) t(q)$$);
SELECT pg_temp.err($$SELECT dp.hhi(q) FROM (VALUES ('-Infinity'::float8)) t(q)$$);

-- the state type dp.hhi_state: {count, sum, sum of squares, exponent}, sums
-- scaled by 2^-exponent, written "count xSUM xSUMSQ exponent" with the sums'
-- IEEE-754 bits in hex (16 digits, trailing zeros left out):
-- 50 = 1.5625 * 2^5: {1, 1.5625, 2.44140625, 5}, 1.5625 = 0x3ff9000000000000,
-- 2.44140625 = 1.220703125 * 2 = 0x4003880000000000: '1 x3ff9 x400388 5';
-- then 30 = 0.9375 * 2^5: {2, 2.5, 3.3203125, 5}, 2.5 = 0x4004..., 3.3203125 = 1.66015625 * 2 = 0x400a9...
SELECT dp.hhi_state_trans('0 x0 x0 0', 50), dp.hhi_state_trans(dp.hhi_state_trans('0 x0 x0 0', 50), 30);
-- 100 = 1.5625 * 2^6 rescales {1, 1.5625, 2.44140625, 5} to exponent 6: {2, 2.34375, 3.0517578125, 6}
-- (0.78125 + 1.5625 = 2.34375 = 0x4002c..., 0.6103515625 + 2.44140625 = 3.0517578125 = 0x40086a...)
SELECT dp.hhi_state_combine(dp.hhi_state_trans('0 x0 x0 0', 50), dp.hhi_state_trans('0 x0 x0 0', 100));
-- combined with an empty state (counts add: 1 + 3 zeros)
SELECT dp.hhi_state_combine(dp.hhi_state_trans('0 x0 x0 0', 50), '3 x0 x0 0'),
       dp.hhi_state_combine('3 x0 x0 0', dp.hhi_state_trans('0 x0 x0 0', 50));
-- finals: 50 and 100 -> 10000 * (2500 + 10000) / 150^2 = 5555.555...; an empty state -> NULL
SELECT dp.hhi_state_final(dp.hhi_state_combine(dp.hhi_state_trans('0 x0 x0 0', 50), dp.hhi_state_trans('0 x0 x0 0', 100))),
       dp.hhi_state_final('5 x0 x0 0') IS NULL AS empty;
-- calling the transition function directly does not change its argument:
-- {1, 1, 1, 0} plus 2 = 1 * 2^1 rescales to exponent 1: {2, 0.5 + 1, 0.25 + 1, 1}
SELECT s, dp.hhi_state_trans(s, 2) FROM (SELECT '1 x3ff x3ff 0'::dp.hhi_state s) x;
-- the text form is exact whatever extra_float_digits says: 0.1 is 1.6 * 2^-4,
-- 1.6 = 0x3ff999999999999a, 1.6^2 = 2.56 rounded = 0x40047ae147ae147c (2.5600000000000005)
SET extra_float_digits = -15;
SELECT dp.hhi_state_trans('0 x0 x0 0', 0.1), dp.hhi_state_trans('0 x0 x0 0', 0.1)::text::dp.hhi_state::text;
RESET extra_float_digits;
-- the binary form: the four float8, big-endian (count 1, 1.5625, 2.44140625, exponent 5)
SELECT dp.hhi_state_send('1 x3ff9 x400388 5');
CREATE TEMP TABLE hhi_states (s dp.hhi_state);
INSERT INTO hhi_states VALUES ('1 x3ff9 x400388 5'), ('7 x0 x0 -3'), ('2 x3ff999999999999a x40047ae147ae147c -4');
SELECT current_setting('data_directory') || '/hhi_state.bin' AS binfile \gset
COPY hhi_states TO :'binfile' WITH (FORMAT binary);
CREATE TEMP TABLE hhi_states2 (s dp.hhi_state);
COPY hhi_states2 FROM :'binfile' WITH (FORMAT binary);
SELECT s FROM hhi_states2;
-- text that is no state (22P02): a field missing, a sum without its x, a
-- field too many, 17 digits, the bits of NaN, a negative count, a fractional exponent
SELECT pg_temp.err($$SELECT '1 x3ff9 x400388'::dp.hhi_state$$);
SELECT pg_temp.err($$SELECT '1 3ff9 x400388 5'::dp.hhi_state$$);
SELECT pg_temp.err($$SELECT '1 x3ff9 x400388 5 6'::dp.hhi_state$$);
SELECT pg_temp.err($$SELECT '1 x3ff9 x4003880000000000000 5'::dp.hhi_state$$);
SELECT pg_temp.err($$SELECT '1 x7ff8 x400388 5'::dp.hhi_state$$);
SELECT pg_temp.err($$SELECT '-1 x0 x0 0'::dp.hhi_state$$);
SELECT pg_temp.err($$SELECT '1 x3ff x3ff 0.5'::dp.hhi_state$$);
-- a state no rows can give (22023): one quantity with a scaled sum of 3 (each is below 2),
-- an exponent beyond float8's (the largest is 1023)
SELECT pg_temp.err($$SELECT '1 x4008 x4022 0'::dp.hhi_state$$);
SELECT pg_temp.err($$SELECT '1 x3ff x3ff 1024'::dp.hhi_state$$);

-- parallel plans split the aggregate, and the answer does not change: integer
-- quantities give exact sums, so the index is bit-for-bit the same in any order
CREATE TABLE hhi_par AS
  SELECT i % 50 AS component, ((i * 7919) % 1000)::float8 * (1 + i % 3) AS qty
    FROM generate_series(1, 30000) i;
ANALYZE hhi_par;
\i :abs_srcdir/sql/include/parallel.psql
EXPLAIN (COSTS OFF) SELECT dp.hhi(qty) FROM hhi_par;
CREATE TEMP TABLE hhi_par_result AS SELECT dp.hhi(qty) h FROM hhi_par;
CREATE TEMP TABLE hhi_par_grouped AS SELECT component, dp.hhi(qty) h FROM hhi_par GROUP BY component;
EXPLAIN (COSTS OFF) SELECT component, dp.hhi(qty) FROM hhi_par GROUP BY component;
-- every worker sees no rows (the filter's selectivity is unknown to the planner)
EXPLAIN (COSTS OFF) SELECT dp.hhi(qty) FROM hhi_par WHERE qty * 2 < -1;
SELECT dp.hhi(qty) IS NULL AS parallel_empty FROM hhi_par WHERE qty * 2 < -1;
-- a sparse filter: 600 of the rows, so some workers may see none
EXPLAIN (COSTS OFF) SELECT dp.hhi(qty) FROM hhi_par WHERE component * 2 = 14;
CREATE TEMP TABLE hhi_par_sparse AS SELECT dp.hhi(qty) h FROM hhi_par WHERE component * 2 = 14;
SET max_parallel_workers_per_gather = 0;
SELECT r.h = dp.hhi(qty) AS same_hhi FROM hhi_par, hhi_par_result r GROUP BY r.h;
SELECT bool_and(g.h = s.h) AS same_grouped
  FROM hhi_par_grouped g JOIN (SELECT component, dp.hhi(qty) h FROM hhi_par GROUP BY component) s USING (component);
SELECT r.h = dp.hhi(qty) AS same_sparse FROM hhi_par, hhi_par_sparse r WHERE component * 2 = 14 GROUP BY r.h;
-- and the value against plain SQL sums (exact here: integers below 2^53)
SELECT r.h = 10000 * sum(qty * qty) / (sum(qty) * sum(qty)) AS matches_sql FROM hhi_par, hhi_par_result r GROUP BY r.h;
RESET ALL;
DROP TABLE hhi_par;
