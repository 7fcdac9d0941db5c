-- dp.forecast, dp.forecast_fit, dp.forecast_interval, dp.demand_class.
-- Expected values are derived independently: the public reference cases of
-- docs/reference.md (values of the library functions named there), hand
-- calculations in the comments, and PL/pgSQL re-implementations of the
-- textbook recursions below (written from the README's conventions, not from
-- the C code).
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';

\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/forecast.psql
-- trend_sse(y, a, b, p): R HoltWinters start l2 = y2, b2 = y2 - y1, damping p (1 = holt)
CREATE FUNCTION pg_temp.trend_sse(y float8[], a float8, b float8, p float8) RETURNS float8 LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE l float8 := y[2]; tr float8 := y[2] - y[1]; lp float8; s float8 := 0;
BEGIN
  FOR t IN 3 .. cardinality(y) LOOP
    s := s + (y[t] - (l + p * tr)) ^ 2;
    lp := l; l := a * y[t] + (1 - a) * (l + p * tr); tr := b * (l - lp) + (1 - b) * p * tr;
  END LOOP;
  RETURN s;
END $$;
-- trend_fc(y, a, b, p, h): forecast h ahead, l + (p + ... + p^h) b
CREATE FUNCTION pg_temp.trend_fc(y float8[], a float8, b float8, p float8, h int) RETURNS float8 LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE l float8 := y[2]; tr float8 := y[2] - y[1]; lp float8; d float8 := 0;
BEGIN
  FOR t IN 3 .. cardinality(y) LOOP
    lp := l; l := a * y[t] + (1 - a) * (l + p * tr); tr := b * (l - lp) + (1 - b) * p * tr;
  END LOOP;
  FOR j IN 1 .. h LOOP d := d + p ^ j; END LOOP;
  RETURN l + d * tr;
END $$;

CREATE TEMP TABLE ref (name text PRIMARY KEY, v dp.capvec);
INSERT INTO ref VALUES
  ('intermittent', 'month 2023-01-01 [0,3,0,0,5,0,2,0,0,0,4,1,0,6,0,0]'),
  ('trend', 'month 2023-01-01 [120,132,141,155,162,178,185,199]');

-- ---- the public reference cases (docs/reference.md) ------------------------

-- forecasts start at dp.end_date(history), same period, horizon values
SELECT dp.start_date(f), dp.period(f), dp.length(f), dp.start_date(f) = dp.end_date(v) AS at_end
  FROM ref, dp.forecast(v, 3, 'croston', alpha => 0.1) f WHERE name = 'intermittent';
-- croston 1.5247496035291752 (flat), sba 1.4485121233527163 (both alpha 0.1: given, as
-- croston and sba estimate their parameters when none is given), tsb (0.2, 0.1)
-- 1.0361791373604048, moving average of 4: (0+6+0+0)/4 = 1.5, adida 1.40318 (tol 1e-5)
SELECT pg_temp.close(f[1], 1.5247496035291752) AND f[1] = f[2] AND f[2] = f[3] AS croston,
       pg_temp.close((dp.forecast(v, 1, 'sba', alpha => 0.1)::float8[])[1], 1.4485121233527163) AS sba,
       pg_temp.close((dp.forecast(v, 1, 'tsb', alpha => 0.2, beta => 0.1)::float8[])[1], 1.0361791373604048) AS tsb,
       (dp.forecast(v, 1, 'moving_average', window_size => 4)::float8[])[1] = 1.5 AS ma4,
       pg_temp.close((dp.forecast(v, 1, 'adida')::float8[])[1], 1.40318, 1e-5) AS adida
  FROM ref, LATERAL (SELECT dp.forecast(v, 3, 'croston', alpha => 0.1)::float8[] f) x WHERE name = 'intermittent';
-- holt (0.5, 0.3) and damped (0.5, 0.3, 0.9), h = 1..6, R HoltWinters start
SELECT h, round(hf::numeric, 9) AS holt, pg_temp.close(hf, (ARRAY[209.519790109375, 220.7602331875, 232.00067626562503,
         243.24111934375003, 254.48156242187503, 265.7220055])[h]) AS holt_ok,
       round(df::numeric, 9) AS damped, pg_temp.close(df, (ARRAY[203.34793949804956, 210.60802300283063, 217.1420981571336,
         223.0227657960063, 228.3153666709917, 233.07870745847856])[h]) AS damped_ok
  FROM ref, generate_series(1, 6) h,
       LATERAL (SELECT (dp.forecast(v, 6, 'holt', alpha => 0.5, beta => 0.3)::float8[])[h] hf,
                       (dp.forecast(v, 6, 'damped', alpha => 0.5, beta => 0.3, phi => 0.9)::float8[])[h] df) x
 WHERE name = 'trend';
