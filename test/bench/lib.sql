-- test/bench/lib.sql: timing helpers for the benchmarks (psql -f lib.sql -f <module>.sql).
-- Times are the best of several runs, in the same session, and are only ever
-- reported as ratios against a reference query run alongside them.
\set QUIET on
\pset footer off
SET search_path = "$user", public, dp;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
-- bench_ms(query, runs): best wall time of a query in milliseconds
CREATE FUNCTION pg_temp.bench_ms(q text, runs int DEFAULT 3) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
  best float8 := 'Infinity';
  t0 timestamptz;
BEGIN
  FOR i IN 1 .. runs LOOP
    t0 := clock_timestamp();
    EXECUTE q;
    best := least(best, extract(epoch FROM clock_timestamp() - t0) * 1000);
  END LOOP;
  RETURN best;
END $$;
-- results of one benchmark: label, ms, ratio to the reference label
CREATE TEMP TABLE bench_result (module text, label text, ms float8, reference text);
CREATE PROCEDURE pg_temp.bench(module text, label text, q text, reference text DEFAULT NULL, runs int DEFAULT 3)
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO bench_result VALUES (module, label, pg_temp.bench_ms(q, runs), reference);
END $$;
CREATE FUNCTION pg_temp.bench_report() RETURNS TABLE (module text, label text, ms numeric, ratio_to text) LANGUAGE sql AS $$
  SELECT b.module, b.label, round(b.ms::numeric, 1),
         CASE WHEN b.reference IS NOT NULL THEN round((b.ms / r.ms)::numeric, 2) || 'x ' || b.reference END
    FROM bench_result b LEFT JOIN bench_result r ON r.module = b.module AND r.label = b.reference
   ORDER BY b.module, b.reference NULLS FIRST, b.label
$$;
