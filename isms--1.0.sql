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
