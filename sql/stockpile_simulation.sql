-- dp.simulate_stock: the generator, determinism per seed, statistical
-- agreement with closed forms, exact properties, limits and cancellation.
-- Random results are never pasted: every query asserts a property that an
-- independent derivation predicts.
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';
\set S '''month 2024-01-01 [8000,8000,10000,12000,14000,41000,18000,20000,22000,24000,26000,28000]''::dp.capvec'
\set D '''month 2024-01-01 [20000,22000,24000,24000,22000,20000,18000,18000,16000,16000,15000,15000]''::dp.capvec'
\set SD '(:D * 0.15)'
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/err.psql

-- ---- the generator ------------------------------------------------------------
-- seed s seeds pg_prng with pg_prng_seed(s); setseed(f) seeds random()'s own
-- pg_prng state with pg_prng_seed((2^52 - 1) * f), so seed 0 is setseed(0),
-- 2251799813685247 is setseed(0.5) and -4503599627370495 is setseed(-1).
-- One trial, two normal periods (mean 50, sd 10, no supply, on_hand 100):
-- Box-Muller on the first two uniforms, r = sqrt(-2 ln(1 - u1)),
-- demand 1 = 50 + 10 r cos(2 pi u2), demand 2 = 50 + 10 r sin(2 pi u2).
CREATE FUNCTION pg_temp.generator_agrees(seed bigint, f float8) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  u1 float8; u2 float8; r float8; c1 float8; c2 float8; got float8[];
BEGIN
  PERFORM setseed(f);
  u1 := random();
  u2 := random();
  r := sqrt(-2 * ln(1 - u1));
  c1 := 100 + (0 - (50 + 10 * (r * cos(2 * pi() * u2))));
  c2 := c1 + (0 - (50 + 10 * (r * sin(2 * pi() * u2))));
  SELECT array_agg(p50 ORDER BY period_start) INTO got
    FROM dp.simulate_stock(100, 'month 2024-01-01 [0,0]', 'month 2024-01-01 [50,50]',
                           'month 2024-01-01 [10,10]', trials => 1, seed => seed);
  RETURN got = ARRAY[c1, c2];
END $$;
SELECT pg_temp.generator_agrees(0, 0) AS seed_0,
       pg_temp.generator_agrees(2251799813685247, 0.5) AS seed_half,
       pg_temp.generator_agrees(-4503599627370495, -1) AS seed_minus_one;

-- ---- determinism per seed -----------------------------------------------------
CREATE FUNCTION pg_temp.sim_md5(seed bigint, dist text, bo boolean) RETURNS text LANGUAGE sql AS $$
  SELECT md5(string_agg(concat_ws(',', p05, p50, p95, p_stockout, p_stockout_by), ';' ORDER BY period_start))
    FROM dp.simulate_stock(50000, 'month 2024-01-01 [8000,8000,10000,12000,14000,41000,18000,20000,22000,24000,26000,28000]',
                           'month 2024-01-01 [20000,22000,24000,24000,22000,20000,18000,18000,16000,16000,15000,15000]',
                           'month 2024-01-01 [3000,3300,3600,3600,3300,3000,2700,2700,2400,2400,2250,2250]',
                           trials => 2000, seed => seed, distribution => dist, backorder => bo)
$$;
SELECT dist, bo,
       pg_temp.sim_md5(11, dist, bo) = pg_temp.sim_md5(11, dist, bo) AS same_seed_same,
       pg_temp.sim_md5(11, dist, bo) <> pg_temp.sim_md5(12, dist, bo) AS other_seed_differs
  FROM (VALUES ('normal'), ('gamma')) d(dist), (VALUES (true), (false)) b(bo)
 ORDER BY 1, 2;
-- the default seed is 1 and the default distribution normal with backorders
SELECT (SELECT array_agg(p50) FROM dp.simulate_stock(50000, :S, :D, :SD, 500))
     = (SELECT array_agg(p50) FROM dp.simulate_stock(50000, :S, :D, :SD, 500, 1, 'normal', true)) AS defaults;
-- the distribution name is read in any case
SELECT (SELECT array_agg(p50) FROM dp.simulate_stock(50000, :S, :D, :SD, 500, distribution => 'GAMMA'))
     = (SELECT array_agg(p50) FROM dp.simulate_stock(50000, :S, :D, :SD, 500, distribution => 'gamma')) AS any_case;

-- ---- agreement with the analytic marginal (reference case, 20000 trials) -----------
-- p_stockout within 4 standard errors of Phi(-E / sd) from dp.stockout_probability
-- (normal demand is clipped at 0, 6.7 sd below the mean: no visible effect);
-- the median within 4 standard errors (1.2533 sd / sqrt(n)) of E = the projection's closing
SELECT s.period_start,
       abs(s.p_stockout - a.quantity) <= 4 * sqrt(greatest(a.quantity * (1 - a.quantity), 1e-4) / 20000) AS p_agrees,
       abs(s.p50 - pr.closing) <= 4 * 1.2533 * sqrt(v.var) / sqrt(20000) AS median_agrees,
       s.p05 <= s.p50 AND s.p50 <= s.p95 AS ordered
  FROM dp.simulate_stock(50000, :S, :D, :SD, trials => 20000, seed => 7) s
  JOIN dp.unnest(dp.stockout_probability(50000, :S, :D, :SD)) a USING (period_start)
  JOIN dp.stock_projection(50000, :S, :D) pr USING (period_start)
  JOIN (SELECT period_start, sum(quantity ^ 2) OVER (ORDER BY period_start) var FROM dp.unnest(:SD)) v USING (period_start)
 ORDER BY 1;

