-- dp.forecast* with methods theta, otm and dotm.  Expected values: R 4.2.2 forecast 8.20
-- thetaf() (test/reference/make_forecast_reference.R), and PL/pgSQL recursions written here
-- from the published definitions (Assimakopoulos & Nikolopoulos 2000 as R's thetaf runs
-- it; Fiorucci et al. 2016 for OTM and DOTM), fed with the parameters the fit reports.
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';

\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/forecast_series.psql
-- season60: (100 + t)(1 + 0.3 sin(2 pi t / 12)) + (7919 t mod 23), t = 1..60
INSERT INTO s SELECT 'season60', dp.capvec('month', '2000-01-01',
                     array_agg((100 + t) * (1 + 0.3 * sin(2 * pi() * t / 12)) + ((t * 7919) % 23) ORDER BY t))
  FROM generate_series(1, 60) t;

-- ---- theta against R's thetaf ----
-- noisy (R alpha 0.385699608470) and air (no season by the test; R's alpha stops at
-- 0.999899947614, here the bound 0.9999): forecasts to 1e-6
SELECT name, pg_temp.all_close(dp.forecast(v, 6, 'theta')::float8[],
         ARRAY[104.3579313016, 105.0850169524, 105.8121026031, 106.5391882538, 107.2662739045, 107.9933595552], 1e-6) AS r_thetaf,
       pg_temp.close((dp.forecast_fit(v, 'theta')).alpha, 0.385699608470, 1e-4) AS alpha
  FROM s WHERE name = 'noisy';
SELECT name, pg_temp.all_close(dp.forecast(v, 18, 'theta')::float8[],
         ARRAY[194.9727663207, 195.9476360558, 196.9225057909, 197.8973755260, 198.8722452612, 199.8471149963,
               200.8219847314, 201.7968544666, 202.7717242017, 203.7465939368, 204.7214636719, 205.6963334071,
               206.6712031422, 207.6460728773, 208.6209426125, 209.5958123476, 210.5706820827, 211.5455518178], 1e-6) AS r_thetaf,
       (dp.forecast_fit(v, 'theta')).season_length
  FROM s WHERE name = 'air';
-- season60: seasonal (R alpha 0.304500365832)
SELECT name, pg_temp.all_close(dp.forecast(v, 14, 'theta')::float8[],
         ARRAY[202.0449617654, 214.7505861494, 223.8208884926, 220.2495226360, 197.4808890236, 175.0167795931,
               148.5151507205, 132.1758327791, 127.9451218618, 128.6374881330, 147.9855084547, 182.0219685441,
               209.1707190136, 222.3022531333], 1e-6) AS r_thetaf,
       (dp.forecast_fit(v, 'theta')).season_length, (dp.forecast_fit(v, 'theta')).theta
  FROM s WHERE name = 'season60';

-- ---- theta by hand: seasonality test, decomposition, SES, drift ----
-- the lag-m autocorrelation against qnorm(0.95) sqrt((1 + 2 sum_{k<m} r_k^2) / n)
CREATE FUNCTION pg_temp.seasonal(y float8[], m int) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE n int := cardinality(y); mu float8; c0 float8 := 0; c float8; s2 float8 := 0; rm float8;
BEGIN
  IF m <= 1 OR n <= 2 * m THEN RETURN false; END IF;
  SELECT avg(x) INTO mu FROM unnest(y) x;
  FOR t IN 1 .. n LOOP c0 := c0 + (y[t] - mu) ^ 2; END LOOP;
  FOR k IN 1 .. m LOOP
    c := 0;
    FOR t IN 1 .. n - k LOOP c := c + (y[t] - mu) * (y[t + k] - mu); END LOOP;
    IF k < m THEN s2 := s2 + (c / c0) ^ 2; ELSE rm := c / c0; END IF;
  END LOOP;
  RETURN abs(rm) / sqrt((1 + 2 * s2) / n) > 1.6448536269514722;