-- holt fit: MAE 2.584845781249996, RMSE 2.8048161643527485, MASE 0.2290369679588604
-- (scale (199 - 120) / 7 = 11.2857), bias -0.8439521354166715; no phi for holt
SELECT method, alpha, beta, phi IS NULL AS no_phi,
       pg_temp.close(mae, 2.584845781249996) AS mae, pg_temp.close(rmse, 2.8048161643527485) AS rmse,
       pg_temp.close(mase, 0.2290369679588604) AS mase, pg_temp.close(bias, -0.8439521354166715) AS bias
  FROM ref, dp.forecast_fit(v, 'holt', alpha => 0.5, beta => 0.3) WHERE name = 'trend';
-- ses 0.3: 174.20122739999996
SELECT pg_temp.close((dp.forecast(v, 1, 'ses', alpha => 0.3)::float8[])[1], 174.20122739999996) AS ses
  FROM ref WHERE name = 'trend';

-- ---- every method against an independent computation ----------------------

-- naive = last value 199; mean = 1272 / 8 = 159; moving average default window
-- min(3, n) = (178 + 185 + 199) / 3 = 187.333...; window 8 = the mean
SELECT dp.forecast(v, 2, 'naive') AS naive, dp.forecast(v, 2, 'mean') AS mean,
       pg_temp.close((dp.forecast(v, 1, 'moving_average')::float8[])[1], 562 / 3.0) AS ma3,
       (dp.forecast(v, 1, 'moving_average', window_size => 8)::float8[])[1] = 159 AS ma8
  FROM ref WHERE name = 'trend';
-- ses and holt/damped against the PL/pgSQL recursions, several parameter sets
SELECT a, pg_temp.close((dp.forecast(v, 1, 'ses', alpha => a)::float8[])[1], pg_temp.ses_level(v::float8[], a)) AS ses
  FROM ref, unnest(ARRAY[0.05, 0.5, 1]) a WHERE name = 'trend';
SELECT a, b, p, bool_and(pg_temp.close((dp.forecast(v, 12, 'damped', alpha => a, beta => b, phi => p)::float8[])[h],
                                      pg_temp.trend_fc(v::float8[], a, b, p, h))) AS damped,
       bool_and(pg_temp.close((dp.forecast(v, 12, 'holt', alpha => a, beta => b)::float8[])[h],
                              pg_temp.trend_fc(v::float8[], a, b, 1, h))) AS holt
  FROM ref, (VALUES (0.2, 0.0, 0.95), (0.9, 1.0, 0.5), (1.0, 0.5, 1.0)) x(a, b, p), generate_series(1, 12) h
 WHERE name = 'trend' GROUP BY a, b, p ORDER BY a;
-- croston by hand on [0,0,4,0,2], alpha 0.5: sizes 4 -> 0.5*2 + 0.5*4 = 3, intervals
-- 3 (position of the first demand) -> 0.5*2 + 0.5*3 = 2.5: 3 / 2.5 = 1.2;
-- SBA x (1 - 0.5/2) = 0.9; beta 0.1 for the intervals: 3 / 2.9;
-- TSB (0.5, 0.5): probability 0, 0, 0.5, 0.25, 0.625; size 4 -> 3: 1.875
SELECT dp.forecast(v, 1, 'croston', alpha => 0.5) AS croston,
       dp.forecast(v, 1, 'sba', alpha => 0.5) AS sba,
       pg_temp.close((dp.forecast(v, 1, 'croston', alpha => 0.5, beta => 0.1)::float8[])[1], 3 / 2.9) AS croston_beta,
       dp.forecast(v, 1, 'tsb', alpha => 0.5, beta => 0.5) AS tsb
  FROM (SELECT 'week 2024-01-01 [0,0,4,0,2]'::dp.capvec v) s;
