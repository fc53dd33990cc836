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
	-- set once a risk records this version; from then on it is read-only
	scored				boolean NOT NULL DEFAULT false,
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

-- Validates a matrix row and keeps the rules: one default, read-only once
-- it has scored a risk or when it ships with the extension, and a new
-- version supersedes an older version of the same name.
CREATE FUNCTION @extschema@.risk_matrix_guard() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	superseded @extschema@.risk_matrix;
BEGIN
	IF TG_OP = 'DELETE' THEN
		IF OLD.scored OR OLD.seeded THEN
			RAISE EXCEPTION 'risk matrix "%" version % cannot be deleted', OLD.name, OLD.version
				USING ERRCODE = 'object_in_use',
					  DETAIL = CASE WHEN OLD.scored THEN 'It has scored risks, which record it.'
									ELSE 'It ships with the extension.' END;
		END IF;
		RETURN OLD;
	END IF;

	IF TG_OP = 'UPDATE' THEN
		IF OLD.scored AND NOT NEW.scored THEN
			RAISE EXCEPTION 'risk matrix "%" version % has scored risks', OLD.name, OLD.version
				USING ERRCODE = 'object_in_use',
					  DETAIL = 'A matrix that has scored a risk stays marked as scored.';
		END IF;
		IF (OLD.scored OR OLD.seeded) AND
		   (NEW.name, NEW.version, NEW.likelihood_levels, NEW.impact_levels, NEW.level_scale,
			NEW.grid::text, NEW.supersedes, NEW.seeded, NEW.created_at)
		   IS DISTINCT FROM
		   (OLD.name, OLD.version, OLD.likelihood_levels, OLD.impact_levels, OLD.level_scale,
			OLD.grid::text, OLD.supersedes, OLD.seeded, OLD.created_at) THEN
			RAISE EXCEPTION 'risk matrix "%" version % cannot be changed in place', OLD.name, OLD.version
				USING ERRCODE = 'object_in_use',
					  DETAIL = CASE WHEN OLD.scored THEN 'It has scored risks, which record it.'
									ELSE 'It ships with the extension.' END,
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

	-- the new default replaces the old one
	IF NEW.is_default AND (TG_OP = 'INSERT' OR NOT OLD.is_default) THEN
		UPDATE @extschema@.risk_matrix m SET is_default = false
		 WHERE m.is_default AND m.id OPERATOR(pg_catalog.<>) NEW.id;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.risk_matrix_guard() IS
	'trigger: validates a risk matrix, keeps one default, and keeps scored and shipped versions read-only';

CREATE TRIGGER risk_matrix_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.risk_matrix
	FOR EACH ROW EXECUTE FUNCTION @extschema@.risk_matrix_guard();

CREATE UNIQUE INDEX risk_matrix_one_default ON @extschema@.risk_matrix ((true)) WHERE is_default;
-- the identity's sequence too, so that rows added after a restore get fresh ids
SELECT pg_catalog.pg_extension_config_dump(
	pg_catalog.pg_get_serial_sequence('@extschema@.risk_matrix', 'id')::regclass, '');

-- Marks the matrix a risk records as scored (read-only from then on).
CREATE FUNCTION @extschema@.risk_matrix_mark_scored() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
BEGIN
	UPDATE @extschema@.risk_matrix m SET scored = true
	 WHERE m.id OPERATOR(pg_catalog.=) NEW.matrix_id AND NOT m.scored;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.risk_matrix_mark_scored() IS
	'trigger: marks the risk matrix version a risk records as scored';

CREATE TRIGGER risk_matrix_scored AFTER INSERT OR UPDATE OF matrix_id ON @extschema@.risk
	FOR EACH ROW WHEN (NEW.matrix_id IS NOT NULL)
	EXECUTE FUNCTION @extschema@.risk_matrix_mark_scored();

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
	SELECT m.id FROM @extschema@.risk_matrix m WHERE m.is_default
$$;
COMMENT ON FUNCTION @extschema@.default_matrix() IS 'the id of the default risk matrix';

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
	asset_id	bigint REFERENCES @extschema@.asset (id) ON DELETE CASCADE,
	max_level	@extschema@.risk_level NOT NULL,
	rationale	text,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT risk_appetite_one_scope CHECK (category IS NULL OR asset_id IS NULL)
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

CREATE FUNCTION @extschema@.appetite(category text DEFAULT NULL, asset_id bigint DEFAULT NULL)
	RETURNS @extschema@.risk_level
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT a.max_level FROM @extschema@.risk_appetite a
	 WHERE a.org_id OPERATOR(pg_catalog.=) @extschema@.current_org()
	   AND (a.asset_id OPERATOR(pg_catalog.=) $2
			OR (a.asset_id IS NULL AND a.category OPERATOR(pg_catalog.=) $1)
			OR (a.asset_id IS NULL AND a.category IS NULL))
	 ORDER BY a.asset_id IS NOT NULL DESC, a.category IS NOT NULL DESC
	 LIMIT 1
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
		DEFERRABLE INITIALLY IMMEDIATE
);
COMMENT ON TABLE @extschema@.octave_impact_area IS
	'OCTAVE Allegro impact areas of an organization ranked by priority (the most important has the highest)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.octave_impact_area', '');
SELECT pg_catalog.pg_extension_config_dump(
	pg_catalog.pg_get_serial_sequence('@extschema@.octave_impact_area', 'id')::regclass, '');

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
