-- dp.allocate, dp.level_rate, dp.capacity_gap, dp.lot_sizing: values derived
-- by hand (derivations in the comments) or taken from the public reference
-- cases (docs/reference.md, exact rationals rounded to float8).
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';
SET extra_float_digits = 1;

-- ---- allocation: the one-period reference case ----------------------------
-- capacity 100000; demands A 50000, B 20000, C 40000, D 10000; weights 3, 2,
-- 1.5, 1; priorities 3, 1, 4, 2
CREATE TEMP TABLE ref AS
  SELECT 'month 2024-01-01 [100000]'::capvec cap,
         ARRAY['month 2024-01-01 [50000]', 'month 2024-01-01 [20000]',
               'month 2024-01-01 [40000]', 'month 2024-01-01 [10000]']::capvec[] dem;

-- fair, weighted: r/w = 16666.7, 10000, 26666.7, 10000; B and D saturate
-- (10000 * 7.5 <= 100000, 10000 * 5.5 <= 80000), A and C share 70000 at
-- lambda = 70000 / 4.5: A = 140000/3 = 46666.666666666664, C = 70000/3 = 23333.333333333332
SELECT claimant, period_start, requested, allocated, backlog
  FROM ref, allocate(cap, dem, 'fair', weights => '{3,2,1.5,1}');
-- fair is the default policy; unweighted: D (10000) saturates at level 25000,
-- B (20000) at 30000, A and C share 70000: 35000 each
SELECT claimant, allocated FROM ref, allocate(cap, dem);
-- proportional, no weights: fill ratio 100000/120000 = 5/6:
-- 125000/3 = 41666.666666666664, 50000/3 = 16666.666666666668,
-- 100000/3 = 33333.333333333336, 25000/3 = 8333.333333333334
SELECT claimant, allocated, backlog FROM ref, allocate(cap, dem, 'proportional');
-- proportional with weights: w*r = 150000, 40000, 60000, 10000 (sum 260000);
-- A's share 57692 exceeds 50000, so A is capped and the other 50000 go
-- 40:60:10: 200000/11 = 18181.81818181818, 300000/11 = 27272.727272727272, 50000/11 = 4545.454545454545
SELECT claimant, allocated FROM ref, allocate(cap, dem, 'proportional', weights => '{3,2,1.5,1}');
-- priority: B (1) 20000, D (2) 10000, A (3) 50000, C (4) the last 20000
SELECT claimant, allocated, backlog FROM ref, allocate(cap, dem, 'priority', priorities => '{3,1,4,2}');
-- the same with weights (they only split a tier) and the policy name in capitals
SELECT string_agg(allocated::text, ' ' ORDER BY claimant)
  FROM ref, allocate(cap, dem, 'PRIORITY', '{3,2,1.5,1}', '{3,1,4,2}');

-- ---- allocation: the three-period backlog case ------------------------------
-- period 1 as above, leaving backlogs A 10000/3 and C 50000/3; period 2
-- requests 130000/3, 15000, 140000/3, 10000: B (7500 per weight), D (10000),
-- A (130000/9) saturate, C gets 100000 - 25000 - 130000/3 = 95000/3 =
-- 31666.67, backlog 15000; period 3 requests 20000, 10000, 35000, 5000
-- (70000 <= 100000): all met, 30000 of capacity lost.  Values to 1e-9.
SELECT claimant, period_start, round(requested::numeric, 9) requested,
       round(allocated::numeric, 9) allocated, round(backlog::numeric, 9) backlog
  FROM allocate('month 2024-01-01 [100000,100000,100000]',
                ARRAY['month 2024-01-01 [50000,40000,20000]', 'month 2024-01-01 [20000,15000,10000]',
                      'month 2024-01-01 [40000,30000,20000]', 'month 2024-01-01 [10000,10000,5000]']::capvec[],
                'fair', weights => '{3,2,1.5,1}');
-- without carrying: period 2 requests only its new demand, 95000 in all: met
SELECT claimant, period_start, requested, allocated, backlog
  FROM allocate('month 2024-01-01 [100000,100000,100000]',
                ARRAY['month 2024-01-01 [50000,40000,20000]', 'month 2024-01-01 [20000,15000,10000]',
                      'month 2024-01-01 [40000,30000,20000]', 'month 2024-01-01 [10000,10000,5000]']::capvec[],
                'fair', weights => '{3,2,1.5,1}', carry_backlog => false)
 WHERE period_start >= '2024-02-01';