-- ADIDA: demands at positions 2 and 5 (mean interval 2.5 rounds half to even: k = 2),
-- buckets [0,1],[0,0],[1,0] -> 1, 0, 1, SES 0.2: 1 -> 0.8 -> 0.84, / 2 = 0.42;
-- positions 3 and 7 of 9 (3.5 -> k = 4, drop 1): sums 2, 3, SES 0.5: 2.5 / 4 = 0.625
SELECT pg_temp.close((dp.forecast('month 2024-01-01 [0,1,0,0,1,0]', 1, 'adida', alpha => 0.2)::float8[])[1], 0.42) AS k2,
       dp.forecast('month 2024-01-01 [0,0,2,0,0,0,3,0,0]', 1, 'adida', alpha => 0.5) AS k4;
-- a history without demand forecasts 0 with every intermittent method
SELECT m, dp.forecast('month 2024-01-01 [0,0,0]', 2, m) FROM unnest(ARRAY['croston', 'sba', 'tsb', 'adida']) m;

-- ---- forecast_fit: errors over the periods with a one-step forecast --------

-- naive on [4,8,6,10,2,0,7]: errors 4,-2,4,-8,-2,7: MAE 27/6 = 4.5, RMSE sqrt(153/6),
-- bias 3/6 = 0.5, MASE 1 (its scale is the same mean absolute difference)
SELECT method, alpha, mae, pg_temp.close(rmse, sqrt(153 / 6.0)) AS rmse, mase, bias
  FROM dp.forecast_fit('month 2024-01-01 [4,8,6,10,2,0,7]', 'naive');
-- every method on the intermittent history: the parameters each one reports
-- (croston, sba, tsb: alpha and beta estimated within [0.01, 0.3]), MAE <= RMSE
SELECT f.method, f.alpha IS NOT NULL AS has_alpha, f.beta IS NOT NULL AS has_beta, f.phi IS NOT NULL AS has_phi,
       CASE WHEN f.method IN ('croston', 'sba', 'tsb') THEN f.alpha BETWEEN 0.01 AND 0.3 AND f.beta BETWEEN 0.01 AND 0.3 END AS in_box,
       f.mae <= f.rmse AS mae_le_rmse
  FROM unnest(ARRAY['naive', 'mean', 'moving_average', 'ses', 'holt', 'damped', 'croston', 'sba', 'tsb', 'adida']) WITH ORDINALITY m(m, ord),
       ref, dp.forecast_fit(v, m) f
 WHERE name = 'intermittent' ORDER BY ord;
-- mean: forecasts are running means of the earlier values (computed in SQL)
SELECT pg_temp.close(f.mae, x.mae) AS mae, pg_temp.close(f.bias, x.bias) AS bias
  FROM dp.forecast_fit('month 2024-01-01 [4,8,6,10,2,0,7]', 'mean') f,
       (SELECT avg(abs(e)) mae, avg(e) bias
          FROM (SELECT y - avg(y) OVER (ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) e, t
                  FROM unnest('{4,8,6,10,2,0,7}'::float8[]) WITH ORDINALITY u(y, t)) s WHERE t >= 2) x;
-- moving average window 2: forecasts the mean of the last min(2, t-1) values
SELECT pg_temp.close(f.mae, x.mae) AS mae
  FROM dp.forecast_fit('month 2024-01-01 [4,8,6,10,2,0,7]', 'moving_average', window_size => 2) f,
       (SELECT avg(abs(e)) mae
          FROM (SELECT y - avg(y) OVER (ORDER BY t ROWS BETWEEN 2 PRECEDING AND 1 PRECEDING) e, t
                  FROM unnest('{4,8,6,10,2,0,7}'::float8[]) WITH ORDINALITY u(y, t)) s WHERE t >= 2) x;
-- croston [0,0,4,0,2] alpha 0.5: forecasts after the first demand 4/3, 4/3: errors
-- -4/3, 2/3: MAE 1, bias -1/3; a single value has no error: NULL statistics
SELECT method, mae, pg_temp.close(bias, -1 / 3.0) AS bias FROM dp.forecast_fit('week 2024-01-01 [0,0,4,0,2]', 'croston', alpha => 0.5);
SELECT * FROM dp.forecast_fit('month 2024-01-01 [5]', 'naive');
-- a constant history has no first differences: MASE NULL
SELECT mae, mase FROM dp.forecast_fit('month 2024-01-01 [3,3,3,3]', 'ses', alpha => 0.5);

