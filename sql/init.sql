-- The extension installs into its own schema and cannot be moved.
CREATE EXTENSION isms;
SELECT extname, extversion, extrelocatable, nspname
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname = 'isms';