-- ---- allocation: alignment, zeros, ties ------------------------------------
-- span January..March (capacity Feb-Mar, claimant 1 Jan-Feb, claimant 2 Mar):
-- Jan: no capacity, claimant 1 requests 4, gets 0; Feb: requests 4 + 4 = 8
-- of 10, met; Mar: claimant 2 requests 12 of 10, gets 10, backlog 2
SELECT * FROM allocate('month 2024-02-01 [10,10]',
                       ARRAY['month 2024-01-01 [4,4]', 'month 2024-03-01 [12]']::capvec[]);
-- not carried: February requests only 4
SELECT claimant, period_start, requested, allocated, backlog
  FROM allocate('month 2024-02-01 [10,10]',
                ARRAY['month 2024-01-01 [4,4]', 'month 2024-03-01 [12]']::capvec[],
                'proportional', carry_backlog => false);
-- empty vectors add nothing to the span; an all-empty problem has no rows
SELECT * FROM allocate('week 2024-01-01 [5]', ARRAY['week 2024-01-01 []', 'week 2024-01-01 [7]']::capvec[]);
SELECT count(*) FROM allocate('week 2024-01-01 []', ARRAY['week 2024-01-01 []']::capvec[]);
-- capacity 10, requests 0, 5, 20:
--   fair: levels 5 for both non-zero claimants -> claimant 2 saturates at 5, claimant 3 gets 5
--   proportional: 5 * 10/25 = 2 and 20 * 10/25 = 8
--   fair with weight 2 on claimant 3: keys 5/1, 20/2; lambda = 10/3 < 5:
--   10/3 = 3.3333333333333335 and 20/3 = 6.666666666666667
SELECT pol, string_agg(allocated::text, ' ' ORDER BY claimant)
  FROM unnest(ARRAY['fair', 'proportional']) pol,
       allocate('year 2024-01-01 [10]', ARRAY['year 2024-01-01 [0]', 'year 2024-01-01 [5]', 'year 2024-01-01 [20]']::capvec[], pol)
 GROUP BY pol ORDER BY pol;
SELECT string_agg(allocated::text, ' ' ORDER BY claimant)
  FROM allocate('year 2024-01-01 [10]', ARRAY['year 2024-01-01 [0]', 'year 2024-01-01 [5]', 'year 2024-01-01 [20]']::capvec[],
                weights => '{1,1,2}');
-- no capacity: nothing for anyone, all backlog
SELECT pol, string_agg(allocated || '/' || backlog, ' ' ORDER BY claimant)
  FROM unnest(ARRAY['fair', 'proportional', 'priority']) pol,
       allocate('day 2024-01-01 [0]', ARRAY['day 2024-01-01 [1]', 'day 2024-01-01 [2]']::capvec[], pol, priorities => '{1,1}')
 GROUP BY pol ORDER BY pol;
-- priority tiers {1,1,2,3}, weights {1,2,1,1}, demands 30, 60, 40, 10:
--   capacity 50: tier 1 short, w*r = 30, 120 -> 10 and 40, the rest nothing
--   capacity 100: tier 1 met (90), claimant 3 gets the 10 left
--   capacity 140: tiers 1 and 2 met (130), claimant 4 gets 10
--   negative priorities come first: claimant 4 at -1 is served before all
SELECT c, string_agg(allocated::text, ' ' ORDER BY claimant)
  FROM unnest(ARRAY[50, 100, 140]) c,
       allocate(capvec('month', '2024-01-01', ARRAY[c]::float8[]),
                ARRAY['month 2024-01-01 [30]', 'month 2024-01-01 [60]', 'month 2024-01-01 [40]', 'month 2024-01-01 [10]']::capvec[],
                'priority', '{1,2,1,1}', '{1,1,2,3}')
 GROUP BY c ORDER BY c;
SELECT string_agg(allocated::text, ' ' ORDER BY claimant)
  FROM allocate('month 2024-01-01 [50]',
                ARRAY['month 2024-01-01 [30]', 'month 2024-01-01 [60]', 'month 2024-01-01 [40]', 'month 2024-01-01 [10]']::capvec[],
                'priority', '{1,2,1,1}', '{1,1,2,-1}');