-- ---- the optimiser: never worse than a 0.01 grid (grid computed here) ----

-- ses: alpha in [0.01, 0.99]
SELECT alpha BETWEEN 0.01 AND 0.99 AS in_box,
       pg_temp.ses_sse(v::float8[], alpha) <= (SELECT min(pg_temp.ses_sse(v::float8[], g / 100.0)) FROM generate_series(1, 99) g) * (1 + 1e-12) AS grid_ok,
       pg_temp.close(rmse ^ 2 * 7, pg_temp.ses_sse(v::float8[], alpha)) AS rmse_is_sse
  FROM ref, dp.forecast_fit(v, 'ses') WHERE name = 'trend';
CREATE TEMP TABLE noisy AS
  SELECT dp.capvec('month', '2020-01-01', array_agg(50 + 1.5 * t + ((t * 7919) % 23) ORDER BY t)) v
    FROM generate_series(1, 30) t;
SELECT pg_temp.ses_sse(v::float8[], alpha) <= (SELECT min(pg_temp.ses_sse(v::float8[], g / 100.0)) FROM generate_series(1, 99) g) * (1 + 1e-12) AS ses_grid_ok
  FROM noisy, dp.forecast_fit(v, 'ses');
-- holt: alpha, beta in [0.0001, 0.9999], the full 99 x 99 grid
SELECT alpha BETWEEN 0.0001 AND 0.9999 AND beta BETWEEN 0.0001 AND 0.9999 AS in_box,
       pg_temp.trend_sse(v::float8[], alpha, beta, 1) <=
         (SELECT min(pg_temp.trend_sse(v::float8[], a / 100.0, b / 100.0, 1))
            FROM generate_series(1, 99) a, generate_series(1, 99) b) * (1 + 1e-12) AS holt_grid_ok
  FROM noisy, dp.forecast_fit(v, 'holt');
-- damped with alpha given: beta x phi grid (phi in [0.8, 0.98]); with alpha and
-- beta given: phi alone
SELECT phi BETWEEN 0.8 AND 0.98 AS in_box,
       pg_temp.trend_sse(v::float8[], 0.3, beta, phi) <=
         (SELECT min(pg_temp.trend_sse(v::float8[], 0.3, b / 100.0, p / 100.0))
            FROM generate_series(1, 99) b, generate_series(80, 98) p) * (1 + 1e-12) AS damped_grid_ok
  FROM noisy, dp.forecast_fit(v, 'damped', alpha => 0.3);
SELECT alpha, beta, pg_temp.trend_sse(v::float8[], 0.5, 0.3, phi) <=
         (SELECT min(pg_temp.trend_sse(v::float8[], 0.5, 0.3, p / 100.0)) FROM generate_series(80, 98) p) * (1 + 1e-12) AS phi_grid_ok
  FROM ref, dp.forecast_fit(v, 'damped', alpha => 0.5, beta => 0.3) WHERE name = 'trend';
-- the optimised forecast is the recursion's forecast at the chosen parameters
SELECT pg_temp.close((dp.forecast(v, 3, 'holt')::float8[])[3], pg_temp.trend_fc(v::float8[], f.alpha, f.beta, 1, 3)) AS holt_consistent
  FROM noisy, dp.forecast_fit(v, 'holt') f;

-- ---- intervals --------------------------------------------------------------

-- ses 0.3, level 0.9 (docs/reference.md): h = 1 [129.7894581458308, 218.61299665416914],
-- h = 3 [125.95769733661251, 222.44475746338742]; h = 2 by hand: sigma = RMSE,
-- z = 1.6448536269514722, multiplier sqrt(1 + 0.09)
SELECT period_start, round(forecast::numeric, 9) AS forecast, round(lower::numeric, 9) AS lower, round(upper::numeric, 9) AS upper
  FROM ref, dp.forecast_interval(v, 3, 'ses', level => 0.9, alpha => 0.3) WHERE name = 'trend';
SELECT bool_and(pg_temp.close(i.upper - i.forecast, 1.6448536269514722 * f.rmse * sqrt(1 + (h - 1) * 0.09))) AS ses_width
  FROM ref, dp.forecast_fit(v, 'ses', alpha => 0.3) f,
       dp.forecast_interval(v, 3, 'ses', alpha => 0.3) WITH ORDINALITY i(period_start, forecast, lower, upper, h)
 WHERE name = 'trend';
