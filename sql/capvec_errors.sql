-- dp.capvec: every error class with its SQLSTATE, message and hint.
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/err.psql

-- the full error report once, as psql shows it
SELECT 'month 2024-01-15 [1]'::capvec;
SELECT 'month 2024-01-01 [1,'::capvec;

-- malformed text: 22P02
SELECT pg_temp.err($$SELECT 'month 2024-01-01 [1,'::dp.capvec$$);
SELECT pg_temp.err($$SELECT 'month 2024-01-01 [1] x'::dp.capvec$$);
SELECT pg_temp.err($$SELECT 'fortnight 2024-01-01 [1]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT '2024-01-01 [1]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT 'month 2024-1-1 [1]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT 'month 2024-01-01 1'::dp.capvec$$);
SELECT pg_temp.err($$SELECT 'month 2024-01-01 [1;2]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT 'month 2024-01-01 [1,,2]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT 'month 2024-01-01 [abc]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT 'month 2024-01-01 [0x10]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT ''::dp.capvec$$);
-- start not on a period boundary: 22023, hint names the nearest boundary
SELECT pg_temp.err($$SELECT 'month 2024-01-15 [1]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT 'month 2024-01-17 [1]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT 'week 2024-01-02 [1]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT 'quarter 2024-02-01 [1]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT 'year 2024-07-02 [1]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT dp.capvec('week', '2024-01-03', '{1}')$$);
-- impossible or out-of-range dates: 22008
SELECT pg_temp.err($$SELECT 'month 2024-02-30 [1]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT 'year 9999-01-01 [1,2]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT dp.capvec('month', 'infinity', '{1}')$$);
SELECT pg_temp.err($$SELECT dp.capvec('month', '0001-01-01 BC', '{1}')$$);
SELECT pg_temp.err($$SELECT dp.shift('month 9999-12-01 [1]', 1)$$);
SELECT pg_temp.err($$SELECT dp.shift('year 0001-01-01 [1]', -1)$$);
SELECT pg_temp.err($$SELECT dp.pad('month 2024-01-01 [1]', '2024-01-01', 'infinity')$$);
-- NaN, infinities, float8 overflow and underflow: 22003
SELECT pg_temp.err($$SELECT 'month 2024-01-01 [NaN]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT 'month 2024-01-01 [1, -Infinity]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT 'month 2024-01-01 [1e400]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT 'month 2024-01-01 [1e-400]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT dp.capvec('month', '2024-01-01', ARRAY['NaN']::float8[])$$);
SELECT pg_temp.err($$SELECT dp.capvec('month', '2024-01-01', ARRAY[1, 'Infinity']::float8[])$$);
SELECT pg_temp.err($$SELECT '{"period": "month", "start": "2024-01-01", "values": [1e400]}'::jsonb::dp.capvec$$);
-- jsonb reads numbers as text input does: underflow to 0 is 22003 in both
SELECT pg_temp.err($$SELECT '{"period": "month", "start": "2024-01-01", "values": [1, 1e-400]}'::jsonb::dp.capvec$$);
SELECT '{"period": "month", "start": "2024-01-01", "values": [5e-324]}'::jsonb::dp.capvec = 'month 2024-01-01 [5e-324]' AS subnormal_as_text;
SELECT pg_temp.err($$SELECT 'month 2024-01-01 [1e308]'::dp.capvec * 10$$);
SELECT pg_temp.err($$SELECT 'month 2024-01-01 [1e308]'::dp.capvec + 'month 2024-01-01 [1e308]'$$);
SELECT pg_temp.err($$SELECT 'month 2024-01-01 [1e300]'::dp.capvec / 1e-300$$);
SELECT pg_temp.err($$SELECT dp.cumulative('month 2024-01-01 [1e308,1e308]')$$);
SELECT pg_temp.err($$SELECT dp.total('month 2024-01-01 [1e308,1e308]')$$);
SELECT pg_temp.err($$SELECT 'month 2024-01-01 [1]'::dp.capvec * 'NaN'$$);
SELECT pg_temp.err($$SELECT dp.clamp('month 2024-01-01 [1]', 0, 'Infinity')$$);
-- division by zero: 22012
SELECT pg_temp.err($$SELECT 'month 2024-01-01 [1]'::dp.capvec / 0$$);
-- mixed periods: 22023 with a hint naming dp.resample
SELECT pg_temp.err($$SELECT 'month 2024-01-01 [1]'::dp.capvec + 'week 2024-01-01 [1]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT dp.pointwise_min('month 2024-01-01 [1]', 'year 2024-01-01 [1]')$$);
-- bad arguments: 22023
SELECT pg_temp.err($$SELECT dp.capvec('fortnight', '2024-01-01', '{1}')$$);
SELECT pg_temp.err($$SELECT dp.resample('month 2024-01-01 [1]', 'decade')$$);
SELECT pg_temp.err($$SELECT dp.clamp('month 2024-01-01 [1]', 5, 1)$$);
SELECT pg_temp.err($$SELECT '{"period": "month", "start": "2024-01-01"}'::jsonb::dp.capvec$$);
SELECT pg_temp.err($$SELECT '{"period": 3, "start": "2024-01-01", "values": []}'::jsonb::dp.capvec$$);
SELECT pg_temp.err($$SELECT '{"period": "month", "start": "2024-01-01", "values": [1, "2"]}'::jsonb::dp.capvec$$);
SELECT pg_temp.err($$SELECT '{"period": "month", "start": "2024-01-01", "values": 1}'::jsonb::dp.capvec$$);
SELECT pg_temp.err($$SELECT '{"period": "month", "start": "2024-01-01", "values": [], "x": 1}'::jsonb::dp.capvec$$);
SELECT pg_temp.err($$SELECT '[1,2]'::jsonb::dp.capvec$$);
SELECT pg_temp.err($$SELECT '{"period": "month", "start": "2024-01-10", "values": [1]}'::jsonb::dp.capvec$$);
-- NULL elements: 22004
SELECT pg_temp.err($$SELECT dp.capvec('month', '2024-01-01', ARRAY[1, NULL]::float8[])$$);
SELECT pg_temp.err($$SELECT '{"period": "month", "start": "2024-01-01", "values": [1, null]}'::jsonb::dp.capvec$$);
-- multi-dimensional array
SELECT pg_temp.err($$SELECT dp.capvec('month', '2024-01-01', '{{1,2},{3,4}}'::float8[])$$);
-- more periods than the limit of 1000000: 54000
SELECT pg_temp.err($$SELECT dp.capvec('day', '2000-01-01', array_fill(1::float8, ARRAY[1000001]))$$);
SELECT pg_temp.err($$SELECT ('day 2000-01-01 [' || repeat('1,', 1000000) || '1]')::dp.capvec$$);
-- ... but only a well-formed one: a malformed text is 22P02 however many commas it has
SELECT pg_temp.err($$SELECT ('day 2000-01-01 [x' || repeat(',', 1000001) || ']')::dp.capvec$$);
SELECT pg_temp.err($$SELECT ('day 2000-01-01 [' || repeat('1,', 1000001) || ']')::dp.capvec$$);
SELECT pg_temp.err($$SELECT 'day 2000-01-01 [1]'::dp.capvec + 'day 5000-01-01 [1]'::dp.capvec$$);
SELECT pg_temp.err($$SELECT dp.resample(dp.capvec('year', '2000-01-01', array_fill(1::float8, ARRAY[3000])), 'day')$$);
SELECT pg_temp.err($$SELECT dp.pad('day 2000-01-01 [1]', '2000-01-01', '5000-01-01')$$);
-- the limit itself is fine
SELECT dp.length(dp.capvec('day', '2000-01-01', array_fill(1::float8, ARRAY[1000000])));

-- binary input validates like text input: feed crafted bytes through a bytea column
CREATE TABLE raw (b bytea);
CREATE TABLE target (v dp.capvec);
SELECT current_setting('data_directory') || '/capvec_raw.bin' AS rawfile \gset
CREATE FUNCTION pg_temp.recv(bytes bytea, f text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM raw; DELETE FROM target;
  INSERT INTO raw VALUES (bytes);
  EXECUTE format('COPY raw TO %L WITH (FORMAT binary)', f);
  RETURN pg_temp.err(format('COPY target FROM %L WITH (FORMAT binary)', f));
END $$;
-- a good one: month 2024-01-01 [1] (2024-01-01 is day 8766 = 0x223e)
SELECT pg_temp.recv('\x020000223e000000013ff0000000000000', :'rawfile');
SELECT v FROM target;
-- unknown period code 9
SELECT pg_temp.recv('\x090000223e000000013ff0000000000000', :'rawfile');
-- start 2024-01-02 (0x223f) is not a month start
SELECT pg_temp.recv('\x020000223f000000013ff0000000000000', :'rawfile');
-- a NaN value
SELECT pg_temp.recv('\x020000223e000000017ff8000000000000', :'rawfile');
-- two periods announced, one sent; negative length
SELECT pg_temp.recv('\x020000223e000000023ff0000000000000', :'rawfile');
SELECT pg_temp.recv('\x020000223effffffff', :'rawfile');

-- the jsonb start is ISO YYYY-MM-DD whatever DateStyle says (the cast is
-- IMMUTABLE): any other spelling is 22007, an impossible day 22008
SET datestyle = 'SQL, DMY';
SELECT '{"period": "month", "start": "2024-02-01", "values": [1]}'::jsonb::dp.capvec AS dmy;
SELECT pg_temp.err($$SELECT '{"period": "month", "start": "01/02/2024", "values": [1]}'::jsonb::dp.capvec$$);
SET datestyle = 'ISO, MDY';
SELECT '{"period": "month", "start": "2024-02-01", "values": [1]}'::jsonb::dp.capvec AS mdy;
SELECT pg_temp.err($$SELECT '{"period": "month", "start": "01/02/2024", "values": [1]}'::jsonb::dp.capvec$$);
SELECT pg_temp.err($$SELECT '{"period": "month", "start": "today", "values": [1]}'::jsonb::dp.capvec$$);
SELECT pg_temp.err($$SELECT '{"period": "month", "start": "epoch", "values": [1]}'::jsonb::dp.capvec$$);
SELECT pg_temp.err($$SELECT '{"period": "month", "start": "20+24-01-01", "values": [1]}'::jsonb::dp.capvec$$);
SELECT pg_temp.err($$SELECT '{"period": "month", "start": "2024-1-1", "values": [1]}'::jsonb::dp.capvec$$);
SELECT pg_temp.err($$SELECT '{"period": "month", "start": "2024-01-01 ", "values": [1]}'::jsonb::dp.capvec$$);
SELECT pg_temp.err($$SELECT '{"period": "month", "start": "2024-02-30", "values": [1]}'::jsonb::dp.capvec$$);
SET datestyle = 'ISO, YMD';
-- so an expression index cannot hold a start read under one DateStyle
CREATE TABLE js (j jsonb);
INSERT INTO js SELECT jsonb_build_object('period', 'month', 'start', '2024-01-01', 'values', jsonb_build_array(i)) FROM generate_series(1, 2000) i;
INSERT INTO js VALUES ('{"period": "month", "start": "01/02/2024", "values": [1]}');
SELECT pg_temp.err($$CREATE INDEX js_capvec ON js ((j::dp.capvec))$$);

-- input quoted in messages is cut by characters, never inside one: with a
-- LATIN1 client, 79 x and an e-acute (chr(233), two bytes in the UTF-8
-- database) is 22P02, not an encoding error, and the message quotes it whole
SET client_encoding = 'LATIN1';
\set VERBOSITY sqlstate
SELECT (repeat('x', 79) || chr(233))::dp.capvec;
SELECT (repeat('x', 79) || repeat(chr(233), 2))::dp.capvec;
SELECT repeat(chr(233), 41)::dp.nsn;
SELECT ('month 2024-01-01 [1' || repeat(chr(233), 100) || ']')::dp.capvec;
\set VERBOSITY default
RESET client_encoding;
SELECT pg_temp.err($$SELECT (repeat('x', 79) || chr(233))::dp.capvec$$) LIKE '%' || repeat('x', 79) || chr(233) || '"%' AS quoted_whole;
SELECT pg_temp.err($$SELECT (repeat('x', 79) || repeat(chr(233), 2))::dp.capvec$$) LIKE '%' || repeat('x', 79) || chr(233) || '..."%' AS cut_after_a_character;
-- a long number: the message keeps its end
SELECT pg_temp.err($$SELECT ('month 2024-01-01 [1' || repeat('0', 400) || ']')::dp.capvec$$);
