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

-- ---------------------------------------------------------------------
-- XML, SVG and FAIR outputs
-- ---------------------------------------------------------------------

-- ---------------------------------------------------------------------
-- Triggers, tracking and internal functions
-- ---------------------------------------------------------------------

-- ---------------------------------------------------------------------
-- Register, KPIs and shipped rows
-- ---------------------------------------------------------------------
