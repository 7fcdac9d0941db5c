-- defence_production 0.1.0 -> 0.2.0: every SQL change since the 0.1.0 release,
-- applied by ALTER EXTENSION defence_production UPDATE.  A fresh 0.2.0 install
-- (defence_production--0.2.0.sql, generated from src/*.sql) and an updated
-- 0.1.0 install must end up with the same catalog.
\echo Use "ALTER EXTENSION defence_production UPDATE TO '0.2.0'" to load this file. \quit

-- ===========================================================================
-- forecast: new methods imapa, ets, theta, otm and dotm; new parameters gamma,
-- model and season_length; new forecast_fit columns (model, gamma, theta,
-- season_length, loglik, aicc).  dp.forecast, dp.forecast_fit and
-- dp.forecast_interval change signature, so they are dropped and created
-- again.  dp.stockpile_inputs (src/views.sql) depends on two of them: it is
-- first replaced by a body that does not call them and, once the new
-- functions exist, restored to its definition in src/views.sql.  Replacing
-- it in place (same signature and row type) keeps the views that read it,
-- dp.stockpile_outlook and dp.stockpile_projection, and the grants that
-- dp.map_role gave on them.
-- ===========================================================================
CREATE OR REPLACE FUNCTION dp.stockpile_inputs(horizon integer DEFAULT 24,
    OUT nation text, OUT item_id text, OUT as_of date, OUT on_hand float8, OUT target float8,
    OUT start_month date, OUT method text, OUT rmse float8,
    OUT demand dp.capvec, OUT demand_sd dp.capvec, OUT supply dp.capvec)
    RETURNS SETOF record
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT NULL::text, NULL::text, NULL::date, NULL::float8, NULL::float8, NULL::date, NULL::text,
           NULL::float8, NULL::dp.capvec, NULL::dp.capvec, NULL::dp.capvec
     WHERE false;
END;

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
    'one row per forecast period: period_start, forecast and the two-sided prediction interval at level (the model''s forecast variance; auto: the median of its parts'' bounds), lower clipped at 0';

CREATE OR REPLACE FUNCTION dp.stockpile_inputs(horizon integer DEFAULT 24,
    OUT nation text, OUT item_id text, OUT as_of date, OUT on_hand float8, OUT target float8,
    OUT start_month date, OUT method text, OUT rmse float8,
    OUT demand dp.capvec, OUT demand_sd dp.capvec, OUT supply dp.capvec)
    RETURNS SETOF record
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    WITH latest AS (
        SELECT DISTINCT ON (s.nation, s.item_id) s.nation, s.item_id, s.as_of, s.on_hand, s.target,
               pg_catalog.date_trunc('month', s.as_of)::date AS start_month
          FROM dp.stockpile s
         ORDER BY s.nation, s.item_id, s.as_of DESC
    ), hist AS (
        SELECT l.*,
               dp.pad(COALESCE(
                        (SELECT dp.capvec_agg(c.at, c.quantity, 'month') FROM dp.consumption c
                          WHERE c.nation = l.nation AND c.item_id = l.item_id
                            AND c.at >= (l.start_month - '24 mons'::interval) AND c.at < l.start_month),
                        dp.capvec('month', l.start_month, '{}')),
                      (l.start_month - '24 mons'::interval)::date, l.start_month) AS history,
               dp.pad(COALESCE(
                        (SELECT dp.capvec_agg(d.due, d.quantity, 'month') FROM dp.planned_delivery d
                          WHERE d.nation = l.nation AND d.item_id = l.item_id
                            AND d.due >= l.start_month AND d.due < (l.start_month + pg_catalog.make_interval(months => horizon))),
                        dp.capvec('month', l.start_month, '{}')),
                      l.start_month, (l.start_month + pg_catalog.make_interval(months => horizon))::date) AS supply
          FROM latest l
    )
    SELECT h.nation, h.item_id, h.as_of, h.on_hand, h.target, h.start_month, f.method, f.rmse,
           dp.clamp(dp.forecast(h.history, horizon, f.method, f.alpha, f.beta, f.phi), 0, 1.7976931348623157e308),
           dp.capvec('month', h.start_month, pg_catalog.array_fill(COALESCE(f.rmse, 0), ARRAY[horizon])),
           h.supply
      FROM hist h, dp.forecast_fit(h.history) f;
END;
