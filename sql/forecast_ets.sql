-- dp.forecast* with method ets.  Expected values come from R 4.2.2 with forecast 8.20
-- (test/reference/make_forecast_reference.R, which records how): with every smoothing
-- parameter fixed, the maximum-likelihood initial states of an additive-error model are
-- the least-squares ones (R's lm on R's own recursion), for multiplicative errors R's
-- likelihood minimised by R's optim; with parameters estimated, the log-likelihood
-- R's ets() reaches, which the fit here must match or beat.
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';

\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/forecast_series.psql
INSERT INTO s VALUES ('trend', 'month 2023-01-01 [120,132,141,155,162,178,185,199]');

-- ---- fixed smoothing parameters: R's least-squares / maximum-likelihood states ----

-- ETS(A,N,N), alpha 0.3 (R: l0 142.603842502016): loglik -33.279517027927, AICc
-- 72.959034055854 (2 parameters: l0 and sigma), forecast 175.504293938595
SELECT f.method, f.model, f.alpha, f.beta IS NULL AS no_beta, f.season_length,
       pg_temp.close(f.loglik, -33.279517027927) AS loglik, pg_temp.close(f.aicc, 72.959034055854) AS aicc,
       pg_temp.all_close(dp.forecast(v, 4, 'ets', alpha => 0.3, model => 'ANN')::float8[],
                         ARRAY[175.504293938595, 175.504293938595, 175.504293938595, 175.504293938595]) AS forecasts
  FROM s, dp.forecast_fit(v, 'ets', alpha => 0.3, model => 'ANN') f WHERE name = 'trend';
-- ETS(A,Ad,N), alpha 0.5, beta 0.1, phi 0.9 on noisy (R: l0 59.129511842288, b0 3.090514257560)
SELECT f.model, f.alpha, f.beta, f.phi, pg_temp.close(f.loglik, -116.026359840182) AS loglik,
       pg_temp.close(f.aicc, 238.975796603441) AS aicc,
       pg_temp.all_close(dp.forecast(v, 6, 'ets', alpha => 0.5, beta => 0.1, phi => 0.9, model => 'AAdN')::float8[],
         ARRAY[104.481382294921, 104.923231309413, 105.320895422456, 105.678793124194, 106.000901055759, 106.290798194167]) AS forecasts
  FROM s, dp.forecast_fit(v, 'ets', alpha => 0.5, beta => 0.1, phi => 0.9, model => 'AAdN') f WHERE name = 'noisy';
-- ETS(A,A,A), alpha 0.3, beta 0.05, gamma 0.2 on air, m = 12 (13 initial states)
SELECT f.model, f.gamma, f.season_length, pg_temp.close(f.loglik, -179.220191006030) AS loglik,
       pg_temp.close(f.aicc, 399.167654739332) AS aicc,
       pg_temp.all_close(dp.forecast(v, 14, 'ets', alpha => 0.3, beta => 0.05, gamma => 0.2, model => 'AAA')::float8[],
         ARRAY[200.040970776740, 208.371917868298, 226.435516086104, 217.887208205595, 217.842324653507,
               238.418890929987, 254.496601216086, 257.480698449779, 237.973218542371, 218.210528226462,
               201.590298836644, 223.040093119748, 227.330312649844, 235.661259741402], 1e-7) AS forecasts
  FROM s, dp.forecast_fit(v, 'ets', alpha => 0.3, beta => 0.05, gamma => 0.2, model => 'AAA') f WHERE name = 'air';
-- ETS(M,A,N), alpha 0.5, beta 0.1 on noisy: R's optimum -115.518072323390
SELECT f.model, pg_temp.close(f.loglik, -115.518072323390, 1e-10) AS loglik,
       pg_temp.all_close(dp.forecast(v, 6, 'ets', alpha => 0.5, beta => 0.1, model => 'MAN')::float8[],
         ARRAY[105.691697568250, 106.783148408617, 107.874599248984, 108.966050089351, 110.057500929718, 111.148951770085], 1e-7) AS forecasts
  FROM s, dp.forecast_fit(v, 'ets', alpha => 0.5, beta => 0.1, model => 'MAN') f WHERE name = 'noisy';
-- ETS(M,A,M), alpha 0.3, beta 0.05, gamma 0.2 on air: R's optimum -171.722600270707 (R's
-- ets() itself stops at -171.800714699125); forecasts to 5e-6 (the likelihood is so flat
-- near its optimum that states 1e-8 apart in log-likelihood give forecasts 1e-6 apart)
SELECT f.model, f.loglik >= -171.722600270707 - 1e-7 AS at_least_r, pg_temp.close(f.loglik, -171.722600270707, 1e-9) AS loglik,
       pg_temp.all_close(dp.forecast(v, 14, 'ets', alpha => 0.3, beta => 0.05, gamma => 0.2, model => 'MAM')::float8[],
         ARRAY[197.082530771280, 208.311237698077, 234.325847723061, 222.494148322644, 220.491721332429,
               249.616166755063, 274.113489631887, 278.450335317290, 252.252376330534, 222.273272350855,
               196.402784831920, 225.829494996344, 228.682239776714, 241.270939335153], 5e-6) AS forecasts
  FROM s, dp.forecast_fit(v, 'ets', alpha => 0.3, beta => 0.05, gamma => 0.2, model => 'MAM') f WHERE name = 'air';

