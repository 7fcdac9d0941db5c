-- replenishment planning: plans worked out by hand (unique optima), the
-- summary and the required capacity factor, edge cases and every error.
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';
SET extra_float_digits = 0;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/err.psql

-- The README's example: 100 a month; A (target 50) needs 200 in April, B
-- (target 0) 100 in January and February.  Every unit is needed for no
-- demand to go unmet: B gets January and February, A builds its stock in
-- March and takes April's; A is 50 below target in January, February and
-- April (150 stock-months).
SELECT claimant, period_start, allocated, stock, unmet, below_target
  FROM dp.replenishment_plan('month 2025-01-01 [100,100,100,100]', '{0,0}', '{50,0}',
                             ARRAY['month 2025-01-01 [0,0,0,200]', 'month 2025-01-01 [100,100,0,0]']::dp.capvec[]);
SELECT * FROM dp.replenishment_summary('month 2025-01-01 [100,100,100,100]', '{0,0}', '{50,0}',
                                       ARRAY['month 2025-01-01 [0,0,0,200]', 'month 2025-01-01 [100,100,0,0]']::dp.capvec[]);
-- the capacity that serves every demand and has A at 50 from April: B's 200 by
-- February and A's 250 by April from 400 k: k = 450 / 400
SELECT dp.required_capacity('month 2025-01-01 [100,100,100,100]', '{0,0}', '{50,0}',
                            ARRAY['month 2025-01-01 [0,0,0,200]', 'month 2025-01-01 [100,100,0,0]']::dp.capvec[],
                            '2025-04-15') = 1.125 AS factor_is_1_125;

-- one claimant, 20 made in January only: stock 15, 10, 5; 5 below target in March
SELECT * FROM dp.replenishment_plan('month 2025-01-01 [20,0,0]', '{0}', '{10}', ARRAY['month 2025-01-01 [5,5,5]']::dp.capvec[]);
-- unmet demand comes first: B's 10 in March are served though A (target 100)
-- would rather have them (270 < 300 stock-months below target)
SELECT * FROM dp.replenishment_summary('month 2025-01-01 [10,0,0]', '{0,0}', '{100,0}',
                                       ARRAY['month 2025-01-01 [0,0,0]', 'month 2025-01-01 [0,0,10]']::dp.capvec[]);
-- weights: A's unmet demand costs twice B's; 10 for 6 + 6: A 6, B 4, B's 2 unmet (weighted 2)
SELECT claimant, period_start, allocated, unmet
  FROM dp.replenishment_plan('month 2025-01-01 [10,0]', '{0,0}', '{0,0}',
                             ARRAY['month 2025-01-01 [0,6]', 'month 2025-01-01 [0,6]']::dp.capvec[], weights => '{2,1}');
-- deliveries are supply; demands and deliveries outside the capacity's span are ignored
SELECT * FROM dp.replenishment_plan('month 2025-01-01 [0,0,0]', '{0}', '{10}', ARRAY['month 2024-12-01 [99,0,0,0,0,99]']::dp.capvec[],
                                    deliveries => ARRAY['month 2025-01-01 [4,6]']::dp.capvec[]);
-- stock on hand above target: nothing produced until needed (5 a month from March)
SELECT sum(allocated) AS produced, max(below_target) AS worst_below
  FROM dp.replenishment_plan('month 2025-01-01 [100,100,100,100]', '{50}', '{40}', ARRAY['month 2025-01-01 [5,5,5,5]']::dp.capvec[]);
