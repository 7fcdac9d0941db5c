-- Aggregates over capacity vectors: dp.sum, dp.avg, dp.capvec_agg, their
-- state type, and parallel plans.
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/err.psql

-- sum and avg over the aligned span; NULL rows skipped, avg divides by non-NULL rows
SELECT dp.sum(v), dp.avg(v)
  FROM (VALUES ('month 2024-01-01 [1,2,3]'::capvec), ('month 2024-02-01 [10,10,10]'), (NULL)) t(v);
-- spans that grow to the left and to the right, and an empty vector (adds nothing)
SELECT dp.sum(v) FROM (VALUES ('month 2024-06-01 [1]'::capvec), ('month 2024-01-01 []'), ('month 2024-03-01 [2]'),
                              ('month 2024-09-01 [4]'), ('month 2024-01-01 [8]')) t(v);
-- only empty vectors: empty at the first one's start; no rows or only NULLs: NULL
SELECT dp.sum(v), dp.avg(v) FROM (VALUES ('month 2024-03-01 []'::capvec), ('month 2024-01-01 []')) t(v);
SELECT dp.sum(v) IS NULL AS sum_null, dp.avg(v) IS NULL AS avg_null FROM (SELECT NULL::capvec WHERE false) t(v);
SELECT dp.sum(v) IS NULL AS all_null FROM (VALUES (NULL::capvec), (NULL)) t(v);
-- 1000 monthly vectors, each starting a month earlier than the last: vector i (1..1000)
-- holds [i,i,i] on months -i .. -i+2 counted from 2100-01.  Span -1000 .. 1: 1002 months;
-- total 3 * (1 + ... + 1000) = 1501500; month -1 (2099-12) gets i = 1, 2, 3: 6;
-- month -999 (2016-10) gets i = 999, 1000: 1999.
SELECT dp.length(s), dp.total(s), dp.value_at(s, '2099-12-01'), dp.value_at(s, '2016-10-01')
  FROM (SELECT dp.sum(dp.capvec('month', ('2100-01-01'::date - make_interval(months => i))::date, ARRAY[i, i, i]::float8[])) s
          FROM generate_series(1, 1000) i) x;
-- grouped
SELECT g, dp.sum(v) FROM (VALUES (1, 'week 2024-01-01 [1]'::capvec), (2, 'week 2024-01-08 [2]'), (1, 'week 2024-01-15 [3]')) t(g, v)
 GROUP BY g ORDER BY g;
-- mixed periods
SELECT pg_temp.err($$SELECT dp.sum(v) FROM (VALUES ('month 2024-01-01 [1]'::dp.capvec), ('week 2024-01-01 [1]')) t(v)$$);
-- overflow while summing
SELECT pg_temp.err($$SELECT dp.sum(v) FROM (VALUES ('month 2024-01-01 [1e308]'::dp.capvec), ('month 2024-01-01 [1e308]')) t(v)$$);

-- capvec_agg: dated rows into buckets, empty buckets 0, NULL rows skipped
SELECT dp.capvec_agg(d, x, 'month')
  FROM (VALUES ('2024-01-15'::date, 5::float8), ('2024-03-02', 7), ('2024-01-20', 1), (NULL, 3), ('2024-02-01', NULL)) t(d, x);
SELECT dp.capvec_agg(d, 1, 'week') FROM (VALUES ('2024-01-07'::date), ('2024-01-08'), ('2023-12-31')) t(d);
SELECT dp.capvec_agg(d, 2.5, 'Quarter') FROM (VALUES ('2024-12-31'::date), ('2023-01-01')) t(d);
SELECT dp.capvec_agg(d, 1, p) FROM (VALUES ('2024-01-01'::date, NULL::text), ('2024-02-01', 'year')) t(d, p);
SELECT dp.capvec_agg(d, 1, 'day') IS NULL AS no_rows FROM (SELECT '2024-01-01'::date WHERE false) t(d);
-- every day of 2024 once: 366 days, months get their day counts
SELECT dp.capvec_agg(d::date, 1, 'month') FROM generate_series('2024-01-01'::date, '2024-12-31', '1 day') d;
SELECT pg_temp.err($$SELECT dp.capvec_agg(d, 1, p) FROM (VALUES ('2024-01-01'::date, 'month'), ('2024-01-01', 'week')) t(d, p)$$);
SELECT pg_temp.err($$SELECT dp.capvec_agg('2024-01-01', 1, 'fortnight')$$);
SELECT pg_temp.err($$SELECT dp.capvec_agg('2024-01-01', 'NaN', 'month')$$);
SELECT pg_temp.err($$SELECT dp.capvec_agg('infinity', 1, 'month')$$);

-- over timestamps: each row in the bucket of its date
SELECT dp.capvec_agg(t, 1, 'month')
  FROM (VALUES ('2024-01-31 23:59:59'::timestamp), ('2024-02-01 00:00:00'), ('2024-03-31 12:00'), (NULL)) v(t);
SELECT dp.capvec_agg(t, x, 'day')
  FROM (VALUES ('2024-01-01 10:00'::timestamp, 1::float8), ('2024-01-02 10:00', NULL)) v(t, x);
