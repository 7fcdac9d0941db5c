-- dp.capvec: text I/O, constructor, casts, accessors, reshaping, arithmetic.
-- Expected values are worked out by hand in the comments.
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';

-- text input and canonical output
SELECT 'month 2024-01-01 [100,120,150]'::capvec;
SELECT '  MONTH   2024-01-01[ 100 , 120,150 ] '::capvec;
SELECT E'quarter\t2024-04-01\n[1,\t2]'::capvec;
SELECT 'week 2024-01-01 []'::capvec, 'day 2024-02-29 [ ]'::capvec;
-- shortest round-trip values, printed as float8 prints them
SELECT 'year 2023-01-01 [0.1, 1e20, -2.5, 1e15, 123456789012345, 0.30000000000000004, 5e-324, -0]'::capvec;
SELECT 'month 2024-01-01 [+3, .5, 5., 1E2, 1e-5]'::capvec;
-- every period kind on its boundaries (2024-01-01 is a Monday)
SELECT 'day 2024-03-17 [1]'::capvec, 'week 2024-03-18 [1]'::capvec,
       'quarter 2024-10-01 [1]'::capvec, 'year 0001-01-01 [1]'::capvec, 'month 9999-12-01 [1]'::capvec;
-- text round trip of awkward values
SELECT v::text::capvec = v AS round_trip
  FROM (SELECT dp.capvec('day', '2024-01-01', ARRAY[0.1 + 0.2, 1/3.0, 2^60, -1e-300, 1.7976931348623157e308]::float8[]) v) s;

-- constructor and casts
SELECT dp.capvec('quarter', '2024-04-01', ARRAY[1,2]::float8[]);
SELECT dp.capvec('Month', '2024-01-01', '{}'::float8[]);
SELECT capvec(period => 'year', start => '2030-01-01', quantities => ARRAY[5]);
SELECT ('month 2024-01-01 [100,120,150]'::capvec)::float8[], ('week 2024-01-01 []'::capvec)::float8[];
SELECT ('month 2024-01-01 [100,120.5,0.1]'::capvec)::jsonb;
SELECT ('week 2024-01-01 []'::capvec)::jsonb;
SELECT '{"period": "year", "start": "2023-01-01", "values": [5]}'::jsonb::capvec;
SELECT '{"values": [1e20, 0.1, -3], "start": "2024-04-01", "period": "QUARTER"}'::jsonb::capvec;
-- jsonb round trip keeps every bit
SELECT (v::jsonb)::capvec = v AS jsonb_round_trip
  FROM (SELECT dp.capvec('day', '2024-01-01', ARRAY[0.1 + 0.2, 1/3.0, 2^60, -1e-300]::float8[]) v) s;

-- accessors: March 2024 ends on 2024-04-01
SELECT dp.period(v), dp.start_date(v), dp.end_date(v), dp.length(v), dp.total(v)
  FROM (VALUES ('month 2024-01-01 [100,120,150]'::capvec), ('week 2024-12-30 [1,2]'), ('quarter 2024-10-01 []'),
               ('year 2020-01-01 [1.5,2.5]'), ('day 2024-02-28 [1,1,1]')) t(v);
-- the inclusive end: the last day of the last period (never past 9999-12-31,
-- where end_date is 10000-01-01, a date some drivers cannot read); NULL if empty
SELECT v, dp.last_date(v), dp.end_date(v)
  FROM (VALUES ('month 2024-01-01 [1,2]'::capvec), ('week 2024-01-01 [1]'), ('quarter 2024-10-01 [1]'),
               ('year 9999-01-01 [1]'), ('day 2024-02-28 [1,1]'), ('month 2024-01-01 []')) t(v);
SELECT dp.value_at(v, '2024-01-01'), dp.value_at(v, '2024-02-15'), dp.value_at(v, '2024-03-31'),
       dp.value_at(v, '2023-12-31'), dp.value_at(v, '2024-04-01'), dp.value_at(v, 'infinity')
  FROM (SELECT 'month 2024-01-01 [100,120,150]'::capvec v) s;
SELECT * FROM dp.unnest('month 2024-01-01 [100,120,150]');
SELECT * FROM dp.unnest('week 2024-12-23 [1,2]');
SELECT count(*) FROM dp.unnest('year 2024-01-01 []');

-- reshaping
SELECT dp.cumulative('month 2024-01-01 [100,120,150]'), dp.cumulative('month 2024-01-01 []');
SELECT dp.shift('month 2024-01-01 [100,120,150]', 2), dp.shift('month 2024-01-01 [100,120,150]', -13),
       dp.shift('week 2024-01-01 [1]', 1);
