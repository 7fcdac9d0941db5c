-- forecast benchmarks: :rows rows of 24-month histories (psql -v rows=N; default 100000).
\if :{?rows}
\else
\set rows 100000
\endif
-- smooth histories (trend + noise) and intermittent ones (about 1 month in 3
-- with demand), all distinct (so no plan can memoize per-history results)
CREATE TEMP TABLE h AS
  SELECT dp.capvec('month', '2022-01-01',
                   ARRAY(SELECT 100 + (i % 7) * k + ((i::int8 * 7919 + k * 104729) % 100003) / 1000.0
                           FROM generate_series(1, 24) k)::float8[]) v
    FROM generate_series(1, :rows) i;
CREATE TEMP TABLE im AS
  SELECT dp.capvec('month', '2022-01-01',
                   ARRAY(SELECT CASE WHEN (i::int8 * 7919 + k * 104729) % 1000 < 350 THEN 1 + ((i::int8 * 6007 + k * 31) % 9973) / 1000.0 ELSE 0 END
                           FROM generate_series(1, 24) k)::float8[]) v
    FROM generate_series(1, :rows) i;
-- the estimated damped trend, ets and auto cost up to a millisecond a row: a 2% sample
CREATE TEMP TABLE hs AS SELECT v FROM h LIMIT greatest(1, :rows / 50);
CREATE TEMP TABLE a AS SELECT v::float8[] arr FROM h;
VACUUM ANALYZE h;
VACUUM ANALYZE im;
VACUUM ANALYZE hs;
VACUUM ANALYZE a;
-- the cheapest scans of the same data: the references
CALL pg_temp.bench('forecast', 'scan: sum(dp.total(v))', 'SELECT sum(dp.total(v)) FROM h');
CALL pg_temp.bench('forecast', 'scan intermittent: sum(dp.total(v))', 'SELECT sum(dp.total(v)) FROM im');
CALL pg_temp.bench('forecast', 'scan 2% sample: sum(dp.total(v))', 'SELECT sum(dp.total(v)) FROM hs');
-- fixed parameters
CALL pg_temp.bench('forecast', 'forecast ses alpha 0.3', 'SELECT sum(dp.total(dp.forecast(v, 6, ''ses'', alpha => 0.3))) FROM h', 'scan: sum(dp.total(v))');
CALL pg_temp.bench('forecast', 'forecast holt 0.5/0.3', 'SELECT sum(dp.total(dp.forecast(v, 6, ''holt'', alpha => 0.5, beta => 0.3))) FROM h', 'scan: sum(dp.total(v))');
CALL pg_temp.bench('forecast', 'forecast moving_average', 'SELECT sum(dp.total(dp.forecast(v, 6, ''moving_average''))) FROM h', 'scan: sum(dp.total(v))');
CALL pg_temp.bench('forecast', 'forecast croston alpha 0.1', 'SELECT sum(dp.total(dp.forecast(v, 6, ''croston'', alpha => 0.1))) FROM im', 'scan intermittent: sum(dp.total(v))');
CALL pg_temp.bench('forecast', 'forecast tsb 0.1/0.1', 'SELECT sum(dp.total(dp.forecast(v, 6, ''tsb'', alpha => 0.1, beta => 0.1))) FROM im', 'scan intermittent: sum(dp.total(v))');
CALL pg_temp.bench('forecast', 'demand_class', 'SELECT count(dp.demand_class(v)) FROM im', 'scan intermittent: sum(dp.total(v))');
CALL pg_temp.bench('forecast', 'forecast_fit croston alpha 0.1', 'SELECT sum(mae) FROM im, dp.forecast_fit(v, ''croston'', alpha => 0.1)', 'scan intermittent: sum(dp.total(v))');
CALL pg_temp.bench('forecast', 'forecast_interval ses alpha 0.3', 'SELECT sum(upper) FROM h, dp.forecast_interval(v, 6, ''ses'', alpha => 0.3)', 'scan: sum(dp.total(v))');
-- estimated parameters
CALL pg_temp.bench('forecast', 'forecast ses (alpha optimised)', 'SELECT sum(dp.total(dp.forecast(v, 6, ''ses''))) FROM h', 'scan: sum(dp.total(v))', 1);
CALL pg_temp.bench('forecast', 'forecast adida (alpha optimised)', 'SELECT sum(dp.total(dp.forecast(v, 6, ''adida''))) FROM im', 'scan intermittent: sum(dp.total(v))', 1);
CALL pg_temp.bench('forecast', 'forecast croston (alpha, beta estimated)', 'SELECT sum(dp.total(dp.forecast(v, 6, ''croston''))) FROM im', 'scan intermittent: sum(dp.total(v))', 1);
CALL pg_temp.bench('forecast', 'forecast imapa (alpha estimated)', 'SELECT sum(dp.total(dp.forecast(v, 6, ''imapa''))) FROM im', 'scan intermittent: sum(dp.total(v))', 1);
CALL pg_temp.bench('forecast', 'forecast auto, intermittent', 'SELECT sum(dp.total(dp.forecast(v, 6))) FROM im', 'scan intermittent: sum(dp.total(v))', 1);
CALL pg_temp.bench('forecast', 'forecast theta', 'SELECT sum(dp.total(dp.forecast(v, 6, ''theta''))) FROM h', 'scan: sum(dp.total(v))', 1);
CALL pg_temp.bench('forecast', 'forecast dotm', 'SELECT sum(dp.total(dp.forecast(v, 6, ''dotm''))) FROM h', 'scan: sum(dp.total(v))', 1);
CALL pg_temp.bench('forecast', 'forecast holt (alpha, beta optimised)', 'SELECT sum(dp.total(dp.forecast(v, 6, ''holt''))) FROM h', 'scan: sum(dp.total(v))', 1);
CALL pg_temp.bench('forecast', '2%: forecast damped (alpha, beta, phi optimised)', 'SELECT sum(dp.total(dp.forecast(v, 6, ''damped''))) FROM hs', 'scan 2% sample: sum(dp.total(v))', 1);
CALL pg_temp.bench('forecast', '2%: forecast ets (model chosen)', 'SELECT sum(dp.total(dp.forecast(v, 6, ''ets''))) FROM hs', 'scan 2% sample: sum(dp.total(v))', 1);
CALL pg_temp.bench('forecast', '2%: forecast auto, smooth', 'SELECT sum(dp.total(dp.forecast(v, 6))) FROM hs', 'scan 2% sample: sum(dp.total(v))', 1);
-- the same SES in PL/pgSQL, for the speed-up
CREATE FUNCTION pg_temp.ses(y float8[], a float8, h int) RETURNS float8[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE l float8 := y[1];
BEGIN
  FOR t IN 2 .. cardinality(y) LOOP l := a * y[t] + (1 - a) * l; END LOOP;
  RETURN array_fill(l, ARRAY[h]);
END $$;
CALL pg_temp.bench('forecast', 'PL/pgSQL: ses alpha 0.3', 'SELECT sum(x) FROM a, unnest(pg_temp.ses(arr, 0.3, 6)) x', 'forecast ses alpha 0.3', 1);
SELECT * FROM pg_temp.bench_report();
