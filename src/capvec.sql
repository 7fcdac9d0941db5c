-- ===========================================================================
-- capvec: the capacity vector type, its I/O, accessors, operators, reshaping
-- and aggregates.
-- ===========================================================================

-- ---- type ----------------------------------------------------------------

CREATE TYPE dp.capvec;

CREATE FUNCTION dp.capvec_in(cstring) RETURNS dp.capvec
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION dp.capvec_out(dp.capvec) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION dp.capvec_recv(internal) RETURNS dp.capvec
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION dp.capvec_send(dp.capvec) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE dp.capvec (
    INPUT = dp.capvec_in,
    OUTPUT = dp.capvec_out,
    RECEIVE = dp.capvec_recv,
    SEND = dp.capvec_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended,
    -- a string-category type: an untyped literal is read as a capacity vector
    -- where a function is overloaded on capvec and a number
    -- (dp.stockout_probability(1, 'month 2024-01-01 [1]', ..., 'month 2024-01-01 [2]'))
    CATEGORY = 'S'
);

COMMENT ON TYPE dp.capvec IS 'capacity vector: a calendar period (day, week, month, quarter, year), the start date of its first period and one finite float8 per period, e.g. ''month 2024-01-01 [100,120,150]''';
COMMENT ON FUNCTION dp.capvec_in(cstring) IS 'text input of dp.capvec';
COMMENT ON FUNCTION dp.capvec_out(dp.capvec) IS 'text output of dp.capvec (shortest round-trip values)';
COMMENT ON FUNCTION dp.capvec_recv(internal) IS 'binary input of dp.capvec';
COMMENT ON FUNCTION dp.capvec_send(dp.capvec) IS 'binary output of dp.capvec';

-- ---- constructor and casts -------------------------------------------------

CREATE FUNCTION dp.capvec(period text, start date, quantities float8[]) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_capvec' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec(text, date, float8[]) IS 'builds a capacity vector from a period name, the start of its first period and one quantity per period';

CREATE FUNCTION dp.capvec_to_float8_array(v dp.capvec) RETURNS float8[]
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_to_float8_array(dp.capvec) IS 'the quantities of a capacity vector as a float8 array (cast capvec to float8[])';
CREATE CAST (dp.capvec AS float8[]) WITH FUNCTION dp.capvec_to_float8_array(dp.capvec);
COMMENT ON CAST (dp.capvec AS float8[]) IS 'the quantities of a capacity vector, without period or start';

CREATE FUNCTION dp.capvec_to_jsonb(v dp.capvec) RETURNS jsonb
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_to_jsonb(dp.capvec) IS 'a capacity vector as {"period": ..., "start": ..., "values": [...]} (cast capvec to jsonb)';
CREATE CAST (dp.capvec AS jsonb) WITH FUNCTION dp.capvec_to_jsonb(dp.capvec);
COMMENT ON CAST (dp.capvec AS jsonb) IS 'a capacity vector as a jsonb object with keys period, start and values';

CREATE FUNCTION dp.capvec_from_jsonb(j jsonb) RETURNS dp.capvec
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_from_jsonb(jsonb) IS 'reads a capacity vector from {"period": ..., "start": ..., "values": [...]} (cast jsonb to capvec)';
CREATE CAST (jsonb AS dp.capvec) WITH FUNCTION dp.capvec_from_jsonb(jsonb);
COMMENT ON CAST (jsonb AS dp.capvec) IS 'reads a capacity vector from a jsonb object with keys period, start and values';

-- ---- accessors -------------------------------------------------------------

CREATE FUNCTION dp.period(v dp.capvec) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.period(dp.capvec) IS 'the period of a capacity vector: day, week, month, quarter or year';

CREATE FUNCTION dp.start_date(v dp.capvec) RETURNS date
    AS 'MODULE_PATHNAME', 'dp_start_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.start_date(dp.capvec) IS 'the first day of the first period';