-- holt and damped: Hyndman et al. (2008) Table 6.1 class 1, b = alpha beta:
-- AAN  1 + (h-1)(a^2 + a b h + b^2 h (2h-1) / 6)
-- AAdN 1 + a^2 (h-1) + b phi h (2a(1-phi) + b phi) / (1-phi)^2
--        - b phi (1-phi^h)(2a(1-phi^2) + b phi (1 + 2 phi - phi^h)) / ((1-phi)^2 (1-phi^2))
SELECT bool_and(pg_temp.close(i.upper - i.forecast,
         1.959963984540054 * f.rmse * sqrt(1 + (h - 1) * (0.25 + 0.075 * h + 0.0225 * h * (2 * h - 1) / 6)))) AS holt_width
  FROM ref, dp.forecast_fit(v, 'holt', alpha => 0.5, beta => 0.3) f,
       dp.forecast_interval(v, 8, 'holt', level => 0.95, alpha => 0.5, beta => 0.3) WITH ORDINALITY i(period_start, forecast, lower, upper, h)
 WHERE name = 'trend';
SELECT bool_and(pg_temp.close(i.upper - i.forecast,
         1.6448536269514722 * f.rmse * sqrt(1 + 0.25 * (h - 1) + 0.15 * 0.9 * h * (2 * 0.5 * 0.1 + 0.15 * 0.9) / 0.01
           - 0.15 * 0.9 * (1 - 0.9 ^ h) * (2 * 0.5 * 0.19 + 0.15 * 0.9 * (1 + 1.8 - 0.9 ^ h)) / (0.01 * 0.19)))) AS damped_width
  FROM ref, dp.forecast_fit(v, 'damped', alpha => 0.5, beta => 0.3, phi => 0.9) f,
       dp.forecast_interval(v, 8, 'damped', alpha => 0.5, beta => 0.3, phi => 0.9) WITH ORDINALITY i(period_start, forecast, lower, upper, h)
 WHERE name = 'trend';
-- croston: sqrt(h); lower clipped at 0 (z sigma is larger than the forecast here)
SELECT bool_and(pg_temp.close(i.upper - i.forecast, 1.6448536269514722 * f.rmse * sqrt(h))) AS croston_width,
       bool_and(i.lower = 0) AS clipped
  FROM ref, dp.forecast_fit(v, 'croston') f,
       dp.forecast_interval(v, 4, 'croston') WITH ORDINALITY i(period_start, forecast, lower, upper, h)
 WHERE name = 'intermittent';
-- no in-sample error (one value): the forecast, without bounds; horizon 0: no rows
SELECT * FROM dp.forecast_interval('quarter 2024-01-01 [5]', 2, 'naive');
SELECT count(*) FROM dp.forecast_interval('quarter 2024-01-01 [5,6]', 0, 'naive');
-- auto intervals use the chosen method's forecast
SELECT bool_and(i.forecast = f) AS same
  FROM ref, dp.forecast_interval(v, 3) WITH ORDINALITY i(period_start, forecast, lower, upper, h),
       LATERAL (SELECT (dp.forecast(v, 3)::float8[])[h] f) x WHERE name = 'intermittent';

-- ---- demand classes ----------------------------------------------------------

-- ADI = n / non-zero periods, CV^2 = (population sd / mean)^2 of the sizes:
-- [10,12,9,11] ADI 1, CV^2 0.0118 smooth; [1,20,2,30] ADI 1, CV^2 0.89 erratic;
-- reference intermittent: ADI 16/6 = 2.67, sizes 3,5,2,4,1,6 CV^2 0.159;
-- [0,1,0,0,30,0] ADI 3, CV^2 0.87 lumpy; no demand: NULL
SELECT c, dp.demand_class(v::dp.capvec)
  FROM (VALUES ('smooth', 'month 2024-01-01 [10,12,9,11]'), ('erratic', 'month 2024-01-01 [1,20,2,30]'),
               ('intermittent', 'month 2023-01-01 [0,3,0,0,5,0,2,0,0,0,4,1,0,6,0,0]'),
               ('lumpy', 'month 2024-01-01 [0,1,0,0,30,0]'), ('none', 'month 2024-01-01 [0,0,0]'),
               ('empty', 'month 2024-01-01 []')) x(c, v);
