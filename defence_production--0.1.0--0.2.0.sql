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

-- ---- release: exact, compact partial states ---------------------------------
-- dp.capvec_state writes its values as IEEE-754 bits in hex (it still reads the
-- decimal form); dp.hhi gets a state type of its own, dp.hhi_state, whose text
-- form is exact whatever extra_float_digits says (it was a float8[]).
COMMENT ON TYPE dp.capvec_state IS 'partial state of dp.sum, dp.avg and dp.capvec_agg: a row count and a running sum vector, exact text form with the values as IEEE-754 bits in hex, e.g. ''2 month 2024-01-01 x[3ff,4]'' for [1,2]';
COMMENT ON FUNCTION dp.capvec_state_in(cstring) IS 'text input of dp.capvec_state: the exact form, or the decimal form ''2 month 2024-01-01 [1,2]''';
COMMENT ON FUNCTION dp.capvec_state_out(dp.capvec_state) IS 'text output of dp.capvec_state, exact whatever extra_float_digits says';

-- the state: {count, sum, sum of squares, exponent} (sums scaled by powers of
-- two), written exactly as "count xSUM xSUMSQ exponent", the sums' IEEE-754
-- bits in hex, so partial states shipped as text (Citus) stay exact
CREATE TYPE dp.hhi_state;
CREATE FUNCTION dp.hhi_state_in(cstring) RETURNS dp.hhi_state
    AS 'MODULE_PATHNAME', 'hhi_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION dp.hhi_state_out(dp.hhi_state) RETURNS cstring
    AS 'MODULE_PATHNAME', 'hhi_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION dp.hhi_state_recv(internal) RETURNS dp.hhi_state
    AS 'MODULE_PATHNAME', 'hhi_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION dp.hhi_state_send(dp.hhi_state) RETURNS bytea
    AS 'MODULE_PATHNAME', 'hhi_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE dp.hhi_state (
    INPUT = dp.hhi_state_in,
    OUTPUT = dp.hhi_state_out,
    RECEIVE = dp.hhi_state_recv,
    SEND = dp.hhi_state_send,
    INTERNALLENGTH = 32,
    ALIGNMENT = double,
    STORAGE = plain
);
DROP FUNCTION dp.hhi_trans(float8[], float8);
DROP FUNCTION dp.hhi_combine(float8[], float8[]);
DROP FUNCTION dp.hhi_final(float8[]);