-- a demands array with another lower bound: claimants are positions 1..n
SELECT claimant, allocated
  FROM allocate('month 2024-01-01 [3]', '[5:6]={"month 2024-01-01 [2]","month 2024-01-01 [2]"}'::capvec[]);
-- NULL capacity, demands, policy or carry_backlog: no rows (NULL weights mean 1)
SELECT count(*) FROM allocate(NULL, ARRAY['month 2024-01-01 [1]']::capvec[]);
SELECT count(*) FROM allocate('month 2024-01-01 [1]', NULL);
SELECT count(*) FROM allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]']::capvec[], NULL);
SELECT count(*) FROM allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]']::capvec[], carry_backlog => NULL);
SELECT count(*) FROM allocate('month 2024-01-01 [1]', ARRAY['month 2024-01-01 [1]']::capvec[], weights => NULL);

-- ---- allocation invariants over random inputs (seeded) ---------------------
-- every row: 0 <= allocated <= requested, backlog = requested - allocated,
-- requested = new demand + previous backlog; every period: the sum of
-- allocations (claimant order) <= capacity, and all requests met or all
-- capacity used (to 1e-12 relative)
SELECT setseed(0.25);
CREATE TEMP TABLE rnd AS
  SELECT g,
         capvec('month', '2024-01-01',
                ARRAY(SELECT CASE WHEN random() < 0.2 THEN 0 ELSE round(random() * 1000)::float8 END
                        FROM generate_series(1, 4) WHERE g > 0)) cap,
         ARRAY(SELECT capvec('month', '2024-01-01',
                             ARRAY(SELECT CASE WHEN random() < 0.3 THEN 0 ELSE random() * 400 END
                                     FROM generate_series(1, 4) WHERE k > 0))
                 FROM generate_series(1, 1 + g % 9) k) dem,
         ARRAY(SELECT 0.1 + random() * 5 FROM generate_series(1, 1 + g % 9) k WHERE g > 0) w,
         ARRAY(SELECT (random() * 3)::int FROM generate_series(1, 1 + g % 9) k WHERE g > 0) pr
    FROM generate_series(1, 400) g;
CREATE TEMP TABLE rnd_alloc AS
  SELECT r.g, pol, x.*, dp.value_at(r.dem[x.claimant], x.period_start) new_demand
    FROM rnd r, unnest(ARRAY['fair', 'proportional', 'priority']) pol,
         LATERAL allocate(r.cap, r.dem, pol, r.w, r.pr) x;
SELECT count(*) rows_checked,
       bool_and(allocated >= 0 AND allocated <= requested) bounded,
       bool_and(backlog = requested - allocated) backlog_identity
  FROM rnd_alloc;
SELECT bool_and(requested = new_demand + coalesce(prev, 0)) carried
  FROM (SELECT requested, new_demand,
               lag(backlog) OVER (PARTITION BY g, pol, claimant ORDER BY period_start) prev
          FROM rnd_alloc) s;
SELECT count(*) periods_checked,
       bool_and(total <= c) within_capacity,
       bool_and(met OR c - total <= 1e-12 * c) met_or_used,
       count(*) FILTER (WHERE NOT met) periods_short
  FROM (SELECT a.g, a.pol, a.period_start, dp.value_at(r.cap, a.period_start) c,
               sum(allocated ORDER BY claimant) total, bool_and(allocated = requested) met
          FROM rnd_alloc a JOIN rnd r USING (g)
         GROUP BY a.g, a.pol, a.period_start, r.cap) p;

-- ---- level_rate ------------------------------------------------------------
-- monthly demand (thousands) 30,30,50,60,40,40,70,80,60,50,40,30 with 120000
-- on hand: cumulative by month 11 is 550000, (550000 - 120000) / 11 =
-- 430000/11 = 39090.90909090909; lead 2: month 10, (510000 - 120000) / 8 =
-- 48750; final stock 100000: month 12, 560000 / 12 = 46666.666666666664
CREATE TEMP TABLE lr AS
  SELECT 'month 2024-01-01 [30000,30000,50000,60000,40000,40000,70000,80000,60000,50000,40000,30000]'::capvec d;
