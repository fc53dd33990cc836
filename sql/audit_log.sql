\i sql/fixtures/begin.sql
-- The tamper-evident audit log: one entry for every change to a tracked
-- table, chained by SHA-256 (one chain per organization: audit_chains
-- tests them apart); isms.verify_audit_log() finds the first entry altered
-- or removed.  Entries of earlier tests are in the log too, so ids
-- are shown relative to the last one before this test.
SET search_path = isms, public;
\set SHOW_CONTEXT never

SELECT attname, format_type(atttypid, atttypmod) AS type, attnotnull
  FROM pg_attribute WHERE attrelid = 'isms.audit_log'::regclass AND attnum > 0
 ORDER BY attnum;
-- nobody but its owner and isms_auditor may read it; nobody may write it
SELECT a.privilege_type, CASE WHEN a.grantee = c.relowner THEN 'owner' ELSE a.grantee::regrole::text END AS grantee
  FROM pg_class c, aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
 WHERE c.oid = 'isms.audit_log'::regclass ORDER BY 1;

INSERT INTO organization (name) VALUES ('Audit Org');
SELECT id AS org FROM organization WHERE name = 'Audit Org' \gset
SET isms.org_id = :'org';
SELECT max(id) AS a0 FROM audit_log \gset

-- one entry per INSERT, UPDATE and DELETE: when, who, table, key (the
-- primary key: org_id and id), rows
BEGIN;
INSERT INTO risk (title, description, inherent_likelihood, inherent_impact, identified_on)
VALUES ('Data leak', 'laptops', 'likely', 'minor', '2025-01-01');
SELECT pg_current_xact_id()::text AS x1, now() AS t1 \gset
COMMIT;
SELECT id AS r FROM risk WHERE title = 'Data leak' \gset
UPDATE risk SET category = 'privacy', description = E'laptops\tand "phones"' WHERE id = :r;
DELETE FROM risk WHERE id = :r;
SELECT id - :a0 AS n, table_name, operation, row_key = jsonb_build_object('org_id', :org, 'id', :r) AS key_ok,
       changed_by = current_user AS by_me, session_user_name = session_user AS session_ok,
       old_row - '{id,org_id,created_at,updated_at}'::text[] AS old_row,
       new_row - '{id,org_id,created_at,updated_at}'::text[] AS new_row
  FROM audit_log WHERE id > :a0 ORDER BY id;
-- at is the start of the writing transaction, txid its id
SELECT at = :'t1' AS at_ok, txid = :x1 AS txid_ok FROM audit_log WHERE id = :a0 + 1;
SELECT count(DISTINCT txid) AS transactions, count(DISTINCT at) AS starts
  FROM audit_log WHERE id > :a0;
-- a row is to_jsonb(row) without its NULL columns
INSERT INTO risk (title, description, inherent_likelihood, inherent_impact, identified_on, next_review)
VALUES ('Outage', NULL, 'rare', 'severe', '2025-01-01', '2025-03-31');
SELECT a.new_row = (SELECT jsonb_object_agg(key, value) FROM jsonb_each(to_jsonb(r))
                     WHERE value <> 'null') AS as_to_jsonb,
       jsonb_populate_record(NULL::risk, a.new_row) IS NOT DISTINCT FROM r AS same_row
  FROM audit_log a JOIN risk r ON a.row_key = jsonb_build_object('org_id', r.org_id, 'id', r.id)
 WHERE a.id > :a0 AND r.title = 'Outage';
-- the jsonb of a row is written directly in jsonb's binary format: byte for
-- byte what PostgreSQL makes of the same text (equal sizes), also past 32
-- keys (where every 32nd entry holds an offset) and with numerics (padded)
INSERT INTO risk (ident, title, description, category, treatment, treatment_rationale,
	inherent_likelihood, inherent_impact, current_likelihood, current_impact,
	residual_likelihood, residual_impact, target_likelihood, target_impact, target_justification,
	identified_on, sle, aro, octave_probability, fair_lef_min, fair_lef_likely, fair_lef_max,
	fair_lm_min, fair_lm_likely, fair_lm_max, transfer_counterparty, transfer_reference)
VALUES ('R-W', 'Wide', 'every column "quoted" \ and tabbed	', 'cyber', 'mitigate', 'cheapest',
	'likely', 'severe', 'likely', 'major', 'possible', 'major', 'rare', 'major', 'board decision',
	'2025-01-01', 12345.67, 0.0001, 2, 0, 0.5, 12.25, 1000, 25000.5, 99999999999999.99,
	'Insurer', 'Policy 1');
