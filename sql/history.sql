\i sql/fixtures/begin.sql
-- History and time travel: isms.track(), the history tables, isms.as_of()
-- and isms.risk_register_as_of().  Times are captured between transactions
-- with \gset, so that every result below is exact.
SET search_path = isms, public;
\set SHOW_CONTEXT never

-- the register tables the extension tracks, each with its history table
SELECT c.relname AS tracked, isms.history_table(c.oid) AS history
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
 WHERE t.tgname = 'isms_track' AND c.relnamespace = 'isms'::regnamespace
 ORDER BY 1;
-- a history table: the four history columns, then the table's own
SELECT attname, format_type(atttypid, atttypmod) AS type, attnotnull
  FROM pg_attribute WHERE attrelid = 'isms.risk_history'::regclass AND attnum > 0
 ORDER BY attnum;
SELECT pg_get_constraintdef(oid) FROM pg_constraint
 WHERE conrelid = 'isms.risk_history'::regclass ORDER BY contype, conname;

INSERT INTO organization (name) VALUES ('History Org');
SELECT id AS org FROM organization WHERE name = 'History Org' \gset
SET isms.org_id = :'org';
SELECT last_value AS h0 FROM history_id_seq \gset
SELECT now() AS t0 \gset

-- one version per change, valid from the start of the writing transaction
INSERT INTO risk (title, inherent_likelihood, inherent_impact) VALUES ('phishing', 'likely', 'major');
SELECT id AS r1 FROM risk WHERE title = 'phishing' \gset
INSERT INTO risk (title, inherent_likelihood, inherent_impact) VALUES ('ransomware', 'possible', 'severe');
SELECT id AS r2 FROM risk WHERE title = 'ransomware' \gset
SELECT now() AS t1 \gset
UPDATE risk SET category = 'social', description = 'mail gateway' WHERE id = :r1;
SELECT now() AS t2 \gset
DELETE FROM risk WHERE id = :r2;
SELECT now() AS t3 \gset

SELECT history_id - :h0 AS n, operation, changed_by = current_user AS by_me,
       valid_from > :'t0' AND valid_from < :'t3' AS in_range,
       id = :r1 AS is_r1, title, category, description, inherent_likelihood, inherent_impact
  FROM risk_history WHERE id IN (:r1, :r2) ORDER BY history_id;
-- the two inserts were separate transactions, the update a third one
SELECT count(DISTINCT valid_from) FROM risk_history WHERE id IN (:r1, :r2);

-- the register as it was: typed rows of isms.risk, with their values of then
SELECT id = :r1 AS is_r1, title, category, description FROM risk_register_as_of(:'t0') WHERE org_id = :org ORDER BY id;
SELECT id = :r1 AS is_r1, title, category, description FROM risk_register_as_of(:'t1') WHERE org_id = :org ORDER BY id;
SELECT id = :r1 AS is_r1, title, category, description FROM risk_register_as_of(:'t2') WHERE org_id = :org ORDER BY id;
SELECT id = :r1 AS is_r1, title, category, description FROM risk_register_as_of(:'t3') WHERE org_id = :org ORDER BY id;
SELECT pg_typeof(r) FROM risk_register_as_of(:'t1') r LIMIT 1;
-- every column, exactly: a past row equals the row as it was then
CREATE TEMP TABLE risk_then AS SELECT * FROM risk WHERE id = :r1;
UPDATE risk SET description = 'replaced later' WHERE id = :r1;
SELECT (SELECT r FROM risk_register_as_of(now()) r WHERE id = :r1)
         IS NOT DISTINCT FROM (SELECT t FROM risk t WHERE id = :r1) AS now_equal,
       (SELECT r FROM risk_register_as_of(:'t3') r WHERE id = :r1)
         IS NOT DISTINCT FROM (SELECT t FROM risk_then t) AS then_equal,
       (SELECT r FROM risk_register_as_of(:'t3') r WHERE id = :r1)
         IS NOT DISTINCT FROM (SELECT t FROM risk t WHERE id = :r1) AS then_is_not_now;
