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
CREATE FUNCTION @extschema@.likelihood(@extschema@.likelihood, integer, boolean) RETURNS @extschema@.likelihood
	AS 'MODULE_PATHNAME', 'likelihood_typmod_apply' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (@extschema@.likelihood AS @extschema@.likelihood) WITH FUNCTION @extschema@.likelihood(@extschema@.likelihood, integer, boolean) AS IMPLICIT;

CREATE FUNCTION @extschema@.likelihood(integer, integer, boolean) RETURNS @extschema@.likelihood
	AS 'MODULE_PATHNAME', 'likelihood_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (integer AS @extschema@.likelihood) WITH FUNCTION @extschema@.likelihood(integer, integer, boolean);
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
CREATE FUNCTION @extschema@.impact(@extschema@.impact, integer, boolean) RETURNS @extschema@.impact
	AS 'MODULE_PATHNAME', 'impact_typmod_apply' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (@extschema@.impact AS @extschema@.impact) WITH FUNCTION @extschema@.impact(@extschema@.impact, integer, boolean) AS IMPLICIT;

CREATE FUNCTION @extschema@.impact(integer, integer, boolean) RETURNS @extschema@.impact
	AS 'MODULE_PATHNAME', 'impact_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (integer AS @extschema@.impact) WITH FUNCTION @extschema@.impact(integer, integer, boolean);
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
CREATE FUNCTION @extschema@.risk_level(@extschema@.risk_level, integer, boolean) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_typmod_apply' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (@extschema@.risk_level AS @extschema@.risk_level) WITH FUNCTION @extschema@.risk_level(@extschema@.risk_level, integer, boolean) AS IMPLICIT;

CREATE FUNCTION @extschema@.risk_level(integer, integer, boolean) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (integer AS @extschema@.risk_level) WITH FUNCTION @extschema@.risk_level(integer, integer, boolean);
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

-- the score: the product of the levels
CREATE FUNCTION @extschema@.risk_score(@extschema@.likelihood, @extschema@.impact) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_multiply' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.risk_score(@extschema@.likelihood, @extschema@.impact) IS
	'the risk score, likelihood level times impact level';
CREATE FUNCTION @extschema@.risk_score(@extschema@.impact, @extschema@.likelihood) RETURNS integer
	AS 'MODULE_PATHNAME', 'scale_multiply' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.risk_score(@extschema@.impact, @extschema@.likelihood) IS
	'the risk score, impact level times likelihood level';
CREATE OPERATOR @extschema@.* (
	LEFTARG = @extschema@.likelihood, RIGHTARG = @extschema@.impact,
	FUNCTION = @extschema@.risk_score, COMMUTATOR = OPERATOR(@extschema@.*)
);
CREATE OPERATOR @extschema@.* (
	LEFTARG = @extschema@.impact, RIGHTARG = @extschema@.likelihood,
	FUNCTION = @extschema@.risk_score, COMMUTATOR = OPERATOR(@extschema@.*)
);

/*
 * ---------------------------------------------------------------------------
 * Register backbone: organizations, the risk matrix table, assets, risks,
 * the control catalog and vulnerabilities.  Later sections add to these.
 * ---------------------------------------------------------------------------
 */

CREATE TABLE @extschema@.organization (
	id			bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	name		text NOT NULL CONSTRAINT organization_name_unique UNIQUE
		CONSTRAINT organization_name_not_blank CHECK (btrim(name) <> ''),
	legal_name	text,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE @extschema@.organization IS
	'organizations whose ISMS this database holds; every register row belongs to one (org_id)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.organization', '');

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

CREATE TABLE @extschema@.asset (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	name			text NOT NULL,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT asset_name_unique UNIQUE (org_id, name)
);
COMMENT ON TABLE @extschema@.asset IS 'information assets (component 4: asset management)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.asset', '');

