\i sql/fixtures/begin.sql
-- The helpers of the register_* tests (sql/fixtures/register.sql) load.
\i sql/fixtures/register.sql
\i sql/fixtures/end.sql
