-- capvec benchmarks: :rows rows of 24-month vectors (psql -v rows=N; default 100000).
\ir include/vectors.psql
CREATE TEMP TABLE a AS SELECT v::float8[] arr, dp.start_date(v) s FROM t;
VACUUM ANALYZE t;
VACUUM ANALYZE a;
-- the cheapest scan of the same data: the reference for every C function
CALL pg_temp.bench('capvec', 'scan: sum(dp.total(v))', 'SELECT sum(dp.total(v)) FROM t');
CALL pg_temp.bench('capvec', 'sum(dp.length(v))', 'SELECT sum(dp.length(v)) FROM t', 'scan: sum(dp.total(v))');
CALL pg_temp.bench('capvec', 'v + v', 'SELECT sum(dp.length(v + dp.shift(v, 1))) FROM t', 'scan: sum(dp.total(v))');
CALL pg_temp.bench('capvec', 'v * 2', 'SELECT sum(dp.length(v * 2)) FROM t', 'scan: sum(dp.total(v))');
CALL pg_temp.bench('capvec', 'dp.cumulative(v)', 'SELECT sum(dp.length(dp.cumulative(v))) FROM t', 'scan: sum(dp.total(v))');
CALL pg_temp.bench('capvec', 'dp.resample(v, ''quarter'')', 'SELECT sum(dp.length(dp.resample(v, ''quarter''))) FROM t', 'scan: sum(dp.total(v))');
CALL pg_temp.bench('capvec', 'dp.slice(v, ...)', 'SELECT sum(dp.length(dp.slice(v, ''2024-06-01'', ''2025-06-01''))) FROM t', 'scan: sum(dp.total(v))');
CALL pg_temp.bench('capvec', 'dp.value_at(v, d)', 'SELECT sum(dp.value_at(v, d)) FROM t', 'scan: sum(dp.total(v))');
CALL pg_temp.bench('capvec', 'text out + in', 'SELECT sum(dp.length(v::text::dp.capvec)) FROM t', 'scan: sum(dp.total(v))');
CALL pg_temp.bench('capvec', 'dp.sum(v)', 'SELECT dp.length(dp.sum(v)) FROM t', 'scan: sum(dp.total(v))');
CALL pg_temp.bench('capvec', 'dp.avg(v)', 'SELECT dp.length(dp.avg(v)) FROM t', 'scan: sum(dp.total(v))');
CALL pg_temp.bench('capvec', 'dp.capvec_agg(d, x, week)', 'SELECT dp.length(dp.capvec_agg(d, x, ''week'')) FROM t', 'scan: sum(dp.total(v))');
-- the same computations in plain SQL, for the speed-up
CALL pg_temp.bench('capvec', 'SQL: element-wise sum of arrays', $q$
  SELECT count(*) FROM (SELECT s + make_interval(months => (k - 1)::int), sum(e)
                          FROM a, unnest(arr) WITH ORDINALITY u(e, k) GROUP BY 1) x$q$, 'dp.sum(v)', 1);
CALL pg_temp.bench('capvec', 'SQL: bucket dated rows by week', $q$
  WITH b AS (SELECT date_trunc('week', d)::date w, sum(x) s FROM t GROUP BY 1)
  SELECT count(*) FROM (SELECT array_agg(coalesce(b.s, 0) ORDER BY g.w) v
                          FROM generate_series((SELECT min(w) FROM b), (SELECT max(w) FROM b), '7 days') g(w)
                          LEFT JOIN b ON b.w = g.w) x$q$, 'dp.capvec_agg(d, x, week)', 1);
CALL pg_temp.bench('capvec', 'SQL: running totals', $q$
  SELECT sum(c) FROM (SELECT sum(e) OVER (PARTITION BY ctid ORDER BY k) c FROM a, unnest(arr) WITH ORDINALITY u(e, k)) x$q$,
  'dp.cumulative(v)', 1);
SELECT * FROM pg_temp.bench_report();