CREATE TABLE @extschema@.risk (
	id						bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id					bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	title					text NOT NULL,
	description				text,
	category				text,
	asset_id				bigint REFERENCES @extschema@.asset (id),
	owner_id				bigint,
	matrix_id				bigint REFERENCES @extschema@.risk_matrix (id),
	inherent_likelihood		@extschema@.likelihood,
	inherent_impact			@extschema@.impact,
	inherent_level			@extschema@.risk_level,
	current_likelihood		@extschema@.likelihood,
	current_impact			@extschema@.impact,
	current_level			@extschema@.risk_level,
	residual_likelihood		@extschema@.likelihood,
	residual_impact			@extschema@.impact,
	residual_level			@extschema@.risk_level,
	target_likelihood		@extschema@.likelihood,
	target_impact			@extschema@.impact,
	target_level			@extschema@.risk_level,
	treatment				text CONSTRAINT risk_treatment_valid
		CHECK (treatment IN ('accept', 'avoid', 'transfer', 'mitigate', 'monitor')),
	status					text NOT NULL DEFAULT 'identified' CONSTRAINT risk_status_valid
		CHECK (status IN ('identified', 'assessed', 'treatment_planned', 'treated', 'monitored', 'closed')),
	next_review				date,
	created_at				timestamptz NOT NULL DEFAULT now(),
	updated_at				timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE @extschema@.risk IS 'the risk register (implementation step 3)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk', '');

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
SELECT pg_catalog.pg_extension_config_dump('@extschema@.framework', 'WHERE NOT seeded');

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
COMMENT ON TABLE @extschema@.control_group IS 'groups of a framework (themes, families), nested';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.control_group', 'WHERE NOT seeded');

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
SELECT pg_catalog.pg_extension_config_dump('@extschema@.control', 'WHERE NOT seeded');

