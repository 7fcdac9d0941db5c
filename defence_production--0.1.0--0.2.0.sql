-- defence_production 0.1.0 -> 0.2.0: every SQL change since the 0.1.0 release,
-- applied by ALTER EXTENSION defence_production UPDATE.  A fresh 0.2.0 install
-- (defence_production--0.2.0.sql, generated from src/*.sql) and an updated
-- 0.1.0 install must end up with the same catalog.
\echo Use "ALTER EXTENSION defence_production UPDATE TO '0.2.0'" to load this file. \quit

-- ---- house: C entry points named after their SQL functions ------------------
-- The library's entry points now take their SQL function's name (dp_ + the
-- name, or the name itself for a type's support functions), so these
-- functions point to their new symbols.  Same signatures and attributes.
CREATE OR REPLACE FUNCTION dp.capvec(period text, start date, quantities float8[]) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_capvec' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.period(v dp.capvec) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.start_date(v dp.capvec) RETURNS date
    AS 'MODULE_PATHNAME', 'dp_start_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.end_date(v dp.capvec) RETURNS date
    AS 'MODULE_PATHNAME', 'dp_end_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.length(v dp.capvec) RETURNS integer
    AS 'MODULE_PATHNAME', 'dp_length' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.total(v dp.capvec) RETURNS float8
    AS 'MODULE_PATHNAME', 'dp_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.value_at(v dp.capvec, d date) RETURNS float8
    AS 'MODULE_PATHNAME', 'dp_value_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.unnest(v dp.capvec, OUT period_start date, OUT period_end date, OUT quantity float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_unnest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 24;
CREATE OR REPLACE FUNCTION dp.pointwise_min(a dp.capvec, b dp.capvec) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_pointwise_min' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.pointwise_max(a dp.capvec, b dp.capvec) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_pointwise_max' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.clamp(v dp.capvec, lo float8, hi float8) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_clamp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.cumulative(v dp.capvec) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_cumulative' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.shift(v dp.capvec, n integer) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_shift' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.slice(v dp.capvec, from_date date, to_date date) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_slice' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.pad(v dp.capvec, from_date date, to_date date) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_pad' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.resample(v dp.capvec, period text) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_resample' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.fsg(n dp.nsn) RETURNS integer
    AS 'MODULE_PATHNAME', 'dp_fsg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.nsc(n dp.nsn) RETURNS integer
    AS 'MODULE_PATHNAME', 'dp_nsc' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.ncb_code(n dp.nsn) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_ncb_code' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.niin(n dp.nsn) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_niin' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- stockpile_outlook simulates the stock-out risk over its 6-month horizon only
-- (it simulated all 24 months to read the 6th), with the horizon and the
-- trials named; same columns, same values.
CREATE OR REPLACE VIEW dp.stockpile_outlook WITH (security_invoker = true) AS
SELECT i.nation,
       i.item_id,
       it.name AS item_name,
       it.interop_class,
       i.as_of,
       i.on_hand,
       i.target,
       i.method AS forecast_method,
       dp.total(i.demand) / dp.length(i.demand) AS monthly_consumption,
       dp.total(i.supply) / dp.length(i.supply) AS monthly_deliveries,
       dp.depletion_date(i.on_hand, i.supply, i.demand) AS depletion_date,
       CASE WHEN i.target IS NOT NULL THEN dp.replenish_date(i.on_hand, i.supply, i.demand, i.target) END AS replenish_date,
       dp.days_of_supply(i.on_hand, i.demand) AS days_of_supply,
       -- simulated over the risk horizon only; p_stockout_by grows, so its maximum is the last month's
       (SELECT pg_catalog.max(s.p_stockout_by)
          FROM dp.simulate_stock(i.on_hand, dp.slice(i.supply, i.start_month, r.risk_end),
                                 dp.slice(i.demand, i.start_month, r.risk_end),
                                 dp.slice(i.demand_sd, i.start_month, r.risk_end),
                                 trials => risk.trials, seed => 1) s) AS stockout_risk_6m,
       dp.sparkline(dp.cumulative(i.supply - i.demand + dp.capvec('month', i.start_month, ARRAY[i.on_hand]))) AS projected_stock
  FROM dp.stockpile_inputs() i
  JOIN dp.item it ON it.item_id = i.item_id
  -- the stock-out risk: its horizon in months and the simulation's trials
  CROSS JOIN (VALUES (6, 2000)) AS risk(months, trials)
  CROSS JOIN LATERAL (SELECT (i.start_month + pg_catalog.make_interval(months => risk.months))::date AS risk_end) r;

-- ---- reliability: NULL arguments of the stockpile functions ------------------
-- The stockpile functions over vectors are no longer strict: a NULL argument
-- is an error (22004 naming it), so it cannot read as "not within the span"
-- (stock_projection was already non-strict; it no longer gives no rows).
COMMENT ON FUNCTION dp.stock_projection(float8, dp.capvec, dp.capvec, float8, boolean) IS 'one row per period of the aligned span: opening, supplied, demanded, closing (opening + supplied - demanded), shortfall and closing < target; with backorder => false unmet demand is lost and closing never goes below 0; a NULL target gives a NULL below_target; any other NULL argument is an error (22004)';

CREATE OR REPLACE FUNCTION dp.depletion_date(on_hand float8, supply dp.capvec, demand dp.capvec,
                                  threshold float8 DEFAULT 0)
    RETURNS date
    AS 'MODULE_PATHNAME', 'dp_depletion_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.depletion_date(float8, dp.capvec, dp.capvec, float8) IS 'the first day at whose end the stock is at or below threshold (flows even within each period); the first period''s start if on_hand already is; NULL if not within the span; a NULL argument is an error (22004)';

CREATE OR REPLACE FUNCTION dp.replenish_date(on_hand float8, supply dp.capvec, demand dp.capvec,
                                  target float8, backorder boolean DEFAULT true)
    RETURNS date
    AS 'MODULE_PATHNAME', 'dp_replenish_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.replenish_date(float8, dp.capvec, dp.capvec, float8, boolean) IS 'the first day, after the stock first falls below target, at whose end it is back at or above target; the first period''s start if it never falls below; NULL if it does not recover within the span; a NULL argument is an error (22004)';

CREATE OR REPLACE FUNCTION dp.days_of_supply(on_hand float8, demand dp.capvec)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'dp_days_of_supply' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.days_of_supply(float8, dp.capvec) IS 'fractional days from the demand''s start until demand alone uses on_hand up; past the vector''s end its mean daily demand continues; 0 when on_hand is 0, else NULL when total demand is 0; a NULL argument is an error (22004)';

CREATE OR REPLACE FUNCTION dp.stockout_probability(on_hand float8, supply dp.capvec, demand_mean dp.capvec,
                                        demand_sd dp.capvec)
    RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_stockout_probability' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.stockout_probability(float8, dp.capvec, dp.capvec, dp.capvec) IS 'per period P(closing < 0) with independent normal demand per period (backorder convention): Phi(-E[closing] / sd[closing]), sd the root of the summed variances; 0 or 1 where the variance is 0; a NULL argument is an error (22004)';

CREATE OR REPLACE FUNCTION dp.simulate_stock(on_hand float8, supply dp.capvec, demand_mean dp.capvec,
                                  demand_sd dp.capvec, trials integer DEFAULT 10000,
                                  seed bigint DEFAULT 1, distribution text DEFAULT 'normal',
                                  backorder boolean DEFAULT true,
                                  OUT period_start date, OUT p05 float8, OUT p50 float8,
                                  OUT p95 float8, OUT p_stockout float8, OUT p_stockout_by float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_simulate_stock' LANGUAGE C IMMUTABLE PARALLEL SAFE
    COST 10000 ROWS 24;
COMMENT ON FUNCTION dp.simulate_stock(float8, dp.capvec, dp.capvec, dp.capvec, integer, bigint, text, boolean) IS 'Monte Carlo of the closing stock per period (demand normal clipped at 0, or gamma matched to mean and sd; PostgreSQL pg_prng seeded by seed): 5%, 50% and 95% quantiles (R type 7), the share of trials with a stock-out in the period and in any period up to it; 1 to 10000000 trials; a NULL argument is an error (22004)';
