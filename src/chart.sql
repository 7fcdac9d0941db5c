-- ===========================================================================
-- chart: sparklines and SVG line charts of capacity vectors.
-- ===========================================================================

CREATE FUNCTION dp.sparkline(v dp.capvec) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_sparkline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.sparkline(dp.capvec) IS 'one block character (▁▂▃▄▅▆▇█) per period, scaled from the vector''s minimum to its maximum';

CREATE FUNCTION dp.svg_chart(series dp.capvec[], labels text[] DEFAULT NULL, title text DEFAULT NULL) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_svg_chart' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION dp.svg_chart(dp.capvec[], text[], text) IS 'a standalone SVG line chart of the series (one period), with axes, dates and a legend; NULL labels or title are left out; NULL series gives NULL';