-- ---- p_stockout_by: monotone, at least the running maximum of p_stockout, at most the running sum
SELECT dist, bo,
       bool_and(by >= prev_by) AS monotone,
       bool_and(by >= run_max) AS at_least_max,
       bool_and(by <= run_sum + 1e-12) AS at_most_sum,
       bool_and(by <= 1) AS at_most_one
  FROM (SELECT d.dist, b.bo, s.p_stockout_by by,
               coalesce(lag(s.p_stockout_by) OVER w, 0) prev_by,
               max(s.p_stockout) OVER w run_max, sum(s.p_stockout) OVER w run_sum
          FROM (VALUES ('normal'), ('gamma')) d(dist), (VALUES (true), (false)) b(bo),
               dp.simulate_stock(50000, :S, :D, :SD, trials => 5000, seed => 3, distribution => d.dist, backorder => b.bo) s
        WINDOW w AS (PARTITION BY d.dist, b.bo ORDER BY s.period_start)) x
 GROUP BY 1, 2 ORDER BY 1, 2;
-- the reference case has a stock-out in most trials by May, so p_stockout_by
-- must exceed May's p_stockout afterwards (0.9079 analytic)
SELECT max(p_stockout_by) > 0.9 AS cumulative_exceeds
  FROM dp.simulate_stock(50000, :S, :D, :SD, trials => 5000, seed => 3);

-- ---- exact properties -----------------------------------------------------------
-- trials draw the same demands under both conventions, and trajectories agree
-- up to the first stock-out, so p_stockout_by and the first period are identical
SELECT bool_and(b.p_stockout_by = l.p_stockout_by) AS same_by,
       bool_and(l.p05 >= 0) AS lost_sales_never_negative,
       bool_and(b.p_stockout = l.p_stockout) FILTER (WHERE b.period_start = '2024-01-01') AS same_first
  FROM dp.simulate_stock(50000, :S, :D, :SD, trials => 3000, seed => 5, distribution => 'gamma') b
  JOIN dp.simulate_stock(50000, :S, :D, :SD, trials => 3000, seed => 5, distribution => 'gamma', backorder => false) l
 USING (period_start);
-- sd 0: every trial is the projection: quantiles are the closing stock, the
-- share is 1 where there is a shortfall, cumulative from April
SELECT bo, dist,
       bool_and(s.p05 = p.closing AND s.p50 = p.closing AND s.p95 = p.closing) AS quantiles_exact,
       bool_and(s.p_stockout = CASE WHEN p.shortfall > 0 THEN 1 ELSE 0 END) AS share_exact,
       bool_and(s.p_stockout_by = CASE WHEN s.period_start >= '2024-04-01' THEN 1 ELSE 0 END) AS cumulative_exact
  FROM (VALUES (true), (false)) b(bo), (VALUES ('normal'), ('gamma')) d(dist),
       LATERAL (SELECT * FROM dp.simulate_stock(50000, :S, :D, 'month 2024-01-01 []', trials => 101, distribution => dist, backorder => bo)) s
  JOIN LATERAL (SELECT * FROM dp.stock_projection(50000, :S, :D, backorder => bo)) p USING (period_start)
 GROUP BY 1, 2 ORDER BY 1, 2;
-- a closing stock of exactly 0 is no stock-out
SELECT p50, p_stockout FROM dp.simulate_stock(10, 'day 2024-01-01 []', 'day 2024-01-01 [10]', 'day 2024-01-01 []', 7);

-- ---- closed forms ------------------------------------------------------------------
-- gamma with mean 20 and sd 10 is Gamma(shape 4, scale 5); on_hand 20 + supply 10
-- runs out when demand > 30, i.e. X > 6 for X ~ Gamma(4, 1):
-- e^-6 (1 + 6 + 36/2 + 216/6) = 61 e^-6 = 0.1512038...; 4 se = 4 sqrt(p(1-p)/1e5)
SELECT abs(p_stockout - 61 * exp(-6)) <= 4 * sqrt(61 * exp(-6) * (1 - 61 * exp(-6)) / 100000) AS gamma_agrees
  FROM dp.simulate_stock(20, 'month 2024-01-01 [10]', 'month 2024-01-01 [20]', 'month 2024-01-01 [10]',
                         trials => 100000, seed => 42, distribution => 'gamma');