SELECT now() AS t4 \gset

-- two changes in one transaction: both kept, both valid from its start;
-- the past shows only the last (the first was never committed on its own)
BEGIN;
UPDATE risk SET category = 'first' WHERE id = :r1;
UPDATE risk SET category = 'second' WHERE id = :r1;
COMMIT;
SELECT operation, category FROM risk_history WHERE id = :r1 AND valid_from > :'t4' ORDER BY history_id;
SELECT count(DISTINCT valid_from) FROM risk_history WHERE id = :r1 AND valid_from > :'t4';
SELECT category FROM risk_register_as_of(now()) WHERE id = :r1;
SELECT category FROM risk_register_as_of(:'t4') WHERE id = :r1;

-- a rolled-back change leaves no version; a rolled-back savepoint neither
BEGIN;
UPDATE risk SET category = 'rolled back' WHERE id = :r1;
ROLLBACK;
BEGIN;
SAVEPOINT s;
UPDATE risk SET category = 'rolled back to savepoint' WHERE id = :r1;
ROLLBACK TO SAVEPOINT s;
UPDATE risk SET category = 'third' WHERE id = :r1;
COMMIT;
SELECT category FROM risk_history WHERE id = :r1 AND valid_from > :'t4' ORDER BY history_id;

-- the present is the table itself
SELECT count(*) AS differences FROM (
  (SELECT * FROM risk_register_as_of(now()) EXCEPT ALL SELECT * FROM risk)
  UNION ALL
  (SELECT * FROM risk EXCEPT ALL SELECT * FROM risk_register_as_of(now()))) d;

-- a new primary key ends the old key's history and starts the new one's
SELECT now() AS t5 \gset
UPDATE risk SET id = id + 1000 WHERE id = :r1;
SELECT id - :r1 AS key_offset, operation FROM risk_history
 WHERE id IN (:r1, :r1 + 1000) AND valid_from > :'t5' ORDER BY history_id;
SELECT id - :r1 AS key_offset, category FROM risk_register_as_of(now()) WHERE id IN (:r1, :r1 + 1000);
SELECT id - :r1 AS key_offset, category FROM risk_register_as_of(:'t5') WHERE id IN (:r1, :r1 + 1000);

-- the history table is append-only, for every role
INSERT INTO risk_history SELECT * FROM risk_history LIMIT 1;
UPDATE risk_history SET title = 'forged';
DELETE FROM risk_history;
TRUNCATE risk_history;

-- any table with a primary key can be tracked; rows already there become
-- versions of operation TRACK
CREATE TABLE public.supplier (code text PRIMARY KEY, name text NOT NULL, rating numeric(3,1));
INSERT INTO public.supplier VALUES ('acme', 'ACME Ltd', 7.5);
SELECT isms.track('public.supplier');
SELECT operation, code, name, rating FROM public.supplier_history;
SELECT now() AS t7 \gset
UPDATE public.supplier SET rating = 8.0;
SELECT code, name, rating FROM isms.as_of(NULL::public.supplier, :'t7');
SELECT code, name, rating FROM isms.as_of(NULL::public.supplier, now());
SELECT code FROM isms.as_of(NULL::public.supplier, NULL);

-- TRUNCATE records every row it removes as deleted
INSERT INTO public.supplier VALUES ('bolt', 'Bolt Inc', 6.0), ('core', 'Core SA', NULL);
SELECT now() AS t8 \gset
TRUNCATE public.supplier;
SELECT operation, code FROM public.supplier_history WHERE valid_from > :'t8' ORDER BY code;
SELECT count(*) FROM isms.as_of(NULL::public.supplier, now());
SELECT code, rating FROM isms.as_of(NULL::public.supplier, :'t8');
INSERT INTO public.supplier VALUES ('acme', 'ACME Ltd', 8.0);

