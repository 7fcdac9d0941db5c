-- defence_production 0.1.0 -> 0.2.0: every SQL change since the 0.1.0 release,
-- applied by ALTER EXTENSION defence_production UPDATE.  A fresh 0.2.0 install
-- (defence_production--0.2.0.sql, generated from src/*.sql) and an updated
-- 0.1.0 install must end up with the same catalog.
\echo Use "ALTER EXTENSION defence_production UPDATE TO '0.2.0'" to load this file. \quit

-- ===========================================================================
-- house: C entry points named after their SQL functions
-- ===========================================================================
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

-- ===========================================================================
-- 0.1.0 views and helpers that 0.2.0 replaces
-- ===========================================================================
-- Dropped first: the stockpile views read the old forecast functions, and
-- every view is created again below in its 0.2.0 form (its grants go to the
-- nations' marker roles now).
DROP VIEW dp.stockpile_outlook, dp.stockpile_projection, dp.harmonized_demand, dp.allocation_plan,
          dp.capacity_outlook, dp.capacity_gap, dp.supply_risk, dp.requirement_by_class;
DROP FUNCTION dp.stockpile_inputs(integer);
DROP FUNCTION dp.class_capacity();
DROP FUNCTION dp.class_components();

-- ===========================================================================
-- capvec: string category, timestamp buckets, exact partial states
-- ===========================================================================
-- dp.capvec_agg over timestamp and timestamptz (bucketed by the date in the
-- session's time zone); dp.last_date, the inclusive end; dp.capvec_state
-- writes its values as IEEE-754 bits in hex (it still reads the decimal form).

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
COMMENT ON TYPE dp.capvec_state IS 'partial state of dp.sum, dp.avg and dp.capvec_agg: a row count and a running sum vector, exact text form with the values as IEEE-754 bits in hex, e.g. ''2 month 2024-01-01 x[3ff,4]'' for [1,2]';
COMMENT ON FUNCTION dp.capvec_state_in(cstring) IS 'text input of dp.capvec_state: the exact form, or the decimal form ''2 month 2024-01-01 [1,2]''';
COMMENT ON FUNCTION dp.capvec_state_out(dp.capvec_state) IS 'text output of dp.capvec_state, exact whatever extra_float_digits says';

-- ===========================================================================
-- capacity: dp.bom_capacity; dp.hhi with an exact state
-- ===========================================================================
-- dp.hhi gets a state type of its own, dp.hhi_state, whose text form is exact
-- whatever extra_float_digits says (it was a float8[]).

-- the bill-of-materials bottleneck and binding component from one pass
CREATE FUNCTION dp.bom_capacity(components dp.capvec[], qty_per float8[], OUT capacity dp.capvec, OUT binding integer[])
    AS 'MODULE_PATHNAME', 'dp_bom_capacity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.bom_capacity(dp.capvec[], float8[]) IS 'dp.bottleneck and dp.binding_component from one pass: the assemblies the components allow per period (capacity) and the 1-based position of the binding component per period (binding)';

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
COMMENT ON TYPE dp.hhi_state IS 'partial state of dp.hhi: count, sum and sum of squares scaled by 2^-exponent and 2^-2*exponent, exponent; exact text form ''count xSUM xSUMSQ exponent'' (IEEE-754 bits in hex), e.g. ''2 x4004 x400a9 5''';
COMMENT ON FUNCTION dp.hhi_state_in(cstring) IS 'text input of dp.hhi_state';
COMMENT ON FUNCTION dp.hhi_state_out(dp.hhi_state) IS 'text output of dp.hhi_state (exact whatever extra_float_digits says)';
COMMENT ON FUNCTION dp.hhi_state_recv(internal) IS 'binary input of dp.hhi_state';
COMMENT ON FUNCTION dp.hhi_state_send(dp.hhi_state) IS 'binary output of dp.hhi_state';

CREATE FUNCTION dp.hhi_state_trans(state dp.hhi_state, quantity float8) RETURNS dp.hhi_state
    AS 'MODULE_PATHNAME', 'hhi_state_trans' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.hhi_state_trans(dp.hhi_state, float8) IS 'transition function of dp.hhi: adds a quantity to the state';
CREATE FUNCTION dp.hhi_state_combine(a dp.hhi_state, b dp.hhi_state) RETURNS dp.hhi_state
    AS 'MODULE_PATHNAME', 'hhi_state_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.hhi_state_combine(dp.hhi_state, dp.hhi_state) IS 'combine function of dp.hhi (merges two partial states)';
CREATE FUNCTION dp.hhi_state_final(state dp.hhi_state) RETURNS float8
    AS 'MODULE_PATHNAME', 'hhi_state_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.hhi_state_final(dp.hhi_state) IS 'final function of dp.hhi: 10000 * sum(q^2) / (sum q)^2, NULL when no quantity is positive';

-- the aggregate keeps its identity (views use it); its old functions go
CREATE OR REPLACE AGGREGATE dp.hhi(quantity float8) (
    SFUNC = dp.hhi_state_trans,
    STYPE = dp.hhi_state,
    COMBINEFUNC = dp.hhi_state_combine,
    FINALFUNC = dp.hhi_state_final,
    INITCOND = '0 x0 x0 0',
    PARALLEL = SAFE
);
DROP FUNCTION dp.hhi_trans(float8[], float8);
DROP FUNCTION dp.hhi_combine(float8[], float8[]);
DROP FUNCTION dp.hhi_final(float8[]);

-- ===========================================================================
-- forecast: new methods, parameters and fit columns
-- ===========================================================================
-- New methods imapa, ets, theta, otm and dotm; new parameters gamma, model and
-- season_length; new forecast_fit columns (model, gamma, theta,
-- season_length, loglik, aicc); forecast_interval clips its lower bound at 0
-- only for the methods that need non-negative demand.  dp.forecast,
-- dp.forecast_fit and dp.forecast_interval change signature, so they are
-- dropped and created again (the 0.1.0 views that called them are gone).
DROP FUNCTION dp.forecast(dp.capvec, integer, text, float8, float8, float8, integer);
DROP FUNCTION dp.forecast_fit(dp.capvec, text, float8, float8, float8, integer);
DROP FUNCTION dp.forecast_interval(dp.capvec, integer, text, float8, float8, float8, float8, integer);

CREATE FUNCTION dp.forecast(history dp.capvec, horizon integer, method text DEFAULT 'auto',
                            alpha float8 DEFAULT NULL, beta float8 DEFAULT NULL,
                            phi float8 DEFAULT NULL, window_size integer DEFAULT NULL,
                            gamma float8 DEFAULT NULL, model text DEFAULT NULL,
                            season_length integer DEFAULT NULL)
    RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_forecast' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.forecast(dp.capvec, integer, text, float8, float8, float8, integer, float8, text, integer) IS
    'forecast of horizon periods starting at dp.end_date(history) by method naive, mean, moving_average, ses, holt, damped, croston, sba, tsb, adida, imapa, ets, theta, otm, dotm or auto (default); parameters left NULL are estimated or take their defaults';

CREATE FUNCTION dp.forecast_fit(history dp.capvec, method text DEFAULT 'auto',
                                alpha float8 DEFAULT NULL, beta float8 DEFAULT NULL,
                                phi float8 DEFAULT NULL, window_size integer DEFAULT NULL,
                                gamma float8 DEFAULT NULL, model text DEFAULT NULL,
                                season_length integer DEFAULT NULL,
                                OUT method text, OUT alpha float8, OUT beta float8, OUT phi float8,
                                OUT mae float8, OUT rmse float8, OUT mase float8, OUT bias float8,
                                OUT model text, OUT gamma float8, OUT theta float8,
                                OUT season_length integer, OUT loglik float8, OUT aicc float8)
    RETURNS record
    AS 'MODULE_PATHNAME', 'dp_forecast_fit' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.forecast_fit(dp.capvec, text, float8, float8, float8, integer, float8, text, integer) IS
    'the method (auto when it combines, else the method it used), its parameters, the in-sample one-step error statistics mae, rmse, mase and bias (mean of y - forecast), the model (ETS components, auto''s combination), theta, the season length used, and for ets the log-likelihood and AICc; NULL where undefined';

CREATE FUNCTION dp.forecast_interval(history dp.capvec, horizon integer, method text DEFAULT 'auto',
                                     level float8 DEFAULT 0.9,
                                     alpha float8 DEFAULT NULL, beta float8 DEFAULT NULL,
                                     phi float8 DEFAULT NULL, window_size integer DEFAULT NULL,
                                     gamma float8 DEFAULT NULL, model text DEFAULT NULL,
                                     season_length integer DEFAULT NULL,
                                     OUT period_start date, OUT forecast float8,
                                     OUT lower float8, OUT upper float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_forecast_interval' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 12;
COMMENT ON FUNCTION dp.forecast_interval(dp.capvec, integer, text, float8, float8, float8, float8, integer, float8, text, integer) IS
    'one row per forecast period: period_start, forecast and the two-sided prediction interval at level (the model''s forecast variance; auto: the median of its parts'' bounds); lower clipped at 0 only for the methods that need non-negative demand, and never above the forecast';

-- ===========================================================================
-- stockpile: NULL arguments are errors; one demand standard deviation
-- ===========================================================================
-- The stockpile functions over vectors are no longer strict: a NULL argument
-- is an error (22004 naming it), so it cannot read as "not within the span"
-- (stock_projection was already non-strict; it no longer gives no rows).
-- dp.stockout_probability and dp.simulate_stock get overloads with one demand
-- standard deviation.
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

CREATE FUNCTION dp.stockout_probability(on_hand float8, supply dp.capvec, demand_mean dp.capvec,
                                        demand_sd float8)
    RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_stockout_probability_scalar_sd' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.stockout_probability(float8, dp.capvec, dp.capvec, float8) IS 'dp.stockout_probability with one demand standard deviation for every period of demand_mean (0 in periods demand_mean does not cover); a NULL argument is an error (22004)';

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

CREATE FUNCTION dp.simulate_stock(on_hand float8, supply dp.capvec, demand_mean dp.capvec,
                                  demand_sd float8, trials integer DEFAULT 10000,
                                  seed bigint DEFAULT 1, distribution text DEFAULT 'normal',
                                  backorder boolean DEFAULT true,
                                  OUT period_start date, OUT p05 float8, OUT p50 float8,
                                  OUT p95 float8, OUT p_stockout float8, OUT p_stockout_by float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_simulate_stock_scalar_sd' LANGUAGE C IMMUTABLE PARALLEL SAFE
    COST 10000 ROWS 24;
COMMENT ON FUNCTION dp.simulate_stock(float8, dp.capvec, dp.capvec, float8, integer, bigint, text, boolean) IS 'dp.simulate_stock with one demand standard deviation for every period of demand_mean (0 in periods demand_mean does not cover); a NULL argument is an error (22004)';

-- ===========================================================================
-- chart: dp.svg_chart drawn for planners
-- ===========================================================================
-- A y-axis title, target lines and a labelled band below zero, with limits
-- (new arguments, so a new signature).
DROP FUNCTION dp.svg_chart(dp.capvec[], text[], text);
CREATE FUNCTION dp.svg_chart(series dp.capvec[], labels text[] DEFAULT NULL, title text DEFAULT NULL,
                             y_title text DEFAULT NULL, targets float8[] DEFAULT NULL,
                             negative_label text DEFAULT NULL) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_svg_chart' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION dp.svg_chart(dp.capvec[], text[], text, text, float8[], text) IS 'a standalone SVG line chart of the series (one period): value axis from 0 with thousands separators and a y_title, a heavier zero line, a band labelled negative_label below 0, a dashed target line per series (targets, NULL: none), each line labelled at its end, colour-blind-safe colours; at most 100 series over 10000 periods; NULL series gives NULL';

-- ===========================================================================
-- replenish: the optimal replenishment plan
-- ===========================================================================
-- dp.replenishment_plan, dp.replenishment_summary and dp.required_capacity;
-- the scenarios (dp.scenario) are part of the schema and the replenishment
-- outlook built on them is one of the views, below.

CREATE FUNCTION dp.replenishment_plan(capacity dp.capvec, on_hand float8[], targets float8[], demands dp.capvec[],
                                      deliveries dp.capvec[] DEFAULT NULL, weights float8[] DEFAULT NULL,
                                      OUT claimant integer, OUT period_start date, OUT allocated float8,
                                      OUT stock float8, OUT unmet float8, OUT below_target float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_replenishment_plan' LANGUAGE C IMMUTABLE PARALLEL SAFE COST 10000 ROWS 1000;
COMMENT ON FUNCTION dp.replenishment_plan(dp.capvec, float8[], float8[], dp.capvec[], dp.capvec[], float8[]) IS 'lexicographically optimal sharing of capacity among claimants (claimant = 1-based position in demands) over the capacity''s periods, solved as linear programmes: least weighted unmet demand, then fewest weighted stock-periods below target, then least production; stock = previous + allocated + deliveries - demand + unmet, unmet demand is lost; one row per claimant and period, by claimant then period; NULL capacity, on_hand, targets or demands give no rows';

CREATE FUNCTION dp.replenishment_summary(capacity dp.capvec, on_hand float8[], targets float8[], demands dp.capvec[],
                                         deliveries dp.capvec[] DEFAULT NULL, weights float8[] DEFAULT NULL,
                                         OUT unmet float8, OUT below_target float8, OUT reaches_target date[])
    RETURNS record
    AS 'MODULE_PATHNAME', 'dp_replenishment_summary' LANGUAGE C IMMUTABLE PARALLEL SAFE COST 10000;
COMMENT ON FUNCTION dp.replenishment_summary(dp.capvec, float8[], float8[], dp.capvec[], dp.capvec[], float8[]) IS 'the optimal objective values of dp.replenishment_plan (weighted unmet demand, weighted stock-periods below target) and, per claimant, the first period from which its stock stays at or above target (NULL if never); NULL when capacity, on_hand, targets or demands is NULL';

CREATE FUNCTION dp.required_capacity(capacity dp.capvec, on_hand float8[], targets float8[], demands dp.capvec[],
                                     by date, deliveries dp.capvec[] DEFAULT NULL) RETURNS float8
    AS 'MODULE_PATHNAME', 'dp_required_capacity' LANGUAGE C IMMUTABLE PARALLEL SAFE COST 10000;
COMMENT ON FUNCTION dp.required_capacity(dp.capvec, float8[], float8[], dp.capvec[], date, dp.capvec[]) IS 'the smallest factor k such that k x capacity, shared optimally, leaves no demand unmet and every claimant at or above target from the period containing by to the end of the capacity''s span (one linear programme); NULL if no factor does, or when capacity, on_hand, targets, demands or by is NULL';

-- ===========================================================================
-- schema: a reference schema that distributes and keeps data safe
-- ===========================================================================
-- Nation membership as role membership (marker roles), subquery-free
-- row-level security, the shipped nations in the library (edits to them kept
-- by pg_dump, deletes refused), bounded quantities and dates, composite keys
-- with the nation and GENERATED ALWAYS identities, a guard against DROP
-- EXTENSION without CASCADE.  User data is kept: identity values, and the
-- 0.1.0 role mappings become memberships (at the end, once every view the
-- marker roles are granted exists).

-- shipped nations
-- The nations the extension ships, from a constant table in the library (no
-- table read): dp.nation starts with them, dp.codification_country uses them.
CREATE FUNCTION dp.shipped_nations(OUT code text, OUT name text, OUT nato_member boolean,
                                   OUT accession date, OUT ncb_codes text[])
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_shipped_nations' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 38;
COMMENT ON FUNCTION dp.shipped_nations() IS 'the nations the extension ships (the 32 NATO members and six partners) as shipped: code, name, nato_member, accession, ncb_codes';

COMMENT ON TABLE dp.nation IS 'nations: the 32 NATO members and six partners the extension ships, and any others users add; a shipped row can be edited (the edit is kept by pg_dump) but not deleted';
COMMENT ON COLUMN dp.nation.builtin IS 'true for a shipped row as shipped (not dumped: CREATE EXTENSION recreates it); editing the row makes it false, so pg_dump keeps the edit; maintained by the extension';

-- Keeps shipped rows apart from user rows: an edited shipped row becomes a
-- user row (dumped); a row inserted with a shipped code (pg_restore of an
-- edited row) replaces the shipped row instead of failing; shipped rows
-- cannot be deleted, renamed or truncated away (they would come back with
-- the next CREATE EXTENSION, e.g. on restore).
CREATE FUNCTION dp._nation_rows() RETURNS trigger
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    merged bigint;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION USING ERRCODE = 'restrict_violation',
            MESSAGE = 'cannot truncate dp.nation: it holds the nations the extension ships',
            HINT = 'Delete the rows you added instead: DELETE FROM dp.nation WHERE code NOT IN (SELECT code FROM dp.shipped_nations()).';
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') AND (TG_OP = 'DELETE' OR NEW.code IS DISTINCT FROM OLD.code)
       AND EXISTS (SELECT 1 FROM dp.shipped_nations() s WHERE s.code = OLD.code) THEN
        RAISE EXCEPTION USING ERRCODE = 'restrict_violation',
            MESSAGE = format('cannot %s nation %s: the extension ships it',
                             CASE TG_OP WHEN 'DELETE' THEN 'delete' ELSE 'change the code of' END, OLD.code),
            DETAIL = 'A shipped row comes back with the next CREATE EXTENSION, for example when a dump is restored.',
            HINT = 'Edit its other columns instead (pg_dump keeps an edited row), e.g. set nato_member to false.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    ELSIF TG_OP = 'UPDATE' THEN
        -- builtin can only be lowered: an edited shipped row is a user row from now on
        NEW.builtin := NEW.builtin AND OLD.builtin
            AND (NEW.name, NEW.nato_member, NEW.accession, NEW.ncb_codes)
                IS NOT DISTINCT FROM (OLD.name, OLD.nato_member, OLD.accession, OLD.ncb_codes);
        RETURN NEW;
    END IF;
    -- INSERT: a row is builtin only as shipped; a shipped code takes over the shipped row.
    -- The table is the trigger's own (on Citus, the shard placement the row goes to).
    NEW.builtin := NEW.builtin AND EXISTS (
        SELECT 1 FROM dp.shipped_nations() s
         WHERE (s.code, s.name, s.nato_member, s.accession, s.ncb_codes)
               IS NOT DISTINCT FROM (NEW.code, NEW.name, NEW.nato_member, NEW.accession, NEW.ncb_codes));
    EXECUTE format('UPDATE %I.%I n SET name = $1.name, nato_member = $1.nato_member, accession = $1.accession,'
                   ' ncb_codes = $1.ncb_codes, builtin = $1.builtin WHERE n.code = $1.code AND n.builtin',
                   TG_TABLE_SCHEMA, TG_TABLE_NAME)
        USING NEW;
    GET DIAGNOSTICS merged = ROW_COUNT;
    IF merged > 0 THEN
        RETURN NULL;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION dp._nation_rows() IS 'internal: trigger of dp.nation keeping shipped rows apart from user rows (edits dumped, inserts of shipped codes merged, deletes of shipped rows refused)';
CREATE TRIGGER nation_rows BEFORE INSERT OR UPDATE OR DELETE ON dp.nation
    FOR EACH ROW EXECUTE FUNCTION dp._nation_rows();
COMMENT ON TRIGGER nation_rows ON dp.nation IS 'edited shipped rows become user rows (dumped); an insert of a shipped code replaces the shipped row; shipped rows cannot be deleted';
CREATE TRIGGER nation_truncate BEFORE TRUNCATE ON dp.nation
    FOR EACH STATEMENT EXECUTE FUNCTION dp._nation_rows();
COMMENT ON TRIGGER nation_truncate ON dp.nation IS 'the shipped rows cannot be truncated away';

-- bounded quantities and dates (an update fails with 23514 naming the
-- constraint if a row lies outside: correct such rows first)
ALTER TABLE dp.item DROP CONSTRAINT item_class_units_positive,
    ADD CONSTRAINT item_class_units_range CHECK (class_units_per_unit > 0 AND class_units_per_unit <= 1e6);
COMMENT ON COLUMN dp.item.class_units_per_unit IS 'class units in one item unit (e.g. rounds per pallet), for pooling; above 0, at most 1e6';
ALTER TABLE dp.stockpile DROP CONSTRAINT stockpile_on_hand_not_negative, DROP CONSTRAINT stockpile_target_not_negative,
    ADD CONSTRAINT stockpile_as_of_range CHECK (as_of >= '1900-01-01' AND as_of < '2200-01-01'),
    ADD CONSTRAINT stockpile_on_hand_range CHECK (on_hand >= 0 AND on_hand < 1e15),
    ADD CONSTRAINT stockpile_target_range CHECK (target >= 0 AND target < 1e15);
ALTER TABLE dp.consumption DROP CONSTRAINT consumption_quantity_not_negative,
    ADD CONSTRAINT consumption_at_range CHECK (at >= '1900-01-01' AND at < '2200-01-01'),
    ADD CONSTRAINT consumption_quantity_range CHECK (quantity >= 0 AND quantity < 1e15);
ALTER TABLE dp.planned_delivery DROP CONSTRAINT planned_delivery_quantity_not_negative,
    ADD CONSTRAINT planned_delivery_due_range CHECK (due >= '1900-01-01' AND due < '2200-01-01'),
    ADD CONSTRAINT planned_delivery_quantity_range CHECK (quantity >= 0 AND quantity < 1e15);
ALTER TABLE dp.requirement DROP CONSTRAINT requirement_quantity_not_negative, DROP CONSTRAINT requirement_weight_positive,
    ADD CONSTRAINT requirement_need_by_range CHECK (need_by >= '1900-01-01' AND need_by < '2200-01-01'),
    ADD CONSTRAINT requirement_quantity_range CHECK (quantity >= 0 AND quantity < 1e15),
    ADD CONSTRAINT requirement_weight_range CHECK (weight >= 1e-6 AND weight <= 1e6);
ALTER TABLE dp.production_line DROP CONSTRAINT production_line_crisis_factor, DROP CONSTRAINT production_line_conflict_factor,
    ADD CONSTRAINT production_line_capacity_range CHECK (capacity = dp.clamp(capacity, 0, 1e15)),
    ADD CONSTRAINT production_line_crisis_factor CHECK (crisis_factor >= 1 AND crisis_factor <= 100),
    ADD CONSTRAINT production_line_conflict_factor CHECK (conflict_factor >= 1 AND conflict_factor <= 100);
ALTER TABLE dp.bom DROP CONSTRAINT bom_qty_per_positive,
    ADD CONSTRAINT bom_qty_per_range CHECK (qty_per >= 1e-6 AND qty_per <= 1e6);
ALTER TABLE dp.component_source
    ADD CONSTRAINT component_source_capacity_range CHECK (capacity = dp.clamp(capacity, 0, 1e15));
COMMENT ON COLUMN dp.stockpile.nation IS 'owning nation';
COMMENT ON COLUMN dp.stockpile.item_id IS 'item';
COMMENT ON COLUMN dp.stockpile.as_of IS 'date the stock was counted (1900-01-01 to 2199-12-31)';
COMMENT ON COLUMN dp.stockpile.on_hand IS 'quantity on hand, in item units (0 to below 1e15)';
COMMENT ON COLUMN dp.stockpile.target IS 'stock objective, in item units (0 to below 1e15)';
COMMENT ON COLUMN dp.consumption.nation IS 'consuming nation';
COMMENT ON COLUMN dp.consumption.item_id IS 'item';
COMMENT ON COLUMN dp.consumption.at IS 'date of the consumption (1900-01-01 to 2199-12-31)';
COMMENT ON COLUMN dp.consumption.quantity IS 'quantity consumed, in item units (0 to below 1e15)';
COMMENT ON COLUMN dp.planned_delivery.delivery_id IS 'delivery identifier, assigned by the database (GENERATED ALWAYS)';
COMMENT ON COLUMN dp.planned_delivery.nation IS 'receiving nation';
COMMENT ON COLUMN dp.planned_delivery.item_id IS 'item';
COMMENT ON COLUMN dp.planned_delivery.due IS 'due date (1900-01-01 to 2199-12-31)';
COMMENT ON COLUMN dp.planned_delivery.quantity IS 'quantity due, in item units (0 to below 1e15)';
COMMENT ON COLUMN dp.requirement.requirement_id IS 'requirement identifier, assigned by the database (GENERATED ALWAYS)';
COMMENT ON COLUMN dp.requirement.nation IS 'requiring nation';
COMMENT ON COLUMN dp.requirement.item_id IS 'item';
COMMENT ON COLUMN dp.requirement.need_by IS 'date the quantity is needed by (1900-01-01 to 2199-12-31)';
COMMENT ON COLUMN dp.requirement.quantity IS 'quantity required, in item units (0 to below 1e15)';
COMMENT ON COLUMN dp.requirement.priority IS 'priority (lower is served first by the priority policy)';
COMMENT ON COLUMN dp.requirement.weight IS 'weight in fair and proportional allocation (1e-6 to 1e6)';
COMMENT ON COLUMN dp.production_line.capacity IS 'peacetime capacity per month, in class units (a monthly capvec, values 0 to 1e15)';
COMMENT ON COLUMN dp.production_line.crisis_factor IS 'capacity multiplier reached in a crisis posture (1 to 100)';
COMMENT ON COLUMN dp.production_line.conflict_factor IS 'capacity multiplier reached in a conflict posture (1 to 100)';
COMMENT ON COLUMN dp.bom.qty_per IS 'component units per class unit (1e-6 to 1e6)';
COMMENT ON COLUMN dp.component_source.capacity IS 'capacity per month, in component units (a monthly capvec, values 0 to 1e15)';

-- keys that include the nation; identities assigned by the database only (values kept)
ALTER TABLE dp.planned_delivery DROP CONSTRAINT planned_delivery_pkey, ADD PRIMARY KEY (nation, delivery_id);
ALTER TABLE dp.planned_delivery ALTER COLUMN delivery_id SET GENERATED ALWAYS;
ALTER TABLE dp.requirement DROP CONSTRAINT requirement_pkey, ADD PRIMARY KEY (nation, requirement_id);
ALTER TABLE dp.requirement ALTER COLUMN requirement_id SET GENERATED ALWAYS;

-- role mapping: policies without subqueries over C functions of role membership
DROP POLICY nation_rows ON dp.stockpile;
DROP POLICY nation_rows ON dp.consumption;
DROP POLICY nation_rows ON dp.planned_delivery;
DROP POLICY nation_rows ON dp.requirement;
ALTER TABLE dp.role_nation RENAME TO role_nation_0_1_0;
CREATE OR REPLACE FUNCTION dp.session_nations() RETURNS text[]
    AS 'MODULE_PATHNAME', 'dp_session_nations' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.session_nations() IS 'the nations the current role acts for ({*}: all): from membership, direct or indirect, of the nations'' marker roles; all for superusers, BYPASSRLS roles and members of dp_all_nations';

CREATE OR REPLACE FUNCTION dp.sees_nation(nation text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'dp_sees_nation' LANGUAGE C STABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.sees_nation(text) IS 'true if the current role acts for this nation or for all (the row-level security test of the nation tables)';

CREATE FUNCTION dp.nation_role(nation text) RETURNS name
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT (CASE WHEN nation OPERATOR(pg_catalog.=) '*' THEN 'dp_all_nations'
                 ELSE 'dp_nation_' OPERATOR(pg_catalog.||) pg_catalog.lower(nation) END)::name;
END;
COMMENT ON FUNCTION dp.nation_role(text) IS 'the marker role of a nation (dp_nation_ and the lower-case code) or of all nations (* : dp_all_nations)';

-- the mappings, from the catalog (a role sees those of the roles it belongs to)
CREATE VIEW dp.role_nation WITH (security_barrier = true) AS
SELECT u.rolname::text AS role,
       CASE WHEN g.rolname OPERATOR(pg_catalog.=) 'dp_all_nations' THEN '*'
            ELSE pg_catalog.upper(pg_catalog.substr(g.rolname, 11)) END AS nation
  FROM pg_catalog.pg_auth_members m
  JOIN pg_catalog.pg_roles g ON g.oid OPERATOR(pg_catalog.=) m.roleid
  JOIN pg_catalog.pg_roles u ON u.oid OPERATOR(pg_catalog.=) m.member
 WHERE (g.rolname OPERATOR(pg_catalog.~) '^dp_nation_[a-z]{3}$' OR g.rolname OPERATOR(pg_catalog.=) 'dp_all_nations')
   AND pg_catalog.pg_has_role(u.oid, 'MEMBER');
COMMENT ON VIEW dp.role_nation IS 'which database role acts for which nation (* for Board-level access to all): the members of the nations'' marker roles, maintained by dp.map_role and dp.unmap_role; a role sees the mappings of the roles it belongs to';
COMMENT ON COLUMN dp.role_nation.role IS 'database role';
COMMENT ON COLUMN dp.role_nation.nation IS 'nation code, or * for all nations';

-- the nation tables: row-level security, for their owner too, by one policy each
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['stockpile', 'consumption', 'planned_delivery', 'requirement'] LOOP
        EXECUTE pg_catalog.format('ALTER TABLE dp.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE pg_catalog.format('ALTER TABLE dp.%I FORCE ROW LEVEL SECURITY', t);
        EXECUTE pg_catalog.format('CREATE POLICY nation_rows ON dp.%I USING (dp.sees_nation(nation)) WITH CHECK (dp.sees_nation(nation))', t);
        EXECUTE pg_catalog.format('COMMENT ON POLICY nation_rows ON dp.%I IS %L', t,
                       'a role sees and changes only the rows of the nations it acts for (all with *)');
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION dp.codification_country(n dp.nsn) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_codification_country' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.codification_country(dp.nsn) IS 'ISO alpha-3 code of the shipped nation whose codification bureau assigned the NSN (NCB codes as shipped; reads no table); NULL if none: for nations users add, join dp.nation on dp.ncb_code(n) = ANY (ncb_codes)';

-- Create a nation's marker role if missing (NOLOGIN, no attributes) and grant
-- it what a nation's planner needs: schema usage, reading the reference
-- tables and views, reading and writing the nation tables (row-level
-- security confines it to its nation).  Repeating the grants is harmless.
CREATE FUNCTION dp._nation_role_ensure(marker name) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r pg_roles;
BEGIN
    SELECT * INTO r FROM pg_roles WHERE rolname = marker;
    IF NOT FOUND THEN
        BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN', marker);
            EXECUTE format('COMMENT ON ROLE %I IS %L', marker,
                           'marker role of extension defence_production: its members act for '
                           || CASE WHEN marker = 'dp_all_nations' THEN 'all nations' ELSE upper(substr(marker, 11)) END);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;  -- created meanwhile by another session
        END;
    ELSIF r.rolcanlogin OR r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls THEN
        RAISE EXCEPTION USING ERRCODE = 'object_not_in_prerequisite_state',
            MESSAGE = format('role "%s" exists but is not a nation marker role', marker),
            DETAIL = 'A marker role must be NOLOGIN, NOSUPERUSER, NOCREATEROLE, NOCREATEDB, NOREPLICATION and NOBYPASSRLS.',
            HINT = format('Drop or rename role "%s", or remove those attributes.', marker);
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA dp TO %I', marker);
    EXECUTE format('GRANT SELECT ON dp.nation, dp.interop_class, dp.item, dp.production_line, dp.bom, dp.component_source, dp.role_nation, dp.scenario TO %I', marker);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON dp.stockpile, dp.consumption, dp.planned_delivery, dp.requirement TO %I', marker);
    EXECUTE format('GRANT SELECT ON dp.stockpile_outlook, dp.stockpile_projection, dp.harmonized_demand, dp.allocation_plan, dp.capacity_outlook, dp.capacity_gap, dp.supply_risk, dp.replenishment_outlook TO %I', marker);
END
$$;
COMMENT ON FUNCTION dp._nation_role_ensure(name) IS 'internal: creates a nation''s marker role if missing and grants it what a nation''s role needs';
REVOKE EXECUTE ON FUNCTION dp._nation_role_ensure(name) FROM PUBLIC;

CREATE OR REPLACE FUNCTION dp.map_role(role name, nation text) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    marker name := dp.nation_role(nation);
    m record;
BEGIN
    PERFORM dp.require_admin();
    IF NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = role) THEN
        RAISE EXCEPTION USING ERRCODE = 'undefined_object', MESSAGE = format('role "%s" does not exist', role);
    END IF;
    IF nation IS DISTINCT FROM '*' AND NOT EXISTS (SELECT 1 FROM dp.nation n WHERE n.code = nation) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown nation "%s"', nation),
            HINT = 'Use a code from dp.nation, or * for Board-level access to all nations.';
    END IF;
    IF role ~ '^dp_nation_[a-z]{3}$' OR role = 'dp_all_nations' THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('role "%s" is a nation marker role', role),
            HINT = 'Map the roles that act for the nation, not the marker role.';
    END IF;
    PERFORM dp._nation_role_ensure(marker);
    -- a role acts for one nation: a later mapping replaces the earlier one
    FOR m IN SELECT g.rolname
               FROM pg_auth_members am
               JOIN pg_roles g ON g.oid = am.roleid
               JOIN pg_roles u ON u.oid = am.member
              WHERE u.rolname = role AND g.rolname <> marker
                AND (g.rolname ~ '^dp_nation_[a-z]{3}$' OR g.rolname = 'dp_all_nations') LOOP
        EXECUTE format('REVOKE %I FROM %I', m.rolname, role);
    END LOOP;
    IF NOT EXISTS (SELECT 1 FROM pg_auth_members am
                     JOIN pg_roles g ON g.oid = am.roleid
                     JOIN pg_roles u ON u.oid = am.member
                    WHERE u.rolname = role AND g.rolname = marker) THEN
        EXECUTE format('GRANT %I TO %I', marker, role);
    END IF;
END
$$;
COMMENT ON FUNCTION dp.map_role(name, text) IS 'lets a role act for a nation (* for Board-level access): makes it a member of the nation''s marker role (created if missing, with the grants a nation''s role needs), replacing an earlier mapping; superuser or extension owner only';

CREATE OR REPLACE FUNCTION dp.unmap_role(role name) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m record;
BEGIN
    PERFORM dp.require_admin();
    FOR m IN SELECT g.rolname
               FROM pg_auth_members am
               JOIN pg_roles g ON g.oid = am.roleid
               JOIN pg_roles u ON u.oid = am.member
              WHERE u.rolname = role
                AND (g.rolname ~ '^dp_nation_[a-z]{3}$' OR g.rolname = 'dp_all_nations') LOOP
        EXECUTE format('REVOKE %I FROM %I', m.rolname, role);
    END LOOP;
END
$$;
COMMENT ON FUNCTION dp.unmap_role(name) IS 'undoes dp.map_role: the role stops being a member of the nations'' marker roles; superuser or extension owner only';

CREATE FUNCTION dp._guard_drop() RETURNS event_trigger
    AS 'MODULE_PATHNAME', 'dp_guard_drop' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION dp._guard_drop() IS 'internal: event trigger refusing DROP EXTENSION defence_production or DROP SCHEMA dp without CASCADE while the planning tables hold data (2BP01)';
CREATE EVENT TRIGGER defence_production_guard_drop ON ddl_command_start
    WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA')
    EXECUTE FUNCTION dp._guard_drop();
COMMENT ON EVENT TRIGGER defence_production_guard_drop IS 'refuses DROP EXTENSION defence_production (or DROP SCHEMA dp) without CASCADE while the planning tables hold data';

-- ---- scenarios of the replenishment outlook --------------------------------
-- dp.scenario, with the shipped peacetime, crisis and conflict rows.

-- Are a scenario's per-class consumption multipliers and per-line or
-- per-class surges well formed?  {"155mm": 2} and {"US-155": {"factor": 3,
-- "periods": 12}}: finite factors >= 0, whole periods >= 0.
CREATE FUNCTION dp.scenario_overrides_valid(class_consumption jsonb, surges jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.jsonb_typeof(class_consumption) OPERATOR(pg_catalog.=) 'object'
       AND pg_catalog.jsonb_typeof(surges) OPERATOR(pg_catalog.=) 'object'
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.jsonb_each(class_consumption) c
                        WHERE pg_catalog.jsonb_typeof(c.value) OPERATOR(pg_catalog.<>) 'number'
                           OR (c.value)::float8 OPERATOR(pg_catalog.<) 0)
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.jsonb_each(surges) s
                        WHERE pg_catalog.jsonb_typeof(s.value) OPERATOR(pg_catalog.<>) 'object'
                           OR EXISTS (SELECT 1 FROM pg_catalog.jsonb_each(s.value) k
                                       WHERE k.key OPERATOR(pg_catalog.<>) ALL (ARRAY['factor', 'periods'])
                                          OR pg_catalog.jsonb_typeof(k.value) OPERATOR(pg_catalog.<>) 'number'
                                          OR (k.value)::float8 OPERATOR(pg_catalog.<) 0
                                          OR (k.key OPERATOR(pg_catalog.=) 'periods'
                                              AND (k.value)::numeric OPERATOR(pg_catalog.<>) pg_catalog.trunc((k.value)::numeric))));
END;
COMMENT ON FUNCTION dp.scenario_overrides_valid(jsonb, jsonb) IS 'true when a scenario''s class_consumption is an object of numbers >= 0 and its surges an object of objects with only factor (>= 0) and periods (whole, >= 0)';

CREATE TABLE dp.scenario (
    name text NOT NULL,
    posture dp.posture NOT NULL,
    start_date date CONSTRAINT scenario_start_month CHECK (start_date OPERATOR(pg_catalog.=) pg_catalog.date_trunc('month', start_date)::date),
    horizon_months integer NOT NULL DEFAULT 36 CONSTRAINT scenario_horizon CHECK (horizon_months BETWEEN 1 AND 240),
    target_months integer NOT NULL DEFAULT 24 CONSTRAINT scenario_target_months CHECK (target_months BETWEEN 1 AND horizon_months),
    consumption_multiplier float8 NOT NULL DEFAULT 1
        CONSTRAINT scenario_consumption_multiplier CHECK (consumption_multiplier >= 0 AND consumption_multiplier < 'Infinity'),
    class_consumption jsonb NOT NULL DEFAULT '{}',
    surge_factor float8 CONSTRAINT scenario_surge_factor CHECK (surge_factor >= 0 AND surge_factor < 'Infinity'),
    surge_periods integer CONSTRAINT scenario_surge_periods CHECK (surge_periods >= 0),
    surges jsonb NOT NULL DEFAULT '{}',
    description text NOT NULL DEFAULT '',
    builtin boolean NOT NULL DEFAULT false,
    PRIMARY KEY (name, builtin),
    CONSTRAINT scenario_overrides CHECK (dp.scenario_overrides_valid(class_consumption, surges))
);
COMMENT ON TABLE dp.scenario IS 'scenarios of the replenishment outlook: a posture, consumption multipliers and production surges; the extension ships peacetime, crisis and conflict (builtin); a user row of the same name takes precedence over a shipped one';
COMMENT ON COLUMN dp.scenario.name IS 'scenario name; dp.replenishment_outlook shows the scenarios named peacetime, crisis and conflict';
COMMENT ON COLUMN dp.scenario.posture IS 'the industrial posture: the lines surge to their crisis_factor or conflict_factor (peacetime: no surge) unless surge_factor or surges say otherwise';
COMMENT ON COLUMN dp.scenario.start_date IS 'first month planned, a month''s 1st (NULL: the month of the latest stock count in each class)';
COMMENT ON COLUMN dp.scenario.horizon_months IS 'months planned from the first month';
COMMENT ON COLUMN dp.scenario.target_months IS 'months from the first month by which every target should be reached (for the capacity factor needed)';
COMMENT ON COLUMN dp.scenario.consumption_multiplier IS 'forecast consumption is multiplied by this in every class without its own multiplier';
COMMENT ON COLUMN dp.scenario.class_consumption IS 'consumption multiplier per interoperability class, e.g. {"155mm": 3}';
COMMENT ON COLUMN dp.scenario.surge_factor IS 'capacity multiplier every line reaches (NULL: each line''s factor for the posture)';
COMMENT ON COLUMN dp.scenario.surge_periods IS 'months every surge takes to reach its factor, from the first month (NULL: each line''s surge_periods)';
COMMENT ON COLUMN dp.scenario.surges IS 'surge per production line or interoperability class, e.g. {"US-155": {"factor": 3, "periods": 12}}; a line''s own entry wins over its class''s';
COMMENT ON COLUMN dp.scenario.description IS 'what the scenario assumes';
COMMENT ON COLUMN dp.scenario.builtin IS 'true for the rows the extension ships (not dumped by pg_dump; the extension recreates them)';

INSERT INTO dp.scenario (name, posture, consumption_multiplier, description, builtin) VALUES
    ('peacetime', 'peacetime', 1, 'every line at its peacetime capacity; consumption as forecast from the last 24 months', true),
    ('crisis', 'crisis', 1.5, 'every line surges to its crisis_factor over its surge_periods from the first month; consumption 1.5 times the forecast (the default crisis factor)', true),
    ('conflict', 'conflict', 2.5, 'every line surges to its conflict_factor over its surge_periods from the first month; consumption 2.5 times the forecast (the default conflict factor)', true);

SELECT pg_catalog.pg_extension_config_dump('dp.scenario', 'WHERE NOT builtin');

-- ===========================================================================
-- outlook: the materialised per-stockpile outlook
-- ===========================================================================
-- dp.outlook_row computes a stockpile's row from one fit; dp.outlook holds the
-- rows; statement-level triggers record changes in dp.outlook_change.  The
-- results are empty after the update until the first refresh: SELECT
-- dp.refresh_outlook(true) (a full refresh is recorded as due, at the end).

-- ---- one stockpile's outlook in one pass ------------------------------------

-- Not STRICT: a NULL target means no stock objective and a NULL history or
-- supply means none; a NULL on_hand, start or setting is an error (22004), as
-- for the stockpile functions (a NULL row would read as "never runs out").
CREATE FUNCTION dp.outlook_row(on_hand float8, target float8, start date,
                               history dp.capvec, supply dp.capvec,
                               history_periods integer DEFAULT 24, horizon integer DEFAULT 24,
                               risk_periods integer DEFAULT 6, trials integer DEFAULT 2000,
                               seed bigint DEFAULT 1,
                               OUT forecast_method text, OUT alpha float8, OUT beta float8,
                               OUT phi float8, OUT mae float8, OUT rmse float8, OUT mase float8,
                               OUT bias float8, OUT demand_class text, OUT forecast dp.capvec,
                               OUT deliveries dp.capvec, OUT monthly_consumption float8,
                               OUT monthly_deliveries float8, OUT depletion_date date,
                               OUT replenish_date date, OUT days_of_supply float8,
                               OUT stockout_risk float8, OUT projected_stock dp.capvec)
    RETURNS record
    AS 'MODULE_PATHNAME', 'dp_outlook_row' LANGUAGE C IMMUTABLE PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION dp.outlook_row(float8, float8, date, dp.capvec, dp.capvec, integer, integer, integer, integer, bigint) IS
    'one stockpile''s outlook from one fit of its history (the history_periods before start): the method auto chose and its fit (as dp.forecast_fit), the demand class, the forecast of horizon periods from start clipped at 0 (as dp.forecast), the deliveries laid out on them, their means, the depletion and replenishment dates and days of supply (as the stockpile functions), the share of trials out of stock within risk_periods (as dp.simulate_stock with normal demand of sd rmse) and the projected closing stock; a NULL target, history or supply means none, any other NULL argument is an error (22004)';

-- ---- the materialised outlook -------------------------------------------------

CREATE TABLE dp.outlook (
    nation text NOT NULL,
    item_id text NOT NULL,
    item_name text NOT NULL,
    interop_class text NOT NULL,
    as_of date NOT NULL,
    on_hand float8 NOT NULL,
    target float8,
    start_month date NOT NULL,
    demand_class text,
    forecast_method text NOT NULL,
    alpha float8,
    beta float8,
    phi float8,
    mae float8,
    rmse float8,
    mase float8,
    bias float8,
    forecast dp.capvec NOT NULL,
    deliveries dp.capvec NOT NULL,
    projected_stock dp.capvec NOT NULL,
    monthly_consumption float8 NOT NULL,
    monthly_deliveries float8 NOT NULL,
    depletion_date date,
    replenish_date date,
    days_of_supply float8,
    stockout_risk_6m float8,
    refreshed_at timestamptz NOT NULL,
    PRIMARY KEY (nation, item_id)
);
COMMENT ON TABLE dp.outlook IS 'the materialised outlook, one row per stockpile (nation and item, latest stock count), written only by dp.refresh_outlook; every column but refreshed_at is a function of the planning tables as of that refresh';
COMMENT ON COLUMN dp.outlook.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.outlook.item_id IS 'item';
COMMENT ON COLUMN dp.outlook.item_name IS 'item name';
COMMENT ON COLUMN dp.outlook.interop_class IS 'interoperability class of the item';
COMMENT ON COLUMN dp.outlook.as_of IS 'date of the latest stock count';
COMMENT ON COLUMN dp.outlook.on_hand IS 'quantity on hand at the count, taken as the stock at the start of its month';
COMMENT ON COLUMN dp.outlook.target IS 'stock objective (NULL: none)';
COMMENT ON COLUMN dp.outlook.start_month IS 'first month of the forecast and projection: the month of the count';
COMMENT ON COLUMN dp.outlook.demand_class IS 'Syntetos-Boylan demand class of the 24 months of history (NULL: no consumption)';
COMMENT ON COLUMN dp.outlook.forecast_method IS 'the method of the automatic forecast (dp.forecast_fit with auto) of the 24 months of consumption before start_month: auto where it combines its parts (the median of ETS and Theta models; IMAPA shrunk towards zero for intermittent and lumpy demand), naive without demand, ses for a constant history';
COMMENT ON COLUMN dp.outlook.alpha IS 'the method''s level smoothing parameter (NULL if it has none)';
COMMENT ON COLUMN dp.outlook.beta IS 'the method''s trend (or probability) smoothing parameter (NULL if it has none)';
COMMENT ON COLUMN dp.outlook.phi IS 'the damping parameter (NULL unless damped)';
COMMENT ON COLUMN dp.outlook.mae IS 'in-sample one-step mean absolute error (NULL: none)';
COMMENT ON COLUMN dp.outlook.rmse IS 'in-sample one-step root mean squared error (NULL: none); the demand sd of the stock-out risk';
COMMENT ON COLUMN dp.outlook.mase IS 'in-sample mean absolute scaled error (NULL where undefined)';
COMMENT ON COLUMN dp.outlook.bias IS 'in-sample mean of actual minus forecast (NULL: none)';
COMMENT ON COLUMN dp.outlook.forecast IS 'monthly forecast consumption over the 24 months from start_month, clipped at 0';
COMMENT ON COLUMN dp.outlook.deliveries IS 'planned deliveries over the same 24 months';
COMMENT ON COLUMN dp.outlook.projected_stock IS 'projected month-end stock over the same 24 months (negative: owed)';
COMMENT ON COLUMN dp.outlook.monthly_consumption IS 'mean forecast consumption per month';
COMMENT ON COLUMN dp.outlook.monthly_deliveries IS 'mean planned deliveries per month';
COMMENT ON COLUMN dp.outlook.depletion_date IS 'first day the projected stock is at or below zero (NULL: not within 24 months)';
COMMENT ON COLUMN dp.outlook.replenish_date IS 'first day, after falling below target, the stock is back at target (NULL: not within 24 months or no target)';
COMMENT ON COLUMN dp.outlook.days_of_supply IS 'days the stock on hand lasts at forecast consumption, without deliveries (NULL: no forecast consumption)';
COMMENT ON COLUMN dp.outlook.stockout_risk_6m IS 'probability of a stock-out within 6 months (Monte Carlo, 2000 trials, seed 1, normal demand with the forecast''s in-sample error)';
COMMENT ON COLUMN dp.outlook.refreshed_at IS 'start of the refresh that computed the row';
-- no roles are granted it: the stockpile views show each role its nations'
-- rows; should a DBA grant it, the policy shows only those rows too
ALTER TABLE dp.outlook ENABLE ROW LEVEL SECURITY;
CREATE POLICY nation_rows ON dp.outlook FOR SELECT USING (dp.sees_nation(nation));
COMMENT ON POLICY nation_rows ON dp.outlook IS 'a role granted the table sees only the rows of the nations it is mapped to (all with *)';

-- ---- change tracking ----------------------------------------------------------

CREATE TABLE dp.outlook_change (
    scope text NOT NULL CONSTRAINT outlook_change_scope CHECK (scope IN ('stockpile', 'class', 'all')),
    nation text,
    item_id text,
    interop_class text,
    changed_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE dp.outlook_change IS 'what changed since the last refresh, written by the planning tables'' statement-level triggers and consumed by dp.refresh_outlook';
COMMENT ON COLUMN dp.outlook_change.scope IS 'stockpile: a stockpile''s inputs (stock, consumption, deliveries, item name or class); class: a class''s allocation or replenishment inputs (requirements, lines, items'' classes; NULL interop_class: every class, a scenario changed); all: everything (a TRUNCATE)';
COMMENT ON COLUMN dp.outlook_change.nation IS 'nation of the changed stockpile (scope stockpile)';
COMMENT ON COLUMN dp.outlook_change.item_id IS 'item of the changed stockpile (scope stockpile)';
COMMENT ON COLUMN dp.outlook_change.interop_class IS 'the changed class (scope class; NULL: every class)';
COMMENT ON COLUMN dp.outlook_change.changed_at IS 'start of the transaction that made the change';

-- The stockpiles one refresh recomputes: filled and emptied inside
-- dp.refresh_outlook.  A plain table, so that parallel workers can read it
-- (they cannot read temporary tables).
CREATE UNLOGGED TABLE dp.outlook_pending (
    nation text NOT NULL,
    item_id text NOT NULL
);
COMMENT ON TABLE dp.outlook_pending IS 'internal: the stockpiles the running dp.refresh_outlook recomputes; empty outside a refresh';
COMMENT ON COLUMN dp.outlook_pending.nation IS 'nation of the stockpile';
COMMENT ON COLUMN dp.outlook_pending.item_id IS 'item of the stockpile';

-- A stockpile's inputs: its latest stock count, the 24 months of consumption
-- before the count's month and the deliveries in the 24 months from it
-- (summed in a fixed order, so that the sums do not depend on the rows'
-- physical order); no row's fields (all NULL) without a stock count.  A
-- function rather than correlated subqueries, which PostgreSQL 15 does not
-- run in parallel workers: the refresh calls it from a parallel plan.
CREATE FUNCTION dp._outlook_inputs(nation text, item_id text,
                                   OUT as_of date, OUT on_hand float8, OUT target float8,
                                   OUT start_month date, OUT history dp.capvec, OUT supply dp.capvec)
    RETURNS record
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    SELECT s.as_of, s.on_hand, s.target INTO as_of, on_hand, target
      FROM dp.stockpile s
     WHERE s.nation = _outlook_inputs.nation AND s.item_id = _outlook_inputs.item_id
     ORDER BY s.as_of DESC
     LIMIT 1;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    start_month := date_trunc('month', as_of::timestamp)::date;
    SELECT dp.capvec_agg(c.at, c.quantity, 'month' ORDER BY c.at) INTO history
      FROM dp.consumption c
     WHERE c.nation = _outlook_inputs.nation AND c.item_id = _outlook_inputs.item_id
       AND c.at >= start_month - '24 mons'::interval AND c.at < start_month;
    SELECT dp.capvec_agg(d.due, d.quantity, 'month' ORDER BY d.due, d.quantity) INTO supply
      FROM dp.planned_delivery d
     WHERE d.nation = _outlook_inputs.nation AND d.item_id = _outlook_inputs.item_id
       AND d.due >= start_month AND d.due < start_month + '24 mons'::interval;
END
$$;
COMMENT ON FUNCTION dp._outlook_inputs(text, text) IS 'internal (owner only): a stockpile''s latest stock count, its month, the 24 months of consumption before it and the deliveries in the 24 months from it (NULLs without a stock count); read by dp.refresh_outlook';
REVOKE EXECUTE ON FUNCTION dp._outlook_inputs(text, text) FROM PUBLIC;

-- Record what a statement changed, from its transition tables (a
-- statement-level trigger: one INSERT per statement whatever its size).
CREATE FUNCTION dp.outlook_track() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO dp.outlook_change (scope) VALUES ('all');
    ELSIF TG_TABLE_NAME IN ('stockpile', 'consumption', 'planned_delivery') THEN
        -- a stockpile's own inputs
        IF TG_OP = 'INSERT' THEN
            INSERT INTO dp.outlook_change (scope, nation, item_id)
                SELECT DISTINCT 'stockpile', n.nation, n.item_id FROM new_rows n;
        ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO dp.outlook_change (scope, nation, item_id)
                SELECT DISTINCT 'stockpile', o.nation, o.item_id FROM old_rows o;
        ELSE
            INSERT INTO dp.outlook_change (scope, nation, item_id)
                SELECT 'stockpile', n.nation, n.item_id FROM new_rows n
                 UNION SELECT 'stockpile', o.nation, o.item_id FROM old_rows o;
        END IF;
    ELSIF TG_TABLE_NAME = 'item' THEN
        -- the outlook copies names and classes: every stockpile of such an item;
        -- classes and units feed the allocation and replenishment: both classes
        INSERT INTO dp.outlook_change (scope, nation, item_id)
            SELECT DISTINCT 'stockpile', s.nation, s.item_id
              FROM dp.stockpile s
             WHERE s.item_id IN (SELECT n.item_id FROM new_rows n JOIN old_rows o ON o.item_id = n.item_id
                                  WHERE n.name IS DISTINCT FROM o.name OR n.interop_class IS DISTINCT FROM o.interop_class);
        INSERT INTO dp.outlook_change (scope, interop_class)
            SELECT 'class', c.interop_class
              FROM new_rows n JOIN old_rows o ON o.item_id = n.item_id,
                   LATERAL (VALUES (n.interop_class), (o.interop_class)) c(interop_class)
             WHERE n.interop_class IS DISTINCT FROM o.interop_class
                OR n.class_units_per_unit IS DISTINCT FROM o.class_units_per_unit
             GROUP BY c.interop_class;
    ELSIF TG_TABLE_NAME = 'scenario' THEN
        INSERT INTO dp.outlook_change (scope, interop_class) VALUES ('class', NULL);
    ELSIF TG_TABLE_NAME = 'requirement' THEN
        -- the classes of the items required
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO dp.outlook_change (scope, interop_class)
                SELECT DISTINCT 'class', i.interop_class FROM new_rows n JOIN dp.item i ON i.item_id = n.item_id;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            INSERT INTO dp.outlook_change (scope, interop_class)
                SELECT DISTINCT 'class', i.interop_class FROM old_rows o JOIN dp.item i ON i.item_id = o.item_id;
        END IF;
    ELSE
        -- production_line: the classes of the lines
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO dp.outlook_change (scope, interop_class) SELECT DISTINCT 'class', n.interop_class FROM new_rows n;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            INSERT INTO dp.outlook_change (scope, interop_class) SELECT DISTINCT 'class', o.interop_class FROM old_rows o;
        END IF;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION dp.outlook_track() IS 'statement-level trigger of the planning tables: records in dp.outlook_change the stockpiles and classes whose materialised results the statement changed';
REVOKE EXECUTE ON FUNCTION dp.outlook_track() FROM PUBLIC;

-- the triggers: a statement's changed rows in transition tables (one trigger
-- per event, as PostgreSQL requires), and TRUNCATE
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['stockpile', 'consumption', 'planned_delivery', 'requirement', 'production_line', 'scenario'] LOOP
        EXECUTE format('CREATE TRIGGER outlook_track_insert AFTER INSERT ON dp.%I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track()', t);
        EXECUTE format('CREATE TRIGGER outlook_track_delete AFTER DELETE ON dp.%I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track()', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['stockpile', 'consumption', 'planned_delivery', 'requirement', 'production_line', 'scenario', 'item'] LOOP
        EXECUTE format('CREATE TRIGGER outlook_track_update AFTER UPDATE ON dp.%I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track()', t);
        EXECUTE format('CREATE TRIGGER outlook_track_truncate AFTER TRUNCATE ON dp.%I FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track()', t);
    END LOOP;
END
$$;

-- a stockpile's deliveries are read by nation, item and date
CREATE INDEX planned_delivery_stockpile ON dp.planned_delivery (nation, item_id, due);

-- derived data, but costly to recompute: dumped with the rest, so a restored
-- database reads the same outlook until its next refresh
SELECT pg_catalog.pg_extension_config_dump('dp.outlook', '');
SELECT pg_catalog.pg_extension_config_dump('dp.outlook_change', '');

-- ===========================================================================
-- views: recreated on the materialised results and the pooled rule
-- ===========================================================================
-- The stockpile views read the materialised outlook; the pooled views are
-- computed with the owner's rights under the k-other-nations rule; the
-- allocation plan and the replenishment outlook read results materialised by
-- dp.refresh_outlook.

-- ---- stockpile_outlook ----------------------------------------------------------

-- The stockpile views read the materialised outlook (dp.outlook, brought up
-- to date by dp.refresh_outlook): no forecast is fitted when they are read.
-- They run with their owner's rights and show each role the rows of the
-- nations it is mapped to.
CREATE VIEW dp.stockpile_outlook WITH (security_barrier = true) AS
SELECT o.nation,
       o.item_id,
       o.item_name,
       o.interop_class,
       o.as_of,
       o.on_hand,
       o.target,
       o.forecast_method,
       o.monthly_consumption,
       o.monthly_deliveries,
       o.depletion_date,
       o.replenish_date,
       o.days_of_supply,
       o.stockout_risk_6m,
       dp.sparkline(o.projected_stock) AS projected_stock,
       o.demand_class,
       o.mae AS forecast_mae,
       o.rmse AS forecast_rmse,
       o.mase AS forecast_mase,
       o.bias AS forecast_bias
  FROM dp.outlook o
 WHERE dp.sees_nation(o.nation);
COMMENT ON VIEW dp.stockpile_outlook IS 'per nation and item: stock, automatic consumption forecast, depletion and replenishment dates, days of supply and stock-out risk over the next 24 months, as of the last dp.refresh_outlook (see dp.outlook_status()); a role sees only the nations it is mapped to';
COMMENT ON COLUMN dp.stockpile_outlook.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.stockpile_outlook.item_id IS 'item';
COMMENT ON COLUMN dp.stockpile_outlook.item_name IS 'item name';
COMMENT ON COLUMN dp.stockpile_outlook.interop_class IS 'interoperability class of the item';
COMMENT ON COLUMN dp.stockpile_outlook.as_of IS 'date of the latest stock count';
COMMENT ON COLUMN dp.stockpile_outlook.on_hand IS 'quantity on hand at the count, taken as the stock at the start of its month';
COMMENT ON COLUMN dp.stockpile_outlook.target IS 'stock objective';
COMMENT ON COLUMN dp.stockpile_outlook.forecast_method IS 'the method of the automatic forecast of the last 24 months of consumption: auto where it combines its parts, naive without demand, ses for a constant history';
COMMENT ON COLUMN dp.stockpile_outlook.monthly_consumption IS 'mean forecast consumption per month over the next 24 months';
COMMENT ON COLUMN dp.stockpile_outlook.monthly_deliveries IS 'mean planned deliveries per month over the next 24 months';
COMMENT ON COLUMN dp.stockpile_outlook.depletion_date IS 'first day the projected stock is at or below zero (NULL: not within 24 months)';
COMMENT ON COLUMN dp.stockpile_outlook.replenish_date IS 'first day, after falling below target, the stock is back at target (NULL: not within 24 months or no target)';
COMMENT ON COLUMN dp.stockpile_outlook.days_of_supply IS 'days the stock on hand lasts at forecast consumption, without deliveries (NULL: no forecast consumption)';
COMMENT ON COLUMN dp.stockpile_outlook.stockout_risk_6m IS 'probability of a stock-out within 6 months (Monte Carlo, 2000 trials, normal demand with the forecast''s in-sample error)';
COMMENT ON COLUMN dp.stockpile_outlook.projected_stock IS 'sparkline of the projected month-end stock over 24 months';
COMMENT ON COLUMN dp.stockpile_outlook.demand_class IS 'Syntetos-Boylan demand class of the last 24 months: smooth, erratic, intermittent or lumpy (NULL: no consumption)';
COMMENT ON COLUMN dp.stockpile_outlook.forecast_mae IS 'the forecast''s in-sample one-step mean absolute error (NULL: none)';
COMMENT ON COLUMN dp.stockpile_outlook.forecast_rmse IS 'the forecast''s in-sample one-step root mean squared error (NULL: none)';
COMMENT ON COLUMN dp.stockpile_outlook.forecast_mase IS 'the forecast''s in-sample mean absolute scaled error (NULL where undefined)';
COMMENT ON COLUMN dp.stockpile_outlook.forecast_bias IS 'the forecast''s in-sample mean of actual minus forecast (NULL: none)';

-- ---- stockpile_projection -------------------------------------------------------

CREATE VIEW dp.stockpile_projection WITH (security_barrier = true) AS
SELECT o.nation,
       o.item_id,
       p.period_start,
       (p.period_start + '1 mon'::interval)::date AS period_end,
       p.opening,
       p.supplied,
       p.demanded,
       p.closing,
       p.shortfall,
       p.below_target
  FROM dp.outlook o,
       dp.stock_projection(o.on_hand, o.deliveries, o.forecast, o.target) p
 WHERE dp.sees_nation(o.nation);
COMMENT ON VIEW dp.stockpile_projection IS 'projected monthly stock per nation and item over the next 24 months, long form for charting, as of the last dp.refresh_outlook; a role sees only the nations it is mapped to';
COMMENT ON COLUMN dp.stockpile_projection.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.stockpile_projection.item_id IS 'item';
COMMENT ON COLUMN dp.stockpile_projection.period_start IS 'first day of the month';
COMMENT ON COLUMN dp.stockpile_projection.period_end IS 'first day of the next month (exclusive end)';
COMMENT ON COLUMN dp.stockpile_projection.opening IS 'stock at the start of the month';
COMMENT ON COLUMN dp.stockpile_projection.supplied IS 'planned deliveries in the month';
COMMENT ON COLUMN dp.stockpile_projection.demanded IS 'forecast consumption in the month';
COMMENT ON COLUMN dp.stockpile_projection.closing IS 'stock at the end of the month (negative: owed)';
COMMENT ON COLUMN dp.stockpile_projection.shortfall IS 'quantity owed at the end of the month';
COMMENT ON COLUMN dp.stockpile_projection.below_target IS 'closing stock below the stock objective (NULL without one)';

-- ---- pooled demand and capacity per class and month ----------------------------

-- Internal (granted to no role): requirements per class, month and nation, in
-- class units.  It shows single nations' figures; the pooled views read it
-- through functions that run with the extension owner's rights and publish
-- only pooled figures.
CREATE VIEW dp._requirement_by_class AS
SELECT i.interop_class,
       pg_catalog.date_trunc('month', r.need_by)::date AS period_start,
       r.nation,
       pg_catalog.sum(r.quantity * i.class_units_per_unit) AS quantity,
       pg_catalog.sum(r.quantity * i.class_units_per_unit * r.weight)
         / NULLIF(pg_catalog.sum(r.quantity * i.class_units_per_unit), 0) AS weight
  FROM dp.requirement r
  JOIN dp.item i ON i.item_id = r.item_id
 GROUP BY 1, 2, 3;
COMMENT ON VIEW dp._requirement_by_class IS 'internal (granted to no role): requirements in class units per interoperability class, month and nation, read by the pooled views';
COMMENT ON COLUMN dp._requirement_by_class.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp._requirement_by_class.period_start IS 'month the requirements are due';
COMMENT ON COLUMN dp._requirement_by_class.nation IS 'requiring nation';
COMMENT ON COLUMN dp._requirement_by_class.quantity IS 'quantity due, in class units';
COMMENT ON COLUMN dp._requirement_by_class.weight IS 'quantity-weighted mean of the requirements'' weights';

-- Internal: monthly industrial capacity per class at each line's current posture.
CREATE VIEW dp._class_capacity AS
SELECT p.interop_class,
       dp.sum(dp.line_capacity(p.capacity, p.posture, p.crisis_factor, p.conflict_factor, p.surge_periods, p.surge_from)) AS capacity
  FROM dp.production_line p
 GROUP BY p.interop_class;
COMMENT ON VIEW dp._class_capacity IS 'internal: monthly capacity per interoperability class, the sum of its production lines at their current postures';
COMMENT ON COLUMN dp._class_capacity.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp._class_capacity.capacity IS 'monthly capacity in class units (a monthly capvec)';

-- The pooled views' rule, for the viewer's nations (text[], {*} for all): a
-- pooled figure is shown when at least dp.min_contributors() nations other
-- than the viewer's own contribute to it (to a viewer of all nations: that
-- many contributors).  A row exists where the figure is shown or the viewer
-- contributes (a viewer of all nations: every row with data).  Each pooled
-- view reads a C function that calls the internal function of the same name
-- with the current role's nations and the extension owner's rights; the
-- internal function, defined after the view, returns the view's rows.  The
-- two helpers below state the rule once; they are inlined into the queries.

CREATE FUNCTION dp._acts_for(viewer text[], nation text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT '*' OPERATOR(pg_catalog.=) ANY (viewer) OR nation OPERATOR(pg_catalog.=) ANY (viewer);
END;
COMMENT ON FUNCTION dp._acts_for(text[], text) IS 'internal: true if a viewer acting for these nations ({*}: all) acts for this nation (the pooled views'' own rows)';

CREATE FUNCTION dp._pooled_shown(viewer text[], contributors bigint, own bigint) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE WHEN '*' OPERATOR(pg_catalog.=) ANY (viewer) THEN contributors
                ELSE contributors OPERATOR(pg_catalog.-) own END OPERATOR(pg_catalog.>=) dp.min_contributors();
END;
COMMENT ON FUNCTION dp._pooled_shown(text[], bigint, bigint) IS 'internal: the pooled views'' rule: may a viewer acting for these nations ({*}: all) see a figure pooled from contributors nations, own of them its own: at least dp.min_contributors() others (a viewer of all nations: that many contributors)';

CREATE FUNCTION dp._pooled_harmonized_demand(
    OUT interop_class text, OUT period_start date, OUT period_end date, OUT unit text,
    OUT demand float8, OUT contributors integer, OUT capacity float8, OUT shortfall float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_as_owner' LANGUAGE C STABLE PARALLEL UNSAFE;
COMMENT ON FUNCTION dp._pooled_harmonized_demand() IS 'internal: dp._pooled_harmonized_demand(text[]) for the current role''s nations, run with the extension owner''s rights';

CREATE VIEW dp.harmonized_demand WITH (security_barrier = true) AS
SELECT h.interop_class, h.period_start, h.period_end, h.unit, h.demand, h.contributors, h.capacity, h.shortfall
  FROM dp._pooled_harmonized_demand() h;
COMMENT ON VIEW dp.harmonized_demand IS 'pooled requirements of all nations per interoperability class and month with requirements, against industrial capacity; demand, contributors and shortfall are NULL unless at least dp.min_contributors nations other than the viewer''s own contribute; a nation''s role sees the months it contributes to and those whose figures it may see';
COMMENT ON COLUMN dp.harmonized_demand.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.harmonized_demand.period_start IS 'first day of the month';
COMMENT ON COLUMN dp.harmonized_demand.period_end IS 'first day of the next month (exclusive end)';
COMMENT ON COLUMN dp.harmonized_demand.unit IS 'class unit of demand and capacity';
COMMENT ON COLUMN dp.harmonized_demand.demand IS 'pooled requirements due in the month, in class units (NULL: hidden, fewer than dp.min_contributors nations other than the viewer''s contribute)';
COMMENT ON COLUMN dp.harmonized_demand.contributors IS 'number of nations with requirements due in the month (NULL when demand is hidden)';
COMMENT ON COLUMN dp.harmonized_demand.capacity IS 'industrial capacity in the month at current postures, in class units (NULL: no production line data for the month)';
COMMENT ON COLUMN dp.harmonized_demand.shortfall IS 'demand not covered by the month''s capacity (NULL when demand is hidden or capacity unknown)';

-- Internal: the rows of dp.harmonized_demand for a viewer.
CREATE FUNCTION dp._pooled_harmonized_demand(viewer text[]) RETURNS SETOF dp.harmonized_demand
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    WITH pooled AS (
        SELECT r.interop_class, r.period_start, sum(r.quantity) AS demand, count(*)::integer AS contributors,
               dp._pooled_shown(viewer, count(*), count(*) FILTER (WHERE dp._acts_for(viewer, r.nation))) AS visible,
               bool_or(dp._acts_for(viewer, r.nation)) AS own
          FROM dp._requirement_by_class r
         GROUP BY 1, 2
    ), cap AS (
        SELECT c.interop_class, u.period_start, u.quantity
          FROM dp._class_capacity c, dp.unnest(c.capacity) u
    )
    SELECT s.interop_class, s.period_start, (s.period_start + '1 mon'::interval)::date, ic.unit,
           CASE WHEN s.visible THEN s.demand END,
           CASE WHEN s.visible THEN s.contributors END,
           c.quantity,
           CASE WHEN s.visible AND c.quantity IS NOT NULL THEN greatest(s.demand - c.quantity, 0) END
      FROM pooled s
      JOIN dp.interop_class ic ON ic.class_id = s.interop_class
      LEFT JOIN cap c ON c.interop_class = s.interop_class AND c.period_start = s.period_start
     WHERE s.visible OR s.own;
END
$$;
COMMENT ON FUNCTION dp._pooled_harmonized_demand(text[]) IS 'internal (owner only): the rows of dp.harmonized_demand for a viewer acting for these nations ({*}: all)';
REVOKE EXECUTE ON FUNCTION dp._pooled_harmonized_demand(text[]) FROM PUBLIC;

-- ---- allocation_plan ------------------------------------------------------------

-- The allocation plan, materialised from committed data by dp.refresh_outlook
-- (so no nation can probe it with uncommitted changes of its own): per class,
-- nation and month in which the nation requests something.
CREATE TABLE dp.allocation (
    interop_class text NOT NULL,
    nation text NOT NULL,
    period_start date NOT NULL,
    requested float8 NOT NULL,
    allocated float8 NOT NULL,
    backlog float8 NOT NULL,
    claimants integer NOT NULL,
    PRIMARY KEY (nation, interop_class, period_start)
);
COMMENT ON TABLE dp.allocation IS 'internal (granted to no role): the allocation plan as of the last dp.refresh_outlook, per class, nation and month with a request; read by dp.allocation_plan';
COMMENT ON COLUMN dp.allocation.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.allocation.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.allocation.period_start IS 'first day of the month';
COMMENT ON COLUMN dp.allocation.requested IS 'new requirements of the month plus backlog carried in, in class units';
COMMENT ON COLUMN dp.allocation.allocated IS 'capacity allocated to the nation in the month';
COMMENT ON COLUMN dp.allocation.backlog IS 'requested but not allocated, carried to the next month';
COMMENT ON COLUMN dp.allocation.claimants IS 'nations with a request in the class and month (the allocation depends on their data)';
-- no policy: a role granted SELECT by mistake still reads nothing
ALTER TABLE dp.allocation ENABLE ROW LEVEL SECURITY;

-- Internal: the allocation rows of every class (only_class NULL) or of one.
-- Fair policy weighted by the requirements' weights, backlog carried over.
CREATE FUNCTION dp._allocation_rows(only_class text) RETURNS SETOF dp.allocation
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    WITH per_nation AS (
        SELECT r.interop_class, r.nation,
               dp.capvec_agg(r.period_start, r.quantity, 'month') AS demand,
               sum(r.quantity * r.weight) / NULLIF(sum(r.quantity), 0) AS weight
          FROM dp._requirement_by_class r
         WHERE only_class IS NULL OR r.interop_class = only_class
         GROUP BY 1, 2
    ), claims AS (
        SELECT n.interop_class,
               array_agg(n.nation ORDER BY n.nation) AS nations,
               array_agg(n.demand ORDER BY n.nation) AS demands,
               array_agg(COALESCE(n.weight, 1) ORDER BY n.nation) AS weights,
               min(dp.start_date(n.demand)) AS first_month,
               max(dp.end_date(n.demand)) AS end_month
          FROM per_nation n
         GROUP BY 1
    ), plan AS (
        SELECT c.interop_class, c.nations[a.claimant] AS nation, a.period_start, a.requested, a.allocated, a.backlog,
               (count(*) FILTER (WHERE a.requested > 0) OVER (PARTITION BY c.interop_class, a.period_start))::integer AS claimants
          FROM claims c
          LEFT JOIN dp._class_capacity k ON k.interop_class = c.interop_class,
               dp.allocate(dp.slice(COALESCE(k.capacity, dp.capvec('month', c.first_month, '{}')), c.first_month, c.end_month),
                           c.demands, 'fair', c.weights) a
    )
    SELECT p.interop_class, p.nation, p.period_start, p.requested, p.allocated, p.backlog, p.claimants
      FROM plan p
     WHERE p.requested > 0;
END
$$;
COMMENT ON FUNCTION dp._allocation_rows(text) IS 'internal (owner only): the allocation plan of every interoperability class (NULL) or of one, as rows of dp.allocation';
REVOKE EXECUTE ON FUNCTION dp._allocation_rows(text) FROM PUBLIC;

CREATE FUNCTION dp._pooled_allocation_plan(
    OUT interop_class text, OUT nation text, OUT period_start date, OUT period_end date,
    OUT requested float8, OUT allocated float8, OUT backlog float8, OUT fill_rate float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_as_owner' LANGUAGE C STABLE PARALLEL UNSAFE;
COMMENT ON FUNCTION dp._pooled_allocation_plan() IS 'internal: dp._pooled_allocation_plan(text[]) for the current role''s nations, run with the extension owner''s rights';

CREATE VIEW dp.allocation_plan WITH (security_barrier = true) AS
SELECT a.interop_class, a.nation, a.period_start, a.period_end, a.requested, a.allocated, a.backlog, a.fill_rate
  FROM dp._pooled_allocation_plan() a;
COMMENT ON VIEW dp.allocation_plan IS 'how each class''s capacity is shared among nations month by month (fair policy weighted by the requirements'' weights, backlog carried over), as of the last dp.refresh_outlook; a role sees its nations'' months with a request, with the figures only where at least dp.min_contributors other nations share the class''s capacity that month';
COMMENT ON COLUMN dp.allocation_plan.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.allocation_plan.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.allocation_plan.period_start IS 'first day of the month';
COMMENT ON COLUMN dp.allocation_plan.period_end IS 'first day of the next month (exclusive end)';
COMMENT ON COLUMN dp.allocation_plan.requested IS 'new requirements of the month plus backlog carried in, in class units (NULL: hidden, fewer than dp.min_contributors other nations share the capacity)';
COMMENT ON COLUMN dp.allocation_plan.allocated IS 'capacity allocated to the nation in the month (NULL: hidden)';
COMMENT ON COLUMN dp.allocation_plan.backlog IS 'requested but not allocated, carried to the next month (NULL: hidden)';
COMMENT ON COLUMN dp.allocation_plan.fill_rate IS 'allocated / requested (NULL: hidden)';

-- Internal: the rows of dp.allocation_plan for a viewer: its nations' rows;
-- the figures where at least dp.min_contributors() claimants other than the
-- viewer's nations share the class's capacity that month.
CREATE FUNCTION dp._pooled_allocation_plan(viewer text[]) RETURNS SETOF dp.allocation_plan
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    SELECT m.interop_class, m.nation, m.period_start, (m.period_start + '1 mon'::interval)::date,
           CASE WHEN m.visible THEN m.requested END,
           CASE WHEN m.visible THEN m.allocated END,
           CASE WHEN m.visible THEN m.backlog END,
           CASE WHEN m.visible THEN m.allocated / m.requested END
      FROM (SELECT a.*, dp._pooled_shown(viewer, a.claimants, count(*) OVER (PARTITION BY a.interop_class, a.period_start)) AS visible
              FROM dp.allocation a
             WHERE dp._acts_for(viewer, a.nation)) m;
END
$$;
COMMENT ON FUNCTION dp._pooled_allocation_plan(text[]) IS 'internal (owner only): the rows of dp.allocation_plan for a viewer acting for these nations ({*}: all)';
REVOKE EXECUTE ON FUNCTION dp._pooled_allocation_plan(text[]) FROM PUBLIC;

-- ---- capacity_outlook -----------------------------------------------------------

-- Internal: per class, each component's monthly capacity (all suppliers) and units needed per class unit.
CREATE VIEW dp._class_components AS
WITH comp AS (
    SELECT b.interop_class, b.component, b.qty_per, dp.sum(s.capacity) AS capacity
      FROM dp.bom b
      LEFT JOIN dp.component_source s ON s.component = b.component
     GROUP BY 1, 2, 3
)
SELECT c.interop_class,
       pg_catalog.array_agg(c.component ORDER BY c.component) AS components,
       pg_catalog.array_agg(COALESCE(c.capacity, dp.capvec('month', '2000-01-01', '{}')) ORDER BY c.component) AS capacities,
       pg_catalog.array_agg(c.qty_per ORDER BY c.component) AS qty_per
  FROM comp c
 GROUP BY c.interop_class;
COMMENT ON VIEW dp._class_components IS 'internal: per interoperability class with a bill of materials, its components, their total monthly supplier capacity and the quantity needed per class unit';
COMMENT ON COLUMN dp._class_components.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp._class_components.components IS 'its components, in name order';
COMMENT ON COLUMN dp._class_components.capacities IS 'each component''s monthly capacity from all its suppliers (empty: none)';
COMMENT ON COLUMN dp._class_components.qty_per IS 'each component''s units per class unit';

-- reference data only (readable by every mapped role): the owner's rights let
-- it read the internal view; the tables' privileges still apply on Citus
CREATE VIEW dp.capacity_outlook AS
WITH lines AS (
    SELECT p.interop_class,
           dp.sum(p.capacity) AS peacetime,
           dp.sum(dp.line_capacity(p.capacity, 'crisis', p.crisis_factor, p.conflict_factor, p.surge_periods, p.surge_from)) AS crisis,
           dp.sum(dp.line_capacity(p.capacity, 'conflict', p.crisis_factor, p.conflict_factor, p.surge_periods, p.surge_from)) AS conflict,
           dp.sum(dp.line_capacity(p.capacity, p.posture, p.crisis_factor, p.conflict_factor, p.surge_periods, p.surge_from)) AS current
      FROM dp.production_line p
     GROUP BY 1
), bom AS (
    -- the bottleneck and its binding component from one pass per class
    SELECT c.interop_class, z.period_start, z.quantity AS bom_capacity, c.components[z.binding] AS binding_component
      FROM dp._class_components c
     CROSS JOIN LATERAL dp.bom_capacity(c.capacities, c.qty_per) b
     CROSS JOIN LATERAL ROWS FROM (dp.unnest(b.capacity), pg_catalog.unnest(b.binding))
             AS z(period_start, period_end, quantity, binding)
), months AS (
    SELECT l.interop_class, u.period_start FROM lines l, dp.unnest(l.peacetime) u
    UNION
    SELECT b.interop_class, b.period_start FROM bom b
)
SELECT m.interop_class,
       m.period_start,
       (m.period_start + '1 mon'::interval)::date AS period_end,
       dp.value_at(l.peacetime, m.period_start) AS peacetime,
       dp.value_at(l.crisis, m.period_start) AS crisis,
       dp.value_at(l.conflict, m.period_start) AS conflict,
       dp.value_at(l.current, m.period_start) AS current_posture,
       b.bom_capacity,
       b.binding_component
  FROM months m
  LEFT JOIN lines l ON l.interop_class = m.interop_class
  LEFT JOIN bom b ON b.interop_class = m.interop_class AND b.period_start = m.period_start;
COMMENT ON VIEW dp.capacity_outlook IS 'per interoperability class and month with line or component data: line capacity at each posture and the bill-of-materials bottleneck with its binding component';
COMMENT ON COLUMN dp.capacity_outlook.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.capacity_outlook.period_start IS 'first day of the month';
COMMENT ON COLUMN dp.capacity_outlook.period_end IS 'first day of the next month (exclusive end)';
COMMENT ON COLUMN dp.capacity_outlook.peacetime IS 'capacity of all lines at peacetime posture, in class units (NULL: no line data for the month)';
COMMENT ON COLUMN dp.capacity_outlook.crisis IS 'capacity if every line surged to its crisis factor (NULL: no line data)';
COMMENT ON COLUMN dp.capacity_outlook.conflict IS 'capacity if every line surged to its conflict factor (NULL: no line data)';
COMMENT ON COLUMN dp.capacity_outlook.current_posture IS 'capacity at each line''s current posture (NULL: no line data)';
COMMENT ON COLUMN dp.capacity_outlook.bom_capacity IS 'class units the component supply allows (bill-of-materials bottleneck; NULL without component data for the month)';
COMMENT ON COLUMN dp.capacity_outlook.binding_component IS 'the component that limits bom_capacity';

-- ---- capacity_gap ---------------------------------------------------------------

CREATE FUNCTION dp._pooled_capacity_gap(
    OUT interop_class text, OUT unit text, OUT first_month date, OUT last_month date,
    OUT contributors integer, OUT demand float8, OUT capacity float8, OUT level_rate float8,
    OUT capacity_gap float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_as_owner' LANGUAGE C STABLE PARALLEL UNSAFE;
COMMENT ON FUNCTION dp._pooled_capacity_gap() IS 'internal: dp._pooled_capacity_gap(text[]) for the current role''s nations, run with the extension owner''s rights';

CREATE VIEW dp.capacity_gap WITH (security_barrier = true) AS
SELECT g.interop_class, g.unit, g.first_month, g.last_month, g.contributors, g.demand, g.capacity,
       g.level_rate, g.capacity_gap
  FROM dp._pooled_capacity_gap() g;
COMMENT ON VIEW dp.capacity_gap IS 'per interoperability class over the months with requirements: pooled demand, capacity, the level production rate that meets demand, and the extra monthly capacity needed; every figure is NULL unless, in each of those months, at least dp.min_contributors nations other than the viewer''s own contribute; a nation''s role sees the classes it contributes to and those whose figures it may see';
COMMENT ON COLUMN dp.capacity_gap.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.capacity_gap.unit IS 'class unit of the figures';
COMMENT ON COLUMN dp.capacity_gap.first_month IS 'first month with requirements (NULL: hidden)';
COMMENT ON COLUMN dp.capacity_gap.last_month IS 'last month with requirements (NULL: hidden)';
COMMENT ON COLUMN dp.capacity_gap.contributors IS 'number of nations with requirements in the class (NULL: hidden)';
COMMENT ON COLUMN dp.capacity_gap.demand IS 'pooled requirements over the months, in class units (NULL: hidden)';
COMMENT ON COLUMN dp.capacity_gap.capacity IS 'capacity at current postures over the same months (NULL: hidden, or no production line in the class)';
COMMENT ON COLUMN dp.capacity_gap.level_rate IS 'smallest constant monthly production that meets cumulative demand every month (NULL: hidden)';
COMMENT ON COLUMN dp.capacity_gap.capacity_gap IS 'smallest extra constant monthly capacity that, added to capacity, meets cumulative demand every month (NULL: hidden, or no production line in the class)';

-- Internal: the rows of dp.capacity_gap for a viewer.  A class's figures are
-- shown only when every one of its months' pooled demand may be shown (a
-- class total minus the months shown must not reveal a hidden month).
CREATE FUNCTION dp._pooled_capacity_gap(viewer text[]) RETURNS SETOF dp.capacity_gap
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    WITH months AS (
        SELECT r.interop_class,
               dp._pooled_shown(viewer, count(*), count(*) FILTER (WHERE dp._acts_for(viewer, r.nation))) AS visible
          FROM dp._requirement_by_class r
         GROUP BY r.interop_class, r.period_start
    ), classes AS (
        SELECT r.interop_class,
               dp.capvec_agg(r.period_start, r.quantity, 'month') AS demand,
               count(DISTINCT r.nation)::integer AS contributors,
               bool_or(dp._acts_for(viewer, r.nation)) AS own
          FROM dp._requirement_by_class r
         GROUP BY 1
    ), shown AS (
        SELECT c.*, v.visible
          FROM classes c
          JOIN (SELECT m.interop_class, bool_and(m.visible) AS visible FROM months m GROUP BY 1) v
            ON v.interop_class = c.interop_class
    ), aligned AS (
        SELECT s.*,
               dp.slice(dp.pad(cc.capacity, dp.start_date(s.demand), dp.end_date(s.demand)),
                        dp.start_date(s.demand), dp.end_date(s.demand)) AS capacity
          FROM shown s
          LEFT JOIN dp._class_capacity cc ON cc.interop_class = s.interop_class
    )
    SELECT a.interop_class, ic.unit,
           CASE WHEN a.visible THEN dp.start_date(a.demand) END,
           CASE WHEN a.visible THEN (dp.end_date(a.demand) - '1 mon'::interval)::date END,
           CASE WHEN a.visible THEN a.contributors END,
           CASE WHEN a.visible THEN dp.total(a.demand) END,
           CASE WHEN a.visible THEN dp.total(a.capacity) END,
           CASE WHEN a.visible THEN dp.level_rate(a.demand) END,
           CASE WHEN a.visible THEN dp.capacity_gap(a.demand, a.capacity) END
      FROM aligned a
      JOIN dp.interop_class ic ON ic.class_id = a.interop_class
     WHERE a.visible OR a.own;
END
$$;
COMMENT ON FUNCTION dp._pooled_capacity_gap(text[]) IS 'internal (owner only): the rows of dp.capacity_gap for a viewer acting for these nations ({*}: all)';
REVOKE EXECUTE ON FUNCTION dp._pooled_capacity_gap(text[]) FROM PUBLIC;

-- ---- supply_risk ----------------------------------------------------------------

-- reference data only, like capacity_outlook
CREATE VIEW dp.supply_risk AS
WITH src AS (
    SELECT s.component, s.supplier, s.country, n.nato_member,
           dp.total(s.capacity) / NULLIF(dp.length(s.capacity), 0) AS monthly,
           s.capacity
      FROM dp.component_source s
      JOIN dp.nation n ON n.code = s.country
), comp AS (
    SELECT s.component,
           pg_catalog.count(*)::integer AS suppliers,
           dp.hhi(s.monthly) AS hhi,
           COALESCE(pg_catalog.sum(s.monthly) FILTER (WHERE NOT s.nato_member), 0) / NULLIF(pg_catalog.sum(s.monthly), 0) AS non_nato_share,
           (pg_catalog.array_agg(s.supplier ORDER BY s.monthly DESC, s.supplier))[1] AS largest_supplier
      FROM src s
     GROUP BY 1
), without_largest AS (
    -- each class's components, with the component's largest supplier left out
    SELECT b.interop_class, b.component,
           (SELECT dp.bottleneck(pg_catalog.array_agg(COALESCE(
                       (SELECT dp.sum(s.capacity) FROM dp.component_source s
                         WHERE s.component = o.component
                           AND NOT (o.component = b.component AND s.supplier = c.largest_supplier)),
                       dp.capvec('month', '2000-01-01', '{}')) ORDER BY o.component),
                   pg_catalog.array_agg(o.qty_per ORDER BY o.component))
              FROM dp.bom o WHERE o.interop_class = b.interop_class) AS bottleneck
      FROM dp.bom b
      JOIN comp c ON c.component = b.component
)
SELECT w.interop_class,
       c.component,
       c.suppliers,
       c.hhi,
       c.suppliers = 1 AS single_source,
       c.non_nato_share,
       c.largest_supplier,
       dp.total(k.capacities_bottleneck) / NULLIF(dp.length(k.capacities_bottleneck), 0) AS bom_capacity,
       dp.total(w.bottleneck) / NULLIF(dp.length(w.bottleneck), 0) AS bom_capacity_without_largest
  FROM comp c
  JOIN without_largest w ON w.component = c.component
  JOIN (SELECT cc.interop_class, dp.bottleneck(cc.capacities, cc.qty_per) AS capacities_bottleneck
          FROM dp._class_components cc) k ON k.interop_class = w.interop_class;
COMMENT ON VIEW dp.supply_risk IS 'per interoperability class and component: supplier concentration (HHI), single sourcing, supply from outside NATO, and the bill-of-materials capacity if the largest supplier is lost';
COMMENT ON COLUMN dp.supply_risk.interop_class IS 'interoperability class whose bill of materials uses the component';
COMMENT ON COLUMN dp.supply_risk.component IS 'component';
COMMENT ON COLUMN dp.supply_risk.suppliers IS 'number of suppliers';
COMMENT ON COLUMN dp.supply_risk.hhi IS 'Herfindahl-Hirschman index of the suppliers'' mean monthly capacities (0-10000)';
COMMENT ON COLUMN dp.supply_risk.single_source IS 'true when one supplier provides all of it';
COMMENT ON COLUMN dp.supply_risk.non_nato_share IS 'share of capacity from plants outside NATO members (NULL: no capacity)';
COMMENT ON COLUMN dp.supply_risk.largest_supplier IS 'supplier with the largest mean monthly capacity';
COMMENT ON COLUMN dp.supply_risk.bom_capacity IS 'mean monthly class units the component supply allows (bill-of-materials bottleneck)';
COMMENT ON COLUMN dp.supply_risk.bom_capacity_without_largest IS 'the same if this component''s largest supplier is lost';

-- ---- replenishment_outlook: per scenario, class and nation ----------------

-- A production line's monthly capacity over [first_month, first_month +
-- months): the vector, held at its last value after it ends, surged by
-- factor from first_month over ramp_periods months.
CREATE FUNCTION dp.scenario_line_capacity(capacity dp.capvec, factor float8, ramp_periods integer,
                                          first_month date, months integer) RETURNS dp.capvec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT dp.slice(dp.surge(dp.pad(v.held, first_month, v.last_month), factor, first_month, ramp_periods),
                    first_month, v.last_month)
      FROM (SELECT (first_month + pg_catalog.make_interval(months => months))::date AS last_month,
                   CASE WHEN dp.length(capacity) OPERATOR(pg_catalog.>) 0
                         AND dp.end_date(capacity) OPERATOR(pg_catalog.<) (first_month + pg_catalog.make_interval(months => months))::date
                        THEN capacity OPERATOR(dp.+) dp.constant('month', dp.end_date(capacity),
                               (SELECT (pg_catalog.date_part('year', a) * 12 OPERATOR(pg_catalog.+) pg_catalog.date_part('month', a))::integer
                                  FROM pg_catalog.age((first_month + pg_catalog.make_interval(months => months))::timestamp,
                                                      dp.end_date(capacity)::timestamp) a),
                               dp.value_at(capacity, (dp.end_date(capacity) OPERATOR(pg_catalog.-) 1)))
                        ELSE capacity END AS held) v;
END;
COMMENT ON FUNCTION dp.scenario_line_capacity(dp.capvec, float8, integer, date, integer) IS 'a monthly capacity over months months from first_month: held at its last value after the vector ends, surged by factor from first_month over ramp_periods months';

-- The replenishment results, materialised by dp.refresh_outlook (a linear
-- programme per class and scenario is too slow to solve on every read).
CREATE TABLE dp.replenishment (
    scenario text NOT NULL,
    posture text NOT NULL,
    interop_class text NOT NULL,
    nation text NOT NULL,
    first_month date NOT NULL,
    target_by date NOT NULL,
    contributors integer NOT NULL,
    reaches_target date,
    unmet float8,
    below_target float8,
    class_unmet float8,
    class_below_target float8,
    capacity_factor float8,
    PRIMARY KEY (nation, interop_class, scenario)
);
COMMENT ON TABLE dp.replenishment IS 'internal (granted to no role): dp.replenishment_results as of the refresh that last computed each class; read by dp.replenishment_outlook';
COMMENT ON COLUMN dp.replenishment.scenario IS 'scenario name';
COMMENT ON COLUMN dp.replenishment.posture IS 'posture of the scenario';
COMMENT ON COLUMN dp.replenishment.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.replenishment.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.replenishment.first_month IS 'first month planned';
COMMENT ON COLUMN dp.replenishment.target_by IS 'date by which every target should be met and stay met';
COMMENT ON COLUMN dp.replenishment.contributors IS 'nations in the class''s plan';
COMMENT ON COLUMN dp.replenishment.reaches_target IS 'first month from which the nation''s planned stock stays at or above target (NULL: not within the horizon)';
COMMENT ON COLUMN dp.replenishment.unmet IS 'the nation''s planned unmet demand over the horizon, in class units';
COMMENT ON COLUMN dp.replenishment.below_target IS 'the nation''s planned stock-months below target, in class units';
COMMENT ON COLUMN dp.replenishment.class_unmet IS 'unmet demand of all nations in the class';
COMMENT ON COLUMN dp.replenishment.class_below_target IS 'stock-months below target of all nations in the class';
COMMENT ON COLUMN dp.replenishment.capacity_factor IS 'smallest multiple of the scenario''s capacity with which no demand is unmet and every nation is at target from target_by (NULL: none)';
-- no policy: a role granted SELECT by mistake still reads nothing
ALTER TABLE dp.replenishment ENABLE ROW LEVEL SECURITY;
SELECT pg_catalog.pg_extension_config_dump('dp.replenishment', '');

-- Internal (owner only): one class's replenishment results, per effective
-- scenario (a user row wins over the shipped one of the same name) and
-- nation with a stockpile in the class: the optimal replenishment plan's
-- figures.  Every nation's latest stock (on hand and target, in class units)
-- starts the plan; its demand is the automatic forecast from the 24 months
-- of class consumption before the first month, times the scenario's
-- multiplier; the class's lines, surged as the scenario says, are the
-- capacity shared (planned deliveries are taken to come out of that
-- capacity, so they are not added); weights are 1.  One class at a time, so
-- that dp.refresh_outlook computes classes in parallel workers.
CREATE FUNCTION dp._replenishment_rows(only_class text) RETURNS SETOF dp.replenishment
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    -- the class's items and the nations: the class's consumption is read by
    -- nation and item (the key's index), not by a scan of all consumption
    class_items text[] := ARRAY(SELECT i.item_id FROM dp.item i WHERE i.interop_class = only_class ORDER BY 1);
    nations text[] := ARRAY(SELECT n.code FROM dp.nation n ORDER BY 1);
BEGIN
    RETURN QUERY
    WITH scen AS (
        SELECT DISTINCT ON (s.name) s.*
          FROM dp.scenario s
         ORDER BY s.name, s.builtin
    ), latest AS (
        -- the class's stockpiles only
        SELECT DISTINCT ON (s.nation, s.item_id) s.nation, s.item_id, s.as_of, s.on_hand, s.target
          FROM dp.stockpile s
          JOIN dp.item ci ON ci.item_id = s.item_id AND ci.interop_class = only_class
         ORDER BY s.nation, s.item_id, s.as_of DESC
    ), stock AS (
        SELECT i.interop_class, l.nation,
               pg_catalog.sum(l.on_hand * i.class_units_per_unit) AS on_hand,
               pg_catalog.sum(COALESCE(l.target, 0) * i.class_units_per_unit) AS target,
               pg_catalog.max(pg_catalog.date_trunc('month', l.as_of))::date AS counted
          FROM latest l
          JOIN dp.item i ON i.item_id = l.item_id
         GROUP BY 1, 2
    ), runs AS (
        -- each scenario's first month and horizon per class
        SELECT s.name AS scenario, s.posture::text AS posture, c.interop_class,
               COALESCE(s.start_date, pg_catalog.max(c.counted)) AS first_month,
               s.horizon_months, s.target_months,
               COALESCE((s.class_consumption OPERATOR(pg_catalog.->>) c.interop_class)::float8, s.consumption_multiplier) AS consumption_multiplier,
               s.surge_factor, s.surge_periods, s.surges
          FROM scen s, stock c
         GROUP BY s.name, s.posture, c.interop_class, s.start_date, s.horizon_months, s.target_months,
                  s.class_consumption, s.consumption_multiplier, s.surge_factor, s.surge_periods, s.surges
    ), used AS MATERIALIZED (
        -- the class's consumption, in class units, read by nation and item (the key's index)
        SELECT x.nation, x.item_id, x.at, x.quantity * i.class_units_per_unit AS quantity
          FROM dp.consumption x
          JOIN dp.item i ON i.item_id = x.item_id
         WHERE x.nation = ANY (nations) AND x.item_id = ANY (class_items)
    ), histories AS (
        -- each nation's class consumption in the 24 months before the first month
        -- (items summed in a fixed order, so that the sums do not depend on the plan)
        SELECT k.interop_class, k.first_month, c.nation, c.on_hand, c.target,
               dp.pad(COALESCE(dp.capvec_agg(u.at, u.quantity, 'month' ORDER BY u.item_id, u.at),
                               dp.capvec('month', k.first_month, '{}')),
                      (k.first_month - '24 mons'::interval)::date, k.first_month) AS history
          FROM (SELECT DISTINCT r.interop_class, r.first_month FROM runs r) k
          JOIN stock c ON c.interop_class = k.interop_class
          LEFT JOIN used u ON u.nation = c.nation
                          AND u.at >= (k.first_month - '24 mons'::interval) AND u.at < k.first_month
         GROUP BY k.interop_class, k.first_month, c.nation, c.on_hand, c.target
    ), fitted AS MATERIALIZED (
        -- each history's automatic forecast, fitted once, for the longest
        -- horizon of the scenarios that share the history
        SELECT h.interop_class, h.first_month, h.nation, h.on_hand, h.target,
               dp.clamp(dp.forecast(h.history, m.horizon_months), 0, 1.7976931348623157e308) AS demand
          FROM histories h
          JOIN (SELECT r.interop_class, r.first_month, pg_catalog.max(r.horizon_months) AS horizon_months
                  FROM runs r GROUP BY 1, 2) m
            ON m.interop_class = h.interop_class AND m.first_month = h.first_month
    ), forecasts AS (
        -- one forecast per class, nation, first month and horizon: the longest
        -- one cut short (a forecast's first periods do not depend on how many
        -- follow)
        SELECT f.interop_class, f.first_month, k.horizon_months, f.nation, f.on_hand, f.target,
               dp.slice(f.demand, f.first_month, (f.first_month + pg_catalog.make_interval(months => k.horizon_months))::date) AS demand
          FROM fitted f
          JOIN (SELECT DISTINCT r.interop_class, r.first_month, r.horizon_months FROM runs r) k
            ON k.interop_class = f.interop_class AND k.first_month = f.first_month
    ), capacities AS (
        SELECT r.scenario, r.interop_class,
               dp.sum(dp.scenario_line_capacity(
                        p.capacity,
                        COALESCE((r.surges OPERATOR(pg_catalog.->) p.line_id OPERATOR(pg_catalog.->>) 'factor')::float8,
                                 (r.surges OPERATOR(pg_catalog.->) p.interop_class OPERATOR(pg_catalog.->>) 'factor')::float8,
                                 r.surge_factor,
                                 CASE r.posture WHEN 'crisis' THEN p.crisis_factor WHEN 'conflict' THEN p.conflict_factor ELSE 1 END),
                        COALESCE((r.surges OPERATOR(pg_catalog.->) p.line_id OPERATOR(pg_catalog.->>) 'periods')::integer,
                                 (r.surges OPERATOR(pg_catalog.->) p.interop_class OPERATOR(pg_catalog.->>) 'periods')::integer,
                                 r.surge_periods, p.surge_periods),
                        r.first_month, r.horizon_months)) AS capacity
          FROM runs r
          JOIN dp.production_line p ON p.interop_class = r.interop_class
         GROUP BY 1, 2
    ), problems AS (
        SELECT r.scenario, r.posture, r.interop_class, r.first_month,
               (r.first_month + pg_catalog.make_interval(months => r.target_months))::date AS target_by,
               pg_catalog.array_agg(f.nation ORDER BY f.nation) AS nations,
               pg_catalog.array_agg(f.on_hand ORDER BY f.nation) AS on_hand,
               pg_catalog.array_agg(f.target ORDER BY f.nation) AS targets,
               pg_catalog.array_agg(f.demand OPERATOR(dp.*) r.consumption_multiplier ORDER BY f.nation) AS demands,
               COALESCE(k.capacity, dp.constant('month', r.first_month, r.horizon_months, 0)) AS capacity
          FROM runs r
          JOIN forecasts f ON f.interop_class = r.interop_class AND f.first_month = r.first_month
                          AND f.horizon_months = r.horizon_months
          LEFT JOIN capacities k ON k.scenario = r.scenario AND k.interop_class = r.interop_class
         GROUP BY r.scenario, r.posture, r.interop_class, r.first_month, r.target_months, r.horizon_months, k.capacity
    ), solved AS MATERIALIZED (
        SELECT p.*, dp.required_capacity(p.capacity, p.on_hand, p.targets, p.demands, (p.target_by - 1)) AS capacity_factor
          FROM problems p
    ), plans AS (
        SELECT p.scenario, p.posture, p.interop_class, p.first_month, p.target_by,
               pg_catalog.cardinality(p.nations) AS contributors,
               p.nations[x.claimant] AS nation,
               pg_catalog.sum(x.unmet) AS unmet,
               pg_catalog.sum(x.below_target) AS below_target,
               pg_catalog.max(x.period_start) FILTER (WHERE x.below_target > 0) AS last_below,
               pg_catalog.max(x.period_start) AS last_month,
               p.capacity_factor
          FROM solved p,
               dp.replenishment_plan(p.capacity, p.on_hand, p.targets, p.demands) x
         GROUP BY p.scenario, p.posture, p.interop_class, p.first_month, p.target_by, p.nations, x.claimant,
                  p.capacity_factor
    )
    SELECT p.scenario,
           p.posture,
           p.interop_class,
           p.nation,
           p.first_month,
           p.target_by,
           p.contributors,
           CASE WHEN p.last_below IS NULL THEN p.first_month
                WHEN p.last_below < p.last_month THEN (p.last_below + '1 mon'::interval)::date END AS reaches_target,
           p.unmet,
           p.below_target,
           pg_catalog.sum(p.unmet) OVER w AS class_unmet,
           pg_catalog.sum(p.below_target) OVER w AS class_below_target,
           p.capacity_factor
      FROM plans p
    WINDOW w AS (PARTITION BY p.scenario, p.interop_class);
END
$$;
COMMENT ON FUNCTION dp._replenishment_rows(text) IS 'internal (owner only): the replenishment results of one interoperability class, as rows of dp.replenishment; read by dp.replenishment_results and dp.refresh_outlook';
REVOKE EXECUTE ON FUNCTION dp._replenishment_rows(text) FROM PUBLIC;

-- Internal (granted to no role): the replenishment results of every class,
-- as dp.refresh_outlook materialises them in dp.replenishment.
CREATE VIEW dp.replenishment_results AS
SELECT r.scenario, r.posture, r.interop_class, r.nation, r.first_month, r.target_by, r.contributors,
       r.reaches_target, r.unmet, r.below_target, r.class_unmet, r.class_below_target, r.capacity_factor
  FROM dp.interop_class c, dp._replenishment_rows(c.class_id) r;
COMMENT ON VIEW dp.replenishment_results IS 'internal (granted to no role): per scenario, interoperability class and nation, the optimal replenishment plan''s figures over all nations; materialised in dp.replenishment by dp.refresh_outlook';
COMMENT ON COLUMN dp.replenishment_results.scenario IS 'scenario name';
COMMENT ON COLUMN dp.replenishment_results.posture IS 'posture of the scenario';
COMMENT ON COLUMN dp.replenishment_results.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.replenishment_results.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.replenishment_results.first_month IS 'first month planned';
COMMENT ON COLUMN dp.replenishment_results.target_by IS 'date by which every target should be met and stay met (target_months after the first month), for capacity_factor';
COMMENT ON COLUMN dp.replenishment_results.contributors IS 'nations in the class''s plan';
COMMENT ON COLUMN dp.replenishment_results.reaches_target IS 'first month from which the nation''s planned stock stays at or above target (NULL: not within the horizon)';
COMMENT ON COLUMN dp.replenishment_results.unmet IS 'the nation''s planned unmet demand over the horizon, in class units';
COMMENT ON COLUMN dp.replenishment_results.below_target IS 'the nation''s planned stock-months below target (sum of the shortfalls), in class units';
COMMENT ON COLUMN dp.replenishment_results.class_unmet IS 'unmet demand of all nations in the class';
COMMENT ON COLUMN dp.replenishment_results.class_below_target IS 'stock-months below target of all nations in the class';
COMMENT ON COLUMN dp.replenishment_results.capacity_factor IS 'smallest multiple of the scenario''s capacity with which no demand is unmet and every nation is at or above target from target_by (NULL: none)';

CREATE FUNCTION dp._pooled_replenishment_outlook(
    OUT interop_class text, OUT unit text, OUT nation text, OUT contributors integer,
    OUT first_month date, OUT target_by date,
    OUT peacetime_reaches_target date, OUT crisis_reaches_target date, OUT conflict_reaches_target date,
    OUT peacetime_unmet float8, OUT crisis_unmet float8, OUT conflict_unmet float8,
    OUT peacetime_below_target float8, OUT crisis_below_target float8, OUT conflict_below_target float8,
    OUT peacetime_class_unmet float8, OUT crisis_class_unmet float8, OUT conflict_class_unmet float8,
    OUT peacetime_class_below_target float8, OUT crisis_class_below_target float8,
    OUT conflict_class_below_target float8,
    OUT peacetime_capacity_factor float8, OUT crisis_capacity_factor float8, OUT conflict_capacity_factor float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_as_owner' LANGUAGE C STABLE PARALLEL UNSAFE;
COMMENT ON FUNCTION dp._pooled_replenishment_outlook() IS 'internal: dp._pooled_replenishment_outlook(text[]) for the current role''s nations, run with the extension owner''s rights';

CREATE VIEW dp.replenishment_outlook WITH (security_barrier = true) AS
SELECT r.interop_class, r.unit, r.nation, r.contributors, r.first_month, r.target_by,
       r.peacetime_reaches_target, r.crisis_reaches_target, r.conflict_reaches_target,
       r.peacetime_unmet, r.crisis_unmet, r.conflict_unmet,
       r.peacetime_below_target, r.crisis_below_target, r.conflict_below_target,
       r.peacetime_class_unmet, r.crisis_class_unmet, r.conflict_class_unmet,
       r.peacetime_class_below_target, r.crisis_class_below_target, r.conflict_class_below_target,
       r.peacetime_capacity_factor, r.crisis_capacity_factor, r.conflict_capacity_factor
  FROM dp._pooled_replenishment_outlook() r;
COMMENT ON VIEW dp.replenishment_outlook IS 'per interoperability class and nation, the optimal replenishment plan under the peacetime, crisis and conflict scenarios side by side, as of the last dp.refresh_outlook: when the nation''s stock is back at target, its unmet demand and stock-months below target, the class totals and the capacity factor needed to reach every target by target_by; a role sees the rows of the nations it is mapped to, with a scenario''s figures only where at least dp.min_contributors nations other than its own share the class''s capacity (the nation''s own plan depends on theirs)';
COMMENT ON COLUMN dp.replenishment_outlook.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.replenishment_outlook.unit IS 'class unit of the quantities';
COMMENT ON COLUMN dp.replenishment_outlook.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.replenishment_outlook.contributors IS 'nations sharing the class''s capacity in the plans (NULL: hidden, fewer than dp.min_contributors nations other than the viewer''s share it)';
COMMENT ON COLUMN dp.replenishment_outlook.first_month IS 'first month planned: the scenario''s start, else the month of the class''s latest stock count (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.target_by IS 'date by which every target should be met and stay met, for the capacity factors (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_reaches_target IS 'peacetime: first month from which the stock stays at or above target (NULL: hidden, or not within the horizon)';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_reaches_target IS 'crisis: first month from which the stock stays at or above target (NULL: hidden, or not within the horizon)';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_reaches_target IS 'conflict: first month from which the stock stays at or above target (NULL: hidden, or not within the horizon)';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_unmet IS 'peacetime: the nation''s unmet demand over the horizon, in class units (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_unmet IS 'crisis: the nation''s unmet demand over the horizon, in class units (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_unmet IS 'conflict: the nation''s unmet demand over the horizon, in class units (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_below_target IS 'peacetime: the nation''s stock-months below target (sum of monthly shortfalls), in class units (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_below_target IS 'crisis: the nation''s stock-months below target, in class units (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_below_target IS 'conflict: the nation''s stock-months below target, in class units (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_class_unmet IS 'peacetime: unmet demand of all nations in the class (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_class_unmet IS 'crisis: unmet demand of all nations in the class (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_class_unmet IS 'conflict: unmet demand of all nations in the class (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_class_below_target IS 'peacetime: stock-months below target of all nations in the class (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_class_below_target IS 'crisis: stock-months below target of all nations in the class (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_class_below_target IS 'conflict: stock-months below target of all nations in the class (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_capacity_factor IS 'peacetime: smallest multiple of the capacity that leaves no demand unmet and every nation at target from target_by (NULL: hidden, or none)';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_capacity_factor IS 'crisis: smallest multiple of the surged capacity that leaves no demand unmet and every nation at target from target_by (NULL: hidden, or none)';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_capacity_factor IS 'conflict: smallest multiple of the surged capacity that leaves no demand unmet and every nation at target from target_by (NULL: hidden, or none)';

-- Internal: the rows of dp.replenishment_outlook for a viewer: its nations'
-- rows (a viewer of all nations: every row), with the figures of a scenario
-- only where at least dp.min_contributors() nations other than the viewer's
-- share the class's capacity in that scenario's plan (to a viewer of all
-- nations: that many nations).  A nation's own plan figures depend on the
-- other nations' stock and demand through the shared capacity, and the
-- first month on their stock counts, so they are hidden with the class
-- totals; so is the number of contributors.
CREATE FUNCTION dp._pooled_replenishment_outlook(viewer text[]) RETURNS SETOF dp.replenishment_outlook
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    WITH shown AS (
        SELECT r.*, dp._pooled_shown(viewer, r.contributors, count(*) OVER (PARTITION BY r.interop_class, r.scenario)) AS visible
          FROM dp.replenishment r
         WHERE r.scenario IN ('peacetime', 'crisis', 'conflict') AND dp._acts_for(viewer, r.nation)
    )
    SELECT s.interop_class, ic.unit, s.nation,
           CASE WHEN bool_and(s.visible) THEN max(s.contributors) END,
           CASE WHEN bool_and(s.visible) THEN min(s.first_month) END,
           CASE WHEN bool_and(s.visible) THEN max(s.target_by) END,
           max(s.reaches_target) FILTER (WHERE s.visible AND s.scenario = 'peacetime'),
           max(s.reaches_target) FILTER (WHERE s.visible AND s.scenario = 'crisis'),
           max(s.reaches_target) FILTER (WHERE s.visible AND s.scenario = 'conflict'),
           max(s.unmet) FILTER (WHERE s.visible AND s.scenario = 'peacetime'),
           max(s.unmet) FILTER (WHERE s.visible AND s.scenario = 'crisis'),
           max(s.unmet) FILTER (WHERE s.visible AND s.scenario = 'conflict'),
           max(s.below_target) FILTER (WHERE s.visible AND s.scenario = 'peacetime'),
           max(s.below_target) FILTER (WHERE s.visible AND s.scenario = 'crisis'),
           max(s.below_target) FILTER (WHERE s.visible AND s.scenario = 'conflict'),
           max(s.class_unmet) FILTER (WHERE s.visible AND s.scenario = 'peacetime'),
           max(s.class_unmet) FILTER (WHERE s.visible AND s.scenario = 'crisis'),
           max(s.class_unmet) FILTER (WHERE s.visible AND s.scenario = 'conflict'),
           max(s.class_below_target) FILTER (WHERE s.visible AND s.scenario = 'peacetime'),
           max(s.class_below_target) FILTER (WHERE s.visible AND s.scenario = 'crisis'),
           max(s.class_below_target) FILTER (WHERE s.visible AND s.scenario = 'conflict'),
           max(s.capacity_factor) FILTER (WHERE s.visible AND s.scenario = 'peacetime'),
           max(s.capacity_factor) FILTER (WHERE s.visible AND s.scenario = 'crisis'),
           max(s.capacity_factor) FILTER (WHERE s.visible AND s.scenario = 'conflict')
      FROM shown s
      JOIN dp.interop_class ic ON ic.class_id = s.interop_class
     GROUP BY s.interop_class, ic.unit, s.nation;
END
$$;
COMMENT ON FUNCTION dp._pooled_replenishment_outlook(text[]) IS 'internal (owner only): the rows of dp.replenishment_outlook for a viewer acting for these nations ({*}: all)';
REVOKE EXECUTE ON FUNCTION dp._pooled_replenishment_outlook(text[]) FROM PUBLIC;

-- ===========================================================================
-- refresh: dp.refresh_outlook brings the materialised results up to date
-- from committed data, one section per materialised table: the stockpile
-- outlook (dp.outlook), the allocation plan (dp.allocation) and the
-- replenishment results (dp.replenishment).  dp.outlook_status says how
-- fresh they are.
-- ===========================================================================

CREATE TABLE dp.outlook_refresh (
    refreshed_at timestamptz PRIMARY KEY,
    full_refresh boolean NOT NULL,
    stockpiles bigint NOT NULL,
    allocation_classes integer NOT NULL,
    replenishment_classes integer NOT NULL,
    seconds float8 NOT NULL,
    outlook_seconds float8 NOT NULL,
    allocation_seconds float8 NOT NULL,
    replenishment_seconds float8 NOT NULL
);
COMMENT ON TABLE dp.outlook_refresh IS 'the last 1000 refreshes, written by dp.refresh_outlook';
COMMENT ON COLUMN dp.outlook_refresh.refreshed_at IS 'start of the refresh (the refreshed_at of the outlook rows it wrote)';
COMMENT ON COLUMN dp.outlook_refresh.full_refresh IS 'true if everything was recomputed';
COMMENT ON COLUMN dp.outlook_refresh.stockpiles IS 'stockpile rows of dp.outlook written';
COMMENT ON COLUMN dp.outlook_refresh.allocation_classes IS 'classes whose allocation plan was recomputed';
COMMENT ON COLUMN dp.outlook_refresh.replenishment_classes IS 'classes whose replenishment results were recomputed';
COMMENT ON COLUMN dp.outlook_refresh.seconds IS 'how long the refresh took, in seconds';
COMMENT ON COLUMN dp.outlook_refresh.outlook_seconds IS 'of which the stockpile outlook section';
COMMENT ON COLUMN dp.outlook_refresh.allocation_seconds IS 'of which the allocation section';
COMMENT ON COLUMN dp.outlook_refresh.replenishment_seconds IS 'of which the replenishment section';

-- The classes whose replenishment results one refresh recomputes: filled
-- and emptied inside dp.refresh_outlook.  A plain table, so that parallel
-- workers can read it; one row a page (a wide uncompressed column and
-- fillfactor 10), since a parallel scan shares a table out by pages and each
-- class's linear programmes take seconds.
CREATE UNLOGGED TABLE dp.outlook_pending_class (
    interop_class text NOT NULL,
    spread text NOT NULL
) WITH (fillfactor = 10);
ALTER TABLE dp.outlook_pending_class ALTER COLUMN spread SET STORAGE PLAIN;
COMMENT ON TABLE dp.outlook_pending_class IS 'internal: the classes whose replenishment results the running dp.refresh_outlook recomputes, one a page; empty outside a refresh';
COMMENT ON COLUMN dp.outlook_pending_class.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.outlook_pending_class.spread IS 'filler that puts each row on a page of its own';

-- One row: since when stock and consumption changes wait for the
-- replenishment results (a full refresh takes them).
CREATE TABLE dp.outlook_state (
    one boolean PRIMARY KEY DEFAULT true CONSTRAINT outlook_state_one_row CHECK (one),
    replenishment_stale_since timestamptz
);
COMMENT ON TABLE dp.outlook_state IS 'internal: the refresh''s state, one row';
COMMENT ON COLUMN dp.outlook_state.one IS 'always true: the table has one row';
COMMENT ON COLUMN dp.outlook_state.replenishment_stale_since IS 'the oldest stock or consumption change not yet in dp.replenishment (NULL: none)';
INSERT INTO dp.outlook_state (one) VALUES (true);

-- The class-by-class fallback of dp.refresh_outlook, when computing every
-- class at once failed (it cannot with data within the tables' bounds): the
-- staging table (a temporary table like the results table, dropped at
-- commit) gets the rows of each class in turn, so one class never breaks the
-- others; a class that fails is left out with a warning.
CREATE FUNCTION dp._refresh_by_class(staging text, results_table regclass, class_rows regproc, classes text[],
                                     results text, view_name text) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cls text;
    msg text;
    state text;
BEGIN
    EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS SELECT * FROM %s WITH NO DATA', staging, results_table);
    FOREACH cls IN ARRAY classes LOOP
        BEGIN
            EXECUTE format('INSERT INTO pg_temp.%I SELECT * FROM %s($1)', staging, class_rows) USING cls;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, state = RETURNED_SQLSTATE;
            RAISE WARNING USING
                MESSAGE = format('%s of class %s not refreshed: %s', results, cls, msg),
                DETAIL = format('SQLSTATE %s; the class has no rows in %s until a refresh succeeds.', state, view_name);
        END;
    END LOOP;
END
$$;
COMMENT ON FUNCTION dp._refresh_by_class(text, regclass, regproc, text[], text, text) IS 'internal (owner only): creates the temporary table staging like results_table and inserts the rows class_rows returns for each of the classes in turn; a class that fails is left out with a warning naming the results and the view that lack its rows until a refresh succeeds; the fallback of dp.refresh_outlook';
REVOKE EXECUTE ON FUNCTION dp._refresh_by_class(text, regclass, regproc, text[], text, text) FROM PUBLIC;

-- The last step of a section of dp.refresh_outlook: the rows of the classes
-- (NULL: all) in results_table replaced by the staging table's, which is
-- then dropped.  Readers see the old rows until the refresh commits.
CREATE FUNCTION dp._refresh_replace(results_table regclass, staging regclass, classes text[]) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE format('DELETE FROM %s r WHERE $1 IS NULL OR r.interop_class OPERATOR(pg_catalog.=) ANY ($1)',
                   results_table) USING classes;
    EXECUTE format('INSERT INTO %s SELECT * FROM %s', results_table, staging);
    EXECUTE format('DROP TABLE %s', staging);
END
$$;
COMMENT ON FUNCTION dp._refresh_replace(regclass, regclass, text[]) IS 'internal (owner only): replaces the rows of the classes (NULL: all) in results_table with the staging table''s and drops the staging table; the last step of each section of dp.refresh_outlook';
REVOKE EXECUTE ON FUNCTION dp._refresh_replace(regclass, regclass, text[]) FROM PUBLIC;

-- dp.refresh_outlook runs with the extension owner's rights (SECURITY
-- DEFINER, pinned search_path) and EXECUTE is revoked from PUBLIC: the owner,
-- a superuser, or a role granted EXECUTE (a cron job) calls it; a nation's
-- role cannot, so no uncommitted change of its own ever reaches the results.
-- One transaction; refreshes run one at a time (EXCLUSIVE lock on
-- dp.outlook, which lets every reader through); a cancelled refresh leaves
-- everything as it was.
--
-- What each section recomputes:
--  - dp.outlook: the stockpiles whose stock, consumption, deliveries or item
--    changed (all with full), in parallel (a CREATE TABLE AS, so the planner
--    can use max_parallel_workers_per_gather workers beside the leader);
--  - dp.allocation: the classes whose requirements, lines or items changed;
--  - dp.replenishment: the classes whose lines or items changed, every class
--    after a scenario changed, and everything on a full refresh.  Stock and
--    consumption changes reach it at the next full refresh: it solves linear
--    programmes over every nation of a class, seconds a class, which would
--    make every incremental refresh as slow as a full one.
CREATE FUNCTION dp.refresh_outlook("full" boolean DEFAULT false) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    -- the planner parallelises the outlook's computation whatever the row
    -- count (max_parallel_workers_per_gather, the caller's, says how many)
    SET parallel_setup_cost = 0
    SET parallel_tuple_cost = 0
    SET min_parallel_table_scan_size = 0
AS $$
DECLARE
    everything boolean := refresh_outlook.full;
    all_classes boolean;
    stale timestamptz;
    recomputed bigint;
    n_allocation integer := 0;
    n_replenishment integer := 0;
    t_outlook timestamptz;
    t_allocation timestamptz;
    t_replenishment timestamptz;
    t_end timestamptz;
BEGIN
    IF everything IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'null_value_not_allowed', MESSAGE = 'full must not be NULL';
    END IF;
    -- one refresh at a time; EXCLUSIVE lets every reader (ACCESS SHARE) through
    LOCK TABLE dp.outlook IN EXCLUSIVE MODE;

    -- ---- the changes: claim those committed so far (later ones stay for
    -- the next refresh), in one statement, so one snapshot decides ----
    CREATE TEMP TABLE dp_refresh_claimed ON COMMIT DROP AS
        SELECT c.scope, c.nation, c.item_id, c.interop_class, c.changed_at FROM dp.outlook_change c WITH NO DATA;
    WITH claimed AS (DELETE FROM dp.outlook_change RETURNING *)
    INSERT INTO pg_temp.dp_refresh_claimed SELECT c.scope, c.nation, c.item_id, c.interop_class, c.changed_at FROM claimed c;
    everything := everything OR EXISTS (SELECT 1 FROM pg_temp.dp_refresh_claimed c WHERE c.scope = 'all')
        -- no change tracking (dp.distribute removes it on Citus): everything
        OR NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = 'dp.consumption'::regclass
                                                   AND g.tgname = 'outlook_track_insert');
    all_classes := everything OR EXISTS (SELECT 1 FROM pg_temp.dp_refresh_claimed c WHERE c.scope = 'class' AND c.interop_class IS NULL);
    CREATE TEMP TABLE dp_refresh_classes ON COMMIT DROP AS
        SELECT DISTINCT c.interop_class FROM pg_temp.dp_refresh_claimed c
         WHERE c.scope = 'class' AND c.interop_class IS NOT NULL AND NOT all_classes;

    -- ---- dp.outlook: the stockpiles whose inputs changed ----
    t_outlook := clock_timestamp();
    INSERT INTO dp.outlook_pending (nation, item_id)
    SELECT DISTINCT s.nation, s.item_id FROM dp.stockpile s WHERE everything
     UNION
    SELECT c.nation, c.item_id FROM pg_temp.dp_refresh_claimed c WHERE c.scope = 'stockpile' AND NOT everything;
    -- the planner sizes the parallel plan from the table's statistics, which
    -- an autovacuum of the (usually empty) table may have left at no rows
    ANALYZE dp.outlook_pending;

    -- their rows, inputs gathered and one dp.outlook_row call each, in
    -- parallel: CREATE TABLE AS runs its query in parallel where INSERT ...
    -- SELECT would not, every function it calls is PARALLEL SAFE, and the
    -- workers read the pending stockpiles from a plain table
    CREATE TEMP TABLE dp_refresh_stage ON COMMIT DROP AS
    SELECT p.nation, p.item_id, i.name AS item_name, i.interop_class, x.as_of, x.on_hand, x.target,
           x.start_month, r.demand_class, r.forecast_method, r.alpha, r.beta, r.phi, r.mae, r.rmse,
           r.mase, r.bias, r.forecast, r.deliveries, r.projected_stock, r.monthly_consumption,
           r.monthly_deliveries, r.depletion_date, r.replenish_date, r.days_of_supply,
           r.stockout_risk AS stockout_risk_6m, now() AS refreshed_at
      FROM dp.outlook_pending p
      JOIN dp.item i ON i.item_id = p.item_id,
           dp._outlook_inputs(p.nation, p.item_id) x,
           dp.outlook_row(x.on_hand, x.target, x.start_month, x.history, x.supply,
                          history_periods => 24, horizon => 24, risk_periods => 6,
                          trials => 2000, seed => 1) r
     WHERE x.as_of IS NOT NULL;

    -- swap the rows in: readers see the old ones until this transaction commits
    IF everything THEN
        DELETE FROM dp.outlook;
    ELSE
        DELETE FROM dp.outlook o USING dp.outlook_pending p WHERE o.nation = p.nation AND o.item_id = p.item_id;
    END IF;
    INSERT INTO dp.outlook SELECT * FROM pg_temp.dp_refresh_stage ORDER BY nation, item_id;
    GET DIAGNOSTICS recomputed = ROW_COUNT;
    DELETE FROM dp.outlook_pending;

    -- ---- dp.allocation: the classes whose allocation inputs changed ----
    t_allocation := clock_timestamp();
    -- every class at once; if one fails (it cannot with data within the
    -- tables' bounds), class by class, so one class never breaks the others
    IF all_classes OR EXISTS (SELECT 1 FROM pg_temp.dp_refresh_classes) THEN
        BEGIN
            CREATE TEMP TABLE dp_refresh_allocation ON COMMIT DROP AS
                SELECT a.* FROM dp._allocation_rows(NULL) a
                 WHERE all_classes OR a.interop_class IN (SELECT c.interop_class FROM pg_temp.dp_refresh_classes c);
        EXCEPTION WHEN OTHERS THEN
            PERFORM dp._refresh_by_class('dp_refresh_allocation', 'dp.allocation', 'dp._allocation_rows',
                                         ARRAY(SELECT DISTINCT i.interop_class
                                                 FROM dp.requirement r JOIN dp.item i ON i.item_id = r.item_id
                                                WHERE all_classes OR i.interop_class IN (SELECT c.interop_class FROM pg_temp.dp_refresh_classes c)
                                                ORDER BY 1),
                                         'allocation', 'dp.allocation_plan');
        END;
        PERFORM dp._refresh_replace('dp.allocation', 'pg_temp.dp_refresh_allocation',
                                    CASE WHEN NOT all_classes THEN ARRAY(SELECT c.interop_class FROM pg_temp.dp_refresh_classes c) END);
        n_allocation := CASE WHEN all_classes THEN (SELECT count(*) FROM dp.interop_class)
                             ELSE (SELECT count(*) FROM pg_temp.dp_refresh_classes) END;
    END IF;

    -- ---- dp.replenishment: classes with line, item or scenario changes; all on a full refresh ----
    t_replenishment := clock_timestamp();
    IF all_classes OR EXISTS (SELECT 1 FROM pg_temp.dp_refresh_classes) THEN
        INSERT INTO dp.outlook_pending_class (interop_class, spread)
        SELECT c.class_id, repeat(' ', 900) FROM dp.interop_class c
         WHERE all_classes OR c.class_id IN (SELECT k.interop_class FROM pg_temp.dp_refresh_classes k);
        ANALYZE dp.outlook_pending_class;
        -- every class at once, in parallel; if one fails (it cannot with data
        -- within the tables' bounds), class by class, so one class never
        -- breaks the others
        BEGIN
            CREATE TEMP TABLE dp_refresh_replenishment ON COMMIT DROP AS
                SELECT r.* FROM dp.outlook_pending_class q, dp._replenishment_rows(q.interop_class) r;
        EXCEPTION WHEN OTHERS THEN
            PERFORM dp._refresh_by_class('dp_refresh_replenishment', 'dp.replenishment', 'dp._replenishment_rows',
                                         ARRAY(SELECT q.interop_class FROM dp.outlook_pending_class q ORDER BY 1),
                                         'replenishment results', 'dp.replenishment_outlook');
        END;
        PERFORM dp._refresh_replace('dp.replenishment', 'pg_temp.dp_refresh_replenishment',
                                    CASE WHEN NOT all_classes THEN ARRAY(SELECT q.interop_class FROM dp.outlook_pending_class q) END);
        n_replenishment := (SELECT count(*) FROM dp.outlook_pending_class);
        DELETE FROM dp.outlook_pending_class;
    END IF;
    -- stock and consumption changes not in it wait for a full refresh
    SELECT min(c.changed_at) INTO stale FROM pg_temp.dp_refresh_claimed c WHERE c.scope = 'stockpile';
    UPDATE dp.outlook_state
       SET replenishment_stale_since = CASE WHEN all_classes AND n_replenishment > 0 THEN NULL
                                            ELSE least(replenishment_stale_since, stale) END;

    -- ---- the log ----
    t_end := clock_timestamp();
    DROP TABLE pg_temp.dp_refresh_stage;
    DROP TABLE pg_temp.dp_refresh_classes;
    DROP TABLE pg_temp.dp_refresh_claimed;
    INSERT INTO dp.outlook_refresh (refreshed_at, full_refresh, stockpiles, allocation_classes,
                                    replenishment_classes, seconds, outlook_seconds, allocation_seconds,
                                    replenishment_seconds)
        VALUES (now(), everything, recomputed, n_allocation, n_replenishment,
                extract(epoch FROM clock_timestamp() - now()), extract(epoch FROM t_allocation - t_outlook),
                extract(epoch FROM t_replenishment - t_allocation), extract(epoch FROM t_end - t_replenishment))
        ON CONFLICT (refreshed_at) DO UPDATE
           SET full_refresh = dp.outlook_refresh.full_refresh OR excluded.full_refresh,
               stockpiles = dp.outlook_refresh.stockpiles + excluded.stockpiles,
               allocation_classes = dp.outlook_refresh.allocation_classes + excluded.allocation_classes,
               replenishment_classes = dp.outlook_refresh.replenishment_classes + excluded.replenishment_classes,
               seconds = excluded.seconds,
               outlook_seconds = dp.outlook_refresh.outlook_seconds + excluded.outlook_seconds,
               allocation_seconds = dp.outlook_refresh.allocation_seconds + excluded.allocation_seconds,
               replenishment_seconds = dp.outlook_refresh.replenishment_seconds + excluded.replenishment_seconds;
    DELETE FROM dp.outlook_refresh r
     WHERE r.refreshed_at < (SELECT l.refreshed_at FROM dp.outlook_refresh l ORDER BY l.refreshed_at DESC OFFSET 999 LIMIT 1);
    RETURN recomputed;
END
$$;
COMMENT ON FUNCTION dp.refresh_outlook(boolean) IS 'brings the materialised results up to date from committed data, in one transaction: the stockpile outlook of the stockpiles whose inputs changed since the last refresh (in parallel), the allocation plan and the replenishment results of the classes whose inputs changed (stock and consumption changes reach the replenishment results at the next full refresh); full => true recomputes everything; readers keep the old results until it commits, and a cancelled refresh leaves them as they were; returns the number of stockpile rows written; EXECUTE is revoked from PUBLIC';
REVOKE EXECUTE ON FUNCTION dp.refresh_outlook(boolean) FROM PUBLIC;

CREATE FUNCTION dp.outlook_status(OUT refreshed_at timestamptz, OUT full_refresh boolean,
                                  OUT stockpiles bigint, OUT pending_stockpiles bigint,
                                  OUT pending_classes bigint, OUT oldest_change timestamptz,
                                  OUT full_refresh_pending boolean,
                                  OUT replenishment_stale_since timestamptz)
    RETURNS record
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT r.refreshed_at, r.full_refresh,
           (SELECT count(*) FROM dp.outlook),
           (SELECT count(*) FROM (SELECT DISTINCT c.nation, c.item_id FROM dp.outlook_change c
                                   WHERE c.scope = 'stockpile') d),
           (SELECT count(DISTINCT c.interop_class) FROM dp.outlook_change c WHERE c.scope = 'class'),
           (SELECT min(c.changed_at) FROM dp.outlook_change c),
           EXISTS (SELECT 1 FROM dp.outlook_change c WHERE c.scope = 'all'),
           least((SELECT s.replenishment_stale_since FROM dp.outlook_state s),
                 (SELECT min(c.changed_at) FROM dp.outlook_change c WHERE c.scope = 'stockpile'))
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (SELECT l.refreshed_at, l.full_refresh FROM dp.outlook_refresh l
                          ORDER BY l.refreshed_at DESC LIMIT 1) r ON true;
END;
COMMENT ON FUNCTION dp.outlook_status() IS 'how fresh the materialised results are: when the last refresh started and whether it was full, the stockpile rows of dp.outlook, the stockpiles and classes changed since (changes committed after a refresh started wait for the next one), the oldest such change, whether a full refresh is due (after a TRUNCATE), and since when stock and consumption changes wait for the replenishment results (NULL: they do not); EXECUTE is revoked from PUBLIC';
REVOKE EXECUTE ON FUNCTION dp.outlook_status() FROM PUBLIC;

-- derived data, but costly to recompute: dumped with the rest, so a restored
-- database reads the same results until its next refresh
SELECT pg_catalog.pg_extension_config_dump('dp.allocation', '');
SELECT pg_catalog.pg_extension_config_dump('dp.outlook_refresh', '');

-- ===========================================================================
-- data loaders: one check for empty tables; the scale data generator
-- ===========================================================================
-- dp.load_sample_data checks for empty tables through dp._require_empty_tables
-- and ends with a full refresh of the materialised results;
-- dp.generate_scale_data is new.

-- Raise 55000 naming the first planning table that holds rows: the data
-- loaders (sample, scale) fill empty tables only.
CREATE FUNCTION dp._require_empty_tables(loader text, hint text) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t text;
    has_rows boolean;
BEGIN
    FOREACH t IN ARRAY ARRAY['interop_class', 'item', 'stockpile', 'consumption', 'planned_delivery',
                             'requirement', 'production_line', 'bom', 'component_source'] LOOP
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM dp.%I)', t) INTO has_rows;
        IF has_rows THEN
            RAISE EXCEPTION USING ERRCODE = 'object_not_in_prerequisite_state',
                MESSAGE = format('%s needs empty tables', loader),
                DETAIL = format('Table dp.%s already holds data.', t),
                HINT = hint;
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION dp._require_empty_tables(text, text) IS 'internal: raises 55000 "<loader> needs empty tables" with the hint if a planning table holds rows';

CREATE OR REPLACE FUNCTION dp.load_sample_data() RETURNS text
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM dp._require_empty_tables('dp.load_sample_data()',
                                     'Load the sample data into a fresh database, or empty the dp tables first.');

    -- interoperability classes
    INSERT INTO dp.interop_class (class_id, description, unit) VALUES
        ('155mm', 'NATO 155 mm artillery rounds (JBMoU ballistics, interchangeable)', 'round'),
        ('120mm', '120 mm smoothbore tank rounds', 'round'),
        ('javelin', 'Javelin anti-tank guided missiles', 'missile'),
        ('gmlrs', 'Guided MLRS rockets (M270/HIMARS)', 'rocket'),
        ('stinger', 'Stinger man-portable air-defence missiles', 'missile');

    -- items; the NSNs are invented, in the right supply classes (1320 over 125 mm, 1315 75-125 mm,
    -- 1410 guided missiles, 1340 rockets) with the assigning nation's NCB code
    INSERT INTO dp.item (item_id, nsn, name, interop_class, class_units_per_unit) VALUES
        ('155-HE-US', '1320-01-555-0101', '155 mm HE projectile, US pattern', '155mm', 1),
        ('155-HE-DE', '1320-12-555-0102', '155 mm HE projectile, German pattern', '155mm', 1),
        ('155-HE-FR', '1320-14-555-0103', '155 mm HE projectile, French pattern', '155mm', 1),
        ('155-HE-GB', '1320-99-555-0104', '155 mm HE projectile, British pattern', '155mm', 1),
        ('155-HE-PL', '1320-43-555-0105', '155 mm HE projectile, Polish pattern', '155mm', 1),
        ('155-PAL8', '1320-17-555-0106', '155 mm HE projectiles, pallet of 8', '155mm', 8),
        ('120-KE-DE', '1315-12-555-0201', '120 mm kinetic energy round', '120mm', 1),
        ('JAV-MSL', '1410-01-555-0301', 'Javelin missile', 'javelin', 1),
        ('GMLRS-U', '1340-01-555-0401', 'GMLRS unitary rocket pod (6 rockets)', 'gmlrs', 6),
        ('STINGER', '1410-01-555-0501', 'Stinger missile', 'stinger', 1);

    -- stock on 2025-07-01 (illustrative): nation, item, on hand, target, monthly use (for the history)
    CREATE TEMP TABLE sample_stock (nation text, item_id text, on_hand float8, target float8, use float8, lumpy boolean)
        ON COMMIT DROP;
    INSERT INTO sample_stock VALUES
        ('USA', '155-HE-US', 420000, 600000, 30000, false),
        ('DEU', '155-HE-DE', 35000, 230000, 7000, false),
        ('FRA', '155-HE-FR', 45000, 150000, 5000, false),
        ('GBR', '155-HE-GB', 40000, 140000, 4500, false),
        ('POL', '155-HE-PL', 110000, 300000, 9000, false),
        ('NLD', '155-PAL8', 4000, 12000, 450, false),
        ('NOR', '155-HE-DE', 18000, 60000, 1800, false),
        ('EST', '155-HE-DE', 12000, 90000, 2500, false),
        ('ITA', '155-HE-FR', 30000, 90000, 2200, false),
        ('CZE', '155-HE-PL', 14000, 70000, 2600, false),
        ('DEU', '120-KE-DE', 15000, 30000, 300, false),
        ('POL', '120-KE-DE', 12000, 25000, 350, false),
        ('USA', 'JAV-MSL', 14000, 20000, 180, true),
        ('GBR', 'JAV-MSL', 1800, 3000, 25, true),
        ('NOR', 'JAV-MSL', 900, 1500, 12, true),
        ('EST', 'JAV-MSL', 1200, 2000, 20, true),
        ('FRA', 'JAV-MSL', 700, 1200, 10, true),
        ('USA', 'GMLRS-U', 4500, 7000, 90, true),
        ('GBR', 'GMLRS-U', 600, 1000, 12, true),
        ('POL', 'GMLRS-U', 300, 1500, 8, true),
        ('EST', 'GMLRS-U', 120, 400, 4, true),
        ('USA', 'STINGER', 6000, 9000, 60, true),
        ('DEU', 'STINGER', 1500, 2500, 25, true),
        ('NLD', 'STINGER', 500, 900, 8, true);

    INSERT INTO dp.stockpile (nation, item_id, as_of, on_hand, target)
        SELECT s.nation, s.item_id, '2025-07-01', s.on_hand, s.target FROM sample_stock s;

    -- 24 months of consumption before the count (2023-07 to 2025-06): weekly for munitions fired in
    -- volume, with donation surges in autumn 2023; monthly and intermittent for missiles
    INSERT INTO dp.consumption (nation, item_id, at, quantity)
        SELECT s.nation, s.item_id, w::date,
               round(s.use * 12 / 52 * (0.6 + 0.8 * dp.sample_uniform(s.nation || s.item_id || w::date))
                     * CASE WHEN w >= '2023-09-01' AND w < '2023-12-01' THEN 2.5 ELSE 1 END)
          FROM sample_stock s,
               generate_series('2023-07-03'::date, '2025-06-30'::date, '7 days'::interval) w
         WHERE NOT s.lumpy;
    INSERT INTO dp.consumption (nation, item_id, at, quantity)
        SELECT s.nation, s.item_id, (m + '14 days'::interval)::date,
               round(s.use * 3 * (0.5 + dp.sample_uniform('size' || s.nation || s.item_id || m::date)))
          FROM sample_stock s,
               generate_series('2023-07-01'::date, '2025-06-01'::date, '1 mon'::interval) m
         WHERE s.lumpy AND dp.sample_uniform(s.nation || s.item_id || m::date) < 0.35;

    -- planned deliveries, 2025-07 to 2027-06: a quarter of monthly use at first, rising by a
    -- twentieth of it each month as new contracts deliver
    INSERT INTO dp.planned_delivery (nation, item_id, due, quantity)
        SELECT s.nation, s.item_id, (m + '20 days'::interval)::date,
               round(s.use * (0.25 + 0.05 * (extract(year FROM age(m, '2025-07-01')) * 12 + extract(month FROM age(m, '2025-07-01'))))
                     * (0.8 + 0.4 * dp.sample_uniform('del' || s.nation || s.item_id || m::date)))
          FROM sample_stock s,
               generate_series('2025-07-01'::date, '2027-06-01'::date, '1 mon'::interval) m
         WHERE NOT s.lumpy OR dp.sample_uniform('dm' || s.nation || s.item_id || m::date) < 0.5;

    -- requirements: what each nation wants to procure each month: its consumption plus a
    -- 24th of the gap to its stock objective; 120 mm has only two nations (its pooled figures
    -- stay hidden below dp.min_contributors)
    INSERT INTO dp.requirement (nation, item_id, need_by, quantity, priority, weight)
        SELECT s.nation, s.item_id, (m + '14 days'::interval)::date,
               round(((s.target - s.on_hand) / 24 + s.use) * (0.7 + 0.6 * dp.sample_uniform('req' || s.nation || s.item_id || m::date))),
               CASE s.nation WHEN 'EST' THEN 1 WHEN 'POL' THEN 1 WHEN 'USA' THEN 3 ELSE 2 END,
               CASE s.nation WHEN 'EST' THEN 2 WHEN 'POL' THEN 1.5 ELSE 1 END
          FROM sample_stock s,
               generate_series('2025-07-01'::date, '2027-06-01'::date, '1 mon'::interval) m
         WHERE s.target > s.on_hand;

    -- production lines; public figures (see README): US 155 mm 14,400/month in 2022, 28,000 by
    -- late 2023, 40,000 in mid-2025, aiming at 100,000; EU 155 mm 1 million a year in early 2024
    -- towards 2 million by end 2025 (shares between plants illustrative); Javelin 2,100 a year in
    -- 2022 towards 3,960; GMLRS about 7,500 a year in 2022, 10,000, then 14,000 (pods of 6)
    INSERT INTO dp.production_line (line_id, producer, country, interop_class, capacity, posture,
                                    crisis_factor, conflict_factor, surge_periods, surge_from) VALUES
        ('US-155', 'US Army ammunition plants and contractors', 'USA', '155mm',
         dp.sample_levels('{2022-01-01,2022-09-01,2023-10-01,2025-06-01,2026-12-01}',
                          '{14400,14400,28000,40000,100000}'), 'crisis', 1.3, 1.8, 6, '2025-07-01'),
        ('DE-155', 'Rheinmetall (Unterluess and others)', 'DEU', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{12500,33300,66700}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('FR-155', 'KNDS France', 'FRA', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{4000,12500,25000}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('NO-155', 'Nammo', 'NOR', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{3000,8300,16700}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('CZ-155', 'CSG / MSM Group', 'CZE', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{3500,12500,25000}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('PL-155', 'PGZ / Mesko', 'POL', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{2000,8300,16700}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('ES-155', 'Expal (Rheinmetall)', 'ESP', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{2000,8400,16600}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('DE-120', 'Rheinmetall', 'DEU', '120mm',
         dp.sample_levels('{2022-01-01,2025-01-01}', '{800,1500}'), 'peacetime', 1.3, 1.8, 6, NULL),
        ('US-JAV', 'Javelin JV (Lockheed Martin, RTX)', 'USA', 'javelin',
         dp.sample_levels('{2022-01-01,2022-06-01,2024-06-01,2026-06-01}', '{175,175,200,330}'), 'peacetime', 1.2, 1.5, 9, NULL),
        ('US-GMLRS', 'Lockheed Martin', 'USA', 'gmlrs',
         dp.sample_levels('{2022-01-01,2022-09-01,2023-06-01,2025-06-01}', '{625,625,833,1167}'), 'peacetime', 1.2, 1.5, 9, NULL),
        ('US-STINGER', 'RTX', 'USA', 'stinger',
         dp.sample_levels('{2022-01-01,2024-01-01,2026-01-01}', '{40,60,100}'), 'peacetime', 1.2, 1.5, 12, NULL);

    -- a 155 mm round: one shell body, 10.8 kg of explosive fill, one propelling charge set, one fuze
    INSERT INTO dp.bom (interop_class, component, qty_per) VALUES
        ('155mm', 'shell body', 1),
        ('155mm', 'explosive fill (kg)', 10.8),
        ('155mm', 'propelling charge', 1),
        ('155mm', 'fuze', 1);

    -- component supply (illustrative), monthly; explosives bind in 2024, charges later
    INSERT INTO dp.component_source (component, supplier, country, capacity) VALUES
        ('shell body', 'US forge plants', 'USA', dp.sample_levels('{2022-01-01,2023-10-01,2025-06-01,2026-12-01}', '{15000,30000,45000,100000}')),
        ('shell body', 'European forges', 'DEU', dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{30000,90000,180000}')),
        ('shell body', 'Korean forges', 'KOR', dp.sample_levels('{2022-01-01,2024-01-01}', '{10000,20000}')),
        ('explosive fill (kg)', 'Nitro-Chem', 'POL', dp.sample_levels('{2022-01-01,2024-06-01,2026-01-01}', '{300000,700000,1300000}')),
        ('explosive fill (kg)', 'US explosives plants', 'USA', dp.sample_levels('{2022-01-01,2025-01-01,2026-12-01}', '{200000,450000,1100000}')),
        ('explosive fill (kg)', 'Chemring Nobel', 'NOR', dp.sample_levels('{2022-01-01,2025-01-01}', '{60000,150000}')),
        ('propelling charge', 'Nitrochemie', 'CHE', dp.sample_levels('{2022-01-01,2024-01-01,2026-01-01}', '{15000,35000,60000}')),
        ('propelling charge', 'Eurenco', 'FRA', dp.sample_levels('{2022-01-01,2024-01-01,2026-01-01}', '{10000,30000,70000}')),
        ('propelling charge', 'US propellant plants', 'USA', dp.sample_levels('{2022-01-01,2023-10-01,2026-12-01}', '{15000,30000,90000}')),
        ('fuze', 'Junghans Microtec', 'DEU', dp.sample_levels('{2022-01-01,2024-01-01,2026-01-01}', '{40000,100000,200000}')),
        ('fuze', 'L3Harris', 'USA', dp.sample_levels('{2022-01-01,2023-10-01,2026-12-01}', '{20000,35000,100000}'));

    -- the materialised results, from the data just loaded
    PERFORM dp.refresh_outlook(true);

    RETURN format('loaded %s nations'' stockpiles of %s items in %s interoperability classes, %s consumption rows, %s production lines',
                  (SELECT count(DISTINCT nation) FROM dp.stockpile), (SELECT count(*) FROM dp.item),
                  (SELECT count(*) FROM dp.interop_class), (SELECT count(*) FROM dp.consumption),
                  (SELECT count(*) FROM dp.production_line));
END
$$;

-- A deterministic number in [0, 1) from an integer key and a seed (PostgreSQL's
-- extended integer hash, stable across versions and platforms).  Inlined.
CREATE FUNCTION dp.scale_uniform(key bigint, seed integer) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (pg_catalog.hashint8extended(key, seed) OPERATOR(pg_catalog.&) 4503599627370495)::float8
           OPERATOR(pg_catalog./) 4503599627370496.0;
COMMENT ON FUNCTION dp.scale_uniform(bigint, integer) IS 'deterministic pseudo-random number in [0, 1) from an integer key and a seed (52 bits of hashint8extended), used by dp.generate_scale_data';

CREATE FUNCTION dp.generate_scale_data(stockpiles integer, months integer DEFAULT 60, seed integer DEFAULT 1)
    RETURNS text
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    SET jit = off   -- simple expressions over many rows: compiling them costs more than it saves
AS $$
DECLARE
    nations text[];
    ncbs text[];
    -- the data's fixed dates: stock counted at the start of this month, the
    -- consumption history the months before it, deliveries and requirements after
    count_month constant date := '2025-07-01';
    first_month date;
    n_items integer;
    n_classes constant integer := 40;
    holders constant integer := 8;          -- nations holding each item
BEGIN
    IF stockpiles IS NULL OR stockpiles < 1 OR stockpiles > 10000000 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = 'stockpiles must be between 1 and 10000000',
            DETAIL = format('stockpiles is %s.', coalesce(stockpiles::text, 'NULL'));
    END IF;
    IF months IS NULL OR months < 1 OR months > 600 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = 'months must be between 1 and 600',
            DETAIL = format('months is %s.', coalesce(months::text, 'NULL'));
    END IF;
    IF seed IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'null_value_not_allowed', MESSAGE = 'seed must not be NULL';
    END IF;
    PERFORM dp._require_empty_tables('dp.generate_scale_data()',
                                     'Generate the data into a fresh database, or empty the dp tables first.');

    nations := ARRAY(SELECT n.code FROM dp.nation n WHERE n.nato_member ORDER BY n.code);
    ncbs := ARRAY(SELECT DISTINCT c FROM dp.nation n, unnest(n.ncb_codes) c WHERE n.nato_member ORDER BY c);
    first_month := (count_month - make_interval(months => months))::date;
    n_items := (stockpiles + holders - 1) / holders;

    -- classes: munitions, missiles, spares... in a few units
    INSERT INTO dp.interop_class (class_id, description, unit)
        SELECT format('SC%s', lpad(c::text, 2, '0')),
               format('synthetic interoperability class %s', c),
               (ARRAY['round', 'missile', 'rocket', 'each', 'kit'])[1 + c % 5]
          FROM generate_series(1, n_classes) c;

    -- items: each in a class, with a demand pattern of its own; most NSNs are
    -- intermittent or lumpy, as in defence inventories (a few smooth, trending
    -- or seasonal fast movers)
    CREATE TEMP TABLE scale_item ON COMMIT DROP AS
        SELECT j,
               format('SYN-%s', lpad(j::text, 7, '0')) AS item_id,
               format('SC%s', lpad((1 + (dp.scale_uniform(j * 65536 + 1, seed) * n_classes)::integer % n_classes)::text, 2, '0')) AS interop_class,
               CASE WHEN u < 0.50 THEN 'intermittent' WHEN u < 0.70 THEN 'lumpy' WHEN u < 0.82 THEN 'smooth'
                    WHEN u < 0.91 THEN 'trending' ELSE 'seasonal' END AS pattern
          FROM (SELECT j, dp.scale_uniform(j * 65536 + 2, seed) AS u FROM generate_series(0::bigint, n_items - 1) j) x;
    INSERT INTO dp.item (item_id, nsn, name, interop_class, class_units_per_unit)
        SELECT i.item_id,
               -- a supply class of munitions and missiles, the NCB code of a member, a serial
               format('%s-%s-%s-%s',
                      (ARRAY['1305', '1310', '1315', '1320', '1330', '1336', '1340', '1375', '1376', '1410', '1420', '1427'])[1 + (substr(i.interop_class, 3)::integer % 12)],
                      ncbs[1 + j % array_length(ncbs, 1)],
                      lpad((j / 10000)::text, 3, '0'), lpad((j % 10000)::text, 4, '0'))::dp.nsn,
               format('synthetic %s item %s', i.pattern, j),
               i.interop_class,
               CASE WHEN dp.scale_uniform(j * 65536 + 3, seed) < 0.9 THEN 1 ELSE 6 END
          FROM scale_item i;

    -- stockpiles: item j is held by `holders` nations, spread evenly; the
    -- monthly use (base) spans three orders of magnitude
    CREATE TEMP TABLE scale_stock ON COMMIT DROP AS
        SELECT s.i, s.nation, it.item_id, it.pattern, s.base,
               0.15 + 0.30 * dp.scale_uniform(s.i * 65536 + 11, seed) AS p_demand,
               dp.scale_uniform(s.i * 65536 + 12, seed) * 12 AS phase,
               CASE WHEN dp.scale_uniform(s.i * 65536 + 13, seed) < 0.6 THEN 1 ELSE -1 END AS trend_dir,
               round(s.base * 18 * dp.scale_uniform(s.i * 65536 + 14, seed)) AS on_hand,
               CASE WHEN dp.scale_uniform(s.i * 65536 + 15, seed) < 0.9
                    THEN round(s.base * (6 + 18 * dp.scale_uniform(s.i * 65536 + 16, seed))) END AS target
          FROM (SELECT i, nations[1 + ((i / holders) * 5 + (i % holders) * 4) % array_length(nations, 1)] AS nation,
                       i / holders AS j,
                       round(power(10, 0.5 + 2.5 * dp.scale_uniform(i * 65536 + 10, seed)))::float8 AS base
                  FROM generate_series(0::bigint, stockpiles - 1) i) s
          JOIN scale_item it ON it.j = s.j
         ORDER BY s.nation, it.item_id;   -- rows in key order: the indexes below grow at their ends
    INSERT INTO dp.stockpile (nation, item_id, as_of, on_hand, target)
        SELECT s.nation, s.item_id, count_month, s.on_hand, s.target FROM scale_stock s;

    -- consumption: one row a month (zero in months without demand), on a day of the month
    INSERT INTO dp.consumption (nation, item_id, at, quantity)
        SELECT s.nation, s.item_id,
               (first_month + make_interval(months => m) + make_interval(days => (27 * dp.scale_uniform(k + 1, seed))::integer))::date,
               greatest(0, round(CASE s.pattern
                   WHEN 'smooth' THEN s.base * (0.8 + 0.4 * u)
                   WHEN 'trending' THEN s.base * (1 + s.trend_dir * 0.6 * (m::float8 / months - 0.5)) * (0.8 + 0.4 * u)
                   WHEN 'seasonal' THEN s.base * (1 + 0.6 * sin(2 * pi() * (m + s.phase) / 12)) * (0.85 + 0.3 * u)
                   WHEN 'intermittent' THEN CASE WHEN u < s.p_demand THEN s.base / s.p_demand * (0.7 + 0.6 * v) ELSE 0 END
                   ELSE CASE WHEN u < s.p_demand THEN s.base / s.p_demand * 0.2 * exp(3 * v) ELSE 0 END
               END))
          FROM scale_stock s,
               generate_series(0, months - 1) m,
               LATERAL (SELECT s.i * 65536 + 256 + m * 4 AS k) kk,
               LATERAL (SELECT dp.scale_uniform(kk.k + 2, seed) AS u, dp.scale_uniform(kk.k + 3, seed) AS v) uv
         ORDER BY s.nation, s.item_id, m;

    -- planned deliveries over the next 24 months: monthly for fast movers, now and then for the rest
    INSERT INTO dp.planned_delivery (nation, item_id, due, quantity)
        SELECT s.nation, s.item_id,
               (count_month + make_interval(months => m, days => 19))::date,
               round(s.base * (CASE WHEN s.pattern IN ('smooth', 'trending', 'seasonal') THEN 1.6 ELSE 8 END)
                     * (0.5 + dp.scale_uniform(s.i * 65536 + 40000 + m * 2 + 1, seed)))
          FROM scale_stock s, generate_series(0, 23) m
         WHERE dp.scale_uniform(s.i * 65536 + 40000 + m * 2, seed)
               < CASE WHEN s.pattern IN ('smooth', 'trending', 'seasonal') THEN 0.5 ELSE 0.08 END
         ORDER BY s.nation, s.item_id, m;

    -- requirements: a stockpile below its objective asks for the gap in two tranches
    INSERT INTO dp.requirement (nation, item_id, need_by, quantity, priority, weight)
        SELECT s.nation, s.item_id,
               (count_month + make_interval(months => 6 + 9 * t, days => 14))::date,
               round((s.target - s.on_hand) / 2),
               1 + (3 * dp.scale_uniform(s.i * 65536 + 50000 + t, seed))::integer % 3,
               CASE WHEN dp.scale_uniform(s.i * 65536 + 50002 + t, seed) < 0.8 THEN 1 ELSE 2 END
          FROM scale_stock s, generate_series(0, 1) t
         WHERE s.target > s.on_hand
         ORDER BY s.nation, s.item_id, t;

    -- production lines: two to five per class in member nations, sized against the class's
    -- requirements (some classes short of capacity), from 2022 to 2027
    CREATE TEMP TABLE scale_class ON COMMIT DROP AS
        SELECT ic.class_id, substr(ic.class_id, 3)::bigint AS k,
               2 + (4 * dp.scale_uniform(substr(ic.class_id, 3)::bigint * 65536 + 60300, seed))::integer % 4 AS lines,
               greatest(1, coalesce(q.total, 0) / 24) AS monthly
          FROM dp.interop_class ic
          LEFT JOIN (SELECT it.interop_class, sum(r.quantity * it.class_units_per_unit) AS total
                       FROM dp.requirement r JOIN dp.item it ON it.item_id = r.item_id
                      GROUP BY it.interop_class) q ON q.interop_class = ic.class_id;
    INSERT INTO dp.production_line (line_id, producer, country, interop_class, capacity, posture,
                                    crisis_factor, conflict_factor, surge_periods, surge_from)
        SELECT format('%s-L%s', c.class_id, l), format('synthetic producer %s', l),
               nations[1 + (dp.scale_uniform(c.k * 65536 + 60000 + l, seed) * array_length(nations, 1))::integer % array_length(nations, 1)],
               c.class_id,
               dp.capvec('month', '2022-01-01',
                         ARRAY(SELECT round(c.monthly * (0.4 + 0.8 * dp.scale_uniform(c.k * 65536 + 60100 + l, seed)) / c.lines
                                            * (0.6 + 0.4 * least(g, 48) / 48.0))
                                 FROM generate_series(0, 71) g)),
               (ARRAY['peacetime', 'peacetime', 'peacetime', 'crisis'])[1 + (4 * dp.scale_uniform(c.k * 65536 + 60200 + l, seed))::integer % 4]::dp.posture,
               1.5, 2.5, 6, '2025-07-01'
          FROM scale_class c, generate_series(1, c.lines) l;

    -- bills of materials for about half the classes: three components, one to three suppliers each
    INSERT INTO dp.bom (interop_class, component, qty_per)
        SELECT ic.class_id, format('%s component %s', ic.class_id, k), 1 + (k = 2)::integer * 9
          FROM dp.interop_class ic, generate_series(1, 3) k
         WHERE dp.scale_uniform(substr(ic.class_id, 3)::bigint * 65536 + 61000, seed) < 0.5;
    INSERT INTO dp.component_source (component, supplier, country, capacity)
        SELECT b.component, format('synthetic supplier %s', sup),
               nations[1 + (dp.scale_uniform(b.k * 65536 + 61100 + sup, seed) * array_length(nations, 1))::integer % array_length(nations, 1)],
               dp.capvec('month', '2022-01-01',
                         array_fill(round(b.qty_per * b.monthly * (0.5 + dp.scale_uniform(b.k * 65536 + 61200 + sup, seed))), ARRAY[72]))
          FROM (SELECT bm.component, bm.qty_per,
                       substr(bm.interop_class, 3)::bigint * 16 + substr(bm.component, length(bm.component))::bigint AS k,
                       greatest(1, (SELECT sum(pl.total) FROM (SELECT dp.total(p.capacity) / 72 AS total FROM dp.production_line p
                                                                WHERE p.interop_class = bm.interop_class) pl)) AS monthly
                  FROM dp.bom bm) b,
               generate_series(1, 3) sup
         WHERE sup = 1 OR dp.scale_uniform(b.k * 65536 + 61300 + sup, seed) < 0.5;

    RETURN format('generated %s stockpiles of %s items in %s classes held by %s nations, %s consumption rows over %s months, %s deliveries, %s requirements, %s production lines; run dp.refresh_outlook(true) to compute the outlook',
                  stockpiles, n_items, n_classes, (SELECT count(DISTINCT s.nation) FROM scale_stock s),
                  stockpiles::bigint * months, months,
                  (SELECT count(*) FROM dp.planned_delivery), (SELECT count(*) FROM dp.requirement),
                  (SELECT count(*) FROM dp.production_line));
END
$$;
COMMENT ON FUNCTION dp.generate_scale_data(integer, integer, integer) IS 'fills empty planning tables with a synthetic data set of the given number of stockpiles (8 nations per item, 40 classes, mostly intermittent and lumpy demand, a consumption row per stockpile and month over `months` months before 2025-07-01, deliveries, requirements, production lines, bills of materials), the same for the same arguments; fails with 55000 if the tables hold data';

-- ===========================================================================
-- scale-out: dp.distribute(), the reference schema on Citus
-- ===========================================================================
-- One call distributes the planning tables on a Citus cluster: the tables
-- with a nation column are distributed by it and colocated (a nation's rows
-- of every table on one node); the others, small, become reference tables
-- (a copy on every node).  Citus cannot convert tables that extension views
-- depend on while local tables refer to them by foreign key (it would
-- rebuild the tables and the views), so the foreign keys between the
-- planning tables are set aside on every node while the tables are
-- distributed and added again after, which makes Citus enforce them between
-- the shards.  dp.nation's triggers (shipped rows) run on the shards, which
-- Citus allows with citus.enable_unsafe_triggers.
CREATE FUNCTION dp.distribute(shard_count integer DEFAULT NULL) RETURNS SETOF text
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    tables text[];
    distributed text[];
    fk record;
    fks text[][] := '{}';
    t text;
    first text;
    failure text;
    trg name;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RAISE EXCEPTION 'dp.distribute needs the citus extension'
            USING ERRCODE = '55000',
                  HINT = 'Load citus on every node (shared_preload_libraries), CREATE EXTENSION citus, add the workers with citus_add_node, then call dp.distribute() on the coordinator.';
    END IF;
    IF shard_count IS NOT NULL AND shard_count < 1 THEN
        RAISE EXCEPTION 'shard_count must be at least 1, not %', shard_count USING ERRCODE = '22023';
    END IF;
    -- the extension's tables, and those of them with a nation column
    SELECT array_agg(c.oid::regclass::text ORDER BY c.relname),
           array_agg(c.oid::regclass::text ORDER BY c.relname) FILTER (
               WHERE EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'nation' AND NOT a.attisdropped))
      INTO tables, distributed
      FROM pg_class c
      JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
      JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'defence_production'
     WHERE c.relkind = 'r'
       -- the refresh's bookkeeping and the materialised results it writes stay
       -- on the coordinator, where dp.refresh_outlook runs and the views read them
       AND c.relname <> ALL ('{outlook_change,outlook_pending,outlook_pending_class,outlook_refresh,outlook_state,outlook,allocation,replenishment}');
    IF EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid::text = ANY (tables)) THEN
        RAISE EXCEPTION 'the planning tables are distributed already' USING ERRCODE = '55000';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_dist_node WHERE noderole = 'primary' AND groupid <> 0) THEN
        RAISE EXCEPTION 'no Citus worker is known' USING ERRCODE = '55000',
            HINT = 'Add the workers with citus_add_node first, then call dp.distribute().';
    END IF;

    -- set the foreign keys between the planning tables aside, here and on the workers
    FOR fk IN SELECT conrelid::regclass::text AS rel, conname, pg_get_constraintdef(oid) AS def
                FROM pg_constraint
               WHERE contype = 'f' AND conrelid::regclass::text = ANY (tables)
               ORDER BY 1, 2
    LOOP
        fks := fks || ARRAY[[fk.rel, fk.conname, fk.def]];
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.rel, fk.conname);
        SELECT string_agg(r.nodename || ':' || r.nodeport || ': ' || r.result, '; ') INTO failure
          FROM run_command_on_workers(format('ALTER TABLE %s DROP CONSTRAINT IF EXISTS %I', fk.rel, fk.conname)) r
         WHERE NOT r.success;
        IF failure IS NOT NULL THEN
            RAISE EXCEPTION 'could not set the foreign key % of % aside on a worker', fk.conname, fk.rel
                USING ERRCODE = '55000', DETAIL = failure;
        END IF;
    END LOOP;

    -- the outlook's change tracking goes: Citus runs no statement-level
    -- trigger with transition tables for a distributed table (on the
    -- coordinator it would never fire, on the shards it would see shard
    -- names); without it dp.refresh_outlook() refreshes everything
    FOREACH t IN ARRAY tables LOOP
        FOR trg IN SELECT g.tgname FROM pg_trigger g
                    WHERE g.tgrelid = t::regclass AND g.tgname LIKE 'outlook\_track\_%' ORDER BY 1 LOOP
            EXECUTE format('DROP TRIGGER %I ON %s', trg, t);
        END LOOP;
    END LOOP;
    RETURN NEXT 'change tracking off: dp.refresh_outlook() refreshes everything';

    PERFORM set_config('citus.enable_unsafe_triggers', 'on', true);
    -- foreign keys to reference tables want one connection per node in a transaction
    PERFORM set_config('citus.multi_shard_modify_mode', 'sequential', true);
    FOREACH t IN ARRAY tables LOOP
        CONTINUE WHEN t = ANY (distributed);
        PERFORM create_reference_table(t);
        RETURN NEXT 'reference table ' || t;
    END LOOP;
    FOREACH t IN ARRAY distributed LOOP
        IF first IS NULL THEN
            IF shard_count IS NULL THEN
                PERFORM create_distributed_table(t, 'nation');
            ELSE
                PERFORM create_distributed_table(t, 'nation', shard_count => shard_count);
            END IF;
            first := t;
        ELSE
            PERFORM create_distributed_table(t, 'nation', colocate_with => first);
        END IF;
        RETURN NEXT 'distributed by nation ' || t;
    END LOOP;

    FOR i IN 1 .. coalesce(array_length(fks, 1), 0) LOOP
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', fks[i][1], fks[i][2], fks[i][3]);
    END LOOP;
    RETURN NEXT 'foreign keys restored: ' || coalesce(array_length(fks, 1), 0);
END
$$;
COMMENT ON FUNCTION dp.distribute(integer) IS 'on a Citus coordinator with its workers added: makes the planning tables with a nation column distributed tables colocated by nation (shard_count shards, NULL: citus.shard_count) and the others reference tables, keeping their foreign keys; returns what it did';

-- ===========================================================================
-- the 0.1.0 role mappings, converted once every view exists
-- ===========================================================================
-- The 0.1.0 mappings (by role name) become memberships of the marker roles
-- (dp.map_role creates them with their grants, so every view they are
-- granted must exist by now); the grants 0.1.0 gave each mapped role go (the
-- marker role holds them).
DO $$
DECLARE
    m record;
BEGIN
    FOR m IN SELECT r.role, r.nation FROM dp.role_nation_0_1_0 r ORDER BY r.role LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles g WHERE g.rolname OPERATOR(pg_catalog.=) m.role) THEN
            RAISE WARNING 'role mapping of "%" to % dropped: the role does not exist', m.role, m.nation;
        ELSIF m.nation OPERATOR(pg_catalog.<>) '*' AND NOT EXISTS (SELECT 1 FROM dp.nation n WHERE n.code OPERATOR(pg_catalog.=) m.nation) THEN
            RAISE WARNING 'role mapping of "%" to % dropped: unknown nation', m.role, m.nation;
        ELSE
            EXECUTE pg_catalog.format('REVOKE SELECT ON dp.nation, dp.interop_class, dp.item, dp.production_line, dp.bom, dp.component_source FROM %I', m.role);
            EXECUTE pg_catalog.format('REVOKE SELECT, INSERT, UPDATE, DELETE ON dp.stockpile, dp.consumption, dp.planned_delivery, dp.requirement FROM %I', m.role);
            EXECUTE pg_catalog.format('REVOKE USAGE ON SCHEMA dp FROM %I', m.role);
            PERFORM dp.map_role(m.role, m.nation);
        END IF;
    END LOOP;
END
$$;
ALTER EXTENSION defence_production DROP TABLE dp.role_nation_0_1_0;
DROP TABLE dp.role_nation_0_1_0;

-- every materialised result is due
INSERT INTO dp.outlook_change (scope) VALUES ('all');
