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

-- The register tables that exist so far.
SELECT @extschema@.track('@extschema@.organization');
SELECT @extschema@.track('@extschema@.risk_matrix');
SELECT @extschema@.track('@extschema@.asset');
SELECT @extschema@.track('@extschema@.risk');
SELECT @extschema@.track('@extschema@.framework');
SELECT @extschema@.track('@extschema@.control_group');
SELECT @extschema@.track('@extschema@.control');
SELECT @extschema@.track('@extschema@.vulnerability');
