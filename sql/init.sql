\i sql/fixtures/begin.sql
-- The extension installs into its own schema and cannot be moved.
SELECT extname, extversion, extrelocatable, nspname
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname = 'isms';
\i sql/fixtures/end.sql