CREATE TABLE @extschema@.vulnerability (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		REFERENCES @extschema@.organization (id),
	asset_id		bigint REFERENCES @extschema@.asset (id),
	title			text NOT NULL,
	source			text NOT NULL DEFAULT 'other' CONSTRAINT vulnerability_source_valid
		CHECK (source IN ('pentest', 'scanner', 'dlp_scan', 'audit', 'other')),
	cvss_vector		text,
	cvss_score		numeric(3,1) CONSTRAINT vulnerability_cvss_score_range CHECK (cvss_score BETWEEN 0 AND 10),
	status			text NOT NULL DEFAULT 'open' CONSTRAINT vulnerability_status_valid
		CHECK (status IN ('open', 'in_progress', 'fixed', 'accepted', 'false_positive')),
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE @extschema@.vulnerability IS
	'vulnerabilities on assets, from pentests, scanners, DLP scans and audits';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.vulnerability', '');

/*
 * ---------------------------------------------------------------------------
 * XML: OSCAL catalogs in and out, scanner reports (Nessus v2, OpenVAS),
 * the Statement of Applicability, SVG charts.  libxml2 runs under the
 * server's own error handling, without network, DTDs or entities; documents
 * are limited by the setting isms.xml_max_size (64 MB).
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
SELECT pg_catalog.pg_extension_config_dump('@extschema@.control_param', 'WHERE NOT seeded');
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
SELECT pg_catalog.pg_extension_config_dump('@extschema@.control_part', 'WHERE NOT seeded');
CREATE INDEX control_part_control_idx ON @extschema@.control_part (control_id);
CREATE INDEX control_part_framework_idx ON @extschema@.control_part (framework_id);

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
	LANGUAGE C STABLE STRICT
	SET search_path = @extschema@, pg_temp;
COMMENT ON FUNCTION @extschema@.export_oscal_catalog(text) IS
	'a framework as an OSCAL XML catalog';

-- Scanner reports: hosts are assets, findings are vulnerabilities.
ALTER TABLE @extschema@.asset
	ADD COLUMN hostname text,
	ADD COLUMN ip_address inet;
COMMENT ON COLUMN @extschema@.asset.hostname IS 'the host name of the asset (fully qualified where known), as scanners report it';
COMMENT ON COLUMN @extschema@.asset.ip_address IS 'the IP address of the asset, as scanners report it';
CREATE INDEX asset_ip_address_idx ON @extschema@.asset (org_id, ip_address);

ALTER TABLE @extschema@.vulnerability
	ADD COLUMN scanner text CONSTRAINT vulnerability_scanner_valid CHECK (scanner IN ('nessus', 'openvas')),
	ADD COLUMN plugin_id text,
	ADD COLUMN port text,
	ADD COLUMN severity text CONSTRAINT vulnerability_severity_valid
		CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
	ADD COLUMN cve_ids text[],
	ADD COLUMN description text,
	ADD COLUMN solution text,
	ADD COLUMN evidence text,
	ADD COLUMN first_seen timestamptz,
	ADD COLUMN last_seen timestamptz,
	ADD CONSTRAINT vulnerability_scanner_finding_unique UNIQUE (asset_id, scanner, plugin_id, port),
	ADD CONSTRAINT vulnerability_scanner_finding_complete
		CHECK (scanner IS NULL OR (asset_id IS NOT NULL AND plugin_id IS NOT NULL AND port IS NOT NULL));
COMMENT ON COLUMN @extschema@.vulnerability.scanner IS 'the scanner that reported the finding (nessus, openvas), NULL for other sources';
COMMENT ON COLUMN @extschema@.vulnerability.plugin_id IS 'the scanner''s check: Nessus plugin id or OpenVAS NVT oid';
COMMENT ON COLUMN @extschema@.vulnerability.port IS 'where on the asset: "445/tcp", "general/tcp"';
COMMENT ON COLUMN @extschema@.vulnerability.severity IS 'the scanner''s severity: info, low, medium, high, critical';
COMMENT ON COLUMN @extschema@.vulnerability.cve_ids IS 'CVE identifiers of the finding';
COMMENT ON COLUMN @extschema@.vulnerability.description IS 'what the vulnerability is';
COMMENT ON COLUMN @extschema@.vulnerability.solution IS 'how to remove it';
COMMENT ON COLUMN @extschema@.vulnerability.evidence IS 'what the scanner found on this asset (plugin output)';
COMMENT ON COLUMN @extschema@.vulnerability.first_seen IS 'when a scan first reported the finding';
COMMENT ON COLUMN @extschema@.vulnerability.last_seen IS 'when a scan last reported the finding';

-- The CVSS score of an imported finding.  Today: the scanner's own base
-- score.  This is the one place where the extension's CVSS scoring takes
-- over once it exists: score the vector where there is one.
CREATE FUNCTION @extschema@.scanner_cvss_score(vector text, reported numeric) RETURNS numeric
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT CASE WHEN reported BETWEEN 0 AND 10 THEN pg_catalog.round(reported, 1) END
$$;
COMMENT ON FUNCTION @extschema@.scanner_cvss_score(text, numeric) IS
	'the CVSS base score stored for a scanner finding with this vector and this score reported by the scanner';

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

-- The asset of a scanned host: by address, then host name, then name;
-- a host that no asset matches becomes a new asset.
CREATE FUNCTION @extschema@.scanner_asset(hostname text, address text) RETURNS bigint
	LANGUAGE plpgsql VOLATILE
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	org bigint := @extschema@.current_org();
	host text := NULLIF(pg_catalog.btrim(hostname), '');
	addr text := NULLIF(pg_catalog.btrim(address), '');
	ip inet;
	result bigint;
BEGIN
	IF host = addr THEN
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
	IF ip IS NOT NULL THEN
		SELECT a.id INTO result FROM asset a
		 WHERE a.org_id = org AND a.ip_address = ip ORDER BY a.id LIMIT 1;
	END IF;
	IF result IS NULL AND host IS NOT NULL THEN
		SELECT a.id INTO result FROM asset a
		 WHERE a.org_id = org
		   AND (pg_catalog.lower(a.hostname) = pg_catalog.lower(host)
				OR pg_catalog.lower(a.name) = pg_catalog.lower(host))
		 ORDER BY a.hostname IS NULL, a.id LIMIT 1;
	END IF;
	IF result IS NULL AND addr IS NOT NULL THEN
		SELECT a.id INTO result FROM asset a
		 WHERE a.org_id = org AND a.name = addr ORDER BY a.id LIMIT 1;
	END IF;
	IF result IS NULL THEN
		INSERT INTO asset AS a (org_id, name, hostname, ip_address)
		VALUES (org, coalesce(host, addr), host, ip)
		ON CONFLICT ON CONSTRAINT asset_name_unique DO UPDATE SET updated_at = pg_catalog.now()
		RETURNING a.id INTO result;
	ELSE
		UPDATE asset a SET hostname = coalesce(a.hostname, host),
			   ip_address = coalesce(a.ip_address, ip), updated_at = pg_catalog.now()
		 WHERE a.id = result
		   AND ((a.hostname IS NULL AND host IS NOT NULL) OR (a.ip_address IS NULL AND ip IS NOT NULL));
	END IF;
	RETURN result;
END
$$;
COMMENT ON FUNCTION @extschema@.scanner_asset(text, text) IS
	'the asset of a scanned host (matched by address, host name or name; created if none matches)';

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

-- SVG charts over explicit data (the register's wrappers pass what they read).
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

-- The Statement of Applicability for an auditor (schema: test/data/soa.xsd).
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
	'one control of a Statement of Applicability: whether it applies, why, and its implementation status (implemented, partially_implemented, planned, not_implemented)';

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
	    OR pg_catalog.btrim(e.title) = '' OR e.applicable IS NULL
	    OR e.status NOT IN ('implemented', 'partially_implemented', 'planned', 'not_implemented')
	 LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'invalid Statement of Applicability entry for control "%"', bad.control
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'Every entry needs a control, a title and applicable; status is one of implemented, partially_implemented, planned, not_implemented.';
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
				pg_catalog.count(e.control) FILTER (WHERE e.status = 'implemented') AS implemented),
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
	'the Statement of Applicability as XML (schema test/data/soa.xsd, namespace urn:isms:soa:1)';