SELECT level_rate(d, 120000), level_rate(d, 120000, lead_periods => 2),
       level_rate(d, 120000, final_stock => 100000) FROM lr;
-- no stock: cumD_t / t peaks in month 9 at 460000/9 = 51111.11111111111;
-- everything on hand: 0
SELECT level_rate(d), level_rate(d, on_hand => 580000) FROM lr;
-- quarters 100, 300, 200 with 50 on hand: (100-50)/1, (400-50)/2, (600-50)/3 = 183.33333333333334;
-- 100 on hand and lead 1 (the first quarter just covered): (400-100)/1 = 300, 500/2;
-- final stock 200: (600 - 50 + 200) / 3 = 250
SELECT level_rate('quarter 2024-01-01 [100,300,200]', 50),
       level_rate('quarter 2024-01-01 [100,300,200]', 100, 1),
       level_rate('quarter 2024-01-01 [100,300,200]', 50, final_stock => 200);

-- ---- capacity_gap ------------------------------------------------------------
-- the reference: over a constant 30000 a month with 120000 on hand, month 11:
-- (550000 - 330000 - 120000) / 11 = 100000/11 = 9090.90909090909
SELECT capacity_gap(d, 'month 2024-01-01 [30000,30000,30000,30000,30000,30000,30000,30000,30000,30000,30000,30000]', 120000)
  FROM lr;
-- demand Jan-Mar 10, 20, 30, capacity Feb-Mar 15, 15: (10-0)/1, (30-15)/2, (60-30)/3 -> 10;
-- with 5 on hand: 5, 5, 25/3 = 8.333333333333334; more capacity than demand: 0
SELECT capacity_gap('month 2024-01-01 [10,20,30]', 'month 2024-02-01 [15,15]'),
       capacity_gap('month 2024-01-01 [10,20,30]', 'month 2024-02-01 [15,15]', 5),
       capacity_gap('month 2024-01-01 [10,20,30]', 'month 2024-01-01 [40,40,40]');
-- capacity two months before demand builds stock: span Nov..Mar, cumC 5 per
-- month; t = 3..5: (10 - 15)/3, (30 - 20)/4 = 2.5, (60 - 25)/5 = 7 -> 7
SELECT capacity_gap('month 2024-01-01 [10,20,30]', 'month 2023-11-01 [5,5,5,5,5]');
-- no capacity at all: the level rate without lead; empty demand and capacity: 0
SELECT capacity_gap(d, 'month 2024-01-01 []', 120000) FROM lr;
SELECT capacity_gap('week 2024-01-01 []', 'week 2024-01-01 []');

-- ---- lot_sizing ------------------------------------------------------------
-- the reference example: 30 short -> min lot 100, stock 70, 40, 10 short -> 100
SELECT lot_sizing('month 2024-01-01 [30,30,50]', 100, 10);
-- weeks 5, 0, 12, 3 in multiples of 4 with 2 on hand: 3 short -> 4 (stock 1),
-- 1, 11 short -> 12 (1), 2 short -> 4 (2)
SELECT lot_sizing('week 2024-01-01 [5,0,12,3]', lot_multiple => 4, on_hand => 2);
-- defaults (whole units): 2.5 short -> 3 (0.5), 0.5 -> 0 (0), 1 short -> 1
SELECT lot_sizing('month 2024-01-01 [2.5,0.5,1]');
-- enough on hand: no orders; empty demand: empty plan
SELECT lot_sizing('month 2024-01-01 [30,30,50]', 100, 10, 110), lot_sizing('month 2024-01-01 []', 100);
-- pooling: two nations each needing 30 a month, lots of at least 100 in
-- tens.  Alone: 100 (70, 40, 10), then 20 short -> 100: 2 lots each, 4 in
-- all.  Pooled 60 a month: 100 (40), 20 short -> 100 (80), 20, 40 short -> 100: 3 lots.
SELECT lot_sizing('month 2024-01-01 [30,30,30,30]', 100, 10) alone,
       lot_sizing(dp.sum(v), 100, 10) pooled
  FROM (VALUES ('month 2024-01-01 [30,30,30,30]'::capvec), ('month 2024-01-01 [30,30,30,30]')) t(v);
