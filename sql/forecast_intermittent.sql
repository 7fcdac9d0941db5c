-- croston, sba and tsb with estimated parameters, and imapa.  Expected values come from
-- PL/pgSQL recursions written here from the published definitions (Croston 1972,
-- Syntetos & Boylan 2005, Teunter, Syntetos & Babai 2011, Petropoulos & Kourentzes 2015,
-- with statsforecast's starting values), and from grids evaluated here.
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';

\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/forecast.psql

-- croston/sba at (a, b): forecasts z/q (x (1 - b/2) for sba) from the first size and the
-- first demand's position; returns {mean squared one-step error after the first demand, forecast}
CREATE FUNCTION pg_temp.croston(y float8[], a float8, b float8, sba boolean) RETURNS float8[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE z float8; q float8; last int; sse float8 := 0; cnt int := 0; f float8 := CASE WHEN sba THEN 1 - b / 2 ELSE 1 END;
BEGIN
  FOR t IN 1 .. cardinality(y) LOOP
    IF last IS NOT NULL THEN sse := sse + (y[t] - z / q * f) ^ 2; cnt := cnt + 1; END IF;
    IF y[t] > 0 THEN
      IF last IS NULL THEN z := y[t]; q := t;
      ELSE z := a * y[t] + (1 - a) * z; q := b * (t - last) + (1 - b) * q;
      END IF;
      last := t;
    END IF;
  END LOOP;
  RETURN ARRAY[sse / greatest(cnt, 1), coalesce(z / q * f, 0)];
END $$;
-- tsb at (a, b): probability from d_1 every period, size from the first demand
CREATE FUNCTION pg_temp.tsb(y float8[], a float8, b float8) RETURNS float8[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE p float8 := CASE WHEN y[1] > 0 THEN 1 ELSE 0 END; z float8; sse float8 := 0; cnt int := 0;
BEGIN
  IF y[1] > 0 THEN z := y[1]; END IF;
  FOR t IN 2 .. cardinality(y) LOOP
    IF z IS NOT NULL THEN sse := sse + (y[t] - p * z) ^ 2; cnt := cnt + 1; END IF;
    p := b * (CASE WHEN y[t] > 0 THEN 1 ELSE 0 END) + (1 - b) * p;
    IF y[t] > 0 THEN z := CASE WHEN z IS NULL THEN y[t] ELSE a * y[t] + (1 - a) * z END; END IF;
  END LOOP;
  RETURN ARRAY[sse / greatest(cnt, 1), coalesce(p * z, 0)];
END $$;

CREATE TEMP TABLE s (name text PRIMARY KEY, v dp.capvec);
INSERT INTO s VALUES
  ('reference', 'month 2023-01-01 [0,3,0,0,5,0,2,0,0,0,4,1,0,6,0,0]'),
  ('lumpy', 'month 2022-01-01 [0,0,12,0,1,0,0,0,7,0,0,2,0,0,0,15,0,1,0,0,0,9,0,0,3,0,0,0,11,0]'),
  ('steady', 'month 2022-01-01 [2,0,3,2,0,2,4,0,3,0,2,3,0,2,0,3,2,0,3,2,0,4,2,0]');

-- with no parameter given, alpha and beta in [0.01, 0.3] minimise the mean squared one-step
-- error: none of the points of a 0.01 grid over the box does better; the forecast is the
-- recursion's at the reported parameters
SELECT s.name, m, f.alpha BETWEEN 0.01 AND 0.3 AND f.beta BETWEEN 0.01 AND 0.3 AS in_box,
       pg_temp.close((dp.forecast(s.v, 1, m)::float8[])[1],
                     (CASE m WHEN 'tsb' THEN pg_temp.tsb(s.v::float8[], f.alpha, f.beta)
                             ELSE pg_temp.croston(s.v::float8[], f.alpha, f.beta, m = 'sba') END)[2], 1e-12) AS recursion,
       (CASE m WHEN 'tsb' THEN pg_temp.tsb(s.v::float8[], f.alpha, f.beta)
               ELSE pg_temp.croston(s.v::float8[], f.alpha, f.beta, m = 'sba') END)[1]
         <= (SELECT min((CASE m WHEN 'tsb' THEN pg_temp.tsb(s.v::float8[], ga / 100.0, gb / 100.0)
                                ELSE pg_temp.croston(s.v::float8[], ga / 100.0, gb / 100.0, m = 'sba') END)[1])
               FROM generate_series(1, 30) ga, generate_series(1, 30) gb) * (1 + 1e-9) AS grid_ok
  FROM s, unnest(ARRAY['croston', 'sba', 'tsb']) m, dp.forecast_fit(s.v, m) f
 ORDER BY s.name, m;
-- given parameters keep their conventions: croston beta = alpha, tsb beta 0.1 when left out
SELECT pg_temp.close((dp.forecast(v, 1, 'croston', alpha => 0.2)::float8[])[1],
                     (pg_temp.croston(v::float8[], 0.2, 0.2, false))[2], 1e-14) AS croston_given,
       pg_temp.close((dp.forecast(v, 1, 'tsb', alpha => 0.2)::float8[])[1],
                     (pg_temp.tsb(v::float8[], 0.2, 0.1))[2], 1e-14) AS tsb_given,
       (dp.forecast_fit(v, 'sba', beta => 0.2)).alpha AS sba_default_alpha
  FROM s WHERE name = 'reference';

-- ---- imapa ----
-- the reference history, alpha 0.2 given: demands end at period 14 after 6 demands, the
-- mean interval 14/6 = 2.33 rounds to K = 2.  Level 1: SES of y from y_1; level 2: SES of
-- the 8 two-period sums [3,0,5,2,0,5,6,0] from the first, divided by 2; the mean of both.
SELECT pg_temp.close((dp.forecast(v, 1, 'imapa', alpha => 0.2)::float8[])[1],
         (pg_temp.ses_level(v::float8[], 0.2) + pg_temp.ses_level('{3,0,5,2,0,5,6,0}', 0.2) / 2) / 2, 1e-14) AS imapa_k2,
       (dp.forecast_fit(v, 'imapa', alpha => 0.2)).alpha, (dp.forecast_fit(v, 'imapa')).alpha IS NULL AS no_single_alpha
  FROM s WHERE name = 'reference';
-- lumpy: 10 demands, the last in period 29: 29/10 = 2.9 rounds to K = 3; 30 mod 2 = 0 and
-- 30 mod 3 = 0 values dropped; alpha estimated per level on [0.1, 0.3]: each level's
-- forecast is at least as good on its sums as the grid
CREATE FUNCTION pg_temp.bucket(y float8[], k int) RETURNS float8[] LANGUAGE sql IMMUTABLE AS $$
  SELECT array_agg(s ORDER BY j) FROM (SELECT (t - 1 - cardinality(y) % k) / k AS j, sum(x) s
                                         FROM unnest(y) WITH ORDINALITY u(x, t) WHERE t > cardinality(y) % k GROUP BY 1) b $$;
WITH lv AS (SELECT k, pg_temp.bucket(v::float8[], k) b FROM s, generate_series(1, 3) k WHERE name = 'lumpy'),
     best AS (SELECT k, (SELECT g / 1000.0 FROM generate_series(100, 300) g ORDER BY pg_temp.ses_sse(b, g / 1000.0), g LIMIT 1) AS a, b FROM lv)
SELECT pg_temp.close((dp.forecast(v, 1, 'imapa')::float8[])[1],
                     (SELECT avg(pg_temp.ses_level(b, a) / k) FROM best), 2e-3) AS grid_level
  FROM s WHERE name = 'lumpy';
-- without demand: 0, and no error statistics
SELECT dp.forecast('month 2024-01-01 [0,0,0]', 2, 'imapa'), (dp.forecast_fit('month 2024-01-01 [0,0,0]', 'imapa')).rmse;
