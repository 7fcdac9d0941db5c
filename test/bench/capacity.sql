-- capacity benchmarks: :rows rows of 24-month vectors (psql -v rows=N; default 100000).
\ir include/vectors.psql
-- three components per row on the same 24 months (shells, energetics, fuzes)
CREATE TEMP TABLE b AS
  SELECT ARRAY[v, v * 3, dp.capvec('month', dp.start_date(v), ARRAY(SELECT (k * 13) % 900 + 1 FROM generate_series(1, 24) k)::float8[])] c,
         v::float8[] a1, (v * 3)::float8[] a2, ARRAY(SELECT ((k * 13) % 900 + 1)::float8 FROM generate_series(1, 24) k) a3
    FROM t;
CREATE TEMP TABLE a AS SELECT v::float8[] arr, dp.start_date(v) s, d, x FROM t;
VACUUM ANALYZE t;
VACUUM ANALYZE b;
VACUUM ANALYZE a;
-- the cheapest scan of the same data: the reference for every C function
CALL pg_temp.bench('capacity', 'scan: sum(dp.total(v))', 'SELECT sum(dp.total(v)) FROM t');
CALL pg_temp.bench('capacity', 'dp.constant(24 months)', $q$SELECT sum(dp.length(dp.constant('month', '2024-01-01', 24, x))) FROM t$q$, 'scan: sum(dp.total(v))');
CALL pg_temp.bench('capacity', 'dp.ramp(24 months, linear)', $q$SELECT sum(dp.length(dp.ramp('month', '2024-01-01', 24, x, 2 * x, d, 12))) FROM t$q$, 'scan: sum(dp.total(v))');
CALL pg_temp.bench('capacity', 'dp.ramp(24 months, scurve)', $q$SELECT sum(dp.length(dp.ramp('month', '2024-01-01', 24, x, 2 * x, d, 12, 'scurve'))) FROM t$q$, 'scan: sum(dp.total(v))');
CALL pg_temp.bench('capacity', 'dp.surge(v, 2, d, 6)', 'SELECT sum(dp.length(dp.surge(v, 2, d, 6))) FROM t', 'scan: sum(dp.total(v))');
CALL pg_temp.bench('capacity', 'dp.date_reaching(v, 900)', 'SELECT count(dp.date_reaching(v, 900)) FROM t', 'scan: sum(dp.total(v))');
CALL pg_temp.bench('capacity', 'scan: sum(dp.total(c[1]))', 'SELECT sum(dp.total(c[1])) FROM b');
CALL pg_temp.bench('capacity', 'dp.bottleneck(3 components)', $q$SELECT sum(dp.length(dp.bottleneck(c, '{1,2,3}'))) FROM b$q$, 'scan: sum(dp.total(c[1]))');
CALL pg_temp.bench('capacity', 'dp.binding_component(3 components)', $q$SELECT sum(cardinality(dp.binding_component(c, '{1,2,3}'))) FROM b$q$, 'scan: sum(dp.total(c[1]))');
CALL pg_temp.bench('capacity', 'scan: sum(x)', 'SELECT sum(x) FROM t');
CALL pg_temp.bench('capacity', 'dp.hhi(x)', 'SELECT dp.hhi(x) FROM t', 'scan: sum(x)');
CALL pg_temp.bench('capacity', 'dp.hhi(x) GROUP BY d', 'SELECT count(h) FROM (SELECT dp.hhi(x) h FROM t GROUP BY d) s', 'scan: sum(x)');
-- the same computations in plain SQL and PL/pgSQL, for the speed-up
CALL pg_temp.bench('capacity', 'SQL: ramp per row', $q$
  SELECT sum(cardinality(r)) FROM (SELECT (SELECT array_agg(x + x * least(greatest(k - ((extract(year FROM d) - 2024) * 12 + extract(month FROM d) - 1) + 1, 0), 12) / 12
                                                 ORDER BY k)
                                  FROM generate_series(0, 23) k) r FROM a) s$q$, 'dp.ramp(24 months, linear)', 1);
CALL pg_temp.bench('capacity', 'SQL: surge per row', $q$
  SELECT sum(cardinality(r)) FROM (SELECT (SELECT array_agg(e * CASE WHEN j <= 0 THEN 1 WHEN j >= 6 THEN 2 ELSE 1 + j / 6.0 END ORDER BY k)
                                  FROM unnest(arr) WITH ORDINALITY u(e, k),
                                       LATERAL (SELECT k - ((extract(year FROM d) - extract(year FROM s)) * 12
                                                             + extract(month FROM d) - extract(month FROM s))) jj(j)) r
                          FROM a) s$q$, 'dp.surge(v, 2, d, 6)', 1);
CALL pg_temp.bench('capacity', 'SQL: bottleneck of aligned arrays', $q$
  SELECT sum(cardinality(r)) FROM (SELECT (SELECT array_agg(least(p / 1, q / 2, r / 3) ORDER BY k)
                                  FROM unnest(a1, a2, a3) WITH ORDINALITY u(p, q, r, k)) r FROM b) s$q$,
  'dp.bottleneck(3 components)', 1);
CREATE FUNCTION pg_temp.plpgsql_bottleneck(a1 float8[], a2 float8[], a3 float8[], q float8[]) RETURNS float8[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  r float8[] := '{}';
BEGIN
  FOR i IN 1 .. cardinality(a1) LOOP
    r := r || least(a1[i] / q[1], a2[i] / q[2], a3[i] / q[3]);
  END LOOP;
  RETURN r;
END $$;
CALL pg_temp.bench('capacity', 'PL/pgSQL: bottleneck loop', $q$
  SELECT sum(cardinality(pg_temp.plpgsql_bottleneck(a1, a2, a3, '{1,2,3}'))) FROM b$q$, 'dp.bottleneck(3 components)', 1);
CALL pg_temp.bench('capacity', 'SQL: date reaching', $q$
  SELECT count(r) FROM (SELECT (SELECT s + make_interval(months => (k - 1)::int) FROM unnest(arr) WITH ORDINALITY u(e, k)
                                 WHERE e >= 900 ORDER BY k LIMIT 1) r FROM a) x$q$, 'dp.date_reaching(v, 900)', 1);
CALL pg_temp.bench('capacity', 'SQL: 10000 * sum(x^2) / sum(x)^2', 'SELECT 10000 * sum(x * x) / (sum(x) * sum(x)) FROM t', 'dp.hhi(x)');
SELECT * FROM pg_temp.bench_report();
