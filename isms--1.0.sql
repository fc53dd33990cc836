/* isms--1.0.sql: an ISO/IEC 27001 ISMS inside PostgreSQL */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION isms" to load this file. \quit

/*
 * ---------------------------------------------------------------------------
 * Scale types: likelihood, impact, risk_level
 * ---------------------------------------------------------------------------
 */

CREATE TYPE @extschema@.likelihood;

CREATE FUNCTION @extschema@.likelihood_in(cstring, oid, integer) RETURNS @extschema@.likelihood
	AS 'MODULE_PATHNAME', 'likelihood_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.likelihood_out(@extschema@.likelihood) RETURNS cstring
	AS 'MODULE_PATHNAME', 'likelihood_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.likelihood_recv(internal, oid, integer) RETURNS @extschema@.likelihood
	AS 'MODULE_PATHNAME', 'likelihood_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.likelihood_send(@extschema@.likelihood) RETURNS bytea
	AS 'MODULE_PATHNAME', 'scale_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.likelihood_typmod_in(cstring[]) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_typmod_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.likelihood_typmod_out(integer) RETURNS cstring
	AS 'MODULE_PATHNAME', 'scale_typmod_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.likelihood (
	INPUT = @extschema@.likelihood_in,
	OUTPUT = @extschema@.likelihood_out,
	RECEIVE = @extschema@.likelihood_recv,
	SEND = @extschema@.likelihood_send,
	TYPMOD_IN = @extschema@.likelihood_typmod_in,
	TYPMOD_OUT = @extschema@.likelihood_typmod_out,
	INTERNALLENGTH = 2,
	PASSEDBYVALUE,
	ALIGNMENT = int2,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.likelihood IS 'how likely a risk is to occur: a level on an ordinal scale of 2 to 10 levels (default 5)';

-- the length coercion that resolves a value onto a column''s scale
CREATE FUNCTION @extschema@.likelihood_apply_scale(@extschema@.likelihood, integer, boolean) RETURNS @extschema@.likelihood
	AS 'MODULE_PATHNAME', 'likelihood_typmod_apply' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (@extschema@.likelihood AS @extschema@.likelihood) WITH FUNCTION @extschema@.likelihood_apply_scale(@extschema@.likelihood, integer, boolean) AS IMPLICIT;

CREATE FUNCTION @extschema@.likelihood_from_integer(integer, integer, boolean) RETURNS @extschema@.likelihood
	AS 'MODULE_PATHNAME', 'likelihood_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (integer AS @extschema@.likelihood) WITH FUNCTION @extschema@.likelihood_from_integer(integer, integer, boolean);
CREATE FUNCTION @extschema@.level(@extschema@.likelihood) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_level' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE CAST (@extschema@.likelihood AS integer) WITH FUNCTION @extschema@.level(@extschema@.likelihood);
COMMENT ON FUNCTION @extschema@.level(@extschema@.likelihood) IS 'the level of a likelihood, 1 to its scale size';
CREATE FUNCTION @extschema@.scale(@extschema@.likelihood) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_size' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.scale(@extschema@.likelihood) IS 'the number of levels of the scale of a likelihood';
CREATE FUNCTION @extschema@.label(@extschema@.likelihood) RETURNS text
	AS 'MODULE_PATHNAME', 'likelihood_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.label(@extschema@.likelihood) IS 'the label of a likelihood, or NULL where its scale has no labels';
CREATE FUNCTION @extschema@.likelihood_eq(@extschema@.likelihood, @extschema@.likelihood) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.likelihood_ne(@extschema@.likelihood, @extschema@.likelihood) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.likelihood_lt(@extschema@.likelihood, @extschema@.likelihood) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.likelihood_le(@extschema@.likelihood, @extschema@.likelihood) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.likelihood_gt(@extschema@.likelihood, @extschema@.likelihood) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.likelihood_ge(@extschema@.likelihood, @extschema@.likelihood) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.likelihood, RIGHTARG = @extschema@.likelihood, FUNCTION = @extschema@.likelihood_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.likelihood, RIGHTARG = @extschema@.likelihood, FUNCTION = @extschema@.likelihood_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.likelihood, RIGHTARG = @extschema@.likelihood, FUNCTION = @extschema@.likelihood_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.likelihood, RIGHTARG = @extschema@.likelihood, FUNCTION = @extschema@.likelihood_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.likelihood, RIGHTARG = @extschema@.likelihood, FUNCTION = @extschema@.likelihood_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.likelihood, RIGHTARG = @extschema@.likelihood, FUNCTION = @extschema@.likelihood_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE FUNCTION @extschema@.likelihood_cmp(@extschema@.likelihood, @extschema@.likelihood) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.likelihood_hash(@extschema@.likelihood) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.likelihood_hash_extended(@extschema@.likelihood, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'scale_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE OPERATOR CLASS @extschema@.likelihood_ops
	DEFAULT FOR TYPE @extschema@.likelihood USING btree AS
		OPERATOR 1 @extschema@.< ,
		OPERATOR 2 @extschema@.<= ,
		OPERATOR 3 @extschema@.= ,
		OPERATOR 4 @extschema@.>= ,
		OPERATOR 5 @extschema@.> ,
		FUNCTION 1 @extschema@.likelihood_cmp(@extschema@.likelihood, @extschema@.likelihood);
CREATE OPERATOR CLASS @extschema@.likelihood_hash_ops
	DEFAULT FOR TYPE @extschema@.likelihood USING hash AS
		OPERATOR 1 @extschema@.= ,
		FUNCTION 1 @extschema@.likelihood_hash(@extschema@.likelihood),
		FUNCTION 2 @extschema@.likelihood_hash_extended(@extschema@.likelihood, bigint);

CREATE FUNCTION @extschema@.likelihood_smaller(@extschema@.likelihood, @extschema@.likelihood) RETURNS @extschema@.likelihood
	AS 'MODULE_PATHNAME', 'scale_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.likelihood_larger(@extschema@.likelihood, @extschema@.likelihood) RETURNS @extschema@.likelihood
	AS 'MODULE_PATHNAME', 'scale_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.min(@extschema@.likelihood) (
	SFUNC = @extschema@.likelihood_smaller, STYPE = @extschema@.likelihood,
	COMBINEFUNC = @extschema@.likelihood_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.max(@extschema@.likelihood) (
	SFUNC = @extschema@.likelihood_larger, STYPE = @extschema@.likelihood,
	COMBINEFUNC = @extschema@.likelihood_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE
);
COMMENT ON FUNCTION @extschema@.likelihood_in(cstring, oid, integer) IS 'text input of likelihood';
COMMENT ON FUNCTION @extschema@.likelihood_out(@extschema@.likelihood) IS 'text output of likelihood';
COMMENT ON FUNCTION @extschema@.likelihood_recv(internal, oid, integer) IS 'binary input of likelihood';
COMMENT ON FUNCTION @extschema@.likelihood_send(@extschema@.likelihood) IS 'binary output of likelihood';
COMMENT ON FUNCTION @extschema@.likelihood_typmod_in(cstring[]) IS 'type modifier input of likelihood: the scale size';
COMMENT ON FUNCTION @extschema@.likelihood_typmod_out(integer) IS 'type modifier output of likelihood';
COMMENT ON FUNCTION @extschema@.likelihood_apply_scale(@extschema@.likelihood, integer, boolean) IS 'length coercion of likelihood: resolves a value onto a column''s scale';
COMMENT ON FUNCTION @extschema@.likelihood_from_integer(integer, integer, boolean) IS 'cast from integer to likelihood';
COMMENT ON FUNCTION @extschema@.likelihood_eq(@extschema@.likelihood, @extschema@.likelihood) IS 'implementation of =';
COMMENT ON FUNCTION @extschema@.likelihood_ne(@extschema@.likelihood, @extschema@.likelihood) IS 'implementation of <>';
COMMENT ON FUNCTION @extschema@.likelihood_lt(@extschema@.likelihood, @extschema@.likelihood) IS 'implementation of <';
COMMENT ON FUNCTION @extschema@.likelihood_le(@extschema@.likelihood, @extschema@.likelihood) IS 'implementation of <=';
COMMENT ON FUNCTION @extschema@.likelihood_gt(@extschema@.likelihood, @extschema@.likelihood) IS 'implementation of >';
COMMENT ON FUNCTION @extschema@.likelihood_ge(@extschema@.likelihood, @extschema@.likelihood) IS 'implementation of >=';
COMMENT ON FUNCTION @extschema@.likelihood_cmp(@extschema@.likelihood, @extschema@.likelihood) IS 'btree comparison: relative position on the scale, then scale size';
COMMENT ON FUNCTION @extschema@.likelihood_hash(@extschema@.likelihood) IS 'hash, consistent with =';
COMMENT ON FUNCTION @extschema@.likelihood_hash_extended(@extschema@.likelihood, bigint) IS 'seeded hash, consistent with =';
COMMENT ON FUNCTION @extschema@.likelihood_smaller(@extschema@.likelihood, @extschema@.likelihood) IS 'the smaller of two values (min)';
COMMENT ON FUNCTION @extschema@.likelihood_larger(@extschema@.likelihood, @extschema@.likelihood) IS 'the larger of two values (max)';
COMMENT ON AGGREGATE @extschema@.min(@extschema@.likelihood) IS 'the lowest likelihood';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.likelihood) IS 'the highest likelihood';

CREATE TYPE @extschema@.impact;

CREATE FUNCTION @extschema@.impact_in(cstring, oid, integer) RETURNS @extschema@.impact
	AS 'MODULE_PATHNAME', 'impact_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.impact_out(@extschema@.impact) RETURNS cstring
	AS 'MODULE_PATHNAME', 'impact_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.impact_recv(internal, oid, integer) RETURNS @extschema@.impact
	AS 'MODULE_PATHNAME', 'impact_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.impact_send(@extschema@.impact) RETURNS bytea
	AS 'MODULE_PATHNAME', 'scale_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.impact_typmod_in(cstring[]) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_typmod_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.impact_typmod_out(integer) RETURNS cstring
	AS 'MODULE_PATHNAME', 'scale_typmod_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.impact (
	INPUT = @extschema@.impact_in,
	OUTPUT = @extschema@.impact_out,
	RECEIVE = @extschema@.impact_recv,
	SEND = @extschema@.impact_send,
	TYPMOD_IN = @extschema@.impact_typmod_in,
	TYPMOD_OUT = @extschema@.impact_typmod_out,
	INTERNALLENGTH = 2,
	PASSEDBYVALUE,
	ALIGNMENT = int2,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.impact IS 'how severe the consequences of a risk are: a level on an ordinal scale of 2 to 10 levels (default 5)';

-- the length coercion that resolves a value onto a column''s scale
CREATE FUNCTION @extschema@.impact_apply_scale(@extschema@.impact, integer, boolean) RETURNS @extschema@.impact
	AS 'MODULE_PATHNAME', 'impact_typmod_apply' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (@extschema@.impact AS @extschema@.impact) WITH FUNCTION @extschema@.impact_apply_scale(@extschema@.impact, integer, boolean) AS IMPLICIT;

CREATE FUNCTION @extschema@.impact_from_integer(integer, integer, boolean) RETURNS @extschema@.impact
	AS 'MODULE_PATHNAME', 'impact_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (integer AS @extschema@.impact) WITH FUNCTION @extschema@.impact_from_integer(integer, integer, boolean);
CREATE FUNCTION @extschema@.level(@extschema@.impact) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_level' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE CAST (@extschema@.impact AS integer) WITH FUNCTION @extschema@.level(@extschema@.impact);
COMMENT ON FUNCTION @extschema@.level(@extschema@.impact) IS 'the level of a impact, 1 to its scale size';
CREATE FUNCTION @extschema@.scale(@extschema@.impact) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_size' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.scale(@extschema@.impact) IS 'the number of levels of the scale of a impact';
CREATE FUNCTION @extschema@.label(@extschema@.impact) RETURNS text
	AS 'MODULE_PATHNAME', 'impact_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.label(@extschema@.impact) IS 'the label of a impact, or NULL where its scale has no labels';
CREATE FUNCTION @extschema@.impact_eq(@extschema@.impact, @extschema@.impact) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.impact_ne(@extschema@.impact, @extschema@.impact) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.impact_lt(@extschema@.impact, @extschema@.impact) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.impact_le(@extschema@.impact, @extschema@.impact) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.impact_gt(@extschema@.impact, @extschema@.impact) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.impact_ge(@extschema@.impact, @extschema@.impact) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.impact, RIGHTARG = @extschema@.impact, FUNCTION = @extschema@.impact_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.impact, RIGHTARG = @extschema@.impact, FUNCTION = @extschema@.impact_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.impact, RIGHTARG = @extschema@.impact, FUNCTION = @extschema@.impact_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.impact, RIGHTARG = @extschema@.impact, FUNCTION = @extschema@.impact_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.impact, RIGHTARG = @extschema@.impact, FUNCTION = @extschema@.impact_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.impact, RIGHTARG = @extschema@.impact, FUNCTION = @extschema@.impact_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE FUNCTION @extschema@.impact_cmp(@extschema@.impact, @extschema@.impact) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.impact_hash(@extschema@.impact) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.impact_hash_extended(@extschema@.impact, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'scale_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE OPERATOR CLASS @extschema@.impact_ops
	DEFAULT FOR TYPE @extschema@.impact USING btree AS
		OPERATOR 1 @extschema@.< ,
		OPERATOR 2 @extschema@.<= ,
		OPERATOR 3 @extschema@.= ,
		OPERATOR 4 @extschema@.>= ,
		OPERATOR 5 @extschema@.> ,
		FUNCTION 1 @extschema@.impact_cmp(@extschema@.impact, @extschema@.impact);
CREATE OPERATOR CLASS @extschema@.impact_hash_ops
	DEFAULT FOR TYPE @extschema@.impact USING hash AS
		OPERATOR 1 @extschema@.= ,
		FUNCTION 1 @extschema@.impact_hash(@extschema@.impact),
		FUNCTION 2 @extschema@.impact_hash_extended(@extschema@.impact, bigint);

CREATE FUNCTION @extschema@.impact_smaller(@extschema@.impact, @extschema@.impact) RETURNS @extschema@.impact
	AS 'MODULE_PATHNAME', 'scale_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.impact_larger(@extschema@.impact, @extschema@.impact) RETURNS @extschema@.impact
	AS 'MODULE_PATHNAME', 'scale_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.min(@extschema@.impact) (
	SFUNC = @extschema@.impact_smaller, STYPE = @extschema@.impact,
	COMBINEFUNC = @extschema@.impact_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.max(@extschema@.impact) (
	SFUNC = @extschema@.impact_larger, STYPE = @extschema@.impact,
	COMBINEFUNC = @extschema@.impact_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE
);
COMMENT ON FUNCTION @extschema@.impact_in(cstring, oid, integer) IS 'text input of impact';
COMMENT ON FUNCTION @extschema@.impact_out(@extschema@.impact) IS 'text output of impact';
COMMENT ON FUNCTION @extschema@.impact_recv(internal, oid, integer) IS 'binary input of impact';
COMMENT ON FUNCTION @extschema@.impact_send(@extschema@.impact) IS 'binary output of impact';
COMMENT ON FUNCTION @extschema@.impact_typmod_in(cstring[]) IS 'type modifier input of impact: the scale size';
COMMENT ON FUNCTION @extschema@.impact_typmod_out(integer) IS 'type modifier output of impact';
COMMENT ON FUNCTION @extschema@.impact_apply_scale(@extschema@.impact, integer, boolean) IS 'length coercion of impact: resolves a value onto a column''s scale';
COMMENT ON FUNCTION @extschema@.impact_from_integer(integer, integer, boolean) IS 'cast from integer to impact';
COMMENT ON FUNCTION @extschema@.impact_eq(@extschema@.impact, @extschema@.impact) IS 'implementation of =';
COMMENT ON FUNCTION @extschema@.impact_ne(@extschema@.impact, @extschema@.impact) IS 'implementation of <>';
COMMENT ON FUNCTION @extschema@.impact_lt(@extschema@.impact, @extschema@.impact) IS 'implementation of <';
COMMENT ON FUNCTION @extschema@.impact_le(@extschema@.impact, @extschema@.impact) IS 'implementation of <=';
COMMENT ON FUNCTION @extschema@.impact_gt(@extschema@.impact, @extschema@.impact) IS 'implementation of >';
COMMENT ON FUNCTION @extschema@.impact_ge(@extschema@.impact, @extschema@.impact) IS 'implementation of >=';
COMMENT ON FUNCTION @extschema@.impact_cmp(@extschema@.impact, @extschema@.impact) IS 'btree comparison: relative position on the scale, then scale size';
COMMENT ON FUNCTION @extschema@.impact_hash(@extschema@.impact) IS 'hash, consistent with =';
COMMENT ON FUNCTION @extschema@.impact_hash_extended(@extschema@.impact, bigint) IS 'seeded hash, consistent with =';
COMMENT ON FUNCTION @extschema@.impact_smaller(@extschema@.impact, @extschema@.impact) IS 'the smaller of two values (min)';
COMMENT ON FUNCTION @extschema@.impact_larger(@extschema@.impact, @extschema@.impact) IS 'the larger of two values (max)';
COMMENT ON AGGREGATE @extschema@.min(@extschema@.impact) IS 'the lowest impact';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.impact) IS 'the highest impact';

CREATE TYPE @extschema@.risk_level;

CREATE FUNCTION @extschema@.risk_level_in(cstring, oid, integer) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_level_out(@extschema@.risk_level) RETURNS cstring
	AS 'MODULE_PATHNAME', 'risk_level_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_level_recv(internal, oid, integer) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_level_send(@extschema@.risk_level) RETURNS bytea
	AS 'MODULE_PATHNAME', 'scale_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_level_typmod_in(cstring[]) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_typmod_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_level_typmod_out(integer) RETURNS cstring
	AS 'MODULE_PATHNAME', 'scale_typmod_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.risk_level (
	INPUT = @extschema@.risk_level_in,
	OUTPUT = @extschema@.risk_level_out,
	RECEIVE = @extschema@.risk_level_recv,
	SEND = @extschema@.risk_level_send,
	TYPMOD_IN = @extschema@.risk_level_typmod_in,
	TYPMOD_OUT = @extschema@.risk_level_typmod_out,
	INTERNALLENGTH = 2,
	PASSEDBYVALUE,
	ALIGNMENT = int2,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.risk_level IS 'the level of a risk: a level on an ordinal scale of 2 to 10 levels (default 4)';

-- the length coercion that resolves a value onto a column''s scale
CREATE FUNCTION @extschema@.risk_level_apply_scale(@extschema@.risk_level, integer, boolean) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_typmod_apply' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (@extschema@.risk_level AS @extschema@.risk_level) WITH FUNCTION @extschema@.risk_level_apply_scale(@extschema@.risk_level, integer, boolean) AS IMPLICIT;

CREATE FUNCTION @extschema@.risk_level_from_integer(integer, integer, boolean) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (integer AS @extschema@.risk_level) WITH FUNCTION @extschema@.risk_level_from_integer(integer, integer, boolean);
CREATE FUNCTION @extschema@.level(@extschema@.risk_level) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_level' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE CAST (@extschema@.risk_level AS integer) WITH FUNCTION @extschema@.level(@extschema@.risk_level);
COMMENT ON FUNCTION @extschema@.level(@extschema@.risk_level) IS 'the level of a risk_level, 1 to its scale size';
CREATE FUNCTION @extschema@.scale(@extschema@.risk_level) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_size' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.scale(@extschema@.risk_level) IS 'the number of levels of the scale of a risk_level';
CREATE FUNCTION @extschema@.label(@extschema@.risk_level) RETURNS text
	AS 'MODULE_PATHNAME', 'risk_level_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.label(@extschema@.risk_level) IS 'the label of a risk_level, or NULL where its scale has no labels';
CREATE FUNCTION @extschema@.risk_level_eq(@extschema@.risk_level, @extschema@.risk_level) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_level_ne(@extschema@.risk_level, @extschema@.risk_level) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_level_lt(@extschema@.risk_level, @extschema@.risk_level) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_level_le(@extschema@.risk_level, @extschema@.risk_level) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_level_gt(@extschema@.risk_level, @extschema@.risk_level) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_level_ge(@extschema@.risk_level, @extschema@.risk_level) RETURNS boolean
	AS 'MODULE_PATHNAME', 'scale_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.risk_level, RIGHTARG = @extschema@.risk_level, FUNCTION = @extschema@.risk_level_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.risk_level, RIGHTARG = @extschema@.risk_level, FUNCTION = @extschema@.risk_level_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.risk_level, RIGHTARG = @extschema@.risk_level, FUNCTION = @extschema@.risk_level_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.risk_level, RIGHTARG = @extschema@.risk_level, FUNCTION = @extschema@.risk_level_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.risk_level, RIGHTARG = @extschema@.risk_level, FUNCTION = @extschema@.risk_level_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.risk_level, RIGHTARG = @extschema@.risk_level, FUNCTION = @extschema@.risk_level_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE FUNCTION @extschema@.risk_level_cmp(@extschema@.risk_level, @extschema@.risk_level) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_level_hash(@extschema@.risk_level) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_level_hash_extended(@extschema@.risk_level, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'scale_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE OPERATOR CLASS @extschema@.risk_level_ops
	DEFAULT FOR TYPE @extschema@.risk_level USING btree AS
		OPERATOR 1 @extschema@.< ,
		OPERATOR 2 @extschema@.<= ,
		OPERATOR 3 @extschema@.= ,
		OPERATOR 4 @extschema@.>= ,
		OPERATOR 5 @extschema@.> ,
		FUNCTION 1 @extschema@.risk_level_cmp(@extschema@.risk_level, @extschema@.risk_level);
CREATE OPERATOR CLASS @extschema@.risk_level_hash_ops
	DEFAULT FOR TYPE @extschema@.risk_level USING hash AS
		OPERATOR 1 @extschema@.= ,
		FUNCTION 1 @extschema@.risk_level_hash(@extschema@.risk_level),
		FUNCTION 2 @extschema@.risk_level_hash_extended(@extschema@.risk_level, bigint);

CREATE FUNCTION @extschema@.risk_level_smaller(@extschema@.risk_level, @extschema@.risk_level) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'scale_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_level_larger(@extschema@.risk_level, @extschema@.risk_level) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'scale_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.min(@extschema@.risk_level) (
	SFUNC = @extschema@.risk_level_smaller, STYPE = @extschema@.risk_level,
	COMBINEFUNC = @extschema@.risk_level_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.max(@extschema@.risk_level) (
	SFUNC = @extschema@.risk_level_larger, STYPE = @extschema@.risk_level,
	COMBINEFUNC = @extschema@.risk_level_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE
);
COMMENT ON FUNCTION @extschema@.risk_level_in(cstring, oid, integer) IS 'text input of risk_level';
COMMENT ON FUNCTION @extschema@.risk_level_out(@extschema@.risk_level) IS 'text output of risk_level';
COMMENT ON FUNCTION @extschema@.risk_level_recv(internal, oid, integer) IS 'binary input of risk_level';
COMMENT ON FUNCTION @extschema@.risk_level_send(@extschema@.risk_level) IS 'binary output of risk_level';
COMMENT ON FUNCTION @extschema@.risk_level_typmod_in(cstring[]) IS 'type modifier input of risk_level: the scale size';
COMMENT ON FUNCTION @extschema@.risk_level_typmod_out(integer) IS 'type modifier output of risk_level';
COMMENT ON FUNCTION @extschema@.risk_level_apply_scale(@extschema@.risk_level, integer, boolean) IS 'length coercion of risk_level: resolves a value onto a column''s scale';
COMMENT ON FUNCTION @extschema@.risk_level_from_integer(integer, integer, boolean) IS 'cast from integer to risk_level';
COMMENT ON FUNCTION @extschema@.risk_level_eq(@extschema@.risk_level, @extschema@.risk_level) IS 'implementation of =';
COMMENT ON FUNCTION @extschema@.risk_level_ne(@extschema@.risk_level, @extschema@.risk_level) IS 'implementation of <>';
COMMENT ON FUNCTION @extschema@.risk_level_lt(@extschema@.risk_level, @extschema@.risk_level) IS 'implementation of <';
COMMENT ON FUNCTION @extschema@.risk_level_le(@extschema@.risk_level, @extschema@.risk_level) IS 'implementation of <=';
COMMENT ON FUNCTION @extschema@.risk_level_gt(@extschema@.risk_level, @extschema@.risk_level) IS 'implementation of >';
COMMENT ON FUNCTION @extschema@.risk_level_ge(@extschema@.risk_level, @extschema@.risk_level) IS 'implementation of >=';
COMMENT ON FUNCTION @extschema@.risk_level_cmp(@extschema@.risk_level, @extschema@.risk_level) IS 'btree comparison: relative position on the scale, then scale size';
COMMENT ON FUNCTION @extschema@.risk_level_hash(@extschema@.risk_level) IS 'hash, consistent with =';
COMMENT ON FUNCTION @extschema@.risk_level_hash_extended(@extschema@.risk_level, bigint) IS 'seeded hash, consistent with =';
COMMENT ON FUNCTION @extschema@.risk_level_smaller(@extschema@.risk_level, @extschema@.risk_level) IS 'the smaller of two values (min)';
COMMENT ON FUNCTION @extschema@.risk_level_larger(@extschema@.risk_level, @extschema@.risk_level) IS 'the larger of two values (max)';
COMMENT ON AGGREGATE @extschema@.min(@extschema@.risk_level) IS 'the lowest risk_level';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.risk_level) IS 'the highest risk_level';

-- the score: the product of the levels
CREATE FUNCTION @extschema@.risk_score(@extschema@.likelihood, @extschema@.impact) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_multiply' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.risk_score(@extschema@.likelihood, @extschema@.impact) IS
	'the risk score, likelihood level times impact level';
CREATE FUNCTION @extschema@.impact_times_likelihood(@extschema@.impact, @extschema@.likelihood) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_multiply' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.impact_times_likelihood(@extschema@.impact, @extschema@.likelihood) IS
	'the risk score, impact level times likelihood level (the operator impact * likelihood)';
CREATE OPERATOR @extschema@.* (
	LEFTARG = @extschema@.likelihood, RIGHTARG = @extschema@.impact,
	FUNCTION = @extschema@.risk_score, COMMUTATOR = OPERATOR(@extschema@.*)
);
CREATE OPERATOR @extschema@.* (
	LEFTARG = @extschema@.impact, RIGHTARG = @extschema@.likelihood,
	FUNCTION = @extschema@.impact_times_likelihood, COMMUTATOR = OPERATOR(@extschema@.*)
);

/*
 * ---------------------------------------------------------------------------
 * Register backbone: organizations, the risk matrix table, the people and
 * places that own things, assets, threats, risks, the control catalog and
 * vulnerabilities.  Later sections add to these.
 *
 * Conventions of every register table (see the register section below):
 * org_id defaults to isms.current_org(); a reference to another register
 * table is a foreign key on (org_id, x_id), so that a row can only point at
 * rows of its own organization; constraint names say what is wrong.
 * ---------------------------------------------------------------------------
 */

CREATE TABLE @extschema@.organization (
	id			bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	name		text NOT NULL CONSTRAINT organization_name_unique UNIQUE
		CONSTRAINT organization_name_not_blank CHECK (btrim(name) <> ''),
	legal_name	text,
	sector		text,
	country		text CONSTRAINT organization_country_valid CHECK (country ~ '^[A-Z]{2}$'),
	currency	text NOT NULL DEFAULT 'EUR'
		CONSTRAINT organization_currency_valid CHECK (currency ~ '^[A-Z]{3}$'),
	description	text,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE @extschema@.organization IS
	'organizations whose ISMS this database holds; every register row belongs to one (org_id)';
COMMENT ON COLUMN @extschema@.organization.name IS 'short name, unique';
COMMENT ON COLUMN @extschema@.organization.legal_name IS 'registered legal name';
COMMENT ON COLUMN @extschema@.organization.sector IS 'business sector, free text';
COMMENT ON COLUMN @extschema@.organization.country IS 'ISO 3166-1 alpha-2 country code of the head office';
COMMENT ON COLUMN @extschema@.organization.currency IS
	'ISO 4217 currency code of every money column of this organization''s rows (asset value, SLE, losses, fines)';
COMMENT ON COLUMN @extschema@.organization.description IS 'what the organization does';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.organization', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.organization_id_seq', '');

-- The current organization: the setting isms.org_id, else the only one.
CREATE FUNCTION @extschema@.current_org() RETURNS bigint
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	setting text := pg_catalog.current_setting('isms.org_id', true);
	result bigint;
	n bigint;
BEGIN
	IF setting IS NOT NULL AND setting <> '' THEN
		BEGIN
			result := setting::bigint;
		EXCEPTION WHEN invalid_text_representation OR numeric_value_out_of_range THEN
			RAISE EXCEPTION 'invalid value for setting "isms.org_id": "%"', setting
				USING ERRCODE = 'invalid_parameter_value',
					  HINT = 'Set it to the id of a row of isms.organization.';
		END;
		RETURN result;
	END IF;
	SELECT pg_catalog.min(id), pg_catalog.count(*) INTO result, n FROM @extschema@.organization;
	IF n = 1 THEN
		RETURN result;
	END IF;
	RAISE EXCEPTION '%', CASE WHEN n = 0 THEN 'no organization exists'
							  ELSE 'more than one organization exists' END
		USING ERRCODE = 'undefined_object',
			  HINT = CASE WHEN n = 0 THEN 'Insert one into isms.organization first.'
						  ELSE 'Choose one with SET isms.org_id = ''<id>''.' END;
END
$$;
COMMENT ON FUNCTION @extschema@.current_org() IS
	'the current organization: the setting isms.org_id, or the only row of isms.organization';

-- Risk matrices (rules, seed and lookup: see the methodology section).
CREATE TABLE @extschema@.risk_matrix (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	name				text NOT NULL,
	version				integer NOT NULL DEFAULT 1 CONSTRAINT risk_matrix_version_positive CHECK (version > 0),
	is_default			boolean NOT NULL DEFAULT false,
	likelihood_levels	integer NOT NULL CONSTRAINT risk_matrix_likelihood_levels_range CHECK (likelihood_levels BETWEEN 2 AND 10),
	impact_levels		integer NOT NULL CONSTRAINT risk_matrix_impact_levels_range CHECK (impact_levels BETWEEN 2 AND 10),
	level_scale			integer NOT NULL DEFAULT 4 CONSTRAINT risk_matrix_level_scale_range CHECK (level_scale BETWEEN 2 AND 10),
	-- grid[likelihood][impact], 1-based
	grid				@extschema@.risk_level[] NOT NULL,
	description			text,
	source				text,
	supersedes			bigint REFERENCES @extschema@.risk_matrix (id),
	seeded				boolean NOT NULL DEFAULT false,
	created_at			timestamptz NOT NULL DEFAULT now(),
	updated_at			timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT risk_matrix_name_version_unique UNIQUE (name, version)
);
COMMENT ON TABLE @extschema@.risk_matrix IS
	'named, versioned risk matrices: grid[likelihood][impact] of risk_level';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_matrix', 'WHERE NOT seeded');

-- Organizational units (departments, teams), nested.
CREATE TABLE @extschema@.org_unit (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	parent_id		bigint,
	name			text NOT NULL CONSTRAINT org_unit_name_not_blank CHECK (btrim(name) <> ''),
	description		text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT org_unit_name_unique UNIQUE (org_id, name),
	CONSTRAINT org_unit_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT org_unit_parent_id_fkey FOREIGN KEY (org_id, parent_id)
		REFERENCES @extschema@.org_unit (org_id, id),
	CONSTRAINT org_unit_parent_not_self CHECK (parent_id <> id)
);
COMMENT ON TABLE @extschema@.org_unit IS
	'organizational units (departments, teams), nested by parent_id without cycles';
COMMENT ON COLUMN @extschema@.org_unit.parent_id IS 'the unit this one belongs to; NULL at the top';
COMMENT ON COLUMN @extschema@.org_unit.name IS 'name, unique in the organization';
COMMENT ON COLUMN @extschema@.org_unit.description IS 'what the unit does';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.org_unit', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.org_unit_id_seq', '');

-- People: employees, contractors and externals who hold roles and own things.
CREATE TABLE @extschema@.person (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	name			text NOT NULL CONSTRAINT person_name_not_blank CHECK (btrim(name) <> ''),
	email			text CONSTRAINT person_email_valid CHECK (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
	job_title		text,
	unit_id			bigint,
	manager_id		bigint,
	employment_type	text NOT NULL DEFAULT 'employee' CONSTRAINT person_employment_type_valid
		CHECK (employment_type IN ('employee', 'contractor', 'temporary', 'intern', 'external')),
	start_date		date,
	end_date		date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT person_email_unique UNIQUE (org_id, email),
	CONSTRAINT person_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT person_unit_id_fkey FOREIGN KEY (org_id, unit_id)
		REFERENCES @extschema@.org_unit (org_id, id),
	CONSTRAINT person_manager_id_fkey FOREIGN KEY (org_id, manager_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT person_manager_not_self CHECK (manager_id <> id),
	CONSTRAINT person_end_after_start CHECK (end_date >= start_date)
);
COMMENT ON TABLE @extschema@.person IS
	'people (component 2): employees, contractors and externals who hold roles, own assets and risks, and train';
COMMENT ON COLUMN @extschema@.person.name IS 'full name';
COMMENT ON COLUMN @extschema@.person.email IS 'e-mail address, unique in the organization';
COMMENT ON COLUMN @extschema@.person.job_title IS 'job title';
COMMENT ON COLUMN @extschema@.person.unit_id IS 'organizational unit (isms.org_unit)';
COMMENT ON COLUMN @extschema@.person.manager_id IS 'line manager (isms.person)';
COMMENT ON COLUMN @extschema@.person.employment_type IS 'employee, contractor, temporary, intern or external';
COMMENT ON COLUMN @extschema@.person.start_date IS 'first day of employment or engagement';
COMMENT ON COLUMN @extschema@.person.end_date IS 'last day; NULL while the person is with the organization';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.person', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.person_id_seq', '');

-- Sites: offices, data centers and other places (component 7; scope "Where").
CREATE TABLE @extschema@.site (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	name			text NOT NULL CONSTRAINT site_name_not_blank CHECK (btrim(name) <> ''),
	kind			text NOT NULL DEFAULT 'office' CONSTRAINT site_kind_valid
		CHECK (kind IN ('office', 'data_center', 'warehouse', 'plant', 'remote', 'cloud_region', 'other')),
	address			text,
	city			text,
	country			text CONSTRAINT site_country_valid CHECK (country ~ '^[A-Z]{2}$'),
	owner_id		bigint,
	description		text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT site_name_unique UNIQUE (org_id, name),
	CONSTRAINT site_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT site_owner_id_fkey FOREIGN KEY (org_id, owner_id)
		REFERENCES @extschema@.person (org_id, id)
);
COMMENT ON TABLE @extschema@.site IS
	'sites: offices, data centers, cloud regions (component 7: physical and environmental security; scope "Where")';
COMMENT ON COLUMN @extschema@.site.name IS 'name, unique in the organization';
COMMENT ON COLUMN @extschema@.site.kind IS 'office, data_center, warehouse, plant, remote, cloud_region or other';
COMMENT ON COLUMN @extschema@.site.address IS 'street address';
COMMENT ON COLUMN @extschema@.site.city IS 'city';
COMMENT ON COLUMN @extschema@.site.country IS 'ISO 3166-1 alpha-2 country code';
COMMENT ON COLUMN @extschema@.site.owner_id IS 'person responsible for the site''s physical security';
COMMENT ON COLUMN @extschema@.site.description IS 'what happens at the site';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.site', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.site_id_seq', '');

CREATE TABLE @extschema@.asset (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	ident			text CONSTRAINT asset_ident_not_blank CHECK (btrim(ident) <> ''),
	name			text NOT NULL CONSTRAINT asset_name_not_blank CHECK (btrim(name) <> ''),
	kind			text NOT NULL DEFAULT 'other' CONSTRAINT asset_kind_valid
		CHECK (kind IN ('information', 'software', 'hardware', 'network', 'service', 'cloud_service',
						'people', 'facility', 'intangible', 'other')),
	description		text,
	owner_id		bigint,
	custodian_id	bigint,
	unit_id			bigint,
	site_id			bigint,
	-- classification and the value of confidentiality, integrity, availability
	classification	text NOT NULL DEFAULT 'internal' CONSTRAINT asset_classification_valid
		CHECK (classification IN ('public', 'internal', 'confidential', 'restricted')),
	confidentiality	@extschema@.impact,
	integrity		@extschema@.impact,
	availability	@extschema@.impact,
	value_amount	numeric(16,2) CONSTRAINT asset_value_amount_nonnegative CHECK (value_amount >= 0),
	-- life cycle
	status			text NOT NULL DEFAULT 'in_use' CONSTRAINT asset_status_valid
		CHECK (status IN ('planned', 'in_use', 'retired', 'disposed')),
	acquired_on		date,
	retired_on		date,
	-- identification of hosts, for scanners and inventories
	hostname		text CONSTRAINT asset_hostname_valid CHECK (hostname ~ '^[A-Za-z0-9_][A-Za-z0-9_.-]*$'),
	fqdn			text CONSTRAINT asset_fqdn_valid CHECK (fqdn ~ '^[A-Za-z0-9_][A-Za-z0-9_.-]*$'),
	ip_address		inet,
	mac_address		macaddr,
	operating_system text,
	external_id		text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT asset_name_unique UNIQUE (org_id, name),
	CONSTRAINT asset_ident_unique UNIQUE (org_id, ident),
	CONSTRAINT asset_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT asset_owner_id_fkey FOREIGN KEY (org_id, owner_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT asset_custodian_id_fkey FOREIGN KEY (org_id, custodian_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT asset_unit_id_fkey FOREIGN KEY (org_id, unit_id)
		REFERENCES @extschema@.org_unit (org_id, id),
	CONSTRAINT asset_site_id_fkey FOREIGN KEY (org_id, site_id)
		REFERENCES @extschema@.site (org_id, id),
	-- a bare level typed without a scale must fit the default scale
	CONSTRAINT asset_confidentiality_on_scale
		CHECK (@extschema@.level(confidentiality) <= @extschema@.scale(confidentiality)),
	CONSTRAINT asset_integrity_on_scale CHECK (@extschema@.level(integrity) <= @extschema@.scale(integrity)),
	CONSTRAINT asset_availability_on_scale CHECK (@extschema@.level(availability) <= @extschema@.scale(availability)),
	CONSTRAINT asset_retired_after_acquired CHECK (retired_on >= acquired_on),
	CONSTRAINT asset_retired_has_date
		CHECK (status NOT IN ('retired', 'disposed') OR retired_on IS NOT NULL)
);
CREATE INDEX asset_ip_address_idx ON @extschema@.asset (ip_address);
CREATE INDEX asset_hostname_idx ON @extschema@.asset (lower(hostname));
COMMENT ON TABLE @extschema@.asset IS
	'information assets and the systems, services, people and facilities that support them (component 4: asset management)';
COMMENT ON COLUMN @extschema@.asset.ident IS 'inventory tag, unique in the organization (for example AST-014)';
COMMENT ON COLUMN @extschema@.asset.name IS 'name, unique in the organization';
COMMENT ON COLUMN @extschema@.asset.kind IS
	'information, software, hardware, network, service, cloud_service, people, facility, intangible or other';
COMMENT ON COLUMN @extschema@.asset.description IS 'what the asset is and does';
COMMENT ON COLUMN @extschema@.asset.owner_id IS 'accountable owner (isms.person), ISO/IEC 27001 A.5.9';
COMMENT ON COLUMN @extschema@.asset.custodian_id IS 'person who operates or keeps the asset day to day';
COMMENT ON COLUMN @extschema@.asset.unit_id IS 'organizational unit that uses the asset';
COMMENT ON COLUMN @extschema@.asset.site_id IS 'where the asset is (isms.site)';
COMMENT ON COLUMN @extschema@.asset.classification IS
	'information classification (A.5.12): public, internal, confidential or restricted';
COMMENT ON COLUMN @extschema@.asset.confidentiality IS 'impact of a loss of confidentiality (isms.impact)';
COMMENT ON COLUMN @extschema@.asset.integrity IS 'impact of a loss of integrity (isms.impact)';
COMMENT ON COLUMN @extschema@.asset.availability IS 'impact of a loss of availability (isms.impact)';
COMMENT ON COLUMN @extschema@.asset.value_amount IS 'money value in the organization''s currency (replacement or business value)';
COMMENT ON COLUMN @extschema@.asset.status IS 'life cycle: planned, in_use, retired or disposed';
COMMENT ON COLUMN @extschema@.asset.acquired_on IS 'date the asset was acquired or went live';
COMMENT ON COLUMN @extschema@.asset.retired_on IS 'date the asset was retired; required once retired or disposed';
COMMENT ON COLUMN @extschema@.asset.hostname IS 'host name (short), to match scanner reports';
COMMENT ON COLUMN @extschema@.asset.fqdn IS 'fully qualified domain name, to match scanner reports';
COMMENT ON COLUMN @extschema@.asset.ip_address IS 'IP address, to match scanner reports';
COMMENT ON COLUMN @extschema@.asset.mac_address IS 'MAC address';
COMMENT ON COLUMN @extschema@.asset.operating_system IS 'operating system and version';
COMMENT ON COLUMN @extschema@.asset.external_id IS 'identifier in another inventory (CMDB, cloud resource id)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.asset', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.asset_id_seq', '');

-- The threat catalog, shared by all organizations (seeded from ISO/IEC 27005).
CREATE TABLE @extschema@.threat (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	ident			text NOT NULL CONSTRAINT threat_ident_unique UNIQUE
		CONSTRAINT threat_ident_not_blank CHECK (btrim(ident) <> ''),
	name			text NOT NULL CONSTRAINT threat_name_unique UNIQUE
		CONSTRAINT threat_name_not_blank CHECK (btrim(name) <> ''),
	category		text NOT NULL CONSTRAINT threat_category_not_blank CHECK (btrim(category) <> ''),
	origins			text[] NOT NULL CONSTRAINT threat_origins_valid
		CHECK (cardinality(origins) > 0
			   AND origins <@ ARRAY['accidental', 'deliberate', 'environmental']),
	description		text,
	source			text,
	seeded			boolean NOT NULL DEFAULT false,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE @extschema@.threat IS
	'threat catalog (risk identification), shared by all organizations; seeded with ISO/IEC 27005 Annex C';
COMMENT ON COLUMN @extschema@.threat.ident IS 'short identifier, unique (for example T.PD.01)';
COMMENT ON COLUMN @extschema@.threat.name IS 'name, unique';
COMMENT ON COLUMN @extschema@.threat.category IS 'threat type (physical damage, natural events, ...)';
COMMENT ON COLUMN @extschema@.threat.origins IS
	'where the threat can come from: any of accidental, deliberate, environmental';
COMMENT ON COLUMN @extschema@.threat.description IS 'what the threat is';
COMMENT ON COLUMN @extschema@.threat.source IS 'where the entry comes from';
COMMENT ON COLUMN @extschema@.threat.seeded IS 'true for rows the extension installs (not dumped)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.threat', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.threat_id_seq', '');

CREATE TABLE @extschema@.risk (
	id						bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id					bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	ident					text CONSTRAINT risk_ident_not_blank CHECK (btrim(ident) <> ''),
	title					text NOT NULL CONSTRAINT risk_title_not_blank CHECK (btrim(title) <> ''),
	description				text,
	category				text CONSTRAINT risk_category_not_blank CHECK (btrim(category) <> ''),
	asset_id				bigint,
	threat_id				bigint CONSTRAINT risk_threat_id_fkey REFERENCES @extschema@.threat (id),
	owner_id				bigint,
	matrix_id				bigint,
	-- qualitative assessment: inherent (no controls), current, residual, target
	-- (levels by the workflow trigger from the matrix, scores generated)
	inherent_likelihood		@extschema@.likelihood,
	inherent_impact			@extschema@.impact,
	inherent_level			@extschema@.risk_level,
	inherent_score			integer GENERATED ALWAYS AS
		(inherent_likelihood OPERATOR(@extschema@.*) inherent_impact) STORED,
	current_likelihood		@extschema@.likelihood,
	current_impact			@extschema@.impact,
	current_level			@extschema@.risk_level,
	current_score			integer GENERATED ALWAYS AS
		(current_likelihood OPERATOR(@extschema@.*) current_impact) STORED,
	residual_likelihood		@extschema@.likelihood,
	residual_impact			@extschema@.impact,
	residual_level			@extschema@.risk_level,
	residual_score			integer GENERATED ALWAYS AS
		(residual_likelihood OPERATOR(@extschema@.*) residual_impact) STORED,
	target_likelihood		@extschema@.likelihood,
	target_impact			@extschema@.impact,
	target_level			@extschema@.risk_level,
	target_score			integer GENERATED ALWAYS AS
		(target_likelihood OPERATOR(@extschema@.*) target_impact) STORED,
	target_justification	text CONSTRAINT risk_target_justification_not_blank
		CHECK (btrim(target_justification) <> ''),
	-- treatment (rules: the risk treatment workflow section)
	treatment				text CONSTRAINT risk_treatment_valid
		CHECK (treatment IN ('accept', 'avoid', 'transfer', 'mitigate', 'monitor')),
	treatment_rationale		text,
	transfer_counterparty	text CONSTRAINT risk_transfer_counterparty_not_blank
		CHECK (btrim(transfer_counterparty) <> ''),
	transfer_supplier_id	bigint,
	transfer_reference		text CONSTRAINT risk_transfer_reference_not_blank
		CHECK (btrim(transfer_reference) <> ''),
	activity_ended_on		date,
	monitor_owner_id		bigint,
	status					text NOT NULL DEFAULT 'identified' CONSTRAINT risk_status_valid
		CHECK (status IN ('identified', 'assessed', 'treatment_planned', 'treated', 'monitored', 'closed')),
	-- dates
	identified_on			date NOT NULL DEFAULT CURRENT_DATE,
	assessed_on				date,
	reviewed_on				date,
	next_review				date,
	closed_on				date,
	-- quantitative assessment (money in the organization's currency)
	sle						numeric(16,2) CONSTRAINT risk_sle_nonnegative CHECK (sle >= 0),
	aro						numeric(12,4) CONSTRAINT risk_aro_nonnegative CHECK (aro >= 0),
	ale						numeric(18,2) GENERATED ALWAYS AS (round(sle * aro, 2)) STORED,
	-- OCTAVE Allegro: probability (impact values per area: isms.risk_octave_impact)
	octave_probability		smallint CONSTRAINT risk_octave_probability_range
		CHECK (octave_probability BETWEEN 1 AND 3),
	-- FAIR: loss event frequency (per year) and loss magnitude (money), as ranges
	fair_lef_min			numeric(12,4),
	fair_lef_likely			numeric(12,4),
	fair_lef_max			numeric(12,4),
	fair_lm_min				numeric(16,2),
	fair_lm_likely			numeric(16,2),
	fair_lm_max				numeric(16,2),
	created_at				timestamptz NOT NULL DEFAULT now(),
	updated_at				timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT risk_ident_unique UNIQUE (org_id, ident),
	CONSTRAINT risk_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT risk_asset_id_fkey FOREIGN KEY (org_id, asset_id)
		REFERENCES @extschema@.asset (org_id, id),
	CONSTRAINT risk_owner_id_fkey FOREIGN KEY (org_id, owner_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT risk_monitor_owner_id_fkey FOREIGN KEY (org_id, monitor_owner_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT risk_inherent_pair
		CHECK ((inherent_likelihood IS NULL) = (inherent_impact IS NULL)),
	CONSTRAINT risk_current_pair
		CHECK ((current_likelihood IS NULL) = (current_impact IS NULL)),
	CONSTRAINT risk_residual_pair
		CHECK ((residual_likelihood IS NULL) = (residual_impact IS NULL)),
	CONSTRAINT risk_target_pair
		CHECK ((target_likelihood IS NULL) = (target_impact IS NULL)),
	CONSTRAINT risk_assessed_needs_inherent
		CHECK (status = 'identified' OR inherent_likelihood IS NOT NULL),
	CONSTRAINT risk_planned_needs_treatment
		CHECK (status IN ('identified', 'assessed') OR treatment IS NOT NULL),
	-- the row-local treatment rules, which the workflow trigger reports
	-- first with its own SQLSTATE and hint; these hold also where the trigger
	-- steps aside (a restore)
	CONSTRAINT risk_residual_within_inherent
		CHECK (residual_level OPERATOR(@extschema@.<=) inherent_level),
	CONSTRAINT risk_target_within_residual
		CHECK (target_level OPERATOR(@extschema@.<=) residual_level OR target_justification IS NOT NULL),
	CONSTRAINT risk_transfer_needs_counterparty
		CHECK (treatment IS DISTINCT FROM 'transfer'
			   OR status NOT IN ('treatment_planned', 'treated', 'monitored')
			   OR ((transfer_supplier_id IS NOT NULL OR transfer_counterparty IS NOT NULL)
				   AND transfer_reference IS NOT NULL)),
	CONSTRAINT risk_avoid_needs_activity_end
		CHECK (treatment IS DISTINCT FROM 'avoid'
			   OR status NOT IN ('treated', 'monitored')
				  AND (activity_ended_on IS NULL OR status <> 'treatment_planned')),
	CONSTRAINT risk_monitor_needs_owner
		CHECK (treatment IS DISTINCT FROM 'monitor'
			   OR status NOT IN ('treatment_planned', 'treated', 'monitored')
			   OR (monitor_owner_id IS NOT NULL AND next_review IS NOT NULL)),
	CONSTRAINT risk_activity_ended_after_identified CHECK (activity_ended_on >= identified_on),
	CONSTRAINT risk_assessed_after_identified CHECK (assessed_on >= identified_on),
	CONSTRAINT risk_reviewed_after_identified CHECK (reviewed_on >= identified_on),
	CONSTRAINT risk_next_review_after_identified CHECK (next_review >= identified_on),
	CONSTRAINT risk_closed_after_identified CHECK (closed_on >= identified_on),
	CONSTRAINT risk_closed_has_date CHECK ((status = 'closed') = (closed_on IS NOT NULL)),
	CONSTRAINT risk_fair_lef_complete
		CHECK (num_nulls(fair_lef_min, fair_lef_likely, fair_lef_max) IN (0, 3)),
	CONSTRAINT risk_fair_lef_order
		CHECK (fair_lef_min >= 0 AND fair_lef_min <= fair_lef_likely AND fair_lef_likely <= fair_lef_max),
	CONSTRAINT risk_fair_lm_complete
		CHECK (num_nulls(fair_lm_min, fair_lm_likely, fair_lm_max) IN (0, 3)),
	CONSTRAINT risk_fair_lm_order
		CHECK (fair_lm_min >= 0 AND fair_lm_min <= fair_lm_likely AND fair_lm_likely <= fair_lm_max)
);
CREATE INDEX risk_asset_idx ON @extschema@.risk (org_id, asset_id);
CREATE INDEX risk_owner_idx ON @extschema@.risk (org_id, owner_id);
COMMENT ON TABLE @extschema@.risk IS
	'the risk register (implementation step 3): one row per risk, with its assessments, treatment and review dates';
COMMENT ON COLUMN @extschema@.risk.ident IS 'risk identifier, unique in the organization (for example R-012)';
COMMENT ON COLUMN @extschema@.risk.title IS 'short statement of the risk';
COMMENT ON COLUMN @extschema@.risk.description IS 'cause, event and consequence';
COMMENT ON COLUMN @extschema@.risk.category IS 'risk category (free text, for example operational, compliance); appetite can differ per category';
COMMENT ON COLUMN @extschema@.risk.asset_id IS 'the asset at risk (isms.asset)';
COMMENT ON COLUMN @extschema@.risk.threat_id IS 'the threat (isms.threat); vulnerabilities are linked in isms.risk_vulnerability';
COMMENT ON COLUMN @extschema@.risk.owner_id IS 'risk owner (isms.person), accountable for the treatment';
COMMENT ON COLUMN @extschema@.risk.matrix_id IS 'the risk matrix version that scored the levels (a reference kept by the workflow trigger, which locks the matrix row, and the matrix guard)';
COMMENT ON COLUMN @extschema@.risk.inherent_likelihood IS 'inherent risk (before any control): likelihood';
COMMENT ON COLUMN @extschema@.risk.inherent_impact IS 'inherent risk (before any control): impact';
COMMENT ON COLUMN @extschema@.risk.inherent_level IS 'inherent risk (before any control): level from the matrix';
COMMENT ON COLUMN @extschema@.risk.current_likelihood IS 'current risk (with the controls in place today): likelihood';
COMMENT ON COLUMN @extschema@.risk.current_impact IS 'current risk (with the controls in place today): impact';
COMMENT ON COLUMN @extschema@.risk.current_level IS 'current risk (with the controls in place today): level from the matrix';
COMMENT ON COLUMN @extschema@.risk.residual_likelihood IS 'residual risk (after the planned treatment): likelihood';
COMMENT ON COLUMN @extschema@.risk.residual_impact IS 'residual risk (after the planned treatment): impact';
COMMENT ON COLUMN @extschema@.risk.residual_level IS 'residual risk (after the planned treatment): level from the matrix';
COMMENT ON COLUMN @extschema@.risk.target_likelihood IS 'target risk (what management wants): likelihood';
COMMENT ON COLUMN @extschema@.risk.target_impact IS 'target risk (what management wants): impact';
COMMENT ON COLUMN @extschema@.risk.target_level IS 'target risk (what management wants): level from the matrix';
COMMENT ON COLUMN @extschema@.risk.inherent_score IS 'inherent likelihood x impact (integer score, generated)';
COMMENT ON COLUMN @extschema@.risk.current_score IS 'current likelihood x impact (integer score, generated)';
COMMENT ON COLUMN @extschema@.risk.residual_score IS 'residual likelihood x impact (integer score, generated)';
COMMENT ON COLUMN @extschema@.risk.target_score IS 'target likelihood x impact (integer score, generated)';
COMMENT ON COLUMN @extschema@.risk.target_justification IS
	'why the target risk may exceed the residual risk (required when it does)';
COMMENT ON COLUMN @extschema@.risk.treatment IS
	'treatment option: accept (ISO retention), avoid, transfer (sharing), mitigate (modification) or monitor';
COMMENT ON COLUMN @extschema@.risk.treatment_rationale IS 'why this treatment option was chosen';
COMMENT ON COLUMN @extschema@.risk.transfer_counterparty IS
	'transfer: the insurer or other party (not a supplier of the register) that takes the risk over';
COMMENT ON COLUMN @extschema@.risk.transfer_supplier_id IS 'transfer: the supplier (isms.supplier) that takes the risk over';
COMMENT ON COLUMN @extschema@.risk.transfer_reference IS 'transfer: the contract or insurance policy reference';
COMMENT ON COLUMN @extschema@.risk.activity_ended_on IS 'avoid: date the activity that caused the risk ended (the risk then closes)';
COMMENT ON COLUMN @extschema@.risk.monitor_owner_id IS 'monitor: who watches the risk (isms.person)';
COMMENT ON COLUMN @extschema@.risk.status IS
	'life cycle: identified, assessed, treatment_planned, treated, monitored, closed';
COMMENT ON COLUMN @extschema@.risk.identified_on IS 'date the risk was identified';
COMMENT ON COLUMN @extschema@.risk.assessed_on IS 'date of the latest assessment';
COMMENT ON COLUMN @extschema@.risk.reviewed_on IS 'date of the latest review';
COMMENT ON COLUMN @extschema@.risk.next_review IS
	'date the next review is due: the latest review or assessment plus the cadence of the level (computed), or an earlier date a client sets';
COMMENT ON COLUMN @extschema@.risk.closed_on IS 'date the risk was closed; set exactly when status is closed';
COMMENT ON COLUMN @extschema@.risk.sle IS 'quantitative: single loss expectancy (money per event)';
COMMENT ON COLUMN @extschema@.risk.aro IS 'quantitative: annualized rate of occurrence (events per year)';
COMMENT ON COLUMN @extschema@.risk.ale IS 'quantitative: annualized loss expectancy = sle * aro (computed)';
COMMENT ON COLUMN @extschema@.risk.octave_probability IS
	'OCTAVE Allegro: probability 1 (low), 2 (medium) or 3 (high); impacts per area in isms.risk_octave_impact';
COMMENT ON COLUMN @extschema@.risk.fair_lef_min IS 'FAIR: loss event frequency per year, minimum';
COMMENT ON COLUMN @extschema@.risk.fair_lef_likely IS 'FAIR: loss event frequency per year, most likely';
COMMENT ON COLUMN @extschema@.risk.fair_lef_max IS 'FAIR: loss event frequency per year, maximum';
COMMENT ON COLUMN @extschema@.risk.fair_lm_min IS 'FAIR: loss magnitude per event (money), minimum';
COMMENT ON COLUMN @extschema@.risk.fair_lm_likely IS 'FAIR: loss magnitude per event (money), most likely';
COMMENT ON COLUMN @extschema@.risk.fair_lm_max IS 'FAIR: loss magnitude per event (money), maximum';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_id_seq', '');

-- Control catalogs: frameworks, nested groups, nested controls (enhancements).
CREATE TABLE @extschema@.framework (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	name			text NOT NULL CONSTRAINT framework_name_unique UNIQUE,
	title			text NOT NULL,
	version			text,
	source			text,
	seeded			boolean NOT NULL DEFAULT false,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE @extschema@.framework IS
	'control frameworks (ISO/IEC 27001:2022 Annex A built in; others imported from OSCAL)';
COMMENT ON COLUMN @extschema@.framework.name IS
	'short name, unique: iso27001-2022 (Annex A controls), iso27001-2013 (the 14 domains)';
COMMENT ON COLUMN @extschema@.framework.title IS 'full title';
COMMENT ON COLUMN @extschema@.framework.version IS 'edition or version';
COMMENT ON COLUMN @extschema@.framework.source IS 'where the catalog comes from';
COMMENT ON COLUMN @extschema@.framework.seeded IS 'true for rows the extension installs (not dumped)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.framework', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.framework_id_seq', '');

CREATE TABLE @extschema@.control_group (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	framework_id	bigint NOT NULL REFERENCES @extschema@.framework (id) ON DELETE CASCADE,
	parent_id		bigint REFERENCES @extschema@.control_group (id) ON DELETE CASCADE,
	ident			text NOT NULL,
	title			text NOT NULL,
	class			text,
	sort_order		integer NOT NULL DEFAULT 0,
	seeded			boolean NOT NULL DEFAULT false,
	CONSTRAINT control_group_ident_unique UNIQUE (framework_id, ident)
);
COMMENT ON TABLE @extschema@.control_group IS 'groups of a framework (themes, families, domains), nested';
COMMENT ON COLUMN @extschema@.control_group.framework_id IS 'the framework';
COMMENT ON COLUMN @extschema@.control_group.parent_id IS 'enclosing group; NULL at the top';
COMMENT ON COLUMN @extschema@.control_group.ident IS 'identifier, unique in the framework (A.5 ... A.8 in iso27001-2022)';
COMMENT ON COLUMN @extschema@.control_group.title IS 'title';
COMMENT ON COLUMN @extschema@.control_group.class IS 'OSCAL class';
COMMENT ON COLUMN @extschema@.control_group.sort_order IS 'position among its siblings';
COMMENT ON COLUMN @extschema@.control_group.seeded IS 'true for rows the extension installs (not dumped)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.control_group', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.control_group_id_seq', '');

CREATE TABLE @extschema@.control (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	framework_id	bigint NOT NULL REFERENCES @extschema@.framework (id) ON DELETE CASCADE,
	group_id		bigint REFERENCES @extschema@.control_group (id) ON DELETE CASCADE,
	parent_id		bigint REFERENCES @extschema@.control (id) ON DELETE CASCADE,
	ident			text NOT NULL,
	title			text NOT NULL,
	class			text,
	statement		text,
	withdrawn		boolean NOT NULL DEFAULT false,
	sort_order		integer NOT NULL DEFAULT 0,
	seeded			boolean NOT NULL DEFAULT false,
	CONSTRAINT control_ident_unique UNIQUE (framework_id, ident)
);
COMMENT ON TABLE @extschema@.control IS
	'controls of a framework; a control with parent_id is an enhancement of its parent';
COMMENT ON COLUMN @extschema@.control.framework_id IS 'the framework';
COMMENT ON COLUMN @extschema@.control.group_id IS 'the group (theme, family) the control is in';
COMMENT ON COLUMN @extschema@.control.parent_id IS 'the control this one enhances; NULL for a base control';
COMMENT ON COLUMN @extschema@.control.ident IS 'identifier, unique in the framework (A.5.1 ... A.8.34 in iso27001-2022)';
COMMENT ON COLUMN @extschema@.control.title IS 'title';
COMMENT ON COLUMN @extschema@.control.class IS 'OSCAL class';
COMMENT ON COLUMN @extschema@.control.statement IS 'control statement, where the catalog provides one';
COMMENT ON COLUMN @extschema@.control.withdrawn IS 'true for a control the framework has withdrawn';
COMMENT ON COLUMN @extschema@.control.sort_order IS 'position in the catalog';
COMMENT ON COLUMN @extschema@.control.seeded IS 'true for rows the extension installs (not dumped)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.control', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.control_id_seq', '');

CREATE TABLE @extschema@.vulnerability (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	asset_id		bigint,
	title			text NOT NULL CONSTRAINT vulnerability_title_not_blank CHECK (btrim(title) <> ''),
	description		text,
	source			text NOT NULL DEFAULT 'other' CONSTRAINT vulnerability_source_valid
		CHECK (source IN ('pentest', 'scanner', 'dlp_scan', 'audit', 'other')),
	-- what found it
	scanner			text,
	plugin_id		text,
	external_id		text,
	cve_ids			text[] NOT NULL DEFAULT '{}' CONSTRAINT vulnerability_cve_ids_valid
		CHECK (array_position(cve_ids, NULL) IS NULL
			   AND array_to_string(cve_ids, ' ') ~ '^(CVE-[0-9]{4}-[0-9]{4,}( |$))*$'),
	port			integer CONSTRAINT vulnerability_port_range CHECK (port BETWEEN 0 AND 65535),
	protocol		text,
	-- how bad it is
	severity		text CONSTRAINT vulnerability_severity_valid
		CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
	cvss_vector		text,
	cvss_score		numeric(3,1) CONSTRAINT vulnerability_cvss_score_range CHECK (cvss_score BETWEEN 0 AND 10),
	solution		text,
	-- where it stands
	status			text NOT NULL DEFAULT 'open' CONSTRAINT vulnerability_status_valid
		CHECK (status IN ('open', 'in_progress', 'fixed', 'accepted', 'false_positive')),
	first_seen		timestamptz,
	last_seen		timestamptz,
	due_on			date,
	resolved_at		timestamptz,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT vulnerability_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT vulnerability_asset_id_fkey FOREIGN KEY (org_id, asset_id)
		REFERENCES @extschema@.asset (org_id, id),
	CONSTRAINT vulnerability_last_seen_after_first CHECK (last_seen >= first_seen),
	CONSTRAINT vulnerability_resolved_after_first_seen CHECK (resolved_at >= first_seen)
);
CREATE INDEX vulnerability_asset_idx ON @extschema@.vulnerability (org_id, asset_id);
COMMENT ON TABLE @extschema@.vulnerability IS
	'vulnerabilities on assets, from pentests, scanners, DLP scans and audits';
COMMENT ON COLUMN @extschema@.vulnerability.asset_id IS 'the affected asset (isms.asset)';
COMMENT ON COLUMN @extschema@.vulnerability.title IS 'short name of the weakness';
COMMENT ON COLUMN @extschema@.vulnerability.description IS 'what is wrong';
COMMENT ON COLUMN @extschema@.vulnerability.source IS 'how it was found: pentest, scanner, dlp_scan, audit or other';
COMMENT ON COLUMN @extschema@.vulnerability.scanner IS 'scanner or tool name (for example nessus, openvas)';
COMMENT ON COLUMN @extschema@.vulnerability.plugin_id IS 'the scanner''s plugin or NVT id';
COMMENT ON COLUMN @extschema@.vulnerability.external_id IS 'identifier of the finding in the tool that reported it';
COMMENT ON COLUMN @extschema@.vulnerability.cve_ids IS 'CVE identifiers (CVE-YYYY-NNNN...)';
COMMENT ON COLUMN @extschema@.vulnerability.port IS 'network port (0 to 65535)';
COMMENT ON COLUMN @extschema@.vulnerability.protocol IS 'network protocol (tcp, udp, ...)';
COMMENT ON COLUMN @extschema@.vulnerability.severity IS 'severity: info, low, medium, high or critical';
COMMENT ON COLUMN @extschema@.vulnerability.cvss_vector IS 'CVSS v3.x or v4.0 vector string';
COMMENT ON COLUMN @extschema@.vulnerability.cvss_score IS 'CVSS base score, 0.0 to 10.0';
COMMENT ON COLUMN @extschema@.vulnerability.solution IS 'how to fix it';
COMMENT ON COLUMN @extschema@.vulnerability.status IS 'open, in_progress, fixed, accepted or false_positive';
COMMENT ON COLUMN @extschema@.vulnerability.first_seen IS 'when it was first seen';
COMMENT ON COLUMN @extschema@.vulnerability.last_seen IS 'when it was last seen';
COMMENT ON COLUMN @extschema@.vulnerability.due_on IS 'date by which it must be fixed';
COMMENT ON COLUMN @extschema@.vulnerability.resolved_at IS 'when it was fixed or otherwise closed';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.vulnerability', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.vulnerability_id_seq', '');

/*
 * ---------------------------------------------------------------------------
 * The register: the 14 framework components and the 7 implementation steps.
 *
 * Every table of user data has id, org_id (default isms.current_org()),
 * created_at and updated_at (kept by a trigger), is registered with
 * pg_extension_config_dump together with its identity sequence, and refers
 * to other register rows by (org_id, x_id), so that no row can point into
 * another organization.  Catalog rows the extension seeds (seeded = true)
 * are left out of dumps: CREATE EXTENSION puts them back.
 * ---------------------------------------------------------------------------
 */

-- Sets updated_at on every UPDATE.
CREATE FUNCTION @extschema@.set_updated_at() RETURNS trigger
	AS 'MODULE_PATHNAME', 'set_updated_at' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.set_updated_at() IS
	'trigger: sets updated_at to the transaction time on every UPDATE of a register row';

/*
 * Rejects a row whose edge (child -> parent) closes a cycle (src/register.c:
 * writers of one table's edges take turns, and the search uses the latest
 * snapshot, so that two concurrent edges cannot close a cycle together).
 * TG_ARGV: child column, parent column, constraint name to report.
 */
CREATE FUNCTION @extschema@.check_acyclic() RETURNS trigger
	AS 'MODULE_PATHNAME', 'check_acyclic' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.check_acyclic() IS
	'trigger: rejects an edge (child column, parent column) that would close a cycle; arguments: child column, parent column, constraint name';
CREATE FUNCTION @extschema@.acyclic_lock() RETURNS trigger
	AS 'MODULE_PATHNAME', 'acyclic_lock' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.acyclic_lock() IS
	'trigger: before a statement writes edges of a table that check_acyclic guards, waits for the writers of its edges before it and makes the later ones wait (a transaction-level lock)';

-- inserts take the lock too, before the statement writes anything: a row
-- already in the table (its name in the unique index, its parent locked by
-- the foreign key's check) could be what the lock's holder waits for
CREATE TRIGGER org_unit_acyclic_lock BEFORE INSERT OR UPDATE OF parent_id ON @extschema@.org_unit
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.acyclic_lock();
CREATE TRIGGER org_unit_acyclic AFTER INSERT OR UPDATE OF parent_id ON @extschema@.org_unit
	FOR EACH ROW EXECUTE FUNCTION @extschema@.check_acyclic('id', 'parent_id', 'org_unit_acyclic');

/* --- The framework's 14 components and the 2013 edition's domains ------- */

CREATE TABLE @extschema@.component (
	id				smallint PRIMARY KEY CONSTRAINT component_id_range CHECK (id BETWEEN 1 AND 14),
	name			text NOT NULL CONSTRAINT component_name_unique UNIQUE,
	description		text NOT NULL,
	domain_group_id	bigint NOT NULL CONSTRAINT component_domain_unique UNIQUE
		REFERENCES @extschema@.control_group (id)
);
COMMENT ON TABLE @extschema@.component IS
	'the 14 components of the ISMS framework, each the domain A.5 to A.18 of ISO/IEC 27001:2013 Annex A (fixed catalog)';
COMMENT ON COLUMN @extschema@.component.id IS 'component number, 1 to 14';
COMMENT ON COLUMN @extschema@.component.name IS 'component name';
COMMENT ON COLUMN @extschema@.component.description IS 'what the component covers';
COMMENT ON COLUMN @extschema@.component.domain_group_id IS
	'the ISO/IEC 27001:2013 domain (isms.control_group of framework iso27001-2013)';

CREATE TABLE @extschema@.control_crosswalk (
	control_id		bigint NOT NULL REFERENCES @extschema@.control (id) ON DELETE CASCADE,
	group_id		bigint NOT NULL REFERENCES @extschema@.control_group (id) ON DELETE CASCADE,
	basis			text NOT NULL CONSTRAINT control_crosswalk_basis_valid
		CHECK (basis IN ('correspondence', 'subject_matter')),
	legacy_controls	text[] NOT NULL DEFAULT '{}',
	seeded			boolean NOT NULL DEFAULT false,
	created_at		timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (control_id, group_id),
	CONSTRAINT control_crosswalk_subject_matter_has_no_legacy
		CHECK (basis = 'correspondence' OR cardinality(legacy_controls) = 0)
);
COMMENT ON TABLE @extschema@.control_crosswalk IS
	'maps a control of one framework to a group of another: each ISO/IEC 27001:2022 control to its 2013 domain(s)';
COMMENT ON COLUMN @extschema@.control_crosswalk.control_id IS 'the control (for example A.8.8 of iso27001-2022)';
COMMENT ON COLUMN @extschema@.control_crosswalk.group_id IS 'the group it maps to (for example A.12 of iso27001-2013)';
COMMENT ON COLUMN @extschema@.control_crosswalk.basis IS
	'correspondence (ISO/IEC 27002:2022 Annex B lists predecessors) or subject_matter (a control new in 2022, placed by topic)';
COMMENT ON COLUMN @extschema@.control_crosswalk.legacy_controls IS
	'the predecessor controls in that group (for example {A.12.6.1})';
COMMENT ON COLUMN @extschema@.control_crosswalk.seeded IS 'true for rows the extension installs (not dumped)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.control_crosswalk', 'WHERE NOT seeded');

/* --- Step 1: scope ------------------------------------------------------- */

CREATE TABLE @extschema@.process (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	name			text NOT NULL CONSTRAINT process_name_not_blank CHECK (btrim(name) <> ''),
	description		text,
	owner_id		bigint,
	unit_id			bigint,
	criticality		text NOT NULL DEFAULT 'medium' CONSTRAINT process_criticality_valid
		CHECK (criticality IN ('low', 'medium', 'high', 'critical')),
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT process_name_unique UNIQUE (org_id, name),
	CONSTRAINT process_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT process_owner_id_fkey FOREIGN KEY (org_id, owner_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT process_unit_id_fkey FOREIGN KEY (org_id, unit_id)
		REFERENCES @extschema@.org_unit (org_id, id)
);
COMMENT ON TABLE @extschema@.process IS 'business processes (scope "How"; continuity planning)';
COMMENT ON COLUMN @extschema@.process.name IS 'name, unique in the organization';
COMMENT ON COLUMN @extschema@.process.description IS 'what the process does';
COMMENT ON COLUMN @extschema@.process.owner_id IS 'process owner (isms.person)';
COMMENT ON COLUMN @extschema@.process.unit_id IS 'organizational unit that runs it';
COMMENT ON COLUMN @extschema@.process.criticality IS 'business criticality: low, medium, high or critical';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.process', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.process_id_seq', '');

CREATE TABLE @extschema@.scope (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	title			text NOT NULL CONSTRAINT scope_title_not_blank CHECK (btrim(title) <> ''),
	version			integer NOT NULL DEFAULT 1 CONSTRAINT scope_version_positive CHECK (version > 0),
	status			text NOT NULL DEFAULT 'draft' CONSTRAINT scope_status_valid
		CHECK (status IN ('draft', 'approved', 'superseded')),
	-- the four questions of the scope statement
	how_text		text,
	what_text		text,
	who_text		text,
	where_text		text,
	interfaces		text,
	approved_by_id	bigint,
	approved_on		date,
	effective_from	date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT scope_version_unique UNIQUE (org_id, title, version),
	CONSTRAINT scope_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT scope_approved_by_id_fkey FOREIGN KEY (org_id, approved_by_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT scope_approval_recorded
		CHECK (status = 'draft' OR (approved_by_id IS NOT NULL AND approved_on IS NOT NULL)),
	CONSTRAINT scope_effective_after_approval CHECK (effective_from >= approved_on)
);
CREATE UNIQUE INDEX scope_one_approved ON @extschema@.scope (org_id) WHERE status = 'approved';
COMMENT ON TABLE @extschema@.scope IS
	'ISMS scope statements (implementation step 1), versioned; at most one approved per organization';
COMMENT ON COLUMN @extschema@.scope.title IS 'title of the scope statement';
COMMENT ON COLUMN @extschema@.scope.version IS 'version number, unique per title';
COMMENT ON COLUMN @extschema@.scope.status IS 'draft, approved or superseded';
COMMENT ON COLUMN @extschema@.scope.how_text IS 'scope "How": the processes and activities covered';
COMMENT ON COLUMN @extschema@.scope.what_text IS 'scope "What": the information, products and services covered';
COMMENT ON COLUMN @extschema@.scope.who_text IS 'scope "Who": the units, people and parties covered';
COMMENT ON COLUMN @extschema@.scope.where_text IS 'scope "Where": the locations and environments covered';
COMMENT ON COLUMN @extschema@.scope.interfaces IS 'interfaces and dependencies with activities outside the scope (ISO/IEC 27001 4.3 c)';
COMMENT ON COLUMN @extschema@.scope.approved_by_id IS 'who approved it; required unless draft';
COMMENT ON COLUMN @extschema@.scope.approved_on IS 'approval date; required unless draft';
COMMENT ON COLUMN @extschema@.scope.effective_from IS 'date the scope takes effect';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scope', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scope_id_seq', '');

CREATE TABLE @extschema@.scope_question (
	key				text PRIMARY KEY,
	position		smallint NOT NULL CONSTRAINT scope_question_position_unique UNIQUE,
	question		text NOT NULL
);
COMMENT ON TABLE @extschema@.scope_question IS 'the seven scoping questions of implementation step 1 (fixed catalog)';
COMMENT ON COLUMN @extschema@.scope_question.key IS 'short key';
COMMENT ON COLUMN @extschema@.scope_question.position IS 'order, 1 to 7';
COMMENT ON COLUMN @extschema@.scope_question.question IS 'the question';

CREATE TABLE @extschema@.scope_answer (
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	scope_id		bigint NOT NULL,
	question		text NOT NULL CONSTRAINT scope_answer_question_fkey
		REFERENCES @extschema@.scope_question (key),
	answer			text NOT NULL CONSTRAINT scope_answer_answer_not_blank CHECK (btrim(answer) <> ''),
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (scope_id, question),
	CONSTRAINT scope_answer_scope_id_fkey FOREIGN KEY (org_id, scope_id)
		REFERENCES @extschema@.scope (org_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.scope_answer IS 'answers of a scope statement to the seven scoping questions';
COMMENT ON COLUMN @extschema@.scope_answer.scope_id IS 'the scope statement';
COMMENT ON COLUMN @extschema@.scope_answer.question IS 'the question (isms.scope_question.key)';
COMMENT ON COLUMN @extschema@.scope_answer.answer IS 'the answer';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scope_answer', '');

CREATE TABLE @extschema@.scope_item (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	scope_id		bigint NOT NULL,
	asset_id		bigint,
	site_id			bigint,
	process_id		bigint,
	unit_id			bigint,
	in_scope		boolean NOT NULL,
	justification	text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT scope_item_scope_id_fkey FOREIGN KEY (org_id, scope_id)
		REFERENCES @extschema@.scope (org_id, id) ON DELETE CASCADE,
	CONSTRAINT scope_item_asset_id_fkey FOREIGN KEY (org_id, asset_id)
		REFERENCES @extschema@.asset (org_id, id),
	CONSTRAINT scope_item_site_id_fkey FOREIGN KEY (org_id, site_id)
		REFERENCES @extschema@.site (org_id, id),
	CONSTRAINT scope_item_process_id_fkey FOREIGN KEY (org_id, process_id)
		REFERENCES @extschema@.process (org_id, id),
	CONSTRAINT scope_item_unit_id_fkey FOREIGN KEY (org_id, unit_id)
		REFERENCES @extschema@.org_unit (org_id, id),
	CONSTRAINT scope_item_one_target CHECK (num_nonnulls(asset_id, site_id, process_id, unit_id) = 1),
	CONSTRAINT scope_item_exclusion_justified
		CHECK (in_scope OR coalesce(btrim(justification), '') <> ''),
	CONSTRAINT scope_item_asset_unique UNIQUE (scope_id, asset_id),
	CONSTRAINT scope_item_site_unique UNIQUE (scope_id, site_id),
	CONSTRAINT scope_item_process_unique UNIQUE (scope_id, process_id),
	CONSTRAINT scope_item_unit_unique UNIQUE (scope_id, unit_id)
);
COMMENT ON TABLE @extschema@.scope_item IS
	'what a scope statement includes or excludes: one asset, site, process or organizational unit per row';
COMMENT ON COLUMN @extschema@.scope_item.scope_id IS 'the scope statement';
COMMENT ON COLUMN @extschema@.scope_item.asset_id IS 'target: an asset (exactly one target per row)';
COMMENT ON COLUMN @extschema@.scope_item.site_id IS 'target: a site';
COMMENT ON COLUMN @extschema@.scope_item.process_id IS 'target: a business process';
COMMENT ON COLUMN @extschema@.scope_item.unit_id IS 'target: an organizational unit';
COMMENT ON COLUMN @extschema@.scope_item.in_scope IS 'true if included, false if excluded';
COMMENT ON COLUMN @extschema@.scope_item.justification IS 'why; required for an exclusion';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scope_item', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scope_item_id_seq', '');

/* --- Component 1, step 2: policies --------------------------------------- */

CREATE TABLE @extschema@.policy (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	code			text NOT NULL CONSTRAINT policy_code_not_blank CHECK (btrim(code) <> ''),
	title			text NOT NULL CONSTRAINT policy_title_not_blank CHECK (btrim(title) <> ''),
	kind			text NOT NULL DEFAULT 'topic_specific' CONSTRAINT policy_kind_valid
		CHECK (kind IN ('information_security_policy', 'topic_specific')),
	version			text NOT NULL DEFAULT '1.0' CONSTRAINT policy_version_valid
		CHECK (version ~ '^[0-9]+(\.[0-9]+)*$'),
	status			text NOT NULL DEFAULT 'draft' CONSTRAINT policy_status_valid
		CHECK (status IN ('draft', 'in_review', 'approved', 'retired')),
	-- the five sections
	introduction	text,
	scope_text		text,
	roles_responsibilities text,
	procedures		text,
	review_update	text,
	-- approval and review
	owner_id		bigint,
	approver_id		bigint,
	approved_on		date,
	review_interval	interval NOT NULL DEFAULT '1 year'
		CONSTRAINT policy_review_interval_positive CHECK (review_interval > '0'),
	next_review		date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT policy_version_unique UNIQUE (org_id, code, version),
	CONSTRAINT policy_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT policy_owner_id_fkey FOREIGN KEY (org_id, owner_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT policy_approver_id_fkey FOREIGN KEY (org_id, approver_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT policy_sections_complete
		CHECK (status = 'draft'
			   OR (coalesce(btrim(introduction), '') <> '' AND coalesce(btrim(scope_text), '') <> ''
				   AND coalesce(btrim(roles_responsibilities), '') <> ''
				   AND coalesce(btrim(procedures), '') <> '' AND coalesce(btrim(review_update), '') <> '')),
	CONSTRAINT policy_approval_recorded
		CHECK (status NOT IN ('approved', 'retired') OR (approver_id IS NOT NULL AND approved_on IS NOT NULL)),
	CONSTRAINT policy_next_review_after_approval CHECK (next_review > approved_on),
	CONSTRAINT policy_next_review_within_interval CHECK (next_review <= approved_on + review_interval)
);
COMMENT ON TABLE @extschema@.policy IS
	'information security policies (component 1, implementation step 2): one row per version of a document';
COMMENT ON COLUMN @extschema@.policy.code IS 'document code (for example POL-01); code and version are unique';
COMMENT ON COLUMN @extschema@.policy.title IS 'title';
COMMENT ON COLUMN @extschema@.policy.kind IS 'information_security_policy (the top-level policy) or topic_specific';
COMMENT ON COLUMN @extschema@.policy.version IS 'version, dotted numbers (1.0, 2.1)';
COMMENT ON COLUMN @extschema@.policy.status IS 'draft, in_review, approved or retired; all five sections are required beyond draft';
COMMENT ON COLUMN @extschema@.policy.introduction IS 'section 1: introduction (purpose, management commitment)';
COMMENT ON COLUMN @extschema@.policy.scope_text IS 'section 2: scope';
COMMENT ON COLUMN @extschema@.policy.roles_responsibilities IS 'section 3: roles and responsibilities';
COMMENT ON COLUMN @extschema@.policy.procedures IS 'section 4: procedures';
COMMENT ON COLUMN @extschema@.policy.review_update IS 'section 5: review and update';
COMMENT ON COLUMN @extschema@.policy.owner_id IS 'document owner (isms.person)';
COMMENT ON COLUMN @extschema@.policy.approver_id IS 'who approved this version; required once approved';
COMMENT ON COLUMN @extschema@.policy.approved_on IS 'approval date; required once approved';
COMMENT ON COLUMN @extschema@.policy.review_interval IS 'how often the policy is reviewed';
COMMENT ON COLUMN @extschema@.policy.next_review IS 'next review date: after approval, within review_interval of it';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.policy', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.policy_id_seq', '');

/* --- Component 2: organization of information security ------------------- */

CREATE TABLE @extschema@.role (
	key				text PRIMARY KEY CONSTRAINT role_key_valid CHECK (key ~ '^[a-z][a-z0-9_]*$'),
	title			text NOT NULL CONSTRAINT role_title_not_blank CHECK (btrim(title) <> ''),
	description		text,
	seeded			boolean NOT NULL DEFAULT false,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE @extschema@.role IS
	'ISMS roles (component 2): six built in (committee_member, security_officer, team_member, risk_owner, control_owner, auditor); more may be added';
COMMENT ON COLUMN @extschema@.role.key IS 'short key, lower case';
COMMENT ON COLUMN @extschema@.role.title IS 'title';
COMMENT ON COLUMN @extschema@.role.description IS 'responsibilities of the role';
COMMENT ON COLUMN @extschema@.role.seeded IS 'true for rows the extension installs (not dumped)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.role', 'WHERE NOT seeded');

CREATE TABLE @extschema@.role_assignment (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	person_id		bigint NOT NULL,
	role			text NOT NULL CONSTRAINT role_assignment_role_fkey REFERENCES @extschema@.role (key),
	unit_id			bigint,
	responsibilities text,
	assigned_on		date NOT NULL DEFAULT CURRENT_DATE,
	ended_on		date,
	appointed_by_id	bigint,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT role_assignment_unique UNIQUE (person_id, role, assigned_on),
	CONSTRAINT role_assignment_person_id_fkey FOREIGN KEY (org_id, person_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT role_assignment_unit_id_fkey FOREIGN KEY (org_id, unit_id)
		REFERENCES @extschema@.org_unit (org_id, id),
	CONSTRAINT role_assignment_appointed_by_id_fkey FOREIGN KEY (org_id, appointed_by_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT role_assignment_ended_after_assigned CHECK (ended_on >= assigned_on)
);
COMMENT ON TABLE @extschema@.role_assignment IS 'who holds which ISMS role, from when to when';
COMMENT ON COLUMN @extschema@.role_assignment.person_id IS 'the person';
COMMENT ON COLUMN @extschema@.role_assignment.role IS 'the role (isms.role.key)';
COMMENT ON COLUMN @extschema@.role_assignment.unit_id IS 'the unit the role covers, if not the whole organization';
COMMENT ON COLUMN @extschema@.role_assignment.responsibilities IS 'responsibilities beyond the role''s description';
COMMENT ON COLUMN @extschema@.role_assignment.assigned_on IS 'first day in the role';
COMMENT ON COLUMN @extschema@.role_assignment.ended_on IS 'last day in the role; NULL while held';
COMMENT ON COLUMN @extschema@.role_assignment.appointed_by_id IS 'who appointed the person';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.role_assignment', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.role_assignment_id_seq', '');

CREATE TABLE @extschema@.policy_acknowledgement (
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	policy_id		bigint NOT NULL,
	person_id		bigint NOT NULL,
	acknowledged_at	timestamptz NOT NULL DEFAULT now(),
	created_at		timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (policy_id, person_id),
	CONSTRAINT policy_acknowledgement_policy_id_fkey FOREIGN KEY (org_id, policy_id)
		REFERENCES @extschema@.policy (org_id, id) ON DELETE CASCADE,
	CONSTRAINT policy_acknowledgement_person_id_fkey FOREIGN KEY (org_id, person_id)
		REFERENCES @extschema@.person (org_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.policy_acknowledgement IS 'who has read and accepted which policy version (A.5.1, A.6.2)';
COMMENT ON COLUMN @extschema@.policy_acknowledgement.policy_id IS 'the policy version';
COMMENT ON COLUMN @extschema@.policy_acknowledgement.person_id IS 'the person';
COMMENT ON COLUMN @extschema@.policy_acknowledgement.acknowledged_at IS 'when';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.policy_acknowledgement', '');

/* --- Component 3, step 6: human resource security ------------------------ */

CREATE TABLE @extschema@.screening (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	person_id		bigint NOT NULL,
	kind			text NOT NULL CONSTRAINT screening_kind_valid
		CHECK (kind IN ('identity', 'employment_history', 'education', 'criminal_record', 'credit',
						'reference', 'other')),
	requested_on	date NOT NULL,
	completed_on	date,
	result			text NOT NULL DEFAULT 'pending' CONSTRAINT screening_result_valid
		CHECK (result IN ('pending', 'passed', 'failed', 'waived')),
	performed_by	text,
	notes			text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT screening_person_id_fkey FOREIGN KEY (org_id, person_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT screening_completed_after_requested CHECK (completed_on >= requested_on),
	CONSTRAINT screening_result_needs_completion CHECK ((result = 'pending') = (completed_on IS NULL))
);
COMMENT ON TABLE @extschema@.screening IS 'background verification checks of people (A.6.1)';
COMMENT ON COLUMN @extschema@.screening.person_id IS 'the person screened';
COMMENT ON COLUMN @extschema@.screening.kind IS
	'identity, employment_history, education, criminal_record, credit, reference or other';
COMMENT ON COLUMN @extschema@.screening.requested_on IS 'date requested';
COMMENT ON COLUMN @extschema@.screening.completed_on IS 'date completed; set exactly when the result is not pending';
COMMENT ON COLUMN @extschema@.screening.result IS 'pending, passed, failed or waived';
COMMENT ON COLUMN @extschema@.screening.performed_by IS 'who performed it (HR, an agency)';
COMMENT ON COLUMN @extschema@.screening.notes IS 'notes';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.screening', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.screening_id_seq', '');

CREATE TABLE @extschema@.training_course (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	title			text NOT NULL CONSTRAINT training_course_title_not_blank CHECK (btrim(title) <> ''),
	kind			text NOT NULL CONSTRAINT training_course_kind_valid
		CHECK (kind IN ('awareness', 'new_employee', 'role_specific')),
	role			text CONSTRAINT training_course_role_fkey REFERENCES @extschema@.role (key),
	description		text,
	duration_minutes integer CONSTRAINT training_course_duration_positive CHECK (duration_minutes > 0),
	renewal_interval interval CONSTRAINT training_course_renewal_positive CHECK (renewal_interval > '0'),
	pass_score		numeric(5,2) CONSTRAINT training_course_pass_score_range CHECK (pass_score BETWEEN 0 AND 100),
	active			boolean NOT NULL DEFAULT true,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT training_course_title_unique UNIQUE (org_id, title),
	CONSTRAINT training_course_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT training_course_role_specific_has_role CHECK ((kind = 'role_specific') = (role IS NOT NULL))
);
COMMENT ON TABLE @extschema@.training_course IS
	'training courses (step 6, A.6.3): awareness, new-employee and role-specific';
COMMENT ON COLUMN @extschema@.training_course.title IS 'title, unique in the organization';
COMMENT ON COLUMN @extschema@.training_course.kind IS 'awareness, new_employee or role_specific';
COMMENT ON COLUMN @extschema@.training_course.role IS 'the role a role-specific course is for (required exactly then)';
COMMENT ON COLUMN @extschema@.training_course.description IS 'content';
COMMENT ON COLUMN @extschema@.training_course.duration_minutes IS 'length in minutes';
COMMENT ON COLUMN @extschema@.training_course.renewal_interval IS 'how often it must be repeated; NULL for once';
COMMENT ON COLUMN @extschema@.training_course.pass_score IS 'score needed to pass, 0 to 100';
COMMENT ON COLUMN @extschema@.training_course.active IS 'false for a course no longer assigned';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.training_course', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.training_course_id_seq', '');

CREATE TABLE @extschema@.training_record (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	person_id		bigint NOT NULL,
	course_id		bigint NOT NULL,
	assigned_on		date NOT NULL DEFAULT CURRENT_DATE,
	due_on			date,
	completed_on	date,
	score			numeric(5,2) CONSTRAINT training_record_score_range CHECK (score BETWEEN 0 AND 100),
	passed			boolean,
	expires_on		date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT training_record_unique UNIQUE (person_id, course_id, assigned_on),
	CONSTRAINT training_record_person_id_fkey FOREIGN KEY (org_id, person_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT training_record_course_id_fkey FOREIGN KEY (org_id, course_id)
		REFERENCES @extschema@.training_course (org_id, id),
	CONSTRAINT training_record_due_after_assigned CHECK (due_on >= assigned_on),
	CONSTRAINT training_record_completed_after_assigned CHECK (completed_on >= assigned_on),
	CONSTRAINT training_record_result_needs_completion
		CHECK (completed_on IS NOT NULL OR (passed IS NULL AND score IS NULL)),
	CONSTRAINT training_record_expires_after_completed CHECK (expires_on > completed_on)
);
COMMENT ON TABLE @extschema@.training_record IS 'training assigned to and completed by people';
COMMENT ON COLUMN @extschema@.training_record.person_id IS 'the trainee';
COMMENT ON COLUMN @extschema@.training_record.course_id IS 'the course';
COMMENT ON COLUMN @extschema@.training_record.assigned_on IS 'date assigned';
COMMENT ON COLUMN @extschema@.training_record.due_on IS 'date it must be completed by';
COMMENT ON COLUMN @extschema@.training_record.completed_on IS 'date completed; NULL while open';
COMMENT ON COLUMN @extschema@.training_record.score IS 'score, 0 to 100; only once completed';
COMMENT ON COLUMN @extschema@.training_record.passed IS 'pass or fail; only once completed';
COMMENT ON COLUMN @extschema@.training_record.expires_on IS 'date the training must be renewed';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.training_record', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.training_record_id_seq', '');

CREATE TABLE @extschema@.termination (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	person_id		bigint NOT NULL,
	kind			text NOT NULL CONSTRAINT termination_kind_valid
		CHECK (kind IN ('resignation', 'dismissal', 'end_of_contract', 'retirement', 'internal_transfer', 'other')),
	notified_on		date NOT NULL,
	last_working_day date NOT NULL,
	access_revoked_at timestamptz,
	assets_returned_on date,
	exit_interview_on date,
	confidentiality_reminded boolean NOT NULL DEFAULT false,
	handled_by_id	bigint,
	notes			text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT termination_unique UNIQUE (person_id, last_working_day),
	CONSTRAINT termination_person_id_fkey FOREIGN KEY (org_id, person_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT termination_handled_by_id_fkey FOREIGN KEY (org_id, handled_by_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT termination_last_day_after_notice CHECK (last_working_day >= notified_on),
	CONSTRAINT termination_access_revoked_after_notice
		CHECK ((access_revoked_at AT TIME ZONE 'UTC')::date >= notified_on),
	CONSTRAINT termination_assets_returned_after_notice CHECK (assets_returned_on >= notified_on),
	CONSTRAINT termination_exit_interview_after_notice CHECK (exit_interview_on >= notified_on)
);
COMMENT ON TABLE @extschema@.termination IS
	'termination or change of employment and its offboarding (A.5.11, A.6.5): access revocation, return of assets';
COMMENT ON COLUMN @extschema@.termination.person_id IS 'the person leaving or changing role';
COMMENT ON COLUMN @extschema@.termination.kind IS
	'resignation, dismissal, end_of_contract, retirement, internal_transfer or other';
COMMENT ON COLUMN @extschema@.termination.notified_on IS 'date of notice';
COMMENT ON COLUMN @extschema@.termination.last_working_day IS 'last working day, on or after notice';
COMMENT ON COLUMN @extschema@.termination.access_revoked_at IS 'when all access was revoked (UTC day on or after notice)';
COMMENT ON COLUMN @extschema@.termination.assets_returned_on IS 'date all assets were returned';
COMMENT ON COLUMN @extschema@.termination.exit_interview_on IS 'date of the exit interview';
COMMENT ON COLUMN @extschema@.termination.confidentiality_reminded IS 'whether continuing confidentiality duties were restated';
COMMENT ON COLUMN @extschema@.termination.handled_by_id IS 'who handled the offboarding';
COMMENT ON COLUMN @extschema@.termination.notes IS 'notes';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.termination', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.termination_id_seq', '');

/* --- Component 4: asset dependencies ------------------------------------- */

CREATE TABLE @extschema@.asset_dependency (
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	asset_id		bigint NOT NULL,
	depends_on_id	bigint NOT NULL,
	kind			text NOT NULL DEFAULT 'requires' CONSTRAINT asset_dependency_kind_valid
		CHECK (kind IN ('requires', 'runs_on', 'stores_data_in', 'connects_to', 'supplied_by')),
	description		text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (asset_id, depends_on_id),
	CONSTRAINT asset_dependency_asset_id_fkey FOREIGN KEY (org_id, asset_id)
		REFERENCES @extschema@.asset (org_id, id) ON DELETE CASCADE,
	CONSTRAINT asset_dependency_depends_on_id_fkey FOREIGN KEY (org_id, depends_on_id)
		REFERENCES @extschema@.asset (org_id, id) ON DELETE CASCADE,
	CONSTRAINT asset_dependency_not_self CHECK (asset_id <> depends_on_id)
);
CREATE INDEX asset_dependency_depends_on_idx ON @extschema@.asset_dependency (depends_on_id);
CREATE TRIGGER asset_dependency_acyclic_lock BEFORE INSERT OR UPDATE OF asset_id, depends_on_id
	ON @extschema@.asset_dependency
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.acyclic_lock();
CREATE TRIGGER asset_dependency_acyclic AFTER INSERT OR UPDATE OF asset_id, depends_on_id
	ON @extschema@.asset_dependency
	FOR EACH ROW EXECUTE FUNCTION @extschema@.check_acyclic('asset_id', 'depends_on_id', 'asset_dependency_acyclic');
COMMENT ON TABLE @extschema@.asset_dependency IS
	'asset A depends on asset B (a service runs on a server, data is stored in a database); no cycles';
COMMENT ON COLUMN @extschema@.asset_dependency.asset_id IS 'the dependent asset';
COMMENT ON COLUMN @extschema@.asset_dependency.depends_on_id IS 'the asset it depends on';
COMMENT ON COLUMN @extschema@.asset_dependency.kind IS 'requires, runs_on, stores_data_in, connects_to or supplied_by';
COMMENT ON COLUMN @extschema@.asset_dependency.description IS 'notes';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.asset_dependency', '');

/* --- Step 3: risk links and assessment inputs ---------------------------- */

CREATE TABLE @extschema@.risk_vulnerability (
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	risk_id			bigint NOT NULL,
	vulnerability_id bigint NOT NULL,
	created_at		timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (risk_id, vulnerability_id),
	CONSTRAINT risk_vulnerability_risk_id_fkey FOREIGN KEY (org_id, risk_id)
		REFERENCES @extschema@.risk (org_id, id) ON DELETE CASCADE,
	CONSTRAINT risk_vulnerability_vulnerability_id_fkey FOREIGN KEY (org_id, vulnerability_id)
		REFERENCES @extschema@.vulnerability (org_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.risk_vulnerability IS 'the vulnerabilities a risk exploits';
COMMENT ON COLUMN @extschema@.risk_vulnerability.risk_id IS 'the risk';
COMMENT ON COLUMN @extschema@.risk_vulnerability.vulnerability_id IS 'the vulnerability';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_vulnerability', '');

CREATE TABLE @extschema@.octave_impact_area (
	id			bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id		bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	name		text NOT NULL CONSTRAINT octave_impact_area_name_valid
		CHECK (name ~ '^[a-z][a-z0-9_]*$'),
	priority	integer NOT NULL CONSTRAINT octave_impact_area_priority_range
		CHECK (priority BETWEEN 1 AND 100),
	user_defined boolean NOT NULL GENERATED ALWAYS AS
		(name NOT IN ('reputation_and_customer_confidence', 'financial', 'productivity',
					  'safety_and_health', 'fines_and_legal_penalties')) STORED,
	description	text,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT octave_impact_area_name_unique UNIQUE (org_id, name),
	CONSTRAINT octave_impact_area_priority_unique UNIQUE (org_id, priority)
		DEFERRABLE INITIALLY IMMEDIATE,
	CONSTRAINT octave_impact_area_org_id_id_key UNIQUE (org_id, id)
);
COMMENT ON TABLE @extschema@.octave_impact_area IS
	'OCTAVE Allegro impact areas of an organization ranked by priority (the most important has the highest)';
COMMENT ON COLUMN @extschema@.octave_impact_area.name IS
	'impact area, a lower-case token: reputation_and_customer_confidence, financial, productivity, safety_and_health, fines_and_legal_penalties, or a user-defined one';
COMMENT ON COLUMN @extschema@.octave_impact_area.priority IS 'rank; the highest number is the most important area';
COMMENT ON COLUMN @extschema@.octave_impact_area.user_defined IS 'true for an area other than the five of OCTAVE Allegro';
COMMENT ON COLUMN @extschema@.octave_impact_area.description IS 'what low, moderate and high impact mean in this area';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.octave_impact_area', '');
SELECT pg_catalog.pg_extension_config_dump(
	pg_catalog.pg_get_serial_sequence('@extschema@.octave_impact_area', 'id')::regclass, '');

CREATE TABLE @extschema@.risk_octave_impact (
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	risk_id			bigint NOT NULL,
	area_id			bigint NOT NULL,
	impact_value	smallint NOT NULL CONSTRAINT risk_octave_impact_value_range CHECK (impact_value BETWEEN 1 AND 3),
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (risk_id, area_id),
	CONSTRAINT risk_octave_impact_risk_id_fkey FOREIGN KEY (org_id, risk_id)
		REFERENCES @extschema@.risk (org_id, id) ON DELETE CASCADE,
	CONSTRAINT risk_octave_impact_area_id_fkey FOREIGN KEY (org_id, area_id)
		REFERENCES @extschema@.octave_impact_area (org_id, id)
);
COMMENT ON TABLE @extschema@.risk_octave_impact IS
	'OCTAVE Allegro: the impact of a risk in each impact area (relative risk score = sum of priority * impact_value)';
COMMENT ON COLUMN @extschema@.risk_octave_impact.risk_id IS 'the risk';
COMMENT ON COLUMN @extschema@.risk_octave_impact.area_id IS 'the impact area';
COMMENT ON COLUMN @extschema@.risk_octave_impact.impact_value IS 'impact in the area: 1 (low), 2 (medium) or 3 (high)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_octave_impact', '');

/* --- Step 4 and 5: controls, Statement of Applicability, treatment ------- */

CREATE TABLE @extschema@.soa (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	control_id		bigint NOT NULL CONSTRAINT soa_control_id_fkey REFERENCES @extschema@.control (id),
	applicable		boolean NOT NULL,
	justification	text NOT NULL CONSTRAINT soa_justification_not_blank CHECK (btrim(justification) <> ''),
	implementation_status text NOT NULL DEFAULT 'not_implemented' CONSTRAINT soa_implementation_status_valid
		CHECK (implementation_status IN ('not_applicable', 'not_implemented', 'planned',
										 'partially_implemented', 'implemented')),
	owner_id		bigint,
	target_date		date,
	implemented_on	date,
	reviewed_on		date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT soa_control_unique UNIQUE (org_id, control_id),
	CONSTRAINT soa_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT soa_owner_id_fkey FOREIGN KEY (org_id, owner_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT soa_status_matches_applicability
		CHECK (applicable = (implementation_status <> 'not_applicable')),
	CONSTRAINT soa_implemented_has_owner
		CHECK (implementation_status NOT IN ('partially_implemented', 'implemented') OR owner_id IS NOT NULL),
	CONSTRAINT soa_implemented_has_date
		CHECK ((implementation_status = 'implemented') = (implemented_on IS NOT NULL))
);
COMMENT ON TABLE @extschema@.soa IS
	'Statement of Applicability (step 5, ISO/IEC 27001 6.1.3 d): per control, applicable or not, why, and how far implemented';
COMMENT ON COLUMN @extschema@.soa.control_id IS 'the control (isms.control), one row per control and organization';
COMMENT ON COLUMN @extschema@.soa.applicable IS 'true if the control is applicable (included)';
COMMENT ON COLUMN @extschema@.soa.justification IS 'why it is included or excluded (required either way)';
COMMENT ON COLUMN @extschema@.soa.implementation_status IS
	'not_applicable (exactly when not applicable), not_implemented, planned, partially_implemented or implemented';
COMMENT ON COLUMN @extschema@.soa.owner_id IS 'control owner; required once (partially) implemented';
COMMENT ON COLUMN @extschema@.soa.target_date IS 'date the implementation is planned to be complete';
COMMENT ON COLUMN @extschema@.soa.implemented_on IS 'date implemented; set exactly when implemented';
COMMENT ON COLUMN @extschema@.soa.reviewed_on IS 'date of the latest review of this entry';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.soa', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.soa_id_seq', '');

CREATE TABLE @extschema@.control_evidence (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	soa_id			bigint NOT NULL,
	title			text NOT NULL CONSTRAINT control_evidence_title_not_blank CHECK (btrim(title) <> ''),
	kind			text NOT NULL DEFAULT 'document' CONSTRAINT control_evidence_kind_valid
		CHECK (kind IN ('document', 'record', 'configuration', 'log', 'report', 'certificate', 'interview', 'other')),
	reference		text,
	collected_on	date NOT NULL,
	collected_by_id	bigint,
	valid_until		date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT control_evidence_soa_id_fkey FOREIGN KEY (org_id, soa_id)
		REFERENCES @extschema@.soa (org_id, id) ON DELETE CASCADE,
	CONSTRAINT control_evidence_collected_by_id_fkey FOREIGN KEY (org_id, collected_by_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT control_evidence_valid_after_collected CHECK (valid_until >= collected_on)
);
COMMENT ON TABLE @extschema@.control_evidence IS 'evidence that a control of the Statement of Applicability is implemented';
COMMENT ON COLUMN @extschema@.control_evidence.soa_id IS 'the SoA entry';
COMMENT ON COLUMN @extschema@.control_evidence.title IS 'what the evidence is';
COMMENT ON COLUMN @extschema@.control_evidence.kind IS
	'document, record, configuration, log, report, certificate, interview or other';
COMMENT ON COLUMN @extschema@.control_evidence.reference IS 'where to find it (document id, URL)';
COMMENT ON COLUMN @extschema@.control_evidence.collected_on IS 'date collected';
COMMENT ON COLUMN @extschema@.control_evidence.collected_by_id IS 'who collected it';
COMMENT ON COLUMN @extschema@.control_evidence.valid_until IS 'date it goes stale';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.control_evidence', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.control_evidence_id_seq', '');

CREATE TABLE @extschema@.risk_control (
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	risk_id			bigint NOT NULL,
	control_id		bigint NOT NULL CONSTRAINT risk_control_control_id_fkey REFERENCES @extschema@.control (id),
	effect			text NOT NULL DEFAULT 'both' CONSTRAINT risk_control_effect_valid
		CHECK (effect IN ('likelihood', 'impact', 'both')),
	note			text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (risk_id, control_id),
	CONSTRAINT risk_control_risk_id_fkey FOREIGN KEY (org_id, risk_id)
		REFERENCES @extschema@.risk (org_id, id) ON DELETE CASCADE
);
CREATE INDEX risk_control_control_idx ON @extschema@.risk_control (control_id);
COMMENT ON TABLE @extschema@.risk_control IS 'the controls that treat a risk (step 4: risk treatment plan)';
COMMENT ON COLUMN @extschema@.risk_control.risk_id IS 'the risk';
COMMENT ON COLUMN @extschema@.risk_control.control_id IS 'the control';
COMMENT ON COLUMN @extschema@.risk_control.effect IS 'what the control reduces: likelihood, impact or both';
COMMENT ON COLUMN @extschema@.risk_control.note IS 'how the control applies to this risk';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_control', '');

CREATE TABLE @extschema@.treatment_action (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	risk_id			bigint NOT NULL,
	title			text NOT NULL CONSTRAINT treatment_action_title_not_blank CHECK (btrim(title) <> ''),
	description		text,
	control_id		bigint CONSTRAINT treatment_action_control_id_fkey REFERENCES @extschema@.control (id),
	owner_id		bigint NOT NULL,
	due_on			date NOT NULL,
	status			text NOT NULL DEFAULT 'planned' CONSTRAINT treatment_action_status_valid
		CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
	started_on		date,
	completed_on	date,
	cost			numeric(16,2) CONSTRAINT treatment_action_cost_nonnegative CHECK (cost >= 0),
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT treatment_action_risk_id_fkey FOREIGN KEY (org_id, risk_id)
		REFERENCES @extschema@.risk (org_id, id) ON DELETE CASCADE,
	CONSTRAINT treatment_action_owner_id_fkey FOREIGN KEY (org_id, owner_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT treatment_action_completed_after_started CHECK (completed_on >= started_on),
	CONSTRAINT treatment_action_done_has_date CHECK ((status = 'done') = (completed_on IS NOT NULL))
);
CREATE INDEX treatment_action_risk_idx ON @extschema@.treatment_action (risk_id);
COMMENT ON TABLE @extschema@.treatment_action IS
	'risk treatment plan (step 4): actions with an owner and a due date';
COMMENT ON COLUMN @extschema@.treatment_action.risk_id IS 'the risk treated';
COMMENT ON COLUMN @extschema@.treatment_action.title IS 'what is to be done';
COMMENT ON COLUMN @extschema@.treatment_action.description IS 'details';
COMMENT ON COLUMN @extschema@.treatment_action.control_id IS 'the control the action implements, if any';
COMMENT ON COLUMN @extschema@.treatment_action.owner_id IS 'who does it (required)';
COMMENT ON COLUMN @extschema@.treatment_action.due_on IS 'due date (required)';
COMMENT ON COLUMN @extschema@.treatment_action.status IS 'planned, in_progress, done or cancelled';
COMMENT ON COLUMN @extschema@.treatment_action.started_on IS 'date work started';
COMMENT ON COLUMN @extschema@.treatment_action.completed_on IS 'date done; set exactly when done';
COMMENT ON COLUMN @extschema@.treatment_action.cost IS 'cost in the organization''s currency';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.treatment_action', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.treatment_action_id_seq', '');

/* --- Component 5: access control ----------------------------------------- */

CREATE TABLE @extschema@.access_review (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	asset_id		bigint NOT NULL,
	reviewer_id		bigint NOT NULL,
	privileged		boolean NOT NULL DEFAULT false,
	period_start	date NOT NULL,
	period_end		date NOT NULL,
	due_on			date,
	performed_on	date,
	status			text NOT NULL DEFAULT 'planned' CONSTRAINT access_review_status_valid
		CHECK (status IN ('planned', 'in_progress', 'completed', 'cancelled')),
	accounts_reviewed integer CONSTRAINT access_review_accounts_reviewed_nonnegative CHECK (accounts_reviewed >= 0),
	accounts_revoked integer CONSTRAINT access_review_accounts_revoked_nonnegative CHECK (accounts_revoked >= 0),
	findings		text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT access_review_asset_id_fkey FOREIGN KEY (org_id, asset_id)
		REFERENCES @extschema@.asset (org_id, id),
	CONSTRAINT access_review_reviewer_id_fkey FOREIGN KEY (org_id, reviewer_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT access_review_period_order CHECK (period_end >= period_start),
	CONSTRAINT access_review_performed_after_period_start CHECK (performed_on >= period_start),
	CONSTRAINT access_review_revoked_within_reviewed CHECK (accounts_revoked <= accounts_reviewed),
	CONSTRAINT access_review_completed_has_result
		CHECK (status <> 'completed' OR (performed_on IS NOT NULL AND accounts_reviewed IS NOT NULL))
);
COMMENT ON TABLE @extschema@.access_review IS
	'reviews of user access rights to a system (component 5: access control, A.5.18, A.8.2)';
COMMENT ON COLUMN @extschema@.access_review.asset_id IS 'the system whose accounts are reviewed';
COMMENT ON COLUMN @extschema@.access_review.reviewer_id IS 'who reviews';
COMMENT ON COLUMN @extschema@.access_review.privileged IS 'true for a review of privileged accounts';
COMMENT ON COLUMN @extschema@.access_review.period_start IS 'start of the period reviewed';
COMMENT ON COLUMN @extschema@.access_review.period_end IS 'end of the period reviewed';
COMMENT ON COLUMN @extschema@.access_review.due_on IS 'date the review is due';
COMMENT ON COLUMN @extschema@.access_review.performed_on IS 'date performed; required once completed';
COMMENT ON COLUMN @extschema@.access_review.status IS 'planned, in_progress, completed or cancelled';
COMMENT ON COLUMN @extschema@.access_review.accounts_reviewed IS 'accounts reviewed; required once completed';
COMMENT ON COLUMN @extschema@.access_review.accounts_revoked IS 'accounts removed or reduced, at most accounts_reviewed';
COMMENT ON COLUMN @extschema@.access_review.findings IS 'findings';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.access_review', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.access_review_id_seq', '');

/* --- Component 6: cryptography ------------------------------------------- */

CREATE TABLE @extschema@.crypto_key (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	name			text NOT NULL CONSTRAINT crypto_key_name_not_blank CHECK (btrim(name) <> ''),
	asset_id		bigint,
	custodian_id	bigint,
	purpose			text NOT NULL CONSTRAINT crypto_key_purpose_valid
		CHECK (purpose IN ('data_encryption', 'key_encryption', 'signing', 'authentication', 'tls',
						   'backup_encryption', 'other')),
	algorithm		text NOT NULL CONSTRAINT crypto_key_algorithm_not_blank CHECK (btrim(algorithm) <> ''),
	key_length		integer CONSTRAINT crypto_key_length_positive CHECK (key_length > 0),
	storage			text NOT NULL CONSTRAINT crypto_key_storage_valid
		CHECK (storage IN ('hsm', 'kms', 'tpm', 'smartcard', 'software', 'other')),
	status			text NOT NULL DEFAULT 'active' CONSTRAINT crypto_key_status_valid
		CHECK (status IN ('pre_active', 'active', 'suspended', 'deactivated', 'compromised', 'destroyed')),
	fingerprint		text,
	created_on		date NOT NULL,
	activated_on	date,
	last_rotated_on	date,
	rotation_interval interval CONSTRAINT crypto_key_rotation_interval_positive CHECK (rotation_interval > '0'),
	next_rotation_on date,
	expires_on		date,
	destroyed_on	date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT crypto_key_name_unique UNIQUE (org_id, name),
	CONSTRAINT crypto_key_asset_id_fkey FOREIGN KEY (org_id, asset_id)
		REFERENCES @extschema@.asset (org_id, id),
	CONSTRAINT crypto_key_custodian_id_fkey FOREIGN KEY (org_id, custodian_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT crypto_key_activated_after_created CHECK (activated_on >= created_on),
	CONSTRAINT crypto_key_rotated_after_created CHECK (last_rotated_on >= created_on),
	CONSTRAINT crypto_key_next_rotation_after_last
		CHECK (next_rotation_on > coalesce(last_rotated_on, activated_on, created_on)),
	CONSTRAINT crypto_key_next_rotation_within_interval
		CHECK (next_rotation_on <= coalesce(last_rotated_on, activated_on, created_on) + rotation_interval),
	CONSTRAINT crypto_key_expires_after_created CHECK (expires_on > created_on),
	CONSTRAINT crypto_key_destroyed_after_created CHECK (destroyed_on >= created_on),
	CONSTRAINT crypto_key_destroyed_has_date CHECK ((status = 'destroyed') = (destroyed_on IS NOT NULL))
);
COMMENT ON TABLE @extschema@.crypto_key IS
	'inventory of cryptographic keys and their life cycle (component 6: cryptography, A.8.24); never the key material';
COMMENT ON COLUMN @extschema@.crypto_key.name IS 'name or alias, unique in the organization';
COMMENT ON COLUMN @extschema@.crypto_key.asset_id IS 'the system that uses the key';
COMMENT ON COLUMN @extschema@.crypto_key.custodian_id IS 'key custodian';
COMMENT ON COLUMN @extschema@.crypto_key.purpose IS
	'data_encryption, key_encryption, signing, authentication, tls, backup_encryption or other';
COMMENT ON COLUMN @extschema@.crypto_key.algorithm IS 'algorithm (for example AES-256-GCM, RSA, Ed25519)';
COMMENT ON COLUMN @extschema@.crypto_key.key_length IS 'key length in bits';
COMMENT ON COLUMN @extschema@.crypto_key.storage IS 'where the key lives: hsm, kms, tpm, smartcard, software or other';
COMMENT ON COLUMN @extschema@.crypto_key.status IS
	'pre_active, active, suspended, deactivated, compromised or destroyed (NIST SP 800-57 key states)';
COMMENT ON COLUMN @extschema@.crypto_key.fingerprint IS 'public fingerprint or key id, to recognize the key';
COMMENT ON COLUMN @extschema@.crypto_key.created_on IS 'date generated';
COMMENT ON COLUMN @extschema@.crypto_key.activated_on IS 'date put into use';
COMMENT ON COLUMN @extschema@.crypto_key.last_rotated_on IS 'date of the latest rotation';
COMMENT ON COLUMN @extschema@.crypto_key.rotation_interval IS 'rotation period';
COMMENT ON COLUMN @extschema@.crypto_key.next_rotation_on IS
	'next rotation date: after the latest rotation (or activation), within rotation_interval of it';
COMMENT ON COLUMN @extschema@.crypto_key.expires_on IS 'end of the cryptoperiod';
COMMENT ON COLUMN @extschema@.crypto_key.destroyed_on IS 'date destroyed; set exactly when destroyed';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.crypto_key', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.crypto_key_id_seq', '');

/* --- Component 7: physical and environmental security -------------------- */

CREATE TABLE @extschema@.site_check (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	site_id			bigint NOT NULL,
	category		text NOT NULL CONSTRAINT site_check_category_valid
		CHECK (category IN ('physical', 'environmental')),
	item			text NOT NULL CONSTRAINT site_check_item_not_blank CHECK (btrim(item) <> ''),
	performed_on	date NOT NULL,
	performed_by_id	bigint,
	result			text NOT NULL CONSTRAINT site_check_result_valid CHECK (result IN ('pass', 'partial', 'fail')),
	findings		text,
	next_due		date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT site_check_site_id_fkey FOREIGN KEY (org_id, site_id)
		REFERENCES @extschema@.site (org_id, id),
	CONSTRAINT site_check_performed_by_id_fkey FOREIGN KEY (org_id, performed_by_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT site_check_failure_has_findings CHECK (result = 'pass' OR coalesce(btrim(findings), '') <> ''),
	CONSTRAINT site_check_next_due_after_performed CHECK (next_due > performed_on)
);
COMMENT ON TABLE @extschema@.site_check IS
	'physical and environmental checks of a site (component 7): entry control, fire suppression, power, cooling, ...';
COMMENT ON COLUMN @extschema@.site_check.site_id IS 'the site';
COMMENT ON COLUMN @extschema@.site_check.category IS 'physical or environmental';
COMMENT ON COLUMN @extschema@.site_check.item IS 'what was checked';
COMMENT ON COLUMN @extschema@.site_check.performed_on IS 'date of the check';
COMMENT ON COLUMN @extschema@.site_check.performed_by_id IS 'who checked';
COMMENT ON COLUMN @extschema@.site_check.result IS 'pass, partial or fail';
COMMENT ON COLUMN @extschema@.site_check.findings IS 'what was found; required unless pass';
COMMENT ON COLUMN @extschema@.site_check.next_due IS 'date of the next check';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.site_check', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.site_check_id_seq', '');

/* --- Component 8: operations security ------------------------------------ */

CREATE TABLE @extschema@.change_request (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	ident			text CONSTRAINT change_request_ident_not_blank CHECK (btrim(ident) <> ''),
	title			text NOT NULL CONSTRAINT change_request_title_not_blank CHECK (btrim(title) <> ''),
	description		text,
	asset_id		bigint,
	kind			text NOT NULL DEFAULT 'normal' CONSTRAINT change_request_kind_valid
		CHECK (kind IN ('standard', 'normal', 'emergency')),
	risk_rating		text CONSTRAINT change_request_risk_rating_valid CHECK (risk_rating IN ('low', 'medium', 'high')),
	status			text NOT NULL DEFAULT 'requested' CONSTRAINT change_request_status_valid
		CHECK (status IN ('requested', 'approved', 'rejected', 'implemented', 'failed', 'rolled_back', 'cancelled')),
	requested_by_id	bigint NOT NULL,
	requested_at	timestamptz NOT NULL DEFAULT now(),
	approver_id		bigint,
	decided_at		timestamptz,
	planned_start	timestamptz,
	planned_end		timestamptz,
	implemented_at	timestamptz,
	rollback_plan	text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT change_request_ident_unique UNIQUE (org_id, ident),
	CONSTRAINT change_request_asset_id_fkey FOREIGN KEY (org_id, asset_id)
		REFERENCES @extschema@.asset (org_id, id),
	CONSTRAINT change_request_requested_by_id_fkey FOREIGN KEY (org_id, requested_by_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT change_request_approver_id_fkey FOREIGN KEY (org_id, approver_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT change_request_approver_not_requester CHECK (approver_id <> requested_by_id),
	CONSTRAINT change_request_decision_recorded
		CHECK (status IN ('requested', 'cancelled') OR (approver_id IS NOT NULL AND decided_at IS NOT NULL)),
	CONSTRAINT change_request_decided_after_requested CHECK (decided_at >= requested_at),
	CONSTRAINT change_request_planned_order CHECK (planned_end >= planned_start),
	CONSTRAINT change_request_implemented_after_requested CHECK (implemented_at >= requested_at),
	CONSTRAINT change_request_implemented_after_approval
		CHECK (kind = 'emergency' OR implemented_at >= decided_at),
	CONSTRAINT change_request_implemented_has_time
		CHECK (status NOT IN ('implemented', 'failed', 'rolled_back') OR implemented_at IS NOT NULL)
);
COMMENT ON TABLE @extschema@.change_request IS
	'changes to systems and their approval (component 8: operations security, A.8.32)';
COMMENT ON COLUMN @extschema@.change_request.ident IS 'change number, unique in the organization';
COMMENT ON COLUMN @extschema@.change_request.title IS 'what changes';
COMMENT ON COLUMN @extschema@.change_request.description IS 'details, reason';
COMMENT ON COLUMN @extschema@.change_request.asset_id IS 'the system changed';
COMMENT ON COLUMN @extschema@.change_request.kind IS
	'standard (pre-approved), normal or emergency (may be implemented before approval)';
COMMENT ON COLUMN @extschema@.change_request.risk_rating IS 'risk of the change: low, medium or high';
COMMENT ON COLUMN @extschema@.change_request.status IS
	'requested, approved, rejected, implemented, failed, rolled_back or cancelled';
COMMENT ON COLUMN @extschema@.change_request.requested_by_id IS 'requester';
COMMENT ON COLUMN @extschema@.change_request.requested_at IS 'when requested';
COMMENT ON COLUMN @extschema@.change_request.approver_id IS 'who approved or rejected (not the requester)';
COMMENT ON COLUMN @extschema@.change_request.decided_at IS 'when approved or rejected';
COMMENT ON COLUMN @extschema@.change_request.planned_start IS 'start of the change window';
COMMENT ON COLUMN @extschema@.change_request.planned_end IS 'end of the change window';
COMMENT ON COLUMN @extschema@.change_request.implemented_at IS 'when implemented (after approval unless emergency)';
COMMENT ON COLUMN @extschema@.change_request.rollback_plan IS 'how to undo it';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.change_request', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.change_request_id_seq', '');

CREATE TABLE @extschema@.backup (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	name			text NOT NULL CONSTRAINT backup_name_not_blank CHECK (btrim(name) <> ''),
	asset_id		bigint NOT NULL,
	method			text NOT NULL CONSTRAINT backup_method_valid
		CHECK (method IN ('full', 'incremental', 'differential', 'snapshot', 'replication')),
	frequency		interval NOT NULL CONSTRAINT backup_frequency_positive CHECK (frequency > '0'),
	retention		interval NOT NULL,
	location		text,
	offsite			boolean NOT NULL DEFAULT false,
	encrypted		boolean NOT NULL DEFAULT false,
	immutable		boolean NOT NULL DEFAULT false,
	owner_id		bigint,
	active			boolean NOT NULL DEFAULT true,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT backup_name_unique UNIQUE (org_id, name),
	CONSTRAINT backup_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT backup_asset_id_fkey FOREIGN KEY (org_id, asset_id)
		REFERENCES @extschema@.asset (org_id, id),
	CONSTRAINT backup_owner_id_fkey FOREIGN KEY (org_id, owner_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT backup_retention_covers_frequency CHECK (retention >= frequency)
);
COMMENT ON TABLE @extschema@.backup IS 'backup jobs (component 8: operations security, A.8.13)';
COMMENT ON COLUMN @extschema@.backup.name IS 'job name, unique in the organization';
COMMENT ON COLUMN @extschema@.backup.asset_id IS 'what is backed up';
COMMENT ON COLUMN @extschema@.backup.method IS 'full, incremental, differential, snapshot or replication';
COMMENT ON COLUMN @extschema@.backup.frequency IS 'how often it runs';
COMMENT ON COLUMN @extschema@.backup.retention IS 'how long copies are kept, at least the frequency';
COMMENT ON COLUMN @extschema@.backup.location IS 'where copies are kept';
COMMENT ON COLUMN @extschema@.backup.offsite IS 'whether a copy is kept off site';
COMMENT ON COLUMN @extschema@.backup.encrypted IS 'whether copies are encrypted';
COMMENT ON COLUMN @extschema@.backup.immutable IS 'whether copies are immutable (write once)';
COMMENT ON COLUMN @extschema@.backup.owner_id IS 'who is responsible';
COMMENT ON COLUMN @extschema@.backup.active IS 'false for a job no longer run';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.backup', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.backup_id_seq', '');

CREATE TABLE @extschema@.restore_test (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	backup_id		bigint NOT NULL,
	tested_on		date NOT NULL,
	performed_by_id	bigint,
	scope			text,
	success			boolean NOT NULL,
	duration		interval CONSTRAINT restore_test_duration_nonnegative CHECK (duration >= '0'),
	data_age		interval CONSTRAINT restore_test_data_age_nonnegative CHECK (data_age >= '0'),
	notes			text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT restore_test_backup_id_fkey FOREIGN KEY (org_id, backup_id)
		REFERENCES @extschema@.backup (org_id, id),
	CONSTRAINT restore_test_performed_by_id_fkey FOREIGN KEY (org_id, performed_by_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT restore_test_failure_has_notes CHECK (success OR coalesce(btrim(notes), '') <> '')
);
COMMENT ON TABLE @extschema@.restore_test IS 'restore tests of backups (A.8.13): does the copy come back, how fast, how old';
COMMENT ON COLUMN @extschema@.restore_test.backup_id IS 'the backup job tested';
COMMENT ON COLUMN @extschema@.restore_test.tested_on IS 'date of the test';
COMMENT ON COLUMN @extschema@.restore_test.performed_by_id IS 'who tested';
COMMENT ON COLUMN @extschema@.restore_test.scope IS 'what was restored';
COMMENT ON COLUMN @extschema@.restore_test.success IS 'whether the restore succeeded';
COMMENT ON COLUMN @extschema@.restore_test.duration IS 'time the restore took (compare with the RTO)';
COMMENT ON COLUMN @extschema@.restore_test.data_age IS 'age of the restored data (compare with the RPO)';
COMMENT ON COLUMN @extschema@.restore_test.notes IS 'notes; required for a failed test';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.restore_test', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.restore_test_id_seq', '');

/* --- Component 9: communications security -------------------------------- */

CREATE TABLE @extschema@.network_zone (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	name			text NOT NULL CONSTRAINT network_zone_name_not_blank CHECK (btrim(name) <> ''),
	trust_level		text NOT NULL CONSTRAINT network_zone_trust_level_valid
		CHECK (trust_level IN ('untrusted', 'dmz', 'internal', 'restricted', 'management')),
	networks		cidr[] NOT NULL DEFAULT '{}'
		CONSTRAINT network_zone_networks_no_null CHECK (array_position(networks, NULL) IS NULL),
	site_id			bigint,
	owner_id		bigint,
	description		text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT network_zone_name_unique UNIQUE (org_id, name),
	CONSTRAINT network_zone_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT network_zone_site_id_fkey FOREIGN KEY (org_id, site_id)
		REFERENCES @extschema@.site (org_id, id),
	CONSTRAINT network_zone_owner_id_fkey FOREIGN KEY (org_id, owner_id)
		REFERENCES @extschema@.person (org_id, id)
);
COMMENT ON TABLE @extschema@.network_zone IS
	'network zones and segments (component 9: communications security, A.8.20 to A.8.22)';
COMMENT ON COLUMN @extschema@.network_zone.name IS 'name, unique in the organization';
COMMENT ON COLUMN @extschema@.network_zone.trust_level IS 'untrusted, dmz, internal, restricted or management';
COMMENT ON COLUMN @extschema@.network_zone.networks IS 'address ranges of the zone';
COMMENT ON COLUMN @extschema@.network_zone.site_id IS 'the site, if the zone is at one';
COMMENT ON COLUMN @extschema@.network_zone.owner_id IS 'who is responsible';
COMMENT ON COLUMN @extschema@.network_zone.description IS 'what runs in the zone';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.network_zone', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.network_zone_id_seq', '');

CREATE TABLE @extschema@.network_protection (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	zone_id			bigint NOT NULL,
	kind			text NOT NULL CONSTRAINT network_protection_kind_valid
		CHECK (kind IN ('firewall', 'ids', 'ips', 'waf', 'vpn', 'tls', 'segmentation', 'nac', 'ddos_protection',
						'proxy', 'email_filter', 'other')),
	asset_id		bigint,
	description		text,
	status			text NOT NULL DEFAULT 'active' CONSTRAINT network_protection_status_valid
		CHECK (status IN ('planned', 'active', 'retired')),
	last_verified_on date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT network_protection_zone_id_fkey FOREIGN KEY (org_id, zone_id)
		REFERENCES @extschema@.network_zone (org_id, id) ON DELETE CASCADE,
	CONSTRAINT network_protection_asset_id_fkey FOREIGN KEY (org_id, asset_id)
		REFERENCES @extschema@.asset (org_id, id)
);
COMMENT ON TABLE @extschema@.network_protection IS
	'protections of a network zone: firewalls, intrusion detection, encryption in transit, ...';
COMMENT ON COLUMN @extschema@.network_protection.zone_id IS 'the zone protected';
COMMENT ON COLUMN @extschema@.network_protection.kind IS
	'firewall, ids, ips, waf, vpn, tls, segmentation, nac, ddos_protection, proxy, email_filter or other';
COMMENT ON COLUMN @extschema@.network_protection.asset_id IS 'the device or service that provides it';
COMMENT ON COLUMN @extschema@.network_protection.description IS 'details (rule set, product)';
COMMENT ON COLUMN @extschema@.network_protection.status IS 'planned, active or retired';
COMMENT ON COLUMN @extschema@.network_protection.last_verified_on IS 'date last verified to work';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.network_protection', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.network_protection_id_seq', '');

/* --- Component 10: system acquisition, development and maintenance ------- */

CREATE TABLE @extschema@.security_requirement (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	asset_id		bigint NOT NULL,
	ident			text NOT NULL CONSTRAINT security_requirement_ident_not_blank CHECK (btrim(ident) <> ''),
	title			text NOT NULL CONSTRAINT security_requirement_title_not_blank CHECK (btrim(title) <> ''),
	description		text,
	source			text NOT NULL DEFAULT 'policy' CONSTRAINT security_requirement_source_valid
		CHECK (source IN ('policy', 'regulation', 'contract', 'risk_assessment', 'threat_model', 'standard', 'other')),
	priority		text NOT NULL DEFAULT 'must' CONSTRAINT security_requirement_priority_valid
		CHECK (priority IN ('must', 'should', 'could')),
	status			text NOT NULL DEFAULT 'proposed' CONSTRAINT security_requirement_status_valid
		CHECK (status IN ('proposed', 'accepted', 'implemented', 'verified', 'rejected')),
	control_id		bigint CONSTRAINT security_requirement_control_id_fkey REFERENCES @extschema@.control (id),
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT security_requirement_ident_unique UNIQUE (org_id, asset_id, ident),
	CONSTRAINT security_requirement_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT security_requirement_asset_id_fkey FOREIGN KEY (org_id, asset_id)
		REFERENCES @extschema@.asset (org_id, id)
);
COMMENT ON TABLE @extschema@.security_requirement IS
	'security requirements of systems acquired or developed (component 10, A.8.26)';
COMMENT ON COLUMN @extschema@.security_requirement.asset_id IS 'the system (isms.asset)';
COMMENT ON COLUMN @extschema@.security_requirement.ident IS 'requirement id, unique per system';
COMMENT ON COLUMN @extschema@.security_requirement.title IS 'the requirement';
COMMENT ON COLUMN @extschema@.security_requirement.description IS 'details, acceptance criteria';
COMMENT ON COLUMN @extschema@.security_requirement.source IS
	'policy, regulation, contract, risk_assessment, threat_model, standard or other';
COMMENT ON COLUMN @extschema@.security_requirement.priority IS 'must, should or could';
COMMENT ON COLUMN @extschema@.security_requirement.status IS 'proposed, accepted, implemented, verified or rejected';
COMMENT ON COLUMN @extschema@.security_requirement.control_id IS 'the control the requirement implements, if any';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.security_requirement', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.security_requirement_id_seq', '');

CREATE TABLE @extschema@.security_test (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	asset_id		bigint NOT NULL,
	requirement_id	bigint,
	kind			text NOT NULL CONSTRAINT security_test_kind_valid
		CHECK (kind IN ('sast', 'dast', 'sca', 'penetration_test', 'code_review', 'fuzzing', 'acceptance', 'other')),
	performed_on	date NOT NULL,
	tester			text,
	result			text NOT NULL CONSTRAINT security_test_result_valid CHECK (result IN ('pass', 'partial', 'fail')),
	findings_count	integer NOT NULL DEFAULT 0 CONSTRAINT security_test_findings_nonnegative CHECK (findings_count >= 0),
	critical_findings integer NOT NULL DEFAULT 0
		CONSTRAINT security_test_critical_findings_nonnegative CHECK (critical_findings >= 0),
	report_ref		text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT security_test_asset_id_fkey FOREIGN KEY (org_id, asset_id)
		REFERENCES @extschema@.asset (org_id, id),
	CONSTRAINT security_test_requirement_id_fkey FOREIGN KEY (org_id, requirement_id)
		REFERENCES @extschema@.security_requirement (org_id, id),
	CONSTRAINT security_test_critical_within_findings CHECK (critical_findings <= greatest(findings_count, 0)),
	CONSTRAINT security_test_pass_has_no_findings CHECK (result <> 'pass' OR critical_findings = 0)
);
COMMENT ON TABLE @extschema@.security_test IS
	'security tests of systems under development or acquisition (component 10, A.8.29)';
COMMENT ON COLUMN @extschema@.security_test.asset_id IS 'the system tested';
COMMENT ON COLUMN @extschema@.security_test.requirement_id IS 'the requirement verified, if any';
COMMENT ON COLUMN @extschema@.security_test.kind IS
	'sast, dast, sca, penetration_test, code_review, fuzzing, acceptance or other';
COMMENT ON COLUMN @extschema@.security_test.performed_on IS 'date of the test';
COMMENT ON COLUMN @extschema@.security_test.tester IS 'who tested (team or firm)';
COMMENT ON COLUMN @extschema@.security_test.result IS 'pass (no critical findings), partial or fail';
COMMENT ON COLUMN @extschema@.security_test.findings_count IS 'number of findings';
COMMENT ON COLUMN @extschema@.security_test.critical_findings IS 'number of critical findings, at most findings_count';
COMMENT ON COLUMN @extschema@.security_test.report_ref IS 'where the report is';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.security_test', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.security_test_id_seq', '');

/* --- Component 11: supplier relationships -------------------------------- */

CREATE TABLE @extschema@.supplier (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	name			text NOT NULL CONSTRAINT supplier_name_not_blank CHECK (btrim(name) <> ''),
	kind			text NOT NULL DEFAULT 'other' CONSTRAINT supplier_kind_valid
		CHECK (kind IN ('cloud', 'software', 'hardware', 'professional_services', 'outsourcing', 'telecom',
						'facilities', 'logistics', 'other')),
	criticality		text NOT NULL CONSTRAINT supplier_criticality_valid
		CHECK (criticality IN ('low', 'medium', 'high', 'critical')),
	status			text NOT NULL DEFAULT 'active' CONSTRAINT supplier_status_valid
		CHECK (status IN ('prospective', 'active', 'suspended', 'terminated')),
	processes_personal_data boolean NOT NULL DEFAULT false,
	country			text CONSTRAINT supplier_country_valid CHECK (country ~ '^[A-Z]{2}$'),
	contact_name	text,
	contact_email	text CONSTRAINT supplier_contact_email_valid CHECK (contact_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
	owner_id		bigint,
	contract_start	date,
	contract_end	date,
	certifications	text[] NOT NULL DEFAULT '{}',
	description		text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT supplier_name_unique UNIQUE (org_id, name),
	CONSTRAINT supplier_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT supplier_owner_id_fkey FOREIGN KEY (org_id, owner_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT supplier_contract_order CHECK (contract_end >= contract_start)
);
COMMENT ON TABLE @extschema@.supplier IS 'suppliers (component 11: supplier relationships, A.5.19 to A.5.23)';
COMMENT ON COLUMN @extschema@.supplier.name IS 'name, unique in the organization';
COMMENT ON COLUMN @extschema@.supplier.kind IS
	'cloud, software, hardware, professional_services, outsourcing, telecom, facilities, logistics or other';
COMMENT ON COLUMN @extschema@.supplier.criticality IS 'how much the organization depends on it: low, medium, high or critical';
COMMENT ON COLUMN @extschema@.supplier.status IS 'prospective, active, suspended or terminated';
COMMENT ON COLUMN @extschema@.supplier.processes_personal_data IS 'whether it processes personal data for the organization';
COMMENT ON COLUMN @extschema@.supplier.country IS 'ISO 3166-1 alpha-2 country code';
COMMENT ON COLUMN @extschema@.supplier.contact_name IS 'security contact';
COMMENT ON COLUMN @extschema@.supplier.contact_email IS 'security contact e-mail';
COMMENT ON COLUMN @extschema@.supplier.owner_id IS 'who manages the relationship';
COMMENT ON COLUMN @extschema@.supplier.contract_start IS 'contract start';
COMMENT ON COLUMN @extschema@.supplier.contract_end IS 'contract end';
COMMENT ON COLUMN @extschema@.supplier.certifications IS 'certifications held (ISO/IEC 27001, SOC 2 Type II, ...)';
COMMENT ON COLUMN @extschema@.supplier.description IS 'what the supplier does for the organization';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_id_seq', '');

CREATE TABLE @extschema@.supplier_service (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	supplier_id		bigint NOT NULL,
	name			text NOT NULL CONSTRAINT supplier_service_name_not_blank CHECK (btrim(name) <> ''),
	description		text,
	asset_id		bigint,
	data_classification text CONSTRAINT supplier_service_data_classification_valid
		CHECK (data_classification IN ('public', 'internal', 'confidential', 'restricted')),
	start_on		date,
	end_on			date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT supplier_service_name_unique UNIQUE (supplier_id, name),
	CONSTRAINT supplier_service_supplier_id_fkey FOREIGN KEY (org_id, supplier_id)
		REFERENCES @extschema@.supplier (org_id, id) ON DELETE CASCADE,
	CONSTRAINT supplier_service_asset_id_fkey FOREIGN KEY (org_id, asset_id)
		REFERENCES @extschema@.asset (org_id, id),
	CONSTRAINT supplier_service_end_after_start CHECK (end_on >= start_on)
);
COMMENT ON TABLE @extschema@.supplier_service IS 'services a supplier provides';
COMMENT ON COLUMN @extschema@.supplier_service.supplier_id IS 'the supplier';
COMMENT ON COLUMN @extschema@.supplier_service.name IS 'service name, unique per supplier';
COMMENT ON COLUMN @extschema@.supplier_service.description IS 'what the service is';
COMMENT ON COLUMN @extschema@.supplier_service.asset_id IS 'the service as an asset of the register, if recorded';
COMMENT ON COLUMN @extschema@.supplier_service.data_classification IS
	'highest classification of information the service handles';
COMMENT ON COLUMN @extschema@.supplier_service.start_on IS 'start of service';
COMMENT ON COLUMN @extschema@.supplier_service.end_on IS 'end of service';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_service', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_service_id_seq', '');

CREATE TABLE @extschema@.supplier_requirement (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	supplier_id		bigint NOT NULL,
	requirement		text NOT NULL CONSTRAINT supplier_requirement_requirement_not_blank CHECK (btrim(requirement) <> ''),
	contract_clause	text,
	control_id		bigint CONSTRAINT supplier_requirement_control_id_fkey REFERENCES @extschema@.control (id),
	status			text NOT NULL DEFAULT 'agreed' CONSTRAINT supplier_requirement_status_valid
		CHECK (status IN ('proposed', 'agreed', 'met', 'not_met', 'waived')),
	verified_on		date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT supplier_requirement_supplier_id_fkey FOREIGN KEY (org_id, supplier_id)
		REFERENCES @extschema@.supplier (org_id, id) ON DELETE CASCADE,
	CONSTRAINT supplier_requirement_verified_has_date
		CHECK (status NOT IN ('met', 'not_met') OR verified_on IS NOT NULL)
);
COMMENT ON TABLE @extschema@.supplier_requirement IS 'security requirements agreed with a supplier (A.5.20)';
COMMENT ON COLUMN @extschema@.supplier_requirement.supplier_id IS 'the supplier';
COMMENT ON COLUMN @extschema@.supplier_requirement.requirement IS 'the requirement';
COMMENT ON COLUMN @extschema@.supplier_requirement.contract_clause IS 'where the contract states it';
COMMENT ON COLUMN @extschema@.supplier_requirement.control_id IS 'the control it supports, if any';
COMMENT ON COLUMN @extschema@.supplier_requirement.status IS 'proposed, agreed, met, not_met or waived';
COMMENT ON COLUMN @extschema@.supplier_requirement.verified_on IS 'date verified; required for met and not_met';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_requirement', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_requirement_id_seq', '');

CREATE TABLE @extschema@.supplier_assessment (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	supplier_id		bigint NOT NULL,
	kind			text NOT NULL CONSTRAINT supplier_assessment_kind_valid
		CHECK (kind IN ('questionnaire', 'document_review', 'certificate_review', 'remote_audit', 'onsite_audit',
						'penetration_test')),
	performed_on	date NOT NULL,
	assessor_id		bigint,
	result			text NOT NULL CONSTRAINT supplier_assessment_result_valid
		CHECK (result IN ('satisfactory', 'conditional', 'unsatisfactory')),
	score			numeric(5,2) CONSTRAINT supplier_assessment_score_range CHECK (score BETWEEN 0 AND 100),
	findings		text,
	next_due		date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT supplier_assessment_supplier_id_fkey FOREIGN KEY (org_id, supplier_id)
		REFERENCES @extschema@.supplier (org_id, id),
	CONSTRAINT supplier_assessment_assessor_id_fkey FOREIGN KEY (org_id, assessor_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT supplier_assessment_next_due_after_performed CHECK (next_due > performed_on),
	CONSTRAINT supplier_assessment_concern_has_findings
		CHECK (result = 'satisfactory' OR coalesce(btrim(findings), '') <> '')
);
COMMENT ON TABLE @extschema@.supplier_assessment IS 'assessments and audits of suppliers (A.5.22)';
COMMENT ON COLUMN @extschema@.supplier_assessment.supplier_id IS 'the supplier';
COMMENT ON COLUMN @extschema@.supplier_assessment.kind IS
	'questionnaire, document_review, certificate_review, remote_audit, onsite_audit or penetration_test';
COMMENT ON COLUMN @extschema@.supplier_assessment.performed_on IS 'date';
COMMENT ON COLUMN @extschema@.supplier_assessment.assessor_id IS 'who assessed';
COMMENT ON COLUMN @extschema@.supplier_assessment.result IS 'satisfactory, conditional or unsatisfactory';
COMMENT ON COLUMN @extschema@.supplier_assessment.score IS 'score, 0 to 100';
COMMENT ON COLUMN @extschema@.supplier_assessment.findings IS 'findings; required unless satisfactory';
COMMENT ON COLUMN @extschema@.supplier_assessment.next_due IS 'date of the next assessment';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_assessment', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_assessment_id_seq', '');

CREATE TABLE @extschema@.supplier_training (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	supplier_id		bigint NOT NULL,
	course_id		bigint NOT NULL,
	delivered_on	date NOT NULL,
	participants	integer NOT NULL CONSTRAINT supplier_training_participants_positive CHECK (participants > 0),
	notes			text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT supplier_training_supplier_id_fkey FOREIGN KEY (org_id, supplier_id)
		REFERENCES @extschema@.supplier (org_id, id),
	CONSTRAINT supplier_training_course_id_fkey FOREIGN KEY (org_id, course_id)
		REFERENCES @extschema@.training_course (org_id, id)
);
COMMENT ON TABLE @extschema@.supplier_training IS 'training given to a supplier''s staff';
COMMENT ON COLUMN @extschema@.supplier_training.supplier_id IS 'the supplier';
COMMENT ON COLUMN @extschema@.supplier_training.course_id IS 'the course';
COMMENT ON COLUMN @extschema@.supplier_training.delivered_on IS 'date delivered';
COMMENT ON COLUMN @extschema@.supplier_training.participants IS 'number of participants';
COMMENT ON COLUMN @extschema@.supplier_training.notes IS 'notes';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_training', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_training_id_seq', '');

/* --- Component 12: incident management ----------------------------------- */

CREATE TABLE @extschema@.incident (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	ident			text CONSTRAINT incident_ident_not_blank CHECK (btrim(ident) <> ''),
	title			text NOT NULL CONSTRAINT incident_title_not_blank CHECK (btrim(title) <> ''),
	description		text,
	category		text NOT NULL CONSTRAINT incident_category_valid
		CHECK (category IN ('malware', 'phishing', 'unauthorized_access', 'data_breach', 'denial_of_service',
							'loss_or_theft', 'misconfiguration', 'insider', 'physical', 'availability', 'other')),
	severity		text NOT NULL CONSTRAINT incident_severity_valid
		CHECK (severity IN ('low', 'medium', 'high', 'critical')),
	status			text NOT NULL DEFAULT 'new' CONSTRAINT incident_status_valid
		CHECK (status IN ('new', 'triaged', 'investigating', 'contained', 'resolved', 'closed')),
	-- the time line, in this order
	occurred_at		timestamptz,
	detected_at		timestamptz NOT NULL,
	reported_at		timestamptz,
	responded_at	timestamptz,
	contained_at	timestamptz,
	resolved_at		timestamptz,
	closed_at		timestamptz,
	-- people
	reporter_id		bigint,
	reporter_external text,
	handler_id		bigint,
	-- consequences
	personal_data_breach boolean NOT NULL DEFAULT false,
	authority_notified_at timestamptz,
	loss_amount		numeric(16,2) CONSTRAINT incident_loss_amount_nonnegative CHECK (loss_amount >= 0),
	root_cause		text,
	lessons_learned	text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT incident_ident_unique UNIQUE (org_id, ident),
	CONSTRAINT incident_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT incident_reporter_id_fkey FOREIGN KEY (org_id, reporter_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT incident_handler_id_fkey FOREIGN KEY (org_id, handler_id)
		REFERENCES @extschema@.person (org_id, id),
	-- each time is at or after the latest earlier time that is known
	CONSTRAINT incident_detected_after_occurred CHECK (detected_at >= occurred_at),
	CONSTRAINT incident_reported_after_detected CHECK (reported_at >= detected_at),
	CONSTRAINT incident_responded_after_reported CHECK (responded_at >= coalesce(reported_at, detected_at)),
	CONSTRAINT incident_contained_after_responded
		CHECK (contained_at >= coalesce(responded_at, reported_at, detected_at)),
	CONSTRAINT incident_resolved_after_contained
		CHECK (resolved_at >= coalesce(contained_at, responded_at, reported_at, detected_at)),
	CONSTRAINT incident_closed_after_resolved
		CHECK (closed_at >= coalesce(resolved_at, contained_at, responded_at, reported_at, detected_at)),
	CONSTRAINT incident_authority_notified_after_detected CHECK (authority_notified_at >= detected_at),
	-- the status agrees with the time line
	CONSTRAINT incident_investigating_has_response
		CHECK (status IN ('new', 'triaged') OR responded_at IS NOT NULL),
	CONSTRAINT incident_contained_has_time CHECK (status <> 'contained' OR contained_at IS NOT NULL),
	CONSTRAINT incident_resolved_has_time
		CHECK (status NOT IN ('resolved', 'closed') OR resolved_at IS NOT NULL),
	CONSTRAINT incident_closed_has_time CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX incident_detected_idx ON @extschema@.incident (org_id, detected_at);
COMMENT ON TABLE @extschema@.incident IS
	'information security incidents (component 12: incident management) with their time line';
COMMENT ON COLUMN @extschema@.incident.ident IS 'incident number, unique in the organization';
COMMENT ON COLUMN @extschema@.incident.title IS 'short description';
COMMENT ON COLUMN @extschema@.incident.description IS 'what happened';
COMMENT ON COLUMN @extschema@.incident.category IS
	'malware, phishing, unauthorized_access, data_breach, denial_of_service, loss_or_theft, misconfiguration, insider, physical, availability or other';
COMMENT ON COLUMN @extschema@.incident.severity IS 'low, medium, high or critical';
COMMENT ON COLUMN @extschema@.incident.status IS 'new, triaged, investigating, contained, resolved or closed';
COMMENT ON COLUMN @extschema@.incident.occurred_at IS 'time line 1: when it happened (if known)';
COMMENT ON COLUMN @extschema@.incident.detected_at IS 'time line 2: when it was detected (required)';
COMMENT ON COLUMN @extschema@.incident.reported_at IS 'time line 3: when it was reported to the incident team';
COMMENT ON COLUMN @extschema@.incident.responded_at IS 'time line 4: when the response started';
COMMENT ON COLUMN @extschema@.incident.contained_at IS 'time line 5: when it was contained';
COMMENT ON COLUMN @extschema@.incident.resolved_at IS 'time line 6: when it was resolved (recovered)';
COMMENT ON COLUMN @extschema@.incident.closed_at IS 'time line 7: when the record was closed';
COMMENT ON COLUMN @extschema@.incident.reporter_id IS 'who reported it (isms.person)';
COMMENT ON COLUMN @extschema@.incident.reporter_external IS 'who reported it, if not a person of the register (customer, researcher)';
COMMENT ON COLUMN @extschema@.incident.handler_id IS 'incident handler';
COMMENT ON COLUMN @extschema@.incident.personal_data_breach IS 'whether personal data was breached';
COMMENT ON COLUMN @extschema@.incident.authority_notified_at IS 'when the supervisory authority was notified';
COMMENT ON COLUMN @extschema@.incident.loss_amount IS 'loss in the organization''s currency';
COMMENT ON COLUMN @extschema@.incident.root_cause IS 'root cause';
COMMENT ON COLUMN @extschema@.incident.lessons_learned IS 'lessons learned (A.5.27)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.incident', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.incident_id_seq', '');

CREATE TABLE @extschema@.incident_action (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	incident_id		bigint NOT NULL,
	kind			text NOT NULL CONSTRAINT incident_action_kind_valid
		CHECK (kind IN ('investigation', 'containment', 'eradication', 'recovery', 'communication', 'lessons_learned')),
	description		text NOT NULL CONSTRAINT incident_action_description_not_blank CHECK (btrim(description) <> ''),
	owner_id		bigint,
	status			text NOT NULL DEFAULT 'open' CONSTRAINT incident_action_status_valid
		CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
	started_at		timestamptz,
	completed_at	timestamptz,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT incident_action_incident_id_fkey FOREIGN KEY (org_id, incident_id)
		REFERENCES @extschema@.incident (org_id, id) ON DELETE CASCADE,
	CONSTRAINT incident_action_owner_id_fkey FOREIGN KEY (org_id, owner_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT incident_action_completed_after_started CHECK (completed_at >= started_at),
	CONSTRAINT incident_action_done_has_time CHECK ((status = 'done') = (completed_at IS NOT NULL))
);
COMMENT ON TABLE @extschema@.incident_action IS 'investigation, containment, recovery and other actions on an incident';
COMMENT ON COLUMN @extschema@.incident_action.incident_id IS 'the incident';
COMMENT ON COLUMN @extschema@.incident_action.kind IS
	'investigation, containment, eradication, recovery, communication or lessons_learned';
COMMENT ON COLUMN @extschema@.incident_action.description IS 'what was or is to be done';
COMMENT ON COLUMN @extschema@.incident_action.owner_id IS 'who does it';
COMMENT ON COLUMN @extschema@.incident_action.status IS 'open, in_progress, done or cancelled';
COMMENT ON COLUMN @extschema@.incident_action.started_at IS 'when work started';
COMMENT ON COLUMN @extschema@.incident_action.completed_at IS 'when done; set exactly when done';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.incident_action', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.incident_action_id_seq', '');

CREATE TABLE @extschema@.incident_asset (
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	incident_id		bigint NOT NULL,
	asset_id		bigint NOT NULL,
	created_at		timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (incident_id, asset_id),
	CONSTRAINT incident_asset_incident_id_fkey FOREIGN KEY (org_id, incident_id)
		REFERENCES @extschema@.incident (org_id, id) ON DELETE CASCADE,
	CONSTRAINT incident_asset_asset_id_fkey FOREIGN KEY (org_id, asset_id)
		REFERENCES @extschema@.asset (org_id, id)
);
COMMENT ON TABLE @extschema@.incident_asset IS 'the assets an incident affected';
COMMENT ON COLUMN @extschema@.incident_asset.incident_id IS 'the incident';
COMMENT ON COLUMN @extschema@.incident_asset.asset_id IS 'the asset';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.incident_asset', '');

CREATE TABLE @extschema@.incident_risk (
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	incident_id		bigint NOT NULL,
	risk_id			bigint NOT NULL,
	created_at		timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (incident_id, risk_id),
	CONSTRAINT incident_risk_incident_id_fkey FOREIGN KEY (org_id, incident_id)
		REFERENCES @extschema@.incident (org_id, id) ON DELETE CASCADE,
	CONSTRAINT incident_risk_risk_id_fkey FOREIGN KEY (org_id, risk_id)
		REFERENCES @extschema@.risk (org_id, id)
);
COMMENT ON TABLE @extschema@.incident_risk IS 'the risks an incident realized (input to reassessment)';
COMMENT ON COLUMN @extschema@.incident_risk.incident_id IS 'the incident';
COMMENT ON COLUMN @extschema@.incident_risk.risk_id IS 'the risk';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.incident_risk', '');

/* --- Component 13: business continuity ----------------------------------- */

CREATE TABLE @extschema@.continuity_plan (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	title			text NOT NULL CONSTRAINT continuity_plan_title_not_blank CHECK (btrim(title) <> ''),
	kind			text NOT NULL CONSTRAINT continuity_plan_kind_valid
		CHECK (kind IN ('business_continuity', 'disaster_recovery', 'crisis_management', 'ict_continuity')),
	version			text NOT NULL DEFAULT '1.0',
	status			text NOT NULL DEFAULT 'draft' CONSTRAINT continuity_plan_status_valid
		CHECK (status IN ('draft', 'approved', 'retired')),
	process_id		bigint,
	owner_id		bigint NOT NULL,
	approver_id		bigint,
	approved_on		date,
	rto				interval CONSTRAINT continuity_plan_rto_nonnegative CHECK (rto >= '0'),
	rpo				interval CONSTRAINT continuity_plan_rpo_nonnegative CHECK (rpo >= '0'),
	mtpd			interval,
	activation_criteria text,
	next_review		date,
	next_test		date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT continuity_plan_version_unique UNIQUE (org_id, title, version),
	CONSTRAINT continuity_plan_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT continuity_plan_process_id_fkey FOREIGN KEY (org_id, process_id)
		REFERENCES @extschema@.process (org_id, id),
	CONSTRAINT continuity_plan_owner_id_fkey FOREIGN KEY (org_id, owner_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT continuity_plan_approver_id_fkey FOREIGN KEY (org_id, approver_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT continuity_plan_rto_within_mtpd CHECK (rto <= mtpd),
	CONSTRAINT continuity_plan_approval_recorded
		CHECK (status = 'draft' OR (approver_id IS NOT NULL AND approved_on IS NOT NULL)),
	CONSTRAINT continuity_plan_approved_has_objectives
		CHECK (status = 'draft' OR (rto IS NOT NULL AND rpo IS NOT NULL)),
	CONSTRAINT continuity_plan_next_review_after_approval CHECK (next_review > approved_on)
);
COMMENT ON TABLE @extschema@.continuity_plan IS
	'business continuity and disaster recovery plans (component 13, A.5.29, A.5.30) with recovery objectives';
COMMENT ON COLUMN @extschema@.continuity_plan.title IS 'title';
COMMENT ON COLUMN @extschema@.continuity_plan.kind IS
	'business_continuity, disaster_recovery, crisis_management or ict_continuity';
COMMENT ON COLUMN @extschema@.continuity_plan.version IS 'version; title and version are unique';
COMMENT ON COLUMN @extschema@.continuity_plan.status IS 'draft, approved or retired';
COMMENT ON COLUMN @extschema@.continuity_plan.process_id IS 'the business process the plan protects, if one';
COMMENT ON COLUMN @extschema@.continuity_plan.owner_id IS 'plan owner (required)';
COMMENT ON COLUMN @extschema@.continuity_plan.approver_id IS 'who approved; required unless draft';
COMMENT ON COLUMN @extschema@.continuity_plan.approved_on IS 'approval date; required unless draft';
COMMENT ON COLUMN @extschema@.continuity_plan.rto IS 'recovery time objective; required unless draft';
COMMENT ON COLUMN @extschema@.continuity_plan.rpo IS 'recovery point objective (data loss tolerated); required unless draft';
COMMENT ON COLUMN @extschema@.continuity_plan.mtpd IS 'maximum tolerable period of disruption, at least the RTO';
COMMENT ON COLUMN @extschema@.continuity_plan.activation_criteria IS 'when the plan is invoked';
COMMENT ON COLUMN @extschema@.continuity_plan.next_review IS 'next review date';
COMMENT ON COLUMN @extschema@.continuity_plan.next_test IS 'next test date';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.continuity_plan', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.continuity_plan_id_seq', '');

CREATE TABLE @extschema@.continuity_plan_asset (
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	plan_id			bigint NOT NULL,
	asset_id		bigint NOT NULL,
	created_at		timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (plan_id, asset_id),
	CONSTRAINT continuity_plan_asset_plan_id_fkey FOREIGN KEY (org_id, plan_id)
		REFERENCES @extschema@.continuity_plan (org_id, id) ON DELETE CASCADE,
	CONSTRAINT continuity_plan_asset_asset_id_fkey FOREIGN KEY (org_id, asset_id)
		REFERENCES @extschema@.asset (org_id, id)
);
COMMENT ON TABLE @extschema@.continuity_plan_asset IS 'the assets a continuity plan recovers';
COMMENT ON COLUMN @extschema@.continuity_plan_asset.plan_id IS 'the plan';
COMMENT ON COLUMN @extschema@.continuity_plan_asset.asset_id IS 'the asset';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.continuity_plan_asset', '');

CREATE TABLE @extschema@.continuity_test (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	plan_id			bigint NOT NULL,
	kind			text NOT NULL CONSTRAINT continuity_test_kind_valid
		CHECK (kind IN ('walkthrough', 'tabletop', 'simulation', 'parallel', 'full_interruption')),
	performed_on	date NOT NULL,
	result			text NOT NULL CONSTRAINT continuity_test_result_valid CHECK (result IN ('pass', 'partial', 'fail')),
	achieved_rto	interval CONSTRAINT continuity_test_achieved_rto_nonnegative CHECK (achieved_rto >= '0'),
	achieved_rpo	interval CONSTRAINT continuity_test_achieved_rpo_nonnegative CHECK (achieved_rpo >= '0'),
	participants	integer CONSTRAINT continuity_test_participants_positive CHECK (participants > 0),
	findings		text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT continuity_test_plan_id_fkey FOREIGN KEY (org_id, plan_id)
		REFERENCES @extschema@.continuity_plan (org_id, id),
	CONSTRAINT continuity_test_failure_has_findings CHECK (result = 'pass' OR coalesce(btrim(findings), '') <> '')
);
COMMENT ON TABLE @extschema@.continuity_test IS 'exercises and tests of continuity plans';
COMMENT ON COLUMN @extschema@.continuity_test.plan_id IS 'the plan tested';
COMMENT ON COLUMN @extschema@.continuity_test.kind IS 'walkthrough, tabletop, simulation, parallel or full_interruption';
COMMENT ON COLUMN @extschema@.continuity_test.performed_on IS 'date';
COMMENT ON COLUMN @extschema@.continuity_test.result IS 'pass, partial or fail';
COMMENT ON COLUMN @extschema@.continuity_test.achieved_rto IS 'recovery time achieved';
COMMENT ON COLUMN @extschema@.continuity_test.achieved_rpo IS 'data loss achieved';
COMMENT ON COLUMN @extschema@.continuity_test.participants IS 'number of participants';
COMMENT ON COLUMN @extschema@.continuity_test.findings IS 'findings; required unless pass';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.continuity_test', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.continuity_test_id_seq', '');

/* --- Component 14: compliance -------------------------------------------- */

CREATE TABLE @extschema@.obligation (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	kind			text NOT NULL CONSTRAINT obligation_kind_valid
		CHECK (kind IN ('legal', 'statutory', 'regulatory', 'contractual')),
	title			text NOT NULL CONSTRAINT obligation_title_not_blank CHECK (btrim(title) <> ''),
	source			text NOT NULL CONSTRAINT obligation_source_not_blank CHECK (btrim(source) <> ''),
	jurisdiction	text,
	authority		text,
	supplier_id		bigint,
	counterparty	text,
	owner_id		bigint,
	description		text,
	status			text NOT NULL DEFAULT 'active' CONSTRAINT obligation_status_valid
		CHECK (status IN ('active', 'retired')),
	effective_from	date,
	effective_to	date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT obligation_title_unique UNIQUE (org_id, title),
	CONSTRAINT obligation_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT obligation_supplier_id_fkey FOREIGN KEY (org_id, supplier_id)
		REFERENCES @extschema@.supplier (org_id, id),
	CONSTRAINT obligation_owner_id_fkey FOREIGN KEY (org_id, owner_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT obligation_effective_order CHECK (effective_to >= effective_from),
	CONSTRAINT obligation_contractual_has_party
		CHECK (kind <> 'contractual' OR supplier_id IS NOT NULL OR counterparty IS NOT NULL)
);
COMMENT ON TABLE @extschema@.obligation IS
	'legal, statutory, regulatory and contractual requirements (component 14: compliance, A.5.31)';
COMMENT ON COLUMN @extschema@.obligation.kind IS 'legal, statutory, regulatory or contractual';
COMMENT ON COLUMN @extschema@.obligation.title IS 'short name, unique in the organization';
COMMENT ON COLUMN @extschema@.obligation.source IS 'where it is stated: law and article, regulation, contract and clause';
COMMENT ON COLUMN @extschema@.obligation.jurisdiction IS 'jurisdiction (EU, DE, US-CA, ...)';
COMMENT ON COLUMN @extschema@.obligation.authority IS 'the authority that supervises it';
COMMENT ON COLUMN @extschema@.obligation.supplier_id IS 'for a contract with a supplier: the supplier';
COMMENT ON COLUMN @extschema@.obligation.counterparty IS 'for another contract: the other party (customer, partner)';
COMMENT ON COLUMN @extschema@.obligation.owner_id IS 'who is responsible for compliance';
COMMENT ON COLUMN @extschema@.obligation.description IS 'what it requires';
COMMENT ON COLUMN @extschema@.obligation.status IS 'active or retired';
COMMENT ON COLUMN @extschema@.obligation.effective_from IS 'date it applies from';
COMMENT ON COLUMN @extschema@.obligation.effective_to IS 'date it stops applying';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.obligation', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.obligation_id_seq', '');

CREATE TABLE @extschema@.compliance_check (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	obligation_id	bigint NOT NULL,
	performed_on	date NOT NULL,
	performed_by_id	bigint,
	result			text NOT NULL CONSTRAINT compliance_check_result_valid
		CHECK (result IN ('compliant', 'partially_compliant', 'non_compliant', 'not_assessed')),
	evidence		text,
	notes			text,
	next_due		date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT compliance_check_obligation_id_fkey FOREIGN KEY (org_id, obligation_id)
		REFERENCES @extschema@.obligation (org_id, id),
	CONSTRAINT compliance_check_performed_by_id_fkey FOREIGN KEY (org_id, performed_by_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT compliance_check_next_due_after_performed CHECK (next_due > performed_on)
);
COMMENT ON TABLE @extschema@.compliance_check IS 'checks of compliance with an obligation (monitoring, A.5.36)';
COMMENT ON COLUMN @extschema@.compliance_check.obligation_id IS 'the obligation';
COMMENT ON COLUMN @extschema@.compliance_check.performed_on IS 'date';
COMMENT ON COLUMN @extschema@.compliance_check.performed_by_id IS 'who checked';
COMMENT ON COLUMN @extschema@.compliance_check.result IS 'compliant, partially_compliant, non_compliant or not_assessed';
COMMENT ON COLUMN @extschema@.compliance_check.evidence IS 'evidence seen';
COMMENT ON COLUMN @extschema@.compliance_check.notes IS 'notes';
COMMENT ON COLUMN @extschema@.compliance_check.next_due IS 'date of the next check';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.compliance_check', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.compliance_check_id_seq', '');

CREATE TABLE @extschema@.compliance_violation (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	obligation_id	bigint NOT NULL,
	title			text NOT NULL CONSTRAINT compliance_violation_title_not_blank CHECK (btrim(title) <> ''),
	description		text,
	severity		text NOT NULL CONSTRAINT compliance_violation_severity_valid
		CHECK (severity IN ('low', 'medium', 'high', 'critical')),
	status			text NOT NULL DEFAULT 'open' CONSTRAINT compliance_violation_status_valid
		CHECK (status IN ('open', 'responding', 'resolved')),
	-- the time line, in this order
	occurred_at		timestamptz,
	detected_at		timestamptz NOT NULL,
	responded_at	timestamptz,
	resolved_at		timestamptz,
	reported_to_authority_at timestamptz,
	penalty_amount	numeric(16,2) CONSTRAINT compliance_violation_penalty_nonnegative CHECK (penalty_amount >= 0),
	incident_id		bigint,
	root_cause		text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT compliance_violation_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT compliance_violation_obligation_id_fkey FOREIGN KEY (org_id, obligation_id)
		REFERENCES @extschema@.obligation (org_id, id),
	CONSTRAINT compliance_violation_incident_id_fkey FOREIGN KEY (org_id, incident_id)
		REFERENCES @extschema@.incident (org_id, id),
	CONSTRAINT compliance_violation_detected_after_occurred CHECK (detected_at >= occurred_at),
	CONSTRAINT compliance_violation_responded_after_detected CHECK (responded_at >= detected_at),
	CONSTRAINT compliance_violation_resolved_after_responded
		CHECK (resolved_at >= coalesce(responded_at, detected_at)),
	CONSTRAINT compliance_violation_reported_after_detected CHECK (reported_to_authority_at >= detected_at),
	CONSTRAINT compliance_violation_responding_has_time
		CHECK (status = 'open' OR responded_at IS NOT NULL),
	CONSTRAINT compliance_violation_resolved_has_time CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
);
COMMENT ON TABLE @extschema@.compliance_violation IS
	'violations of obligations, with occurred, detected, responded and resolved times (compliance KPIs)';
COMMENT ON COLUMN @extschema@.compliance_violation.obligation_id IS 'the obligation violated';
COMMENT ON COLUMN @extschema@.compliance_violation.title IS 'short description';
COMMENT ON COLUMN @extschema@.compliance_violation.description IS 'what happened';
COMMENT ON COLUMN @extschema@.compliance_violation.severity IS 'low, medium, high or critical';
COMMENT ON COLUMN @extschema@.compliance_violation.status IS 'open, responding or resolved';
COMMENT ON COLUMN @extschema@.compliance_violation.occurred_at IS 'time line 1: when it happened (if known)';
COMMENT ON COLUMN @extschema@.compliance_violation.detected_at IS 'time line 2: when it was detected (required)';
COMMENT ON COLUMN @extschema@.compliance_violation.responded_at IS 'time line 3: when the response started';
COMMENT ON COLUMN @extschema@.compliance_violation.resolved_at IS 'time line 4: when it was resolved; set exactly when resolved';
COMMENT ON COLUMN @extschema@.compliance_violation.reported_to_authority_at IS 'when it was reported to the authority';
COMMENT ON COLUMN @extschema@.compliance_violation.penalty_amount IS 'fine or penalty in the organization''s currency';
COMMENT ON COLUMN @extschema@.compliance_violation.incident_id IS 'the incident that caused it, if any';
COMMENT ON COLUMN @extschema@.compliance_violation.root_cause IS 'root cause';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.compliance_violation', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.compliance_violation_id_seq', '');

/* --- Step 7: monitoring and review --------------------------------------- */

CREATE TABLE @extschema@.audit (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	title			text NOT NULL CONSTRAINT audit_title_not_blank CHECK (btrim(title) <> ''),
	kind			text NOT NULL CONSTRAINT audit_kind_valid
		CHECK (kind IN ('internal', 'external', 'certification', 'surveillance', 'recertification')),
	scope			text,
	criteria		text,
	lead_auditor_id	bigint,
	auditor_name	text,
	audit_body		text,
	independent		boolean NOT NULL,
	independence_note text,
	planned_start	date,
	planned_end		date,
	started_on		date,
	ended_on		date,
	report_on		date,
	status			text NOT NULL DEFAULT 'planned' CONSTRAINT audit_status_valid
		CHECK (status IN ('planned', 'in_progress', 'completed', 'cancelled')),
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT audit_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT audit_lead_auditor_id_fkey FOREIGN KEY (org_id, lead_auditor_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT audit_auditor_named CHECK (lead_auditor_id IS NOT NULL OR auditor_name IS NOT NULL),
	CONSTRAINT audit_external_has_body CHECK (kind = 'internal' OR audit_body IS NOT NULL),
	CONSTRAINT audit_independence_explained
		CHECK (independent OR coalesce(btrim(independence_note), '') <> ''),
	CONSTRAINT audit_planned_order CHECK (planned_end >= planned_start),
	CONSTRAINT audit_ended_after_started CHECK (ended_on >= started_on),
	CONSTRAINT audit_report_after_end CHECK (report_on >= ended_on),
	CONSTRAINT audit_completed_has_dates
		CHECK (status <> 'completed' OR (started_on IS NOT NULL AND ended_on IS NOT NULL))
);
COMMENT ON TABLE @extschema@.audit IS
	'internal and external audits of the ISMS (step 7, ISO/IEC 27001 9.2) with their auditor and independence';
COMMENT ON COLUMN @extschema@.audit.title IS 'title';
COMMENT ON COLUMN @extschema@.audit.kind IS 'internal, external, certification, surveillance or recertification';
COMMENT ON COLUMN @extschema@.audit.scope IS 'what is audited';
COMMENT ON COLUMN @extschema@.audit.criteria IS 'against what (clauses, controls, policies)';
COMMENT ON COLUMN @extschema@.audit.lead_auditor_id IS 'lead auditor, if a person of the register';
COMMENT ON COLUMN @extschema@.audit.auditor_name IS 'lead auditor''s name otherwise (one of the two is required)';
COMMENT ON COLUMN @extschema@.audit.audit_body IS 'audit or certification body; required unless internal';
COMMENT ON COLUMN @extschema@.audit.independent IS 'whether the auditor is independent of the area audited';
COMMENT ON COLUMN @extschema@.audit.independence_note IS 'how independence is ensured; required when not independent';
COMMENT ON COLUMN @extschema@.audit.planned_start IS 'planned first day';
COMMENT ON COLUMN @extschema@.audit.planned_end IS 'planned last day';
COMMENT ON COLUMN @extschema@.audit.started_on IS 'actual first day';
COMMENT ON COLUMN @extschema@.audit.ended_on IS 'actual last day';
COMMENT ON COLUMN @extschema@.audit.report_on IS 'date of the report';
COMMENT ON COLUMN @extschema@.audit.status IS 'planned, in_progress, completed or cancelled';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit_id_seq', '');

CREATE TABLE @extschema@.audit_finding (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	audit_id		bigint NOT NULL,
	ident			text CONSTRAINT audit_finding_ident_not_blank CHECK (btrim(ident) <> ''),
	kind			text NOT NULL CONSTRAINT audit_finding_kind_valid
		CHECK (kind IN ('major_nonconformity', 'minor_nonconformity', 'observation', 'opportunity')),
	clause			text,
	control_id		bigint CONSTRAINT audit_finding_control_id_fkey REFERENCES @extschema@.control (id),
	description		text NOT NULL CONSTRAINT audit_finding_description_not_blank CHECK (btrim(description) <> ''),
	evidence		text,
	owner_id		bigint,
	status			text NOT NULL DEFAULT 'open' CONSTRAINT audit_finding_status_valid
		CHECK (status IN ('open', 'in_progress', 'closed')),
	raised_on		date NOT NULL,
	due_on			date,
	closed_on		date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT audit_finding_ident_unique UNIQUE (audit_id, ident),
	CONSTRAINT audit_finding_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT audit_finding_audit_id_fkey FOREIGN KEY (org_id, audit_id)
		REFERENCES @extschema@.audit (org_id, id),
	CONSTRAINT audit_finding_owner_id_fkey FOREIGN KEY (org_id, owner_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT audit_finding_due_after_raised CHECK (due_on >= raised_on),
	CONSTRAINT audit_finding_closed_after_raised CHECK (closed_on >= raised_on),
	CONSTRAINT audit_finding_closed_has_date CHECK ((status = 'closed') = (closed_on IS NOT NULL))
);
COMMENT ON TABLE @extschema@.audit_finding IS
	'audit findings: major and minor nonconformities, observations, opportunities for improvement';
COMMENT ON COLUMN @extschema@.audit_finding.audit_id IS 'the audit';
COMMENT ON COLUMN @extschema@.audit_finding.ident IS 'finding number, unique in the audit';
COMMENT ON COLUMN @extschema@.audit_finding.kind IS 'major_nonconformity, minor_nonconformity, observation or opportunity';
COMMENT ON COLUMN @extschema@.audit_finding.clause IS 'ISO/IEC 27001 clause concerned (for example 6.1.3)';
COMMENT ON COLUMN @extschema@.audit_finding.control_id IS 'the control concerned, if any';
COMMENT ON COLUMN @extschema@.audit_finding.description IS 'what was found';
COMMENT ON COLUMN @extschema@.audit_finding.evidence IS 'the objective evidence';
COMMENT ON COLUMN @extschema@.audit_finding.owner_id IS 'who must address it';
COMMENT ON COLUMN @extschema@.audit_finding.status IS 'open, in_progress or closed';
COMMENT ON COLUMN @extschema@.audit_finding.raised_on IS 'date raised';
COMMENT ON COLUMN @extschema@.audit_finding.due_on IS 'date it must be addressed by';
COMMENT ON COLUMN @extschema@.audit_finding.closed_on IS 'date closed; set exactly when closed';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit_finding', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit_finding_id_seq', '');

CREATE TABLE @extschema@.corrective_action (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	finding_id		bigint,
	incident_id		bigint,
	violation_id	bigint,
	root_cause		text,
	action			text NOT NULL CONSTRAINT corrective_action_action_not_blank CHECK (btrim(action) <> ''),
	owner_id		bigint NOT NULL,
	due_on			date NOT NULL,
	status			text NOT NULL DEFAULT 'planned' CONSTRAINT corrective_action_status_valid
		CHECK (status IN ('planned', 'in_progress', 'done', 'verified', 'cancelled')),
	completed_on	date,
	verified_on		date,
	verified_by_id	bigint,
	effective		boolean,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT corrective_action_finding_id_fkey FOREIGN KEY (org_id, finding_id)
		REFERENCES @extschema@.audit_finding (org_id, id),
	CONSTRAINT corrective_action_incident_id_fkey FOREIGN KEY (org_id, incident_id)
		REFERENCES @extschema@.incident (org_id, id),
	CONSTRAINT corrective_action_violation_id_fkey FOREIGN KEY (org_id, violation_id)
		REFERENCES @extschema@.compliance_violation (org_id, id),
	CONSTRAINT corrective_action_owner_id_fkey FOREIGN KEY (org_id, owner_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT corrective_action_verified_by_id_fkey FOREIGN KEY (org_id, verified_by_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT corrective_action_one_source CHECK (num_nonnulls(finding_id, incident_id, violation_id) = 1),
	CONSTRAINT corrective_action_done_has_date
		CHECK ((status IN ('done', 'verified')) = (completed_on IS NOT NULL)),
	CONSTRAINT corrective_action_verified_complete
		CHECK ((status = 'verified') = (verified_on IS NOT NULL AND verified_by_id IS NOT NULL AND effective IS NOT NULL)),
	CONSTRAINT corrective_action_verified_after_completed CHECK (verified_on >= completed_on),
	CONSTRAINT corrective_action_verifier_not_owner CHECK (verified_by_id <> owner_id)
);
COMMENT ON TABLE @extschema@.corrective_action IS
	'corrective actions (ISO/IEC 27001 10.1) for one nonconformity: an audit finding, an incident or a compliance violation';
COMMENT ON COLUMN @extschema@.corrective_action.finding_id IS 'source: an audit finding (exactly one source)';
COMMENT ON COLUMN @extschema@.corrective_action.incident_id IS 'source: an incident';
COMMENT ON COLUMN @extschema@.corrective_action.violation_id IS 'source: a compliance violation';
COMMENT ON COLUMN @extschema@.corrective_action.root_cause IS 'root cause found';
COMMENT ON COLUMN @extschema@.corrective_action.action IS 'what is done';
COMMENT ON COLUMN @extschema@.corrective_action.owner_id IS 'who does it (required)';
COMMENT ON COLUMN @extschema@.corrective_action.due_on IS 'due date (required)';
COMMENT ON COLUMN @extschema@.corrective_action.status IS 'planned, in_progress, done, verified or cancelled';
COMMENT ON COLUMN @extschema@.corrective_action.completed_on IS 'date done; set exactly when done or verified';
COMMENT ON COLUMN @extschema@.corrective_action.verified_on IS 'effectiveness review: date';
COMMENT ON COLUMN @extschema@.corrective_action.verified_by_id IS 'effectiveness review: by whom (not the owner)';
COMMENT ON COLUMN @extschema@.corrective_action.effective IS 'effectiveness review: was the action effective';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.corrective_action', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.corrective_action_id_seq', '');

CREATE TABLE @extschema@.management_review (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	title			text NOT NULL CONSTRAINT management_review_title_not_blank CHECK (btrim(title) <> ''),
	held_on			date NOT NULL,
	chair_id		bigint NOT NULL,
	minutes			text,
	next_review_on	date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT management_review_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT management_review_chair_id_fkey FOREIGN KEY (org_id, chair_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT management_review_next_after_held CHECK (next_review_on > held_on)
);
COMMENT ON TABLE @extschema@.management_review IS 'management review meetings (step 7, ISO/IEC 27001 9.3)';
COMMENT ON COLUMN @extschema@.management_review.title IS 'title';
COMMENT ON COLUMN @extschema@.management_review.held_on IS 'date of the meeting';
COMMENT ON COLUMN @extschema@.management_review.chair_id IS 'who chaired it (top management)';
COMMENT ON COLUMN @extschema@.management_review.minutes IS 'minutes';
COMMENT ON COLUMN @extschema@.management_review.next_review_on IS 'date of the next review';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.management_review', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.management_review_id_seq', '');

CREATE TABLE @extschema@.management_review_attendee (
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	review_id		bigint NOT NULL,
	person_id		bigint NOT NULL,
	created_at		timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (review_id, person_id),
	CONSTRAINT management_review_attendee_review_id_fkey FOREIGN KEY (org_id, review_id)
		REFERENCES @extschema@.management_review (org_id, id) ON DELETE CASCADE,
	CONSTRAINT management_review_attendee_person_id_fkey FOREIGN KEY (org_id, person_id)
		REFERENCES @extschema@.person (org_id, id)
);
COMMENT ON TABLE @extschema@.management_review_attendee IS 'who attended a management review';
COMMENT ON COLUMN @extschema@.management_review_attendee.review_id IS 'the review';
COMMENT ON COLUMN @extschema@.management_review_attendee.person_id IS 'the attendee';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.management_review_attendee', '');

CREATE TABLE @extschema@.management_review_input (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	review_id		bigint NOT NULL,
	topic			text NOT NULL CONSTRAINT management_review_input_topic_valid
		CHECK (topic IN ('previous_actions', 'context_changes', 'interested_party_needs', 'nonconformities',
						 'monitoring_results', 'audit_results', 'objectives', 'interested_party_feedback',
						 'risk_assessment', 'improvement_opportunities', 'kpi_review')),
	summary			text NOT NULL CONSTRAINT management_review_input_summary_not_blank CHECK (btrim(summary) <> ''),
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT management_review_input_topic_unique UNIQUE (review_id, topic),
	CONSTRAINT management_review_input_review_id_fkey FOREIGN KEY (org_id, review_id)
		REFERENCES @extschema@.management_review (org_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.management_review_input IS
	'inputs of a management review, one per topic of ISO/IEC 27001 9.3.2 (plus kpi_review)';
COMMENT ON COLUMN @extschema@.management_review_input.review_id IS 'the review';
COMMENT ON COLUMN @extschema@.management_review_input.topic IS
	'previous_actions, context_changes, interested_party_needs, nonconformities, monitoring_results, audit_results, objectives, interested_party_feedback, risk_assessment, improvement_opportunities or kpi_review';
COMMENT ON COLUMN @extschema@.management_review_input.summary IS 'what was presented';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.management_review_input', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.management_review_input_id_seq', '');

CREATE TABLE @extschema@.management_review_decision (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	review_id		bigint NOT NULL,
	kind			text NOT NULL CONSTRAINT management_review_decision_kind_valid
		CHECK (kind IN ('improvement', 'isms_change', 'resources', 'risk_acceptance', 'objective', 'other')),
	decision		text NOT NULL CONSTRAINT management_review_decision_decision_not_blank CHECK (btrim(decision) <> ''),
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT management_review_decision_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT management_review_decision_review_id_fkey FOREIGN KEY (org_id, review_id)
		REFERENCES @extschema@.management_review (org_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.management_review_decision IS 'decisions of a management review (ISO/IEC 27001 9.3.3)';
COMMENT ON COLUMN @extschema@.management_review_decision.review_id IS 'the review';
COMMENT ON COLUMN @extschema@.management_review_decision.kind IS
	'improvement, isms_change, resources, risk_acceptance, objective or other';
COMMENT ON COLUMN @extschema@.management_review_decision.decision IS 'what was decided';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.management_review_decision', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.management_review_decision_id_seq', '');

CREATE TABLE @extschema@.improvement_action (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	review_id		bigint NOT NULL,
	decision_id		bigint,
	title			text NOT NULL CONSTRAINT improvement_action_title_not_blank CHECK (btrim(title) <> ''),
	description		text,
	owner_id		bigint NOT NULL,
	due_on			date NOT NULL,
	status			text NOT NULL DEFAULT 'planned' CONSTRAINT improvement_action_status_valid
		CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
	completed_on	date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT improvement_action_review_id_fkey FOREIGN KEY (org_id, review_id)
		REFERENCES @extschema@.management_review (org_id, id),
	CONSTRAINT improvement_action_decision_id_fkey FOREIGN KEY (org_id, decision_id)
		REFERENCES @extschema@.management_review_decision (org_id, id),
	CONSTRAINT improvement_action_owner_id_fkey FOREIGN KEY (org_id, owner_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT improvement_action_done_has_date CHECK ((status = 'done') = (completed_on IS NOT NULL))
);
COMMENT ON TABLE @extschema@.improvement_action IS
	'improvement actions decided by a management review (ISO/IEC 27001 10.2), with owner and due date';
COMMENT ON COLUMN @extschema@.improvement_action.review_id IS 'the review that decided it';
COMMENT ON COLUMN @extschema@.improvement_action.decision_id IS 'the decision it implements, if recorded';
COMMENT ON COLUMN @extschema@.improvement_action.title IS 'what is to be improved';
COMMENT ON COLUMN @extschema@.improvement_action.description IS 'details';
COMMENT ON COLUMN @extschema@.improvement_action.owner_id IS 'who does it (required)';
COMMENT ON COLUMN @extschema@.improvement_action.due_on IS 'due date (required)';
COMMENT ON COLUMN @extschema@.improvement_action.status IS 'planned, in_progress, done or cancelled';
COMMENT ON COLUMN @extschema@.improvement_action.completed_on IS 'date done; set exactly when done';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.improvement_action', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.improvement_action_id_seq', '');

/* --- Seeded catalogs ----------------------------------------------------- */

/*
 * ISO/IEC 27001:2022 Annex A (Table A.1): the 93 control identifiers and
 * titles in four themes, 5 organizational (37), 6 people (8), 7 physical
 * (14), 8 technological (34).  Source: ISO/IEC 27001:2022, Annex A; the same
 * identifiers and titles as ISO/IEC 27002:2022 clauses 5 to 8.  The control
 * texts are ISO's and are not included.
 */
INSERT INTO @extschema@.framework (name, title, version, source, seeded) VALUES
	('iso27001-2022', 'ISO/IEC 27001:2022 Annex A: information security controls reference', '2022',
	 'ISO/IEC 27001:2022, Annex A, Table A.1 (identifiers and titles)', true),
	('iso27001-2013', 'ISO/IEC 27001:2013 Annex A: control objectives and controls (domains A.5 to A.18)', '2013',
	 'ISO/IEC 27001:2013, Annex A (domain identifiers and titles)', true);

INSERT INTO @extschema@.control_group (framework_id, ident, title, class, sort_order, seeded)
SELECT f.id, g.ident, g.title, 'theme', g.ord, true
  FROM @extschema@.framework f,
	   (VALUES ('A.5', 'Organizational controls', 5),
			   ('A.6', 'People controls', 6),
			   ('A.7', 'Physical controls', 7),
			   ('A.8', 'Technological controls', 8)) g(ident, title, ord)
 WHERE f.name = 'iso27001-2022'
 ORDER BY g.ord;

INSERT INTO @extschema@.control (framework_id, group_id, ident, title, sort_order, seeded)
SELECT f.id, g.id, c.ident, c.title,
	   split_part(c.ident, '.', 2)::integer * 100 + split_part(c.ident, '.', 3)::integer, true
  FROM @extschema@.framework f
  JOIN @extschema@.control_group g ON g.framework_id = f.id
  JOIN (VALUES
	('A.5.1', 'Policies for information security'),
	('A.5.2', 'Information security roles and responsibilities'),
	('A.5.3', 'Segregation of duties'),
	('A.5.4', 'Management responsibilities'),
	('A.5.5', 'Contact with authorities'),
	('A.5.6', 'Contact with special interest groups'),
	('A.5.7', 'Threat intelligence'),
	('A.5.8', 'Information security in project management'),
	('A.5.9', 'Inventory of information and other associated assets'),
	('A.5.10', 'Acceptable use of information and other associated assets'),
	('A.5.11', 'Return of assets'),
	('A.5.12', 'Classification of information'),
	('A.5.13', 'Labelling of information'),
	('A.5.14', 'Information transfer'),
	('A.5.15', 'Access control'),
	('A.5.16', 'Identity management'),
	('A.5.17', 'Authentication information'),
	('A.5.18', 'Access rights'),
	('A.5.19', 'Information security in supplier relationships'),
	('A.5.20', 'Addressing information security within supplier agreements'),
	('A.5.21', 'Managing information security in the information and communication technology (ICT) supply chain'),
	('A.5.22', 'Monitoring, review and change management of supplier services'),
	('A.5.23', 'Information security for use of cloud services'),
	('A.5.24', 'Information security incident management planning and preparation'),
	('A.5.25', 'Assessment and decision on information security events'),
	('A.5.26', 'Response to information security incidents'),
	('A.5.27', 'Learning from information security incidents'),
	('A.5.28', 'Collection of evidence'),
	('A.5.29', 'Information security during disruption'),
	('A.5.30', 'ICT readiness for business continuity'),
	('A.5.31', 'Legal, statutory, regulatory and contractual requirements'),
	('A.5.32', 'Intellectual property rights'),
	('A.5.33', 'Protection of records'),
	('A.5.34', 'Privacy and protection of PII'),
	('A.5.35', 'Independent review of information security'),
	('A.5.36', 'Compliance with policies, rules and standards for information security'),
	('A.5.37', 'Documented operating procedures'),
	('A.6.1', 'Screening'),
	('A.6.2', 'Terms and conditions of employment'),
	('A.6.3', 'Information security awareness, education and training'),
	('A.6.4', 'Disciplinary process'),
	('A.6.5', 'Responsibilities after termination or change of employment'),
	('A.6.6', 'Confidentiality or non-disclosure agreements'),
	('A.6.7', 'Remote working'),
	('A.6.8', 'Information security event reporting'),
	('A.7.1', 'Physical security perimeters'),
	('A.7.2', 'Physical entry'),
	('A.7.3', 'Securing offices, rooms and facilities'),
	('A.7.4', 'Physical security monitoring'),
	('A.7.5', 'Protecting against physical and environmental threats'),
	('A.7.6', 'Working in secure areas'),
	('A.7.7', 'Clear desk and clear screen'),
	('A.7.8', 'Equipment siting and protection'),
	('A.7.9', 'Security of assets off-premises'),
	('A.7.10', 'Storage media'),
	('A.7.11', 'Supporting utilities'),
	('A.7.12', 'Cabling security'),
	('A.7.13', 'Equipment maintenance'),
	('A.7.14', 'Secure disposal or re-use of equipment'),
	('A.8.1', 'User end point devices'),
	('A.8.2', 'Privileged access rights'),
	('A.8.3', 'Information access restriction'),
	('A.8.4', 'Access to source code'),
	('A.8.5', 'Secure authentication'),
	('A.8.6', 'Capacity management'),
	('A.8.7', 'Protection against malware'),
	('A.8.8', 'Management of technical vulnerabilities'),
	('A.8.9', 'Configuration management'),
	('A.8.10', 'Information deletion'),
	('A.8.11', 'Data masking'),
	('A.8.12', 'Data leakage prevention'),
	('A.8.13', 'Information backup'),
	('A.8.14', 'Redundancy of information processing facilities'),
	('A.8.15', 'Logging'),
	('A.8.16', 'Monitoring activities'),
	('A.8.17', 'Clock synchronization'),
	('A.8.18', 'Use of privileged utility programs'),
	('A.8.19', 'Installation of software on operational systems'),
	('A.8.20', 'Networks security'),
	('A.8.21', 'Security of network services'),
	('A.8.22', 'Segregation of networks'),
	('A.8.23', 'Web filtering'),
	('A.8.24', 'Use of cryptography'),
	('A.8.25', 'Secure development life cycle'),
	('A.8.26', 'Application security requirements'),
	('A.8.27', 'Secure system architecture and engineering principles'),
	('A.8.28', 'Secure coding'),
	('A.8.29', 'Security testing in development and acceptance'),
	('A.8.30', 'Outsourced development'),
	('A.8.31', 'Separation of development, test and production environments'),
	('A.8.32', 'Change management'),
	('A.8.33', 'Test information'),
	('A.8.34', 'Protection of information systems during audit testing')
	   ) AS c(ident, title)
	ON g.ident = substring(c.ident FROM '^A\.[0-9]+')
 WHERE f.name = 'iso27001-2022'
 ORDER BY 5;

/*
 * ISO/IEC 27001:2013 Annex A: the 14 domains A.5 to A.18, which are the 14
 * components of the framework.  Source: ISO/IEC 27001:2013, Annex A.
 */
INSERT INTO @extschema@.control_group (framework_id, ident, title, class, sort_order, seeded)
SELECT f.id, 'A.' || d.n, d.title, 'domain', d.n, true
  FROM @extschema@.framework f,
	   (VALUES (5, 'Information security policies'),
			   (6, 'Organization of information security'),
			   (7, 'Human resource security'),
			   (8, 'Asset management'),
			   (9, 'Access control'),
			   (10, 'Cryptography'),
			   (11, 'Physical and environmental security'),
			   (12, 'Operations security'),
			   (13, 'Communications security'),
			   (14, 'System acquisition, development and maintenance'),
			   (15, 'Supplier relationships'),
			   (16, 'Information security incident management'),
			   (17, 'Information security aspects of business continuity management'),
			   (18, 'Compliance')) d(n, title)
 WHERE f.name = 'iso27001-2013'
 ORDER BY d.n;

INSERT INTO @extschema@.component (id, name, description, domain_group_id)
SELECT c.id, c.name, c.description, g.id
  FROM (VALUES
		(1, 'Information security policies', 'statement, scope, roles, procedures, review cycle'),
		(2, 'Organization of information security', 'committee, security officer, team, responsibilities'),
		(3, 'Human resource security', 'training, screening, termination'),
		(4, 'Asset management', 'identification, classification (confidentiality, integrity, availability), protection, owner'),
		(5, 'Access control', 'policies, authentication, authorization, auditing'),
		(6, 'Cryptography', 'encryption, signatures, key management'),
		(7, 'Physical and environmental security', 'sites, entry control, utilities, environmental threats'),
		(8, 'Operations security', 'change management, incident response, backup and recovery'),
		(9, 'Communications security', 'firewalls, intrusion detection, encryption in transit'),
		(10, 'System acquisition, development and maintenance', 'requirements, testing, training'),
		(11, 'Supplier relationships', 'requirements, training, audits'),
		(12, 'Incident management', 'plan, reporting, investigation, recovery'),
		(13, 'Business continuity', 'continuity plan, disaster recovery plan, backup and recovery'),
		(14, 'Compliance', 'requirements, monitoring, reporting')) c(id, name, description)
  JOIN @extschema@.control_group g ON g.ident = 'A.' || (c.id + 4)
  JOIN @extschema@.framework f ON f.id = g.framework_id AND f.name = 'iso27001-2013';

/*
 * Each 2022 control mapped to the 2013 domain(s) of its predecessors.
 * Source: ISO/IEC 27002:2022, Annex B, Table B.1 (correspondence between
 * ISO/IEC 27002:2022 and ISO/IEC 27002:2013 controls).  The eleven controls
 * new in 2022 have no predecessor; they are placed in the domain whose
 * subject they extend (basis subject_matter, our choice, not ISO's).
 */
INSERT INTO @extschema@.control_crosswalk (control_id, group_id, basis, legacy_controls, seeded)
SELECT c.id, g.id, 'correspondence', m.legacy, true
  FROM (SELECT t.ident, substring(l FROM '^A\.[0-9]+') AS domain,
			   array_agg(l ORDER BY o) AS legacy
		  FROM (VALUES
			('A.5.1', '{A.5.1.1,A.5.1.2}'), ('A.5.2', '{A.6.1.1}'), ('A.5.3', '{A.6.1.2}'),
			('A.5.4', '{A.7.2.1}'), ('A.5.5', '{A.6.1.3}'), ('A.5.6', '{A.6.1.4}'),
			('A.5.8', '{A.6.1.5,A.14.1.1}'), ('A.5.9', '{A.8.1.1,A.8.1.2}'), ('A.5.10', '{A.8.1.3,A.8.2.3}'),
			('A.5.11', '{A.8.1.4}'), ('A.5.12', '{A.8.2.1}'), ('A.5.13', '{A.8.2.2}'),
			('A.5.14', '{A.13.2.1,A.13.2.2,A.13.2.3}'), ('A.5.15', '{A.9.1.1,A.9.1.2}'), ('A.5.16', '{A.9.2.1}'),
			('A.5.17', '{A.9.2.4,A.9.3.1,A.9.4.3}'), ('A.5.18', '{A.9.2.2,A.9.2.5,A.9.2.6}'),
			('A.5.19', '{A.15.1.1}'), ('A.5.20', '{A.15.1.2}'), ('A.5.21', '{A.15.1.3}'),
			('A.5.22', '{A.15.2.1,A.15.2.2}'), ('A.5.24', '{A.16.1.1}'), ('A.5.25', '{A.16.1.4}'),
			('A.5.26', '{A.16.1.5}'), ('A.5.27', '{A.16.1.6}'), ('A.5.28', '{A.16.1.7}'),
			('A.5.29', '{A.17.1.1,A.17.1.2,A.17.1.3}'), ('A.5.31', '{A.18.1.1,A.18.1.5}'),
			('A.5.32', '{A.18.1.2}'), ('A.5.33', '{A.18.1.3}'), ('A.5.34', '{A.18.1.4}'),
			('A.5.35', '{A.18.2.1}'), ('A.5.36', '{A.18.2.2,A.18.2.3}'), ('A.5.37', '{A.12.1.1}'),
			('A.6.1', '{A.7.1.1}'), ('A.6.2', '{A.7.1.2}'), ('A.6.3', '{A.7.2.2}'), ('A.6.4', '{A.7.2.3}'),
			('A.6.5', '{A.7.3.1}'), ('A.6.6', '{A.13.2.4}'), ('A.6.7', '{A.6.2.2}'), ('A.6.8', '{A.16.1.2,A.16.1.3}'),
			('A.7.1', '{A.11.1.1}'), ('A.7.2', '{A.11.1.2,A.11.1.6}'), ('A.7.3', '{A.11.1.3}'),
			('A.7.5', '{A.11.1.4}'), ('A.7.6', '{A.11.1.5}'), ('A.7.7', '{A.11.2.9}'), ('A.7.8', '{A.11.2.1}'),
			('A.7.9', '{A.11.2.6}'), ('A.7.10', '{A.8.3.1,A.8.3.2,A.8.3.3,A.11.2.5}'), ('A.7.11', '{A.11.2.2}'),
			('A.7.12', '{A.11.2.3}'), ('A.7.13', '{A.11.2.4}'), ('A.7.14', '{A.11.2.7}'),
			('A.8.1', '{A.6.2.1,A.11.2.8}'), ('A.8.2', '{A.9.2.3}'), ('A.8.3', '{A.9.4.1}'), ('A.8.4', '{A.9.4.5}'),
			('A.8.5', '{A.9.4.2}'), ('A.8.6', '{A.12.1.3}'), ('A.8.7', '{A.12.2.1}'), ('A.8.8', '{A.12.6.1,A.18.2.3}'),
			('A.8.13', '{A.12.3.1}'), ('A.8.14', '{A.17.2.1}'), ('A.8.15', '{A.12.4.1,A.12.4.2,A.12.4.3}'),
			('A.8.17', '{A.12.4.4}'), ('A.8.18', '{A.9.4.4}'), ('A.8.19', '{A.12.5.1,A.12.6.2}'),
			('A.8.20', '{A.13.1.1}'), ('A.8.21', '{A.13.1.2}'), ('A.8.22', '{A.13.1.3}'),
			('A.8.24', '{A.10.1.1,A.10.1.2}'), ('A.8.25', '{A.14.2.1}'), ('A.8.26', '{A.14.1.2,A.14.1.3}'),
			('A.8.27', '{A.14.2.5}'), ('A.8.29', '{A.14.2.8,A.14.2.9}'), ('A.8.30', '{A.14.2.7}'),
			('A.8.31', '{A.12.1.4,A.14.2.6}'), ('A.8.32', '{A.12.1.2,A.14.2.2,A.14.2.3,A.14.2.4}'),
			('A.8.33', '{A.14.3.1}'), ('A.8.34', '{A.12.7.1}')
		  ) t(ident, legacy_list),
		  unnest(t.legacy_list::text[]) WITH ORDINALITY AS u(l, o)
		 GROUP BY t.ident, substring(l FROM '^A\.[0-9]+')) m
  JOIN @extschema@.framework f22 ON f22.name = 'iso27001-2022'
  JOIN @extschema@.control c ON c.framework_id = f22.id AND c.ident = m.ident
  JOIN @extschema@.framework f13 ON f13.name = 'iso27001-2013'
  JOIN @extschema@.control_group g ON g.framework_id = f13.id AND g.ident = m.domain
 ORDER BY c.sort_order, g.sort_order;

INSERT INTO @extschema@.control_crosswalk (control_id, group_id, basis, seeded)
SELECT c.id, g.id, 'subject_matter', true
  FROM (VALUES ('A.5.7', 'A.6'),	-- threat intelligence: beside contact with special interest groups
			   ('A.5.23', 'A.15'),	-- cloud services: a supplier relationship
			   ('A.5.30', 'A.17'),	-- ICT readiness for business continuity
			   ('A.7.4', 'A.11'),	-- physical security monitoring
			   ('A.8.9', 'A.12'),	-- configuration management
			   ('A.8.10', 'A.8'),	-- information deletion: beside media disposal
			   ('A.8.11', 'A.9'),	-- data masking: limits access to data
			   ('A.8.12', 'A.13'),	-- data leakage prevention: information transfer
			   ('A.8.16', 'A.12'),	-- monitoring activities: beside logging
			   ('A.8.23', 'A.13'),	-- web filtering: network services
			   ('A.8.28', 'A.14')	-- secure coding: secure development
	   ) m(ident, domain)
  JOIN @extschema@.framework f22 ON f22.name = 'iso27001-2022'
  JOIN @extschema@.control c ON c.framework_id = f22.id AND c.ident = m.ident
  JOIN @extschema@.framework f13 ON f13.name = 'iso27001-2013'
  JOIN @extschema@.control_group g ON g.framework_id = f13.id AND g.ident = m.domain
 ORDER BY c.sort_order;

/*
 * Typical threats with their origin (A accidental, D deliberate, E
 * environmental).  Source: ISO/IEC 27005:2008 and 2011, Annex C, "Examples
 * of typical threats".
 */
INSERT INTO @extschema@.threat (ident, name, category, origins, source, seeded)
SELECT t.ident, t.name, t.category,
	   array_remove(ARRAY[CASE WHEN t.o LIKE '%A%' THEN 'accidental' END,
						  CASE WHEN t.o LIKE '%D%' THEN 'deliberate' END,
						  CASE WHEN t.o LIKE '%E%' THEN 'environmental' END], NULL),
	   'ISO/IEC 27005:2011, Annex C', true
  FROM (VALUES
		(1, 'PD-01', 'Fire', 'Physical damage', 'ADE'),
		(2, 'PD-02', 'Water damage', 'Physical damage', 'ADE'),
		(3, 'PD-03', 'Pollution', 'Physical damage', 'ADE'),
		(4, 'PD-04', 'Major accident', 'Physical damage', 'ADE'),
		(5, 'PD-05', 'Destruction of equipment or media', 'Physical damage', 'ADE'),
		(6, 'PD-06', 'Dust, corrosion, freezing', 'Physical damage', 'ADE'),
		(7, 'NE-01', 'Climatic phenomenon', 'Natural events', 'E'),
		(8, 'NE-02', 'Seismic phenomenon', 'Natural events', 'E'),
		(9, 'NE-03', 'Volcanic phenomenon', 'Natural events', 'E'),
		(10, 'NE-04', 'Meteorological phenomenon', 'Natural events', 'E'),
		(11, 'NE-05', 'Flood', 'Natural events', 'E'),
		(12, 'ES-01', 'Failure of air-conditioning or water supply system', 'Loss of essential services', 'AD'),
		(13, 'ES-02', 'Loss of power supply', 'Loss of essential services', 'ADE'),
		(14, 'ES-03', 'Failure of telecommunication equipment', 'Loss of essential services', 'AD'),
		(15, 'RD-01', 'Electromagnetic radiation', 'Disturbance due to radiation', 'ADE'),
		(16, 'RD-02', 'Thermal radiation', 'Disturbance due to radiation', 'ADE'),
		(17, 'RD-03', 'Electromagnetic pulses', 'Disturbance due to radiation', 'ADE'),
		(18, 'CI-01', 'Interception of compromising interference signals', 'Compromise of information', 'D'),
		(19, 'CI-02', 'Remote spying', 'Compromise of information', 'D'),
		(20, 'CI-03', 'Eavesdropping', 'Compromise of information', 'D'),
		(21, 'CI-04', 'Theft of media or documents', 'Compromise of information', 'D'),
		(22, 'CI-05', 'Theft of equipment', 'Compromise of information', 'D'),
		(23, 'CI-06', 'Retrieval of recycled or discarded media', 'Compromise of information', 'D'),
		(24, 'CI-07', 'Disclosure', 'Compromise of information', 'AD'),
		(25, 'CI-08', 'Data from untrustworthy sources', 'Compromise of information', 'AD'),
		(26, 'CI-09', 'Tampering with hardware', 'Compromise of information', 'D'),
		(27, 'CI-10', 'Tampering with software', 'Compromise of information', 'AD'),
		(28, 'CI-11', 'Position detection', 'Compromise of information', 'D'),
		(29, 'TF-01', 'Equipment failure', 'Technical failures', 'A'),
		(30, 'TF-02', 'Equipment malfunction', 'Technical failures', 'A'),
		(31, 'TF-03', 'Saturation of the information system', 'Technical failures', 'AD'),
		(32, 'TF-04', 'Software malfunction', 'Technical failures', 'A'),
		(33, 'TF-05', 'Breach of information system maintainability', 'Technical failures', 'AD'),
		(34, 'UA-01', 'Unauthorised use of equipment', 'Unauthorised actions', 'D'),
		(35, 'UA-02', 'Fraudulent copying of software', 'Unauthorised actions', 'D'),
		(36, 'UA-03', 'Use of counterfeit or copied software', 'Unauthorised actions', 'AD'),
		(37, 'UA-04', 'Corruption of data', 'Unauthorised actions', 'D'),
		(38, 'UA-05', 'Illegal processing of data', 'Unauthorised actions', 'D'),
		(39, 'CF-01', 'Error in use', 'Compromise of functions', 'A'),
		(40, 'CF-02', 'Abuse of rights', 'Compromise of functions', 'AD'),
		(41, 'CF-03', 'Forging of rights', 'Compromise of functions', 'D'),
		(42, 'CF-04', 'Denial of actions', 'Compromise of functions', 'D'),
		(43, 'CF-05', 'Breach of personnel availability', 'Compromise of functions', 'ADE')
	   ) AS t(ord, ident, name, category, o)
 ORDER BY t.ord;

INSERT INTO @extschema@.role (key, title, description, seeded) VALUES
	('committee_member', 'ISMS committee member',
	 'member of the information security committee: directs the ISMS, approves policies, accepts risks', true),
	('security_officer', 'Information security officer',
	 'runs the ISMS day to day, reports to top management', true),
	('team_member', 'ISMS team member', 'works on ISMS tasks under the security officer', true),
	('risk_owner', 'Risk owner', 'accountable for a risk and its treatment', true),
	('control_owner', 'Control owner', 'accountable for implementing and operating a control', true),
	('auditor', 'Auditor', 'audits the ISMS; independent of the area audited', true);

INSERT INTO @extschema@.scope_question (key, position, question) VALUES
	('information_processed', 1, 'What information does the organization process?'),
	('critical_assets', 2, 'Which assets are critical to the organization?'),
	('vulnerabilities', 3, 'What vulnerabilities do these assets have?'),
	('threats', 4, 'What threats could exploit these vulnerabilities?'),
	('impacts', 5, 'What would the impact on the organization be?'),
	('risks', 6, 'What risks follow from these threats, vulnerabilities and impacts?'),
	('controls', 7, 'Which controls are needed to treat these risks?');

/* --- Views for readers (a stable contract for BI) ------------------------ */

CREATE VIEW @extschema@.v_risk_register AS
SELECT r.id AS risk_id,
	   r.org_id,
	   r.ident,
	   r.title,
	   r.category,
	   r.status,
	   r.treatment,
	   r.asset_id,
	   a.name AS asset,
	   r.threat_id,
	   t.name AS threat,
	   r.owner_id,
	   p.name AS owner,
	   r.inherent_likelihood,
	   r.inherent_impact,
	   r.inherent_likelihood * r.inherent_impact AS inherent_score,
	   r.inherent_level,
	   r.current_level,
	   r.residual_likelihood,
	   r.residual_impact,
	   r.residual_likelihood * r.residual_impact AS residual_score,
	   r.residual_level,
	   r.target_level,
	   r.ale,
	   r.identified_on,
	   r.reviewed_on,
	   r.next_review AS review_due,
	   coalesce(r.status <> 'closed' AND r.next_review < CURRENT_DATE, false) AS review_overdue,
	   (SELECT count(*) FROM @extschema@.risk_control rc WHERE rc.risk_id = r.id) AS controls,
	   (SELECT count(*) FROM @extschema@.treatment_action ta
		 WHERE ta.risk_id = r.id AND ta.status IN ('planned', 'in_progress')) AS open_actions,
	   r.matrix_id
  FROM @extschema@.risk r
  LEFT JOIN @extschema@.asset a ON a.id = r.asset_id
  LEFT JOIN @extschema@.threat t ON t.id = r.threat_id
  LEFT JOIN @extschema@.person p ON p.id = r.owner_id;
COMMENT ON VIEW @extschema@.v_risk_register IS
	'the risk register for readers: one row per risk of every organization, with asset, owner, levels, treatment and review due';
COMMENT ON COLUMN @extschema@.v_risk_register.risk_id IS 'isms.risk.id';
COMMENT ON COLUMN @extschema@.v_risk_register.org_id IS 'organization';
COMMENT ON COLUMN @extschema@.v_risk_register.ident IS 'risk identifier';
COMMENT ON COLUMN @extschema@.v_risk_register.title IS 'risk statement';
COMMENT ON COLUMN @extschema@.v_risk_register.category IS 'risk category';
COMMENT ON COLUMN @extschema@.v_risk_register.status IS 'life cycle status';
COMMENT ON COLUMN @extschema@.v_risk_register.treatment IS 'treatment option';
COMMENT ON COLUMN @extschema@.v_risk_register.asset_id IS 'asset at risk';
COMMENT ON COLUMN @extschema@.v_risk_register.asset IS 'asset name';
COMMENT ON COLUMN @extschema@.v_risk_register.threat_id IS 'threat';
COMMENT ON COLUMN @extschema@.v_risk_register.threat IS 'threat name';
COMMENT ON COLUMN @extschema@.v_risk_register.owner_id IS 'risk owner';
COMMENT ON COLUMN @extschema@.v_risk_register.owner IS 'risk owner''s name';
COMMENT ON COLUMN @extschema@.v_risk_register.inherent_likelihood IS 'inherent likelihood';
COMMENT ON COLUMN @extschema@.v_risk_register.inherent_impact IS 'inherent impact';
COMMENT ON COLUMN @extschema@.v_risk_register.inherent_score IS 'inherent likelihood * impact (integer score)';
COMMENT ON COLUMN @extschema@.v_risk_register.inherent_level IS 'inherent risk level';
COMMENT ON COLUMN @extschema@.v_risk_register.current_level IS 'current risk level';
COMMENT ON COLUMN @extschema@.v_risk_register.residual_likelihood IS 'residual likelihood';
COMMENT ON COLUMN @extschema@.v_risk_register.residual_impact IS 'residual impact';
COMMENT ON COLUMN @extschema@.v_risk_register.residual_score IS 'residual likelihood * impact (integer score)';
COMMENT ON COLUMN @extschema@.v_risk_register.residual_level IS 'residual risk level';
COMMENT ON COLUMN @extschema@.v_risk_register.target_level IS 'target risk level';
COMMENT ON COLUMN @extschema@.v_risk_register.ale IS 'annualized loss expectancy';
COMMENT ON COLUMN @extschema@.v_risk_register.identified_on IS 'date identified';
COMMENT ON COLUMN @extschema@.v_risk_register.reviewed_on IS 'date of the latest review';
COMMENT ON COLUMN @extschema@.v_risk_register.review_due IS 'date the next review is due';
COMMENT ON COLUMN @extschema@.v_risk_register.review_overdue IS
	'true if the risk is not closed and its review date has passed (false without a review date)';
COMMENT ON COLUMN @extschema@.v_risk_register.controls IS 'number of controls linked to the risk';
COMMENT ON COLUMN @extschema@.v_risk_register.open_actions IS 'number of planned or in-progress treatment actions';
COMMENT ON COLUMN @extschema@.v_risk_register.matrix_id IS 'risk matrix version that scored the levels';

CREATE VIEW @extschema@.v_soa AS
WITH org AS MATERIALIZED (
	-- the current organization, or none on a fresh install (materialized, so
	-- that the planner does not call current_org() when there is none)
	SELECT CASE WHEN EXISTS (SELECT FROM @extschema@.organization)
				THEN @extschema@.current_org() END AS org_id
)
SELECT c.id AS control_id,
	   c.ident,
	   c.title,
	   g.ident AS theme_ident,
	   g.title AS theme,
	   (SELECT string_agg(dg.ident, ', ' ORDER BY dg.sort_order)
		  FROM @extschema@.control_crosswalk x
		  JOIN @extschema@.control_group dg ON dg.id = x.group_id
		  JOIN @extschema@.framework df ON df.id = dg.framework_id AND df.name = 'iso27001-2013'
		 WHERE x.control_id = c.id) AS domains_2013,
	   org.org_id,
	   s.id AS soa_id,
	   s.applicable,
	   s.justification,
	   s.implementation_status,
	   s.owner_id,
	   p.name AS owner,
	   s.target_date,
	   s.implemented_on,
	   s.reviewed_on,
	   (SELECT count(*) FROM @extschema@.control_evidence e WHERE e.soa_id = s.id) AS evidence_count,
	   c.sort_order
  FROM @extschema@.control c
  JOIN @extschema@.framework f ON f.id = c.framework_id AND f.name = 'iso27001-2022'
  LEFT JOIN @extschema@.control_group g ON g.id = c.group_id
 CROSS JOIN org
  LEFT JOIN @extschema@.soa s ON s.control_id = c.id AND s.org_id = org.org_id
  LEFT JOIN @extschema@.person p ON p.id = s.owner_id
 WHERE NOT c.withdrawn;
COMMENT ON VIEW @extschema@.v_soa IS
	'the Statement of Applicability of the current organization: one row per ISO/IEC 27001:2022 Annex A control (93), SoA columns NULL where not yet decided';
COMMENT ON COLUMN @extschema@.v_soa.control_id IS 'isms.control.id';
COMMENT ON COLUMN @extschema@.v_soa.ident IS 'control identifier (A.5.1 ... A.8.34)';
COMMENT ON COLUMN @extschema@.v_soa.title IS 'control title';
COMMENT ON COLUMN @extschema@.v_soa.theme_ident IS 'theme identifier (A.5, A.6, A.7, A.8)';
COMMENT ON COLUMN @extschema@.v_soa.theme IS 'theme: organizational, people, physical or technological controls';
COMMENT ON COLUMN @extschema@.v_soa.domains_2013 IS 'ISO/IEC 27001:2013 domain(s) of the control (the framework components)';
COMMENT ON COLUMN @extschema@.v_soa.org_id IS 'the current organization (NULL when there is none)';
COMMENT ON COLUMN @extschema@.v_soa.soa_id IS 'isms.soa.id, NULL where not yet decided';
COMMENT ON COLUMN @extschema@.v_soa.applicable IS 'whether the control is applicable';
COMMENT ON COLUMN @extschema@.v_soa.justification IS 'why it is included or excluded';
COMMENT ON COLUMN @extschema@.v_soa.implementation_status IS 'implementation status';
COMMENT ON COLUMN @extschema@.v_soa.owner_id IS 'control owner';
COMMENT ON COLUMN @extschema@.v_soa.owner IS 'control owner''s name';
COMMENT ON COLUMN @extschema@.v_soa.target_date IS 'planned completion date';
COMMENT ON COLUMN @extschema@.v_soa.implemented_on IS 'date implemented';
COMMENT ON COLUMN @extschema@.v_soa.reviewed_on IS 'date of the latest review';
COMMENT ON COLUMN @extschema@.v_soa.evidence_count IS 'number of evidence items';
COMMENT ON COLUMN @extschema@.v_soa.sort_order IS 'catalog order, for ORDER BY';

/* --- Triggers and the columns every register table shares ---------------- */

DO $$
DECLARE
	t text;
	tables text[] := ARRAY[
		'organization', 'org_unit', 'person', 'site', 'asset', 'threat', 'risk', 'framework',
		'control_group', 'control', 'vulnerability', 'process', 'scope', 'scope_answer', 'scope_item', 'policy', 'role',
		'role_assignment', 'policy_acknowledgement', 'screening', 'training_course', 'training_record',
		'termination', 'asset_dependency', 'risk_vulnerability', 'octave_impact_area',
		'risk_octave_impact', 'soa', 'control_evidence', 'risk_control', 'treatment_action',
		'access_review', 'crypto_key', 'site_check', 'change_request', 'backup', 'restore_test',
		'network_zone', 'network_protection', 'security_requirement', 'security_test', 'supplier',
		'supplier_service', 'supplier_requirement', 'supplier_assessment', 'supplier_training',
		'incident', 'incident_action', 'incident_asset', 'incident_risk', 'continuity_plan',
		'continuity_plan_asset', 'continuity_test', 'obligation', 'compliance_check',
		'compliance_violation', 'audit', 'audit_finding', 'corrective_action', 'management_review',
		'management_review_attendee', 'management_review_input', 'management_review_decision',
		'improvement_action', 'control_crosswalk'];
	col record;
BEGIN
	FOREACH t IN ARRAY tables LOOP
		FOR col IN
			SELECT a.attname
			  FROM pg_catalog.pg_attribute a
			 WHERE a.attrelid = pg_catalog.format('@extschema@.%I', t)::regclass
			   AND a.attname IN ('id', 'org_id', 'created_at', 'updated_at')
			   AND NOT a.attisdropped
		LOOP
			IF col.attname = 'updated_at' THEN
				EXECUTE pg_catalog.format(
					'CREATE TRIGGER %I BEFORE UPDATE ON @extschema@.%I '
					'FOR EACH ROW EXECUTE FUNCTION @extschema@.set_updated_at()', t || '_updated_at', t);
			END IF;
			EXECUTE pg_catalog.format('COMMENT ON COLUMN @extschema@.%I.%I IS %L', t, col.attname,
				CASE col.attname
					WHEN 'id' THEN 'surrogate key'
					WHEN 'org_id' THEN 'organization (isms.organization); defaults to isms.current_org()'
					WHEN 'created_at' THEN 'when the row was inserted'
					ELSE 'when the row was last updated (set by a trigger)' END);
		END LOOP;
	END LOOP;
END
$$;

/*
 * ---------------------------------------------------------------------------
 * KPI aggregates (C, PARALLEL SAFE, with combine/serial/deserial functions)
 * ---------------------------------------------------------------------------
 */

CREATE FUNCTION @extschema@.heatmap_transfn(internal, @extschema@.likelihood, @extschema@.impact)
	RETURNS internal AS 'MODULE_PATHNAME', 'heatmap_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.heatmap_finalfn(internal) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'heatmap_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.level_counts_transfn(internal, @extschema@.risk_level)
	RETURNS internal AS 'MODULE_PATHNAME', 'level_counts_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.level_counts_finalfn(internal) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'level_counts_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.count_grid_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'count_grid_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.count_grid_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME', 'count_grid_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.count_grid_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'count_grid_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE @extschema@.heatmap(@extschema@.likelihood, @extschema@.impact) (
	SFUNC = @extschema@.heatmap_transfn, STYPE = internal, SSPACE = 816,
	FINALFUNC = @extschema@.heatmap_finalfn,
	COMBINEFUNC = @extschema@.count_grid_combine,
	SERIALFUNC = @extschema@.count_grid_serialize,
	DESERIALFUNC = @extschema@.count_grid_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.heatmap(@extschema@.likelihood, @extschema@.impact) IS
	'heat map: a 2-D bigint array of counts, [likelihood level][impact level]';

CREATE AGGREGATE @extschema@.level_counts(@extschema@.risk_level) (
	SFUNC = @extschema@.level_counts_transfn, STYPE = internal, SSPACE = 816,
	FINALFUNC = @extschema@.level_counts_finalfn,
	COMBINEFUNC = @extschema@.count_grid_combine,
	SERIALFUNC = @extschema@.count_grid_serialize,
	DESERIALFUNC = @extschema@.count_grid_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.level_counts(@extschema@.risk_level) IS
	'counts per risk level: a bigint array indexed by level';

CREATE FUNCTION @extschema@.exposure_transfn(bigint, @extschema@.likelihood, @extschema@.impact)
	RETURNS bigint AS 'MODULE_PATHNAME', 'exposure_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.exposure_combine(bigint, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'exposure_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.exposure_finalfn(bigint) RETURNS double precision
	AS 'MODULE_PATHNAME', 'exposure_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE @extschema@.exposure(@extschema@.likelihood, @extschema@.impact) (
	SFUNC = @extschema@.exposure_transfn, STYPE = bigint,
	FINALFUNC = @extschema@.exposure_finalfn,
	COMBINEFUNC = @extschema@.exposure_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.exposure(@extschema@.likelihood, @extschema@.impact) IS
	'risk exposure index: the sum over risks of (likelihood/scale) x (impact/scale)';

CREATE TYPE @extschema@.duration_stats AS (
	count	bigint,
	min		interval,
	mean	interval,
	p50		interval,
	p90		interval,
	max		interval
);
COMMENT ON TYPE @extschema@.duration_stats IS
	'exact statistics of durations: count, min, mean, median, 90th percentile, max';
CREATE FUNCTION @extschema@.duration_stats_transfn(internal, interval) RETURNS internal
	AS 'MODULE_PATHNAME', 'duration_stats_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.duration_stats_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'duration_stats_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.duration_stats_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME', 'duration_stats_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.duration_stats_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'duration_stats_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.duration_stats_finalfn(internal) RETURNS @extschema@.duration_stats
	AS 'MODULE_PATHNAME', 'duration_stats_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE @extschema@.duration_stats(interval) (
	SFUNC = @extschema@.duration_stats_transfn, STYPE = internal,
	FINALFUNC = @extschema@.duration_stats_finalfn, FINALFUNC_EXTRA = false,
	COMBINEFUNC = @extschema@.duration_stats_combine,
	SERIALFUNC = @extschema@.duration_stats_serialize,
	DESERIALFUNC = @extschema@.duration_stats_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.duration_stats(interval) IS
	'exact duration statistics (count, min, mean, p50, p90, max) for time to detect, respond, resolve';
COMMENT ON FUNCTION @extschema@.heatmap_transfn(internal, @extschema@.likelihood, @extschema@.impact) IS 'transition function of isms.heatmap';
COMMENT ON FUNCTION @extschema@.heatmap_finalfn(internal) IS 'final function of isms.heatmap';
COMMENT ON FUNCTION @extschema@.level_counts_transfn(internal, @extschema@.risk_level) IS 'transition function of isms.level_counts';
COMMENT ON FUNCTION @extschema@.level_counts_finalfn(internal) IS 'final function of isms.level_counts';
COMMENT ON FUNCTION @extschema@.count_grid_combine(internal, internal) IS 'combine function of isms.heatmap and isms.level_counts';
COMMENT ON FUNCTION @extschema@.count_grid_serialize(internal) IS 'serial function of isms.heatmap and isms.level_counts';
COMMENT ON FUNCTION @extschema@.count_grid_deserialize(bytea, internal) IS 'deserial function of isms.heatmap and isms.level_counts';
COMMENT ON FUNCTION @extschema@.exposure_transfn(bigint, @extschema@.likelihood, @extschema@.impact) IS 'transition function of isms.exposure';
COMMENT ON FUNCTION @extschema@.exposure_combine(bigint, bigint) IS 'combine function of isms.exposure';
COMMENT ON FUNCTION @extschema@.exposure_finalfn(bigint) IS 'final function of isms.exposure';
COMMENT ON FUNCTION @extschema@.duration_stats_transfn(internal, interval) IS 'transition function of isms.duration_stats';
COMMENT ON FUNCTION @extschema@.duration_stats_combine(internal, internal) IS 'combine function of isms.duration_stats';
COMMENT ON FUNCTION @extschema@.duration_stats_serialize(internal) IS 'serial function of isms.duration_stats';
COMMENT ON FUNCTION @extschema@.duration_stats_deserialize(bytea, internal) IS 'deserial function of isms.duration_stats';
COMMENT ON FUNCTION @extschema@.duration_stats_finalfn(internal) IS 'final function of isms.duration_stats';

/*
 * ---------------------------------------------------------------------------
 * Vulnerability scoring: CVSS v3.0, v3.1 and v4.0 (src/cvss.c, cvss3.c, cvss4.c)
 * ---------------------------------------------------------------------------
 */

CREATE FUNCTION @extschema@.cvss_score(vector text) RETURNS numeric
	AS 'MODULE_PATHNAME', 'cvss_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_score(text) IS
	'score of a CVSS vector: the base score of a v3.0/v3.1 vector, the score of a v4.0 vector as given (CVSS-B, -BT, -BE or -BTE)';

CREATE FUNCTION @extschema@.cvss_scores(vector text,
	OUT version text, OUT base numeric, OUT temporal numeric,
	OUT environmental numeric, OUT severity text)
	AS 'MODULE_PATHNAME', 'cvss_scores' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_scores(text) IS
	'version, base, temporal and environmental scores of a CVSS vector (v4.0: base is the vector''s score, the others NULL), and the severity of base';

CREATE FUNCTION @extschema@.cvss_severity(score numeric) RETURNS text
	AS 'MODULE_PATHNAME', 'cvss_severity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_severity(numeric) IS
	'qualitative severity rating of a CVSS score: None, Low, Medium, High or Critical';

CREATE FUNCTION @extschema@.cvss_likelihood(vector text, levels integer DEFAULT 5)
	RETURNS @extschema@.likelihood
	AS 'MODULE_PATHNAME', 'cvss_likelihood' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_likelihood(text, integer) IS
	'likelihood, on a scale of the given number of levels, from the exploitability of a CVSS vector';

CREATE FUNCTION @extschema@.cvss_impact(vector text, levels integer DEFAULT 5)
	RETURNS @extschema@.impact
	AS 'MODULE_PATHNAME', 'cvss_impact' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cvss_impact(text, integer) IS
	'impact, on a scale of the given number of levels, from the impact metrics of a CVSS vector';

/*
 * ---------------------------------------------------------------------------
 * Risk methodology: risk matrices and appetite (qualitative), SLE and ALE
 * (quantitative), OCTAVE Allegro, and FAIR Monte Carlo simulation.
 * ---------------------------------------------------------------------------
 */

-- Risk matrices: validation, one default, read-only once used --------------

CREATE FUNCTION @extschema@.risk_matrix_check(grid @extschema@.risk_level[], likelihood_levels integer,
		impact_levels integer, level_scale integer) RETURNS @extschema@.risk_level[]
	AS 'MODULE_PATHNAME', 'risk_matrix_check' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_matrix_check(@extschema@.risk_level[], integer, integer, integer) IS
	'the grid of a risk matrix validated (dimensions, every cell set and on the level scale, level never falling as likelihood or impact rises) with every cell resolved onto the level scale';

CREATE FUNCTION @extschema@.risk_matrix_in_use(matrix bigint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'risk_matrix_in_use' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION @extschema@.risk_matrix_in_use(bigint) IS
	'whether a risk records the matrix version now or in its history, committed risks of other transactions included (latest snapshot)';

-- Validates a matrix row and keeps the rules: one default among the
-- organization's own matrices (the shipped one is the default while there is
-- none), read-only once a risk records it or when it ships with the
-- extension, and a new version supersedes an older version of the same name.
CREATE FUNCTION @extschema@.risk_matrix_guard() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	superseded @extschema@.risk_matrix;
	used boolean;
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		-- in use: a risk records it now or in its history (see the function:
		-- risks that commit while this waits for the row lock count too)
		used := @extschema@.risk_matrix_in_use(OLD.id);
	END IF;
	IF TG_OP = 'DELETE' THEN
		IF used OR OLD.seeded THEN
			RAISE EXCEPTION 'risk matrix "%" version % cannot be deleted', OLD.name, OLD.version
				USING ERRCODE = 'object_in_use',
					  DETAIL = CASE WHEN used THEN 'It has scored risks, which record it now or in their history.'
									ELSE 'It ships with the extension.' END;
		END IF;
		RETURN OLD;
	END IF;

	IF TG_OP = 'UPDATE' THEN
		IF (used OR OLD.seeded) AND
		   (NEW.id, NEW.name, NEW.version, NEW.likelihood_levels, NEW.impact_levels, NEW.level_scale,
			NEW.grid::text, NEW.supersedes, NEW.seeded, NEW.created_at)
		   IS DISTINCT FROM
		   (OLD.id, OLD.name, OLD.version, OLD.likelihood_levels, OLD.impact_levels, OLD.level_scale,
			OLD.grid::text, OLD.supersedes, OLD.seeded, OLD.created_at)
		   OR (OLD.seeded AND NEW.is_default IS DISTINCT FROM OLD.is_default) THEN
			RAISE EXCEPTION 'risk matrix "%" version % cannot be changed in place', OLD.name, OLD.version
				USING ERRCODE = 'object_in_use',
					  DETAIL = CASE WHEN OLD.seeded THEN 'It ships with the extension.'
									ELSE 'It has scored risks, which record it now or in their history.' END,
					  HINT = 'Create a new version with isms.supersede_matrix(), then move risks to it with isms.rescore_risks().';
		END IF;
		IF NEW.seeded AND NOT OLD.seeded THEN
			RAISE EXCEPTION 'risk matrix "%" version % cannot be marked as seeded', OLD.name, OLD.version
				USING ERRCODE = 'check_violation',
					  DETAIL = 'Seeded rows ship with the extension and are left out of dumps.';
		END IF;
		NEW.updated_at := pg_catalog.now();
	END IF;

	NEW.grid := @extschema@.risk_matrix_check(NEW.grid, NEW.likelihood_levels,
											   NEW.impact_levels, NEW.level_scale);

	IF NEW.supersedes IS NOT NULL THEN
		SELECT * INTO superseded FROM @extschema@.risk_matrix m
		 WHERE m.id OPERATOR(pg_catalog.=) NEW.supersedes;
		IF superseded.name IS DISTINCT FROM NEW.name OR superseded.version >= NEW.version THEN
			RAISE EXCEPTION 'risk matrix "%" version % cannot supersede "%" version %',
				NEW.name, NEW.version, superseded.name, superseded.version
				USING ERRCODE = 'check_violation',
					  DETAIL = 'A version supersedes an older version of the same matrix.';
		END IF;
	END IF;

	-- a new default replaces the old one (the shipped matrix stays as it is:
	-- it is the default only while no other matrix is)
	IF NEW.is_default AND NOT NEW.seeded AND (TG_OP = 'INSERT' OR NOT OLD.is_default) THEN
		UPDATE @extschema@.risk_matrix m SET is_default = false
		 WHERE m.is_default AND NOT m.seeded AND m.id OPERATOR(pg_catalog.<>) NEW.id;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.risk_matrix_guard() IS
	'trigger: validates a risk matrix, keeps one default, and keeps used and shipped versions read-only';

CREATE TRIGGER risk_matrix_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.risk_matrix
	FOR EACH ROW EXECUTE FUNCTION @extschema@.risk_matrix_guard();

-- TRUNCATE would remove the shipped matrix and the versions risks record
-- (matrix_id is kept by triggers, not by a foreign key that would stop it).
CREATE FUNCTION @extschema@.risk_matrix_no_truncate() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION 'table risk_matrix cannot be truncated'
		USING ERRCODE = 'object_in_use',
			  DETAIL = 'It holds the matrix that ships with the extension, and the versions that risks record.',
			  HINT = 'Delete the versions that are not in use instead.';
END
$$;
COMMENT ON FUNCTION @extschema@.risk_matrix_no_truncate() IS
	'trigger: refuses TRUNCATE of isms.risk_matrix';
CREATE TRIGGER risk_matrix_no_truncate BEFORE TRUNCATE ON @extschema@.risk_matrix
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.risk_matrix_no_truncate();

CREATE UNIQUE INDEX risk_matrix_one_default ON @extschema@.risk_matrix ((true)) WHERE is_default AND NOT seeded;
-- risks by matrix: the guard asks whether a version is in use
CREATE INDEX risk_matrix_id_idx ON @extschema@.risk (matrix_id);
-- the identity's sequence too, so that rows added after a restore get fresh ids
SELECT pg_catalog.pg_extension_config_dump(
	pg_catalog.pg_get_serial_sequence('@extschema@.risk_matrix', 'id')::regclass, '');

-- The shipped default: the 5 x 5 matrix of the NPSA (UK National Patient
-- Safety Agency, "A risk matrix for risk managers", 2008), whose score
-- likelihood x impact falls into the bands 1-3 low, 4-6 moderate, 8-12 high
-- and 15-25 extreme; here onto risk_level low, medium, high, critical.
INSERT INTO @extschema@.risk_matrix
	(name, version, is_default, likelihood_levels, impact_levels, level_scale, grid,
	 description, source, seeded)
VALUES ('default', 1, true, 5, 5, 4,
	'{{low,low,low,medium,medium},
	  {low,medium,medium,high,high},
	  {low,medium,high,high,critical},
	  {medium,high,high,critical,critical},
	  {medium,high,critical,critical,critical}}',
	'5 x 5 likelihood x impact onto 4 levels by the score likelihood x impact: 1-3 low, 4-6 medium, 8-12 high, 15-25 critical',
	'NPSA, A risk matrix for risk managers (2008): bands 1-3 low, 4-6 moderate, 8-12 high, 15-25 extreme',
	true);

CREATE FUNCTION @extschema@.default_matrix() RETURNS bigint
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT m.id FROM @extschema@.risk_matrix m WHERE m.is_default ORDER BY m.seeded LIMIT 1
$$;
COMMENT ON FUNCTION @extschema@.default_matrix() IS
	'the id of the default risk matrix: the one marked is_default, else the shipped one';

-- A new version of a matrix: same name, next version, supersedes the old
-- one, and takes over as default if the old one was.
CREATE FUNCTION @extschema@.supersede_matrix(matrix bigint, grid @extschema@.risk_level[],
		level_scale integer DEFAULT NULL, description text DEFAULT NULL) RETURNS bigint
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	old @extschema@.risk_matrix;
	new_id bigint;
BEGIN
	SELECT * INTO old FROM @extschema@.risk_matrix m WHERE m.id OPERATOR(pg_catalog.=) matrix;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'risk matrix with id % does not exist', matrix
			USING ERRCODE = 'undefined_object';
	END IF;
	INSERT INTO @extschema@.risk_matrix AS m
		(name, version, is_default, likelihood_levels, impact_levels, level_scale, grid,
		 description, source, supersedes)
	VALUES (old.name,
			(SELECT pg_catalog.max(v.version) OPERATOR(pg_catalog.+) 1
			   FROM @extschema@.risk_matrix v WHERE v.name OPERATOR(pg_catalog.=) old.name),
			old.is_default,
			pg_catalog.array_length(grid, 1), pg_catalog.array_length(grid, 2),
			COALESCE(level_scale, old.level_scale), grid,
			COALESCE(description, old.description), old.source, old.id)
	RETURNING m.id INTO new_id;
	RETURN new_id;
END
$$;
COMMENT ON FUNCTION @extschema@.supersede_matrix(bigint, @extschema@.risk_level[], integer, text) IS
	'create the next version of a risk matrix with a new grid; it supersedes the given version and becomes default if that one was; returns the new id';

-- The lookups.  They read isms.risk_matrix once per query (cached in
-- fn_extra) with schema-qualified SQL, so they need no pinned search_path
-- (which would cost a GUC save and restore on every call).
CREATE FUNCTION @extschema@.risk_level(@extschema@.likelihood, @extschema@.impact) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_default' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(@extschema@.likelihood, @extschema@.impact) IS
	'the risk level of a likelihood and an impact in the default risk matrix';
CREATE FUNCTION @extschema@.risk_level(@extschema@.likelihood, @extschema@.impact, matrix text) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_named' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(@extschema@.likelihood, @extschema@.impact, text) IS
	'the risk level of a likelihood and an impact in the newest version of the named risk matrix';
CREATE FUNCTION @extschema@.risk_level(@extschema@.likelihood, @extschema@.impact, matrix_id bigint) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_by_id' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(@extschema@.likelihood, @extschema@.impact, bigint) IS
	'the risk level of a likelihood and an impact in one risk matrix version, by id';

-- Re-score the current organization's risks onto another matrix version.
CREATE FUNCTION @extschema@.rescore_risks(to_matrix bigint, from_matrix bigint DEFAULT NULL)
	RETURNS TABLE (risk_id bigint, stage text, old_matrix_id bigint,
				   old_level @extschema@.risk_level, new_level @extschema@.risk_level)
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	r record;
	before @extschema@.risk_level[];
	after @extschema@.risk_level[];
	stages CONSTANT text[] := ARRAY['inherent', 'current', 'residual', 'target'];
	msg text;
	detail text;
BEGIN
	IF NOT EXISTS (SELECT FROM @extschema@.risk_matrix m WHERE m.id OPERATOR(pg_catalog.=) to_matrix) THEN
		RAISE EXCEPTION 'risk matrix with id % does not exist', to_matrix
			USING ERRCODE = 'undefined_object';
	END IF;
	FOR r IN
		SELECT k.* FROM @extschema@.risk k
		 WHERE k.org_id OPERATOR(pg_catalog.=) @extschema@.current_org()
		   AND k.matrix_id IS DISTINCT FROM to_matrix
		   AND (from_matrix IS NULL OR k.matrix_id OPERATOR(pg_catalog.=) from_matrix)
		 ORDER BY k.id
		 FOR UPDATE
	LOOP
		before := ARRAY[r.inherent_level, r.current_level, r.residual_level, r.target_level];
		BEGIN
			after := ARRAY[
				CASE WHEN r.inherent_likelihood IS NULL OR r.inherent_impact IS NULL THEN r.inherent_level
					 ELSE @extschema@.risk_level(r.inherent_likelihood, r.inherent_impact, to_matrix) END,
				CASE WHEN r.current_likelihood IS NULL OR r.current_impact IS NULL THEN r.current_level
					 ELSE @extschema@.risk_level(r.current_likelihood, r.current_impact, to_matrix) END,
				CASE WHEN r.residual_likelihood IS NULL OR r.residual_impact IS NULL THEN r.residual_level
					 ELSE @extschema@.risk_level(r.residual_likelihood, r.residual_impact, to_matrix) END,
				CASE WHEN r.target_likelihood IS NULL OR r.target_impact IS NULL THEN r.target_level
					 ELSE @extschema@.risk_level(r.target_likelihood, r.target_impact, to_matrix) END];
		EXCEPTION WHEN invalid_parameter_value THEN
			GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL;
			RAISE EXCEPTION 'risk % cannot be re-scored: %', r.id, msg
				USING ERRCODE = 'invalid_parameter_value', DETAIL = detail,
					  HINT = 'Re-assess its likelihood and impact on the new matrix''s scales first.';
		END;
		UPDATE @extschema@.risk k
		   SET matrix_id = to_matrix,
			   inherent_level = after[1], current_level = after[2],
			   residual_level = after[3], target_level = after[4],
			   updated_at = pg_catalog.now()
		 WHERE k.id OPERATOR(pg_catalog.=) r.id;
		FOR s IN 1..4 LOOP
			IF before[s] IS DISTINCT FROM after[s] THEN
				risk_id := r.id;
				stage := stages[s];
				old_matrix_id := r.matrix_id;
				old_level := before[s];
				new_level := after[s];
				RETURN NEXT;
			END IF;
		END LOOP;
	END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@.rescore_risks(bigint, bigint) IS
	'move the current organization''s risks (all, or those of from_matrix) onto a matrix version, re-scoring their levels; returns one row per risk and stage whose level changed';

-- Risk appetite ---------------------------------------------------------

CREATE TABLE @extschema@.risk_appetite (
	id			bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id		bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	category	text CONSTRAINT risk_appetite_category_not_blank CHECK (btrim(category) <> ''),
	asset_id	bigint,
	max_level	@extschema@.risk_level NOT NULL,
	rationale	text,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT risk_appetite_one_scope CHECK (category IS NULL OR asset_id IS NULL),
	CONSTRAINT risk_appetite_asset_id_fkey FOREIGN KEY (org_id, asset_id)
		REFERENCES @extschema@.asset (org_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.risk_appetite IS
	'risk appetite: the highest acceptable risk level of an organization (category and asset_id null), of a risk category, or of an asset';
CREATE UNIQUE INDEX risk_appetite_org_unique ON @extschema@.risk_appetite (org_id)
	WHERE category IS NULL AND asset_id IS NULL;
CREATE UNIQUE INDEX risk_appetite_category_unique ON @extschema@.risk_appetite (org_id, category)
	WHERE category IS NOT NULL;
CREATE UNIQUE INDEX risk_appetite_asset_unique ON @extschema@.risk_appetite (org_id, asset_id)
	WHERE asset_id IS NOT NULL;
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_appetite', '');
SELECT pg_catalog.pg_extension_config_dump(
	pg_catalog.pg_get_serial_sequence('@extschema@.risk_appetite', 'id')::regclass, '');

CREATE FUNCTION @extschema@.appetite_for(org_id bigint, category text DEFAULT NULL,
		asset_id bigint DEFAULT NULL) RETURNS @extschema@.risk_level
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT a.max_level FROM @extschema@.risk_appetite a
	 WHERE a.org_id OPERATOR(pg_catalog.=) $1
	   AND (a.asset_id OPERATOR(pg_catalog.=) $3
			OR (a.asset_id IS NULL AND a.category OPERATOR(pg_catalog.=) $2)
			OR (a.asset_id IS NULL AND a.category IS NULL))
	 ORDER BY a.asset_id IS NOT NULL DESC, a.category IS NOT NULL DESC
	 LIMIT 1
$$;
COMMENT ON FUNCTION @extschema@.appetite_for(bigint, text, bigint) IS
	'an organization''s highest acceptable risk level for an asset, else for a category, else overall; NULL if none is set';

CREATE FUNCTION @extschema@.appetite(category text DEFAULT NULL, asset_id bigint DEFAULT NULL)
	RETURNS @extschema@.risk_level
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT @extschema@.appetite_for(@extschema@.current_org(), $1, $2)
$$;
COMMENT ON FUNCTION @extschema@.appetite(text, bigint) IS
	'the current organization''s highest acceptable risk level for an asset, else for a category, else overall; NULL if none is set';

CREATE FUNCTION @extschema@.within_appetite(level @extschema@.risk_level, category text DEFAULT NULL,
		asset_id bigint DEFAULT NULL) RETURNS boolean
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	max_level @extschema@.risk_level;
BEGIN
	IF level IS NULL THEN
		RETURN NULL;
	END IF;
	max_level := @extschema@.appetite(category, asset_id);
	IF max_level IS NULL THEN
		RETURN false;
	END IF;
	IF @extschema@.scale(level) OPERATOR(pg_catalog.<>) @extschema@.scale(max_level) THEN
		RAISE EXCEPTION 'risk level "%" is not on the scale of the appetite "%"', level, max_level
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = pg_catalog.format('The level is on a %s-level scale, the appetite on a %s-level scale.',
											 @extschema@.scale(level), @extschema@.scale(max_level));
	END IF;
	RETURN level OPERATOR(@extschema@.<=) max_level;
END
$$;
COMMENT ON FUNCTION @extschema@.within_appetite(@extschema@.risk_level, text, bigint) IS
	'whether a risk level is within the current organization''s appetite for an asset, else a category, else overall; false where no appetite is set';

-- Quantitative: single and annual loss expectancy ------------------------

CREATE FUNCTION @extschema@.sle(asset_value numeric, exposure_factor numeric) RETURNS numeric
	AS 'MODULE_PATHNAME', 'quant_sle' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sle(numeric, numeric) IS
	'single loss expectancy: asset value x exposure factor (0 to 1)';
CREATE FUNCTION @extschema@.ale(sle numeric, aro numeric) RETURNS numeric
	AS 'MODULE_PATHNAME', 'quant_ale' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ale(numeric, numeric) IS
	'annual loss expectancy: single loss expectancy x annual rate of occurrence';

-- OCTAVE Allegro ----------------------------------------------------------

-- (the organization's impact-area ranking, isms.octave_impact_area, is created with the register)

CREATE FUNCTION @extschema@.octave_rank_impact_areas(VARIADIC areas text[])
	RETURNS SETOF @extschema@.octave_impact_area
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	org bigint := @extschema@.current_org();
	n integer := pg_catalog.cardinality(areas);
BEGIN
	DELETE FROM @extschema@.octave_impact_area a WHERE a.org_id OPERATOR(pg_catalog.=) org;
	RETURN QUERY
	INSERT INTO @extschema@.octave_impact_area AS a (org_id, name, priority)
	SELECT org, u.name, (n OPERATOR(pg_catalog.-) u.ord::integer) OPERATOR(pg_catalog.+) 1
	  FROM pg_catalog.unnest(areas) WITH ORDINALITY AS u(name, ord)
	RETURNING a.*;
END
$$;
COMMENT ON FUNCTION @extschema@.octave_rank_impact_areas(text[]) IS
	'replace the current organization''s impact-area ranking: the first area is the most important and gets the highest priority (n), the last gets 1';

CREATE FUNCTION @extschema@.octave_impact_value(text) RETURNS integer
	AS 'MODULE_PATHNAME', 'octave_impact_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.octave_impact_value(text) IS
	'an OCTAVE Allegro impact value: low 1, moderate 2, high 3';
CREATE FUNCTION @extschema@.octave_score(priorities integer[], impact_values integer[]) RETURNS integer
	AS 'MODULE_PATHNAME', 'octave_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.octave_score(integer[], integer[]) IS
	'the OCTAVE Allegro relative risk score: the sum of priority x impact value over the impact areas';
CREATE FUNCTION @extschema@.octave_pool(probability text, score integer, max_score integer DEFAULT 45) RETURNS integer
	AS 'MODULE_PATHNAME', 'octave_pool' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.octave_pool(text, integer, integer) IS
	'the pool (1 to 4) of the OCTAVE Allegro relative risk matrix for a probability (high, medium, low) and a relative risk score';
CREATE FUNCTION @extschema@.octave_mitigation(pool integer) RETURNS text[]
	AS 'MODULE_PATHNAME', 'octave_mitigation' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.octave_mitigation(integer) IS
	'the mitigation approaches OCTAVE Allegro recommends for a pool: 1 mitigate; 2 mitigate or defer; 3 defer or accept; 4 accept';

CREATE FUNCTION @extschema@.octave_max_score() RETURNS integer
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT (3 OPERATOR(pg_catalog.*) pg_catalog.sum(a.priority))::integer
	  FROM @extschema@.octave_impact_area a
	 WHERE a.org_id OPERATOR(pg_catalog.=) @extschema@.current_org()
$$;
COMMENT ON FUNCTION @extschema@.octave_max_score() IS
	'the highest relative risk score of the current organization''s ranking: 3 x the sum of the priorities (45 for the five standard areas)';

CREATE FUNCTION @extschema@.octave_relative_risk_score(impacts jsonb) RETURNS integer
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	area text;
	value text;
	area_priority integer;
	score integer := 0;
BEGIN
	IF pg_catalog.jsonb_typeof(impacts) OPERATOR(pg_catalog.<>) 'object' THEN
		RAISE EXCEPTION 'impacts must be a JSON object'
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'Map each impact area to low, moderate or high, for example {"financial": "high"}.';
	END IF;
	FOR area, value IN SELECT e.key, e.value FROM pg_catalog.jsonb_each_text(impacts) e LOOP
		SELECT a.priority INTO area_priority FROM @extschema@.octave_impact_area a
		 WHERE a.org_id OPERATOR(pg_catalog.=) @extschema@.current_org()
		   AND a.name OPERATOR(pg_catalog.=) area;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'impact area "%" is not ranked', area
				USING ERRCODE = 'undefined_object',
					  HINT = 'Rank the organization''s impact areas with isms.octave_rank_impact_areas().';
		END IF;
		IF value IS NULL THEN
			RAISE EXCEPTION 'impact value of area "%" is null', area
				USING ERRCODE = 'null_value_not_allowed';
		END IF;
		-- (OPERATOR() has one precedence for all operators: parenthesize)
		score := score OPERATOR(pg_catalog.+)
			(area_priority OPERATOR(pg_catalog.*) @extschema@.octave_impact_value(value));
	END LOOP;
	RETURN score;
END
$$;
COMMENT ON FUNCTION @extschema@.octave_relative_risk_score(jsonb) IS
	'the OCTAVE Allegro relative risk score of a risk''s impacts {"area": "low"|"moderate"|"high", ...} with the current organization''s priorities; areas left out count 0';

CREATE FUNCTION @extschema@.octave_risk_pool(probability text, impacts jsonb) RETURNS integer
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT @extschema@.octave_pool($1, @extschema@.octave_relative_risk_score($2),
								   @extschema@.octave_max_score())
$$;
COMMENT ON FUNCTION @extschema@.octave_risk_pool(text, jsonb) IS
	'the OCTAVE Allegro pool of a risk from its probability and impacts, with the current organization''s ranking';

-- FAIR: Monte Carlo simulation ---------------------------------------------

CREATE TYPE @extschema@.fair_result AS (
	iterations	integer,
	mean		double precision,
	stddev		double precision,
	p10			double precision,
	p50			double precision,
	p90			double precision,
	p95			double precision,
	p99			double precision,
	max			double precision
);
COMMENT ON TYPE @extschema@.fair_result IS
	'statistics of simulated annual losses: mean, sample standard deviation, nearest-rank percentiles and maximum';

CREATE FUNCTION @extschema@.fair_simulate(model jsonb, iterations integer DEFAULT 100000, seed bigint DEFAULT 1)
	RETURNS @extschema@.fair_result
	AS 'MODULE_PATHNAME', 'fair_simulate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fair_simulate(jsonb, integer, bigint) IS
	'FAIR Monte Carlo simulation of a model''s annual loss (Poisson loss events, one loss magnitude draw per event); deterministic for a seed';

CREATE FUNCTION @extschema@.loss_exceedance(model jsonb, iterations integer DEFAULT 100000,
		seed bigint DEFAULT 1, points integer DEFAULT 50)
	RETURNS TABLE (loss double precision, probability double precision)
	AS 'MODULE_PATHNAME', 'fair_loss_exceedance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 50;
COMMENT ON FUNCTION @extschema@.loss_exceedance(jsonb, integer, bigint, integer) IS
	'loss exceedance curve of a FAIR model: at points losses evenly spaced from 0 to the largest simulated annual loss, the share of simulated years with a greater loss';

CREATE FUNCTION @extschema@.fair_years(model jsonb, iterations integer DEFAULT 100000, seed bigint DEFAULT 1)
	RETURNS SETOF double precision
	AS 'MODULE_PATHNAME', 'fair_years' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100000;
COMMENT ON FUNCTION @extschema@.fair_years(jsonb, integer, bigint) IS
	'the annual losses of each simulated year of a FAIR model, in simulation order (the years fair_simulate summarizes)';

CREATE FUNCTION @extschema@.fair_sample(node jsonb, n integer DEFAULT 1000, seed bigint DEFAULT 1)
	RETURNS SETOF double precision
	AS 'MODULE_PATHNAME', 'fair_sample' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.fair_sample(jsonb, integer, bigint) IS
	'n draws from one FAIR model node (a number or a distribution), deterministic for a seed';

CREATE FUNCTION @extschema@.fair_risk_seed(seed bigint, risk_id bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'fair_risk_seed_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fair_risk_seed(bigint, bigint) IS
	'the seed isms.fair_portfolio uses for one risk: the portfolio seed mixed with the risk id';

CREATE FUNCTION @extschema@.lognormal_ale(frequency double precision, low double precision, high double precision)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'lognormal_ale' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lognormal_ale(double precision, double precision, double precision) IS
	'mean annual loss, frequency x exp(mu + sigma^2/2), of a lognormal loss magnitude whose 5th and 95th percentiles are low and high';

-- (COST: a transition simulates every year of one risk; the planner should
-- know that splitting the rows over workers pays)
CREATE FUNCTION @extschema@.fair_portfolio_transfn(internal, jsonb, bigint, integer, bigint) RETURNS internal
	AS 'MODULE_PATHNAME', 'fair_portfolio_transfn' LANGUAGE C PARALLEL SAFE COST 100000;
COMMENT ON FUNCTION @extschema@.fair_portfolio_transfn(internal, jsonb, bigint, integer, bigint) IS
	'fair_portfolio transition: adds one risk''s simulated years';
CREATE FUNCTION @extschema@.fair_portfolio_transfn(internal, jsonb, bigint) RETURNS internal
	AS 'MODULE_PATHNAME', 'fair_portfolio_transfn' LANGUAGE C PARALLEL SAFE COST 100000;
COMMENT ON FUNCTION @extschema@.fair_portfolio_transfn(internal, jsonb, bigint) IS
	'fair_portfolio transition (100000 iterations, seed 1): adds one risk''s simulated years';
CREATE FUNCTION @extschema@.fair_portfolio_combinefn(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'fair_portfolio_combinefn' LANGUAGE C PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fair_portfolio_combinefn(internal, internal) IS
	'fair_portfolio combine: adds two partial year totals';
CREATE FUNCTION @extschema@.fair_portfolio_serialfn(internal) RETURNS bytea
	AS 'MODULE_PATHNAME', 'fair_portfolio_serialfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fair_portfolio_serialfn(internal) IS
	'fair_portfolio serialization of a partial state';
CREATE FUNCTION @extschema@.fair_portfolio_deserialfn(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'fair_portfolio_deserialfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fair_portfolio_deserialfn(bytea, internal) IS
	'fair_portfolio deserialization of a partial state';
CREATE FUNCTION @extschema@.fair_portfolio_finalfn(internal) RETURNS @extschema@.fair_result
	AS 'MODULE_PATHNAME', 'fair_portfolio_finalfn' LANGUAGE C PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fair_portfolio_finalfn(internal) IS
	'fair_portfolio final: statistics of the total annual loss';

CREATE AGGREGATE @extschema@.fair_portfolio(model jsonb, risk_id bigint, iterations integer, seed bigint) (
	SFUNC = @extschema@.fair_portfolio_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.fair_portfolio_finalfn,
	COMBINEFUNC = @extschema@.fair_portfolio_combinefn,
	SERIALFUNC = @extschema@.fair_portfolio_serialfn,
	DESERIALFUNC = @extschema@.fair_portfolio_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.fair_portfolio(jsonb, bigint, integer, bigint) IS
	'FAIR simulation of a portfolio, one model per risk: statistics of the total annual loss; each risk draws from a seed derived from its id';
CREATE AGGREGATE @extschema@.fair_portfolio(model jsonb, risk_id bigint) (
	SFUNC = @extschema@.fair_portfolio_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.fair_portfolio_finalfn,
	COMBINEFUNC = @extschema@.fair_portfolio_combinefn,
	SERIALFUNC = @extschema@.fair_portfolio_serialfn,
	DESERIALFUNC = @extschema@.fair_portfolio_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.fair_portfolio(jsonb, bigint) IS
	'FAIR simulation of a portfolio with 100000 iterations and seed 1';

/*
 * ---------------------------------------------------------------------------
 * Risk treatment workflow: the life cycle of a risk, its computed levels and
 * review date, the treatment rules (accept, avoid, transfer, mitigate,
 * monitor), acceptances, review cadence, events (NOTIFY isms_events) and
 * the scheduled checks.  The rules are C triggers (src/risk_trigger.c,
 * src/risk_acceptance.c), so they hold for every client that writes.
 * Violations raise SQLSTATEs of class IS (see README.md).
 * ---------------------------------------------------------------------------
 */

-- A transferred risk may name a supplier of the register as counterparty.
ALTER TABLE @extschema@.risk ADD CONSTRAINT risk_transfer_supplier_id_fkey
	FOREIGN KEY (org_id, transfer_supplier_id) REFERENCES @extschema@.supplier (org_id, id);

-- Acceptances ------------------------------------------------------------

CREATE TABLE @extschema@.risk_acceptance (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id				bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	risk_id				bigint NOT NULL,
	approved_by_id		bigint NOT NULL,
	justification		text NOT NULL CONSTRAINT risk_acceptance_justification_not_blank
		CHECK (btrim(justification) <> ''),
	accepted_on			date NOT NULL DEFAULT CURRENT_DATE,
	expires_on			date NOT NULL,
	-- the residual risk accepted, recorded by the trigger from the risk
	accepted_likelihood	@extschema@.likelihood NOT NULL,
	accepted_impact		@extschema@.impact NOT NULL,
	accepted_level		@extschema@.risk_level NOT NULL,
	status				text NOT NULL DEFAULT 'valid' CONSTRAINT risk_acceptance_status_valid
		CHECK (status IN ('valid', 'expired', 'invalidated', 'withdrawn', 'superseded')),
	ended_at			timestamptz,
	end_reason			text,
	created_at			timestamptz NOT NULL DEFAULT now(),
	updated_at			timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT risk_acceptance_org_id_id_key UNIQUE (org_id, id),
	CONSTRAINT risk_acceptance_risk_id_fkey FOREIGN KEY (org_id, risk_id)
		REFERENCES @extschema@.risk (org_id, id) ON DELETE CASCADE,
	CONSTRAINT risk_acceptance_approved_by_id_fkey FOREIGN KEY (org_id, approved_by_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT risk_acceptance_expires_after_accepted CHECK (expires_on > accepted_on),
	CONSTRAINT risk_acceptance_ended_has_time CHECK ((status = 'valid') = (ended_at IS NULL))
);
CREATE UNIQUE INDEX risk_acceptance_one_valid ON @extschema@.risk_acceptance (risk_id)
	WHERE status = 'valid';
CREATE INDEX risk_acceptance_risk_idx ON @extschema@.risk_acceptance (risk_id);
COMMENT ON TABLE @extschema@.risk_acceptance IS
	'risk acceptances (retention): who accepted which residual risk of a risk, why and until when; at most one valid per risk';
COMMENT ON COLUMN @extschema@.risk_acceptance.id IS 'surrogate key';
COMMENT ON COLUMN @extschema@.risk_acceptance.org_id IS
	'organization (isms.organization); defaults to isms.current_org()';
COMMENT ON COLUMN @extschema@.risk_acceptance.risk_id IS 'the risk accepted (isms.risk)';
COMMENT ON COLUMN @extschema@.risk_acceptance.approved_by_id IS 'who accepted the risk (isms.person), not the risk owner';
COMMENT ON COLUMN @extschema@.risk_acceptance.justification IS 'why the risk is accepted';
COMMENT ON COLUMN @extschema@.risk_acceptance.accepted_on IS 'date of the acceptance';
COMMENT ON COLUMN @extschema@.risk_acceptance.expires_on IS 'date the acceptance expires (must be renewed by then)';
COMMENT ON COLUMN @extschema@.risk_acceptance.accepted_likelihood IS 'the residual likelihood accepted (recorded from the risk)';
COMMENT ON COLUMN @extschema@.risk_acceptance.accepted_impact IS 'the residual impact accepted (recorded from the risk)';
COMMENT ON COLUMN @extschema@.risk_acceptance.accepted_level IS 'the residual level accepted (recorded from the risk)';
COMMENT ON COLUMN @extschema@.risk_acceptance.status IS
	'valid, or how it ended: expired, invalidated (the residual risk changed), withdrawn or superseded (by a newer acceptance)';
COMMENT ON COLUMN @extschema@.risk_acceptance.ended_at IS 'when it stopped being valid (set by the trigger)';
COMMENT ON COLUMN @extschema@.risk_acceptance.end_reason IS 'why it stopped being valid';
COMMENT ON COLUMN @extschema@.risk_acceptance.created_at IS 'when the row was inserted';
COMMENT ON COLUMN @extschema@.risk_acceptance.updated_at IS 'when the row was last updated (set by a trigger)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_acceptance', '');
SELECT pg_catalog.pg_extension_config_dump(
	pg_catalog.pg_get_serial_sequence('@extschema@.risk_acceptance', 'id')::regclass, '');

-- Review cadence ---------------------------------------------------------

CREATE TABLE @extschema@.review_cadence (
	id			bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id		bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	level		@extschema@.risk_level NOT NULL,
	review_days	integer NOT NULL CONSTRAINT review_cadence_days_range CHECK (review_days BETWEEN 1 AND 3660),
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT review_cadence_level_unique UNIQUE (org_id, level),
	-- a bare level typed without a scale must fit the default scale
	CONSTRAINT review_cadence_level_on_scale
		CHECK (@extschema@.level(level) <= @extschema@.scale(level))
);
COMMENT ON TABLE @extschema@.review_cadence IS
	'days between reviews of a risk, per organization and risk level; levels without a row use isms.default_review_days()';
COMMENT ON COLUMN @extschema@.review_cadence.id IS 'surrogate key';
COMMENT ON COLUMN @extschema@.review_cadence.org_id IS
	'organization (isms.organization); defaults to isms.current_org()';
COMMENT ON COLUMN @extschema@.review_cadence.level IS 'the risk level (on the scale of the matrices in use)';
COMMENT ON COLUMN @extschema@.review_cadence.review_days IS 'days from the latest review or assessment to the next review, 1 to 3660';
COMMENT ON COLUMN @extschema@.review_cadence.created_at IS 'when the row was inserted';
COMMENT ON COLUMN @extschema@.review_cadence.updated_at IS 'when the row was last updated (set by a trigger)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.review_cadence', '');
SELECT pg_catalog.pg_extension_config_dump(
	pg_catalog.pg_get_serial_sequence('@extschema@.review_cadence', 'id')::regclass, '');

CREATE FUNCTION @extschema@.default_review_days(level @extschema@.risk_level) RETURNS integer
	AS 'MODULE_PATHNAME', 'default_review_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.default_review_days(@extschema@.risk_level) IS
	'the built-in review cadence in days by the level''s place on its scale: top level 30, from two thirds up 90, from one third up 180, else 365 (critical 30, high 90, medium 180, low 365)';

CREATE FUNCTION @extschema@.review_days(level @extschema@.risk_level, org bigint DEFAULT NULL)
	RETURNS integer
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT COALESCE((SELECT c.review_days FROM @extschema@.review_cadence c
					  WHERE c.org_id OPERATOR(pg_catalog.=) COALESCE($2, @extschema@.current_org())
						AND c.level OPERATOR(@extschema@.=) $1),
					@extschema@.default_review_days($1))
$$;
COMMENT ON FUNCTION @extschema@.review_days(@extschema@.risk_level, bigint) IS
	'days between reviews of a risk at a level: the organization''s cadence (default the current one), else the built-in one';

-- Overdue reviews, marked by the scheduled checks ------------------------

CREATE TABLE @extschema@.risk_review_overdue (
	id			bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id		bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	risk_id		bigint NOT NULL,
	due_on		date NOT NULL,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT risk_review_overdue_unique UNIQUE (risk_id, due_on),
	CONSTRAINT risk_review_overdue_risk_id_fkey FOREIGN KEY (org_id, risk_id)
		REFERENCES @extschema@.risk (org_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.risk_review_overdue IS
	'reviews found overdue by isms.run_scheduled_checks(): one row (and one event) per risk and missed review date';
COMMENT ON COLUMN @extschema@.risk_review_overdue.id IS 'surrogate key';
COMMENT ON COLUMN @extschema@.risk_review_overdue.org_id IS 'organization (isms.organization)';
COMMENT ON COLUMN @extschema@.risk_review_overdue.risk_id IS 'the risk (isms.risk)';
COMMENT ON COLUMN @extschema@.risk_review_overdue.due_on IS 'the review date that passed (isms.risk.next_review then)';
COMMENT ON COLUMN @extschema@.risk_review_overdue.created_at IS 'when the scheduled checks found it overdue';
COMMENT ON COLUMN @extschema@.risk_review_overdue.updated_at IS 'when the row was last updated (set by a trigger)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_review_overdue', '');
SELECT pg_catalog.pg_extension_config_dump(
	pg_catalog.pg_get_serial_sequence('@extschema@.risk_review_overdue', 'id')::regclass, '');

-- The triggers -----------------------------------------------------------

CREATE FUNCTION @extschema@.risk_workflow() RETURNS trigger
	AS 'MODULE_PATHNAME', 'risk_workflow' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.risk_workflow() IS
	'trigger: computes the levels and the next review of a risk, keeps its life cycle, enforces the treatment rules and sends events';
CREATE TRIGGER risk_workflow BEFORE INSERT OR UPDATE ON @extschema@.risk
	FOR EACH ROW EXECUTE FUNCTION @extschema@.risk_workflow();

CREATE FUNCTION @extschema@.risk_acceptance_guard() RETURNS trigger
	AS 'MODULE_PATHNAME', 'risk_acceptance_guard' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.risk_acceptance_guard() IS
	'trigger: checks a new acceptance, records the residual risk it accepts and supersedes the valid one; afterwards only its status may end it, once, with an event';
CREATE TRIGGER risk_acceptance_guard BEFORE INSERT OR UPDATE ON @extschema@.risk_acceptance
	FOR EACH ROW EXECUTE FUNCTION @extschema@.risk_acceptance_guard();

CREATE FUNCTION @extschema@.risk_link_guard() RETURNS trigger
	AS 'MODULE_PATHNAME', 'risk_link_guard' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.risk_link_guard() IS
	'trigger: a mitigated risk in treatment keeps at least one planned control or action';
CREATE TRIGGER risk_control_link_guard AFTER UPDATE OR DELETE ON @extschema@.risk_control
	FOR EACH ROW EXECUTE FUNCTION @extschema@.risk_link_guard();
CREATE TRIGGER treatment_action_link_guard AFTER UPDATE OR DELETE ON @extschema@.treatment_action
	FOR EACH ROW EXECUTE FUNCTION @extschema@.risk_link_guard();

CREATE TRIGGER risk_acceptance_updated_at BEFORE UPDATE ON @extschema@.risk_acceptance
	FOR EACH ROW EXECUTE FUNCTION @extschema@.set_updated_at();
CREATE TRIGGER review_cadence_updated_at BEFORE UPDATE ON @extschema@.review_cadence
	FOR EACH ROW EXECUTE FUNCTION @extschema@.set_updated_at();
CREATE TRIGGER risk_review_overdue_updated_at BEFORE UPDATE ON @extschema@.risk_review_overdue
	FOR EACH ROW EXECUTE FUNCTION @extschema@.set_updated_at();

CREATE FUNCTION @extschema@.risk_status_transitions()
	RETURNS TABLE (from_status text, to_status text)
	AS 'MODULE_PATHNAME', 'risk_status_transitions' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_status_transitions() IS
	'the life cycle of a risk: every status change the trigger allows';

-- Scheduled checks -------------------------------------------------------

-- Expires acceptances past their date and marks overdue reviews, with one
-- event each; idempotent, and one run at a time (an advisory lock).  It
-- runs as its caller: the scheduler's role needs to update risk_acceptance
-- and insert into risk_review_overdue.
CREATE FUNCTION @extschema@.scheduled_checks_lock() RETURNS void
	AS 'MODULE_PATHNAME', 'scheduled_checks_lock' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.scheduled_checks_lock() IS
	'takes the lock that lets one run_scheduled_checks() run at a time, until the transaction ends (for roles that may write what the checks write)';

CREATE FUNCTION @extschema@.run_scheduled_checks(as_of date DEFAULT CURRENT_DATE, org bigint DEFAULT NULL)
	RETURNS TABLE (action text, org_id bigint, risk_id bigint, acceptance_id bigint, due_on date)
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	r record;
BEGIN
	IF as_of IS NULL THEN
		RAISE EXCEPTION 'the date of the scheduled checks must not be null'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	-- a second run waits here, then finds nothing left to do
	PERFORM @extschema@.scheduled_checks_lock();

	-- the acceptance trigger sends the acceptance_expired events
	FOR r IN
		WITH expired AS (
			UPDATE @extschema@.risk_acceptance a SET status = 'expired'
			 WHERE a.status OPERATOR(pg_catalog.=) 'valid' AND a.expires_on OPERATOR(pg_catalog.<=) as_of
			   AND (org IS NULL OR a.org_id OPERATOR(pg_catalog.=) org)
			RETURNING a.org_id, a.risk_id, a.id, a.expires_on)
		SELECT * FROM expired e ORDER BY e.id
	LOOP
		action := 'acceptance_expired';
		org_id := r.org_id;
		risk_id := r.risk_id;
		acceptance_id := r.id;
		due_on := r.expires_on;
		RETURN NEXT;
	END LOOP;

	FOR r IN
		WITH marked AS (
			INSERT INTO @extschema@.risk_review_overdue AS o (org_id, risk_id, due_on)
			SELECT k.org_id, k.id, k.next_review FROM @extschema@.risk k
			 WHERE k.status OPERATOR(pg_catalog.<>) 'closed' AND k.next_review OPERATOR(pg_catalog.<) as_of
			   AND (org IS NULL OR k.org_id OPERATOR(pg_catalog.=) org)
			ON CONFLICT ON CONSTRAINT risk_review_overdue_unique DO NOTHING
			RETURNING o.org_id, o.risk_id, o.due_on)
		SELECT m.*, k.ident FROM marked m JOIN @extschema@.risk k ON k.id OPERATOR(pg_catalog.=) m.risk_id
		 ORDER BY m.risk_id
	LOOP
		PERFORM pg_catalog.pg_notify('isms_events', pg_catalog.format(
			'{"event": "review_overdue", "risk_id": %s, "org_id": %s, "ident": %s, "due_on": "%s"}',
			r.risk_id, r.org_id, COALESCE(pg_catalog.to_json(r.ident)::text, 'null'),
			pg_catalog.to_char(r.due_on, 'YYYY-MM-DD')));
		action := 'review_overdue';
		org_id := r.org_id;
		risk_id := r.risk_id;
		acceptance_id := NULL;
		due_on := r.due_on;
		RETURN NEXT;
	END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@.run_scheduled_checks(date, bigint) IS
	'expires acceptances whose date has come and marks reviews that are overdue (as of a date, default today; of one organization, default all), one event each and once; returns what it did; safe to run from a scheduler';

-- The treatment state of every risk, for readers -------------------------

CREATE VIEW @extschema@.v_risk_treatment AS
SELECT r.id AS risk_id,
	   r.org_id,
	   r.ident,
	   r.title,
	   r.status,
	   r.treatment,
	   r.owner_id,
	   n.level,
	   ap.max_level AS appetite,
	   CASE WHEN n.level IS NULL OR ap.max_level IS NULL
				 OR @extschema@.scale(n.level) <> @extschema@.scale(ap.max_level) THEN NULL
			ELSE n.level > ap.max_level END AS above_appetite,
	   a.id AS acceptance_id,
	   a.approved_by_id,
	   a.expires_on AS acceptance_expires_on,
	   CASE WHEN a.id IS NOT NULL
			THEN a.expires_on > CURRENT_DATE AND a.accepted_level = r.residual_level
				 AND a.approved_by_id IS DISTINCT FROM r.owner_id END AS acceptance_valid,
	   r.transfer_supplier_id,
	   s.name AS transfer_supplier,
	   r.transfer_counterparty,
	   r.transfer_reference,
	   r.activity_ended_on,
	   r.monitor_owner_id,
	   r.next_review,
	   COALESCE(r.status <> 'closed' AND r.next_review < CURRENT_DATE, false) AS review_overdue
  FROM @extschema@.risk r
 CROSS JOIN LATERAL (
	SELECT CASE WHEN r.status = 'closed' THEN NULL
				WHEN r.status IN ('treated', 'monitored')
				THEN COALESCE(r.residual_level, r.current_level, r.inherent_level)
				ELSE COALESCE(r.current_level, r.inherent_level) END AS level) n
  LEFT JOIN LATERAL (
	SELECT x.max_level FROM @extschema@.risk_appetite x
	 WHERE x.org_id = r.org_id
	   AND (x.asset_id = r.asset_id OR (x.asset_id IS NULL AND x.category = r.category)
			OR (x.asset_id IS NULL AND x.category IS NULL))
	 ORDER BY x.asset_id IS NOT NULL DESC, x.category IS NOT NULL DESC
	 LIMIT 1) ap ON true
  LEFT JOIN @extschema@.risk_acceptance a ON a.risk_id = r.id AND a.status = 'valid'
  LEFT JOIN @extschema@.supplier s ON s.id = r.transfer_supplier_id;
COMMENT ON VIEW @extschema@.v_risk_treatment IS
	'the treatment state of every risk: level now against appetite, the valid acceptance, counterparty, monitoring and review due';
COMMENT ON COLUMN @extschema@.v_risk_treatment.risk_id IS 'isms.risk.id';
COMMENT ON COLUMN @extschema@.v_risk_treatment.org_id IS 'organization';
COMMENT ON COLUMN @extschema@.v_risk_treatment.ident IS 'risk identifier';
COMMENT ON COLUMN @extschema@.v_risk_treatment.title IS 'risk statement';
COMMENT ON COLUMN @extschema@.v_risk_treatment.status IS 'life cycle status';
COMMENT ON COLUMN @extschema@.v_risk_treatment.treatment IS 'treatment option';
COMMENT ON COLUMN @extschema@.v_risk_treatment.owner_id IS 'risk owner';
COMMENT ON COLUMN @extschema@.v_risk_treatment.level IS
	'the level now: none when closed; when treated or monitored the residual, else current, else inherent level; before, the current, else inherent level';
COMMENT ON COLUMN @extschema@.v_risk_treatment.appetite IS 'the appetite that applies: asset, else category, else organization';
COMMENT ON COLUMN @extschema@.v_risk_treatment.above_appetite IS
	'level above appetite; NULL without a level, without an appetite, or on another scale';
COMMENT ON COLUMN @extschema@.v_risk_treatment.acceptance_id IS 'the valid acceptance (isms.risk_acceptance), if any';
COMMENT ON COLUMN @extschema@.v_risk_treatment.approved_by_id IS 'who approved the valid acceptance';
COMMENT ON COLUMN @extschema@.v_risk_treatment.acceptance_expires_on IS 'when the valid acceptance expires';
COMMENT ON COLUMN @extschema@.v_risk_treatment.acceptance_valid IS
	'the valid acceptance covers the risk today: not expired, for its residual level, approver not the owner (NULL without one)';
COMMENT ON COLUMN @extschema@.v_risk_treatment.transfer_supplier_id IS 'transfer: supplier';
COMMENT ON COLUMN @extschema@.v_risk_treatment.transfer_supplier IS 'transfer: supplier name';
COMMENT ON COLUMN @extschema@.v_risk_treatment.transfer_counterparty IS 'transfer: insurer or other party';
COMMENT ON COLUMN @extschema@.v_risk_treatment.transfer_reference IS 'transfer: contract or policy reference';
COMMENT ON COLUMN @extschema@.v_risk_treatment.activity_ended_on IS 'avoid: when the activity ended';
COMMENT ON COLUMN @extschema@.v_risk_treatment.monitor_owner_id IS 'monitor: who watches the risk';
COMMENT ON COLUMN @extschema@.v_risk_treatment.next_review IS 'date the next review is due';
COMMENT ON COLUMN @extschema@.v_risk_treatment.review_overdue IS 'not closed and the review date has passed';

/*
 * ---------------------------------------------------------------------------
 * KPI views: the documented contract for BI dashboards (one row per
 * organization and period or dimension; every organization, so a dashboard
 * filters by org_id).  Periods are calendar months and years in the
 * session's time zone.
 * ---------------------------------------------------------------------------
 */

CREATE VIEW @extschema@.kpi_incidents AS
WITH t AS (
	SELECT i.org_id,
		   pg_catalog.date_trunc('year', i.detected_at)::date AS year,
		   pg_catalog.date_trunc('month', i.detected_at)::date AS month,
		   i.severity,
		   i.detected_at OPERATOR(pg_catalog.-) i.occurred_at AS ttd,
		   i.responded_at OPERATOR(pg_catalog.-) i.detected_at AS ttr,
		   i.resolved_at OPERATOR(pg_catalog.-) i.detected_at AS ttres,
		   i.resolved_at IS NOT NULL AS resolved,
		   i.personal_data_breach
	  FROM @extschema@.incident i
)
SELECT org_id,
	   CASE WHEN GROUPING(month) OPERATOR(pg_catalog.=) 0 THEN 'month' ELSE 'year' END AS period,
	   coalesce(month, year) AS period_start,
	   (coalesce(month, year) OPERATOR(pg_catalog.+)
		CASE WHEN GROUPING(month) OPERATOR(pg_catalog.=) 0 THEN interval '1 month' ELSE interval '1 year' END)::date
		   AS period_end,
	   count(*) AS incidents,
	   count(*) FILTER (WHERE severity IN ('high', 'critical')) AS high_or_critical,
	   count(*) FILTER (WHERE personal_data_breach) AS personal_data_breaches,
	   count(*) FILTER (WHERE resolved) AS resolved,
	   (@extschema@.duration_stats(ttd)).mean AS mean_time_to_detect,
	   (@extschema@.duration_stats(ttd)).p50 AS median_time_to_detect,
	   (@extschema@.duration_stats(ttr)).mean AS mean_time_to_respond,
	   (@extschema@.duration_stats(ttr)).p50 AS median_time_to_respond,
	   (@extschema@.duration_stats(ttres)).mean AS mean_time_to_resolve,
	   (@extschema@.duration_stats(ttres)).p50 AS median_time_to_resolve
  FROM t
 GROUP BY GROUPING SETS ((org_id, year, month), (org_id, year));
COMMENT ON VIEW @extschema@.kpi_incidents IS
	'KPI: security incidents per month and per year (by detection time), with mean and median time to detect (detected - occurred), respond (responded - detected) and resolve (resolved - detected)';

CREATE VIEW @extschema@.kpi_compliance AS
WITH t AS (
	SELECT v.org_id,
		   pg_catalog.date_trunc('year', v.detected_at)::date AS year,
		   pg_catalog.date_trunc('month', v.detected_at)::date AS month,
		   v.severity,
		   v.detected_at OPERATOR(pg_catalog.-) v.occurred_at AS ttd,
		   v.responded_at OPERATOR(pg_catalog.-) v.detected_at AS ttr,
		   v.resolved_at OPERATOR(pg_catalog.-) v.detected_at AS ttres,
		   v.resolved_at IS NOT NULL AS resolved,
		   v.reported_to_authority_at IS NOT NULL AS reported
	  FROM @extschema@.compliance_violation v
)
SELECT org_id,
	   CASE WHEN GROUPING(month) OPERATOR(pg_catalog.=) 0 THEN 'month' ELSE 'year' END AS period,
	   coalesce(month, year) AS period_start,
	   (coalesce(month, year) OPERATOR(pg_catalog.+)
		CASE WHEN GROUPING(month) OPERATOR(pg_catalog.=) 0 THEN interval '1 month' ELSE interval '1 year' END)::date
		   AS period_end,
	   count(*) AS violations,
	   count(*) FILTER (WHERE severity IN ('high', 'critical')) AS high_or_critical,
	   count(*) FILTER (WHERE reported) AS reported_to_authority,
	   count(*) FILTER (WHERE resolved) AS resolved,
	   (@extschema@.duration_stats(ttd)).mean AS mean_time_to_detect,
	   (@extschema@.duration_stats(ttd)).p50 AS median_time_to_detect,
	   (@extschema@.duration_stats(ttr)).mean AS mean_time_to_respond,
	   (@extschema@.duration_stats(ttr)).p50 AS median_time_to_respond,
	   (@extschema@.duration_stats(ttres)).mean AS mean_time_to_resolve,
	   (@extschema@.duration_stats(ttres)).p50 AS median_time_to_resolve
  FROM t
 GROUP BY GROUPING SETS ((org_id, year, month), (org_id, year));
COMMENT ON VIEW @extschema@.kpi_compliance IS
	'KPI: compliance violations per month and per year (by detection time), with mean and median time to detect, respond and resolve';

-- One row per open risk with its level now and the appetite that applies
-- (the treatment workflow's own view decides both).
CREATE VIEW @extschema@.v_risk_appetite AS
SELECT t.risk_id,
	   t.org_id,
	   r.category,
	   r.asset_id,
	   t.level,
	   t.appetite,
	   t.above_appetite
  FROM @extschema@.v_risk_treatment t
  JOIN @extschema@.risk r ON r.id OPERATOR(pg_catalog.=) t.risk_id
 WHERE t.status OPERATOR(pg_catalog.<>) 'closed';
COMMENT ON VIEW @extschema@.v_risk_appetite IS
	'open risks with their level now (isms.v_risk_treatment: residual once treated, else current, else inherent), the appetite that applies (asset, else category, else organization) and whether the level is above it (NULL where no appetite is set)';

CREATE VIEW @extschema@.kpi_risk_posture AS
WITH r AS (
	SELECT r.org_id, r.status, r.treatment, r.inherent_level, r.residual_level,
		   r.residual_likelihood, r.residual_impact, r.status OPERATOR(pg_catalog.<>) 'closed' AS open,
		   a.above_appetite
	  FROM @extschema@.risk r
	  LEFT JOIN @extschema@.v_risk_appetite a ON a.risk_id OPERATOR(pg_catalog.=) r.id
)
SELECT org_id, 'status' AS dimension, status AS value, count(*) AS risks, NULL::double precision AS exposure
  FROM r GROUP BY org_id, status
UNION ALL
SELECT org_id, 'treatment', coalesce(treatment, 'none'), count(*), @extschema@.exposure(residual_likelihood, residual_impact)
  FROM r WHERE open GROUP BY org_id, treatment
UNION ALL
SELECT org_id, 'inherent_level', coalesce(inherent_level::text, 'unassessed'), count(*), NULL
  FROM r WHERE open GROUP BY org_id, inherent_level
UNION ALL
SELECT org_id, 'residual_level', coalesce(residual_level::text, 'unassessed'), count(*),
	   @extschema@.exposure(residual_likelihood, residual_impact)
  FROM r WHERE open GROUP BY org_id, residual_level
UNION ALL
SELECT org_id, 'appetite',
	   CASE WHEN above_appetite THEN 'above' WHEN NOT above_appetite THEN 'within' ELSE 'no_appetite_or_level' END,
	   count(*), @extschema@.exposure(residual_likelihood, residual_impact)
  FROM r WHERE open GROUP BY 1, 3
UNION ALL
SELECT org_id, 'total', 'open', count(*), @extschema@.exposure(residual_likelihood, residual_impact)
  FROM r WHERE open GROUP BY org_id;
COMMENT ON VIEW @extschema@.kpi_risk_posture IS
	'KPI: risks by status (all), and open risks by treatment, inherent level, residual level and appetite, with the residual exposure index (isms.exposure) of each group; dimension total gives all open risks';

CREATE VIEW @extschema@.kpi_controls AS
WITH c AS (
	SELECT o.id AS org_id, g.ident AS theme_ident, g.title AS theme, g.sort_order,
		   s.applicable, s.implementation_status AS status
	  FROM @extschema@.organization o
	 CROSS JOIN @extschema@.control c
	  JOIN @extschema@.framework f ON f.id OPERATOR(pg_catalog.=) c.framework_id AND f.name OPERATOR(pg_catalog.=) 'iso27001-2022'
	  JOIN @extschema@.control_group g ON g.id OPERATOR(pg_catalog.=) c.group_id
	  LEFT JOIN @extschema@.soa s ON s.control_id OPERATOR(pg_catalog.=) c.id AND s.org_id OPERATOR(pg_catalog.=) o.id
	 WHERE NOT c.withdrawn
)
SELECT org_id,
	   coalesce(theme_ident, 'all') AS theme_ident,
	   coalesce(theme, 'All themes') AS theme,
	   count(*) AS controls,
	   count(*) FILTER (WHERE applicable IS NULL) AS undecided,
	   count(*) FILTER (WHERE applicable) AS applicable,
	   count(*) FILTER (WHERE NOT applicable) AS not_applicable,
	   count(*) FILTER (WHERE applicable AND status OPERATOR(pg_catalog.=) 'implemented') AS implemented,
	   count(*) FILTER (WHERE applicable AND status OPERATOR(pg_catalog.=) 'partially_implemented') AS partially_implemented,
	   count(*) FILTER (WHERE applicable AND status OPERATOR(pg_catalog.=) 'planned') AS planned,
	   count(*) FILTER (WHERE applicable AND status OPERATOR(pg_catalog.=) 'not_implemented') AS not_implemented,
	   round(100.0 OPERATOR(pg_catalog.*) count(*) FILTER (WHERE applicable) OPERATOR(pg_catalog./) count(*), 1)
		   AS applicability_rate,
	   round(100.0 OPERATOR(pg_catalog.*) count(*) FILTER (WHERE applicable AND status OPERATOR(pg_catalog.=) 'implemented')
			 OPERATOR(pg_catalog./) nullif(count(*) FILTER (WHERE applicable), 0), 1) AS implementation_rate
  FROM c
 GROUP BY GROUPING SETS ((org_id, sort_order, theme_ident, theme), (org_id));
COMMENT ON VIEW @extschema@.kpi_controls IS
	'KPI: ISO/IEC 27001:2022 Annex A controls per theme (and all, theme_ident ''all''): applicability from the Statement of Applicability and implementation of the applicable ones; rates in percent';

CREATE VIEW @extschema@.kpi_training AS
WITH t AS (
	SELECT tr.org_id, tc.id AS course_id, tc.title AS course, tc.kind,
		   u.id AS unit_id, coalesce(u.name, '(no unit)') AS unit,
		   tr.completed_on IS NOT NULL AS completed,
		   coalesce(tr.passed, tr.completed_on IS NOT NULL) AS passed,
		   tr.completed_on IS NULL AND tr.due_on OPERATOR(pg_catalog.<) CURRENT_DATE AS overdue,
		   tr.expires_on OPERATOR(pg_catalog.<) CURRENT_DATE AS expired
	  FROM @extschema@.training_record tr
	  JOIN @extschema@.training_course tc ON tc.id OPERATOR(pg_catalog.=) tr.course_id
	  JOIN @extschema@.person p ON p.id OPERATOR(pg_catalog.=) tr.person_id
	  LEFT JOIN @extschema@.org_unit u ON u.id OPERATOR(pg_catalog.=) p.unit_id
)
SELECT org_id,
	   course_id, coalesce(course, 'All courses') AS course, kind,
	   unit_id, coalesce(unit, 'All units') AS unit,
	   count(*) AS assigned,
	   count(*) FILTER (WHERE completed) AS completed,
	   count(*) FILTER (WHERE passed) AS passed,
	   count(*) FILTER (WHERE overdue) AS overdue,
	   count(*) FILTER (WHERE coalesce(expired, false)) AS expired,
	   round(100.0 OPERATOR(pg_catalog.*) count(*) FILTER (WHERE completed) OPERATOR(pg_catalog./) count(*), 1)
		   AS completion_rate
  FROM t
 GROUP BY GROUPING SETS ((org_id, course_id, course, kind, unit_id, unit), (org_id, course_id, course, kind), (org_id));
COMMENT ON VIEW @extschema@.kpi_training IS
	'KPI: training assignments by course and organizational unit, by course, and overall (NULL course_id / unit_id): completed, passed, overdue (due and not completed), expired; completion rate in percent';

CREATE VIEW @extschema@.kpi_audit AS
WITH f AS (
	SELECT f.org_id, f.kind, f.status OPERATOR(pg_catalog.<>) 'closed' AS open,
		   f.status OPERATOR(pg_catalog.<>) 'closed' AND f.due_on OPERATOR(pg_catalog.<) CURRENT_DATE AS overdue,
		   (SELECT count(*) FROM @extschema@.corrective_action ca
			 WHERE ca.finding_id OPERATOR(pg_catalog.=) f.id
			   AND ca.status IN ('planned', 'in_progress')) AS open_actions,
		   (SELECT count(*) FROM @extschema@.corrective_action ca
			 WHERE ca.finding_id OPERATOR(pg_catalog.=) f.id
			   AND ca.status IN ('planned', 'in_progress')
			   AND ca.due_on OPERATOR(pg_catalog.<) CURRENT_DATE) AS overdue_actions
	  FROM @extschema@.audit_finding f
)
SELECT org_id,
	   coalesce(kind, 'all') AS finding_kind,
	   count(*) AS findings,
	   count(*) FILTER (WHERE open) AS open,
	   count(*) FILTER (WHERE coalesce(overdue, false)) AS overdue,
	   coalesce(sum(open_actions), 0)::bigint AS open_corrective_actions,
	   coalesce(sum(overdue_actions), 0)::bigint AS overdue_corrective_actions
  FROM f
 GROUP BY GROUPING SETS ((org_id, kind), (org_id));
COMMENT ON VIEW @extschema@.kpi_audit IS
	'KPI: audit findings by kind (major_nonconformity, minor_nonconformity, observation, opportunity; and all): open and overdue findings, open and overdue corrective actions';

CREATE VIEW @extschema@.v_heatmap AS
WITH m AS (
	SELECT id, name, version, likelihood_levels, impact_levels, grid
	  FROM @extschema@.risk_matrix
	 WHERE id OPERATOR(pg_catalog.=) @extschema@.default_matrix()
), h AS (
	SELECT r.org_id, 'inherent' AS assessment,
		   @extschema@.heatmap(r.inherent_likelihood, r.inherent_impact) AS counts
	  FROM @extschema@.risk r WHERE r.status OPERATOR(pg_catalog.<>) 'closed' GROUP BY r.org_id
	UNION ALL
	SELECT r.org_id, 'residual',
		   @extschema@.heatmap(r.residual_likelihood, r.residual_impact)
	  FROM @extschema@.risk r WHERE r.status OPERATOR(pg_catalog.<>) 'closed' GROUP BY r.org_id
)
SELECT o.id AS org_id,
	   a.assessment,
	   m.name AS matrix,
	   m.version AS matrix_version,
	   l AS likelihood_level,
	   i AS impact_level,
	   pg_catalog.format('%s/%s', l, m.likelihood_levels)::@extschema@.likelihood AS likelihood,
	   pg_catalog.format('%s/%s', i, m.impact_levels)::@extschema@.impact AS impact,
	   m.grid[l][i] AS level,
	   coalesce(h.counts[l][i], 0) AS risks
  FROM @extschema@.organization o
 CROSS JOIN (VALUES ('inherent'), ('residual')) a(assessment)
 CROSS JOIN m
 CROSS JOIN pg_catalog.generate_series(1, m.likelihood_levels) l
 CROSS JOIN pg_catalog.generate_series(1, m.impact_levels) i
  LEFT JOIN h ON h.org_id OPERATOR(pg_catalog.=) o.id AND h.assessment OPERATOR(pg_catalog.=) a.assessment;
COMMENT ON VIEW @extschema@.v_heatmap IS
	'one row per cell of the default risk matrix, per organization and assessment (inherent, residual): the cell''s level and the number of open risks in it, for BI tools that draw a heat map from rows';

CREATE VIEW @extschema@.kpi_reviews AS
SELECT r.org_id, 'risk_review' AS item, r.id AS item_id, coalesce(r.ident, r.id::text) AS ident, r.title,
	   r.next_review AS due_on, CURRENT_DATE OPERATOR(pg_catalog.-) r.next_review AS days_overdue,
	   'overdue' AS state
  FROM @extschema@.risk r
 WHERE r.status OPERATOR(pg_catalog.<>) 'closed' AND r.next_review OPERATOR(pg_catalog.<) CURRENT_DATE
UNION ALL
SELECT p.org_id, 'policy_review', p.id, p.code, p.title, p.next_review,
	   CURRENT_DATE OPERATOR(pg_catalog.-) p.next_review, 'overdue'
  FROM @extschema@.policy p
 WHERE p.status OPERATOR(pg_catalog.=) 'approved' AND p.next_review OPERATOR(pg_catalog.<) CURRENT_DATE
UNION ALL
SELECT a.org_id, 'acceptance', a.id, coalesce(r.ident, r.id::text), r.title, a.expires_on,
	   CURRENT_DATE OPERATOR(pg_catalog.-) a.expires_on,
	   CASE WHEN a.expires_on OPERATOR(pg_catalog.<=) CURRENT_DATE THEN 'expired' ELSE 'expiring' END
  FROM @extschema@.risk_acceptance a
  JOIN @extschema@.risk r ON r.id OPERATOR(pg_catalog.=) a.risk_id
 WHERE a.status OPERATOR(pg_catalog.=) 'valid'
   AND a.expires_on OPERATOR(pg_catalog.<) (CURRENT_DATE OPERATOR(pg_catalog.+) 30);
COMMENT ON VIEW @extschema@.kpi_reviews IS
	'KPI: what is due: overdue risk reviews (open risks past next_review), overdue policy reviews (approved policies past next_review), and valid risk acceptances that have expired or expire within 30 days; days_overdue is negative for what is not due yet';


-- KPI values now, snapshots over time, and their trend ------------------------

-- The KPI values of one organization as of now (the set a snapshot stores).
CREATE FUNCTION @extschema@.kpi_values(org bigint DEFAULT @extschema@.current_org())
	RETURNS TABLE (kpi text, dimension text, value numeric)
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT 'risks_open', '', count(*)::numeric
	  FROM @extschema@.risk r WHERE r.org_id = org AND r.status <> 'closed'
	UNION ALL
	SELECT 'risks_by_residual_level', coalesce(p.value, ''), p.risks
	  FROM @extschema@.kpi_risk_posture p WHERE p.org_id = org AND p.dimension = 'residual_level'
	UNION ALL
	SELECT 'risks_above_appetite', '', count(*) FILTER (WHERE a.above_appetite)
	  FROM @extschema@.v_risk_appetite a WHERE a.org_id = org
	UNION ALL
	SELECT 'residual_exposure', '',
		   coalesce(@extschema@.exposure(r.residual_likelihood, r.residual_impact), 0)::numeric(12,4)
	  FROM @extschema@.risk r WHERE r.org_id = org AND r.status <> 'closed'
	UNION ALL
	SELECT 'overdue_risk_reviews', '', count(*)
	  FROM @extschema@.risk r WHERE r.org_id = org AND r.status <> 'closed' AND r.next_review < CURRENT_DATE
	UNION ALL
	SELECT 'incidents_year_to_date', '', count(*)
	  FROM @extschema@.incident i
	 WHERE i.org_id = org AND i.detected_at >= pg_catalog.date_trunc('year', pg_catalog.now())
	UNION ALL
	SELECT 'compliance_violations_year_to_date', '', count(*)
	  FROM @extschema@.compliance_violation v
	 WHERE v.org_id = org AND v.detected_at >= pg_catalog.date_trunc('year', pg_catalog.now())
	UNION ALL
	SELECT 'controls_implementation_rate', '', coalesce(c.implementation_rate, 0)
	  FROM @extschema@.kpi_controls c WHERE c.org_id = org AND c.theme_ident = 'all'
	UNION ALL
	SELECT 'training_completion_rate', '', t.completion_rate
	  FROM @extschema@.kpi_training t WHERE t.org_id = org AND t.course_id IS NULL
	UNION ALL
	SELECT 'training_overdue', '', t.overdue
	  FROM @extschema@.kpi_training t WHERE t.org_id = org AND t.course_id IS NULL
	UNION ALL
	SELECT 'open_nonconformities', '', count(*)
	  FROM @extschema@.audit_finding f
	 WHERE f.org_id = org AND f.status <> 'closed'
	   AND f.kind IN ('major_nonconformity', 'minor_nonconformity')
	UNION ALL
	SELECT 'overdue_corrective_actions', '', count(*)
	  FROM @extschema@.corrective_action ca
	 WHERE ca.org_id = org AND ca.status IN ('planned', 'in_progress') AND ca.due_on < CURRENT_DATE
	UNION ALL
	SELECT 'overdue_policy_reviews', '', count(*)
	  FROM @extschema@.policy p
	 WHERE p.org_id = org AND p.status = 'approved' AND p.next_review < CURRENT_DATE
	UNION ALL
	SELECT 'acceptances_expiring', '', count(*)
	  FROM @extschema@.kpi_reviews k WHERE k.org_id = org AND k.item = 'acceptance'
$$;
COMMENT ON FUNCTION @extschema@.kpi_values(bigint) IS
	'the KPI values of an organization as of now: the set that isms.snapshot_kpis() stores';

CREATE TABLE @extschema@.kpi_snapshot (
	id			bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id		bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id) ON DELETE CASCADE,
	taken_at	timestamptz NOT NULL DEFAULT pg_catalog.now(),
	kpi			text NOT NULL,
	dimension	text NOT NULL DEFAULT '',
	value		numeric,
	CONSTRAINT kpi_snapshot_unique UNIQUE (org_id, kpi, dimension, taken_at)
);
COMMENT ON TABLE @extschema@.kpi_snapshot IS
	'KPI values stored over time by isms.snapshot_kpis(), for trend charts and management reviews';
COMMENT ON COLUMN @extschema@.kpi_snapshot.kpi IS 'the KPI (see isms.kpi_values)';
COMMENT ON COLUMN @extschema@.kpi_snapshot.dimension IS 'the breakdown value, e.g. the level for risks_by_residual_level; empty for a single value';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.kpi_snapshot', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.kpi_snapshot_id_seq', '');

-- Store the KPI values of one organization, or of every one (NULL).
CREATE FUNCTION @extschema@.snapshot_kpis(org bigint DEFAULT NULL) RETURNS integer
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	n integer;
BEGIN
	INSERT INTO @extschema@.kpi_snapshot (org_id, taken_at, kpi, dimension, value)
	SELECT o.id, pg_catalog.now(), v.kpi, v.dimension, v.value
	  FROM @extschema@.organization o
	 CROSS JOIN LATERAL @extschema@.kpi_values(o.id) v
	 WHERE org IS NULL OR o.id = org
	ON CONFLICT ON CONSTRAINT kpi_snapshot_unique DO UPDATE SET value = EXCLUDED.value;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;
COMMENT ON FUNCTION @extschema@.snapshot_kpis(bigint) IS
	'store the current KPI values (isms.kpi_values) of one organization or of all (NULL) in isms.kpi_snapshot; returns the number of values stored';

CREATE FUNCTION @extschema@.kpi_trend(kpi text, dimension text DEFAULT NULL)
	RETURNS TABLE (taken_at timestamptz, dimension text, value numeric)
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT s.taken_at, s.dimension, s.value
	  FROM @extschema@.kpi_snapshot s
	 WHERE s.org_id = @extschema@.current_org() AND s.kpi = $1
	   AND ($2 IS NULL OR s.dimension = $2)
	 ORDER BY s.taken_at, s.dimension
$$;
COMMENT ON FUNCTION @extschema@.kpi_trend(text, text) IS
	'the stored series of one KPI of the current organization (optionally one dimension), oldest first';

-- Management review (ISO/IEC 27001:2022 clause 9.3.2): every input, with the KPIs.
CREATE FUNCTION @extschema@.management_review_pack(from_date date, to_date date) RETURNS jsonb
	LANGUAGE plpgsql STABLE
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	org bigint := @extschema@.current_org();
	t0 timestamptz := from_date::timestamptz;
	t1 timestamptz := (to_date + 1)::timestamptz;
BEGIN
	IF from_date IS NULL OR to_date IS NULL OR from_date > to_date THEN
		RAISE EXCEPTION 'invalid review period from % to %', from_date, to_date
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give a start date that is not after the end date.';
	END IF;
	RETURN pg_catalog.jsonb_build_object(
		'organization', (SELECT o.name FROM @extschema@.organization o WHERE o.id = org),
		'period', pg_catalog.jsonb_build_object('from', from_date, 'to', to_date),
		-- 9.3.2 a) status of actions from previous management reviews
		'previous_actions', (
			SELECT pg_catalog.jsonb_build_object(
				'by_status', coalesce(pg_catalog.jsonb_object_agg(s.status, s.n), '{}'),
				'open', coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
							'title', a.title, 'due_on', a.due_on, 'status', a.status,
							'overdue', a.due_on < CURRENT_DATE) ORDER BY a.due_on, a.id)
						FROM @extschema@.improvement_action a
						JOIN @extschema@.management_review mr ON mr.id = a.review_id
					   WHERE a.org_id = org AND mr.held_on < from_date
						 AND a.status IN ('planned', 'in_progress')), '[]'))
			  FROM (SELECT a.status, count(*) AS n
					  FROM @extschema@.improvement_action a
					  JOIN @extschema@.management_review mr ON mr.id = a.review_id
					 WHERE a.org_id = org AND mr.held_on < from_date
					 GROUP BY a.status) s),
		-- 9.3.2 b) changes in external and internal issues relevant to the ISMS
		'changes', pg_catalog.jsonb_build_object(
			'change_requests', (SELECT count(*) FROM @extschema@.change_request c
								 WHERE c.org_id = org AND c.requested_at >= t0 AND c.requested_at < t1),
			'policies_approved', coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
					'code', p.code, 'title', p.title, 'version', p.version, 'approved_on', p.approved_on)
					ORDER BY p.approved_on, p.code)
				  FROM @extschema@.policy p
				 WHERE p.org_id = org AND p.approved_on BETWEEN from_date AND to_date), '[]'),
			'risks_identified', (SELECT count(*) FROM @extschema@.risk r
								  WHERE r.org_id = org AND r.identified_on BETWEEN from_date AND to_date),
			'risks_closed', (SELECT count(*) FROM @extschema@.risk r
							  WHERE r.org_id = org AND r.closed_on BETWEEN from_date AND to_date)),
		-- 9.3.2 c) 1) nonconformities and corrective actions
		'nonconformities', (
			SELECT pg_catalog.jsonb_build_object(
				'raised', count(*) FILTER (WHERE f.raised_on BETWEEN from_date AND to_date),
				'open', count(*) FILTER (WHERE f.status <> 'closed'),
				'closed_in_period', count(*) FILTER (WHERE f.closed_on BETWEEN from_date AND to_date),
				'corrective_actions_open', (SELECT count(*) FROM @extschema@.corrective_action ca
											 WHERE ca.org_id = org AND ca.status IN ('planned', 'in_progress')),
				'corrective_actions_overdue', (SELECT count(*) FROM @extschema@.corrective_action ca
												WHERE ca.org_id = org AND ca.status IN ('planned', 'in_progress')
												  AND ca.due_on < CURRENT_DATE),
				'corrective_actions_verified_in_period', (SELECT count(*) FROM @extschema@.corrective_action ca
														   WHERE ca.org_id = org
															 AND ca.verified_on BETWEEN from_date AND to_date))
			  FROM @extschema@.audit_finding f
			 WHERE f.org_id = org AND f.kind IN ('major_nonconformity', 'minor_nonconformity')),
		-- 9.3.2 c) 2) monitoring and measurement results
		'monitoring_results', pg_catalog.jsonb_build_object(
			'incidents', (
				SELECT pg_catalog.jsonb_build_object(
					'count', count(*),
					'high_or_critical', count(*) FILTER (WHERE i.severity IN ('high', 'critical')),
					'personal_data_breaches', count(*) FILTER (WHERE i.personal_data_breach),
					'mean_time_to_detect', (@extschema@.duration_stats(i.detected_at - i.occurred_at)).mean,
					'median_time_to_detect', (@extschema@.duration_stats(i.detected_at - i.occurred_at)).p50,
					'mean_time_to_respond', (@extschema@.duration_stats(i.responded_at - i.detected_at)).mean,
					'median_time_to_respond', (@extschema@.duration_stats(i.responded_at - i.detected_at)).p50)
				  FROM @extschema@.incident i
				 WHERE i.org_id = org AND i.detected_at >= t0 AND i.detected_at < t1),
			'compliance_violations', (
				SELECT pg_catalog.jsonb_build_object(
					'count', count(*),
					'mean_time_to_detect', (@extschema@.duration_stats(v.detected_at - v.occurred_at)).mean,
					'mean_time_to_respond', (@extschema@.duration_stats(v.responded_at - v.detected_at)).mean)
				  FROM @extschema@.compliance_violation v
				 WHERE v.org_id = org AND v.detected_at >= t0 AND v.detected_at < t1),
			'controls', (SELECT pg_catalog.to_jsonb(c) - 'org_id' FROM @extschema@.kpi_controls c
						  WHERE c.org_id = org AND c.theme_ident = 'all'),
			'training', (SELECT pg_catalog.jsonb_build_object('assigned', t.assigned, 'completed', t.completed,
							'overdue', t.overdue, 'completion_rate', t.completion_rate)
						   FROM @extschema@.kpi_training t WHERE t.org_id = org AND t.course_id IS NULL)),
		-- 9.3.2 c) 3) audit results
		'audit_results', coalesce((
			SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
				'title', a.title, 'kind', a.kind, 'independent', a.independent, 'ended_on', a.ended_on,
				'findings', (SELECT coalesce(pg_catalog.jsonb_object_agg(k.kind, k.n), '{}')
							   FROM (SELECT f.kind, count(*) AS n FROM @extschema@.audit_finding f
									  WHERE f.audit_id = a.id GROUP BY f.kind) k))
				ORDER BY coalesce(a.ended_on, a.started_on, a.planned_start), a.id)
			  FROM @extschema@.audit a
			 WHERE a.org_id = org
			   AND coalesce(a.ended_on, a.started_on, a.planned_start) BETWEEN from_date AND to_date), '[]'),
		-- 9.3.2 c) 4) fulfilment of objectives: the KPI values now
		'kpis', (SELECT coalesce(pg_catalog.jsonb_object_agg(
						CASE WHEN v.dimension = '' THEN v.kpi ELSE v.kpi || '.' || v.dimension END, v.value), '{}')
				   FROM @extschema@.kpi_values(org) v),
		-- 9.3.2 e) results of risk assessment and status of the risk treatment plan
		'risk_assessment', pg_catalog.jsonb_build_object(
			'posture', (SELECT coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
								'dimension', p.dimension, 'value', p.value, 'risks', p.risks)
								ORDER BY p.dimension, p.value), '[]')
						  FROM @extschema@.kpi_risk_posture p WHERE p.org_id = org),
			'above_appetite', (SELECT count(*) FILTER (WHERE a.above_appetite)
								 FROM @extschema@.v_risk_appetite a WHERE a.org_id = org),
			'acceptances_valid', (SELECT count(*) FROM @extschema@.risk_acceptance ra
								   WHERE ra.org_id = org AND ra.status = 'valid'),
			'acceptances_expiring', (SELECT count(*) FROM @extschema@.kpi_reviews k
									  WHERE k.org_id = org AND k.item = 'acceptance'),
			'treatment_actions', (SELECT coalesce(pg_catalog.jsonb_object_agg(s.status, s.n), '{}')
									FROM (SELECT ta.status, count(*) AS n FROM @extschema@.treatment_action ta
										   WHERE ta.org_id = org GROUP BY ta.status) s),
			'treatment_actions_overdue', (SELECT count(*) FROM @extschema@.treatment_action ta
										   WHERE ta.org_id = org AND ta.status IN ('planned', 'in_progress')
											 AND ta.due_on < CURRENT_DATE)),
		-- 9.3.2 d) feedback from interested parties, and other inputs recorded for reviews in the period
		'recorded_inputs', coalesce((
			SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
				'review', mr.title, 'held_on', mr.held_on, 'topic', i.topic, 'summary', i.summary)
				ORDER BY mr.held_on, mr.id, i.topic)
			  FROM @extschema@.management_review_input i
			  JOIN @extschema@.management_review mr ON mr.id = i.review_id
			 WHERE i.org_id = org AND mr.held_on BETWEEN from_date AND to_date), '[]'),
		-- 9.3.2 f) opportunities for continual improvement
		'opportunities_for_improvement', coalesce((
			SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
				'ident', f.ident, 'description', f.description, 'status', f.status) ORDER BY f.raised_on, f.id)
			  FROM @extschema@.audit_finding f
			 WHERE f.org_id = org AND f.kind = 'opportunity'
			   AND (f.status <> 'closed' OR f.raised_on BETWEEN from_date AND to_date)), '[]'));
END
$$;
COMMENT ON FUNCTION @extschema@.management_review_pack(date, date) IS
	'the inputs ISO/IEC 27001:2022 clause 9.3.2 names for a management review of the current organization over a period, with the KPIs, as one jsonb document';

/*
 * ---------------------------------------------------------------------------
 * XML: OSCAL catalogs in and out, scanner reports (Nessus v2, OpenVAS),
 * the Statement of Applicability, SVG charts.  libxml2 runs under the
 * server's own error handling, without network, DTDs or entities; documents
 * are limited by the setting isms.xml_max_size (64 MB).
 *
 * What the register lacks is added here: OSCAL columns of framework,
 * control_group and control, the tables control_param and control_part,
 * vulnerability.evidence and the key of scanner findings.  Imports write
 * the register's rows (assets and vulnerabilities of the current
 * organization); the charts and the SoA read them.
 * ---------------------------------------------------------------------------
 */

-- What an OSCAL catalog carries besides its controls, kept so that an
-- export gives back the catalog that was imported.
ALTER TABLE @extschema@.framework
	ADD COLUMN uuid uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
	ADD COLUMN published timestamptz,
	ADD COLUMN last_modified timestamptz,
	ADD COLUMN oscal_version text,
	ADD COLUMN oscal_metadata text,
	ADD COLUMN oscal_back_matter text;
COMMENT ON COLUMN @extschema@.framework.uuid IS 'the OSCAL catalog uuid (a new one for frameworks not imported from OSCAL)';
COMMENT ON COLUMN @extschema@.framework.published IS 'OSCAL metadata: when the catalog was published';
COMMENT ON COLUMN @extschema@.framework.last_modified IS 'OSCAL metadata: when the catalog was last modified';
COMMENT ON COLUMN @extschema@.framework.oscal_version IS 'OSCAL metadata: the OSCAL version of the catalog';
COMMENT ON COLUMN @extschema@.framework.oscal_metadata IS 'the rest of the OSCAL metadata (properties, links, roles, parties, remarks) as OSCAL markup';
COMMENT ON COLUMN @extschema@.framework.oscal_back_matter IS 'the OSCAL back matter (resources, citations) as OSCAL markup';
-- The seeded frameworks get fixed uuids (UUIDv5 of their names), so that
-- every installation, and a restored dump, exports them under the same uuid.
UPDATE @extschema@.framework SET uuid = CASE name
		WHEN 'iso27001-2022' THEN '2f673f89-03f0-594e-a593-008dcc065eb5'::uuid
		WHEN 'iso27001-2013' THEN '3451bdb3-b833-5d20-a07f-e71f265d1829'::uuid END
 WHERE seeded;

ALTER TABLE @extschema@.control_group
	ADD COLUMN props jsonb,
	ADD COLUMN links jsonb;
COMMENT ON COLUMN @extschema@.control_group.props IS 'OSCAL properties: [{"name", "value", "ns", "class", ...}]';
COMMENT ON COLUMN @extschema@.control_group.links IS 'OSCAL links: [{"href", "rel", "media-type", "text"}]';

ALTER TABLE @extschema@.control
	ADD COLUMN props jsonb,
	ADD COLUMN links jsonb;
COMMENT ON COLUMN @extschema@.control.props IS 'OSCAL properties (the withdrawn status is the column withdrawn): [{"name", "value", "ns", "class", ...}]';
COMMENT ON COLUMN @extschema@.control.links IS 'OSCAL links: [{"href", "rel", "media-type", "text"}]';

CREATE TABLE @extschema@.control_param (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	framework_id	bigint NOT NULL REFERENCES @extschema@.framework (id) ON DELETE CASCADE,
	control_id		bigint REFERENCES @extschema@.control (id) ON DELETE CASCADE,
	group_id		bigint REFERENCES @extschema@.control_group (id) ON DELETE CASCADE,
	ident			text NOT NULL,
	class			text,
	depends_on		text,
	label			text,
	usage			text,
	guidelines		text[],
	param_values	text[],
	how_many		text CONSTRAINT control_param_how_many_valid
		CHECK (how_many IN ('one', 'one-or-more')),
	choices			text[],
	remarks			text,
	props			jsonb,
	links			jsonb,
	sort_order		integer NOT NULL DEFAULT 0,
	seeded			boolean NOT NULL DEFAULT false,
	CONSTRAINT control_param_ident_unique UNIQUE (framework_id, ident),
	CONSTRAINT control_param_one_owner CHECK (control_id IS NULL OR group_id IS NULL),
	CONSTRAINT control_param_choices_need_select CHECK (choices IS NULL OR how_many IS NOT NULL)
);
COMMENT ON TABLE @extschema@.control_param IS
	'parameters of controls (OSCAL param): what an organization assigns or selects; label, usage, guidelines and remarks are OSCAL markup';
COMMENT ON COLUMN @extschema@.control_param.id IS 'surrogate key';
COMMENT ON COLUMN @extschema@.control_param.framework_id IS 'the framework';
COMMENT ON COLUMN @extschema@.control_param.control_id IS 'the control the parameter belongs to (NULL with group_id NULL: the catalog''s)';
COMMENT ON COLUMN @extschema@.control_param.group_id IS 'the group the parameter belongs to';
COMMENT ON COLUMN @extschema@.control_param.ident IS 'OSCAL param id, unique in the framework';
COMMENT ON COLUMN @extschema@.control_param.class IS 'OSCAL class';
COMMENT ON COLUMN @extschema@.control_param.depends_on IS 'OSCAL depends-on: the id of another parameter';
COMMENT ON COLUMN @extschema@.control_param.label IS 'short name shown in place of the parameter (markup)';
COMMENT ON COLUMN @extschema@.control_param.usage IS 'how the parameter is used (markup)';
COMMENT ON COLUMN @extschema@.control_param.guidelines IS 'guidelines for choosing a value (markup, one per element)';
COMMENT ON COLUMN @extschema@.control_param.param_values IS 'the values assigned in the catalog';
COMMENT ON COLUMN @extschema@.control_param.how_many IS 'for a selection: one or one-or-more';
COMMENT ON COLUMN @extschema@.control_param.choices IS 'for a selection: the choices (markup)';
COMMENT ON COLUMN @extschema@.control_param.remarks IS 'OSCAL remarks (markup)';
COMMENT ON COLUMN @extschema@.control_param.props IS 'OSCAL properties: [{"name", "value", "ns", "class", ...}]';
COMMENT ON COLUMN @extschema@.control_param.links IS 'OSCAL links: [{"href", "rel", "media-type", "text"}]';
COMMENT ON COLUMN @extschema@.control_param.sort_order IS 'position in the catalog';
COMMENT ON COLUMN @extschema@.control_param.seeded IS 'true for rows the extension installs (not dumped)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.control_param', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.control_param_id_seq', '');
CREATE INDEX control_param_control_idx ON @extschema@.control_param (control_id);

CREATE TABLE @extschema@.control_part (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	framework_id	bigint NOT NULL REFERENCES @extschema@.framework (id) ON DELETE CASCADE,
	control_id		bigint REFERENCES @extschema@.control (id) ON DELETE CASCADE,
	group_id		bigint REFERENCES @extschema@.control_group (id) ON DELETE CASCADE,
	parent_id		bigint REFERENCES @extschema@.control_part (id) ON DELETE CASCADE,
	ident			text,
	name			text NOT NULL,
	ns				text,
	class			text,
	title			text,
	prose			text,
	props			jsonb,
	links			jsonb,
	sort_order		integer NOT NULL DEFAULT 0,
	seeded			boolean NOT NULL DEFAULT false,
	CONSTRAINT control_part_one_owner CHECK ((control_id IS NULL) <> (group_id IS NULL))
);
COMMENT ON TABLE @extschema@.control_part IS
	'parts of controls and groups (OSCAL part: statement, item, guidance, objective, ...), nested; prose is OSCAL markup';
COMMENT ON COLUMN @extschema@.control_part.id IS 'surrogate key';
COMMENT ON COLUMN @extschema@.control_part.framework_id IS 'the framework';
COMMENT ON COLUMN @extschema@.control_part.control_id IS 'the control the part belongs to (or group_id)';
COMMENT ON COLUMN @extschema@.control_part.group_id IS 'the group the part belongs to (or control_id)';
COMMENT ON COLUMN @extschema@.control_part.parent_id IS 'the enclosing part; NULL at the top';
COMMENT ON COLUMN @extschema@.control_part.ident IS 'OSCAL part id, where it has one';
COMMENT ON COLUMN @extschema@.control_part.name IS 'OSCAL part name: statement, item, guidance, objective, ...';
COMMENT ON COLUMN @extschema@.control_part.ns IS 'OSCAL namespace of the name';
COMMENT ON COLUMN @extschema@.control_part.class IS 'OSCAL class';
COMMENT ON COLUMN @extschema@.control_part.title IS 'title';
COMMENT ON COLUMN @extschema@.control_part.prose IS 'the prose of the part itself (OSCAL markup, white space normalized)';
COMMENT ON COLUMN @extschema@.control_part.props IS 'OSCAL properties: [{"name", "value", "ns", "class", ...}]';
COMMENT ON COLUMN @extschema@.control_part.links IS 'OSCAL links: [{"href", "rel", "media-type", "text"}]';
COMMENT ON COLUMN @extschema@.control_part.sort_order IS 'position among its siblings';
COMMENT ON COLUMN @extschema@.control_part.seeded IS 'true for rows the extension installs (not dumped)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.control_part', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.control_part_id_seq', '');
CREATE INDEX control_part_control_idx ON @extschema@.control_part (control_id);
-- the cascades from a deleted part or group
CREATE INDEX control_part_parent_idx ON @extschema@.control_part (parent_id);
CREATE INDEX control_part_group_idx ON @extschema@.control_part (group_id);
-- a part's position, by which an import finds it again
CREATE INDEX control_part_position_idx ON @extschema@.control_part
	(framework_id, (coalesce(control_id, 0)), (coalesce(group_id, 0)), (coalesce(parent_id, 0)), sort_order);

-- OSCAL properties and links (jsonb) back to XML, for the export.
CREATE FUNCTION @extschema@.oscal_props_xml(props jsonb) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT pg_catalog.string_agg(
			xmlelement(name prop, xmlattributes(p->>'name' AS name, p->>'uuid' AS uuid,
				p->>'ns' AS ns, p->>'value' AS value, p->>'class' AS class, p->>'group' AS "group"))::text,
			'' ORDER BY o)
	  FROM pg_catalog.jsonb_array_elements(CASE WHEN pg_catalog.jsonb_typeof(props) = 'array'
												THEN props END) WITH ORDINALITY AS e(p, o)
$$;
COMMENT ON FUNCTION @extschema@.oscal_props_xml(jsonb) IS
	'OSCAL properties stored as jsonb, as OSCAL XML <prop> elements (used by the export)';

CREATE FUNCTION @extschema@.oscal_links_xml(links jsonb) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT pg_catalog.string_agg(
			xmlelement(name link, xmlattributes(l->>'href' AS href, l->>'rel' AS rel,
				l->>'media-type' AS "media-type", l->>'resource-fragment' AS "resource-fragment"),
				CASE WHEN l ? 'text' THEN xmlelement(name text, l->>'text') END)::text,
			'' ORDER BY o)
	  FROM pg_catalog.jsonb_array_elements(CASE WHEN pg_catalog.jsonb_typeof(links) = 'array'
												THEN links END) WITH ORDINALITY AS e(l, o)
$$;
COMMENT ON FUNCTION @extschema@.oscal_links_xml(jsonb) IS
	'OSCAL links stored as jsonb, as OSCAL XML <link> elements (used by the export)';

-- An import mirrors the document: it deletes the controls the document no
-- longer has.  It never deletes what users wrote about a control (SoA
-- entries, risk controls, requirements, findings): before deleting, this
-- refuses, naming the control and the table, if a row of any table whose
-- foreign key to isms.control does not cascade refers to such a control.
CREATE FUNCTION @extschema@.oscal_check_stale_controls(framework_id bigint, keep text[])
	RETURNS void
	LANGUAGE plpgsql STABLE
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	fk record;
	stale text;
BEGIN
	FOR fk IN
		SELECT k.conrelid::regclass AS tbl, a.attname AS col, k.conname
		  FROM pg_catalog.pg_constraint k
		  JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
		 WHERE k.contype = 'f' AND k.confrelid = '@extschema@.control'::regclass
		   AND k.confdeltype IN ('a', 'r') AND pg_catalog.cardinality(k.conkey) = 1
		 ORDER BY k.conname
	LOOP
		EXECUTE pg_catalog.format(
			'SELECT c.ident FROM @extschema@.control c'
			' WHERE c.framework_id OPERATOR(pg_catalog.=) $1'
			'   AND ($2 IS NULL OR c.ident OPERATOR(pg_catalog.<>) ALL ($2))'
			'   AND EXISTS (SELECT FROM %s r WHERE r.%I OPERATOR(pg_catalog.=) c.id)'
			' ORDER BY c.sort_order, c.id LIMIT 1', fk.tbl, fk.col)
			INTO stale USING framework_id, keep;
		IF stale IS NOT NULL THEN
			RAISE EXCEPTION 'control "%" is not in the catalog any more but % refers to it', stale, fk.tbl
				USING ERRCODE = 'foreign_key_violation',
					  CONSTRAINT = fk.conname,
					  DETAIL = 'An import deletes the controls that the document no longer has, but never rows that refer to them.',
					  HINT = 'Import the catalog under another name, or point those rows at other controls first.';
		END IF;
	END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@.oscal_check_stale_controls(bigint, text[]) IS
	'used by the OSCAL import: error if a control of the framework outside keep is referred to by a row that deleting it would break';

CREATE FUNCTION @extschema@.import_oscal_catalog(doc text, name text DEFAULT NULL,
		OUT framework text, OUT groups integer, OUT controls integer, OUT withdrawn integer)
	AS 'MODULE_PATHNAME', 'import_oscal_catalog'
	LANGUAGE C VOLATILE
	SET search_path = @extschema@, pg_temp;
COMMENT ON FUNCTION @extschema@.import_oscal_catalog(text, text) IS
	'import an OSCAL XML catalog as the framework name (default: the catalog title); importing again updates it';

CREATE FUNCTION @extschema@.oscal_json_to_xml(doc jsonb) RETURNS xml
	AS 'MODULE_PATHNAME', 'oscal_json_to_xml'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.oscal_json_to_xml(jsonb) IS
	'an OSCAL JSON catalog as OSCAL XML (Markdown prose becomes OSCAL markup)';

CREATE FUNCTION @extschema@.import_oscal_catalog(doc jsonb, name text DEFAULT NULL,
		OUT framework text, OUT groups integer, OUT controls integer, OUT withdrawn integer)
	LANGUAGE sql VOLATILE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT * FROM @extschema@.import_oscal_catalog(@extschema@.oscal_json_to_xml(doc)::text, name)
$$;
COMMENT ON FUNCTION @extschema@.import_oscal_catalog(jsonb, text) IS
	'import an OSCAL JSON catalog as the framework name (default: the catalog title); importing again updates it';

CREATE FUNCTION @extschema@.export_oscal_catalog(framework text) RETURNS xml
	AS 'MODULE_PATHNAME', 'export_oscal_catalog'
	LANGUAGE C STABLE STRICT PARALLEL SAFE
	SET search_path = @extschema@, pg_temp;
COMMENT ON FUNCTION @extschema@.export_oscal_catalog(text) IS
	'a framework as an OSCAL XML catalog';


/* --- Scanner reports: hosts are assets, findings are vulnerabilities ---- */

-- The register's asset has hostname, fqdn and ip_address (indexed by
-- ip_address and lower(hostname)); scanners also match by the FQDN.
CREATE INDEX asset_fqdn_idx ON @extschema@.asset (pg_catalog.lower(fqdn));

-- A finding of an imported report is identified by (asset, scanner, plugin
-- or NVT id, port, protocol): re-importing updates it.  All five are NOT NULL
-- on a row of the scanners the extension imports ("general/tcp" is port 0,
-- protocol tcp), so that the unique constraint applies (PostgreSQL 13 has no
-- NULLS NOT DISTINCT).  scanner stays the register's tool name (the demo
-- also records dlp and mdm findings), in lower case so that a finding typed
-- in by hand meets the imported one.
ALTER TABLE @extschema@.vulnerability
	ADD COLUMN evidence text,
	ADD CONSTRAINT vulnerability_scanner_valid CHECK (scanner ~ '^[a-z][a-z0-9_.-]*$'),
	ADD CONSTRAINT vulnerability_scanner_finding_complete
		CHECK (scanner NOT IN ('nessus', 'openvas')
			   OR (asset_id IS NOT NULL AND plugin_id IS NOT NULL AND port IS NOT NULL AND protocol IS NOT NULL)),
	ADD CONSTRAINT vulnerability_scanner_finding_unique
		UNIQUE (asset_id, scanner, plugin_id, port, protocol);
COMMENT ON COLUMN @extschema@.vulnerability.scanner IS
	'scanner or tool name in lower case (nessus and openvas for imported reports; dlp, mdm, ...)';
COMMENT ON COLUMN @extschema@.vulnerability.evidence IS
	'what the scanner found on this asset (Nessus plugin output, OpenVAS result description)';
COMMENT ON CONSTRAINT vulnerability_scanner_finding_unique ON @extschema@.vulnerability IS
	'one row per finding of a scanner: asset, scanner, plugin or NVT id, port and protocol (re-imports update it)';

-- The CVSS vector stored for a finding: a v3.0, v3.1 or v4.0 vector that
-- the extension can score, else NULL (with a WARNING for a vector that it
-- cannot parse), so that isms.cvss_score(cvss_vector) works on every row.
CREATE FUNCTION @extschema@.scanner_cvss_vector(vector text) RETURNS text
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
BEGIN
	IF vector ~ '^CVSS:(3\.[01]|4\.0)/' THEN
		BEGIN
			PERFORM @extschema@.cvss_score(vector);
			RETURN vector;
		EXCEPTION WHEN invalid_text_representation THEN
			RAISE WARNING 'invalid CVSS vector "%" in a scanner report', vector
				USING DETAIL = pg_catalog.format('%s.  The vector is not stored; the score is the one the scanner reported.', SQLERRM);
		END;
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.scanner_cvss_vector(text) IS
	'the CVSS vector stored for a scanner finding: the vector if isms.cvss_score can score it (v3.0, v3.1, v4.0), else NULL';

-- The CVSS base score stored for a finding: the extension scores the
-- vector where the report has one it can parse, else the scanner's score
-- is kept.
CREATE FUNCTION @extschema@.scanner_cvss_score(vector text, reported numeric) RETURNS numeric
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
BEGIN
	IF vector ~ '^CVSS:(3\.[01]|4\.0)/' THEN
		BEGIN
			RETURN @extschema@.cvss_score(vector);
		EXCEPTION WHEN invalid_text_representation THEN
			NULL;			-- the scanner's score (scanner_cvss_vector warns)
		END;
	END IF;
	RETURN CASE WHEN reported BETWEEN 0 AND 10 THEN pg_catalog.round(reported, 1) END;
END
$$;
COMMENT ON FUNCTION @extschema@.scanner_cvss_score(text, numeric) IS
	'the CVSS base score stored for a scanner finding: isms.cvss_score(vector) for a CVSS v3.x or v4.0 vector it can parse, else the score the scanner reported (rounded to one decimal)';

-- A report's time: seconds since 1970 or any timestamptz input; NULL if
-- it is neither (ctime-like Nessus times are read in the session time zone).
CREATE FUNCTION @extschema@.scanner_timestamp(value text) RETURNS timestamptz
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
BEGIN
	IF value ~ '^\s*[0-9]{9,11}\s*$' THEN
		RETURN pg_catalog.to_timestamp(value::double precision);
	END IF;
	RETURN value::timestamptz;
EXCEPTION WHEN data_exception THEN
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.scanner_timestamp(text) IS
	'a time as scanner reports write it (epoch seconds or a date and time), or NULL';

-- The asset of a scanned host in the current organization: by IP address,
-- then FQDN, host name or asset name (any case), then by a short host name
-- on an asset without FQDN, then an asset named by the address; a host that
-- no asset matches becomes a new asset.  A name that the register's host
-- name rule does not allow is kept as the asset's name only; an address that
-- is no IP address gives a WARNING and is not stored.
CREATE FUNCTION @extschema@.scanner_asset(hostname text, address text) RETURNS bigint
	LANGUAGE plpgsql VOLATILE
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	org bigint := @extschema@.current_org();
	host text := NULLIF(pg_catalog.btrim(hostname), '');
	addr text := NULLIF(pg_catalog.btrim(address), '');
	ip inet;
	short text;			-- host name without domain, for asset.hostname
	fq text;			-- fully qualified host name, for asset.fqdn
	result bigint;
BEGIN
	IF pg_catalog.lower(host) = pg_catalog.lower(addr) THEN
		host := NULL;			-- a name that is only the address
	END IF;
	IF addr IS NOT NULL THEN
		BEGIN
			ip := addr::inet;
		EXCEPTION WHEN invalid_text_representation THEN
			IF addr ~ '^[0-9.]+$' OR addr ~ ':' THEN
				RAISE WARNING 'invalid IP address "%" of scanned host "%"', addr, coalesce(host, addr)
					USING DETAIL = 'The host is matched by name; the address is not stored.';
			ELSE
				host := coalesce(host, addr);	-- a name where an address belongs
			END IF;
		END;
	ELSIF host ~ '^[0-9.]+$' OR host ~ ':' THEN
		-- no address, but the name is one (Nessus names hosts by address)
		BEGIN
			ip := host::inet;
			addr := host;
			host := NULL;
		EXCEPTION WHEN invalid_text_representation THEN
			NULL;
		END;
	END IF;
	-- what the register can keep as host name and FQDN (not a dotted number)
	IF host ~ '^[A-Za-z0-9_][A-Za-z0-9_.-]*$' AND host !~ '^[0-9.]+$' THEN
		short := pg_catalog.split_part(host, '.', 1);
		IF host ~ '\.[A-Za-z0-9_-]' THEN
			fq := pg_catalog.rtrim(host, '.');
		END IF;
	END IF;

	IF ip IS NOT NULL THEN
		SELECT a.id INTO result FROM asset a
		 WHERE a.org_id = org AND a.ip_address = ip ORDER BY a.id LIMIT 1;
	END IF;
	IF result IS NULL AND host IS NOT NULL THEN
		SELECT a.id INTO result FROM asset a
		 WHERE a.org_id = org
		   AND (pg_catalog.lower(a.fqdn) = pg_catalog.lower(host)
				OR pg_catalog.lower(a.hostname) = pg_catalog.lower(host)
				OR pg_catalog.lower(a.name) = pg_catalog.lower(host))
		 ORDER BY pg_catalog.lower(a.fqdn) = pg_catalog.lower(host) IS NOT TRUE,
				  pg_catalog.lower(a.hostname) = pg_catalog.lower(host) IS NOT TRUE, a.id
		 LIMIT 1;
	END IF;
	IF result IS NULL AND fq IS NOT NULL THEN
		SELECT a.id INTO result FROM asset a
		 WHERE a.org_id = org AND a.fqdn IS NULL
		   AND pg_catalog.lower(a.hostname) = pg_catalog.lower(short)
		 ORDER BY a.id LIMIT 1;
	END IF;
	IF result IS NULL AND addr IS NOT NULL THEN
		SELECT a.id INTO result FROM asset a
		 WHERE a.org_id = org AND a.name = addr ORDER BY a.id LIMIT 1;
	END IF;

	IF result IS NULL THEN
		INSERT INTO asset AS a (org_id, name, hostname, fqdn, ip_address)
		VALUES (org, coalesce(host, addr), short, fq, ip)
		ON CONFLICT ON CONSTRAINT asset_name_unique DO UPDATE SET name = excluded.name
		RETURNING a.id INTO result;
	ELSE
		UPDATE asset a SET hostname = coalesce(a.hostname, short), fqdn = coalesce(a.fqdn, fq),
			   ip_address = coalesce(a.ip_address, ip)
		 WHERE a.id = result
		   AND ((a.hostname IS NULL AND short IS NOT NULL) OR (a.fqdn IS NULL AND fq IS NOT NULL)
				OR (a.ip_address IS NULL AND ip IS NOT NULL));
	END IF;
	RETURN result;
END
$$;
COMMENT ON FUNCTION @extschema@.scanner_asset(text, text) IS
	'the asset of a scanned host in the current organization (matched by IP address, FQDN, host name or name; created if none matches)';

CREATE FUNCTION @extschema@.import_nessus(doc text, informational boolean DEFAULT false,
		OUT hosts integer, OUT items integer, OUT vulnerabilities integer)
	AS 'MODULE_PATHNAME', 'import_nessus'
	LANGUAGE C VOLATILE
	SET search_path = @extschema@, pg_temp;
COMMENT ON FUNCTION @extschema@.import_nessus(text, boolean) IS
	'import a Nessus v2 report: findings become vulnerabilities on the assets of their hosts; importing again updates them';

CREATE FUNCTION @extschema@.import_openvas(doc text, informational boolean DEFAULT false,
		OUT hosts integer, OUT items integer, OUT vulnerabilities integer)
	AS 'MODULE_PATHNAME', 'import_openvas'
	LANGUAGE C VOLATILE
	SET search_path = @extschema@, pg_temp;
COMMENT ON FUNCTION @extschema@.import_openvas(text, boolean) IS
	'import a Greenbone/OpenVAS GMP report: results become vulnerabilities on the assets of their hosts; importing again updates them';

/* --- SVG charts ------------------------------------------------------------ */

-- The generators take their data as arguments (IMMUTABLE); the register's
-- wrappers below read what they draw.
CREATE FUNCTION @extschema@.heatmap_svg(grid @extschema@.risk_level[], counts bigint[],
		title text DEFAULT NULL) RETURNS xml
	AS 'MODULE_PATHNAME', 'heatmap_svg'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.heatmap_svg(@extschema@.risk_level[], bigint[], text) IS
	'an SVG heat map of a risk matrix grid[likelihood][impact] with counts[likelihood][impact] risks in its cells';

CREATE FUNCTION @extschema@.loss_exceedance_svg(losses double precision[],
		probabilities double precision[], title text DEFAULT NULL, currency text DEFAULT NULL)
	RETURNS xml
	AS 'MODULE_PATHNAME', 'loss_exceedance_svg'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.loss_exceedance_svg(double precision[], double precision[], text, text) IS
	'an SVG loss exceedance curve: probabilities[i] is the probability that the annual loss exceeds losses[i]';

-- The register's heat map: the current organization's risks at one stage
-- (inherent, current, residual, target) on a risk matrix (the default one,
-- or the newest version of the named one).  Cells are counted from each
-- risk's likelihood and impact, which must fit the matrix (the lookup's
-- error otherwise); risks without both are left out, and so are closed
-- risks unless risk_ids names them.
CREATE FUNCTION @extschema@.heatmap_svg(kind text DEFAULT 'residual', matrix text DEFAULT NULL,
		risk_ids bigint[] DEFAULT NULL) RETURNS xml
	LANGUAGE plpgsql STABLE
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	org bigint := @extschema@.current_org();
	m @extschema@.risk_matrix;
	counts bigint[];
BEGIN
	IF kind IS NULL OR kind NOT IN ('inherent', 'current', 'residual', 'target') THEN
		RAISE EXCEPTION 'invalid risk stage "%" for a heat map', kind
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Use inherent, current, residual or target.';
	END IF;
	IF matrix IS NULL THEN
		SELECT * INTO m FROM risk_matrix WHERE id = @extschema@.default_matrix();
		IF NOT FOUND THEN
			RAISE EXCEPTION 'there is no default risk matrix'
				USING ERRCODE = 'undefined_object',
					  HINT = 'Mark one with UPDATE isms.risk_matrix SET is_default = true, or name one.';
		END IF;
	ELSE
		SELECT * INTO m FROM risk_matrix WHERE name = matrix ORDER BY version DESC LIMIT 1;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'risk matrix "%" does not exist', matrix
				USING ERRCODE = 'undefined_object';
		END IF;
	END IF;

	WITH r AS (
		SELECT CASE kind WHEN 'inherent' THEN k.inherent_likelihood WHEN 'current' THEN k.current_likelihood
						 WHEN 'residual' THEN k.residual_likelihood ELSE k.target_likelihood END AS l,
			   CASE kind WHEN 'inherent' THEN k.inherent_impact WHEN 'current' THEN k.current_impact
						 WHEN 'residual' THEN k.residual_impact ELSE k.target_impact END AS i
		  FROM risk k
		 WHERE k.org_id = org
		   AND CASE WHEN risk_ids IS NULL THEN k.status <> 'closed' ELSE k.id = ANY (risk_ids) END
	), c AS (
		SELECT @extschema@.level(r.l) AS l, @extschema@.level(r.i) AS i, pg_catalog.count(*) AS n
		  FROM r
		 WHERE r.l IS NOT NULL AND r.i IS NOT NULL
		   AND @extschema@.risk_level(r.l, r.i, m.id) IS NOT NULL	-- fits the matrix
		 GROUP BY 1, 2
	)
	SELECT pg_catalog.array_agg(cells ORDER BY cl) INTO counts
	  FROM (SELECT cl, pg_catalog.array_agg(coalesce(c.n, 0) ORDER BY ci) AS cells
			  FROM pg_catalog.generate_series(1, m.likelihood_levels) AS cl
			 CROSS JOIN pg_catalog.generate_series(1, m.impact_levels) AS ci
			  LEFT JOIN c ON c.l = cl AND c.i = ci
			 GROUP BY cl) AS rows;

	RETURN @extschema@.heatmap_svg(m.grid, counts,
		pg_catalog.format('%s risk on risk matrix "%s" version %s',
						  pg_catalog.initcap(kind), m.name, m.version));
END
$$;
COMMENT ON FUNCTION @extschema@.heatmap_svg(text, text, bigint[]) IS
	'an SVG heat map of the current organization''s risks at a stage (inherent, current, residual, target) on the default or a named risk matrix, optionally of some risks only';

-- The loss exceedance curve of a FAIR model (isms.loss_exceedance).
CREATE FUNCTION @extschema@.loss_exceedance_svg(model jsonb, iterations integer DEFAULT 100000,
		seed bigint DEFAULT 1, points integer DEFAULT 50, title text DEFAULT NULL,
		currency text DEFAULT NULL) RETURNS xml
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT @extschema@.loss_exceedance_svg(pg_catalog.array_agg(e.loss ORDER BY e.loss),
			pg_catalog.array_agg(e.probability ORDER BY e.loss), title, currency)
	  FROM @extschema@.loss_exceedance(model, iterations, seed, points) AS e
$$;
COMMENT ON FUNCTION @extschema@.loss_exceedance_svg(jsonb, integer, bigint, integer, text, text) IS
	'an SVG loss exceedance curve of a FAIR model, simulated by isms.loss_exceedance(model, iterations, seed, points)';

/* --- The Statement of Applicability for an auditor (test/data/soa.xsd) ---- */

CREATE TYPE @extschema@.soa_entry AS (
	control			text,
	title			text,
	theme			text,
	applicable		boolean,
	justification	text,
	status			text,
	owner			text,
	evidence		text,
	last_reviewed	date
);
COMMENT ON TYPE @extschema@.soa_entry IS
	'one control of a Statement of Applicability: whether it applies (NULL: not decided yet), why, and its implementation status (the register''s: not_applicable, not_implemented, planned, partially_implemented, implemented)';

CREATE FUNCTION @extschema@.soa_xml(entries @extschema@.soa_entry[], organization text,
		framework text, framework_version text DEFAULT NULL,
		generated timestamptz DEFAULT pg_catalog.now()) RETURNS xml
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	bad @extschema@.soa_entry;
	result xml;
BEGIN
	IF organization IS NULL OR pg_catalog.btrim(organization) = ''
	   OR framework IS NULL OR pg_catalog.btrim(framework) = '' THEN
		RAISE EXCEPTION 'a Statement of Applicability needs an organization and a framework'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT e.* INTO bad FROM pg_catalog.unnest(entries) AS e
	 WHERE e.control IS NULL OR pg_catalog.btrim(e.control) = '' OR e.title IS NULL
	    OR pg_catalog.btrim(e.title) = ''
	    OR e.status NOT IN ('implemented', 'partially_implemented', 'planned', 'not_implemented',
						   'not_applicable')
	    OR (e.status = 'not_applicable' AND e.applicable IS DISTINCT FROM false)
	    OR (e.applicable = false AND e.status <> 'not_applicable')
	    OR (e.applicable IS NULL AND e.status IS NOT NULL)
	 LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'invalid Statement of Applicability entry for control "%"', bad.control
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'Every entry needs a control and a title.  status is one of implemented, partially_implemented, planned, not_implemented, not_applicable; not_applicable exactly for a control that is not applicable, none for a control not decided yet (applicable NULL).';
	END IF;
	SELECT e.control INTO bad.control FROM pg_catalog.unnest(entries) AS e
	 GROUP BY e.control HAVING pg_catalog.count(*) > 1 LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'control "%" appears twice in the Statement of Applicability', bad.control
			USING ERRCODE = 'unique_violation';
	END IF;

	SELECT xmlelement(name "statementOfApplicability",
			xmlattributes('urn:isms:soa:1' AS xmlns, organization AS organization,
				framework AS framework, framework_version AS "frameworkVersion",
				pg_catalog.to_char(generated AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS generated,
				pg_catalog.count(e.control) AS controls,
				pg_catalog.count(e.control) FILTER (WHERE e.applicable) AS applicable,
				pg_catalog.count(e.control) FILTER (WHERE e.status = 'implemented') AS implemented,
				NULLIF(pg_catalog.count(e.control) FILTER (WHERE e.applicable IS NULL), 0) AS undecided),
			xmlagg(xmlelement(name control,
					xmlattributes(e.control AS id, e.applicable AS applicable, e.status AS status),
					xmlelement(name title, e.title),
					CASE WHEN NULLIF(e.theme, '') IS NOT NULL THEN xmlelement(name theme, e.theme) END,
					CASE WHEN e.justification IS NOT NULL THEN xmlelement(name justification, e.justification) END,
					CASE WHEN NULLIF(e.owner, '') IS NOT NULL THEN xmlelement(name owner, e.owner) END,
					CASE WHEN e.evidence IS NOT NULL THEN xmlelement(name evidence, e.evidence) END,
					CASE WHEN e.last_reviewed IS NOT NULL THEN xmlelement(name "lastReviewed", e.last_reviewed) END)
				ORDER BY e.ord))
	  INTO result
	  FROM pg_catalog.unnest(entries) WITH ORDINALITY
		   AS e(control, title, theme, applicable, justification, status, owner, evidence,
				last_reviewed, ord);
	RETURN result;
END
$$;
COMMENT ON FUNCTION @extschema@.soa_xml(@extschema@.soa_entry[], text, text, text, timestamptz) IS
	'a Statement of Applicability from explicit entries as XML (schema test/data/soa.xsd, namespace urn:isms:soa:1)';

-- The register's Statement of Applicability (isms.v_soa) of the current
-- organization: every control of ISO/IEC 27001:2022 Annex A, with the
-- decision, justification, status, owner, evidence and last review.
CREATE FUNCTION @extschema@.soa_xml() RETURNS xml
	LANGUAGE plpgsql STABLE
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	org bigint := @extschema@.current_org();
	org_name text;
	f @extschema@.framework;
BEGIN
	SELECT o.name INTO org_name FROM organization o WHERE o.id = org;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'organization % does not exist', org
			USING ERRCODE = 'undefined_object',
				  HINT = 'Set isms.org_id to the id of a row of isms.organization.';
	END IF;
	SELECT * INTO f FROM framework WHERE name = 'iso27001-2022';
	RETURN @extschema@.soa_xml(
		(SELECT pg_catalog.array_agg(ROW(v.ident, v.title, v.theme, v.applicable, v.justification,
					v.implementation_status, v.owner,
					(SELECT pg_catalog.string_agg(e.title || coalesce(' (' || e.reference || ')', ''), '; '
												  ORDER BY e.collected_on, e.id)
					   FROM control_evidence e WHERE e.soa_id = v.soa_id),
					v.reviewed_on)::@extschema@.soa_entry ORDER BY v.sort_order, v.control_id)
		   FROM v_soa v),
		org_name, f.title, f.version, pg_catalog.now());
END
$$;
COMMENT ON FUNCTION @extschema@.soa_xml() IS
	'the current organization''s Statement of Applicability (ISO/IEC 27001:2022 Annex A, from isms.v_soa) as XML for an auditor (schema test/data/soa.xsd)';

/*
 * ---------------------------------------------------------------------------
 * History and the tamper-evident audit log.  isms.track(table) attaches one
 * C trigger to a register table: every version of every row goes into the
 * table's history table (read the table as it was with isms.as_of), and
 * every change is chained by SHA-256 into isms.audit_log (checked by
 * isms.verify_audit_log).  Both are append-only.
 * ---------------------------------------------------------------------------
 */

-- Orders the versions of all history tables: history_id.
CREATE SEQUENCE @extschema@.history_id_seq;
COMMENT ON SEQUENCE @extschema@.history_id_seq IS
	'history_id of all history tables: the order in which changes were made';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.history_id_seq', '');

CREATE TABLE @extschema@.audit_log (
	id					bigint PRIMARY KEY,
	at					timestamptz NOT NULL,
	txid				bigint NOT NULL,
	changed_by			text NOT NULL,
	session_user_name	text NOT NULL,
	table_name			text NOT NULL,
	operation			text NOT NULL CONSTRAINT audit_log_operation_valid
		CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
	row_key				jsonb NOT NULL,
	old_row				jsonb,
	new_row				jsonb,
	prev_hash			bytea NOT NULL,
	hash				bytea NOT NULL
);
COMMENT ON TABLE @extschema@.audit_log IS
	'append-only, hash-chained log of every change to a tracked table (isms.track); check it with isms.verify_audit_log()';
COMMENT ON COLUMN @extschema@.audit_log.id IS 'position in the chain: 1, 2, 3, ... in the order of the chain';
COMMENT ON COLUMN @extschema@.audit_log.at IS 'start of the transaction that made the change (now())';
COMMENT ON COLUMN @extschema@.audit_log.txid IS 'top-level transaction id (pg_current_xact_id())';
COMMENT ON COLUMN @extschema@.audit_log.changed_by IS 'current_user when the change was made';
COMMENT ON COLUMN @extschema@.audit_log.session_user_name IS 'session_user when the change was made';
COMMENT ON COLUMN @extschema@.audit_log.table_name IS 'the changed table, schema-qualified';
COMMENT ON COLUMN @extschema@.audit_log.operation IS 'INSERT, UPDATE or DELETE (TRUNCATE is logged as a DELETE of each row)';
COMMENT ON COLUMN @extschema@.audit_log.row_key IS 'the primary key of the row: of the new row for INSERT and UPDATE, of the old row for DELETE';
COMMENT ON COLUMN @extschema@.audit_log.old_row IS 'to_jsonb() of the row before the change (UPDATE, DELETE)';
COMMENT ON COLUMN @extschema@.audit_log.new_row IS 'to_jsonb() of the row after the change (INSERT, UPDATE)';
COMMENT ON COLUMN @extschema@.audit_log.prev_hash IS 'hash of the previous entry (32 zero bytes for the first)';
COMMENT ON COLUMN @extschema@.audit_log.hash IS
	'sha256(prev_hash || convert_to(jsonb_build_array(id, microseconds of at since 1970, txid, changed_by, session_user_name, table_name, operation, row_key, old_row, new_row)::text, ''UTF8''))';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit_log', '');
REVOKE ALL ON @extschema@.audit_log FROM PUBLIC;

-- The guard of append-only tables: refuses every INSERT, UPDATE, DELETE and
-- TRUNCATE, for every role.  The tracking trigger writes past it.
CREATE FUNCTION @extschema@.append_only() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION 'cannot % append-only table %.%',
		CASE TG_OP WHEN 'INSERT' THEN 'insert into' WHEN 'UPDATE' THEN 'update'
				   WHEN 'DELETE' THEN 'delete from' ELSE 'truncate' END,
		pg_catalog.quote_ident(TG_TABLE_SCHEMA), pg_catalog.quote_ident(TG_TABLE_NAME)
		USING ERRCODE = 'insufficient_privilege',
			  DETAIL = 'Its rows are written only by the isms tracking trigger and are never changed or removed.',
			  HINT = 'To restore a dump, run the restore with session_replication_role set to replica.';
END
$$;
COMMENT ON FUNCTION @extschema@.append_only() IS
	'trigger: refuses INSERT, UPDATE, DELETE and TRUNCATE on the audit log and the history tables';

CREATE TRIGGER audit_log_append_only
	BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.append_only();

-- The tracking trigger (C): history versions and audit entries.
CREATE FUNCTION @extschema@.track_changes() RETURNS trigger
	AS 'MODULE_PATHNAME', 'track_changes' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.track_changes() IS
	'trigger made by isms.track(): appends each row version to the history table named by its argument and queues an audit entry';

CREATE FUNCTION @extschema@.verify_audit_log(OUT ok boolean, OUT entries bigint, OUT first_broken bigint)
	RETURNS record
	AS 'MODULE_PATHNAME', 'verify_audit_log' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.verify_audit_log() IS
	'recomputes the hash chain of isms.audit_log: ok, number of entries, id of the first entry altered or following a removed one';

CREATE FUNCTION @extschema@.verify_audit_log(anchor_id bigint, anchor_hash bytea,
		OUT ok boolean, OUT entries bigint, OUT first_broken bigint)
	RETURNS record
	AS 'MODULE_PATHNAME', 'verify_audit_log' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.verify_audit_log(bigint, bytea) IS
	'verify_audit_log(), and also that entry anchor_id still has the hash recorded for it earlier (finds entries removed from the end)';

CREATE FUNCTION @extschema@.audit_log_head(OUT id bigint, OUT hash bytea, OUT at timestamptz)
	RETURNS record
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT l.id, l.hash, l.at FROM @extschema@.audit_log l ORDER BY l.id DESC LIMIT 1
$$;
COMMENT ON FUNCTION @extschema@.audit_log_head() IS
	'the last entry of the audit log (id, hash, at): record it outside the database as an anchor for verify_audit_log(anchor_id, anchor_hash)';

-- The history table of a tracked table (the tracking trigger's argument).
CREATE FUNCTION @extschema@.history_table(tbl regclass) RETURNS regclass
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT pg_catalog.to_regclass(NULLIF(pg_catalog.convert_from(
			   pg_catalog.substr(t.tgargs, 1, pg_catalog.position(t.tgargs, '\x00'::bytea) - 1),
			   pg_catalog.getdatabaseencoding()), ''))
	  FROM pg_catalog.pg_trigger t
	 WHERE t.tgrelid = tbl AND t.tgname = 'isms_track' AND t.tgnargs = 1
$$;
COMMENT ON FUNCTION @extschema@.history_table(regclass) IS
	'the history table of a tracked table, or NULL if it keeps none';

CREATE FUNCTION @extschema@.track(tbl regclass, history boolean DEFAULT true) RETURNS regclass
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	rel pg_catalog.pg_class;
	nsp name;
	hist_name text;
	hist text := '';
	hist_oid regclass;
	keys text;
	columns text;
	names text;
	missing record;
	in_extension boolean;
BEGIN
	SELECT * INTO STRICT rel FROM pg_catalog.pg_class c WHERE c.oid = tbl;
	SELECT n.nspname INTO STRICT nsp FROM pg_catalog.pg_namespace n WHERE n.oid = rel.relnamespace;
	IF rel.relkind <> 'r' THEN
		RAISE EXCEPTION '% is not an ordinary table', tbl
			USING ERRCODE = 'wrong_object_type',
				  DETAIL = 'Only ordinary tables can be tracked; partitioned tables are not supported.';
	END IF;
	IF rel.relpersistence <> 'p' THEN
		RAISE EXCEPTION 'table % is not permanent', tbl
			USING ERRCODE = 'wrong_object_type',
				  DETAIL = 'Temporary and unlogged tables cannot be tracked: their rows can vanish without a trace in the log.';
	END IF;
	SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY k.n) INTO keys
	  FROM pg_catalog.pg_index i,
		   LATERAL pg_catalog.unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
	  JOIN pg_catalog.pg_attribute a ON a.attrelid = tbl AND a.attnum = k.attnum
	 WHERE i.indrelid = tbl AND i.indisprimary AND k.n <= i.indnkeyatts;
	IF keys IS NULL THEN
		RAISE EXCEPTION 'table % has no primary key', tbl
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = 'History and audit entries find a row by its primary key.';
	END IF;
	IF EXISTS (SELECT FROM pg_catalog.pg_attribute a
				WHERE a.attrelid = tbl AND a.attnum > 0 AND NOT a.attisdropped
				  AND a.attname IN ('history_id', 'valid_from', 'operation', 'changed_by')) THEN
		RAISE EXCEPTION 'table % has a column named history_id, valid_from, operation or changed_by', tbl
			USING ERRCODE = 'duplicate_column',
				  DETAIL = 'Its history table adds columns of these names.';
	END IF;

	IF history THEN
		hist_name := rel.relname || '_history';
		IF pg_catalog.octet_length(hist_name) >= 64 THEN
			RAISE EXCEPTION 'history table name "%" is too long', hist_name
				USING ERRCODE = 'name_too_long',
					  HINT = 'Rename the table to at most 55 bytes.';
		END IF;
		hist := pg_catalog.format('%I.%I', nsp, hist_name);
		hist_oid := pg_catalog.to_regclass(hist);
		SELECT pg_catalog.string_agg(pg_catalog.format('%I %s%s', a.attname,
					pg_catalog.format_type(a.atttypid, a.atttypmod),
					CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
						 THEN ' COLLATE ' || a.attcollation::regcollation::text ELSE '' END),
					', ' ORDER BY a.attnum),
			   pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)
		  INTO columns, names
		  FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
		 WHERE a.attrelid = tbl AND a.attnum > 0 AND NOT a.attisdropped;

		IF hist_oid IS NULL THEN
			EXECUTE pg_catalog.format(
				'CREATE TABLE %s (history_id bigint NOT NULL, valid_from timestamptz NOT NULL, '
				'operation text NOT NULL CHECK (operation IN (''INSERT'', ''UPDATE'', ''DELETE'', ''TRACK'')), '
				'changed_by text NOT NULL, %s, PRIMARY KEY (%s, history_id))',
				hist, columns, keys);
			hist_oid := hist::regclass;
			EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', hist,
				pg_catalog.format('every version of every row of %s, kept by isms.track(); read it with isms.as_of()', tbl));
			in_extension := EXISTS (
				SELECT FROM pg_catalog.pg_depend d
				 WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = hist_oid
				   AND d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e');
			-- rows already there: a version of operation TRACK each.  Made by
			-- the extension script, they are part of the installation: valid
			-- since ever, and made again rather than dumped.
			EXECUTE pg_catalog.format(
				'INSERT INTO %s (history_id, valid_from, operation, changed_by, %s) '
				'SELECT pg_catalog.nextval(''@extschema@.history_id_seq''), %L, ''TRACK'', current_user, %s '
				'FROM %s ORDER BY %s',
				hist, names, CASE WHEN in_extension THEN '-infinity'::timestamptz ELSE now() END,
				names, tbl, keys);
			EXECUTE pg_catalog.format(
				'CREATE TRIGGER history_append_only BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s '
				'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.append_only()', hist);
			IF in_extension THEN
				PERFORM pg_catalog.pg_extension_config_dump(hist_oid, 'WHERE operation <> ''TRACK''');
			END IF;
		ELSE
			IF NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t
							WHERE t.tgrelid = hist_oid AND t.tgname = 'history_append_only') THEN
				RAISE EXCEPTION 'table % exists and is not a history table', hist
					USING ERRCODE = 'duplicate_table';
			END IF;
			-- columns added to the table since: add them to the history
			FOR missing IN
				SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type
				  FROM pg_catalog.pg_attribute a
				 WHERE a.attrelid = tbl AND a.attnum > 0 AND NOT a.attisdropped
				   AND NOT EXISTS (SELECT FROM pg_catalog.pg_attribute h
									WHERE h.attrelid = hist_oid AND h.attname = a.attname
									  AND NOT h.attisdropped)
				 ORDER BY a.attnum
			LOOP
				EXECUTE pg_catalog.format('ALTER TABLE %s ADD COLUMN %I %s',
										  hist, missing.attname, missing.type);
			END LOOP;
		END IF;
	END IF;

	IF EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = tbl AND t.tgname = 'isms_track') THEN
		EXECUTE pg_catalog.format('DROP TRIGGER isms_track ON %s', tbl);
	END IF;
	IF EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = tbl AND t.tgname = 'isms_track_truncate') THEN
		EXECUTE pg_catalog.format('DROP TRIGGER isms_track_truncate ON %s', tbl);
	END IF;
	EXECUTE pg_catalog.format(
		'CREATE TRIGGER isms_track AFTER INSERT OR UPDATE OR DELETE ON %s '
		'FOR EACH ROW EXECUTE FUNCTION @extschema@.track_changes(%L)', tbl, hist);
	EXECUTE pg_catalog.format(
		'CREATE TRIGGER isms_track_truncate BEFORE TRUNCATE ON %s '
		'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.track_changes(%L)', tbl, hist);
	RETURN hist_oid;
END
$$;
COMMENT ON FUNCTION @extschema@.track(regclass, boolean) IS
	'tracks a table: its history table (unless history is false) and audit log entries for every change; called again, adds new columns to the history table';

CREATE FUNCTION @extschema@.untrack(tbl regclass) RETURNS void
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = tbl AND t.tgname = 'isms_track') THEN
		RAISE EXCEPTION 'table % is not tracked', tbl
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	EXECUTE pg_catalog.format('DROP TRIGGER isms_track ON %s', tbl);
	IF EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = tbl AND t.tgname = 'isms_track_truncate') THEN
		EXECUTE pg_catalog.format('DROP TRIGGER isms_track_truncate ON %s', tbl);
	END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.untrack(regclass) IS
	'stops tracking a table; its history table and audit entries stay';

CREATE FUNCTION @extschema@.as_of(tbl anyelement, at timestamptz) RETURNS SETOF anyelement
	LANGUAGE plpgsql STABLE
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	rel regclass;
	hist regclass;
	columns text;
	keys text;
	keys_desc text;
BEGIN
	SELECT t.typrelid INTO rel FROM pg_catalog.pg_type t
	 WHERE t.oid = pg_catalog.pg_typeof(tbl) AND t.typrelid <> 0;
	IF rel IS NULL THEN
		RAISE EXCEPTION 'type % is not the row type of a table', pg_catalog.pg_typeof(tbl)
			USING ERRCODE = 'wrong_object_type',
				  HINT = 'Pass a null of the table''s row type, as in isms.as_of(NULL::isms.risk, ''2024-06-30'').';
	END IF;
	hist := @extschema@.history_table(rel);
	IF hist IS NULL THEN
		RAISE EXCEPTION 'table % keeps no history', rel
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = pg_catalog.format('Call isms.track(%L) to keep it from now on.', rel);
	END IF;
	SELECT pg_catalog.string_agg(pg_catalog.format('h.%I', a.attname), ', ' ORDER BY a.attnum)
	  INTO columns
	  FROM pg_catalog.pg_attribute a
	 WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped;
	SELECT pg_catalog.string_agg(pg_catalog.format('h.%I', a.attname), ', ' ORDER BY k.n),
		   pg_catalog.string_agg(pg_catalog.format('h.%I DESC', a.attname), ', ' ORDER BY k.n)
	  INTO keys, keys_desc
	  FROM pg_catalog.pg_index i,
		   LATERAL pg_catalog.unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
	  JOIN pg_catalog.pg_attribute a ON a.attrelid = rel AND a.attnum = k.attnum
	 WHERE i.indrelid = rel AND i.indisprimary AND k.n <= i.indnkeyatts;
	-- per key, the last version valid from at or before the time asked,
	-- unless it is a deletion
	RETURN QUERY EXECUTE pg_catalog.format(
		'SELECT %s FROM (SELECT DISTINCT ON (%s) * FROM %s h '
		'WHERE h.valid_from OPERATOR(pg_catalog.<=) $1 ORDER BY %s, h.history_id DESC) h '
		'WHERE h.operation OPERATOR(pg_catalog.<>) ''DELETE'' ORDER BY %s',
		columns, keys, hist, keys_desc, keys)
		USING at;
END
$$;
COMMENT ON FUNCTION @extschema@.as_of(anyelement, timestamptz) IS
	'a tracked table as it was at a time: as_of(NULL::isms.risk, ''2024-06-30'') gives the rows of that time with their values of that time';

CREATE FUNCTION @extschema@.risk_register_as_of(at timestamptz) RETURNS SETOF @extschema@.risk
	LANGUAGE sql STABLE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT * FROM @extschema@.as_of(NULL::@extschema@.risk, at)
$$;
COMMENT ON FUNCTION @extschema@.risk_register_as_of(timestamptz) IS
	'the risk register (isms.risk) exactly as it was at a time';

-- The trend of residual exposure: the register as it was at the end of each
-- of the last twelve months (from the risk history), and now.
CREATE VIEW @extschema@.kpi_exposure_trend AS
SELECT r.org_id,
	   m.as_of::date AS as_of,
	   count(*) AS open_risks,
	   count(*) FILTER (WHERE r.residual_level IS NOT NULL) AS assessed_risks,
	   @extschema@.exposure(r.residual_likelihood, r.residual_impact) AS residual_exposure,
	   @extschema@.exposure(r.inherent_likelihood, r.inherent_impact) AS inherent_exposure
  FROM (SELECT LEAST(g OPERATOR(pg_catalog.+) interval '1 month' OPERATOR(pg_catalog.-) interval '1 microsecond',
								pg_catalog.now()) AS as_of
		  FROM pg_catalog.generate_series(pg_catalog.date_trunc('month', pg_catalog.now()) OPERATOR(pg_catalog.-) interval '11 months',
										  pg_catalog.date_trunc('month', pg_catalog.now()), interval '1 month') g) m
 CROSS JOIN LATERAL @extschema@.risk_register_as_of(m.as_of) r
 WHERE r.status OPERATOR(pg_catalog.<>) 'closed'
 GROUP BY r.org_id, m.as_of;
COMMENT ON VIEW @extschema@.kpi_exposure_trend IS
	'KPI: the trend of risk exposure, from the risk history: for each of the last twelve months (as_of its last day; the current month as of now) the open risks and their residual and inherent exposure index (isms.exposure)';


-- Track every table of user data: history and audit log.  This stays the
-- last statement of the script: a table altered after track() refuses writes
-- until track() is called again.
DO $$
DECLARE
	t regclass;
BEGIN
	FOR t IN
		SELECT c.oid::regclass
		  FROM pg_catalog.pg_class c
		  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass
			   AND d.objid = c.oid AND d.deptype = 'e'
		  JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'isms'
		 WHERE c.relkind = 'r'
		   AND c.relname !~ '_history$'
		   AND c.relname NOT IN ('audit_log', 'kpi_snapshot')
		 ORDER BY c.relname
	LOOP
		PERFORM @extschema@.track(t);
	END LOOP;
END
$$;
