-- Capacity modelling: dp.constant, dp.ramp, dp.posture, dp.surge,
-- dp.bottleneck, dp.binding_component, dp.date_reaching.  Each expected
-- value is derived by hand in the comment above its query.
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/err.psql

-- ---- dp.constant -------------------------------------------------------------
-- 3 months of 5; 0 periods: empty at the start; rate 0; 2 years of 1.5
SELECT dp.constant('month', '2024-01-01', 3, 5);
SELECT dp.constant('week', '2024-01-01', 0, 7);
SELECT dp.constant('Quarter', '2024-04-01', 2, 0);
SELECT dp.constant(period => 'year', start => '2024-01-01', periods => 2, rate => 1.5);
-- 1000000 days is the limit: 1000000 * 2 = 2000000
SELECT dp.length(v), dp.total(v) FROM (SELECT dp.constant('day', '2000-01-01', 1000000, 2) v) x;
SELECT dp.constant(NULL, '2024-01-01', 3, 5) IS NULL AS strict;
-- errors
SELECT pg_temp.err($$SELECT dp.constant('month', '2024-01-01', 3, -5)$$);
SELECT pg_temp.err($$SELECT dp.constant('month', '2024-01-01', 3, 'NaN')$$);
SELECT pg_temp.err($$SELECT dp.constant('month', '2024-01-01', 3, '-Infinity')$$);
SELECT pg_temp.err($$SELECT dp.constant('month', '2024-01-01', -1, 5)$$);
SELECT pg_temp.err($$SELECT dp.constant('fortnight', '2024-01-01', 3, 5)$$);
SELECT pg_temp.err($$SELECT dp.constant('month', '2024-01-15', 3, 5)$$);
SELECT pg_temp.err($$SELECT dp.constant('month', 'infinity', 3, 5)$$);
SELECT pg_temp.err($$SELECT dp.constant('day', '2024-01-01', 1000001, 5)$$);
SELECT pg_temp.err($$SELECT dp.constant('year', '9999-01-01', 2, 5)$$);

