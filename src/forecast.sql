-- ===========================================================================
-- forecast: consumption forecasting from a history vector (naive, mean,
-- moving average, SES, Holt, damped trend, Croston, SBA, TSB, ADIDA, IMAPA,
-- ETS, Theta, optimised Theta, automatic choice), fit metrics, prediction
-- intervals, demand classes.
-- ===========================================================================

-- Not STRICT: alpha, beta, phi, window_size, gamma, model and season_length
-- default to NULL ("estimate, choose or use the method's default"); a NULL
-- history, horizon or method gives NULL.  The newer parameters follow the
-- older ones so that positional calls keep their meaning.
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

CREATE FUNCTION dp.demand_class(history dp.capvec) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_demand_class' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.demand_class(dp.capvec) IS
    'Syntetos-Boylan demand class: smooth, erratic, intermittent or lumpy (ADI cut-off 1.32, CV^2 cut-off 0.49); NULL for a history without demand';
