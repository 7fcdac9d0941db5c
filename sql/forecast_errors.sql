-- forecasting: every error with its SQLSTATE, message and hint.
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/err.psql

-- the full report once, as psql shows it
SELECT dp.forecast('month 2024-01-01 [1,2]', 3, 'holt');

-- unknown method: 22023, the hint lists the methods (names are case-insensitive)
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'prophet')$$);
SELECT pg_temp.err($$SELECT dp.forecast_fit('month 2024-01-01 [1,2,3]', '')$$);
SELECT pg_temp.err($$SELECT * FROM dp.forecast_interval('month 2024-01-01 [1,2,3]', 3, 'arima')$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'SES')$$);

-- horizon: negative is 22023; beyond the length limit 54000; beyond 9999-12-31 22008
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', -1, 'ses')$$);
SELECT pg_temp.err($$SELECT * FROM dp.forecast_interval('month 2024-01-01 [1,2,3]', -5, 'naive')$$);
SELECT pg_temp.err($$SELECT dp.forecast('day 2024-01-01 [1,2,3]', 1000001, 'naive')$$);
SELECT pg_temp.err($$SELECT dp.forecast('year 9990-01-01 [1,2,3]', 20, 'naive')$$);

-- parameters out of range: 22023 naming the parameter and its range
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'ses', alpha => 1.5)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'ses', alpha => 0)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'holt', alpha => 0.5, beta => -0.1)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'croston', beta => 0)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'tsb', alpha => 2)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'damped', phi => 1.01)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'damped', phi => 0)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'adida', alpha => -0.2)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'moving_average', window_size => 0)$$);
SELECT pg_temp.err($$SELECT * FROM dp.forecast_interval('month 2024-01-01 [1,2,3]', 3, 'naive', level => 1)$$);
SELECT pg_temp.err($$SELECT * FROM dp.forecast_interval('month 2024-01-01 [1,2,3]', 3, 'naive', level => 0)$$);
SELECT pg_temp.err($$SELECT * FROM dp.forecast_interval('month 2024-01-01 [1,2,3]', 3, 'naive', level => 95)$$);
-- the bounds themselves are allowed: alpha 1, beta 0 for holt, phi 1 (= holt)
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'ses', alpha => 1)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'holt', alpha => 1, beta => 0)$$);
SELECT dp.forecast('month 2024-01-01 [1,2,4]', 3, 'damped', alpha => 0.5, beta => 0.5, phi => 1)
     = dp.forecast('month 2024-01-01 [1,2,4]', 3, 'holt', alpha => 0.5, beta => 0.5) AS phi_1_is_holt;

-- NaN and infinities: 22003
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'ses', alpha => 'NaN')$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'holt', beta => 'Infinity')$$);
SELECT pg_temp.err($$SELECT dp.forecast_fit('month 2024-01-01 [1,2,3]', 'damped', phi => '-Infinity')$$);
SELECT pg_temp.err($$SELECT * FROM dp.forecast_interval('month 2024-01-01 [1,2,3]', 3, 'naive', level => 'NaN')$$);

-- a parameter the method does not take: 22023
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'ses', phi => 0.9)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'naive', alpha => 0.5)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'holt', window_size => 2)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'auto', alpha => 0.5)$$);
SELECT pg_temp.err($$SELECT dp.forecast_fit('month 2024-01-01 [1,2,3]', window_size => 2)$$);

-- too short a history: 22023 naming the minimum
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2]', 3, 'holt')$$);
SELECT pg_temp.err($$SELECT dp.forecast_fit('month 2024-01-01 [5]', 'damped', alpha => 0.5, beta => 0.5, phi => 0.9)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 []', 3, 'naive')$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 []', 3)$$);
SELECT pg_temp.err($$SELECT * FROM dp.forecast_interval('month 2024-01-01 []', 3, 'croston')$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'moving_average', window_size => 4)$$);

