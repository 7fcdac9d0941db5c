-- stockpile benchmarks: :rows rows of 24-month supply, demand and sd vectors
-- (psql -v rows=N; default 100000), and simulate_stock with rows * 10 trials.
\if :{?rows}
\else
\set rows 100000
\endif
CREATE TEMP TABLE t AS
  SELECT s, d, d * 0.15 AS sd, on_hand
    FROM (SELECT dp.capvec('month', st, ARRAY(SELECT ((i * 7 + k * 13) % 1000)::float8 FROM generate_series(1, 24) k)) s,
                 dp.capvec('month', st, ARRAY(SELECT (300 + (i * 11 + k * 17) % 1000)::float8 FROM generate_series(1, 24) k)) d,
                 (i % 5000)::float8 on_hand
            FROM (SELECT i, ('2024-01-01'::date + make_interval(months => i % 12))::date st
                    FROM generate_series(1, :rows) i) g) x;
CREATE TEMP TABLE a AS SELECT s::float8[] s, d::float8[] d, (d * 0.15)::float8[] sd, on_hand, dp.start_date(s) st FROM t;
VACUUM ANALYZE t;
VACUUM ANALYZE a;
-- the rows repeat (about 3000 distinct vectors), so the planner would put a
-- Memoize cache in front of set-returning functions and time the cache, not them
SET enable_memoize = off;

-- the cheapest scan of the same rows, and the cheapest set-returning scan
CALL pg_temp.bench('stockpile', 'scan: sum(dp.total(s))', 'SELECT sum(dp.total(s)) FROM t');
CALL pg_temp.bench('stockpile', 'srf: dp.unnest(s)', 'SELECT sum(quantity) FROM t, dp.unnest(s)', 'scan: sum(dp.total(s))');
CALL pg_temp.bench('stockpile', 'dp.depletion_date', 'SELECT count(dp.depletion_date(on_hand, s, d)) FROM t', 'scan: sum(dp.total(s))');
CALL pg_temp.bench('stockpile', 'dp.replenish_date', 'SELECT count(dp.replenish_date(on_hand, s, d, 2000)) FROM t', 'scan: sum(dp.total(s))');
CALL pg_temp.bench('stockpile', 'dp.days_of_supply', 'SELECT sum(dp.days_of_supply(on_hand, d)) FROM t', 'scan: sum(dp.total(s))');
CALL pg_temp.bench('stockpile', 'dp.stockout_probability', 'SELECT sum(dp.total(dp.stockout_probability(on_hand, s, d, sd))) FROM t', 'scan: sum(dp.total(s))');
CALL pg_temp.bench('stockpile', 'dp.stock_projection', 'SELECT sum(closing) FROM t, dp.stock_projection(on_hand, s, d)', 'scan: sum(dp.total(s))');
CALL pg_temp.bench('stockpile', 'dp.stock_projection vs unnest', 'SELECT sum(closing) FROM t, dp.stock_projection(on_hand, s, d)', 'srf: dp.unnest(s)');

-- the same computations in PL/pgSQL and SQL, for the speed-up
CREATE FUNCTION pg_temp.depletion_plpgsql(on_hand float8, s float8[], d float8[], st date, threshold float8 DEFAULT 0)
RETURNS date LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  opening float8 := on_hand; net float8; closing float8; ps date; days int; dd int;
BEGIN
  IF on_hand <= threshold THEN RETURN st; END IF;
  FOR i IN 1 .. array_length(s, 1) LOOP
    net := s[i] - d[i];
    closing := opening + net;
    IF closing <= threshold THEN
      ps := (st + make_interval(months => i - 1))::date;
      days := (ps + interval '1 month')::date - ps;
      dd := ceil((opening - threshold) * days / -net);
      RETURN ps + greatest(dd, 1) - 1;
    END IF;
    opening := closing;
  END LOOP;
  RETURN NULL;
END $$;
CALL pg_temp.bench('stockpile', 'PL/pgSQL: depletion date', 'SELECT count(pg_temp.depletion_plpgsql(on_hand, s, d, st)) FROM a', 'dp.depletion_date', 1);
CALL pg_temp.bench('stockpile', 'SQL: stock projection (window)', $q$
  SELECT sum(c) FROM (SELECT on_hand + sum(se - de) OVER (PARTITION BY ctid ORDER BY k) c
                        FROM a, unnest(s, d) WITH ORDINALITY u(se, de, k)) x$q$, 'dp.stock_projection', 1);
-- Phi by Abramowitz-Stegun 7.1.26 (PostgreSQL 15 has no erf)
CREATE FUNCTION pg_temp.phi(x float8) RETURNS float8 LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  t float8 := 1 / (1 + 0.3275911 * abs(x) / sqrt(2));
  e float8 := t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * exp(-least(x * x / 2, 700));
BEGIN
  RETURN CASE WHEN x >= 0 THEN 1 - e / 2 ELSE e / 2 END;