-- the cut-offs themselves are not below: sizes 3 and 17 (CV^2 = 49/100), and 25
-- demands in 33 periods (ADI = 1.32)
SELECT dp.demand_class('month 2024-01-01 [3,17]') AS cv2_edge,
       dp.demand_class(dp.capvec('month', '2024-01-01', array_cat(array_fill(5::float8, ARRAY[25]), array_fill(0::float8, ARRAY[8])))) AS adi_edge;

-- ---- auto ----------------------------------------------------------------------

-- smooth histories: the median of four forecasts, each computed here by its own method:
-- ets, ets with a damped trend (model ZAdZ), otm and dotm (an exact line as history)
SELECT f.method, f.model, f.alpha IS NULL AS no_alpha, f.season_length,
       bool_and(pg_temp.close(a, (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x)
                                    FROM unnest(ARRAY[e, d, o, dt]) x), 1e-12)) AS median_of_parts
  FROM (SELECT 'month 2024-01-01 [10,13,16,19,22,25,28,31,34,37,40,43]'::dp.capvec v) s,
       dp.forecast_fit(v) f,
       LATERAL unnest(dp.forecast(v, 4)::float8[], dp.forecast(v, 4, 'ets')::float8[],
                      dp.forecast(v, 4, 'ets', model => 'ZAdZ')::float8[], dp.forecast(v, 4, 'otm')::float8[],
                      dp.forecast(v, 4, 'dotm')::float8[]) u(a, e, d, o, dt)
 GROUP BY f.method, f.model, f.alpha, f.season_length;
-- constant: every alpha of ses fits exactly; auto uses ses, whose search keeps 0.01
SELECT method, alpha FROM dp.forecast_fit('month 2024-01-01 [7,7,7,7,7,7,7,7]');
-- no demand, or a single period: naive
SELECT (dp.forecast_fit('month 2024-01-01 [0,0,0,0]')).method, dp.forecast('month 2024-01-01 [0,0,0,0]', 2),
       (dp.forecast_fit('month 2024-01-01 [4]')).method, dp.forecast('month 2024-01-01 [4]', 2);
-- intermittent histories: IMAPA shrunk by max(0, 1 - v / f^2), v = s^2 sum w_t^2 the
-- variance of the IMAPA forecast f = sum w_t y_t.  Here 14 demands in 20 periods, the last
-- in period 20: the mean interval 20/14 rounds to 1, so IMAPA is SES with alpha on
-- [0.1, 0.3] (checked against a grid) and the level from y_1: w_1 = (1 - a)^19,
-- w_t = a (1 - a)^(20 - t); s^2 the sample variance.
CREATE TEMP TABLE sparse AS SELECT 'month 2024-01-01 [3,0,5,0,4,4,6,0,2,7,0,3,5,0,4,0,6,3,5,4]'::dp.capvec v;
SELECT f.alpha BETWEEN 0.1 AND 0.3 AS in_box, pg_temp.ses_sse(v::float8[], f.alpha) <=
         (SELECT min(pg_temp.ses_sse(v::float8[], g / 1000.0)) FROM generate_series(100, 300) g) AS grid_ok
  FROM sparse, dp.forecast_fit(v, 'imapa') f;
WITH a AS (SELECT alpha AS a FROM sparse, dp.forecast_fit(v, 'imapa')),
     w AS (SELECT t, y, CASE WHEN t = 1 THEN (1 - a) ^ 19 ELSE a * (1 - a) ^ (20 - t) END AS w
             FROM sparse, a, unnest(v::float8[]) WITH ORDINALITY u(y, t)),
     k AS (SELECT sum(w * y) AS f, var_samp(y) * sum(w * w) AS v FROM w)
SELECT pg_temp.close((dp.forecast(s.v, 1)::float8[])[1], f * greatest(0, 1 - k.v / (f * f)), 1e-12) AS shrunk,
       pg_temp.close((dp.forecast(s.v, 1, 'imapa')::float8[])[1], f, 1e-12) AS imapa,
       (dp.forecast_fit(s.v)).method, (dp.forecast_fit(s.v)).model LIKE 'IMAPA x 0.%' AS model
  FROM sparse s, k;