-- ---- prediction intervals: R's class1, class2 and class3 at the same states ----
-- 95% half-widths with sigma^2 = SSE / (n - estimated initial states);
-- half_widths(series, horizon, model, alpha, beta, gamma, phi): those of ets on series s.name
CREATE FUNCTION pg_temp.half_widths(series text, horizon int, model text, alpha float8, beta float8,
                                    gamma float8 DEFAULT NULL, phi float8 DEFAULT NULL) RETURNS float8[]
LANGUAGE sql STABLE AS $$
  SELECT array_agg((i.upper - i.lower) / 2 ORDER BY i.period_start)
    FROM pg_temp.s, dp.forecast_interval(s.v, horizon, 'ets', level => 0.95, alpha => alpha, beta => beta,
                                         gamma => gamma, phi => phi, model => model) i
   WHERE s.name = series $$;
SELECT pg_temp.all_close(pg_temp.half_widths('noisy', 6, 'AAdN', 0.5, 0.1, phi => 0.9),
         ARRAY[17.7142459317, 20.5676050499, 23.7552000830, 27.1654081286, 30.7179257334, 34.3557256834], 1e-9) AS aadn_class1;
SELECT pg_temp.all_close(pg_temp.half_widths('air', 14, 'AAA', 0.3, 0.05, gamma => 0.2),
         ARRAY[13.8599868694, 14.6843928180, 15.6960909208, 16.8898598422, 18.2562913675, 19.7838872164, 21.4606131869,
               23.2748758445, 25.2160359935, 27.2746089154, 29.4422791668, 31.7118195719, 35.1863549710, 37.5692578667], 1e-9) AS aaa_class1;
SELECT pg_temp.all_close(pg_temp.half_widths('noisy', 6, 'MAN', 0.5, 0.1),
         ARRAY[21.9507207585, 25.8310870686, 30.3389361562, 35.3988567516, 40.9531081209, 46.9590238445], 1e-6) AS man_class2;
SELECT pg_temp.all_close(pg_temp.half_widths('air', 14, 'MAM', 0.3, 0.05, gamma => 0.2),
         ARRAY[15.1598675317, 16.9538019660, 20.3251828475, 20.6741748120, 22.0179689563, 26.8282953893, 31.7164318434,
               34.6593708208, 33.7307268445, 31.8717089305, 30.1362430029, 36.9981531553, 41.2601761759, 46.1007029657], 1e-5) AS mam_class3;
-- intervals are centred on the forecast (classes 1 and 2 symmetric about the mean)
SELECT bool_and(pg_temp.close((upper + lower) / 2, forecast, 1e-12)) AS centred
  FROM s, dp.forecast_interval(v, 6, 'ets', level => 0.8, alpha => 0.5, beta => 0.1, model => 'MAN') WHERE name = 'noisy';

