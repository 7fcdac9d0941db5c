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
    AS 'MODULE_PATHNAME', 'dp_fsg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.fsg(dp.nsn) IS 'the Federal/NATO supply group: the first two digits (13 = ammunition and explosives)';
CREATE FUNCTION dp.nsc(n dp.nsn) RETURNS integer
    AS 'MODULE_PATHNAME', 'dp_nsc' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.nsc(dp.nsn) IS 'the NATO supply class: the first four digits (1320 = ammunition over 125 mm)';
CREATE FUNCTION dp.ncb_code(n dp.nsn) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_ncb_code' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.ncb_code(dp.nsn) IS 'the two-digit code of the National Codification Bureau that assigned the number';
CREATE FUNCTION dp.niin(n dp.nsn) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_niin' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
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