-- the reference intermittent history is shrunk too; a lone demand is not told from zero: 0
SELECT method, model LIKE 'IMAPA x %' AS imapa_shrunk FROM ref, dp.forecast_fit(v) WHERE name = 'intermittent';
SELECT dp.forecast('month 2024-01-01 [0,0,0,0,0,3,0,0,0,0,0,0]', 2) AS lone;

-- ---- NULLs, empty and long horizons, huge values --------------------------------

SELECT dp.forecast(NULL, 3) IS NULL AS a, dp.forecast('month 2024-01-01 [1]', NULL) IS NULL AS b,
       dp.forecast('month 2024-01-01 [1]', 1, NULL) IS NULL AS c, dp.forecast_fit(NULL) IS NULL AS d,
       (SELECT count(*) FROM dp.forecast_interval('month 2024-01-01 [1]', 2, level => NULL)) AS e,
       dp.demand_class(NULL) IS NULL AS f;
-- NULL parameters mean "not given"
SELECT dp.forecast(v, 1, 'croston', alpha => NULL) = dp.forecast(v, 1, 'croston') AS null_alpha FROM ref WHERE name = 'intermittent';
SELECT dp.forecast('month 2024-01-01 [1,2,3]', 0, 'naive') AS empty;
SELECT dp.length(f), dp.start_date(f), (f::float8[])[1000000] AS last
  FROM dp.forecast('day 2000-01-01 [1,2,3]', 1000000, 'naive') f;
-- scale-equivariant: 2^900 times a history gives 2^900 times the forecast
SELECT dp.forecast(v * 2 ^ 900, 2, 'holt') = dp.forecast(v, 2, 'holt') * 2 ^ 900 AS holt_scaled,
       (dp.forecast_fit(v * 2 ^ 900, 'ses')).alpha = (dp.forecast_fit(v, 'ses')).alpha AS same_alpha
  FROM noisy;

-- ---- interval bounds, huge demand, levels near 1, the calendar's end -----------

-- a method that takes any history does not clip lower at 0: never above the
-- forecast (SES on [-10,-12,-11,-13], alpha 0.5, level from the first value:
-- levels -10, -11, -11, -12, one-step errors -2, 0, -2, rmse sqrt(8/3);
-- h steps ahead sd rmse sqrt(1 + (h - 1) alpha^2); z(0.9) = 1.2815515655446004)
SELECT period_start, forecast,
       pg_temp.close(lower, -12 - 1.2815515655446004 * sqrt(8.0 / 3) * sqrt(1 + (k - 1) * 0.25), 1e-12) AS lower_unclipped,
       lower <= forecast AND forecast <= upper AS ordered
  FROM dp.forecast_interval('month 2024-01-01 [-10,-12,-11,-13]', 2, 'ses', level => 0.8, alpha => 0.5)
       WITH ORDINALITY AS i(period_start, forecast, lower, upper, k);
-- a method that needs non-negative demand clips at 0, and never above the forecast
SELECT bool_and(lower >= 0 AND lower <= forecast AND forecast <= upper) AS clipped_and_ordered
  FROM dp.forecast_interval('month 2024-01-01 [0,3,0,0,5,0,1,0]', 4, 'croston');
-- the sums of huge demand do not overflow: the class is the scale's
SELECT dp.demand_class('month 2024-01-01 [1e308,1e308]') AS huge, dp.demand_class('month 2024-01-01 [1e307,1e307]') AS large,
       dp.demand_class('month 2024-01-01 [1.7976931348623157e308,1e-300,0,1e308]') AS mixed;
-- a level just below 1 passes the range check and gives finite bounds
SELECT bool_and(upper < 'Infinity' AND lower > '-Infinity') AS finite
  FROM dp.forecast_interval('month 2024-01-01 [1,2,3,4]', 2, 'ses', level => 0.9999999999999999, alpha => 0.5);
-- an empty forecast of a history ending on 9999-12-31: empty in its last period, not 22008
SELECT dp.forecast('day 9999-12-31 [5]', 0) AS day_end, dp.forecast('month 9999-12-01 [5]', 0, 'naive') AS month_end;
SELECT count(*) FROM dp.forecast_interval('day 9999-12-30 [5,6]', 0, 'naive');