-- a column added to the table: writes stop until isms.track() adds it to
-- the history table too
ALTER TABLE public.supplier ADD COLUMN country text;
UPDATE public.supplier SET country = 'CH';
SELECT isms.track('public.supplier');
UPDATE public.supplier SET country = 'CH';
SELECT operation, code, rating, country FROM public.supplier_history ORDER BY history_id;
SELECT code, rating, country FROM isms.as_of(NULL::public.supplier, :'t7');
-- a dropped column stays in the history, NULL in new versions
ALTER TABLE public.supplier DROP COLUMN rating;
UPDATE public.supplier SET name = 'ACME AG';
SELECT operation, name, rating, country FROM public.supplier_history ORDER BY history_id;
SELECT * FROM isms.as_of(NULL::public.supplier, now());
-- a column whose type changed cannot be matched
ALTER TABLE public.supplier ALTER COLUMN country TYPE varchar(2);
UPDATE public.supplier SET name = 'ACME';
ALTER TABLE public.supplier ALTER COLUMN country TYPE text;

-- a change made with the tracking trigger disabled leaves no version: the
-- table and its present in the history then differ
ALTER TABLE public.supplier DISABLE TRIGGER isms_track;
UPDATE public.supplier SET name = 'behind the back';
ALTER TABLE public.supplier ENABLE TRIGGER isms_track;
SELECT * FROM public.supplier EXCEPT SELECT * FROM isms.as_of(NULL::public.supplier, now());

-- indexes a DBA adds to a history table are maintained, with expressions
-- and predicates; amcheck finds every version in every index
CREATE INDEX supplier_history_lower_name ON public.supplier_history (lower(name));
CREATE INDEX supplier_history_deletes ON public.supplier_history (code) WHERE operation = 'DELETE';
INSERT INTO public.supplier VALUES ('dyne', 'Dyne Corp', 'FR');
DELETE FROM public.supplier WHERE code = 'dyne';
CREATE EXTENSION amcheck;
SELECT c.relname, bt_index_check(i.indexrelid, true)
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
 WHERE i.indrelid IN ('public.supplier_history'::regclass, 'isms.risk_history'::regclass,
                      'isms.audit_log'::regclass)
 ORDER BY 1;
DROP EXTENSION amcheck;
SET enable_seqscan = off;
SELECT code, operation FROM public.supplier_history WHERE lower(name) = 'dyne corp' ORDER BY history_id;
SELECT code FROM public.supplier_history WHERE operation = 'DELETE' AND code = 'dyne';
RESET enable_seqscan;
-- exclusion constraints and deferrable unique constraints need the
-- executor's rechecks: refused
ALTER TABLE public.supplier_history ADD CONSTRAINT one_version_a_day
  EXCLUDE USING btree (valid_from WITH =) WHERE (code = 'none');
UPDATE public.supplier SET name = 'ACME';
ALTER TABLE public.supplier_history DROP CONSTRAINT one_version_a_day;
ALTER TABLE public.supplier_history ADD CONSTRAINT later UNIQUE (history_id) DEFERRABLE;
UPDATE public.supplier SET name = 'ACME';
ALTER TABLE public.supplier_history DROP CONSTRAINT later;
-- a history table whose own columns or key were altered
ALTER TABLE public.supplier_history ALTER COLUMN changed_by TYPE varchar;
UPDATE public.supplier SET name = 'ACME';
ALTER TABLE public.supplier_history ALTER COLUMN changed_by TYPE text;
ALTER TABLE public.supplier_history DROP CONSTRAINT supplier_history_pkey;
ALTER TABLE public.supplier_history ADD PRIMARY KEY (history_id);
UPDATE public.supplier SET name = 'ACME';
ALTER TABLE public.supplier_history DROP CONSTRAINT supplier_history_pkey;
ALTER TABLE public.supplier_history ADD PRIMARY KEY (code, history_id);

-- untrack: no more versions; the history stays
SELECT isms.untrack('public.supplier');
UPDATE public.supplier SET name = 'ACME GmbH';
SELECT count(*) FROM public.supplier_history;
SELECT isms.untrack('public.supplier');
SELECT code FROM isms.as_of(NULL::public.supplier, now());
-- tracking again keeps the existing history table
SELECT isms.track('public.supplier');
UPDATE public.supplier SET name = 'ACME SA';
SELECT operation, name FROM public.supplier_history ORDER BY history_id DESC LIMIT 1;