SELECT (SELECT count(*) FROM jsonb_object_keys(a.new_row)) AS keys,
       a.new_row = a.new_row::text::jsonb AS same_value,
       pg_column_size(a.new_row) = pg_column_size(a.new_row::text::jsonb) AS same_size,
       a.new_row ->> 'fair_lm_max' AS lm_max, a.new_row -> 'aro' AS aro, a.new_row ->> 'updated_at' = to_jsonb(r.updated_at) #>> '{}' AS last_key,
       jsonb_populate_record(NULL::risk, a.new_row) IS NOT DISTINCT FROM r AS same_row
  FROM audit_log a JOIN risk r ON a.row_key = jsonb_build_object('org_id', r.org_id, 'id', r.id)
 WHERE a.id > :a0 AND r.ident = 'R-W';

-- the chains (one per organization, org_id): the first entry of each
-- follows 32 zero bytes, each the one before in its chain, ids are unique,
-- and every hash is the documented formula in plain SQL
SELECT bool_and(prev_hash = decode(repeat('00', 32), 'hex')) AS genesis
  FROM (SELECT DISTINCT ON (org_id) prev_hash FROM audit_log ORDER BY org_id, id) f;
SELECT count(*) AS broken_links
  FROM (SELECT prev_hash, lag(hash) OVER (PARTITION BY org_id ORDER BY id) AS before
		  FROM audit_log) c
 WHERE c.prev_hash <> c.before;
SELECT count(DISTINCT id) = count(*) AS unique_ids FROM audit_log;
SELECT bool_and(hash = sha256(prev_hash || convert_to(jsonb_build_array(
         id, (extract(epoch FROM at) * 1000000)::bigint, txid, changed_by, session_user_name,
         table_name, operation, row_key, old_row, new_row)::text, 'UTF8'))) AS formula
  FROM audit_log;
SELECT ok, entries = (SELECT count(*) FROM audit_log) AS all_entries, first_broken
  FROM verify_audit_log();
SELECT h.id = (SELECT max(id) FROM audit_log) AS last, h.hash = l.hash AS same_hash
  FROM audit_log_head() h JOIN audit_log l ON l.id = h.id;

-- entries are appended when the transaction commits, in one chain
SELECT max(id) AS a1 FROM audit_log \gset
BEGIN;
UPDATE risk SET description = 'waiting' WHERE title = 'Outage';
SELECT count(*) AS before_commit FROM audit_log WHERE id > :a1;
COMMIT;
SELECT count(*) AS after_commit FROM audit_log WHERE id > :a1;
-- a rolled-back transaction leaves no entry and no gap
BEGIN;
UPDATE risk SET description = 'never' WHERE title = 'Outage';
ROLLBACK;
UPDATE risk SET description = 'a' WHERE title = 'Outage';
SELECT id - :a1 AS n, new_row->>'description' AS description FROM audit_log WHERE id > :a1 ORDER BY id;

-- entries made in a rolled-back subtransaction are dropped, with those of
-- its children; those of released and surviving ones stay
SELECT max(id) AS a2 FROM audit_log \gset
BEGIN;
UPDATE risk SET description = 'b' WHERE title = 'Outage';
SAVEPOINT s1;
UPDATE risk SET description = 'c' WHERE title = 'Outage';
SAVEPOINT s2;
UPDATE risk SET description = 'd' WHERE title = 'Outage';
RELEASE SAVEPOINT s2;
ROLLBACK TO SAVEPOINT s1;
UPDATE risk SET description = 'e' WHERE title = 'Outage';
SAVEPOINT s3;
UPDATE risk SET description = 'f' WHERE title = 'Outage';
RELEASE SAVEPOINT s3;
SAVEPOINT s4;
UPDATE risk SET description = 'g' WHERE title = 'Outage';
ROLLBACK TO SAVEPOINT s4;
COMMIT;
DO $$
BEGIN
	UPDATE isms.risk SET description = 'h' WHERE title = 'Outage';
	BEGIN
		UPDATE isms.risk SET description = 'i' WHERE title = 'Outage';
		RAISE EXCEPTION 'undo i';
	EXCEPTION WHEN raise_exception THEN
		NULL;
	END;
	UPDATE isms.risk SET description = 'j' WHERE title = 'Outage';
