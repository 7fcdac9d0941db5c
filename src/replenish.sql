-- ===========================================================================
-- replenish: the replenishment plan (a multi-period linear programme
-- sharing one production capacity among claimants, solved exactly with
-- COIN-OR Clp), its summary, and the capacity factor needed to reach every
-- target by a date.
-- ===========================================================================

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
