-- harmonize benchmarks: :rows rows of 24-month demand vectors for level_rate,
-- capacity_gap and lot_sizing, and :rows / 100 allocation problems of 10 to
-- 30 claimants over 24 months (psql -v rows=N; default 100000).
\if :{?rows}
\else
\set rows 100000
\endif
CREATE TEMP TABLE t AS
  SELECT dp.capvec('month', '2024-01-01', ARRAY(SELECT (i * 7 + k) % 1000 FROM generate_series(1, 24) k)::float8[]) v,
         dp.capvec('month', '2024-01-01', ARRAY(SELECT 300 + (i * 11 + k) % 400 FROM generate_series(1, 24) k)::float8[]) c
    FROM generate_series(1, :rows) i;
CREATE TEMP TABLE a AS SELECT v::float8[] arr FROM t;
VACUUM ANALYZE t;
VACUUM ANALYZE a;
-- allocation problems: capacity 5000..9000 a month against about 6000 of demand
CREATE TEMP TABLE al AS
  SELECT g,
         dp.capvec('month', '2024-01-01', ARRAY(SELECT 5000 + (g * 13 + k * 7) % 4000 FROM generate_series(1, 24) k)::float8[]) cap,
         ARRAY(SELECT dp.capvec('month', '2024-01-01',
                                ARRAY(SELECT (g * 31 + c * 17 + k * 11) % 600 FROM generate_series(1, 24) k)::float8[])
                 FROM generate_series(1, 10 + g % 21) c) dem,
         ARRAY(SELECT 1 + c % 4 FROM generate_series(1, 10 + g % 21) c)::float8[] w,
         ARRAY(SELECT c % 3 FROM generate_series(1, 10 + g % 21) c) pr
    FROM generate_series(1, greatest(:rows / 100, 10)) g;
VACUUM ANALYZE al;

-- the cheapest scan of the same data: the reference for every C function
CALL pg_temp.bench('harmonize', 'scan: sum(dp.total(v))', 'SELECT sum(dp.total(v)) FROM t');
CALL pg_temp.bench('harmonize', 'dp.level_rate(v, 5000, 2)', 'SELECT sum(dp.level_rate(v, 5000, 2)) FROM t', 'scan: sum(dp.total(v))');
CALL pg_temp.bench('harmonize', 'dp.capacity_gap(v, c, 100)', 'SELECT sum(dp.capacity_gap(v, c, 100)) FROM t', 'scan: sum(dp.total(v))');
CALL pg_temp.bench('harmonize', 'dp.lot_sizing(v, 100, 10)', 'SELECT sum(dp.length(dp.lot_sizing(v, 100, 10))) FROM t', 'scan: sum(dp.total(v))');
-- allocation: against the scan of the demand vectors, and against an SRF
-- giving the same number of rows (dp.unnest: one row per claimant and month)
CALL pg_temp.bench('harmonize', 'scan: sum(dp.total(d)) of the demands', 'SELECT sum(dp.total(d)) FROM al, unnest(dem) d');
CALL pg_temp.bench('harmonize', 'rows: dp.unnest(d) of the demands', 'SELECT sum(u.quantity) FROM al, unnest(dem) d, dp.unnest(d) u',
                   'scan: sum(dp.total(d)) of the demands');
CALL pg_temp.bench('harmonize', 'dp.allocate fair', 'SELECT sum(x.allocated) FROM al, dp.allocate(cap, dem, ''fair'', w) x',
                   'rows: dp.unnest(d) of the demands');
CALL pg_temp.bench('harmonize', 'dp.allocate proportional', 'SELECT sum(x.allocated) FROM al, dp.allocate(cap, dem, ''proportional'', w) x',
                   'rows: dp.unnest(d) of the demands');
CALL pg_temp.bench('harmonize', 'dp.allocate priority', 'SELECT sum(x.allocated) FROM al, dp.allocate(cap, dem, ''priority'', w, pr) x',
                   'rows: dp.unnest(d) of the demands');

