\i sql/fixtures/begin.sql
-- Organizations as the tenant key: every primary and unique key of a table
-- with org_id, and of its history, begins with org_id; the foreign keys
-- between such tables go through (org_id, ...); ids stay unique across
-- organizations.  isms.distribute() needs Citus (test/citus/ runs it).
SET search_path = isms, public;
\set SHOW_CONTEXT never

-- the tables with org_id, and the keys of theirs that do not begin with it
-- (the audit log's: its entries of no organization have no org_id)
SELECT count(*) AS tables_with_org_id
  FROM pg_class c
 WHERE c.relnamespace = 'isms'::regnamespace AND c.relkind = 'r'
   AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id');
-- (and UNIQUE (id), <table>_id_key, where the key was id alone: counted)
SELECT i.indrelid::regclass AS table_name, i.indexrelid::regclass AS key,
	   pg_get_indexdef(i.indexrelid) AS definition
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
 WHERE c.relnamespace = 'isms'::regnamespace AND i.indisunique
   AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id')
   AND i.indkey[0] <> (SELECT a.attnum FROM pg_attribute a
						WHERE a.attrelid = c.oid AND a.attname = 'org_id')
   AND i.indexrelid::regclass::text <> c.relname || '_id_key'
 ORDER BY 1, 2;
SELECT count(*) AS unique_id_keys,
	   count(*) FILTER (WHERE pg_get_constraintdef(k.oid) = 'UNIQUE (id)') AS on_id_alone
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
 WHERE c.relnamespace = 'isms'::regnamespace AND k.conname = c.relname || '_id_key';
-- primary keys of the register and of the histories
SELECT count(*) FILTER (WHERE pg_get_constraintdef(k.oid) = 'PRIMARY KEY (org_id, id)') AS org_id_id,
	   count(*) FILTER (WHERE pg_get_constraintdef(k.oid) = 'PRIMARY KEY (org_id, id, history_id)') AS org_id_id_history,
	   count(*) FILTER (WHERE pg_get_constraintdef(k.oid) LIKE 'PRIMARY KEY (org_id, %') AS org_id_first,
	   count(*) AS primary_keys
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
 WHERE c.relnamespace = 'isms'::regnamespace AND k.contype = 'p'
   AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id');
SELECT pg_get_constraintdef(oid) FROM pg_constraint
 WHERE conrelid = 'isms.risk'::regclass AND contype IN ('p', 'u') ORDER BY conname;
-- foreign keys from one organization's table to another's that leave org_id out
SELECT k.conrelid::regclass, k.conname
  FROM pg_constraint k
 WHERE k.contype = 'f' AND k.connamespace = 'isms'::regnamespace
   AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = k.confrelid AND a.attname = 'org_id')
   AND NOT (SELECT a.attnum FROM pg_attribute a
			 WHERE a.attrelid = k.confrelid AND a.attname = 'org_id') = ANY (k.confkey);

INSERT INTO organization (id, name) VALUES (9901, 'Keys A'), (9902, 'Keys B');
SET isms.org_id = '9901';
INSERT INTO risk (id, ident, title) OVERRIDING SYSTEM VALUE VALUES (990100, 'K-1', 'first');
SET isms.org_id = '9902';
-- an id is unique across organizations; an ident within one
INSERT INTO risk (id, ident, title) OVERRIDING SYSTEM VALUE VALUES (990100, 'K-1', 'same id');
INSERT INTO risk (ident, title) VALUES ('K-1', 'same ident, other organization');
INSERT INTO risk (ident, title) VALUES ('K-1', 'same ident, same organization');
RESET isms.org_id;
-- the audit log's key of a row is its primary key
SELECT table_name, operation, row_key - 'id' AS row_key_without_id, row_key ? 'id' AS has_id
  FROM audit_log WHERE table_name = 'isms.risk' AND org_id IN (9901, 9902) ORDER BY id;
-- a unique key that names an organization's rows: one valid acceptance per risk
SELECT indexdef FROM pg_indexes WHERE indexname = 'risk_acceptance_one_valid';

-- isms.distribute() is for superusers on a Citus coordinator
SELECT has_function_privilege('isms_admin', 'isms.distribute()', 'EXECUTE') AS admin_may;
SELECT * FROM isms.distribute();
\i sql/fixtures/end.sql
