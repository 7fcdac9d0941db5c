-- ===========================================================================
-- stockpile: stock projections, depletion and replenishment dates, days of
-- supply, analytic and simulated stock-out risk, safety stock.
--
-- on_hand is the stock at the start of the first period of the vectors'
-- aligned span; within a period supply and demand flow evenly over its days,
-- so at the end of day d of a D-day period the stock is
-- opening + (supplied - demanded) * d / D.
--
-- NULLs: the functions over vectors are not strict.  Their NULL result (or
-- no rows) means "not within the span", so a NULL argument is an error
-- (22004 "supply must not be NULL") instead of an answer that reads as
-- "never runs out"; only stock_projection's target may be NULL.
-- ===========================================================================

-- ---- deterministic projection ----------------------------------------------

CREATE FUNCTION dp.stock_projection(on_hand float8, supply dp.capvec, demand dp.capvec,
                                    target float8 DEFAULT NULL, backorder boolean DEFAULT true,
                                    OUT period_start date, OUT opening float8, OUT supplied float8,
                                    OUT demanded float8, OUT closing float8, OUT shortfall float8,
                                    OUT below_target boolean)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_stock_projection' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 24;
COMMENT ON FUNCTION dp.stock_projection(float8, dp.capvec, dp.capvec, float8, boolean) IS 'one row per period of the aligned span: opening, supplied, demanded, closing (opening + supplied - demanded), shortfall and closing < target; with backorder => false unmet demand is lost and closing never goes below 0; a NULL target gives a NULL below_target; any other NULL argument is an error (22004)';

CREATE FUNCTION dp.depletion_date(on_hand float8, supply dp.capvec, demand dp.capvec,
                                  threshold float8 DEFAULT 0)
    RETURNS date
    AS 'MODULE_PATHNAME', 'dp_depletion_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.depletion_date(float8, dp.capvec, dp.capvec, float8) IS 'the first day at whose end the stock is at or below threshold (flows even within each period); the first period''s start if on_hand already is; NULL if not within the span; a NULL argument is an error (22004)';

CREATE FUNCTION dp.replenish_date(on_hand float8, supply dp.capvec, demand dp.capvec,
                                  target float8, backorder boolean DEFAULT true)
    RETURNS date
    AS 'MODULE_PATHNAME', 'dp_replenish_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.replenish_date(float8, dp.capvec, dp.capvec, float8, boolean) IS 'the first day, after the stock first falls below target, at whose end it is back at or above target; the first period''s start if it never falls below; NULL if it does not recover within the span; a NULL argument is an error (22004)';

CREATE FUNCTION dp.days_of_supply(on_hand float8, demand dp.capvec)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'dp_days_of_supply' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.days_of_supply(float8, dp.capvec) IS 'fractional days from the demand''s start until demand alone uses on_hand up; past the vector''s end its mean daily demand continues; 0 when on_hand is 0, else NULL when total demand is 0; a NULL argument is an error (22004)';

-- ---- stock-out risk --------------------------------------------------------

CREATE FUNCTION dp.stockout_probability(on_hand float8, supply dp.capvec, demand_mean dp.capvec,
                                        demand_sd dp.capvec)
    RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_stockout_probability' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.stockout_probability(float8, dp.capvec, dp.capvec, dp.capvec) IS 'per period P(closing < 0) with independent normal demand per period (backorder convention): Phi(-E[closing] / sd[closing]), sd the root of the summed variances; 0 or 1 where the variance is 0; a NULL argument is an error (22004)';

CREATE FUNCTION dp.stockout_probability(on_hand float8, supply dp.capvec, demand_mean dp.capvec,
                                        demand_sd float8)
    RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_stockout_probability_scalar_sd' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.stockout_probability(float8, dp.capvec, dp.capvec, float8) IS 'dp.stockout_probability with one demand standard deviation for every period of demand_mean (0 in periods demand_mean does not cover); a NULL argument is an error (22004)';

CREATE FUNCTION dp.simulate_stock(on_hand float8, supply dp.capvec, demand_mean dp.capvec,
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

-- ---- safety stock ----------------------------------------------------------

CREATE FUNCTION dp.safety_stock(service_level float8, demand_sd float8, lead_time float8,
                                demand_mean float8 DEFAULT 0, lead_time_sd float8 DEFAULT 0)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'dp_safety_stock' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.safety_stock(float8, float8, float8, float8, float8) IS 'safety stock z * sqrt(lead_time * demand_sd^2 + demand_mean^2 * lead_time_sd^2), z = Phi^-1(service_level), demand per period and lead time in periods';

CREATE FUNCTION dp.reorder_point(service_level float8, demand_mean float8, demand_sd float8,
                                 lead_time float8, lead_time_sd float8 DEFAULT 0)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'dp_reorder_point' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.reorder_point(float8, float8, float8, float8, float8) IS 'reorder point demand_mean * lead_time + dp.safety_stock(service_level, demand_sd, lead_time, demand_mean, lead_time_sd)';
