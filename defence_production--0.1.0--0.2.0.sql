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

-- ---- bi: what analysts and BI tools reach for -------------------------------
-- dp.capvec_agg over timestamp and timestamptz (bucketed by the date in the
-- session's time zone); dp.stockout_probability and dp.simulate_stock with
-- one demand standard deviation; dp.last_date, the inclusive end.

-- dp.capvec becomes a string-category type, as CREATE TYPE ... CATEGORY = 'S'
-- makes it in a fresh install (ALTER TYPE cannot change a category): with the
-- number overloads below, an untyped literal still resolves to the capvec one
UPDATE pg_catalog.pg_type SET typcategory = 'S' WHERE oid = 'dp.capvec'::pg_catalog.regtype;
CREATE FUNCTION dp.capvec_agg_trans(state dp.capvec_state, at timestamp, quantity float8, period text) RETURNS dp.capvec_state
    AS 'MODULE_PATHNAME', 'capvec_agg_trans_timestamp' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_agg_trans(dp.capvec_state, timestamp, float8, text) IS 'transition function of dp.capvec_agg over timestamps (the timestamp''s date)';
CREATE FUNCTION dp.capvec_agg_trans(state dp.capvec_state, at timestamptz, quantity float8, period text) RETURNS dp.capvec_state
    AS 'MODULE_PATHNAME', 'capvec_agg_trans_timestamptz' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_agg_trans(dp.capvec_state, timestamptz, float8, text) IS 'transition function of dp.capvec_agg over timestamptz (the date in the session''s time zone)';
CREATE AGGREGATE dp.capvec_agg(at timestamp, quantity float8, period text) (
    SFUNC = dp.capvec_agg_trans,
    STYPE = dp.capvec_state,
    COMBINEFUNC = dp.capvec_state_combine,
    FINALFUNC = dp.capvec_state_sum_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE dp.capvec_agg(timestamp, float8, text) IS 'dp.capvec_agg over timestamps: each row in the bucket of its date';
CREATE AGGREGATE dp.capvec_agg(at timestamptz, quantity float8, period text) (
    SFUNC = dp.capvec_agg_trans,
    STYPE = dp.capvec_state,
    COMBINEFUNC = dp.capvec_state_combine,
    FINALFUNC = dp.capvec_state_sum_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE dp.capvec_agg(timestamptz, float8, text) IS 'dp.capvec_agg over timestamptz: each row in the bucket of its date in the session''s time zone (TimeZone), so the result depends on that setting';

CREATE FUNCTION dp.last_date(v dp.capvec) RETURNS date
    AS 'MODULE_PATHNAME', 'dp_last_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.last_date(dp.capvec) IS 'the last day of the last period (inclusive end, at most 9999-12-31); NULL for an empty vector';

CREATE FUNCTION dp.stockout_probability(on_hand float8, supply dp.capvec, demand_mean dp.capvec,
                                        demand_sd float8)
    RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_stockout_probability_scalar_sd' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.stockout_probability(float8, dp.capvec, dp.capvec, float8) IS 'dp.stockout_probability with one demand standard deviation for every period of demand_mean (0 in periods demand_mean does not cover)';
CREATE FUNCTION dp.simulate_stock(on_hand float8, supply dp.capvec, demand_mean dp.capvec,
                                  demand_sd float8, trials integer DEFAULT 10000,
                                  seed bigint DEFAULT 1, distribution text DEFAULT 'normal',
                                  backorder boolean DEFAULT true,
                                  OUT period_start date, OUT p05 float8, OUT p50 float8,
                                  OUT p95 float8, OUT p_stockout float8, OUT p_stockout_by float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_simulate_stock_scalar_sd' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    COST 10000 ROWS 24;
COMMENT ON FUNCTION dp.simulate_stock(float8, dp.capvec, dp.capvec, float8, integer, bigint, text, boolean) IS 'dp.simulate_stock with one demand standard deviation for every period of demand_mean (0 in periods demand_mean does not cover)';

-- dp.svg_chart drawn for planners, with limits: a y-axis title, target lines
-- and a labelled band below zero (new arguments, so a new signature)
DROP FUNCTION dp.svg_chart(dp.capvec[], text[], text);
CREATE FUNCTION dp.svg_chart(series dp.capvec[], labels text[] DEFAULT NULL, title text DEFAULT NULL,
                             y_title text DEFAULT NULL, targets float8[] DEFAULT NULL,
                             negative_label text DEFAULT NULL) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_svg_chart' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION dp.svg_chart(dp.capvec[], text[], text, text, float8[], text) IS 'a standalone SVG line chart of the series (one period): value axis from 0 with thousands separators and a y_title, a heavier zero line, a band labelled negative_label below 0, a dashed target line per series (targets, NULL: none), each line labelled at its end, colour-blind-safe colours; at most 100 series over 10000 periods; NULL series gives NULL';