-- negative history values for the intermittent methods, auto and demand_class: 22023
-- naming the period
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,0,-3]', 3, 'croston')$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,0,-3]', 3, 'sba')$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,0,-3]', 3, 'tsb')$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,0,-3]', 3, 'adida')$$);
SELECT pg_temp.err($$SELECT dp.forecast('week 2024-01-01 [-1,0,3]', 3)$$);
SELECT pg_temp.err($$SELECT dp.demand_class('quarter 2024-01-01 [2,-0.5]')$$);
-- the other methods take negative values (net consumption, returns)
SELECT dp.forecast('month 2024-01-01 [1,0,-3]', 2, 'naive') AS naive, dp.forecast('month 2024-01-01 [1,0,-3]', 1, 'mean') AS mean;

-- results out of range: 22003
SELECT pg_temp.err($$SELECT dp.forecast('day 2024-01-01 [0,1e308,1.5e308]', 3, 'holt', alpha => 0.5, beta => 0.5)$$);
SELECT pg_temp.err($$SELECT * FROM dp.forecast_fit('day 2024-01-01 [-1e308,1e308,-1e308]', 'naive')$$);

-- ---- the newer methods and parameters ----
-- gamma, model and season_length go with ets (season_length also with theta, otm, dotm, auto)
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'ses', gamma => 0.1)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3,4,5]', 3, 'theta', model => 'ANN')$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3,4,5]', 3, 'theta', alpha => 0.2)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'naive', season_length => 4)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, 'auto', model => 'ZZZ')$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3]', 3, season_length => 4)$$);
-- season_length between 1 and 60
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3,4,5]', 3, 'ets', season_length => 0)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3,4,5]', 3, 'dotm', season_length => 61)$$);
-- ets: gamma in [0, 1 - alpha], beta in [0, alpha], model letters
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3,4,5]', 3, 'ets', gamma => 1.5)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3,4,5]', 3, 'ets', alpha => 0.5, gamma => 0.6)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3,4,5]', 3, 'ets', alpha => 0.2, beta => 0.3)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3,4,5]', 3, 'ets', gamma => 'NaN')$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3,4,5]', 3, 'ets', model => 'ABC')$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3,4,5]', 3, 'ets', model => 'AAdNX')$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3,4,5]', 3, 'ets', model => 'ANM')$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3,4,5]', 3, 'ets', model => 'AAdN')$$);
-- multiplicative parts need positive values; a season needs a season length above 1
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,0,4,5,6]', 3, 'ets', model => 'MNN')$$);
SELECT pg_temp.err($$SELECT dp.forecast('year 2000-01-01 [1,2,3,4,5,6]', 3, 'ets', model => 'ANA')$$);
SELECT pg_temp.err($$SELECT dp.forecast('year 2000-01-01 [1,2,3,4,5,6]', 3, 'ets', model => 'ZZZ')$$);
-- histories too short: ets, otm and dotm need 5 values, theta 3
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3,4]', 3, 'ets')$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3,4]', 3, 'dotm')$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2]', 3, 'theta')$$);
-- fixed seasonal parameters that are not admissible, and fixed parameters that leave no model
SELECT pg_temp.err($$SELECT dp.forecast(dp.capvec('month', '2020-01-01', array_agg(10 + t % 12 + t / 10.0)), 3, 'ets', model => 'AAA',
                                        alpha => 0.5, beta => 0.5, gamma => 0.5)
                     FROM generate_series(1, 40) t$$);
-- the ETS parameters are given names in the messages; NULL means "estimate"
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3,4,5]', 3, 'ets', phi => 0)$$);
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,2,3,4,5]', 3, 'ets', model => NULL, gamma => NULL)$$);
-- imapa, and auto, need non-negative demand
SELECT pg_temp.err($$SELECT dp.forecast('month 2024-01-01 [1,-1,0]', 1, 'imapa')$$);

