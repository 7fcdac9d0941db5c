-- ===========================================================================
-- forecast: consumption forecasting from a history vector (naive, mean,
-- moving average, SES, Holt, damped trend, Croston, SBA, TSB, ADIDA,
-- automatic choice), fit metrics, prediction intervals, demand classes.
-- ===========================================================================

-- Not STRICT: alpha, beta, phi and window_size default to NULL ("choose or
-- use the method's default"); a NULL history, horizon or method gives NULL.
CREATE FUNCTION dp.forecast(history dp.capvec, horizon integer, method text DEFAULT 'auto',
                            alpha float8 DEFAULT NULL, beta float8 DEFAULT NULL,
                            phi float8 DEFAULT NULL, window_size integer DEFAULT NULL)
    RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_forecast' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.forecast(dp.capvec, integer, text, float8, float8, float8, integer) IS
    'forecast of horizon periods starting at dp.end_date(history) by method naive, mean, moving_average, ses, holt, damped, croston, sba, tsb, adida or auto (default); parameters left NULL are optimised or take their defaults';

CREATE FUNCTION dp.forecast_fit(history dp.capvec, method text DEFAULT 'auto',
                                alpha float8 DEFAULT NULL, beta float8 DEFAULT NULL,
                                phi float8 DEFAULT NULL, window_size integer DEFAULT NULL,
                                OUT method text, OUT alpha float8, OUT beta float8, OUT phi float8,
                                OUT mae float8, OUT rmse float8, OUT mase float8, OUT bias float8)
    RETURNS record
    AS 'MODULE_PATHNAME', 'dp_forecast_fit' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.forecast_fit(dp.capvec, text, float8, float8, float8, integer) IS
    'the method (auto resolved), its parameters and the in-sample one-step error statistics mae, rmse, mase and bias (mean of y - forecast); NULL where undefined';

CREATE FUNCTION dp.forecast_interval(history dp.capvec, horizon integer, method text DEFAULT 'auto',
                                     level float8 DEFAULT 0.9,
                                     alpha float8 DEFAULT NULL, beta float8 DEFAULT NULL,
                                     phi float8 DEFAULT NULL, window_size integer DEFAULT NULL,
                                     OUT period_start date, OUT forecast float8,
                                     OUT lower float8, OUT upper float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_forecast_interval' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 12;
COMMENT ON FUNCTION dp.forecast_interval(dp.capvec, integer, text, float8, float8, float8, float8, integer) IS
    'one row per forecast period: period_start, forecast and the two-sided prediction interval at level (sigma = in-sample RMSE, ETS variance multipliers), lower clipped at 0';

CREATE FUNCTION dp.demand_class(history dp.capvec) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_demand_class' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.demand_class(dp.capvec) IS
    'Syntetos-Boylan demand class: smooth, erratic, intermittent or lumpy (ADI cut-off 1.32, CV^2 cut-off 0.49); NULL for a history without demand';
