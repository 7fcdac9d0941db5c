-- ===========================================================================
-- chart: sparklines and SVG line charts of capacity vectors.
-- ===========================================================================

CREATE FUNCTION dp.sparkline(v dp.capvec) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_sparkline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.sparkline(dp.capvec) IS 'one block character (▁▂▃▄▅▆▇█) per period, scaled from the vector''s minimum to its maximum';

CREATE FUNCTION dp.svg_chart(series dp.capvec[], labels text[] DEFAULT NULL, title text DEFAULT NULL,
                             y_title text DEFAULT NULL, targets float8[] DEFAULT NULL,
                             negative_label text DEFAULT NULL) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_svg_chart' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION dp.svg_chart(dp.capvec[], text[], text, text, float8[], text) IS 'a standalone SVG line chart of the series (one period): value axis from 0 with thousands separators and a y_title, a heavier zero line, a band labelled negative_label below 0, a dashed target line per series (targets, NULL: none), each line labelled at its end, colour-blind-safe colours; at most 100 series over 10000 periods; NULL series gives NULL';