-- ---- everything estimated: at least R's log-likelihood ----
-- R's ets(): noisy ANN -115.6381531525, MNN -115.9221415008, AAN -108.0363876238,
-- MAN -108.2149443926; air ANA -183.3334706766, MNM -193.4192301493, MAM -169.0604572358,
-- MAdM -168.9036116730 (R's Nelder-Mead stops short on the seasonal models)
SELECT r.model, f.model AS fitted, f.loglik >= r.loglik - 1e-6 * abs(r.loglik) AS at_least_r,
       pg_temp.close(f.aicc, -2 * f.loglik + 2 * (r.k + 1) + 2.0 * (r.k + 1) * (r.k + 2) / (dp.length(v) - r.k - 2), 1e-12) AS aicc_formula,
       f.alpha BETWEEN 1e-4 AND 0.9999 AS alpha_in_box,
       coalesce(f.beta BETWEEN 1e-4 AND f.alpha, true) AS beta_in_box,
       coalesce(f.gamma BETWEEN 1e-4 AND 1 - f.alpha, true) AS gamma_in_box,
       coalesce(f.phi BETWEEN 0.8 AND 0.98, true) AS phi_in_box
  FROM (VALUES ('noisy', 'ANN', -115.6381531525, 2), ('noisy', 'MNN', -115.9221415008, 2),
               ('noisy', 'AAN', -108.0363876238, 4), ('noisy', 'MAN', -108.2149443926, 4),
               ('air', 'ANA', -183.3334706766, 14), ('air', 'MNM', -193.4192301493, 14),
               ('air', 'MAM', -169.0604572358, 16), ('air', 'MAdM', -168.9036116730, 17)) r(series, model, loglik, k)
  JOIN s ON s.name = r.series, dp.forecast_fit(v, 'ets', model => r.model) f
 ORDER BY r.series, r.model;

-- ---- model choice: the smallest AICc among the models the letters allow ----
-- Z chooses error A or M, trend none or damped, season none, A or M (an undamped trend
-- only when asked for); additive errors never with a multiplicative season
-- (the candidates are fitted with a looser search than a single model and the winner then
-- polished: its AICc equals the single model's to the polishing tolerance)
SELECT m.model AS requested, f.model AS chosen,
       f.model = (SELECT (dp.forecast_fit(s.v, 'ets', model => c)).model FROM unnest(m.candidates) c
                   ORDER BY (dp.forecast_fit(s.v, 'ets', model => c)).aicc LIMIT 1) AS smallest_aicc,
       pg_temp.close(f.aicc, (SELECT min((dp.forecast_fit(s.v, 'ets', model => c)).aicc) FROM unnest(m.candidates) c), 1e-9) AS its_aicc
  FROM s, (VALUES ('ZZZ', ARRAY['ANN','AAdN','ANA','AAdA','MNN','MAdN','MNA','MAdA','MNM','MAdM']),
                  ('AZZ', ARRAY['ANN','AAdN','ANA','AAdA']),
                  ('ZAZ', ARRAY['AAN','AAA','MAN','MAA','MAM']),
                  ('MZM', ARRAY['MNM','MAdM']),
                  ('ZNN', ARRAY['ANN','MNN'])) m(model, candidates),
       dp.forecast_fit(s.v, 'ets', model => m.model) f
 WHERE s.name = 'air' ORDER BY m.model;
-- the default is ZZZ; ets without a calendar season (yearly) fits no season
SELECT (dp.forecast_fit(v, 'ets')).model = (dp.forecast_fit(v, 'ets', model => 'ZZZ')).model AS default_zzz FROM s WHERE name = 'air';
SELECT model, season_length FROM s, dp.forecast_fit(v, 'ets') WHERE name = 'noisy';
-- season_length overrides the period's: 1 turns the season off, 4 on monthly data
SELECT (dp.forecast_fit(v, 'ets', season_length => 1)).model AS none,
       (dp.forecast_fit(v, 'ets', model => 'ANA', season_length => 4)).season_length AS four
  FROM s WHERE name = 'air';
-- lower-case letters
SELECT (dp.forecast_fit(v, 'ets', model => 'mam')).model FROM s WHERE name = 'air';

-- ---- short histories fall back: no season, then no trend ----
-- 12 monthly values are not more than one season: MAM is fitted as MAN; 5 values: ANN
SELECT (dp.forecast_fit(dp.slice(v, '1949-01-01', '1950-01-01'), 'ets', model => 'MAM')).model AS twelve,
       (dp.forecast_fit(dp.slice(v, '1949-01-01', '1949-06-01'), 'ets', model => 'AAdA')).model AS five
  FROM s WHERE name = 'air';

-- ---- the point forecast is the model's recursion from the final states ----
-- ANN: flat at the last level; AAdN: l + (phi + ... + phi^h) b grows by phi^h b
SELECT bool_and(pg_temp.close(f[h + 1] - f[h], (f[2] - f[1]) * 0.9 ^ (h - 1), 1e-9)) AS damped_steps
  FROM s, LATERAL (SELECT dp.forecast(v, 8, 'ets', alpha => 0.5, beta => 0.1, phi => 0.9, model => 'AAdN')::float8[] f) x,
       generate_series(1, 7) h WHERE name = 'noisy';
-- additive season: forecasts 12 periods apart differ by 12 trend steps
SELECT bool_and(pg_temp.close(f[h + 12] - f[h], f[13] - f[1], 1e-9)) AS seasonal_repeat
  FROM s, LATERAL (SELECT dp.forecast(v, 24, 'ets', alpha => 0.3, beta => 0.05, gamma => 0.2, model => 'AAA')::float8[] f) x,
       generate_series(1, 12) h WHERE name = 'air';
-- in-sample errors: RMSE^2 n is the SSE of R's additive-error likelihood: n log(SSE) = -2 loglik
SELECT pg_temp.close(48 * ln(rmse ^ 2 * 48), -2 * loglik, 1e-12) AS sse_is_likelihood
  FROM s, dp.forecast_fit(v, 'ets', alpha => 0.3, beta => 0.05, gamma => 0.2, model => 'AAA') WHERE name = 'air';
-- scale: 2^600 times the history, 2^600 times the forecast; the log-likelihood moves by -n log 2^600
SELECT dp.forecast(v * 2 ^ 600, 3, 'ets', model => 'MAM') = dp.forecast(v, 3, 'ets', model => 'MAM') * 2 ^ 600 AS scaled,
       pg_temp.close((dp.forecast_fit(v * 2 ^ 600, 'ets', model => 'MAM')).loglik,
                     (dp.forecast_fit(v, 'ets', model => 'MAM')).loglik - 48 * 600 * ln(2), 1e-12) AS loglik_shift
  FROM s WHERE name = 'air';