-- the same computations in plain SQL / PL/pgSQL, for the speed-up
CALL pg_temp.bench('harmonize', 'SQL: level rate by window sums', $q$
  SELECT sum(r) FROM (SELECT greatest(0, max((cum - 5000) / (k - 2)) FILTER (WHERE k > 2)) r
                        FROM (SELECT ctid, k, sum(e) OVER (PARTITION BY ctid ORDER BY k) cum
                                FROM a, unnest(arr) WITH ORDINALITY u(e, k)) x
                       GROUP BY ctid) y$q$, 'dp.level_rate(v, 5000, 2)', 1);
-- weighted max-min fair water-filling with backlog, period by period
CREATE FUNCTION pg_temp.plpgsql_allocate_fair(cap float8[], dem float8[], w float8[],
    OUT claimant int, OUT t int, OUT requested float8, OUT allocated float8, OUT backlog float8)
RETURNS SETOF record LANGUAGE plpgsql AS $$
DECLARE
  n int := array_length(dem, 1);
  bl float8[] := array_fill(0::float8, ARRAY[n]);
  req float8[];
  x float8[];
  ord int[];
  crem float8; wsum float8; total float8; lam float8; i int; k int; m int;
BEGIN
  FOR tt IN 1 .. array_length(dem, 2) LOOP
    req := ARRAY(SELECT dem[c][tt] + bl[c] FROM generate_series(1, n) c);
    total := 0;
    FOR c IN 1 .. n LOOP total := total + req[c]; END LOOP;
    IF total <= cap[tt] THEN
      x := req;
    ELSE
      x := array_fill(0::float8, ARRAY[n]);
      ord := ARRAY(SELECT c FROM generate_series(1, n) c WHERE req[c] > 0 ORDER BY req[c] / w[c], c);
      m := coalesce(array_length(ord, 1), 0);
      crem := cap[tt];
      wsum := 0;
      FOR j IN 1 .. m LOOP wsum := wsum + w[ord[j]]; END LOOP;
      k := 1;
      WHILE k <= m LOOP
        i := ord[k];
        IF req[i] <= crem AND w[i] * (crem / wsum) >= req[i] THEN
          x[i] := req[i]; crem := crem - req[i]; wsum := wsum - w[i]; k := k + 1;
        ELSE
          lam := crem / wsum;
          FOR j IN k .. m LOOP x[ord[j]] := least(req[ord[j]], w[ord[j]] * lam); END LOOP;
          EXIT;
        END IF;
      END LOOP;
    END IF;
    FOR c IN 1 .. n LOOP
      claimant := c; t := tt; requested := req[c]; allocated := x[c]; backlog := req[c] - x[c];
      bl[c] := backlog;
      RETURN NEXT;
    END LOOP;
  END LOOP;
END $$;
CREATE TEMP TABLE alp AS
  SELECT g, cap, dem, w, cap::float8[] cap_a, (SELECT array_agg(d::float8[] ORDER BY o) FROM unnest(dem) WITH ORDINALITY u(d, o)) dem_a
    FROM al WHERE g <= greatest(:rows / 1000, 5);
-- the two agree
SELECT count(*) = 0 AS plpgsql_agrees
  FROM alp, dp.allocate(cap, dem, 'fair', w) WITH ORDINALITY x
  JOIN LATERAL (SELECT * FROM pg_temp.plpgsql_allocate_fair(cap_a, dem_a, w) WITH ORDINALITY) p ON p.ordinality = x.ordinality
 WHERE abs(p.allocated - x.allocated) > 1e-9 * greatest(1, x.allocated);
CALL pg_temp.bench('harmonize', 'dp.allocate fair (subset)', 'SELECT sum(x.allocated) FROM alp, dp.allocate(cap, dem, ''fair'', w) x');
CALL pg_temp.bench('harmonize', 'PL/pgSQL: fair water-filling (subset)',
                   'SELECT sum(x.allocated) FROM alp, pg_temp.plpgsql_allocate_fair(cap_a, dem_a, w) x',
                   'dp.allocate fair (subset)', 1);
SELECT * FROM pg_temp.bench_report();
