-- ===========================================================================
-- harmonize: sharing scarce capacity among claimants, level production
-- rates, capacity gaps and lot sizing.
-- ===========================================================================

-- ---- allocation ------------------------------------------------------------

CREATE FUNCTION dp.allocate(capacity dp.capvec, demands dp.capvec[], policy text DEFAULT 'fair',
                            weights float8[] DEFAULT NULL, priorities integer[] DEFAULT NULL,
                            carry_backlog boolean DEFAULT true,
                            OUT claimant integer, OUT period_start date, OUT requested float8,
                            OUT allocated float8, OUT backlog float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_allocate' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION dp.allocate(dp.capvec, dp.capvec[], text, float8[], integer[], boolean) IS 'shares each period''s capacity among the demands (claimant = 1-based position in demands) by policy fair (weighted max-min, water-filling), proportional (weight x request, capped, excess redistributed) or priority (lower value first, proportional within a tier); requested includes the carried backlog; capacity unused in a period is lost; one row per claimant and period, by period then claimant; NULL capacity, demands, policy or carry_backlog give no rows';

-- ---- sizing ------------------------------------------------------------------

CREATE FUNCTION dp.level_rate(demand dp.capvec, on_hand float8 DEFAULT 0, lead_periods integer DEFAULT 0,
                              final_stock float8 DEFAULT 0) RETURNS float8
    AS 'MODULE_PATHNAME', 'dp_level_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.level_rate(dp.capvec, float8, integer, float8) IS 'the smallest constant production rate per period, starting after lead_periods, that keeps stock non-negative at every period end and ends with at least final_stock: max(0, max over t > lead of (cumulative demand - on_hand [+ final_stock at the last period]) / (t - lead))';

CREATE FUNCTION dp.capacity_gap(demand dp.capvec, capacity dp.capvec, on_hand float8 DEFAULT 0) RETURNS float8
    AS 'MODULE_PATHNAME', 'dp_capacity_gap' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capacity_gap(dp.capvec, dp.capvec, float8) IS 'the smallest extra constant rate per period that, added to capacity over the span of both vectors, meets cumulative demand at every period end: max(0, max over t of (cumulative demand - cumulative capacity - on_hand) / t)';

CREATE FUNCTION dp.lot_sizing(demand dp.capvec, min_lot float8 DEFAULT 0, lot_multiple float8 DEFAULT 1,
                              on_hand float8 DEFAULT 0) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_lot_sizing' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.lot_sizing(dp.capvec, float8, float8, float8) IS 'planned order quantities period by period: when projected stock would fall below zero, order max(min_lot, the shortage rounded up to a multiple of lot_multiple)';