END
$$;
SELECT id - :a2 AS n, old_row->>'description' AS was, new_row->>'description' AS became
  FROM audit_log WHERE id > :a2 ORDER BY id;

-- COPY and TRUNCATE are changes like any other
SELECT max(id) AS a3 FROM audit_log \gset
CREATE TABLE public.evidence (id int PRIMARY KEY, note text);
SELECT isms.track('public.evidence');
COPY public.evidence FROM stdin;
1	badge log
2	firewall export
\.
TRUNCATE public.evidence;
SELECT id - :a3 AS n, table_name, operation, row_key, old_row, new_row
  FROM audit_log WHERE id > :a3 ORDER BY id;
-- a big row and every character that JSON escapes
INSERT INTO public.evidence
VALUES (3, repeat('x', 100000) || E'\u00e9\u20ac \\ " \b\f\n\r\t \u0001 \u001f');
SELECT length(new_row->>'note') AS note_length FROM audit_log
 WHERE table_name = 'public.evidence' AND operation = 'INSERT' AND row_key = '{"id": 3}';

-- current_user and session_user are both recorded
CREATE ROLE regress_isms_auditor;
GRANT USAGE ON SCHEMA isms TO regress_isms_auditor;
GRANT INSERT ON public.evidence TO regress_isms_auditor;
-- (1.1: the function is isms_auditor's; granted here, it still checks the table)
GRANT EXECUTE ON FUNCTION isms.verify_audit_log() TO regress_isms_auditor;
SET ROLE regress_isms_auditor;
INSERT INTO public.evidence VALUES (4, 'by the auditor');
-- who may change a tracked table needs no privilege on the log, nor gets one
SELECT count(*) FROM isms.audit_log;
SELECT * FROM isms.verify_audit_log();
RESET ROLE;
SELECT changed_by, session_user_name = session_user AS session_ok
  FROM audit_log WHERE row_key = '{"id": 4}' AND table_name = 'public.evidence';

-- the log must keep the columns the trigger writes: a renamed column stops
-- every commit that has entries to append
BEGIN;
ALTER TABLE audit_log RENAME COLUMN changed_by TO who;
INSERT INTO public.evidence VALUES (5, 'never logged');
COMMIT;
SELECT count(*) FROM public.evidence WHERE id = 5;

-- append-only, also for the superuser running this test
INSERT INTO audit_log SELECT * FROM audit_log WHERE id = 1;
UPDATE audit_log SET changed_by = 'nobody' WHERE id = 1;
DELETE FROM audit_log WHERE id = 1;
TRUNCATE audit_log;
COPY audit_log FROM stdin;
\.

-- Tampering, with the guard disabled: verify_audit_log() names the first
-- entry altered, or the one after an entry removed
SELECT ok FROM verify_audit_log();
SELECT max(id) AS last FROM audit_log \gset
SELECT id AS victim FROM audit_log WHERE id > :a2 ORDER BY id LIMIT 1 OFFSET 2 \gset
CREATE TEMP TABLE saved AS SELECT * FROM audit_log WHERE id >= :victim;
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
-- a changed row
UPDATE audit_log SET new_row = jsonb_set(new_row, '{description}', '"nothing happened"')
 WHERE id = :victim;
SELECT ok, entries = :last AS all_entries, first_broken - :victim AS broken_at FROM verify_audit_log();
UPDATE audit_log a SET new_row = s.new_row FROM saved s WHERE a.id = s.id AND a.id = :victim;
SELECT ok, first_broken FROM verify_audit_log();
-- a changed time, user, operation, key, hash, link
UPDATE audit_log SET at = at - interval '1 day' WHERE id = :victim;
SELECT ok, first_broken - :victim AS broken_at FROM verify_audit_log();
UPDATE audit_log a SET at = s.at FROM saved s WHERE a.id = s.id AND a.id = :victim;
UPDATE audit_log SET changed_by = 'someone_else' WHERE id = :victim;
SELECT ok, first_broken - :victim AS broken_at FROM verify_audit_log();
UPDATE audit_log a SET changed_by = s.changed_by FROM saved s WHERE a.id = s.id AND a.id = :victim;
UPDATE audit_log SET operation = 'INSERT' WHERE id = :victim;
SELECT ok, first_broken - :victim AS broken_at FROM verify_audit_log();
UPDATE audit_log a SET operation = s.operation FROM saved s WHERE a.id = s.id AND a.id = :victim;
UPDATE audit_log SET row_key = '{"id": 0}' WHERE id = :victim;
SELECT ok, first_broken - :victim AS broken_at FROM verify_audit_log();
UPDATE audit_log a SET row_key = s.row_key FROM saved s WHERE a.id = s.id AND a.id = :victim;
UPDATE audit_log SET hash = sha256('forged') WHERE id = :victim;
SELECT ok, first_broken - :victim AS broken_at FROM verify_audit_log();
UPDATE audit_log a SET hash = s.hash FROM saved s WHERE a.id = s.id AND a.id = :victim;
UPDATE audit_log SET prev_hash = sha256('forged') WHERE id = :victim;
SELECT ok, first_broken - :victim AS broken_at FROM verify_audit_log();
UPDATE audit_log a SET prev_hash = s.prev_hash FROM saved s WHERE a.id = s.id AND a.id = :victim;
SELECT ok, first_broken FROM verify_audit_log();
-- a removed entry shows at the next one
DELETE FROM audit_log WHERE id = :victim;
SELECT ok, entries = :last - 1 AS one_less, first_broken - :victim AS broken_at FROM verify_audit_log();
INSERT INTO audit_log SELECT * FROM saved WHERE id = :victim;
SELECT ok, first_broken FROM verify_audit_log();
-- the first entry removed
CREATE TEMP TABLE saved_first AS SELECT * FROM audit_log WHERE id = 1;
DELETE FROM audit_log WHERE id = 1;
SELECT ok, first_broken FROM verify_audit_log();
INSERT INTO audit_log SELECT * FROM saved_first;
-- entries removed from the end leave a shorter chain that verifies: only an
-- anchor recorded earlier (isms.audit_log_head()) finds them
SELECT hash AS last_hash FROM audit_log WHERE id = :last \gset
DELETE FROM audit_log WHERE id > :last - 2;
SELECT ok, entries = :last - 2 AS two_less, first_broken FROM verify_audit_log();
SELECT ok, first_broken - :last AS broken_at FROM verify_audit_log(:last, :'last_hash');
INSERT INTO audit_log SELECT * FROM saved WHERE id > :last - 2;
SELECT ok, first_broken FROM verify_audit_log(:last, :'last_hash');
-- an entry changed and its chain recomputed from it on: consistent, so
-- only an anchor of that chain (its last entry) finds it
SELECT h.id AS vlast, h.hash AS vlast_hash
  FROM audit_log v, audit_log_head(v.org_id) h WHERE v.id = :victim \gset
UPDATE audit_log SET new_row = jsonb_set(new_row, '{description}', '"nothing happened"')
 WHERE id = :victim;
SET regress.victim = :'victim';
DO $$
DECLARE
	v isms.audit_log;
	e record;
	prev bytea;
BEGIN
	SELECT * INTO v FROM isms.audit_log WHERE id = current_setting('regress.victim')::bigint;
	SELECT hash INTO prev FROM isms.audit_log
	 WHERE org_id IS NOT DISTINCT FROM v.org_id AND id < v.id ORDER BY id DESC LIMIT 1;
	FOR e IN SELECT * FROM isms.audit_log
			  WHERE org_id IS NOT DISTINCT FROM v.org_id AND id >= v.id ORDER BY id LOOP
		UPDATE isms.audit_log
		   SET prev_hash = prev,
			   hash = sha256(prev || convert_to(jsonb_build_array(
					e.id, (extract(epoch FROM e.at) * 1000000)::bigint, e.txid, e.changed_by,
					e.session_user_name, e.table_name, e.operation, e.row_key, e.old_row,
					e.new_row)::text, 'UTF8'))
		 WHERE id = e.id
		RETURNING hash INTO prev;
	END LOOP;
END
$$;
RESET regress.victim;
SELECT ok, first_broken FROM verify_audit_log();
SELECT ok, first_broken - :vlast AS broken_at FROM verify_audit_log(:vlast, :'vlast_hash');
DELETE FROM audit_log WHERE id >= :victim;
INSERT INTO audit_log SELECT * FROM saved;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
SELECT ok, entries = :last AS all_entries, first_broken FROM verify_audit_log(:last, :'last_hash');
SELECT * FROM verify_audit_log(NULL, NULL);

DROP TABLE public.evidence, public.evidence_history;
DROP OWNED BY regress_isms_auditor;
DROP ROLE regress_isms_auditor;
RESET isms.org_id;
\i sql/fixtures/end.sql