-- ---- dp.ramp -----------------------------------------------------------------
-- the README's example: ramp from February over 4 months, k = 0..5 -> 100 + 100 * min(max(k,0),4)/4
-- = [100,125,150,175,200,200]
SELECT dp.ramp('month', '2024-01-01', 6, 100, 200, ramp_start => '2024-02-01', ramp_periods => 4);
-- S-curve, 4 ramp periods from 100 to 200: L(x) = 1/(1+exp(-10(x-0.5))),
-- fraction(1) = (L(0.25) - L(0)) / (L(1) - L(0)) = (0.0758582 - 0.0066929) / 0.9866143 = 0.0701037
-- -> 107.01037165451082 (the README's value); fraction(2) = 1/2 by symmetry -> 150;
-- fraction(3) = 1 - fraction(1) -> 192.98962834548917; then 200, 200
SELECT dp.ramp('month', '2024-01-01', 5, 100, 200, ramp_periods => 4, shape => 'scurve')::float8[];
-- step over 3 quarters: 10 until k = 3 -> [10,10,30,30]
SELECT dp.ramp('quarter', '2024-01-01', 4, 10, 30, ramp_periods => 3, shape => 'step');
-- defaults: ramp from the first period over 12 periods, linear: 0 + 12 * k/12 = k, then 12
SELECT dp.ramp('month', '2024-01-01', 14, 0, 12);
-- shape names in any case: SCurve as scurve
SELECT dp.ramp('month', '2024-01-01', 5, 100, 200, ramp_periods => 4, shape => 'SCurve')
     = dp.ramp('month', '2024-01-01', 5, 100, 200, ramp_periods => 4, shape => 'scurve') AS same;
-- ramp_start inside a period: 2024-02-15 counts as February -> same as the first example
SELECT dp.ramp('month', '2024-01-01', 6, 100, 200, ramp_start => '2024-02-15', ramp_periods => 4);
-- ramp_start 2 months before the vector: January is k = 3 -> [175,200,200]
SELECT dp.ramp('month', '2024-01-01', 3, 100, 200, ramp_start => '2023-11-01', ramp_periods => 4);
-- ramp_start after the vector: every period at from_rate
SELECT dp.ramp('month', '2024-01-01', 3, 100, 200, ramp_start => '2025-01-01', ramp_periods => 4);
-- ramp_periods 0: to_rate from the ramp's first period on -> [100,200,200]
SELECT dp.ramp('month', '2024-01-01', 3, 100, 200, ramp_start => '2024-02-01', ramp_periods => 0);
-- run-down 200 -> 100 over 4 weeks: 200 - 100 k/4 = [175,150,125,100,100]
SELECT dp.ramp('week', '2024-01-01', 5, 200, 100, ramp_periods => 4);
-- 100 -> 200 over 3: 100 + 100/3 = 133.33333333333331 (float8), 100 + 200/3 = 166.66666666666666, 200
SELECT dp.ramp('year', '2024-01-01', 3, 100, 200, ramp_periods => 3);
-- to_rate is reached exactly: 0.7 + (0.1 - 0.7) * 1 would be 0.09999999999999998
SELECT dp.ramp('month', '2024-01-01', 2, 0.7, 0.1, ramp_periods => 1);
-- S-curve over 10 periods is symmetric: fraction(k) + fraction(10 - k) = 1, so
-- value(k) + value(10 - k) = 2 * 100 + 100 = 300 for k = 1..9 (to 1e-9)
SELECT bool_and(abs(a.quantity + b.quantity - 300) < 1e-9) AS symmetric
  FROM dp.unnest(dp.ramp('month', '2024-01-01', 9, 100, 200, ramp_periods => 10, shape => 'scurve')) WITH ORDINALITY a(s, e, quantity, k)
  JOIN dp.unnest(dp.ramp('month', '2024-01-01', 9, 100, 200, ramp_periods => 10, shape => 'scurve')) WITH ORDINALITY b(s, e, quantity, k)
    ON a.k + b.k = 10;
-- 0 periods: empty
SELECT dp.ramp('month', '2024-01-01', 0, 1, 2);
-- NULLs: ramp_start NULL is the default; any other NULL gives NULL
SELECT dp.ramp('month', '2024-01-01', 3, 0, 3, NULL, 3);
SELECT dp.ramp(NULL, '2024-01-01', 3, 0, 3) IS NULL AS a, dp.ramp('month', '2024-01-01', 3, NULL, 3) IS NULL AS b,
       dp.ramp('month', '2024-01-01', 3, 0, 3, ramp_periods => NULL) IS NULL AS c,
       dp.ramp('month', '2024-01-01', 3, 0, 3, shape => NULL) IS NULL AS d;
-- errors
SELECT pg_temp.err($$SELECT dp.ramp('month', '2024-01-01', -1, 1, 2)$$);
SELECT pg_temp.err($$SELECT dp.ramp('month', '2024-01-01', 3, -1, 2)$$);
SELECT pg_temp.err($$SELECT dp.ramp('month', '2024-01-01', 3, 1, -2)$$);
SELECT pg_temp.err($$SELECT dp.ramp('month', '2024-01-01', 3, 'NaN', 2)$$);
SELECT pg_temp.err($$SELECT dp.ramp('month', '2024-01-01', 3, 1, 'Infinity')$$);
SELECT pg_temp.err($$SELECT dp.ramp('month', '2024-01-01', 3, 1, 2, ramp_periods => -1)$$);
SELECT pg_temp.err($$SELECT dp.ramp('month', '2024-01-01', 3, 1, 2, shape => 'zigzag')$$);
SELECT pg_temp.err($$SELECT dp.ramp('month', '2024-01-01', 3, 1, 2, ramp_start => '-infinity')$$);
SELECT pg_temp.err($$SELECT dp.ramp('decade', '2024-01-01', 3, 1, 2)$$);
SELECT pg_temp.err($$SELECT dp.ramp('week', '2024-01-03', 3, 1, 2)$$);

-- ---- dp.posture ----------------------------------------------------------------
SELECT enum_range(NULL::dp.posture);
SELECT 'crisis'::dp.posture < 'conflict'::dp.posture AS ordered;
-- a posture table driving surges: base 100 a month, the crisis factor 1.5 at once
-- from March, the conflict factor 3 ramped over 2 months from March (2, 3)
CREATE TEMP TABLE posture_factor (posture dp.posture PRIMARY KEY, factor float8, ramp int);
INSERT INTO posture_factor VALUES ('peacetime', 1, 0), ('crisis', 1.5, 0), ('conflict', 3, 2);
SELECT posture, dp.surge(dp.constant('month', '2024-01-01', 4, 100), factor, '2024-03-01', ramp)
  FROM posture_factor ORDER BY posture;
SELECT pg_temp.err($$SELECT 'war'::dp.posture$$);

-- ---- dp.surge ------------------------------------------------------------------
-- the README's example: factor 2 from February over 2 months: multipliers 1, 1.5, 2, 2
SELECT dp.surge('month 2024-01-01 [100,100,100,100]', 2, '2024-02-01', 2);
-- at once (default ramp_periods 0), from a date inside February
SELECT dp.surge('month 2024-01-01 [100,100,100]', 3, '2024-02-10');
-- a Wednesday falls in the week of Monday 2024-01-08: [10,40,40]
SELECT dp.surge('week 2024-01-01 [10,20,20]', 2, '2024-01-10');
-- factor 1: unchanged; below 1: a cut (0.5 -> [50,25]); 0: a stop ramped over 2 (multipliers 0.5, 0)
SELECT dp.surge('month 2024-01-01 [100,50]', 1, '2024-01-01');
SELECT dp.surge('month 2024-01-01 [100,50]', 0.5, '2024-01-01');
SELECT dp.surge('month 2024-01-01 [100,50,80]', 0, '2024-01-01', 2);
-- from a date before the vector (already surged) and after it (unchanged)
SELECT dp.surge('month 2024-01-01 [1,2]', 4, '2020-01-01', 3);
SELECT dp.surge('month 2024-01-01 [1,2]', 4, '2030-01-01', 3);
-- 4 ramp periods to factor 5 from the start: multipliers 1 + 4k/4 = 2, 3, 4, 5, 5
SELECT dp.surge(dp.constant('quarter', '2024-01-01', 5, 10), 5, '2024-01-01', 4);
-- empty base: empty
SELECT dp.surge('month 2024-01-01 []', 2, '2024-01-01');
SELECT dp.surge(NULL, 2, '2024-01-01') IS NULL AS strict;
-- errors
SELECT pg_temp.err($$SELECT dp.surge('month 2024-01-01 [1]', -1, '2024-01-01')$$);
SELECT pg_temp.err($$SELECT dp.surge('month 2024-01-01 [1]', 'NaN', '2024-01-01')$$);
SELECT pg_temp.err($$SELECT dp.surge('month 2024-01-01 [1]', 'Infinity', '2024-01-01')$$);
SELECT pg_temp.err($$SELECT dp.surge('month 2024-01-01 [1]', 2, '2024-01-01', -1)$$);
SELECT pg_temp.err($$SELECT dp.surge('month 2024-01-01 [1]', 2, 'infinity')$$);
SELECT pg_temp.err($$SELECT dp.surge('month 2024-01-01 [1e308]', 10, '2024-01-01')$$);

-- ---- dp.bottleneck, dp.binding_component ----------------------------------------
-- the README's case, per month: Jan min(1000, 900, 1500) = 900 (2); Feb min(1000, 1200, 800) = 800 (3);
-- Mar min(1000, 2000, 2000) = 1000 (1)
SELECT dp.bottleneck(c, '{1,10,1}'), dp.binding_component(c, '{1,10,1}')
  FROM (SELECT ARRAY['month 2024-01-01 [1000,1000,1000]', 'month 2024-01-01 [9000,12000,20000]',
                     'month 2024-01-01 [1500,800,2000]']::dp.capvec[] c) x;
-- dp.bom_capacity gives both from one pass: the same case, month [900,800,1000] bound by {2,3,1}
SELECT b.capacity, b.binding
  FROM dp.bom_capacity(ARRAY['month 2024-01-01 [1000,1000,1000]', 'month 2024-01-01 [9000,12000,20000]',
                             'month 2024-01-01 [1500,800,2000]']::dp.capvec[], '{1,10,1}') b;
SELECT pg_temp.err($$SELECT dp.bom_capacity('{}', '{}')$$);
-- a single component: 10/4, 20/4
SELECT dp.bottleneck('{"month 2024-01-01 [10,20]"}', '{4}'), dp.binding_component('{"month 2024-01-01 [10,20]"}', '{4}');
-- fractional quantities per assembly: 3 / 0.5 = 6 beats 7 / 1
SELECT dp.bottleneck('{"month 2024-01-01 [7]","month 2024-01-01 [3]"}', '{1,0.5}');
-- aligned on the calendar: Jan-Feb and Feb-Mar span Jan-Mar; a missing month is 0 capacity:
-- Jan min(10, 0) = 0 (2), Feb min(10, 5) = 5 (2), Mar min(0, 5) = 0 (1)
SELECT dp.bottleneck(c, '{1,1}'), dp.binding_component(c, '{1,1}')
  FROM (SELECT '{"month 2024-01-01 [10,10]","month 2024-02-01 [5,5]"}'::dp.capvec[] c) x;
-- ties bind the lowest position: 10/2 = 5/1 = 5 (1); 6/2 = 3 < 5 (1); 8/2 = 4 = 4/1 (1)
SELECT dp.binding_component('{"week 2024-01-01 [10,6,8]","week 2024-01-01 [5,5,4]"}', '{2,1}');
-- an empty component is 0 capacity everywhere (position 2 binds)
SELECT dp.bottleneck(c, '{1,1}'), dp.binding_component(c, '{1,1}')
  FROM (SELECT '{"month 2024-01-01 [10,10]","month 2024-06-01 []"}'::dp.capvec[] c) x;
-- all components empty: empty at the first one's start
SELECT dp.bottleneck(c, '{1,1}'), dp.binding_component(c, '{1,1}')
  FROM (SELECT '{"month 2024-03-01 []","month 2024-01-01 []"}'::dp.capvec[] c) x;
-- 365 days of shells (100/day), energetics (2 kg each, 210/day) and fuzes (90/day) from
-- 2024-03-01: shells 100, energetics 105, fuzes 90 -> 90 a day, fuzes (3) binding every day
SELECT dp.total(dp.bottleneck(c, '{1,2,1}')) = 90 * 365 AS total_ok,
       (SELECT bool_and(b = 3) FROM unnest(dp.binding_component(c, '{1,2,1}')) b) AS fuzes_bind
  FROM (SELECT ARRAY[dp.constant('day', '2024-03-01', 365, 100), dp.constant('day', '2024-03-01', 365, 210),
                     dp.constant('day', '2024-03-01', 365, 90)] c) x;
-- positions count from 1 whatever the arrays' lower bounds: 5/1 vs 3/1 -> the second, {2}
SELECT dp.binding_component('[0:1]={"month 2024-01-01 [5]","month 2024-01-01 [3]"}'::dp.capvec[], '[5:6]={1,1}');
-- NULL arrays: NULL (strict)
SELECT dp.bottleneck(NULL, '{1}') IS NULL AS a, dp.binding_component('{"month 2024-01-01 [1]"}', NULL) IS NULL AS b;
-- errors: lengths, empty arrays, NULL elements, quantities, periods, shapes, overflow
SELECT pg_temp.err($$SELECT dp.bottleneck('{"month 2024-01-01 [1]","month 2024-01-01 [2]"}', '{1}')$$);
SELECT pg_temp.err($$SELECT dp.binding_component('{"month 2024-01-01 [1]"}', '{1,2}')$$);
SELECT pg_temp.err($$SELECT dp.bottleneck('{}', '{}')$$);
SELECT pg_temp.err($$SELECT dp.bottleneck('{}', '{1}')$$);
SELECT pg_temp.err($$SELECT dp.bottleneck('{"month 2024-01-01 [1]"}', '{}')$$);
SELECT pg_temp.err($$SELECT dp.bottleneck(ARRAY['month 2024-01-01 [1]', NULL]::dp.capvec[], '{1,1}')$$);
SELECT pg_temp.err($$SELECT dp.binding_component('{"month 2024-01-01 [1]","month 2024-01-01 [1]"}', '{1,NULL}')$$);
SELECT pg_temp.err($$SELECT dp.bottleneck('{"month 2024-01-01 [1]","month 2024-01-01 [1]"}', '{1,0}')$$);
SELECT pg_temp.err($$SELECT dp.bottleneck('{"month 2024-01-01 [1]","month 2024-01-01 [1]"}', '{-2,1}')$$);
SELECT pg_temp.err($$SELECT dp.bottleneck('{"month 2024-01-01 [1]","month 2024-01-01 [1]"}', '{1,NaN}')$$);
SELECT pg_temp.err($$SELECT dp.binding_component('{"month 2024-01-01 [1]"}', '{Infinity}')$$);
SELECT pg_temp.err($$SELECT dp.bottleneck('{"month 2024-01-01 [1]","week 2024-01-01 [1]"}', '{1,1}')$$);
SELECT pg_temp.err($$SELECT dp.binding_component('{"month 2024-01-01 [1]","month 2024-01-01 [1]","quarter 2024-01-01 [1]"}', '{1,1,1}')$$);
SELECT pg_temp.err($$SELECT dp.bottleneck('{{"month 2024-01-01 [1]"},{"month 2024-01-01 [1]"}}', '{{1},{1}}')$$);
SELECT pg_temp.err($$SELECT dp.bottleneck('{"month 2024-01-01 [1]"}', '{{1}}')$$);
SELECT pg_temp.err($$SELECT dp.bottleneck('{"month 2024-01-01 [1e308]"}', '{1e-10}')$$);
SELECT pg_temp.err($$SELECT dp.binding_component('{"month 2024-01-01 [1e308]"}', '{1e-10}')$$);
SELECT pg_temp.err($$SELECT dp.bottleneck('{"day 2000-01-01 [1]","day 5000-01-01 [1]"}', '{1,1}')$$);

-- ---- dp.date_reaching ------------------------------------------------------------
-- 14000, 28000, 40000: 30000 first reached in March; "at least": 28000 in February
SELECT dp.date_reaching('month 2024-01-01 [14000,28000,40000]', 30000),
       dp.date_reaching('month 2024-01-01 [14000,28000,40000]', 28000);
-- never reached, empty vector: NULL; a level at or below the first value: the start
SELECT dp.date_reaching('month 2024-01-01 [1,2]', 3) IS NULL AS never,
       dp.date_reaching('month 2024-01-01 []', 0) IS NULL AS empty,
       dp.date_reaching('quarter 2024-04-01 [5,1]', -1) AS first;
-- weekly: the Monday of the week; the 155 mm ramp 14,400 -> 36,000 a month over 36 months
-- reaches 30,000 at k with 14400 + 21600 k/36 >= 30000, k >= 26, the 26th month from 2022-10: 2024-11-01
SELECT dp.date_reaching('week 2024-01-01 [0,0,9]', 9),
       dp.date_reaching(dp.ramp('month', '2022-10-01', 48, 14400, 36000, ramp_periods => 36), 30000);
SELECT pg_temp.err($$SELECT dp.date_reaching('month 2024-01-01 [1]', 'NaN')$$);
SELECT pg_temp.err($$SELECT dp.date_reaching('month 2024-01-01 [1]', '-Infinity')$$);

-- ---- every object has a comment --------------------------------------------------
SELECT p.oid::regprocedure AS missing_comment
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = 'dp' AND obj_description(p.oid, 'pg_proc') IS NULL
   AND p.proname IN ('constant', 'ramp', 'surge', 'bottleneck', 'binding_component', 'date_reaching',
                     'hhi', 'hhi_state_trans', 'hhi_state_combine', 'hhi_state_final',
                     'hhi_state_in', 'hhi_state_out', 'hhi_state_recv', 'hhi_state_send');
SELECT obj_description('dp.posture'::regtype, 'pg_type') IS NOT NULL AS posture_comment;