-- normal demand clipped at 0: mean 0, sd 10, nothing on hand or supplied: half the
-- trials draw 0 (closing exactly 0, the 95% quantile), the other half run out;
-- the 5% quantile is -10 z(0.95) = -16.4485 (se 10 sqrt(.0475/n) / phi(1.645))
SELECT p95 = 0 AS p95_zero,
       abs(p_stockout - 0.5) <= 4 * sqrt(0.25 / 100000) AS half_out,
       abs(p05 + 16.448536269514722) <= 4 * 10 * sqrt(0.0475 / 100000) / 0.10313564037537128 AS p05_agrees
  FROM dp.simulate_stock(0, 'month 2024-01-01 []', 'month 2024-01-01 [0]', 'month 2024-01-01 [10]',
                         trials => 100000, seed => 9);
-- quantiles are R type 7, as percentile_cont computes them: five trials of one
-- period from seed 0 use normals z1..z5 from three Box-Muller pairs (cos, sin,
-- cos, sin, cos); rebuild the five closing stocks from random() after setseed(0)
-- and let percentile_cont interpolate
CREATE FUNCTION pg_temp.quantiles_agree() RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  u float8[]; z float8[] := '{}'; want float8[]; got float8[];
BEGIN
  PERFORM setseed(0);
  SELECT array_agg(random()) INTO u FROM generate_series(1, 6);
  FOR k IN 0 .. 2 LOOP
    z := z || sqrt(-2 * ln(1 - u[2 * k + 1])) * cos(2 * pi() * u[2 * k + 2])
           || sqrt(-2 * ln(1 - u[2 * k + 1])) * sin(2 * pi() * u[2 * k + 2]);
  END LOOP;
  SELECT percentile_cont(ARRAY[0.05, 0.5, 0.95]) WITHIN GROUP (ORDER BY 100 + (0 - (50 + 10 * zi)))
    INTO want FROM unnest(z[1:5]) zi;
  SELECT ARRAY[p05, p50, p95] INTO got
    FROM dp.simulate_stock(100, 'month 2024-01-01 []', 'month 2024-01-01 [50]', 'month 2024-01-01 [10]',
                           trials => 5, seed => 0);
  RETURN got = want;
END $$;
SELECT pg_temp.quantiles_agree();

-- ---- shape of the output -----------------------------------------------------------
-- one row per period of the aligned span of the three vectors (December to
-- March here); an empty span gives no rows
SELECT period_start FROM dp.simulate_stock(10, 'month 2024-03-01 [1]', 'month 2023-12-01 [1]', 'month 2024-01-01 [1]', trials => 10);
SELECT count(*) FROM dp.simulate_stock(10, 'month 2024-03-01 []', 'month 2023-12-01 []', 'month 2024-01-01 []');

-- ---- limits -------------------------------------------------------------------------
-- 1,000,000 trials are allowed (the limit is 10,000,000)
SELECT count(*), bool_and(p_stockout BETWEEN 0 AND 1) AS ok
  FROM dp.simulate_stock(100, 'month 2024-01-01 [0]', 'month 2024-01-01 [90]', 'month 2024-01-01 [10]', trials => 1000000);
SELECT pg_temp.err($$SELECT * FROM dp.simulate_stock(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', trials => 10000001)$$);

-- ---- cancellation ---------------------------------------------------------------------
-- a long simulation (2,000,000 trials x 1000 periods) stops at the statement
-- timeout, and the 34 MB it allocated are gone with the query
SELECT sum(total_bytes) AS before FROM pg_backend_memory_contexts \gset
SET statement_timeout = '300ms';
SELECT count(*) FROM dp.simulate_stock(1e6, dp.capvec('month', '2024-01-01', array_fill(10::float8, ARRAY[1000])),
                                       dp.capvec('month', '2024-01-01', array_fill(10::float8, ARRAY[1000])),
                                       dp.capvec('month', '2024-01-01', array_fill(1::float8, ARRAY[1000])), trials => 2000000);
RESET statement_timeout;
SELECT sum(total_bytes) - :before < 1000000 AS nothing_left FROM pg_backend_memory_contexts;

-- one demand sd (a number): the same trials as the vector of demand_mean's
-- shape holding it, for both distributions
SELECT d.dist, count(*) AS periods,
       count(*) FILTER (WHERE row(a.*) IS NOT DISTINCT FROM row(b.*)) AS identical
  FROM (VALUES ('normal'), ('gamma')) d(dist),
       LATERAL dp.simulate_stock(50000, :S, :D, 3000, trials => 1000, seed => 9, distribution => d.dist) a
  JOIN LATERAL dp.simulate_stock(50000, :S, :D, dp.capvec('month', '2024-01-01', array_fill(3000::float8, ARRAY[12])),
                                 trials => 1000, seed => 9, distribution => d.dist) b USING (period_start)
 GROUP BY d.dist ORDER BY d.dist;
SELECT pg_temp.err($$SELECT * FROM dp.simulate_stock(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', -0.5)$$);
SELECT pg_temp.err($$SELECT * FROM dp.simulate_stock(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [0,1]', 1, distribution => 'gamma')$$);
