-- ===========================================================================
-- capacity: constant and ramp-up profiles, posture surges, bill-of-materials
-- bottlenecks, the date a level is reached, supplier concentration (HHI).
-- ===========================================================================

-- ---- posture ---------------------------------------------------------------

CREATE TYPE dp.posture AS ENUM ('peacetime', 'crisis', 'conflict');
COMMENT ON TYPE dp.posture IS 'production posture of a plant or line, in rising order: peacetime, crisis, conflict (pair each with a dp.surge factor)';

-- ---- profiles ----------------------------------------------------------------

CREATE FUNCTION dp.constant(period text, start date, periods integer, rate float8) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_constant' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.constant(text, date, integer, float8) IS 'capacity vector of the given number of periods from start (a period boundary), each at rate (finite, not negative)';

CREATE FUNCTION dp.ramp(period text, start date, periods integer, from_rate float8, to_rate float8,
                        ramp_start date DEFAULT NULL, ramp_periods integer DEFAULT 12,
                        shape text DEFAULT 'linear') RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_ramp' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION dp.ramp(text, date, integer, float8, float8, date, integer, text) IS 'ramp-up profile: from_rate before the period containing ramp_start (NULL: the first period), reaching to_rate after ramp_periods periods; shape linear (k/R), scurve (rescaled logistic) or step (to_rate once reached); NULL if any other argument is NULL';

CREATE FUNCTION dp.surge(base dp.capvec, factor float8, from_date date, ramp_periods integer DEFAULT 0) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_surge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.surge(dp.capvec, float8, date, integer) IS 'capacity multiplied, from the period containing from_date, by a factor that ramps linearly from 1 to factor over ramp_periods periods (0: at once); factor 0 or more (below 1 a cut, 0 a stop)';

-- ---- bill of materials -------------------------------------------------------

CREATE FUNCTION dp.bottleneck(components dp.capvec[], qty_per float8[]) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_bottleneck' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.bottleneck(dp.capvec[], float8[]) IS 'assemblies the components allow, per period: min over i of components[i] / qty_per[i] over the aligned span (a missing period is 0 capacity)';

CREATE FUNCTION dp.binding_component(components dp.capvec[], qty_per float8[]) RETURNS integer[]
    AS 'MODULE_PATHNAME', 'dp_binding_component' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.binding_component(dp.capvec[], float8[]) IS 'per period of dp.bottleneck, the 1-based position of the component that binds (the lowest position on ties)';

CREATE FUNCTION dp.bom_capacity(components dp.capvec[], qty_per float8[], OUT capacity dp.capvec, OUT binding integer[])
    AS 'MODULE_PATHNAME', 'dp_bom_capacity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.bom_capacity(dp.capvec[], float8[]) IS 'dp.bottleneck and dp.binding_component from one pass: the assemblies the components allow per period (capacity) and the 1-based position of the binding component per period (binding)';

CREATE FUNCTION dp.date_reaching(v dp.capvec, level float8) RETURNS date
    AS 'MODULE_PATHNAME', 'dp_date_reaching' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.date_reaching(dp.capvec, float8) IS 'start of the first period whose quantity is at least level; NULL if none';

-- ---- supplier concentration --------------------------------------------------

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

CREATE AGGREGATE dp.hhi(quantity float8) (
    SFUNC = dp.hhi_state_trans,
    STYPE = dp.hhi_state,
    COMBINEFUNC = dp.hhi_state_combine,
    FINALFUNC = dp.hhi_state_final,
    INITCOND = '0 x0 x0 0',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE dp.hhi(float8) IS 'Herfindahl-Hirschman index of supplier quantities, 10000 * sum(q^2) / (sum q)^2 (0 to 10000); NULLs skipped, NULL for no rows or all zero, negative quantities rejected';
