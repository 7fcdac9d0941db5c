-- demand harmonisation: every error with its SQLSTATE, message and hint.
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/err.psql

-- the full error report once, as psql shows it
SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]']::dp.capvec[], 'lottery');
SELECT dp.level_rate('month 2024-01-01 [30000,30000,50000]', 40000, lead_periods => 2);
SELECT dp.level_rate('month 2024-01-01 [30000,30000,50000]', 1e6, lead_periods => 3);

-- allocate: bad policy, arrays, NULL elements: 22023
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]']::dp.capvec[], 'lottery')$$);
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]']::dp.capvec[], '')$$);
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', '{}'::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]', NULL]::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY[ARRAY['month 2024-01-01 [1]'::dp.capvec]])$$);
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]', 'month 2024-01-01 [2]']::dp.capvec[], weights => '{1}')$$);
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]', 'month 2024-01-01 [2]']::dp.capvec[], weights => '{}')$$);
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]', 'month 2024-01-01 [2]']::dp.capvec[], weights => '{1,NULL}')$$);
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]', 'month 2024-01-01 [2]']::dp.capvec[], weights => '{{1,2}}')$$);
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]', 'month 2024-01-01 [2]']::dp.capvec[], 'priority', priorities => '{1,2,3}')$$);
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]', 'month 2024-01-01 [2]']::dp.capvec[], 'priority', priorities => '{NULL,2}')$$);
-- priorities are required by the priority policy (only)
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]']::dp.capvec[], 'priority')$$);
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]']::dp.capvec[], 'priority', priorities => NULL)$$);
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]']::dp.capvec[], 'fair', priorities => NULL)$$);
-- weights must be positive and finite, whatever the policy
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]', 'month 2024-01-01 [2]']::dp.capvec[], 'fair', '{1,0}')$$);
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]', 'month 2024-01-01 [2]']::dp.capvec[], 'proportional', '{-1,1}')$$);
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]', 'month 2024-01-01 [2]']::dp.capvec[], 'priority', '{1,NaN}', '{1,1}')$$);
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]', 'month 2024-01-01 [2]']::dp.capvec[], 'fair', '{Infinity,1}')$$);
-- a weight is checked even when the period needs no sharing
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [100]', ARRAY['month 2024-01-01 [1]']::dp.capvec[], 'fair', '{0}')$$);
-- mixed periods: 22023 with a dp.resample hint
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]', 'week 2024-01-01 [1]']::dp.capvec[])$$);
-- negative demand or capacity: 22023 naming the claimant and the period
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1,1]', ARRAY['month 2024-01-01 [1]', 'month 2024-01-01 [1,-2]']::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [1,-1]', ARRAY['month 2024-01-01 [1]']::dp.capvec[])$$);
-- a request with its backlog beyond float8: 22003
SELECT pg_temp.err($$SELECT * FROM dp.allocate('month 2024-01-01 [0,0]', ARRAY['month 2024-01-01 [1e308,1e308]']::dp.capvec[])$$);
-- a span beyond the vector limit: 54000
SELECT pg_temp.err($$SELECT * FROM dp.allocate('day 2000-01-01 [1]', ARRAY['day 2024-01-01 [1]', 'day 9000-01-01 [1]']::dp.capvec[])$$);

-- level_rate
SELECT pg_temp.err($$SELECT dp.level_rate('month 2024-01-01 [30000,30000,50000]', 0, lead_periods => 2)$$);
SELECT pg_temp.err($$SELECT dp.level_rate('month 2024-01-01 [30000,30000,50000]', 40000, lead_periods => 2)$$);
-- a lead time at the integer limit: the detail's period number does not wrap
SELECT pg_temp.err($$SELECT dp.level_rate('month 2024-01-01 [1,2,3]', 0, 2147483647)$$);
SELECT pg_temp.err($$SELECT dp.level_rate('month 2024-01-01 [30000,30000,50000]', 1e6, lead_periods => 3)$$);
SELECT pg_temp.err($$SELECT dp.level_rate('month 2024-01-01 []')$$);
SELECT pg_temp.err($$SELECT dp.level_rate('month 2024-01-01 [1]', lead_periods => -1)$$);
SELECT pg_temp.err($$SELECT dp.level_rate('month 2024-01-01 [1]', final_stock => -1)$$);
SELECT pg_temp.err($$SELECT dp.level_rate('month 2024-01-01 [1,-1]')$$);
SELECT pg_temp.err($$SELECT dp.level_rate('month 2024-01-01 [1]', 'NaN')$$);
SELECT pg_temp.err($$SELECT dp.level_rate('month 2024-01-01 [1]', final_stock => 'Infinity')$$);
SELECT pg_temp.err($$SELECT dp.level_rate('month 2024-01-01 [1e308,1e308]')$$);

-- capacity_gap
SELECT pg_temp.err($$SELECT dp.capacity_gap('month 2024-01-01 [1]', 'quarter 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT dp.capacity_gap('month 2024-01-01 [1]', 'month 2024-01-01 [1,-1]')$$);
SELECT pg_temp.err($$SELECT dp.capacity_gap('month 2024-01-01 [-1]', 'month 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT dp.capacity_gap('month 2024-01-01 [1]', 'month 2024-01-01 [1]', '-Infinity')$$);

-- lot_sizing
SELECT pg_temp.err($$SELECT dp.lot_sizing('month 2024-01-01 [30]', -1)$$);
SELECT pg_temp.err($$SELECT dp.lot_sizing('month 2024-01-01 [30]', 100, 0)$$);
SELECT pg_temp.err($$SELECT dp.lot_sizing('month 2024-01-01 [30]', 100, -10)$$);
SELECT pg_temp.err($$SELECT dp.lot_sizing('month 2024-01-01 [30,-30]')$$);
SELECT pg_temp.err($$SELECT dp.lot_sizing('month 2024-01-01 [30]', 'NaN')$$);
SELECT pg_temp.err($$SELECT dp.lot_sizing('month 2024-01-01 [30]', lot_multiple => 'Infinity')$$);
SELECT pg_temp.err($$SELECT dp.lot_sizing('month 2024-01-01 [1.7e308]', lot_multiple => 1.5e308)$$);
