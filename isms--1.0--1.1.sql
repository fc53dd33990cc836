/* isms--1.0--1.1.sql: update isms from version 1.0 to 1.1 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION isms UPDATE TO '1.1'" to load this file. \quit

-- The schema must belong to the role that installs the extension (or to a
-- superuser).  A role with CREATE on the database could otherwise create
-- schema isms before CREATE EXTENSION, let the extension install into it,
-- then rename it and plant objects of her own under the name isms.
DO $$
DECLARE
	owner oid;
BEGIN
	SELECT n.nspowner INTO STRICT owner FROM pg_catalog.pg_namespace n
	 WHERE n.oid = '@extschema@'::regnamespace;
	IF owner OPERATOR(pg_catalog.<>) (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)
	   AND NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.oid = owner) THEN
		RAISE EXCEPTION 'schema % is owned by role %, not by the role installing isms',
			'@extschema@', pg_catalog.pg_get_userbyid(owner)
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'isms installs only into a schema that the installing role or a superuser owns.',
				  HINT = 'Drop or rename the schema, or change its owner, then create the extension again.';
	END IF;
END
$$;

-- ---------------------------------------------------------------------
-- Scale types and scoring functions
-- ---------------------------------------------------------------------

-- Integer forms of the scoring functions, for clients that send levels as
-- integers (JDBC setInt, psycopg): each integer is a level on its type's
-- default scale (likelihood and impact: 1 to 5), a bare level as
-- 3::isms.likelihood gives; others fail with numeric_value_out_of_range.
-- With them alone, two quoted literals (risk_level('likely', 'major')) would
-- fit both forms and the call would be ambiguous; the text forms take such
-- calls (a string type wins for an unknown literal) and read the text as the
-- types' input does, so the call means what it did.  They also serve
-- drivers that send strings as varchar (JDBC setString).
-- C entry points rather than SQL wrappers: a SQL function here would have
-- to pin its search_path, which stops it from being inlined, so each call
-- would start an executor and reload the matrix; the C forms keep the
-- matrix cached per query as the likelihood and impact forms do.  Not
-- LEAKPROOF: they raise errors that depend on their arguments.
CREATE FUNCTION @extschema@.risk_level(integer, integer) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_default_int' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(integer, integer) IS
	'the risk level of a likelihood and an impact given as levels of the default scales (1 to 5) in the default risk matrix';
CREATE FUNCTION @extschema@.risk_level(integer, integer, matrix text) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_named_int' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(integer, integer, text) IS
	'the risk level of a likelihood and an impact given as levels of the default scales (1 to 5) in the newest version of the named risk matrix';
CREATE FUNCTION @extschema@.risk_level(integer, integer, matrix_id bigint) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_by_id_int' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(integer, integer, bigint) IS
	'the risk level of a likelihood and an impact given as levels of the default scales (1 to 5) in one risk matrix version, by id';
CREATE FUNCTION @extschema@.risk_score(integer, integer) RETURNS integer
	AS 'MODULE_PATHNAME', 'risk_score_int' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_score(integer, integer) IS
	'the risk score of a likelihood and an impact given as levels of the default scales (1 to 5), their product';
CREATE FUNCTION @extschema@.risk_level(text, text) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_default_text' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(text, text) IS
	'the risk level of a likelihood and an impact given as text (read as the types read it) in the default risk matrix';
CREATE FUNCTION @extschema@.risk_level(text, text, matrix text) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_named_text' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(text, text, text) IS
	'the risk level of a likelihood and an impact given as text (read as the types read it) in the newest version of the named risk matrix';
CREATE FUNCTION @extschema@.risk_level(text, text, matrix_id bigint) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_by_id_text' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(text, text, bigint) IS
	'the risk level of a likelihood and an impact given as text (read as the types read it) in one risk matrix version, by id';
CREATE FUNCTION @extschema@.risk_score(text, text) RETURNS integer
	AS 'MODULE_PATHNAME', 'risk_score_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_score(text, text) IS
	'the risk score of a likelihood and an impact given as text (read as the types read it), the product of their levels';

-- ---------------------------------------------------------------------
-- XML, SVG and FAIR outputs
-- ---------------------------------------------------------------------

-- ---------------------------------------------------------------------
-- Triggers, tracking and internal functions
-- ---------------------------------------------------------------------

-- ---------------------------------------------------------------------
-- Register, KPIs and shipped rows
-- ---------------------------------------------------------------------