CREATE FUNCTION dp.end_date(v dp.capvec) RETURNS date
    AS 'MODULE_PATHNAME', 'dp_end_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.end_date(dp.capvec) IS 'the first day after the last period (exclusive end)';

CREATE FUNCTION dp.last_date(v dp.capvec) RETURNS date
    AS 'MODULE_PATHNAME', 'dp_last_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.last_date(dp.capvec) IS 'the last day of the last period (inclusive end, at most 9999-12-31); NULL for an empty vector';

CREATE FUNCTION dp.length(v dp.capvec) RETURNS integer
    AS 'MODULE_PATHNAME', 'dp_length' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.length(dp.capvec) IS 'the number of periods';

CREATE FUNCTION dp.total(v dp.capvec) RETURNS float8
    AS 'MODULE_PATHNAME', 'dp_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.total(dp.capvec) IS 'the sum of all quantities';

CREATE FUNCTION dp.value_at(v dp.capvec, d date) RETURNS float8
    AS 'MODULE_PATHNAME', 'dp_value_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.value_at(dp.capvec, date) IS 'the quantity of the period containing the date; NULL outside the vector''s span';

CREATE FUNCTION dp.unnest(v dp.capvec, OUT period_start date, OUT period_end date, OUT quantity float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_unnest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 24;
COMMENT ON FUNCTION dp.unnest(dp.capvec) IS 'one row per period: period_start, period_end (exclusive) and quantity';

-- ---- arithmetic and comparison --------------------------------------------

CREATE FUNCTION dp.capvec_add(a dp.capvec, b dp.capvec) RETURNS dp.capvec
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_add(dp.capvec, dp.capvec) IS 'period-by-period sum over the aligned span (operator +)';
CREATE FUNCTION dp.capvec_sub(a dp.capvec, b dp.capvec) RETURNS dp.capvec
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_sub(dp.capvec, dp.capvec) IS 'period-by-period difference over the aligned span (operator -)';
CREATE FUNCTION dp.capvec_neg(v dp.capvec) RETURNS dp.capvec
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_neg(dp.capvec) IS 'negated quantities (unary operator -)';
CREATE FUNCTION dp.capvec_mul(v dp.capvec, factor float8) RETURNS dp.capvec
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_mul(dp.capvec, float8) IS 'quantities multiplied by a factor (operator *)';
CREATE FUNCTION dp.float8_mul_capvec(factor float8, v dp.capvec) RETURNS dp.capvec
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.float8_mul_capvec(float8, dp.capvec) IS 'quantities multiplied by a factor (operator *)';
CREATE FUNCTION dp.capvec_div(v dp.capvec, divisor float8) RETURNS dp.capvec
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_div(dp.capvec, float8) IS 'quantities divided by a number (operator /)';

CREATE FUNCTION dp.capvec_eq(a dp.capvec, b dp.capvec) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.capvec_eq(dp.capvec, dp.capvec) IS 'same period, same start and same quantities (operator =)';
CREATE FUNCTION dp.capvec_ne(a dp.capvec, b dp.capvec) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.capvec_ne(dp.capvec, dp.capvec) IS 'negation of = (operator <>)';
CREATE FUNCTION dp.capvec_lt(a dp.capvec, b dp.capvec) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.capvec_lt(dp.capvec, dp.capvec) IS 'sort order: period, start, length, then quantities (operator <)';
CREATE FUNCTION dp.capvec_le(a dp.capvec, b dp.capvec) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.capvec_le(dp.capvec, dp.capvec) IS 'sort order: period, start, length, then quantities (operator <=)';
CREATE FUNCTION dp.capvec_gt(a dp.capvec, b dp.capvec) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.capvec_gt(dp.capvec, dp.capvec) IS 'sort order: period, start, length, then quantities (operator >)';
CREATE FUNCTION dp.capvec_ge(a dp.capvec, b dp.capvec) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.capvec_ge(dp.capvec, dp.capvec) IS 'sort order: period, start, length, then quantities (operator >=)';
CREATE FUNCTION dp.capvec_cmp(a dp.capvec, b dp.capvec) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.capvec_cmp(dp.capvec, dp.capvec) IS 'btree comparison support for dp.capvec';
CREATE FUNCTION dp.capvec_hash(v dp.capvec) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.capvec_hash(dp.capvec) IS 'hash support for dp.capvec';

CREATE OPERATOR dp.+ (
    LEFTARG = dp.capvec, RIGHTARG = dp.capvec, FUNCTION = dp.capvec_add, COMMUTATOR = OPERATOR(dp.+)
);
COMMENT ON OPERATOR dp.+ (dp.capvec, dp.capvec) IS 'period-by-period sum over the aligned span';
CREATE OPERATOR dp.- (
    LEFTARG = dp.capvec, RIGHTARG = dp.capvec, FUNCTION = dp.capvec_sub
);
COMMENT ON OPERATOR dp.- (dp.capvec, dp.capvec) IS 'period-by-period difference over the aligned span';
CREATE OPERATOR dp.- (
    RIGHTARG = dp.capvec, FUNCTION = dp.capvec_neg
);
COMMENT ON OPERATOR dp.- (NONE, dp.capvec) IS 'negated quantities';
CREATE OPERATOR dp.* (
    LEFTARG = dp.capvec, RIGHTARG = float8, FUNCTION = dp.capvec_mul, COMMUTATOR = OPERATOR(dp.*)
);
COMMENT ON OPERATOR dp.* (dp.capvec, float8) IS 'quantities multiplied by a factor';
CREATE OPERATOR dp.* (
    LEFTARG = float8, RIGHTARG = dp.capvec, FUNCTION = dp.float8_mul_capvec, COMMUTATOR = OPERATOR(dp.*)
);
COMMENT ON OPERATOR dp.* (float8, dp.capvec) IS 'quantities multiplied by a factor';
CREATE OPERATOR dp./ (
    LEFTARG = dp.capvec, RIGHTARG = float8, FUNCTION = dp.capvec_div
);
COMMENT ON OPERATOR dp./ (dp.capvec, float8) IS 'quantities divided by a number';

CREATE OPERATOR dp.= (
    LEFTARG = dp.capvec, RIGHTARG = dp.capvec, FUNCTION = dp.capvec_eq,
    COMMUTATOR = OPERATOR(dp.=), NEGATOR = OPERATOR(dp.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
COMMENT ON OPERATOR dp.= (dp.capvec, dp.capvec) IS 'same period, same start and same quantities';
CREATE OPERATOR dp.<> (
    LEFTARG = dp.capvec, RIGHTARG = dp.capvec, FUNCTION = dp.capvec_ne,
    COMMUTATOR = OPERATOR(dp.<>), NEGATOR = OPERATOR(dp.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR dp.<> (dp.capvec, dp.capvec) IS 'not equal';
CREATE OPERATOR dp.< (
    LEFTARG = dp.capvec, RIGHTARG = dp.capvec, FUNCTION = dp.capvec_lt,
    COMMUTATOR = OPERATOR(dp.>), NEGATOR = OPERATOR(dp.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
COMMENT ON OPERATOR dp.< (dp.capvec, dp.capvec) IS 'sorts before (period, start, length, then quantities)';
CREATE OPERATOR dp.<= (
    LEFTARG = dp.capvec, RIGHTARG = dp.capvec, FUNCTION = dp.capvec_le,
    COMMUTATOR = OPERATOR(dp.>=), NEGATOR = OPERATOR(dp.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
COMMENT ON OPERATOR dp.<= (dp.capvec, dp.capvec) IS 'sorts before or equal';
CREATE OPERATOR dp.> (
    LEFTARG = dp.capvec, RIGHTARG = dp.capvec, FUNCTION = dp.capvec_gt,
    COMMUTATOR = OPERATOR(dp.<), NEGATOR = OPERATOR(dp.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
COMMENT ON OPERATOR dp.> (dp.capvec, dp.capvec) IS 'sorts after';
CREATE OPERATOR dp.>= (
    LEFTARG = dp.capvec, RIGHTARG = dp.capvec, FUNCTION = dp.capvec_ge,
    COMMUTATOR = OPERATOR(dp.<=), NEGATOR = OPERATOR(dp.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR dp.>= (dp.capvec, dp.capvec) IS 'sorts after or equal';

CREATE OPERATOR CLASS dp.capvec_ops DEFAULT FOR TYPE dp.capvec USING btree AS
    OPERATOR 1 dp.< ,
    OPERATOR 2 dp.<= ,
    OPERATOR 3 dp.= ,
    OPERATOR 4 dp.>= ,
    OPERATOR 5 dp.> ,
    FUNCTION 1 dp.capvec_cmp(dp.capvec, dp.capvec);
COMMENT ON OPERATOR CLASS dp.capvec_ops USING btree IS 'sorting and grouping of capacity vectors';
COMMENT ON OPERATOR FAMILY dp.capvec_ops USING btree IS 'sorting and grouping of capacity vectors';

CREATE OPERATOR CLASS dp.capvec_hash_ops DEFAULT FOR TYPE dp.capvec USING hash AS
    OPERATOR 1 dp.= ,
    FUNCTION 1 dp.capvec_hash(dp.capvec);
COMMENT ON OPERATOR CLASS dp.capvec_hash_ops USING hash IS 'hash joins and hash grouping of capacity vectors';
COMMENT ON OPERATOR FAMILY dp.capvec_hash_ops USING hash IS 'hash joins and hash grouping of capacity vectors';

CREATE FUNCTION dp.pointwise_min(a dp.capvec, b dp.capvec) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_pointwise_min' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.pointwise_min(dp.capvec, dp.capvec) IS 'period-by-period minimum over the aligned span (a missing period counts as 0)';
CREATE FUNCTION dp.pointwise_max(a dp.capvec, b dp.capvec) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_pointwise_max' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.pointwise_max(dp.capvec, dp.capvec) IS 'period-by-period maximum over the aligned span (a missing period counts as 0)';
CREATE FUNCTION dp.clamp(v dp.capvec, lo float8, hi float8) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_clamp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.clamp(dp.capvec, float8, float8) IS 'each quantity limited to [lo, hi]';

-- ---- reshaping -------------------------------------------------------------

CREATE FUNCTION dp.cumulative(v dp.capvec) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_cumulative' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.cumulative(dp.capvec) IS 'running totals';
CREATE FUNCTION dp.shift(v dp.capvec, n integer) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_shift' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.shift(dp.capvec, integer) IS 'the vector moved n periods later (negative: earlier), values unchanged: a lead time';
CREATE FUNCTION dp.slice(v dp.capvec, from_date date, to_date date) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_slice' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.slice(dp.capvec, date, date) IS 'the periods that start in [from_date, to_date); empty at the first boundary on or after from_date when none do';
CREATE FUNCTION dp.pad(v dp.capvec, from_date date, to_date date) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_pad' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.pad(dp.capvec, date, date) IS 'widened with zeros to cover the periods containing from_date up to the day before to_date; never shrinks';
CREATE FUNCTION dp.resample(v dp.capvec, period text) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_resample' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.resample(dp.capvec, text) IS 'converted to another period, each quantity spread evenly over its days: totals are kept';

-- ---- aggregates -------------------------------------------------------------

CREATE TYPE dp.capvec_state;

CREATE FUNCTION dp.capvec_state_in(cstring) RETURNS dp.capvec_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION dp.capvec_state_out(dp.capvec_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION dp.capvec_state_recv(internal) RETURNS dp.capvec_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION dp.capvec_state_send(dp.capvec_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE dp.capvec_state (
    INPUT = dp.capvec_state_in,
    OUTPUT = dp.capvec_state_out,
    RECEIVE = dp.capvec_state_recv,
    SEND = dp.capvec_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE dp.capvec_state IS 'partial state of dp.sum, dp.avg and dp.capvec_agg: a row count and a running sum vector, exact text form with the values as IEEE-754 bits in hex, e.g. ''2 month 2024-01-01 x[3ff,4]'' for [1,2]';
COMMENT ON FUNCTION dp.capvec_state_in(cstring) IS 'text input of dp.capvec_state: the exact form, or the decimal form ''2 month 2024-01-01 [1,2]''';
COMMENT ON FUNCTION dp.capvec_state_out(dp.capvec_state) IS 'text output of dp.capvec_state, exact whatever extra_float_digits says';
COMMENT ON FUNCTION dp.capvec_state_recv(internal) IS 'binary input of dp.capvec_state';
COMMENT ON FUNCTION dp.capvec_state_send(dp.capvec_state) IS 'binary output of dp.capvec_state';

CREATE FUNCTION dp.capvec_sum_trans(state dp.capvec_state, v dp.capvec) RETURNS dp.capvec_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_sum_trans(dp.capvec_state, dp.capvec) IS 'transition function of dp.sum and dp.avg';
CREATE FUNCTION dp.capvec_agg_trans(state dp.capvec_state, at date, quantity float8, period text) RETURNS dp.capvec_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_agg_trans(dp.capvec_state, date, float8, text) IS 'transition function of dp.capvec_agg';
CREATE FUNCTION dp.capvec_agg_trans(state dp.capvec_state, at timestamp, quantity float8, period text) RETURNS dp.capvec_state
    AS 'MODULE_PATHNAME', 'capvec_agg_trans_timestamp' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_agg_trans(dp.capvec_state, timestamp, float8, text) IS 'transition function of dp.capvec_agg over timestamps (the timestamp''s date)';
CREATE FUNCTION dp.capvec_agg_trans(state dp.capvec_state, at timestamptz, quantity float8, period text) RETURNS dp.capvec_state
    AS 'MODULE_PATHNAME', 'capvec_agg_trans_timestamptz' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_agg_trans(dp.capvec_state, timestamptz, float8, text) IS 'transition function of dp.capvec_agg over timestamptz (the date in the session''s time zone)';
CREATE FUNCTION dp.capvec_state_combine(a dp.capvec_state, b dp.capvec_state) RETURNS dp.capvec_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_state_combine(dp.capvec_state, dp.capvec_state) IS 'combine function of the capvec aggregates (merges two partial states)';
CREATE FUNCTION dp.capvec_state_sum_final(state dp.capvec_state) RETURNS dp.capvec
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_state_sum_final(dp.capvec_state) IS 'final function of dp.sum and dp.capvec_agg';
CREATE FUNCTION dp.capvec_state_avg_final(state dp.capvec_state) RETURNS dp.capvec
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_state_avg_final(dp.capvec_state) IS 'final function of dp.avg';

CREATE AGGREGATE dp.sum(dp.capvec) (
    SFUNC = dp.capvec_sum_trans,
    STYPE = dp.capvec_state,
    COMBINEFUNC = dp.capvec_state_combine,
    FINALFUNC = dp.capvec_state_sum_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE dp.sum(dp.capvec) IS 'period-by-period sum of capacity vectors over their aligned span';

CREATE AGGREGATE dp.avg(dp.capvec) (
    SFUNC = dp.capvec_sum_trans,
    STYPE = dp.capvec_state,
    COMBINEFUNC = dp.capvec_state_combine,
    FINALFUNC = dp.capvec_state_avg_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE dp.avg(dp.capvec) IS 'period-by-period mean of capacity vectors over their aligned span (divides by the number of non-NULL rows)';

CREATE AGGREGATE dp.capvec_agg(at date, quantity float8, period text) (
    SFUNC = dp.capvec_agg_trans,
    STYPE = dp.capvec_state,
    COMBINEFUNC = dp.capvec_state_combine,
    FINALFUNC = dp.capvec_state_sum_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE dp.capvec_agg(date, float8, text) IS 'buckets dated quantities into a vector of the given period, from the first to the last bucket, empty buckets 0; rows with a NULL are skipped';
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