-- without history: audit entries only
CREATE TABLE public.audit_only (id int PRIMARY KEY, v text);
SELECT isms.track('public.audit_only', history => false);
INSERT INTO public.audit_only VALUES (1, 'a');
SELECT isms.history_table('public.audit_only');
SELECT * FROM isms.as_of(NULL::public.audit_only, now());

-- what cannot be tracked
CREATE TABLE public.no_key (v text);
SELECT isms.track('public.no_key');
CREATE TABLE public.clash (id int PRIMARY KEY, valid_from date);
SELECT isms.track('public.clash');
CREATE VIEW public.a_view AS SELECT 1 AS id;
SELECT isms.track('public.a_view');
CREATE TABLE public.parted (id int PRIMARY KEY) PARTITION BY RANGE (id);
SELECT isms.track('public.parted');
CREATE TABLE public.a_table_whose_name_is_far_too_long_for_a_history_table_x (id int PRIMARY KEY);
SELECT isms.track('public.a_table_whose_name_is_far_too_long_for_a_history_table_x');
DROP TABLE public.a_table_whose_name_is_far_too_long_for_a_history_table_x;
CREATE UNLOGGED TABLE public.fleeting (id int PRIMARY KEY);
SELECT isms.track('public.fleeting');
CREATE TEMP TABLE passing (id int PRIMARY KEY);
SELECT isms.track('passing');
CREATE TABLE public.taken (id int PRIMARY KEY);
CREATE TABLE public.taken_history (x int);
SELECT isms.track('public.taken');
SELECT * FROM isms.as_of(NULL::public.no_key, now());
SELECT * FROM isms.as_of(1, now());
-- the primary key dropped after tracking
CREATE TABLE public.key_dropped (id int CONSTRAINT key_dropped_pkey PRIMARY KEY, v text);
SELECT isms.track('public.key_dropped');
ALTER TABLE public.key_dropped DROP CONSTRAINT key_dropped_pkey;
INSERT INTO public.key_dropped VALUES (1, 'x');
-- the history table dropped after tracking
CREATE TABLE public.hist_dropped (id int PRIMARY KEY);
SELECT isms.track('public.hist_dropped');
DROP TABLE public.hist_dropped_history;
INSERT INTO public.hist_dropped VALUES (1);

-- privileges: a role that may change a tracked table needs no privilege on
-- its history; a trigger of its own cannot write someone else's history
CREATE ROLE regress_isms_clerk;
CREATE SCHEMA regress_clerk AUTHORIZATION regress_isms_clerk;
GRANT USAGE ON SCHEMA isms TO regress_isms_clerk;
GRANT SELECT, INSERT, UPDATE ON public.supplier TO regress_isms_clerk;
SET ROLE regress_isms_clerk;
UPDATE public.supplier SET name = 'ACME by clerk';
SELECT count(*) FROM public.supplier_history;
CREATE TABLE regress_clerk.fake (id bigint PRIMARY KEY, title text);
CREATE TRIGGER forge AFTER INSERT ON regress_clerk.fake FOR EACH ROW
  EXECUTE FUNCTION isms.track_changes('isms.risk_history');
INSERT INTO regress_clerk.fake VALUES (1, 'forged');
RESET ROLE;
SELECT operation, name, changed_by FROM public.supplier_history ORDER BY history_id DESC LIMIT 1;
SELECT count(*) FROM isms.risk_history WHERE title = 'forged';
-- the function is a trigger, nothing else
SELECT isms.track_changes();

DROP TABLE public.supplier, public.supplier_history, public.audit_only,
  public.no_key, public.clash, public.parted, public.fleeting, public.taken, public.taken_history,
  public.key_dropped, public.key_dropped_history, public.hist_dropped;
DROP VIEW public.a_view;
DROP SCHEMA regress_clerk CASCADE;
DROP OWNED BY regress_isms_clerk;
DROP ROLE regress_isms_clerk;
RESET isms.org_id;
\i sql/fixtures/end.sql
