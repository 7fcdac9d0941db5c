-- defence_production 0.1.0: generated from src/*.sql by make; do not edit.
\echo Use "CREATE EXTENSION defence_production" to load this file. \quit

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
    STORAGE = extended
);

COMMENT ON TYPE dp.capvec IS 'capacity vector: a calendar period (day, week, month, quarter, year), the start date of its first period and one finite float8 per period, e.g. ''month 2024-01-01 [100,120,150]''';
COMMENT ON FUNCTION dp.capvec_in(cstring) IS 'text input of dp.capvec';
COMMENT ON FUNCTION dp.capvec_out(dp.capvec) IS 'text output of dp.capvec (shortest round-trip values)';
COMMENT ON FUNCTION dp.capvec_recv(internal) IS 'binary input of dp.capvec';
COMMENT ON FUNCTION dp.capvec_send(dp.capvec) IS 'binary output of dp.capvec';

-- ---- constructor and casts -------------------------------------------------

CREATE FUNCTION dp.capvec(period text, start date, quantities float8[]) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'capvec_make' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
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
    AS 'MODULE_PATHNAME', 'capvec_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.period(dp.capvec) IS 'the period of a capacity vector: day, week, month, quarter or year';

CREATE FUNCTION dp.start_date(v dp.capvec) RETURNS date
    AS 'MODULE_PATHNAME', 'capvec_start_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.start_date(dp.capvec) IS 'the first day of the first period';

CREATE FUNCTION dp.end_date(v dp.capvec) RETURNS date
    AS 'MODULE_PATHNAME', 'capvec_end_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.end_date(dp.capvec) IS 'the first day after the last period (exclusive end)';

CREATE FUNCTION dp.length(v dp.capvec) RETURNS integer
    AS 'MODULE_PATHNAME', 'capvec_length' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.length(dp.capvec) IS 'the number of periods';

CREATE FUNCTION dp.total(v dp.capvec) RETURNS float8
    AS 'MODULE_PATHNAME', 'capvec_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.total(dp.capvec) IS 'the sum of all quantities';

CREATE FUNCTION dp.value_at(v dp.capvec, d date) RETURNS float8
    AS 'MODULE_PATHNAME', 'capvec_value_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.value_at(dp.capvec, date) IS 'the quantity of the period containing the date; NULL outside the vector''s span';

CREATE FUNCTION dp.unnest(v dp.capvec, OUT period_start date, OUT period_end date, OUT quantity float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'capvec_unnest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 24;
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
    AS 'MODULE_PATHNAME', 'capvec_pointwise_min' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.pointwise_min(dp.capvec, dp.capvec) IS 'period-by-period minimum over the aligned span (a missing period counts as 0)';
CREATE FUNCTION dp.pointwise_max(a dp.capvec, b dp.capvec) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'capvec_pointwise_max' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.pointwise_max(dp.capvec, dp.capvec) IS 'period-by-period maximum over the aligned span (a missing period counts as 0)';
CREATE FUNCTION dp.clamp(v dp.capvec, lo float8, hi float8) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'capvec_clamp_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.clamp(dp.capvec, float8, float8) IS 'each quantity limited to [lo, hi]';

-- ---- reshaping -------------------------------------------------------------

CREATE FUNCTION dp.cumulative(v dp.capvec) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'capvec_cumulative' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.cumulative(dp.capvec) IS 'running totals';
CREATE FUNCTION dp.shift(v dp.capvec, n integer) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'capvec_shift' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.shift(dp.capvec, integer) IS 'the vector moved n periods later (negative: earlier), values unchanged: a lead time';
CREATE FUNCTION dp.slice(v dp.capvec, from_date date, to_date date) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'capvec_slice' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.slice(dp.capvec, date, date) IS 'the periods that start in [from_date, to_date); empty at the first boundary on or after from_date when none do';
CREATE FUNCTION dp.pad(v dp.capvec, from_date date, to_date date) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'capvec_pad' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.pad(dp.capvec, date, date) IS 'widened with zeros to cover the periods containing from_date up to the day before to_date; never shrinks';
CREATE FUNCTION dp.resample(v dp.capvec, period text) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'capvec_resample_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
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
COMMENT ON TYPE dp.capvec_state IS 'partial state of dp.sum, dp.avg and dp.capvec_agg: a row count and a running sum vector, e.g. ''2 month 2024-01-01 [1,2]''';
COMMENT ON FUNCTION dp.capvec_state_in(cstring) IS 'text input of dp.capvec_state';
COMMENT ON FUNCTION dp.capvec_state_out(dp.capvec_state) IS 'text output of dp.capvec_state';
COMMENT ON FUNCTION dp.capvec_state_recv(internal) IS 'binary input of dp.capvec_state';
COMMENT ON FUNCTION dp.capvec_state_send(dp.capvec_state) IS 'binary output of dp.capvec_state';

CREATE FUNCTION dp.capvec_sum_trans(state dp.capvec_state, v dp.capvec) RETURNS dp.capvec_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_sum_trans(dp.capvec_state, dp.capvec) IS 'transition function of dp.sum and dp.avg';
CREATE FUNCTION dp.capvec_agg_trans(state dp.capvec_state, at date, quantity float8, period text) RETURNS dp.capvec_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION dp.capvec_agg_trans(dp.capvec_state, date, float8, text) IS 'transition function of dp.capvec_agg';
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

-- ===========================================================================
-- nsn: NATO Stock Numbers (NNNN-NN-NNN-NNNN), with btree and hash support.
-- ===========================================================================

CREATE TYPE dp.nsn;

CREATE FUNCTION dp.nsn_in(cstring) RETURNS dp.nsn
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION dp.nsn_out(dp.nsn) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION dp.nsn_recv(internal) RETURNS dp.nsn
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION dp.nsn_send(dp.nsn) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE dp.nsn (
    INPUT = dp.nsn_in,
    OUTPUT = dp.nsn_out,
    RECEIVE = dp.nsn_recv,
    SEND = dp.nsn_send,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE dp.nsn IS 'NATO Stock Number: 13 digits written NNNN-NN-NNN-NNNN (supply class, NCB code, serial); input also without dashes';
COMMENT ON FUNCTION dp.nsn_in(cstring) IS 'text input of dp.nsn';
COMMENT ON FUNCTION dp.nsn_out(dp.nsn) IS 'text output of dp.nsn (NNNN-NN-NNN-NNNN)';
COMMENT ON FUNCTION dp.nsn_recv(internal) IS 'binary input of dp.nsn';
COMMENT ON FUNCTION dp.nsn_send(dp.nsn) IS 'binary output of dp.nsn';

CREATE FUNCTION dp.fsg(n dp.nsn) RETURNS integer
    AS 'MODULE_PATHNAME', 'nsn_fsg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.fsg(dp.nsn) IS 'the Federal/NATO supply group: the first two digits (13 = ammunition and explosives)';
CREATE FUNCTION dp.nsc(n dp.nsn) RETURNS integer
    AS 'MODULE_PATHNAME', 'nsn_nsc' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.nsc(dp.nsn) IS 'the NATO supply class: the first four digits (1320 = ammunition over 125 mm)';
CREATE FUNCTION dp.ncb_code(n dp.nsn) RETURNS text
    AS 'MODULE_PATHNAME', 'nsn_ncb_code' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.ncb_code(dp.nsn) IS 'the two-digit code of the National Codification Bureau that assigned the number';
CREATE FUNCTION dp.niin(n dp.nsn) RETURNS text
    AS 'MODULE_PATHNAME', 'nsn_niin_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.niin(dp.nsn) IS 'the National Item Identification Number: the last nine digits';

-- comparison reuses the int8 support functions (an nsn is stored as its 13-digit number)
CREATE FUNCTION dp.nsn_eq(dp.nsn, dp.nsn) RETURNS boolean
    AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.nsn_eq(dp.nsn, dp.nsn) IS 'equal (operator =)';
CREATE FUNCTION dp.nsn_ne(dp.nsn, dp.nsn) RETURNS boolean
    AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.nsn_ne(dp.nsn, dp.nsn) IS 'not equal (operator <>)';
CREATE FUNCTION dp.nsn_lt(dp.nsn, dp.nsn) RETURNS boolean
    AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.nsn_lt(dp.nsn, dp.nsn) IS 'sorts before (operator <)';
CREATE FUNCTION dp.nsn_le(dp.nsn, dp.nsn) RETURNS boolean
    AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.nsn_le(dp.nsn, dp.nsn) IS 'sorts before or equal (operator <=)';
CREATE FUNCTION dp.nsn_gt(dp.nsn, dp.nsn) RETURNS boolean
    AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.nsn_gt(dp.nsn, dp.nsn) IS 'sorts after (operator >)';
CREATE FUNCTION dp.nsn_ge(dp.nsn, dp.nsn) RETURNS boolean
    AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.nsn_ge(dp.nsn, dp.nsn) IS 'sorts after or equal (operator >=)';
CREATE FUNCTION dp.nsn_cmp(dp.nsn, dp.nsn) RETURNS integer
    AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.nsn_cmp(dp.nsn, dp.nsn) IS 'btree comparison support for dp.nsn';
CREATE FUNCTION dp.nsn_sortsupport(internal) RETURNS void
    AS 'btint8sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.nsn_sortsupport(internal) IS 'btree sort support for dp.nsn';
CREATE FUNCTION dp.nsn_hash(dp.nsn) RETURNS integer
    AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.nsn_hash(dp.nsn) IS 'hash support for dp.nsn';
CREATE FUNCTION dp.nsn_hash_extended(dp.nsn, bigint) RETURNS bigint
    AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.nsn_hash_extended(dp.nsn, bigint) IS 'extended hash support for dp.nsn';

CREATE OPERATOR dp.= (
    LEFTARG = dp.nsn, RIGHTARG = dp.nsn, FUNCTION = dp.nsn_eq,
    COMMUTATOR = OPERATOR(dp.=), NEGATOR = OPERATOR(dp.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
COMMENT ON OPERATOR dp.= (dp.nsn, dp.nsn) IS 'same NATO Stock Number';
CREATE OPERATOR dp.<> (
    LEFTARG = dp.nsn, RIGHTARG = dp.nsn, FUNCTION = dp.nsn_ne,
    COMMUTATOR = OPERATOR(dp.<>), NEGATOR = OPERATOR(dp.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR dp.<> (dp.nsn, dp.nsn) IS 'different NATO Stock Numbers';
CREATE OPERATOR dp.< (
    LEFTARG = dp.nsn, RIGHTARG = dp.nsn, FUNCTION = dp.nsn_lt,
    COMMUTATOR = OPERATOR(dp.>), NEGATOR = OPERATOR(dp.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
COMMENT ON OPERATOR dp.< (dp.nsn, dp.nsn) IS 'numerically before';
CREATE OPERATOR dp.<= (
    LEFTARG = dp.nsn, RIGHTARG = dp.nsn, FUNCTION = dp.nsn_le,
    COMMUTATOR = OPERATOR(dp.>=), NEGATOR = OPERATOR(dp.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
COMMENT ON OPERATOR dp.<= (dp.nsn, dp.nsn) IS 'numerically before or equal';
CREATE OPERATOR dp.> (
    LEFTARG = dp.nsn, RIGHTARG = dp.nsn, FUNCTION = dp.nsn_gt,
    COMMUTATOR = OPERATOR(dp.<), NEGATOR = OPERATOR(dp.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
COMMENT ON OPERATOR dp.> (dp.nsn, dp.nsn) IS 'numerically after';
CREATE OPERATOR dp.>= (
    LEFTARG = dp.nsn, RIGHTARG = dp.nsn, FUNCTION = dp.nsn_ge,
    COMMUTATOR = OPERATOR(dp.<=), NEGATOR = OPERATOR(dp.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR dp.>= (dp.nsn, dp.nsn) IS 'numerically after or equal';

CREATE OPERATOR CLASS dp.nsn_ops DEFAULT FOR TYPE dp.nsn USING btree AS
    OPERATOR 1 dp.< ,
    OPERATOR 2 dp.<= ,
    OPERATOR 3 dp.= ,
    OPERATOR 4 dp.>= ,
    OPERATOR 5 dp.> ,
    FUNCTION 1 dp.nsn_cmp(dp.nsn, dp.nsn),
    FUNCTION 2 dp.nsn_sortsupport(internal);
COMMENT ON OPERATOR CLASS dp.nsn_ops USING btree IS 'ordering of NATO Stock Numbers (primary keys, sorting, merge joins)';
COMMENT ON OPERATOR FAMILY dp.nsn_ops USING btree IS 'ordering of NATO Stock Numbers';

CREATE OPERATOR CLASS dp.nsn_hash_ops DEFAULT FOR TYPE dp.nsn USING hash AS
    OPERATOR 1 dp.= ,
    FUNCTION 1 dp.nsn_hash(dp.nsn),
    FUNCTION 2 dp.nsn_hash_extended(dp.nsn, bigint);
COMMENT ON OPERATOR CLASS dp.nsn_hash_ops USING hash IS 'hashing of NATO Stock Numbers (hash joins, GROUP BY)';
COMMENT ON OPERATOR FAMILY dp.nsn_hash_ops USING hash IS 'hashing of NATO Stock Numbers';

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

CREATE FUNCTION dp.date_reaching(v dp.capvec, level float8) RETURNS date
    AS 'MODULE_PATHNAME', 'dp_date_reaching' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.date_reaching(dp.capvec, float8) IS 'start of the first period whose quantity is at least level; NULL if none';

-- ---- supplier concentration --------------------------------------------------

CREATE FUNCTION dp.hhi_trans(state float8[], quantity float8) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'dp_hhi_trans' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.hhi_trans(float8[], float8) IS 'transition function of dp.hhi: adds a quantity to the state {count, sum, sum of squares, exponent} (sums scaled by powers of two)';
CREATE FUNCTION dp.hhi_combine(a float8[], b float8[]) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'dp_hhi_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.hhi_combine(float8[], float8[]) IS 'combine function of dp.hhi (merges two partial states)';
CREATE FUNCTION dp.hhi_final(state float8[]) RETURNS float8
    AS 'MODULE_PATHNAME', 'dp_hhi_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.hhi_final(float8[]) IS 'final function of dp.hhi: 10000 * sum(q^2) / (sum q)^2, NULL when no quantity is positive';

CREATE AGGREGATE dp.hhi(quantity float8) (
    SFUNC = dp.hhi_trans,
    STYPE = float8[],
    COMBINEFUNC = dp.hhi_combine,
    FINALFUNC = dp.hhi_final,
    INITCOND = '{0,0,0,0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE dp.hhi(float8) IS 'Herfindahl-Hirschman index of supplier quantities, 10000 * sum(q^2) / (sum q)^2 (0 to 10000); NULLs skipped, NULL for no rows or all zero, negative quantities rejected';

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

-- ===========================================================================
-- stockpile: stock projections, depletion and replenishment dates, days of
-- supply, analytic and simulated stock-out risk, safety stock.
--
-- on_hand is the stock at the start of the first period of the vectors'
-- aligned span; within a period supply and demand flow evenly over its days,
-- so at the end of day d of a D-day period the stock is
-- opening + (supplied - demanded) * d / D.
-- ===========================================================================

-- ---- deterministic projection ----------------------------------------------

CREATE FUNCTION dp.stock_projection(on_hand float8, supply dp.capvec, demand dp.capvec,
                                    target float8 DEFAULT NULL, backorder boolean DEFAULT true,
                                    OUT period_start date, OUT opening float8, OUT supplied float8,
                                    OUT demanded float8, OUT closing float8, OUT shortfall float8,
                                    OUT below_target boolean)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_stock_projection' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 24;
COMMENT ON FUNCTION dp.stock_projection(float8, dp.capvec, dp.capvec, float8, boolean) IS 'one row per period of the aligned span: opening, supplied, demanded, closing (opening + supplied - demanded), shortfall and closing < target; with backorder => false unmet demand is lost and closing never goes below 0; a NULL on_hand, vector or backorder gives no rows, a NULL target a NULL below_target';

CREATE FUNCTION dp.depletion_date(on_hand float8, supply dp.capvec, demand dp.capvec,
                                  threshold float8 DEFAULT 0)
    RETURNS date
    AS 'MODULE_PATHNAME', 'dp_depletion_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.depletion_date(float8, dp.capvec, dp.capvec, float8) IS 'the first day at whose end the stock is at or below threshold (flows even within each period); the first period''s start if on_hand already is; NULL if not within the span';

CREATE FUNCTION dp.replenish_date(on_hand float8, supply dp.capvec, demand dp.capvec,
                                  target float8, backorder boolean DEFAULT true)
    RETURNS date
    AS 'MODULE_PATHNAME', 'dp_replenish_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.replenish_date(float8, dp.capvec, dp.capvec, float8, boolean) IS 'the first day, after the stock first falls below target, at whose end it is back at or above target; the first period''s start if it never falls below; NULL if it does not recover within the span';

CREATE FUNCTION dp.days_of_supply(on_hand float8, demand dp.capvec)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'dp_days_of_supply' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.days_of_supply(float8, dp.capvec) IS 'fractional days from the demand''s start until demand alone uses on_hand up; past the vector''s end its mean daily demand continues; 0 when on_hand is 0, else NULL when total demand is 0';

-- ---- stock-out risk --------------------------------------------------------

CREATE FUNCTION dp.stockout_probability(on_hand float8, supply dp.capvec, demand_mean dp.capvec,
                                        demand_sd dp.capvec)
    RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_stockout_probability' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.stockout_probability(float8, dp.capvec, dp.capvec, dp.capvec) IS 'per period P(closing < 0) with independent normal demand per period (backorder convention): Phi(-E[closing] / sd[closing]), sd the root of the summed variances; 0 or 1 where the variance is 0';

CREATE FUNCTION dp.simulate_stock(on_hand float8, supply dp.capvec, demand_mean dp.capvec,
                                  demand_sd dp.capvec, trials integer DEFAULT 10000,
                                  seed bigint DEFAULT 1, distribution text DEFAULT 'normal',
                                  backorder boolean DEFAULT true,
                                  OUT period_start date, OUT p05 float8, OUT p50 float8,
                                  OUT p95 float8, OUT p_stockout float8, OUT p_stockout_by float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_simulate_stock' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    COST 10000 ROWS 24;
COMMENT ON FUNCTION dp.simulate_stock(float8, dp.capvec, dp.capvec, dp.capvec, integer, bigint, text, boolean) IS 'Monte Carlo of the closing stock per period (demand normal clipped at 0, or gamma matched to mean and sd; PostgreSQL pg_prng seeded by seed): 5%, 50% and 95% quantiles (R type 7), the share of trials with a stock-out in the period and in any period up to it; 1 to 10000000 trials';

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

-- ===========================================================================
-- chart: sparklines and SVG line charts of capacity vectors.
-- ===========================================================================

CREATE FUNCTION dp.sparkline(v dp.capvec) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_sparkline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.sparkline(dp.capvec) IS 'one block character (▁▂▃▄▅▆▇█) per period, scaled from the vector''s minimum to its maximum';

CREATE FUNCTION dp.svg_chart(series dp.capvec[], labels text[] DEFAULT NULL, title text DEFAULT NULL) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_svg_chart' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION dp.svg_chart(dp.capvec[], text[], text) IS 'a standalone SVG line chart of the series (one period), with axes, dates and a legend; NULL labels or title are left out; NULL series gives NULL';

-- ===========================================================================
-- schema: the reference data model (nations, interoperability classes,
-- items, stockpiles, consumption, deliveries, requirements, production
-- lines, bills of materials, component sources), nation-scoped row-level
-- security and the role mapping.
-- ===========================================================================

-- ---- settings ---------------------------------------------------------------

CREATE FUNCTION dp.min_contributors() RETURNS integer
    AS 'MODULE_PATHNAME', 'dp_min_contributors' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.min_contributors() IS 'the k of the pooled views: setting dp.min_contributors (default 3, changeable by superusers only)';

-- ---- reference tables -------------------------------------------------------

CREATE TABLE dp.nation (
    code text PRIMARY KEY CONSTRAINT nation_code_iso_alpha3 CHECK (code ~ '^[A-Z]{3}$'),
    name text NOT NULL,
    nato_member boolean NOT NULL DEFAULT false,
    accession date,
    ncb_codes text[] NOT NULL DEFAULT '{}'
        CONSTRAINT nation_ncb_codes_two_digits CHECK (pg_catalog.array_to_string(ncb_codes, ',') ~ '^([0-9]{2}(,[0-9]{2})*)?$'),
    builtin boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE dp.nation IS 'nations: the 32 NATO members (shipped with the extension) and any others users add';
COMMENT ON COLUMN dp.nation.code IS 'ISO 3166-1 alpha-3 code, e.g. DEU';
COMMENT ON COLUMN dp.nation.name IS 'English short name';
COMMENT ON COLUMN dp.nation.nato_member IS 'true for NATO members';
COMMENT ON COLUMN dp.nation.accession IS 'date the nation joined NATO';
COMMENT ON COLUMN dp.nation.ncb_codes IS 'two-digit codes of its National Codification Bureau, as used in NSNs (USA 00-09)';
COMMENT ON COLUMN dp.nation.builtin IS 'true for rows the extension ships (not dumped by pg_dump; the extension recreates them)';

CREATE TABLE dp.interop_class (
    class_id text PRIMARY KEY,
    description text NOT NULL,
    unit text NOT NULL DEFAULT 'round'
);
COMMENT ON TABLE dp.interop_class IS 'interoperability classes: items Allies can use interchangeably, pooled in one unit (e.g. 155mm NATO rounds)';
COMMENT ON COLUMN dp.interop_class.class_id IS 'class identifier, e.g. 155mm';
COMMENT ON COLUMN dp.interop_class.description IS 'what the class covers';
COMMENT ON COLUMN dp.interop_class.unit IS 'unit in which the class is pooled, e.g. round, missile';

CREATE TABLE dp.item (
    item_id text PRIMARY KEY,
    nsn dp.nsn UNIQUE,
    name text NOT NULL,
    interop_class text NOT NULL REFERENCES dp.interop_class (class_id),
    class_units_per_unit float8 NOT NULL DEFAULT 1
        CONSTRAINT item_class_units_positive CHECK (class_units_per_unit > 0 AND class_units_per_unit < 'Infinity')
);
COMMENT ON TABLE dp.item IS 'items of supply, each in one interoperability class';
COMMENT ON COLUMN dp.item.item_id IS 'item identifier';
COMMENT ON COLUMN dp.item.nsn IS 'NATO Stock Number';
COMMENT ON COLUMN dp.item.name IS 'item name';
COMMENT ON COLUMN dp.item.interop_class IS 'the interoperability class the item belongs to';
COMMENT ON COLUMN dp.item.class_units_per_unit IS 'class units in one item unit (e.g. rounds per pallet), for pooling';

-- ---- nation data (row-level security) ---------------------------------------

CREATE TABLE dp.stockpile (
    nation text NOT NULL REFERENCES dp.nation (code),
    item_id text NOT NULL REFERENCES dp.item (item_id),
    as_of date NOT NULL,
    on_hand float8 NOT NULL CONSTRAINT stockpile_on_hand_not_negative CHECK (on_hand >= 0 AND on_hand < 'Infinity'),
    target float8 CONSTRAINT stockpile_target_not_negative CHECK (target >= 0 AND target < 'Infinity'),
    PRIMARY KEY (nation, item_id, as_of)
);
COMMENT ON TABLE dp.stockpile IS 'stock on hand per nation and item as of a date (the latest row counts)';
COMMENT ON COLUMN dp.stockpile.nation IS 'owning nation';
COMMENT ON COLUMN dp.stockpile.item_id IS 'item';
COMMENT ON COLUMN dp.stockpile.as_of IS 'date the stock was counted';
COMMENT ON COLUMN dp.stockpile.on_hand IS 'quantity on hand, in item units';
COMMENT ON COLUMN dp.stockpile.target IS 'stock objective, in item units';

CREATE TABLE dp.consumption (
    nation text NOT NULL REFERENCES dp.nation (code),
    item_id text NOT NULL REFERENCES dp.item (item_id),
    at date NOT NULL,
    quantity float8 NOT NULL CONSTRAINT consumption_quantity_not_negative CHECK (quantity >= 0 AND quantity < 'Infinity'),
    PRIMARY KEY (nation, item_id, at)
);
COMMENT ON TABLE dp.consumption IS 'consumption history: quantity used, expended or donated per nation, item and date';
COMMENT ON COLUMN dp.consumption.nation IS 'consuming nation';
COMMENT ON COLUMN dp.consumption.item_id IS 'item';
COMMENT ON COLUMN dp.consumption.at IS 'date of the consumption';
COMMENT ON COLUMN dp.consumption.quantity IS 'quantity consumed, in item units';

CREATE TABLE dp.planned_delivery (
    delivery_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    nation text NOT NULL REFERENCES dp.nation (code),
    item_id text NOT NULL REFERENCES dp.item (item_id),
    due date NOT NULL,
    quantity float8 NOT NULL CONSTRAINT planned_delivery_quantity_not_negative CHECK (quantity >= 0 AND quantity < 'Infinity')
);
COMMENT ON TABLE dp.planned_delivery IS 'deliveries industry is due to make to a nation';
COMMENT ON COLUMN dp.planned_delivery.delivery_id IS 'delivery identifier';
COMMENT ON SEQUENCE dp.planned_delivery_delivery_id_seq IS 'identity of dp.planned_delivery';
COMMENT ON COLUMN dp.planned_delivery.nation IS 'receiving nation';
COMMENT ON COLUMN dp.planned_delivery.item_id IS 'item';
COMMENT ON COLUMN dp.planned_delivery.due IS 'due date';
COMMENT ON COLUMN dp.planned_delivery.quantity IS 'quantity due, in item units';

CREATE TABLE dp.requirement (
    requirement_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    nation text NOT NULL REFERENCES dp.nation (code),
    item_id text NOT NULL REFERENCES dp.item (item_id),
    need_by date NOT NULL,
    quantity float8 NOT NULL CONSTRAINT requirement_quantity_not_negative CHECK (quantity >= 0 AND quantity < 'Infinity'),
    priority integer NOT NULL DEFAULT 1,
    weight float8 NOT NULL DEFAULT 1 CONSTRAINT requirement_weight_positive CHECK (weight > 0 AND weight < 'Infinity')
);
COMMENT ON TABLE dp.requirement IS 'what each nation wants to procure, by date';
COMMENT ON COLUMN dp.requirement.requirement_id IS 'requirement identifier';
COMMENT ON SEQUENCE dp.requirement_requirement_id_seq IS 'identity of dp.requirement';
COMMENT ON COLUMN dp.requirement.nation IS 'requiring nation';
COMMENT ON COLUMN dp.requirement.item_id IS 'item';
COMMENT ON COLUMN dp.requirement.need_by IS 'date the quantity is needed by';
COMMENT ON COLUMN dp.requirement.quantity IS 'quantity required, in item units';
COMMENT ON COLUMN dp.requirement.priority IS 'priority (lower is served first by the priority policy)';
COMMENT ON COLUMN dp.requirement.weight IS 'weight in fair and proportional allocation';

-- ---- industrial base --------------------------------------------------------

CREATE TABLE dp.production_line (
    line_id text PRIMARY KEY,
    producer text NOT NULL,
    country text NOT NULL REFERENCES dp.nation (code),
    interop_class text NOT NULL REFERENCES dp.interop_class (class_id),
    capacity dp.capvec NOT NULL CONSTRAINT production_line_capacity_monthly CHECK (dp.period(capacity) = 'month'),
    posture dp.posture NOT NULL DEFAULT 'peacetime',
    crisis_factor float8 NOT NULL DEFAULT 1.5 CONSTRAINT production_line_crisis_factor CHECK (crisis_factor >= 1 AND crisis_factor < 'Infinity'),
    conflict_factor float8 NOT NULL DEFAULT 2.5 CONSTRAINT production_line_conflict_factor CHECK (conflict_factor >= 1 AND conflict_factor < 'Infinity'),
    surge_periods integer NOT NULL DEFAULT 6 CONSTRAINT production_line_surge_periods CHECK (surge_periods >= 0),
    surge_from date
);
COMMENT ON TABLE dp.production_line IS 'production lines: monthly peacetime capacity in class units and how far it can surge';
COMMENT ON COLUMN dp.production_line.line_id IS 'line identifier';
COMMENT ON COLUMN dp.production_line.producer IS 'producing company';
COMMENT ON COLUMN dp.production_line.country IS 'country of the plant';
COMMENT ON COLUMN dp.production_line.interop_class IS 'interoperability class produced';
COMMENT ON COLUMN dp.production_line.capacity IS 'peacetime capacity per month, in class units (a monthly capvec)';
COMMENT ON COLUMN dp.production_line.posture IS 'the posture the line currently works at';
COMMENT ON COLUMN dp.production_line.crisis_factor IS 'capacity multiplier reached in a crisis posture';
COMMENT ON COLUMN dp.production_line.conflict_factor IS 'capacity multiplier reached in a conflict posture';
COMMENT ON COLUMN dp.production_line.surge_periods IS 'months a surge takes to reach its factor';
COMMENT ON COLUMN dp.production_line.surge_from IS 'month a surge would start (NULL: the start of the capacity vector)';

CREATE TABLE dp.bom (
    interop_class text NOT NULL REFERENCES dp.interop_class (class_id),
    component text NOT NULL,
    qty_per float8 NOT NULL CONSTRAINT bom_qty_per_positive CHECK (qty_per > 0 AND qty_per < 'Infinity'),
    PRIMARY KEY (interop_class, component)
);
COMMENT ON TABLE dp.bom IS 'bill of materials: components needed per class unit';
COMMENT ON COLUMN dp.bom.interop_class IS 'interoperability class assembled';
COMMENT ON COLUMN dp.bom.component IS 'component, e.g. shell body, fuze, propellant charge';
COMMENT ON COLUMN dp.bom.qty_per IS 'component units per class unit';

CREATE TABLE dp.component_source (
    component text NOT NULL,
    supplier text NOT NULL,
    country text NOT NULL REFERENCES dp.nation (code),
    capacity dp.capvec NOT NULL CONSTRAINT component_source_capacity_monthly CHECK (dp.period(capacity) = 'month'),
    PRIMARY KEY (component, supplier)
);
COMMENT ON TABLE dp.component_source IS 'who supplies each component, from where, at what monthly capacity';
COMMENT ON COLUMN dp.component_source.component IS 'component';
COMMENT ON COLUMN dp.component_source.supplier IS 'supplying company';
COMMENT ON COLUMN dp.component_source.country IS 'country of the supplying plant';
COMMENT ON COLUMN dp.component_source.capacity IS 'capacity per month, in component units (a monthly capvec)';

-- ---- role mapping and row-level security ------------------------------------

CREATE TABLE dp.role_nation (
    role name PRIMARY KEY,
    nation text NOT NULL CONSTRAINT role_nation_known CHECK (nation = '*' OR nation ~ '^[A-Z]{3}$')
);
COMMENT ON TABLE dp.role_nation IS 'which database role acts for which nation (* for Board-level access to all); maintained by dp.map_role and dp.unmap_role';
COMMENT ON COLUMN dp.role_nation.role IS 'database role';
COMMENT ON COLUMN dp.role_nation.nation IS 'nation code, or * for all nations';

-- the nations the current role acts for, through any role it is a member of;
-- superusers and roles that bypass row-level security see all ('*')
CREATE FUNCTION dp.session_nations() RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
                              WHERE r.rolname = CURRENT_USER AND (r.rolsuper OR r.rolbypassrls))
                THEN ARRAY['*']
                ELSE (SELECT COALESCE(pg_catalog.array_agg(DISTINCT m.nation), '{}')
                        FROM dp.role_nation m
                        JOIN pg_catalog.pg_roles r ON r.rolname = m.role
                       WHERE pg_catalog.pg_has_role(CURRENT_USER, r.oid, 'MEMBER')) END;
END;
COMMENT ON FUNCTION dp.session_nations() IS 'the nations the current role may see (* means all): from dp.role_nation and role membership; all for superusers and BYPASSRLS roles';

-- may the current role see a nation's rows?
CREATE FUNCTION dp.sees_nation(nation text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT nation OPERATOR(pg_catalog.=) ANY (dp.session_nations()) OR '*' OPERATOR(pg_catalog.=) ANY (dp.session_nations());
END;
COMMENT ON FUNCTION dp.sees_nation(text) IS 'true if the current role is mapped to this nation or to * (Board level)';

ALTER TABLE dp.role_nation ENABLE ROW LEVEL SECURITY;
ALTER TABLE dp.role_nation FORCE ROW LEVEL SECURITY;
CREATE POLICY own_mapping ON dp.role_nation FOR SELECT
    USING (pg_catalog.pg_has_role(CURRENT_USER, (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = role), 'MEMBER'));
COMMENT ON POLICY own_mapping ON dp.role_nation IS 'a role sees only the mappings of roles it belongs to';

ALTER TABLE dp.stockpile ENABLE ROW LEVEL SECURITY;
ALTER TABLE dp.stockpile FORCE ROW LEVEL SECURITY;
CREATE POLICY nation_rows ON dp.stockpile
    USING ((SELECT dp.session_nations()) && ARRAY['*', nation])
    WITH CHECK ((SELECT dp.session_nations()) && ARRAY['*', nation]);
COMMENT ON POLICY nation_rows ON dp.stockpile IS 'a role sees and changes only the rows of the nations it is mapped to (all with *)';
ALTER TABLE dp.consumption ENABLE ROW LEVEL SECURITY;
ALTER TABLE dp.consumption FORCE ROW LEVEL SECURITY;
CREATE POLICY nation_rows ON dp.consumption
    USING ((SELECT dp.session_nations()) && ARRAY['*', nation])
    WITH CHECK ((SELECT dp.session_nations()) && ARRAY['*', nation]);
COMMENT ON POLICY nation_rows ON dp.consumption IS 'a role sees and changes only the rows of the nations it is mapped to (all with *)';
ALTER TABLE dp.planned_delivery ENABLE ROW LEVEL SECURITY;
ALTER TABLE dp.planned_delivery FORCE ROW LEVEL SECURITY;
CREATE POLICY nation_rows ON dp.planned_delivery
    USING ((SELECT dp.session_nations()) && ARRAY['*', nation])
    WITH CHECK ((SELECT dp.session_nations()) && ARRAY['*', nation]);
COMMENT ON POLICY nation_rows ON dp.planned_delivery IS 'a role sees and changes only the rows of the nations it is mapped to (all with *)';
ALTER TABLE dp.requirement ENABLE ROW LEVEL SECURITY;
ALTER TABLE dp.requirement FORCE ROW LEVEL SECURITY;
CREATE POLICY nation_rows ON dp.requirement
    USING ((SELECT dp.session_nations()) && ARRAY['*', nation])
    WITH CHECK ((SELECT dp.session_nations()) && ARRAY['*', nation]);
COMMENT ON POLICY nation_rows ON dp.requirement IS 'a role sees and changes only the rows of the nations it is mapped to (all with *)';

-- ---- NSN lookups that need the nation table ---------------------------------

CREATE FUNCTION dp.codification_country(n dp.nsn) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT c.code FROM dp.nation c
     WHERE dp.ncb_code(n) OPERATOR(pg_catalog.=) ANY (c.ncb_codes)
     ORDER BY c.nato_member DESC, c.code
     LIMIT 1;
END;
COMMENT ON FUNCTION dp.codification_country(dp.nsn) IS 'ISO alpha-3 code of the nation whose codification bureau assigned the NSN (from dp.nation.ncb_codes); NULL if unknown';

-- ---- mapping roles to nations ---------------------------------------------------

-- Raise 42501 unless the caller is a superuser or the extension's owner.
CREATE FUNCTION dp.require_admin() RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = current_user AND r.rolsuper)
       AND NOT EXISTS (SELECT 1 FROM pg_extension e WHERE e.extname = 'defence_production'
                          AND pg_has_role(current_user, e.extowner, 'MEMBER')) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'only a superuser or the owner of extension defence_production may map roles to nations';
    END IF;
END
$$;
COMMENT ON FUNCTION dp.require_admin() IS 'raises 42501 unless the current role is a superuser or owns the extension';

CREATE FUNCTION dp.map_role(role name, nation text) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM dp.require_admin();
    IF NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = role) THEN
        RAISE EXCEPTION USING ERRCODE = 'undefined_object', MESSAGE = format('role "%s" does not exist', role);
    END IF;
    IF nation IS DISTINCT FROM '*' AND NOT EXISTS (SELECT 1 FROM dp.nation n WHERE n.code = nation) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown nation "%s"', nation),
            HINT = 'Use a code from dp.nation, or * for Board-level access to all nations.';
    END IF;
    INSERT INTO dp.role_nation AS m (role, nation) VALUES (role, nation)
        ON CONFLICT ON CONSTRAINT role_nation_pkey DO UPDATE SET nation = excluded.nation;
    EXECUTE format('GRANT USAGE ON SCHEMA dp TO %I', role);
    EXECUTE format('GRANT SELECT ON dp.nation, dp.interop_class, dp.item, dp.production_line, dp.bom, dp.component_source, dp.role_nation TO %I', role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON dp.stockpile, dp.consumption, dp.planned_delivery, dp.requirement TO %I', role);
    EXECUTE format('GRANT SELECT ON dp.stockpile_outlook, dp.stockpile_projection, dp.harmonized_demand, dp.allocation_plan, dp.capacity_outlook, dp.capacity_gap, dp.supply_risk TO %I', role);
END
$$;
COMMENT ON FUNCTION dp.map_role(name, text) IS 'lets a role act for a nation (* for Board-level access): records the mapping and grants what the role needs; superuser or extension owner only';

CREATE FUNCTION dp.unmap_role(role name) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM dp.require_admin();
    DELETE FROM dp.role_nation m WHERE m.role = unmap_role.role;
    IF EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = role) THEN
        EXECUTE format('REVOKE ALL ON dp.nation, dp.interop_class, dp.item, dp.production_line, dp.bom, dp.component_source, dp.role_nation, dp.stockpile, dp.consumption, dp.planned_delivery, dp.requirement FROM %I', role);
        EXECUTE format('REVOKE ALL ON dp.stockpile_outlook, dp.stockpile_projection, dp.harmonized_demand, dp.allocation_plan, dp.capacity_outlook, dp.capacity_gap, dp.supply_risk FROM %I', role);
        EXECUTE format('REVOKE USAGE ON SCHEMA dp FROM %I', role);
    END IF;
END
$$;
COMMENT ON FUNCTION dp.unmap_role(name) IS 'undoes dp.map_role: removes the mapping and revokes the grants; superuser or extension owner only';

REVOKE EXECUTE ON FUNCTION dp.map_role(name, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION dp.unmap_role(name) FROM PUBLIC;

-- ---- the nations the extension ships ---------------------------------------

INSERT INTO dp.nation (code, name, nato_member, accession, ncb_codes, builtin) VALUES
    ('BEL', 'Belgium', true, '1949-04-04', '{13}', true),
    ('CAN', 'Canada', true, '1949-04-04', '{20,21}', true),
    ('DNK', 'Denmark', true, '1949-04-04', '{22}', true),
    ('FRA', 'France', true, '1949-04-04', '{14}', true),
    ('ISL', 'Iceland', true, '1949-04-04', '{24}', true),
    ('ITA', 'Italy', true, '1949-04-04', '{15}', true),
    ('LUX', 'Luxembourg', true, '1949-04-04', '{28}', true),
    ('NLD', 'Netherlands', true, '1949-04-04', '{17}', true),
    ('NOR', 'Norway', true, '1949-04-04', '{25}', true),
    ('PRT', 'Portugal', true, '1949-04-04', '{26}', true),
    ('GBR', 'United Kingdom', true, '1949-04-04', '{99}', true),
    ('USA', 'United States', true, '1949-04-04', '{00,01,02,03,04,05,06,07,08,09}', true),
    ('GRC', 'Greece', true, '1952-02-18', '{23}', true),
    ('TUR', 'Türkiye', true, '1952-02-18', '{27}', true),
    ('DEU', 'Germany', true, '1955-05-06', '{12}', true),
    ('ESP', 'Spain', true, '1982-05-30', '{33}', true),
    ('CZE', 'Czechia', true, '1999-03-12', '{16}', true),
    ('HUN', 'Hungary', true, '1999-03-12', '{51}', true),
    ('POL', 'Poland', true, '1999-03-12', '{43}', true),
    ('BGR', 'Bulgaria', true, '2004-03-29', '{50}', true),
    ('EST', 'Estonia', true, '2004-03-29', '{38}', true),
    ('LVA', 'Latvia', true, '2004-03-29', '{55}', true),
    ('LTU', 'Lithuania', true, '2004-03-29', '{47}', true),
    ('ROU', 'Romania', true, '2004-03-29', '{39}', true),
    ('SVK', 'Slovakia', true, '2004-03-29', '{40}', true),
    ('SVN', 'Slovenia', true, '2004-03-29', '{42}', true),
    ('ALB', 'Albania', true, '2009-04-01', '{59}', true),
    ('HRV', 'Croatia', true, '2009-04-01', '{53}', true),
    ('MNE', 'Montenegro', true, '2017-06-05', '{}', true),
    ('MKD', 'North Macedonia', true, '2020-03-27', '{54}', true),
    ('FIN', 'Finland', true, '2023-04-04', '{58}', true),
    ('SWE', 'Sweden', true, '2024-03-07', '{}', true),
    ('AUS', 'Australia', false, NULL, '{66}', true),
    ('NZL', 'New Zealand', false, NULL, '{98}', true),
    ('JPN', 'Japan', false, NULL, '{30}', true),
    ('KOR', 'Republic of Korea', false, NULL, '{37}', true),
    ('UKR', 'Ukraine', false, NULL, '{}', true),
    ('CHE', 'Switzerland', false, NULL, '{}', true);

-- user data is dumped by pg_dump; the shipped nations are recreated by CREATE EXTENSION
SELECT pg_catalog.pg_extension_config_dump('dp.nation', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('dp.interop_class', '');
SELECT pg_catalog.pg_extension_config_dump('dp.item', '');
SELECT pg_catalog.pg_extension_config_dump('dp.stockpile', '');
SELECT pg_catalog.pg_extension_config_dump('dp.consumption', '');
SELECT pg_catalog.pg_extension_config_dump('dp.planned_delivery', '');
SELECT pg_catalog.pg_extension_config_dump('dp.planned_delivery_delivery_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dp.requirement', '');
SELECT pg_catalog.pg_extension_config_dump('dp.requirement_requirement_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dp.production_line', '');
SELECT pg_catalog.pg_extension_config_dump('dp.bom', '');
SELECT pg_catalog.pg_extension_config_dump('dp.component_source', '');
SELECT pg_catalog.pg_extension_config_dump('dp.role_nation', '');

-- ===========================================================================
-- views: what BI tools read.  Plain SQL types only (date, float8, int, text,
-- bool); every column commented.  Per-nation views run with the invoker's
-- rights (row-level security applies); pooled views see every nation's rows
-- but show a figure only when at least dp.min_contributors() nations
-- contribute, and allocation_plan shows a role only its own nations.
-- ===========================================================================

-- ---- helpers ------------------------------------------------------------------

-- Monthly capacity of a production line at a posture (surges ramp from surge_from).
CREATE FUNCTION dp.line_capacity(capacity dp.capvec, posture dp.posture, crisis_factor float8,
                                 conflict_factor float8, surge_periods integer, surge_from date)
    RETURNS dp.capvec
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE posture
             WHEN 'crisis' THEN dp.surge(capacity, crisis_factor, COALESCE(surge_from, dp.start_date(capacity)), surge_periods)
             WHEN 'conflict' THEN dp.surge(capacity, conflict_factor, COALESCE(surge_from, dp.start_date(capacity)), surge_periods)
             ELSE capacity
           END;
END;
COMMENT ON FUNCTION dp.line_capacity(dp.capvec, dp.posture, float8, float8, integer, date) IS 'a production line''s monthly capacity at a posture: peacetime as is, crisis and conflict surged by their factors';

-- The inputs of the stockpile views, one row per nation and item (latest
-- stock count): the 24 months of history before the month of the count, the
-- forecast chosen automatically from it, deliveries, and the horizon.
CREATE FUNCTION dp.stockpile_inputs(horizon integer DEFAULT 24,
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
COMMENT ON FUNCTION dp.stockpile_inputs(integer) IS 'per nation and item (latest count): history-based automatic consumption forecast, its error, and planned deliveries over the horizon; used by the stockpile views';

-- ---- stockpile_outlook ----------------------------------------------------------

CREATE VIEW dp.stockpile_outlook WITH (security_invoker = true) AS
SELECT i.nation,
       i.item_id,
       it.name AS item_name,
       it.interop_class,
       i.as_of,
       i.on_hand,
       i.target,
       i.method AS forecast_method,
       dp.total(i.demand) / dp.length(i.demand) AS monthly_consumption,
       dp.total(i.supply) / dp.length(i.supply) AS monthly_deliveries,
       dp.depletion_date(i.on_hand, i.supply, i.demand) AS depletion_date,
       CASE WHEN i.target IS NOT NULL THEN dp.replenish_date(i.on_hand, i.supply, i.demand, i.target) END AS replenish_date,
       dp.days_of_supply(i.on_hand, i.demand) AS days_of_supply,
       (SELECT s.p_stockout_by
          FROM dp.simulate_stock(i.on_hand, i.supply, i.demand, i.demand_sd, trials => 2000, seed => 1) s
         ORDER BY s.period_start OFFSET 5 LIMIT 1) AS stockout_risk_6m,
       dp.sparkline(dp.cumulative(i.supply - i.demand + dp.capvec('month', i.start_month, ARRAY[i.on_hand]))) AS projected_stock
  FROM dp.stockpile_inputs() i
  JOIN dp.item it ON it.item_id = i.item_id;
COMMENT ON VIEW dp.stockpile_outlook IS 'per nation and item: stock, automatic consumption forecast, depletion and replenishment dates, days of supply and stock-out risk over the next 24 months (row-level security applies)';
COMMENT ON COLUMN dp.stockpile_outlook.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.stockpile_outlook.item_id IS 'item';
COMMENT ON COLUMN dp.stockpile_outlook.item_name IS 'item name';
COMMENT ON COLUMN dp.stockpile_outlook.interop_class IS 'interoperability class of the item';
COMMENT ON COLUMN dp.stockpile_outlook.as_of IS 'date of the latest stock count';
COMMENT ON COLUMN dp.stockpile_outlook.on_hand IS 'quantity on hand at the count, taken as the stock at the start of its month';
COMMENT ON COLUMN dp.stockpile_outlook.target IS 'stock objective';
COMMENT ON COLUMN dp.stockpile_outlook.forecast_method IS 'forecasting method chosen automatically from the last 24 months of consumption';
COMMENT ON COLUMN dp.stockpile_outlook.monthly_consumption IS 'mean forecast consumption per month over the next 24 months';
COMMENT ON COLUMN dp.stockpile_outlook.monthly_deliveries IS 'mean planned deliveries per month over the next 24 months';
COMMENT ON COLUMN dp.stockpile_outlook.depletion_date IS 'first day the projected stock is at or below zero (NULL: not within 24 months)';
COMMENT ON COLUMN dp.stockpile_outlook.replenish_date IS 'first day, after falling below target, the stock is back at target (NULL: not within 24 months or no target)';
COMMENT ON COLUMN dp.stockpile_outlook.days_of_supply IS 'days the stock on hand lasts at forecast consumption, without deliveries';
COMMENT ON COLUMN dp.stockpile_outlook.stockout_risk_6m IS 'probability of a stock-out within 6 months (Monte Carlo, 2000 trials, normal demand with the forecast''s in-sample error)';
COMMENT ON COLUMN dp.stockpile_outlook.projected_stock IS 'sparkline of the projected month-end stock over 24 months';

-- ---- stockpile_projection -------------------------------------------------------

CREATE VIEW dp.stockpile_projection WITH (security_invoker = true) AS
SELECT i.nation,
       i.item_id,
       p.period_start,
       (p.period_start + '1 mon'::interval)::date AS period_end,
       p.opening,
       p.supplied,
       p.demanded,
       p.closing,
       p.shortfall,
       p.below_target
  FROM dp.stockpile_inputs() i,
       dp.stock_projection(i.on_hand, i.supply, i.demand, i.target) p;
COMMENT ON VIEW dp.stockpile_projection IS 'projected monthly stock per nation and item over the next 24 months, long form for charting (row-level security applies)';
COMMENT ON COLUMN dp.stockpile_projection.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.stockpile_projection.item_id IS 'item';
COMMENT ON COLUMN dp.stockpile_projection.period_start IS 'first day of the month';
COMMENT ON COLUMN dp.stockpile_projection.period_end IS 'first day of the next month (exclusive end)';
COMMENT ON COLUMN dp.stockpile_projection.opening IS 'stock at the start of the month';
COMMENT ON COLUMN dp.stockpile_projection.supplied IS 'planned deliveries in the month';
COMMENT ON COLUMN dp.stockpile_projection.demanded IS 'forecast consumption in the month';
COMMENT ON COLUMN dp.stockpile_projection.closing IS 'stock at the end of the month (negative: owed)';
COMMENT ON COLUMN dp.stockpile_projection.shortfall IS 'quantity owed at the end of the month';
COMMENT ON COLUMN dp.stockpile_projection.below_target IS 'closing stock below the stock objective (NULL without one)';

-- ---- pooled demand and capacity per class and month ----------------------------

-- Requirements per class, month and nation, in class units.  Internal: it
-- shows single nations' figures, so it is granted to no one; the pooled views
-- below read it with their owner's rights and publish only pooled figures.
CREATE VIEW dp.requirement_by_class AS
SELECT i.interop_class,
       pg_catalog.date_trunc('month', r.need_by)::date AS period_start,
       r.nation,
       pg_catalog.sum(r.quantity * i.class_units_per_unit) AS quantity,
       pg_catalog.sum(r.quantity * i.class_units_per_unit * r.weight)
         / NULLIF(pg_catalog.sum(r.quantity * i.class_units_per_unit), 0) AS weight
  FROM dp.requirement r
  JOIN dp.item i ON i.item_id = r.item_id
 GROUP BY 1, 2, 3;
COMMENT ON VIEW dp.requirement_by_class IS 'internal (granted to no role): requirements in class units per interoperability class, month and nation, read by the pooled views';
COMMENT ON COLUMN dp.requirement_by_class.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.requirement_by_class.period_start IS 'month the requirements are due';
COMMENT ON COLUMN dp.requirement_by_class.nation IS 'requiring nation';
COMMENT ON COLUMN dp.requirement_by_class.quantity IS 'quantity due, in class units';
COMMENT ON COLUMN dp.requirement_by_class.weight IS 'quantity-weighted mean of the requirements'' weights';

-- Monthly industrial capacity per class at each line's current posture.
CREATE FUNCTION dp.class_capacity(OUT interop_class text, OUT capacity dp.capvec)
    RETURNS SETOF record
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT p.interop_class,
           dp.sum(dp.line_capacity(p.capacity, p.posture, p.crisis_factor, p.conflict_factor, p.surge_periods, p.surge_from))
      FROM dp.production_line p
     GROUP BY p.interop_class;
END;
COMMENT ON FUNCTION dp.class_capacity() IS 'monthly capacity per interoperability class: the sum of its production lines at their current postures';

CREATE VIEW dp.harmonized_demand WITH (security_barrier = true) AS
WITH pooled AS (
    SELECT r.interop_class, r.period_start, pg_catalog.sum(r.quantity) AS demand,
           pg_catalog.count(DISTINCT r.nation)::integer AS contributors
      FROM dp.requirement_by_class r
     GROUP BY 1, 2
), cap AS (
    SELECT c.interop_class, u.period_start, u.quantity
      FROM dp.class_capacity() c, dp.unnest(c.capacity) u
)
SELECT COALESCE(p.interop_class, c.interop_class) AS interop_class,
       COALESCE(p.period_start, c.period_start) AS period_start,
       (COALESCE(p.period_start, c.period_start) + '1 mon'::interval)::date AS period_end,
       ic.unit,
       CASE WHEN COALESCE(p.contributors, 0) = 0 THEN 0
            WHEN p.contributors >= dp.min_contributors() THEN p.demand END AS demand,
       COALESCE(p.contributors, 0) AS contributors,
       COALESCE(c.quantity, 0) AS capacity,
       CASE WHEN COALESCE(p.contributors, 0) = 0 THEN 0
            WHEN p.contributors >= dp.min_contributors() THEN GREATEST(p.demand - COALESCE(c.quantity, 0), 0) END AS shortfall
  FROM pooled p
  FULL JOIN cap c ON c.interop_class = p.interop_class AND c.period_start = p.period_start
  JOIN dp.interop_class ic ON ic.class_id = COALESCE(p.interop_class, c.interop_class);
COMMENT ON VIEW dp.harmonized_demand IS 'pooled requirements of all nations per interoperability class and month against industrial capacity; demand and shortfall are NULL when fewer than dp.min_contributors nations contribute';
COMMENT ON COLUMN dp.harmonized_demand.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.harmonized_demand.period_start IS 'first day of the month';
COMMENT ON COLUMN dp.harmonized_demand.period_end IS 'first day of the next month (exclusive end)';
COMMENT ON COLUMN dp.harmonized_demand.unit IS 'class unit of demand and capacity';
COMMENT ON COLUMN dp.harmonized_demand.demand IS 'pooled requirements due in the month, in class units (NULL if fewer than dp.min_contributors nations contribute)';
COMMENT ON COLUMN dp.harmonized_demand.contributors IS 'number of nations with requirements due in the month';
COMMENT ON COLUMN dp.harmonized_demand.capacity IS 'industrial capacity in the month at current postures, in class units';
COMMENT ON COLUMN dp.harmonized_demand.shortfall IS 'demand not covered by the month''s capacity (NULL when demand is hidden)';

-- ---- allocation_plan ------------------------------------------------------------

CREATE VIEW dp.allocation_plan WITH (security_barrier = true) AS
WITH per_nation AS (
    SELECT r.interop_class, r.nation,
           dp.capvec_agg(r.period_start, r.quantity, 'month') AS demand,
           pg_catalog.sum(r.quantity * r.weight) / NULLIF(pg_catalog.sum(r.quantity), 0) AS weight
      FROM dp.requirement_by_class r
     GROUP BY 1, 2
), claims AS (
    SELECT n.interop_class,
           pg_catalog.array_agg(n.nation ORDER BY n.nation) AS nations,
           pg_catalog.array_agg(n.demand ORDER BY n.nation) AS demands,
           pg_catalog.array_agg(COALESCE(n.weight, 1) ORDER BY n.nation) AS weights,
           pg_catalog.min(dp.start_date(n.demand)) AS first_month,
           pg_catalog.max(dp.end_date(n.demand)) AS end_month
      FROM per_nation n
     GROUP BY 1
), plan AS (
    SELECT c.interop_class, c.nations[a.claimant] AS nation, a.period_start, a.requested, a.allocated, a.backlog
      FROM claims c
      LEFT JOIN dp.class_capacity() k ON k.interop_class = c.interop_class,
           dp.allocate(dp.slice(COALESCE(k.capacity, dp.capvec('month', c.first_month, '{}')), c.first_month, c.end_month),
                       c.demands, 'fair', c.weights) a
)
SELECT p.interop_class,
       p.nation,
       p.period_start,
       (p.period_start + '1 mon'::interval)::date AS period_end,
       p.requested,
       p.allocated,
       p.backlog,
       CASE WHEN p.requested > 0 THEN p.allocated / p.requested END AS fill_rate
  FROM plan p
 WHERE dp.sees_nation(p.nation);
COMMENT ON VIEW dp.allocation_plan IS 'how each class''s capacity is shared among nations month by month (fair policy weighted by the requirements'' weights, backlog carried over); a role sees only the nations it is mapped to';
COMMENT ON COLUMN dp.allocation_plan.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.allocation_plan.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.allocation_plan.period_start IS 'first day of the month';
COMMENT ON COLUMN dp.allocation_plan.period_end IS 'first day of the next month (exclusive end)';
COMMENT ON COLUMN dp.allocation_plan.requested IS 'new requirements of the month plus backlog carried in, in class units';
COMMENT ON COLUMN dp.allocation_plan.allocated IS 'capacity allocated to the nation in the month';
COMMENT ON COLUMN dp.allocation_plan.backlog IS 'requested but not allocated, carried to the next month';
COMMENT ON COLUMN dp.allocation_plan.fill_rate IS 'allocated / requested (NULL when nothing is requested)';

-- ---- capacity_outlook -----------------------------------------------------------

-- Per class: monthly capacity of each component (all suppliers) and units needed per class unit.
CREATE FUNCTION dp.class_components(OUT interop_class text, OUT components text[],
                                    OUT capacities dp.capvec[], OUT qty_per float8[])
    RETURNS SETOF record
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    WITH comp AS (
        SELECT b.interop_class, b.component, b.qty_per, dp.sum(s.capacity) AS capacity
          FROM dp.bom b
          LEFT JOIN dp.component_source s ON s.component = b.component
         GROUP BY 1, 2, 3
    )
    SELECT c.interop_class,
           pg_catalog.array_agg(c.component ORDER BY c.component),
           pg_catalog.array_agg(COALESCE(c.capacity, dp.capvec('month', '2000-01-01', '{}')) ORDER BY c.component),
           pg_catalog.array_agg(c.qty_per ORDER BY c.component)
      FROM comp c
     GROUP BY c.interop_class;
END;
COMMENT ON FUNCTION dp.class_components() IS 'per interoperability class with a bill of materials: its components, their total monthly supplier capacity and the quantity needed per class unit';

CREATE VIEW dp.capacity_outlook WITH (security_invoker = true) AS
WITH lines AS (
    SELECT p.interop_class,
           dp.sum(p.capacity) AS peacetime,
           dp.sum(dp.line_capacity(p.capacity, 'crisis', p.crisis_factor, p.conflict_factor, p.surge_periods, p.surge_from)) AS crisis,
           dp.sum(dp.line_capacity(p.capacity, 'conflict', p.crisis_factor, p.conflict_factor, p.surge_periods, p.surge_from)) AS conflict,
           dp.sum(dp.line_capacity(p.capacity, p.posture, p.crisis_factor, p.conflict_factor, p.surge_periods, p.surge_from)) AS current
      FROM dp.production_line p
     GROUP BY 1
), bom AS (
    SELECT c.interop_class, z.period_start, z.quantity AS bom_capacity, c.components[z.binding] AS binding_component
      FROM dp.class_components() c,
           ROWS FROM (dp.unnest(dp.bottleneck(c.capacities, c.qty_per)),
                      pg_catalog.unnest(dp.binding_component(c.capacities, c.qty_per)))
             AS z(period_start, period_end, quantity, binding)
), months AS (
    SELECT l.interop_class, u.period_start FROM lines l, dp.unnest(l.peacetime) u
    UNION
    SELECT b.interop_class, b.period_start FROM bom b
)
SELECT m.interop_class,
       m.period_start,
       (m.period_start + '1 mon'::interval)::date AS period_end,
       COALESCE(dp.value_at(l.peacetime, m.period_start), 0) AS peacetime,
       COALESCE(dp.value_at(l.crisis, m.period_start), 0) AS crisis,
       COALESCE(dp.value_at(l.conflict, m.period_start), 0) AS conflict,
       COALESCE(dp.value_at(l.current, m.period_start), 0) AS current_posture,
       b.bom_capacity,
       b.binding_component
  FROM months m
  LEFT JOIN lines l ON l.interop_class = m.interop_class
  LEFT JOIN bom b ON b.interop_class = m.interop_class AND b.period_start = m.period_start;
COMMENT ON VIEW dp.capacity_outlook IS 'per interoperability class and month: line capacity at each posture and the bill-of-materials bottleneck with its binding component';
COMMENT ON COLUMN dp.capacity_outlook.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.capacity_outlook.period_start IS 'first day of the month';
COMMENT ON COLUMN dp.capacity_outlook.period_end IS 'first day of the next month (exclusive end)';
COMMENT ON COLUMN dp.capacity_outlook.peacetime IS 'capacity of all lines at peacetime posture, in class units';
COMMENT ON COLUMN dp.capacity_outlook.crisis IS 'capacity if every line surged to its crisis factor';
COMMENT ON COLUMN dp.capacity_outlook.conflict IS 'capacity if every line surged to its conflict factor';
COMMENT ON COLUMN dp.capacity_outlook.current_posture IS 'capacity at each line''s current posture';
COMMENT ON COLUMN dp.capacity_outlook.bom_capacity IS 'class units the component supply allows (bill-of-materials bottleneck; NULL without a bill of materials)';
COMMENT ON COLUMN dp.capacity_outlook.binding_component IS 'the component that limits bom_capacity';

-- ---- capacity_gap ---------------------------------------------------------------

CREATE VIEW dp.capacity_gap WITH (security_barrier = true) AS
WITH pooled AS (
    SELECT r.interop_class,
           dp.capvec_agg(r.period_start, r.quantity, 'month') AS demand,
           pg_catalog.count(DISTINCT r.nation)::integer AS contributors
      FROM dp.requirement_by_class r
     GROUP BY 1
), aligned AS (
    SELECT p.interop_class, p.demand, p.contributors,
           dp.slice(dp.pad(COALESCE(c.capacity, dp.capvec('month', dp.start_date(p.demand), '{}')),
                           dp.start_date(p.demand), dp.end_date(p.demand)),
                    dp.start_date(p.demand), dp.end_date(p.demand)) AS capacity
      FROM pooled p
      LEFT JOIN dp.class_capacity() c ON c.interop_class = p.interop_class
), shown AS (
    SELECT a.*, a.contributors >= dp.min_contributors() AS visible FROM aligned a
)
SELECT s.interop_class,
       ic.unit,
       dp.start_date(s.demand) AS first_month,
       (dp.end_date(s.demand) - '1 mon'::interval)::date AS last_month,
       s.contributors,
       CASE WHEN s.visible THEN dp.total(s.demand) END AS demand,
       dp.total(s.capacity) AS capacity,
       CASE WHEN s.visible THEN dp.level_rate(s.demand) END AS level_rate,
       CASE WHEN s.visible THEN dp.capacity_gap(s.demand, s.capacity) END AS capacity_gap
  FROM shown s
  JOIN dp.interop_class ic ON ic.class_id = s.interop_class;
COMMENT ON VIEW dp.capacity_gap IS 'per interoperability class over the months with requirements: pooled demand, capacity, the level production rate that meets demand, and the extra monthly capacity needed; demand-based figures are NULL when fewer than dp.min_contributors nations contribute';
COMMENT ON COLUMN dp.capacity_gap.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.capacity_gap.unit IS 'class unit of the figures';
COMMENT ON COLUMN dp.capacity_gap.first_month IS 'first month with requirements';
COMMENT ON COLUMN dp.capacity_gap.last_month IS 'last month with requirements';
COMMENT ON COLUMN dp.capacity_gap.contributors IS 'number of nations with requirements in the class';
COMMENT ON COLUMN dp.capacity_gap.demand IS 'pooled requirements over the months, in class units (NULL if fewer than dp.min_contributors nations contribute)';
COMMENT ON COLUMN dp.capacity_gap.capacity IS 'capacity at current postures over the same months';
COMMENT ON COLUMN dp.capacity_gap.level_rate IS 'smallest constant monthly production that meets cumulative demand every month (NULL when demand is hidden)';
COMMENT ON COLUMN dp.capacity_gap.capacity_gap IS 'smallest extra constant monthly capacity that, added to capacity, meets cumulative demand every month (NULL when demand is hidden)';

-- ---- supply_risk ----------------------------------------------------------------

CREATE VIEW dp.supply_risk WITH (security_invoker = true) AS
WITH src AS (
    SELECT s.component, s.supplier, s.country, n.nato_member,
           dp.total(s.capacity) / NULLIF(dp.length(s.capacity), 0) AS monthly,
           s.capacity
      FROM dp.component_source s
      JOIN dp.nation n ON n.code = s.country
), comp AS (
    SELECT s.component,
           pg_catalog.count(*)::integer AS suppliers,
           dp.hhi(s.monthly) AS hhi,
           pg_catalog.sum(s.monthly) FILTER (WHERE NOT s.nato_member) / NULLIF(pg_catalog.sum(s.monthly), 0) AS non_nato_share,
           (pg_catalog.array_agg(s.supplier ORDER BY s.monthly DESC, s.supplier))[1] AS largest_supplier
      FROM src s
     GROUP BY 1
), without_largest AS (
    -- each class's components, with the component's largest supplier left out
    SELECT b.interop_class, b.component,
           (SELECT dp.bottleneck(pg_catalog.array_agg(COALESCE(
                       (SELECT dp.sum(s.capacity) FROM dp.component_source s
                         WHERE s.component = o.component
                           AND NOT (o.component = b.component AND s.supplier = c.largest_supplier)),
                       dp.capvec('month', '2000-01-01', '{}')) ORDER BY o.component),
                   pg_catalog.array_agg(o.qty_per ORDER BY o.component))
              FROM dp.bom o WHERE o.interop_class = b.interop_class) AS bottleneck
      FROM dp.bom b
      JOIN comp c ON c.component = b.component
)
SELECT w.interop_class,
       c.component,
       c.suppliers,
       c.hhi,
       c.suppliers = 1 AS single_source,
       COALESCE(c.non_nato_share, 0) AS non_nato_share,
       c.largest_supplier,
       dp.total(k.capacities_bottleneck) / NULLIF(dp.length(k.capacities_bottleneck), 0) AS bom_capacity,
       dp.total(w.bottleneck) / NULLIF(dp.length(w.bottleneck), 0) AS bom_capacity_without_largest
  FROM comp c
  JOIN without_largest w ON w.component = c.component
  JOIN (SELECT cc.interop_class, dp.bottleneck(cc.capacities, cc.qty_per) AS capacities_bottleneck
          FROM dp.class_components() cc) k ON k.interop_class = w.interop_class;
COMMENT ON VIEW dp.supply_risk IS 'per interoperability class and component: supplier concentration (HHI), single sourcing, supply from outside NATO, and the bill-of-materials capacity if the largest supplier is lost';
COMMENT ON COLUMN dp.supply_risk.interop_class IS 'interoperability class whose bill of materials uses the component';
COMMENT ON COLUMN dp.supply_risk.component IS 'component';
COMMENT ON COLUMN dp.supply_risk.suppliers IS 'number of suppliers';
COMMENT ON COLUMN dp.supply_risk.hhi IS 'Herfindahl-Hirschman index of the suppliers'' mean monthly capacities (0-10000)';
COMMENT ON COLUMN dp.supply_risk.single_source IS 'true when one supplier provides all of it';
COMMENT ON COLUMN dp.supply_risk.non_nato_share IS 'share of capacity from plants outside NATO members';
COMMENT ON COLUMN dp.supply_risk.largest_supplier IS 'supplier with the largest mean monthly capacity';
COMMENT ON COLUMN dp.supply_risk.bom_capacity IS 'mean monthly class units the component supply allows (bill-of-materials bottleneck)';
COMMENT ON COLUMN dp.supply_risk.bom_capacity_without_largest IS 'the same if this component''s largest supplier is lost';

-- ===========================================================================
-- sample: an illustrative data set behind the README's demo.
--
-- Production figures follow public reporting (see README, "Sample data");
-- stock levels, consumption, deliveries, requirements, component supply and
-- the NSNs are made up for illustration.  Dates are fixed (stock counted on
-- 2025-07-01, 24 months of history before it), so the demo is reproducible.
-- ===========================================================================

-- A deterministic number in [0, 1) from a text key (md5 based, stable across versions).
CREATE FUNCTION dp.sample_uniform(key text) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT (('x' OPERATOR(pg_catalog.||) pg_catalog.substr(pg_catalog.md5(key), 1, 8))::bit(32)::bigint)::float8 OPERATOR(pg_catalog./) 4294967296.0;
END;
COMMENT ON FUNCTION dp.sample_uniform(text) IS 'deterministic pseudo-random number in [0, 1) from a text key, used to generate the sample data';

-- A monthly capacity vector from 2022-01 to 2027-12 that moves linearly between dated levels.
CREATE FUNCTION dp.sample_levels(dates date[], levels float8[]) RETURNS dp.capvec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT dp.capvec('month', '2022-01-01', pg_catalog.array_agg(v ORDER BY m))
      FROM (SELECT m.m,
                   (SELECT CASE WHEN m.m <= dates[1] THEN levels[1]
                                WHEN m.m >= dates[pg_catalog.array_length(dates, 1)] THEN levels[pg_catalog.array_length(levels, 1)]
                                ELSE levels[k] + (levels[k + 1] - levels[k]) * (m.m - dates[k])
                                     / (dates[k + 1] - dates[k])::float8 END
                      FROM (SELECT pg_catalog.max(i) AS k FROM pg_catalog.generate_subscripts(dates, 1) i
                             WHERE dates[i] <= m.m) kk) AS v
              FROM (SELECT g::date AS m
                      FROM pg_catalog.generate_series('2022-01-01'::date, '2027-12-01'::date, '1 mon'::interval) g) m) x;
END;
COMMENT ON FUNCTION dp.sample_levels(date[], float8[]) IS 'monthly vector 2022-01 to 2027-12 interpolating linearly between dated levels (sample data helper)';

CREATE FUNCTION dp.load_sample_data() RETURNS text
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t text;
    has_rows boolean;
BEGIN
    FOREACH t IN ARRAY ARRAY['interop_class', 'item', 'stockpile', 'consumption', 'planned_delivery',
                             'requirement', 'production_line', 'bom', 'component_source'] LOOP
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM dp.%I)', t) INTO has_rows;
        IF has_rows THEN
            RAISE EXCEPTION USING ERRCODE = 'object_not_in_prerequisite_state',
                MESSAGE = 'dp.load_sample_data() needs empty tables',
                DETAIL = format('Table dp.%s already holds data.', t),
                HINT = 'Load the sample data into a fresh database, or empty the dp tables first.';
        END IF;
    END LOOP;

    -- interoperability classes
    INSERT INTO dp.interop_class (class_id, description, unit) VALUES
        ('155mm', 'NATO 155 mm artillery rounds (JBMoU ballistics, interchangeable)', 'round'),
        ('120mm', '120 mm smoothbore tank rounds', 'round'),
        ('javelin', 'Javelin anti-tank guided missiles', 'missile'),
        ('gmlrs', 'Guided MLRS rockets (M270/HIMARS)', 'rocket'),
        ('stinger', 'Stinger man-portable air-defence missiles', 'missile');

    -- items; the NSNs are invented, in the right supply classes (1320 over 125 mm, 1315 75-125 mm,
    -- 1410 guided missiles, 1340 rockets) with the assigning nation's NCB code
    INSERT INTO dp.item (item_id, nsn, name, interop_class, class_units_per_unit) VALUES
        ('155-HE-US', '1320-01-555-0101', '155 mm HE projectile, US pattern', '155mm', 1),
        ('155-HE-DE', '1320-12-555-0102', '155 mm HE projectile, German pattern', '155mm', 1),
        ('155-HE-FR', '1320-14-555-0103', '155 mm HE projectile, French pattern', '155mm', 1),
        ('155-HE-GB', '1320-99-555-0104', '155 mm HE projectile, British pattern', '155mm', 1),
        ('155-HE-PL', '1320-43-555-0105', '155 mm HE projectile, Polish pattern', '155mm', 1),
        ('155-PAL8', '1320-17-555-0106', '155 mm HE projectiles, pallet of 8', '155mm', 8),
        ('120-KE-DE', '1315-12-555-0201', '120 mm kinetic energy round', '120mm', 1),
        ('JAV-MSL', '1410-01-555-0301', 'Javelin missile', 'javelin', 1),
        ('GMLRS-U', '1340-01-555-0401', 'GMLRS unitary rocket pod (6 rockets)', 'gmlrs', 6),
        ('STINGER', '1410-01-555-0501', 'Stinger missile', 'stinger', 1);

    -- stock on 2025-07-01 (illustrative): nation, item, on hand, target, monthly use (for the history)
    CREATE TEMP TABLE sample_stock (nation text, item_id text, on_hand float8, target float8, use float8, lumpy boolean)
        ON COMMIT DROP;
    INSERT INTO sample_stock VALUES
        ('USA', '155-HE-US', 420000, 600000, 30000, false),
        ('DEU', '155-HE-DE', 35000, 230000, 7000, false),
        ('FRA', '155-HE-FR', 45000, 150000, 5000, false),
        ('GBR', '155-HE-GB', 40000, 140000, 4500, false),
        ('POL', '155-HE-PL', 110000, 300000, 9000, false),
        ('NLD', '155-PAL8', 4000, 12000, 450, false),
        ('NOR', '155-HE-DE', 18000, 60000, 1800, false),
        ('EST', '155-HE-DE', 12000, 90000, 2500, false),
        ('ITA', '155-HE-FR', 30000, 90000, 2200, false),
        ('CZE', '155-HE-PL', 14000, 70000, 2600, false),
        ('DEU', '120-KE-DE', 15000, 30000, 300, false),
        ('POL', '120-KE-DE', 12000, 25000, 350, false),
        ('USA', 'JAV-MSL', 14000, 20000, 180, true),
        ('GBR', 'JAV-MSL', 1800, 3000, 25, true),
        ('NOR', 'JAV-MSL', 900, 1500, 12, true),
        ('EST', 'JAV-MSL', 1200, 2000, 20, true),
        ('FRA', 'JAV-MSL', 700, 1200, 10, true),
        ('USA', 'GMLRS-U', 4500, 7000, 90, true),
        ('GBR', 'GMLRS-U', 600, 1000, 12, true),
        ('POL', 'GMLRS-U', 300, 1500, 8, true),
        ('EST', 'GMLRS-U', 120, 400, 4, true),
        ('USA', 'STINGER', 6000, 9000, 60, true),
        ('DEU', 'STINGER', 1500, 2500, 25, true),
        ('NLD', 'STINGER', 500, 900, 8, true);

    INSERT INTO dp.stockpile (nation, item_id, as_of, on_hand, target)
        SELECT s.nation, s.item_id, '2025-07-01', s.on_hand, s.target FROM sample_stock s;

    -- 24 months of consumption before the count (2023-07 to 2025-06): weekly for munitions fired in
    -- volume, with donation surges in autumn 2023; monthly and intermittent for missiles
    INSERT INTO dp.consumption (nation, item_id, at, quantity)
        SELECT s.nation, s.item_id, w::date,
               round(s.use * 12 / 52 * (0.6 + 0.8 * dp.sample_uniform(s.nation || s.item_id || w::date))
                     * CASE WHEN w >= '2023-09-01' AND w < '2023-12-01' THEN 2.5 ELSE 1 END)
          FROM sample_stock s,
               generate_series('2023-07-03'::date, '2025-06-30'::date, '7 days'::interval) w
         WHERE NOT s.lumpy;
    INSERT INTO dp.consumption (nation, item_id, at, quantity)
        SELECT s.nation, s.item_id, (m + '14 days'::interval)::date,
               round(s.use * 3 * (0.5 + dp.sample_uniform('size' || s.nation || s.item_id || m::date)))
          FROM sample_stock s,
               generate_series('2023-07-01'::date, '2025-06-01'::date, '1 mon'::interval) m
         WHERE s.lumpy AND dp.sample_uniform(s.nation || s.item_id || m::date) < 0.35;

    -- planned deliveries, 2025-07 to 2027-06: a quarter of monthly use at first, rising by a
    -- twentieth of it each month as new contracts deliver
    INSERT INTO dp.planned_delivery (nation, item_id, due, quantity)
        SELECT s.nation, s.item_id, (m + '20 days'::interval)::date,
               round(s.use * (0.25 + 0.05 * (extract(year FROM age(m, '2025-07-01')) * 12 + extract(month FROM age(m, '2025-07-01'))))
                     * (0.8 + 0.4 * dp.sample_uniform('del' || s.nation || s.item_id || m::date)))
          FROM sample_stock s,
               generate_series('2025-07-01'::date, '2027-06-01'::date, '1 mon'::interval) m
         WHERE NOT s.lumpy OR dp.sample_uniform('dm' || s.nation || s.item_id || m::date) < 0.5;

    -- requirements: what each nation wants to procure each month: its consumption plus a
    -- 24th of the gap to its stock objective; 120 mm has only two nations (its pooled figures
    -- stay hidden below dp.min_contributors)
    INSERT INTO dp.requirement (nation, item_id, need_by, quantity, priority, weight)
        SELECT s.nation, s.item_id, (m + '14 days'::interval)::date,
               round(((s.target - s.on_hand) / 24 + s.use) * (0.7 + 0.6 * dp.sample_uniform('req' || s.nation || s.item_id || m::date))),
               CASE s.nation WHEN 'EST' THEN 1 WHEN 'POL' THEN 1 WHEN 'USA' THEN 3 ELSE 2 END,
               CASE s.nation WHEN 'EST' THEN 2 WHEN 'POL' THEN 1.5 ELSE 1 END
          FROM sample_stock s,
               generate_series('2025-07-01'::date, '2027-06-01'::date, '1 mon'::interval) m
         WHERE s.target > s.on_hand;

    -- production lines; public figures (see README): US 155 mm 14,400/month in 2022, 28,000 by
    -- late 2023, 40,000 in mid-2025, aiming at 100,000; EU 155 mm 1 million a year in early 2024
    -- towards 2 million by end 2025 (shares between plants illustrative); Javelin 2,100 a year in
    -- 2022 towards 3,960; GMLRS about 7,500 a year in 2022, 10,000, then 14,000 (pods of 6)
    INSERT INTO dp.production_line (line_id, producer, country, interop_class, capacity, posture,
                                    crisis_factor, conflict_factor, surge_periods, surge_from) VALUES
        ('US-155', 'US Army ammunition plants and contractors', 'USA', '155mm',
         dp.sample_levels('{2022-01-01,2022-09-01,2023-10-01,2025-06-01,2026-12-01}',
                          '{14400,14400,28000,40000,100000}'), 'crisis', 1.3, 1.8, 6, '2025-07-01'),
        ('DE-155', 'Rheinmetall (Unterluess and others)', 'DEU', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{12500,33300,66700}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('FR-155', 'KNDS France', 'FRA', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{4000,12500,25000}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('NO-155', 'Nammo', 'NOR', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{3000,8300,16700}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('CZ-155', 'CSG / MSM Group', 'CZE', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{3500,12500,25000}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('PL-155', 'PGZ / Mesko', 'POL', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{2000,8300,16700}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('ES-155', 'Expal (Rheinmetall)', 'ESP', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{2000,8400,16600}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('DE-120', 'Rheinmetall', 'DEU', '120mm',
         dp.sample_levels('{2022-01-01,2025-01-01}', '{800,1500}'), 'peacetime', 1.3, 1.8, 6, NULL),
        ('US-JAV', 'Javelin JV (Lockheed Martin, RTX)', 'USA', 'javelin',
         dp.sample_levels('{2022-01-01,2022-06-01,2024-06-01,2026-06-01}', '{175,175,200,330}'), 'peacetime', 1.2, 1.5, 9, NULL),
        ('US-GMLRS', 'Lockheed Martin', 'USA', 'gmlrs',
         dp.sample_levels('{2022-01-01,2022-09-01,2023-06-01,2025-06-01}', '{625,625,833,1167}'), 'peacetime', 1.2, 1.5, 9, NULL),
        ('US-STINGER', 'RTX', 'USA', 'stinger',
         dp.sample_levels('{2022-01-01,2024-01-01,2026-01-01}', '{40,60,100}'), 'peacetime', 1.2, 1.5, 12, NULL);

    -- a 155 mm round: one shell body, 10.8 kg of explosive fill, one propelling charge set, one fuze
    INSERT INTO dp.bom (interop_class, component, qty_per) VALUES
        ('155mm', 'shell body', 1),
        ('155mm', 'explosive fill (kg)', 10.8),
        ('155mm', 'propelling charge', 1),
        ('155mm', 'fuze', 1);

    -- component supply (illustrative), monthly; explosives bind in 2024, charges later
    INSERT INTO dp.component_source (component, supplier, country, capacity) VALUES
        ('shell body', 'US forge plants', 'USA', dp.sample_levels('{2022-01-01,2023-10-01,2025-06-01,2026-12-01}', '{15000,30000,45000,100000}')),
        ('shell body', 'European forges', 'DEU', dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{30000,90000,180000}')),
        ('shell body', 'Korean forges', 'KOR', dp.sample_levels('{2022-01-01,2024-01-01}', '{10000,20000}')),
        ('explosive fill (kg)', 'Nitro-Chem', 'POL', dp.sample_levels('{2022-01-01,2024-06-01,2026-01-01}', '{300000,700000,1300000}')),
        ('explosive fill (kg)', 'US explosives plants', 'USA', dp.sample_levels('{2022-01-01,2025-01-01,2026-12-01}', '{200000,450000,1100000}')),
        ('explosive fill (kg)', 'Chemring Nobel', 'NOR', dp.sample_levels('{2022-01-01,2025-01-01}', '{60000,150000}')),
        ('propelling charge', 'Nitrochemie', 'CHE', dp.sample_levels('{2022-01-01,2024-01-01,2026-01-01}', '{15000,35000,60000}')),
        ('propelling charge', 'Eurenco', 'FRA', dp.sample_levels('{2022-01-01,2024-01-01,2026-01-01}', '{10000,30000,70000}')),
        ('propelling charge', 'US propellant plants', 'USA', dp.sample_levels('{2022-01-01,2023-10-01,2026-12-01}', '{15000,30000,90000}')),
        ('fuze', 'Junghans Microtec', 'DEU', dp.sample_levels('{2022-01-01,2024-01-01,2026-01-01}', '{40000,100000,200000}')),
        ('fuze', 'L3Harris', 'USA', dp.sample_levels('{2022-01-01,2023-10-01,2026-12-01}', '{20000,35000,100000}'));

    RETURN format('loaded %s nations'' stockpiles of %s items in %s interoperability classes, %s consumption rows, %s production lines',
                  (SELECT count(DISTINCT nation) FROM dp.stockpile), (SELECT count(*) FROM dp.item),
                  (SELECT count(*) FROM dp.interop_class), (SELECT count(*) FROM dp.consumption),
                  (SELECT count(*) FROM dp.production_line));
END
$$;
COMMENT ON FUNCTION dp.load_sample_data() IS 'loads the illustrative sample data set (public production figures, made-up stocks) into empty tables; fails with 55000 if they hold data';