-- a claimant at or above target throughout reaches it in the first period; an empty capacity gives no rows
SELECT (dp.replenishment_summary('month 2025-01-01 [0,0]', '{10}', '{10}', ARRAY['month 2025-01-01 []']::dp.capvec[])).*;
SELECT count(*) FROM dp.replenishment_plan('month 2025-01-01 []', '{10}', '{10}', ARRAY['month 2025-01-01 [1]']::dp.capvec[]);
SELECT (dp.replenishment_summary('month 2025-01-01 []', '{10}', '{10}', ARRAY['month 2025-01-01 [1]']::dp.capvec[])).*;
-- required capacity: demand 2, capacity 1 a month, target 12: from March 3 (k - 2) >= 12, k = 6;
-- from January k - 2 >= 12, k = 14; a date before the span means from the first period;
-- enough stock: 0; nothing to produce with before a demand is due: NULL
SELECT dp.required_capacity('month 2025-01-01 [1,1,1,1]', '{0}', '{12}', ARRAY['month 2025-01-01 [2,2,2,2]']::dp.capvec[], '2025-03-31') - 6 < 1e-9 AS k_6,
       dp.required_capacity('month 2025-01-01 [1,1,1,1]', '{0}', '{12}', ARRAY['month 2025-01-01 [2,2,2,2]']::dp.capvec[], '2025-01-01') - 14 < 1e-9 AS k_14,
       dp.required_capacity('month 2025-01-01 [1,1,1,1]', '{0}', '{12}', ARRAY['month 2025-01-01 [2,2,2,2]']::dp.capvec[], '2020-06-01') - 14 < 1e-9 AS k_14_before,
       dp.required_capacity('month 2025-01-01 [1,1,1,1]', '{100}', '{12}', ARRAY['month 2025-01-01 [2,2,2,2]']::dp.capvec[], '2025-01-01') AS k_0,
       dp.required_capacity('month 2025-01-01 [0,0,1,1]', '{0}', '{12}', ARRAY['month 2025-01-01 [2,2,2,2]']::dp.capvec[], '2025-02-01') AS k_none;
-- NULL arguments: no rows, NULL
SELECT count(*) FROM dp.replenishment_plan(NULL, '{0}', '{0}', ARRAY['month 2025-01-01 [1]']::dp.capvec[]);
SELECT (dp.replenishment_summary('month 2025-01-01 [1]', NULL, '{0}', ARRAY['month 2025-01-01 [1]']::dp.capvec[])).*;
SELECT dp.required_capacity('month 2025-01-01 [1]', '{0}', '{0}', ARRAY['month 2025-01-01 [1]']::dp.capvec[], NULL) AS null_by;

-- every row satisfies the constraints: a larger random plan (fixed numbers)
WITH p AS (
    SELECT * FROM dp.replenishment_plan(
        dp.capvec('month', '2025-01-01', ARRAY(SELECT 300 + 100 * sin(t) FROM generate_series(1, 24) t)),
        ARRAY(SELECT 50.0 * c FROM generate_series(1, 6) c), ARRAY(SELECT 200.0 + 20 * c FROM generate_series(1, 6) c),
        ARRAY(SELECT dp.capvec('month', '2025-01-01', ARRAY(SELECT 40 + 30 * cos(t * c) FROM generate_series(1, 24) t))
                FROM generate_series(1, 6) c))
), s AS (
    SELECT p.*, lag(stock, 1, 50.0 * claimant) OVER (PARTITION BY claimant ORDER BY period_start) AS opening,
           40 + 30 * cos(((EXTRACT(year FROM age(period_start, '2024-12-01')) * 12 + EXTRACT(month FROM age(period_start, '2024-12-01'))))::int * claimant) AS demand
      FROM p
)
SELECT count(*) AS rows,
       bool_and(allocated >= 0 AND stock >= 0 AND unmet >= 0 AND below_target >= 0) AS non_negative,
       max(abs(stock - (opening + allocated - demand + unmet)) / greatest(1, opening + allocated + demand)) < 1e-9 AS balanced,
       bool_and(below_target >= greatest(0, 200 + 20 * claimant - stock) - 1e-9) AS below_at_least_shortfall,
       bool_and(unmet <= demand) AS unmet_within_demand
  FROM s;
SELECT bool_and(total <= 300 + 100 * sin(t)) AS capacity_never_exceeded
  FROM (SELECT period_start, sum(allocated) AS total,
               (EXTRACT(year FROM age(period_start, '2024-12-01')) * 12 + EXTRACT(month FROM age(period_start, '2024-12-01')))::int AS t
          FROM dp.replenishment_plan(
                 dp.capvec('month', '2025-01-01', ARRAY(SELECT 300 + 100 * sin(t) FROM generate_series(1, 24) t)),
                 ARRAY(SELECT 50.0 * c FROM generate_series(1, 6) c), ARRAY(SELECT 200.0 + 20 * c FROM generate_series(1, 6) c),
                 ARRAY(SELECT dp.capvec('month', '2025-01-01', ARRAY(SELECT 40 + 30 * cos(t * c) FROM generate_series(1, 24) t))
                         FROM generate_series(1, 6) c))
         GROUP BY period_start) x;

-- ---- errors --------------------------------------------------------------------