-- slice: periods starting in [from, to)
SELECT dp.slice('month 2024-01-01 [100,120,150]', '2024-01-15', '2024-03-01');
SELECT dp.slice('month 2024-01-01 [100,120,150]', '2024-01-01', '2024-04-01');
SELECT dp.slice('month 2024-01-01 [100,120,150]', '-infinity', 'infinity');
SELECT dp.slice('month 2024-01-01 [100,120,150]', '2025-06-02', '2026-01-01');
SELECT dp.slice('month 2024-01-01 [100,120,150]', '2024-03-01', '2024-02-01');
SELECT dp.slice(v => 'week 2024-01-01 [1,2,3]', from_date => '2024-01-02', to_date => '2024-01-16');
-- pad: zeros out to the periods containing from_date .. to_date - 1, never shrinking
SELECT dp.pad('month 2024-01-01 [100,120,150]', '2023-11-01', '2024-06-01');
SELECT dp.pad('month 2024-01-01 [100,120,150]', '2024-02-01', '2024-03-01');
SELECT dp.pad('month 2024-01-01 [100,120,150]', '2023-12-31', '2024-04-02');
SELECT dp.pad('quarter 2024-01-01 []', '2024-02-10', '2024-08-01');
-- resample: each quantity spread evenly over its days
SELECT dp.resample('month 2024-01-01 [31,29]', 'quarter');
SELECT dp.resample('quarter 2024-01-01 [91]', 'month');
SELECT dp.resample('week 2024-01-22 [7,7,7]', 'month');
SELECT dp.resample('year 2024-01-01 [366]', 'quarter');
SELECT dp.resample('month 2024-02-01 [29]', 'week');
SELECT dp.resample('month 2024-01-01 [31]', 'day');
SELECT dp.resample('week 2024-01-22 []', 'month');
-- a huge value whose shares are finite: 3/7 and 4/7 of it (value * days would overflow)
SELECT abs(jan / (1.7e308::float8 / 7 * 3) - 1) < 1e-15 AS jan_share, abs(feb / (1.7e308::float8 / 7 * 4) - 1) < 1e-15 AS feb_share
  FROM (SELECT dp.value_at(r, '2024-01-01') jan, dp.value_at(r, '2024-02-01') feb
          FROM dp.resample('week 2024-01-29 [1.7e308]', 'month') r) q;
-- totals are kept (up to rounding)
SELECT abs(dp.total(dp.resample(v, 'week')) - dp.total(v)) < 1e-9 AS kept
  FROM (SELECT dp.capvec('month', '2023-01-01', ARRAY[100.5, 7, 0, 31, 1e6, 3]::float8[]) v) s;

-- arithmetic: the result spans both operands, a missing period counts as 0
SELECT 'month 2024-01-01 [1,2,3]'::capvec + 'month 2024-02-01 [10,10,10]';
SELECT 'month 2024-01-01 [1,2,3]'::capvec - 'month 2024-02-01 [10,10,10]';
SELECT 'month 2024-05-01 [1]'::capvec + 'month 2024-01-01 [1]';
SELECT 'month 2024-01-01 []'::capvec + 'month 2024-05-01 [7]', 'month 2024-05-01 [7]'::capvec - 'month 2024-01-01 []';
SELECT 'month 2024-03-01 []'::capvec + 'month 2024-05-01 []';
SELECT -'month 2024-01-01 [1,-2,0]'::capvec;
SELECT 'month 2024-01-01 [100,120,150]'::capvec * 2, 2 * 'month 2024-01-01 [100,120,150]'::capvec,
       'month 2024-01-01 [100,120,150]'::capvec / 4, 'month 2024-01-01 [1,0]'::capvec * -1;
SELECT dp.pointwise_min('month 2024-01-01 [5,1]', 'month 2024-01-01 [3,4]'),
       dp.pointwise_max('month 2024-01-01 [5,1]', 'month 2024-01-01 [3,4]');
SELECT dp.pointwise_min('month 2024-01-01 [5,-1]', 'month 2024-02-01 [3,4]'),
       dp.pointwise_max('month 2024-01-01 [5,-1]', 'month 2024-02-01 [3,4]');
SELECT dp.clamp('month 2024-01-01 [100,120,150]', 0, 110), dp.clamp('month 2024-01-01 [-5,5]', 0, 0);

-- comparison, hashing, grouping
SELECT v = v AS eq, v = dp.shift(v, 1) AS eq_shifted, v <> dp.shift(v, 1) AS ne,
       v = 'quarter 2024-01-01 [100,120,150]' AS eq_period, v = 'month 2024-01-01 [100,120]' AS eq_len,
       'month 2024-01-01 []'::capvec = 'month 2024-02-01 []' AS empty_starts
  FROM (SELECT 'month 2024-01-01 [100,120,150]'::capvec v) s;
SELECT 'month 2024-01-01 [0]'::capvec = -'month 2024-01-01 [0]'::capvec AS zero_is_zero, -'month 2024-01-01 [0]'::capvec AS negated_zero;
SELECT v FROM (VALUES ('month 2024-02-01 [1]'::capvec), ('month 2024-01-01 [2]'), ('week 2024-01-01 [1]'),
                      ('month 2024-01-01 [1,1]'), ('month 2024-01-01 [1]')) t(v) ORDER BY v;
SELECT v, count(*) FROM (VALUES ('month 2024-01-01 [1]'::capvec), ('month 2024-01-01 [1.0]'),
                               ('month 2024-01-01 [2]')) t(v) GROUP BY v ORDER BY v;
SET enable_sort = off;
SELECT count(DISTINCT v) FROM (VALUES ('month 2024-01-01 [1]'::capvec), ('month 2024-01-01 [1.0]'), ('month 2024-02-01 [1]')) t(v);
RESET enable_sort;
SELECT dp.capvec_hash('month 2024-01-01 [0]') = dp.capvec_hash(-'month 2024-01-01 [0]'::capvec) AS same_hash;

-- binary COPY round trip, including an empty vector
CREATE TABLE cb (v capvec);
INSERT INTO cb VALUES ('month 2024-01-01 [100,120,150]'), ('week 2024-01-01 []'), ('day 2024-02-29 [0.1,-7,1e300]');
SELECT current_setting('data_directory') || '/capvec_copy.bin' AS binfile \gset
COPY cb TO :'binfile' WITH (FORMAT binary);
CREATE TABLE cb2 (v capvec);
COPY cb2 FROM :'binfile' WITH (FORMAT binary);
SELECT count(*) AS matched FROM cb JOIN cb2 USING (v);
SELECT v FROM cb2 ORDER BY v;
-- the binary form: period byte, start as days since 2000-01-01, count, big-endian float8s
SELECT dp.capvec_send('month 2024-01-01 [1]');
