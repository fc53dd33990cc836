\i sql/fixtures/begin.sql
-- The extension script's security: pinned search_path, no SECURITY DEFINER,
-- and objects that resolve correctly under a hostile search_path.
SET search_path = isms, public;

-- no function of the extension is SECURITY DEFINER
SELECT count(*) AS security_definer
  FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'isms'
 WHERE p.prosecdef;

-- SQL and PL/pgSQL functions of the extension pin their search_path
SELECT p.proname
  FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'isms'
  JOIN pg_language l ON l.oid = p.prolang
 WHERE l.lanname IN ('sql', 'plpgsql')
   AND NOT coalesce(p.proconfig @> ARRAY['search_path=isms, pg_temp'], false)
   AND NOT p.prosrc ~ '^\s*BEGIN ATOMIC'
 ORDER BY 1;

-- every C function of the extension is PARALLEL SAFE or says why not:
-- the XML imports (import_oscal_catalog, import_nessus, import_openvas)
-- write to the register, risk_matrix_in_use reads with the latest
-- snapshot (which a parallel operation cannot take), and
-- scheduled_checks_lock takes a lock, so they are PARALLEL UNSAFE;
-- current_org() is PARALLEL RESTRICTED, so that a view read for the
-- current organization is not split among workers that take longer to
-- start than the leader takes to read one organization's rows
SELECT p.proname, p.proparallel
  FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'isms'
  JOIN pg_language l ON l.oid = p.prolang
 WHERE l.lanname = 'c' AND p.proparallel <> 's' AND p.prokind = 'f'
   AND p.prorettype <> 'trigger'::regtype
 ORDER BY 1;

-- a hostile search_path: objects in a schema that comes first do not capture
-- the extension's operators, casts or functions
CREATE SCHEMA hostile;
CREATE FUNCTION hostile.current_org() RETURNS bigint LANGUAGE sql AS 'SELECT -1::bigint';
CREATE FUNCTION hostile.lower(text) RETURNS text LANGUAGE sql AS 'SELECT ''owned''';
SET search_path = hostile, isms, public, pg_catalog;
SELECT 'likely'::isms.likelihood < 'almost_certain'::isms.likelihood AS lt,
       isms.risk_score('likely', 'major') AS score;
-- column defaults call the extension's current_org(), not the hostile one
INSERT INTO isms.organization (name) VALUES ('Security Test Org') RETURNING id AS sec_org \gset
SELECT set_config('isms.org_id', :'sec_org', false) IS NOT NULL AS org_set;
INSERT INTO isms.asset (name) VALUES ('file server') RETURNING org_id = :sec_org AS org_from_extension;
DELETE FROM isms.asset WHERE name = 'file server';
DELETE FROM isms.organization WHERE name = 'Security Test Org';
RESET isms.org_id;
RESET search_path;
DROP SCHEMA hostile CASCADE;

-- every function, aggregate, table and view of the extension is documented
SELECT p.oid::regprocedure AS undocumented_function
  FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'isms'
 WHERE obj_description(p.oid, 'pg_proc') IS NULL ORDER BY 1;
SELECT c.oid::regclass AS undocumented_relation
  FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'isms'
 WHERE c.relkind IN ('r', 'v') AND obj_description(c.oid, 'pg_class') IS NULL ORDER BY 1;
\i sql/fixtures/end.sql