-- over timestamptz: the date in the session's time zone; 23:30 UTC on 31
-- January is 00:30 on 1 February in Berlin (UTC+1)
SET TimeZone = 'UTC';
SELECT dp.capvec_agg(t, 1, 'month') FROM (VALUES ('2024-01-31 23:30:00+00'::timestamptz), ('2024-01-15 12:00+00')) v(t);
SET TimeZone = 'Europe/Berlin';
SELECT dp.capvec_agg(t, 1, 'month') FROM (VALUES ('2024-01-31 23:30:00+00'::timestamptz), ('2024-01-15 12:00+00')) v(t);
RESET TimeZone;
SELECT pg_temp.err($$SELECT dp.capvec_agg('infinity'::timestamp, 1, 'month')$$);
SELECT pg_temp.err($$SELECT dp.capvec_agg('-infinity'::timestamptz, 1, 'month')$$);
SELECT pg_temp.err($$SELECT dp.capvec_agg('0044-03-15 BC'::timestamp, 1, 'month')$$);
SELECT pg_temp.err($$SELECT dp.capvec_agg(t, 1, p) FROM (VALUES ('2024-01-01'::timestamptz, 'month'), ('2024-01-01', 'week')) v(t, p)$$);

-- the state type: exact text and binary I/O, combine.  The text form writes
-- the values as IEEE-754 bits in hex, trailing zero digits left out:
-- 1 = 0x3ff0000000000000, 2 = 0x4000000000000000; input also takes the decimal form
SELECT '2 month 2024-01-01 [1,2]'::capvec_state, '2 month 2024-01-01 x[3ff,4]'::capvec_state;
-- 0.1 = 0x3fb999999999999a, -0.5 = 0xbfe0000000000000, 100 = 0x4059000000000000,
-- 0 and -0 (0x8000000000000000) = 0; digits in either case
SELECT '3 day 2024-01-01 [0.1, -0.5, 100, 0, -0]'::capvec_state, '3 day 2024-01-01 x[3FB999999999999A, BFE,4059 ,0,8]'::capvec_state;
-- exact whatever extra_float_digits says: 0.1 + 0.2 = 0.30000000000000004 = 0x3fd3333333333334
-- (extra_float_digits = -15 prints it as 0.3), and the state reads back the same
SET extra_float_digits = -15;
SELECT dp.capvec_sum_trans(dp.capvec_sum_trans(NULL, 'month 2024-01-01 [0.1]'), 'month 2024-01-01 [0.2]') AS s \gset
SELECT :'s' AS state, dp.capvec_state_sum_final(:'s') = 'month 2024-01-01 [0.30000000000000004]' AS exact;
RESET extra_float_digits;
-- not a value's bits: a non-hex digit, 17 digits, nothing; the bits of NaN and of infinity (22003)
SELECT pg_temp.err($$SELECT '1 month 2024-01-01 x[3fg]'::dp.capvec_state$$);
SELECT pg_temp.err($$SELECT '1 month 2024-01-01 x[3ff00000000000000]'::dp.capvec_state$$);
SELECT pg_temp.err($$SELECT '1 month 2024-01-01 x[3ff,]'::dp.capvec_state$$);
SELECT pg_temp.err($$SELECT '1 month 2024-01-01 x[7ff8]'::dp.capvec_state$$);
SELECT pg_temp.err($$SELECT '1 month 2024-01-01 x[fff]'::dp.capvec_state$$);
-- the exact form is the state's: a capvec takes decimals only
SELECT pg_temp.err($$SELECT 'month 2024-01-01 x[3ff]'::dp.capvec$$);
SELECT dp.capvec_state_sum_final('2 month 2024-01-01 [1,2]'), dp.capvec_state_avg_final('2 month 2024-01-01 [1,2]');
SELECT dp.capvec_state_combine('2 month 2024-01-01 [1,2]', '1 month 2024-03-01 [0.1]');
SELECT dp.capvec_state_combine(NULL, '1 month 2024-03-01 [0.1]'), dp.capvec_state_combine('1 month 2024-03-01 [0.1]', NULL);
SELECT dp.capvec_state_combine('3 month 2024-01-01 [1]', '4 month 2025-01-01 []');
SELECT dp.capvec_sum_trans('1 month 2024-01-01 [1]', 'month 2023-12-01 [1,1]');
SELECT dp.capvec_agg_trans(NULL, '2024-05-05', 3, 'month');
SELECT pg_temp.err($$SELECT 'x month 2024-01-01 [1]'::dp.capvec_state$$);
SELECT pg_temp.err($$SELECT '-1 month 2024-01-01 [1]'::dp.capvec_state$$);
SELECT pg_temp.err($$SELECT '1 month 2024-01-02 [1]'::dp.capvec_state$$);
-- a state holds at least one row (the aggregates start from NULL): 0 rows is
-- refused, with values (avg would divide them by 0) or without
SELECT pg_temp.err($$SELECT '0 month 2024-01-01 [1]'::dp.capvec_state$$);
SELECT pg_temp.err($$SELECT '0 month 2024-01-01 []'::dp.capvec_state$$);
SELECT pg_temp.err($$SELECT '9223372036854775808 month 2024-01-01 [1]'::dp.capvec_state$$);
-- a row count past the bigint limit is 22003, never a wrapped (negative) count
SELECT pg_temp.err($$SELECT dp.capvec_state_combine('9223372036854775807 month 2024-01-01 [1]', '1 month 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT dp.capvec_state_combine('9223372036854775807 month 2024-01-01 [1]', '9223372036854775807 month 2024-02-01 []')$$);
SELECT pg_temp.err($$SELECT dp.capvec_sum_trans('9223372036854775807 month 2024-01-01 [1]', 'month 2024-01-01 [1]')$$);
-- the limit itself is fine: 2^63 - 1 rows summing to 2^63 - 1 average 1
SELECT dp.capvec_state_avg_final('9223372036854775807 month 2024-01-01 [9223372036854775807]');
CREATE TABLE st (s capvec_state);
INSERT INTO st VALUES ('2 month 2024-01-01 [1,0.30000000000000004]'), ('1 week 2024-01-01 []');
SELECT current_setting('data_directory') || '/capvec_state.bin' AS binfile \gset
COPY st TO :'binfile' WITH (FORMAT binary);
CREATE TABLE st2 (s capvec_state);
COPY st2 FROM :'binfile' WITH (FORMAT binary);
SELECT s FROM st2;
-- binary input refuses 0 rows as well: int64 0, then month 2024-01-01 [1]
CREATE TABLE st_raw (b bytea);
INSERT INTO st_raw VALUES ('\x0000000000000000020000223e000000013ff0000000000000');
COPY st_raw TO :'binfile' WITH (FORMAT binary);
SELECT pg_temp.err(format('COPY st2 FROM %L WITH (FORMAT binary)', :'binfile'));
-- and a message too short for its row count or header
TRUNCATE st_raw;
INSERT INTO st_raw VALUES ('\x00000000000001');
COPY st_raw TO :'binfile' WITH (FORMAT binary);
SELECT pg_temp.err(format('COPY st2 FROM %L WITH (FORMAT binary)', :'binfile'));
TRUNCATE st_raw;
INSERT INTO st_raw VALUES ('\x000000000000000102');
COPY st_raw TO :'binfile' WITH (FORMAT binary);
SELECT pg_temp.err(format('COPY st2 FROM %L WITH (FORMAT binary)', :'binfile'));

-- parallel plans split each aggregate, and the answer does not change
CREATE TABLE par AS
  SELECT dp.capvec('month', ('2020-01-01'::date + make_interval(months => i % 24))::date, ARRAY[i % 7, i % 11, 1]::float8[]) v,
         '2020-01-01'::date + i % 700 d, (i % 13)::float8 x
    FROM generate_series(1, 20000) i;
ANALYZE par;
\i :abs_srcdir/sql/include/parallel.psql
EXPLAIN (COSTS OFF) SELECT dp.sum(v) FROM par;
EXPLAIN (COSTS OFF) SELECT dp.avg(v) FROM par;
EXPLAIN (COSTS OFF) SELECT dp.capvec_agg(d, x, 'week') FROM par;
CREATE TEMP TABLE par_results AS
  SELECT dp.sum(v) s, dp.avg(v) a, dp.capvec_agg(d, x, 'week') c FROM par;
-- parallel over inputs where every worker, or some, see no rows
EXPLAIN (COSTS OFF) SELECT dp.sum(v) FROM par WHERE x * 2 < -1;
SELECT dp.sum(v), dp.avg(v), dp.capvec_agg(d, x, 'week') FROM par WHERE x * 2 < -1;
-- a sparser filter: the rows with i % 13 = 0 (1538 of them)
EXPLAIN (COSTS OFF) SELECT dp.sum(v) FROM par WHERE x * 2 < 1;
CREATE TEMP TABLE par_sparse AS
  SELECT dp.sum(v) s, dp.capvec_agg(d, x, 'month') c FROM par WHERE x * 2 < 1;
SET max_parallel_workers_per_gather = 0;
SELECT r.s = dp.sum(v) AS same_sum, r.a = dp.avg(v) AS same_avg, r.c = dp.capvec_agg(d, x, 'week') AS same_agg
  FROM par, par_results r GROUP BY r.s, r.a, r.c;
SELECT r.s = dp.sum(v) AS same_sparse_sum, r.c = dp.capvec_agg(d, x, 'month') AS same_sparse_agg
  FROM par, par_sparse r WHERE x * 2 < 1 GROUP BY r.s, r.c;
-- the values themselves: starts run over 2020-01 .. 2021-12, each vector 3 months long, so
-- 26 months from 2020-01-01; total = sum(i % 7) + sum(i % 11) + 20000 over i = 1..20000
-- = (2857 * 21 + 1) + (1818 * 55 + 1 + 2) + 20000 = 59998 + 99993 + 20000 = 179991
SELECT dp.length(s), dp.start_date(s), dp.total(s) FROM par_results;
SELECT dp.sum(v) IS NULL AS empty_sum FROM par WHERE x * 2 < -1;
RESET ALL;