-- array lengths, empty and NULL elements, dimensions
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1]', '{0,0}', '{0}', ARRAY['month 2025-01-01 [1]']::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1]', '{0}', '{0,1}', ARRAY['month 2025-01-01 [1]']::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1]', '{}', '{}', '{}'::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1]', '{0}', '{0}', ARRAY['month 2025-01-01 [1]']::dp.capvec[], ARRAY['month 2025-01-01 [1]', 'month 2025-01-01 [1]']::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1]', '{0}', '{0}', ARRAY['month 2025-01-01 [1]']::dp.capvec[], weights => '{1,2}')$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1]', '{NULL}', '{0}', ARRAY['month 2025-01-01 [1]']::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1]', '{0}', '{NULL}', ARRAY['month 2025-01-01 [1]']::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1]', '{0}', '{0}', ARRAY[NULL]::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1]', '{0}', '{0}', ARRAY['month 2025-01-01 [1]']::dp.capvec[], ARRAY[NULL]::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1]', '{0}', '{0}', ARRAY['month 2025-01-01 [1]']::dp.capvec[], weights => '{NULL}')$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1]', '{{0}}', '{0}', ARRAY['month 2025-01-01 [1]']::dp.capvec[])$$);
-- mixed periods: the hint names dp.resample
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1]', '{0}', '{0}', ARRAY['week 2024-12-30 [1]']::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1]', '{0}', '{0}', ARRAY['month 2025-01-01 [1]']::dp.capvec[], ARRAY['quarter 2025-01-01 [1]']::dp.capvec[])$$);
-- negative or non-finite quantities, non-positive weights
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1]', '{-1}', '{0}', ARRAY['month 2025-01-01 [1]']::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1]', '{0}', '{-5}', ARRAY['month 2025-01-01 [1]']::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1]', '{0}', '{Infinity}', ARRAY['month 2025-01-01 [1]']::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1,1]', '{0}', '{0}', ARRAY['month 2025-01-01 [1,-2]']::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1,1]', '{0}', '{0}', ARRAY['month 2025-01-01 [1,2]']::dp.capvec[], ARRAY['month 2025-02-01 [-3]']::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1,-1]', '{0}', '{0}', ARRAY['month 2025-01-01 [1]']::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan('month 2025-01-01 [1]', '{0,0}', '{0,0}', ARRAY['month 2025-01-01 [1]', 'month 2025-01-01 [1]']::dp.capvec[], weights => '{1,0}')$$);
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_summary('month 2025-01-01 [1]', '{0}', '{0}', ARRAY['month 2025-01-01 [1]']::dp.capvec[], weights => '{NaN}')$$);
-- size: 1001 claimants x 100 periods is over the limit of 100000 claimant-periods
SELECT pg_temp.err($$SELECT * FROM dp.replenishment_plan(dp.constant('month', '2025-01-01', 100, 1), array_fill(0::float8, ARRAY[1001]), array_fill(0::float8, ARRAY[1001]), array_fill('month 2025-01-01 [1]'::dp.capvec, ARRAY[1001]))$$);
-- required capacity: by after the span
SELECT pg_temp.err($$SELECT dp.required_capacity('month 2025-01-01 [1,1]', '{0}', '{0}', ARRAY['month 2025-01-01 [1]']::dp.capvec[], '2025-03-01')$$);
SELECT pg_temp.err($$SELECT dp.required_capacity('month 2025-01-01 [1,1]', '{0}', '{-1}', ARRAY['month 2025-01-01 [1]']::dp.capvec[], '2025-01-01')$$);
-- cancellable: a plan of 600 claimants x 100 months stops at the statement timeout (the
-- cancel escapes err(); no context, which names the session's temporary schema)
\set SHOW_CONTEXT never
SET statement_timeout = '200ms';
SELECT pg_temp.err($$SELECT count(*) FROM dp.replenishment_plan(dp.constant('month', '2025-01-01', 100, 4000),
    ARRAY(SELECT (i % 7) * 10.0 FROM generate_series(1, 600) i), ARRAY(SELECT 100.0 + i % 13 FROM generate_series(1, 600) i),
    ARRAY(SELECT dp.capvec('month', '2025-01-01', ARRAY(SELECT 5 + (i * t) % 11 FROM generate_series(1, 100) t)) FROM generate_series(1, 600) i))$$);
RESET statement_timeout;
\set SHOW_CONTEXT errors