END $$;
CREATE FUNCTION pg_temp.stockout_plpgsql(on_hand float8, s float8[], m float8[], sd float8[]) RETURNS float8[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  e float8 := on_hand; v float8 := 0; r float8[] := '{}';
BEGIN
  FOR i IN 1 .. array_length(s, 1) LOOP
    e := e + s[i] - m[i];
    v := v + sd[i] * sd[i];
    r := r || CASE WHEN v > 0 THEN pg_temp.phi(-e / sqrt(v)) WHEN e < 0 THEN 1 ELSE 0 END;
  END LOOP;
  RETURN r;
END $$;
CALL pg_temp.bench('stockpile', 'PL/pgSQL: stock-out probability', 'SELECT count(pg_temp.stockout_plpgsql(on_hand, s, d, sd)) FROM a', 'dp.stockout_probability', 1);

-- simulation: rows * 10 trials of the 12-month reference case, and PL/pgSQL with random()
SELECT (:rows * 10)::int AS trials \gset
CALL pg_temp.bench('stockpile', 'dp.simulate_stock ' || :trials || ' x 12 (normal)', format($q$
  SELECT count(*) FROM dp.simulate_stock(50000,
    'month 2024-01-01 [8000,8000,10000,12000,14000,41000,18000,20000,22000,24000,26000,28000]',
    'month 2024-01-01 [20000,22000,24000,24000,22000,20000,18000,18000,16000,16000,15000,15000]',
    'month 2024-01-01 [3000,3300,3600,3600,3300,3000,2700,2700,2400,2400,2250,2250]', trials => %s)$q$, :trials), NULL, 2);
CALL pg_temp.bench('stockpile', 'dp.simulate_stock ' || :trials || ' x 12 (gamma)', format($q$
  SELECT count(*) FROM dp.simulate_stock(50000,
    'month 2024-01-01 [8000,8000,10000,12000,14000,41000,18000,20000,22000,24000,26000,28000]',
    'month 2024-01-01 [20000,22000,24000,24000,22000,20000,18000,18000,16000,16000,15000,15000]',
    'month 2024-01-01 [3000,3300,3600,3600,3300,3000,2700,2700,2400,2400,2250,2250]', trials => %s, distribution => 'gamma')$q$, :trials),
  'dp.simulate_stock ' || :trials || ' x 12 (normal)', 2);
CALL pg_temp.bench('stockpile', 'dp.simulate_stock 10000 x 12', $q$
  SELECT count(*) FROM dp.simulate_stock(50000,
    'month 2024-01-01 [8000,8000,10000,12000,14000,41000,18000,20000,22000,24000,26000,28000]',
    'month 2024-01-01 [20000,22000,24000,24000,22000,20000,18000,18000,16000,16000,15000,15000]',
    'month 2024-01-01 [3000,3300,3600,3600,3300,3000,2700,2700,2400,2400,2250,2250]', trials => 10000)$q$);
CREATE FUNCTION pg_temp.simulate_plpgsql(on_hand float8, s float8[], m float8[], sd float8[], trials int)
RETURNS TABLE (k int, p05 float8, p50 float8, p95 float8, p_out float8, p_by float8) LANGUAGE plpgsql AS $$
DECLARE
  st float8[] := array_fill(on_hand, ARRAY[trials]); hit bool[] := array_fill(false, ARRAY[trials]);
  outs int; ever int := 0; dem float8;
BEGIN
  FOR i IN 1 .. array_length(s, 1) LOOP
    outs := 0;
    FOR j IN 1 .. trials LOOP
      dem := greatest(0, m[i] + sd[i] * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()));
      st[j] := st[j] + s[i] - dem;
      IF st[j] < 0 THEN
        outs := outs + 1;
        IF NOT hit[j] THEN hit[j] := true; ever := ever + 1; END IF;
      END IF;
    END LOOP;
    SELECT q[1], q[2], q[3] INTO p05, p50, p95
      FROM (SELECT percentile_cont(ARRAY[0.05, 0.5, 0.95]) WITHIN GROUP (ORDER BY x) q FROM unnest(st) x) z;
    k := i; p_out := outs::float8 / trials; p_by := ever::float8 / trials;
    RETURN NEXT;
  END LOOP;
END $$;
CALL pg_temp.bench('stockpile', 'PL/pgSQL: simulation 10000 x 12', $q$
  SELECT count(*) FROM pg_temp.simulate_plpgsql(50000,
    '{8000,8000,10000,12000,14000,41000,18000,20000,22000,24000,26000,28000}',
    '{20000,22000,24000,24000,22000,20000,18000,18000,16000,16000,15000,15000}',
    '{3000,3300,3600,3600,3300,3000,2700,2700,2400,2400,2250,2250}', 10000)$q$, 'dp.simulate_stock 10000 x 12', 1);
SELECT * FROM pg_temp.bench_report();
-- simulation throughput in trial-periods per second
SELECT label, round((:trials * 12 / (ms / 1000) / 1e6)::numeric, 1) AS "million trial-periods/s"
  FROM bench_result WHERE label LIKE 'dp.simulate_stock ' || :trials || '%' ORDER BY label;
