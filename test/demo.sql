-- The showcase printed by test/demo.sh (README's first command).
\pset footer off
CREATE EXTENSION defence_production;

\echo
\echo 'US 155 mm monthly output (public figures, thousands of rounds), as a capacity vector:'
SELECT dp.capvec('quarter', '2023-01-01', ARRAY[14.4, 20, 24, 28, 30, 36, 40, 40]::float8[]) * 3 AS quarterly_output;

\echo 'The same, per month, spread evenly over days, and its running total:'
SELECT period_start, round(quantity::numeric, 1) AS rounds_k, round(dp.value_at(dp.cumulative(v), period_start)::numeric, 1) AS cumulative_k
  FROM (SELECT dp.resample(dp.capvec('quarter', '2023-01-01', ARRAY[43.2, 60, 72, 84]::float8[]), 'month') AS v) s,
       dp.unnest(v)
 ORDER BY period_start;