END $$;
-- classical multiplicative decomposition: figures by position, from the centred 2x12 average
CREATE FUNCTION pg_temp.figures(y float8[], m int) RETURNS float8[] LANGUAGE sql IMMUTABLE AS $$
  WITH v AS (SELECT t, x FROM unnest(y) WITH ORDINALITY u(x, t)),
       tr AS (SELECT t, x, (SELECT (0.5 * a.x + 0.5 * b.x + (SELECT sum(c.x) FROM v c WHERE c.t > v.t - m / 2 AND c.t < v.t + m / 2)) / m
                              FROM v a, v b WHERE a.t = v.t - m / 2 AND b.t = v.t + m / 2) AS ma
              FROM v),
       f AS (SELECT (t - 1) % m AS j, avg(x / ma) AS fig FROM tr WHERE ma IS NOT NULL GROUP BY 1)
  SELECT array_agg(fig / (SELECT avg(fig) FROM f) ORDER BY j) FROM f $$;
-- SES with the least-squares initial level (the forecast is linear in it) plus half the slope
CREATE FUNCTION pg_temp.theta(x float8[], a float8, h int) RETURNS float8[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE n int := cardinality(x); c float8 := 0; w float8 := 1; srw float8 := 0; sww float8 := 0;
        l float8; slope float8; out float8[] := '{}';
BEGIN
  FOR t IN 1 .. n LOOP
    srw := srw + (x[t] - c) * w; sww := sww + w * w; c := c + a * (x[t] - c);
    w := CASE WHEN w < 1e-100 THEN 0 ELSE w * (1 - a) END;
  END LOOP;
  l := srw / sww;
  FOR t IN 1 .. n LOOP l := l + a * (x[t] - l); END LOOP;
  SELECT regr_slope(v, t) INTO slope FROM unnest(x) WITH ORDINALITY u(v, t);
  FOR k IN 1 .. h LOOP out := out || (l + slope / 2 * ((k - 1) + (1 - (1 - a) ^ n) / a)); END LOOP;
  RETURN out;
END $$;
SELECT pg_temp.seasonal(v::float8[], 12) AS season60_seasonal FROM s WHERE name = 'season60';
SELECT pg_temp.seasonal(v::float8[], 12) AS air_seasonal FROM s WHERE name = 'air';
-- R's decompose figure for season60: 1.170972117285 1.240961650670 ... 1.021889978514
SELECT pg_temp.all_close(pg_temp.figures(v::float8[], 12),
         ARRAY[1.170972117285, 1.240961650670, 1.289596428921, 1.265322100027, 1.131221859195, 0.999637789053,
               0.845819401433, 0.750596380490, 0.724484790251, 0.726319663476, 0.833177840685, 1.021889978514], 1e-11) AS r_figure
  FROM s WHERE name = 'season60';
WITH x AS (SELECT v, pg_temp.figures(v::float8[], 12) f, (dp.forecast_fit(v, 'theta')).alpha a FROM s WHERE name = 'season60'),
     adj AS (SELECT array_agg(y / f[(t - 1) % 12 + 1] ORDER BY t) xs, f, a FROM x, unnest(v::float8[]) WITH ORDINALITY u(y, t) GROUP BY f, a)
SELECT pg_temp.all_close(dp.forecast(s.v, 14, 'theta')::float8[],
         (SELECT array_agg(p * f[(60 + k - 1) % 12 + 1] ORDER BY k) FROM unnest(pg_temp.theta(xs, a, 14)) WITH ORDINALITY u(p, k)),
         1e-10) AS by_hand
  FROM adj, s WHERE s.name = 'season60';
-- season_length 1 turns the season off: the non-seasonal theta of the same values
SELECT pg_temp.all_close(dp.forecast(v, 6, 'theta', season_length => 1)::float8[],
         pg_temp.theta(v::float8[], (dp.forecast_fit(v, 'theta', season_length => 1)).alpha, 6), 1e-10) AS no_season
  FROM s WHERE name = 'season60';
-- intervals: sigma^2 = SSE / (n - 2) of the SES (least-squares initial level), times
-- 1 + (h - 1) alpha^2 (noisy, no season)
CREATE FUNCTION pg_temp.ses_sse_ls(x float8[], a float8) RETURNS float8 LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE n int := cardinality(x); c float8 := 0; w float8 := 1; srw float8 := 0; sww float8 := 0; l float8; sse float8 := 0;
BEGIN
  FOR t IN 1 .. n LOOP srw := srw + (x[t] - c) * w; sww := sww + w * w; c := c + a * (x[t] - c); w := w * (1 - a); END LOOP;
  l := srw / sww;
  FOR t IN 1 .. n LOOP sse := sse + (x[t] - l) ^ 2; l := l + a * (x[t] - l); END LOOP;
  RETURN sse;
END $$;
SELECT bool_and(pg_temp.close((i.upper - i.lower) / 2,
         1.959963984540054 * sqrt(pg_temp.ses_sse_ls(v::float8[], f.alpha) / 28 * (1 + (h - 1) * f.alpha ^ 2)), 1e-10)) AS theta_width
  FROM s, dp.forecast_fit(v, 'theta') f,
       dp.forecast_interval(v, 6, 'theta', level => 0.95) WITH ORDINALITY i(period_start, forecast, lower, upper, h)
 WHERE name = 'noisy';

-- ---- otm and dotm by hand ----
-- mu_1 = y_1 (dotm) or ell0 + w (A + B) (otm); then mu_{t+1} = ell_t + w (A_t (1 - a)^t
-- + B_t (1 - (1 - a)^(t+1)) / a), w = 1 - 1/theta, with A_t, B_t the least-squares line of
-- y_1..y_t updated each period (dotm) or of the whole history (otm); forecasts go on with
-- y replaced by mu.  Returns the sum of squares (from t = 3 for dotm, t = 1 for otm)
-- followed by h forecasts.
CREATE FUNCTION pg_temp.tlm(y float8[], a float8, w float8, ell0 float8, dyn boolean, h int)
RETURNS float8[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE n int := cardinality(y); ell float8 := ell0; mu float8; ybar float8; b float8; an float8; bn float8;
        at float8; bt float8; sse float8 := 0; out float8[] := '{}'; yt float8;
        first_t int := CASE WHEN dyn THEN 3 ELSE 1 END;
BEGIN
  SELECT regr_intercept(v, t), regr_slope(v, t) INTO an, bn FROM unnest(y) WITH ORDINALITY u(v, t);
  FOR t IN 1 .. n + h LOOP
    IF t = 1 THEN
      mu := CASE WHEN dyn THEN y[1] ELSE ell0 + w * (an + bn) END;
    ELSE
      at := CASE WHEN dyn THEN ybar - b * t / 2.0 ELSE an END;
      bt := CASE WHEN dyn THEN b ELSE bn END;
      mu := ell + w * (at * (1 - a) ^ (t - 1) + bt * (1 - (1 - a) ^ t) / a);
    END IF;
    IF t <= n THEN
      yt := y[t];
      IF t >= first_t THEN sse := sse + (yt - mu) ^ 2; END IF;
    ELSE
      yt := mu; out := out || mu;
    END IF;
    ell := a * yt + (1 - a) * ell;
    IF t = 1 THEN ybar := yt; b := 0;
    ELSE b := ((t - 2) * b + 6 * (yt - ybar) / t) / (t + 1); ybar := ((t - 1) * ybar + yt) / t;
    END IF;
  END LOOP;
  RETURN sse || out;
END $$;
-- the least-squares initial level at (a, w): the sum of squares is quadratic in it
CREATE FUNCTION pg_temp.tlm_ell0(y float8[], a float8, w float8, dyn boolean) RETURNS float8 LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE s0 float8 := (pg_temp.tlm(y, a, w, 0, dyn, 0))[1];
        sp float8 := (pg_temp.tlm(y, a, w, 1000, dyn, 0))[1];
        sm float8 := (pg_temp.tlm(y, a, w, -1000, dyn, 0))[1];
BEGIN
  RETURN -1000 * (sp - sm) / (2 * (sp + sm - 2 * s0));
END $$;
-- noisy (no season): the forecasts at the reported alpha and theta; alpha in [0.1, 0.99],
-- theta >= 1; no alpha on a 0.01 grid (each with its best w in [0, 1) on a 0.01 grid and
-- its best initial level) gives a smaller sum of squares
SELECT m, f.alpha BETWEEN 0.1 AND 0.99 AND f.theta >= 1 AS in_box,
       pg_temp.all_close(dp.forecast(v, 6, m)::float8[],
         (pg_temp.tlm(v::float8[], f.alpha, 1 - 1 / f.theta, pg_temp.tlm_ell0(v::float8[], f.alpha, 1 - 1 / f.theta, m = 'dotm'),
                      m = 'dotm', 6))[2:7], 1e-8) AS by_hand,
       (pg_temp.tlm(v::float8[], f.alpha, 1 - 1 / f.theta, pg_temp.tlm_ell0(v::float8[], f.alpha, 1 - 1 / f.theta, m = 'dotm'), m = 'dotm', 0))[1]
         <= (SELECT min((pg_temp.tlm(v::float8[], ga / 100.0, gw / 100.0, pg_temp.tlm_ell0(v::float8[], ga / 100.0, gw / 100.0, m = 'dotm'), m = 'dotm', 0))[1])
               FROM generate_series(10, 99, 3) ga, generate_series(0, 99, 3) gw) * (1 + 1e-12) AS grid_ok
  FROM s, unnest(ARRAY['otm', 'dotm']) m, dp.forecast_fit(v, m) f WHERE name = 'noisy' ORDER BY m;
-- season60: the same on the seasonally adjusted values, reseasonalised
WITH x AS (SELECT v, pg_temp.figures(v::float8[], 12) f FROM s WHERE name = 'season60'),
     adj AS (SELECT array_agg(y / f[(t - 1) % 12 + 1] ORDER BY t) xs, f FROM x, unnest(v::float8[]) WITH ORDINALITY u(y, t) GROUP BY f)
SELECT m, fit.season_length,
       pg_temp.all_close(dp.forecast(s.v, 14, m)::float8[],
         (SELECT array_agg(p * adj.f[(60 + k - 1) % 12 + 1] ORDER BY k)
            FROM unnest((pg_temp.tlm(xs, fit.alpha, 1 - 1 / fit.theta, pg_temp.tlm_ell0(xs, fit.alpha, 1 - 1 / fit.theta, m = 'dotm'),
                                     m = 'dotm', 14))[2:15]) WITH ORDINALITY u(p, k)), 1e-8) AS by_hand
  FROM adj, s, unnest(ARRAY['otm', 'dotm']) m, dp.forecast_fit(s.v, m) fit WHERE s.name = 'season60' ORDER BY m;
-- in-sample errors: dotm from the third period
SELECT method, rmse > 0 AS has_errors FROM s, dp.forecast_fit(v, 'dotm') WHERE name = 'noisy';
-- intervals: the first half-width is z sigma with sigma^2 = SSE / (n - 2 - 3) (dotm: 28
-- errors, 3 estimates), widening with the horizon
SELECT pg_temp.close((i.upper - i.lower) / 2, 1.959963984540054 * sqrt(f.rmse ^ 2 * 28 / 25), 1e-10) AS first_width,
       (SELECT bool_and(w2 > w1) FROM (SELECT upper - lower AS w2, lag(upper - lower) OVER (ORDER BY period_start) AS w1
                                         FROM dp.forecast_interval(v, 8, 'dotm', level => 0.95)) q WHERE w1 IS NOT NULL) AS widening
  FROM s, dp.forecast_fit(v, 'dotm') f, dp.forecast_interval(v, 1, 'dotm', level => 0.95) i WHERE name = 'noisy';
