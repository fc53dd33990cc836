\i sql/fixtures/begin.sql
-- The audit log is one hash chain per organization (audit_log.org_id: the
-- changed row's org_id, an organization's own id, NULL for the tables
-- without org_id), each with its own lock; verify_audit_log(org) checks one
-- chain, verify_audit_log() every chain the caller may see; anchors per
-- chain.  The event outbox, isms.event.  Ids are shown relative to the
-- organizations' first entries.
SET search_path = isms, public;
\set SHOW_CONTEXT never

INSERT INTO organization (id, name) VALUES (9801, 'Chain A'), (9802, 'Chain B');
SET isms.org_id = '9801';
INSERT INTO risk (ident, title) SELECT 'A-' || g, 'risk A' || g FROM generate_series(1, 3) g;
SET isms.org_id = '9802';
INSERT INTO risk (ident, title) VALUES ('B-1', 'risk B1'), ('B-2', 'risk B2');
DELETE FROM risk WHERE ident = 'B-2';
RESET isms.org_id;
INSERT INTO threat (ident, name, category, origins) VALUES ('T-CHAIN', 'shared', 'human', '{deliberate}');
SELECT min(id) AS a0 FROM audit_log WHERE org_id IN (9801, 9802) \gset

-- each entry is in the chain of its row's organization (an organization's
-- own row in its chain; a DELETE in the old row's), the shared catalog's in
-- the chain of no organization
SELECT org_id, table_name, operation, coalesce(new_row, old_row)->>'ident' AS ident
  FROM audit_log WHERE id >= :a0 ORDER BY id;
-- each chain starts from 32 zero bytes and links each entry to the one
-- before it in the chain; ids are unique and increase along each chain
SELECT org_id, count(*) AS entries,
	   bool_and(CASE WHEN before IS NULL THEN prev_hash = decode(repeat('00', 32), 'hex')
					 ELSE prev_hash = before END) AS linked
  FROM (SELECT org_id, prev_hash, lag(hash) OVER (PARTITION BY org_id ORDER BY id) AS before
		  FROM audit_log WHERE org_id IN (9801, 9802)) c
 GROUP BY org_id ORDER BY org_id;
SELECT count(DISTINCT id) = count(*) AS unique_ids FROM audit_log;

-- one chain, or all of them
SELECT * FROM verify_audit_log(9801);
SELECT * FROM verify_audit_log(9802);
SELECT ok, entries = (SELECT count(*) FROM audit_log WHERE org_id IS NULL) AS all_entries, first_broken
  FROM verify_audit_log(NULL);
SELECT ok, entries = (SELECT count(*) FROM audit_log) AS all_entries, first_broken
  FROM verify_audit_log();
-- an organization without entries has an empty chain
SELECT * FROM verify_audit_log(-1);
SELECT * FROM audit_log_head(-1);
-- a chain's walk reads that chain's entries only (the tuples fetched
-- through the (org_id, id) index, counted within one transaction)
BEGIN;
SELECT pg_stat_get_xact_tuples_fetched('isms.audit_log_org_id_id_idx'::regclass) AS f0 \gset
SELECT entries FROM verify_audit_log(9802);
SELECT pg_stat_get_xact_tuples_fetched('isms.audit_log_org_id_id_idx'::regclass) - :f0 AS fetched;
COMMIT;

-- Anchors per chain: the head of a chain, verified later
SELECT h.id - :a0 AS head, h.hash = l.hash AS same_hash, h.at = l.at AS same_at
  FROM audit_log_head(9801) h JOIN audit_log l ON l.id = h.id;
SELECT id AS a_head, hash AS a_hash FROM audit_log_head(9801) \gset
SELECT id AS b_head, hash AS b_hash FROM audit_log_head(9802) \gset
SELECT * FROM verify_audit_log(9801, :a_head, :'a_hash');
-- another chain's anchor is not in this chain
SELECT ok, first_broken = :b_head AS at_anchor FROM verify_audit_log(9801, :b_head, :'b_hash');
SELECT * FROM verify_audit_log(9801, NULL, NULL);
-- the calls of 1.0: every chain, and the anchor wherever it is
SELECT ok, first_broken FROM verify_audit_log(:a_head, :'a_hash');
SELECT ok, first_broken FROM verify_audit_log(:b_head, :'b_hash');
SELECT h.id = (SELECT max(id) FROM audit_log) AS last FROM audit_log_head() h;

-- Tampering with one organization's entry breaks its chain only
CREATE TEMP TABLE saved AS SELECT * FROM audit_log WHERE org_id = 9801;
SELECT id AS victim FROM audit_log WHERE org_id = 9801 ORDER BY id LIMIT 1 OFFSET 1 \gset
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
UPDATE audit_log SET new_row = jsonb_set(new_row, '{title}', '"nothing"') WHERE id = :victim;
SELECT ok, first_broken = :victim AS at_victim FROM verify_audit_log(9801);
SELECT ok, first_broken FROM verify_audit_log(9802);
SELECT ok, first_broken FROM verify_audit_log(NULL);
SELECT ok, first_broken = :victim AS at_victim FROM verify_audit_log();
UPDATE audit_log a SET new_row = s.new_row FROM saved s WHERE a.id = s.id AND a.id = :victim;
-- an entry moved to another chain breaks both
UPDATE audit_log SET org_id = 9802 WHERE id = :victim;
SELECT ok, first_broken > :victim AS after_victim FROM verify_audit_log(9801);
SELECT ok, first_broken = :victim AS at_victim FROM verify_audit_log(9802);
UPDATE audit_log SET org_id = 9801 WHERE id = :victim;
-- the last entry of a chain removed: only its anchor finds it
DELETE FROM audit_log WHERE id = :a_head;
SELECT ok, entries FROM verify_audit_log(9801);
SELECT ok, first_broken = :a_head AS at_anchor FROM verify_audit_log(9801, :a_head, :'a_hash');
SELECT ok, first_broken = :a_head AS at_anchor FROM verify_audit_log(:a_head, :'a_hash');
SELECT * FROM verify_audit_log(9802, :b_head, :'b_hash');
INSERT INTO audit_log SELECT * FROM saved WHERE id = :a_head;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
SELECT ok FROM verify_audit_log();

-- Who may verify: auditors (isms_auditor), each the chains of the
-- organizations it may see (isms.org_member); the chain of no organization
-- only those who see every organization (isms_admin, superusers, BYPASSRLS)
CREATE ROLE regress_chain_auditor IN ROLE isms_auditor;
CREATE ROLE regress_chain_reader IN ROLE isms_reader;
INSERT INTO org_member (org_id, member) VALUES (9801, 'regress_chain_auditor'), (9801, 'regress_chain_reader');
SET ROLE regress_chain_auditor;
SELECT * FROM verify_audit_log(9801);
SELECT h.id = :a_head AS a_head FROM audit_log_head(9801) h;
SELECT * FROM verify_audit_log(9802);
SELECT * FROM audit_log_head(9802);
SELECT * FROM verify_audit_log(NULL);
SELECT * FROM verify_audit_log(9802, :b_head, :'b_hash');
-- every chain it may see: organization 9801's; the log shows it that chain
SELECT * FROM verify_audit_log();
SELECT count(*) AS entries, count(*) FILTER (WHERE org_id IS DISTINCT FROM 9801) AS others FROM audit_log;
SELECT ok, first_broken FROM verify_audit_log(:a_head, :'a_hash');
RESET ROLE;
-- a reader verifies nothing, and reads its organizations' events
SET ROLE regress_chain_reader;
SELECT * FROM verify_audit_log(9801);
RESET ROLE;
ALTER ROLE regress_chain_auditor BYPASSRLS;
SET ROLE regress_chain_auditor;
SELECT ok FROM verify_audit_log(NULL);
RESET ROLE;
DELETE FROM org_member WHERE member IN ('regress_chain_auditor', 'regress_chain_reader');
DROP ROLE regress_chain_auditor, regress_chain_reader;

-- The locks: one per chain (advisory, objsubid 26977, objid the
-- organization's id), taken at commit, or early by a transaction whose
-- queue outgrows half of work_mem, and then held to its end
BEGIN;
SET LOCAL work_mem = '64kB';
SET LOCAL isms.org_id = '9802';
INSERT INTO risk (title) SELECT 'bulk B' || g FROM generate_series(1, 400) g;
SELECT classid, objid, objsubid FROM pg_locks
 WHERE locktype = 'advisory' AND objsubid = 26977 AND pid = pg_backend_pid() ORDER BY objid;
SET LOCAL isms.org_id = '9801';
INSERT INTO risk (title) SELECT 'bulk A' || g FROM generate_series(1, 400) g;
SELECT classid, objid, objsubid FROM pg_locks
 WHERE locktype = 'advisory' AND objsubid = 26977 AND pid = pg_backend_pid() ORDER BY objid;
COMMIT;
SELECT ok FROM verify_audit_log(9801);
SELECT ok FROM verify_audit_log(9802);

-- The outbox: append-only, written at commit under the organization's
-- chain lock; an event of a subtransaction that rolls back is dropped
INSERT INTO risk_appetite (org_id, max_level) VALUES (9801, 'low');
SET isms.org_id = '9801';
BEGIN;
INSERT INTO risk (ident, title, status, inherent_likelihood, inherent_impact, identified_on)
VALUES ('A-HIGH', 'above', 'assessed', 'likely', 'major', '2026-01-01');
SAVEPOINT s;
INSERT INTO risk (ident, title, status, inherent_likelihood, inherent_impact, identified_on)
VALUES ('A-DROPPED', 'above too', 'assessed', 'likely', 'major', '2026-01-01');
ROLLBACK TO SAVEPOINT s;
SELECT count(*) AS before_commit FROM event;
COMMIT;
SELECT org_id, kind, table_name, row_ids ? 'risk_id' AS has_risk, details->>'ident' AS ident FROM event ORDER BY id;
-- members read their organizations' events, nobody writes them
CREATE ROLE regress_chain_reader IN ROLE isms_reader;
SET ROLE regress_chain_reader;
SELECT count(*) AS events_seen FROM event;
RESET ROLE;
INSERT INTO org_member (org_id, member) VALUES (9801, 'regress_chain_reader');
SET ROLE regress_chain_reader;
SELECT count(*) AS events_seen FROM event;
INSERT INTO event SELECT * FROM event;
RESET ROLE;
DELETE FROM org_member WHERE member = 'regress_chain_reader';
DROP ROLE regress_chain_reader;
RESET isms.org_id;
INSERT INTO event SELECT * FROM event;
UPDATE event SET kind = 'forged';
DELETE FROM event;
TRUNCATE event;
SELECT a.privilege_type, a.grantee = c.relowner AS to_owner
  FROM pg_class c, aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
 WHERE c.oid = 'isms.event'::regclass ORDER BY 1;

DELETE FROM risk WHERE org_id IN (9801, 9802);
DELETE FROM risk_appetite WHERE org_id = 9801;
DELETE FROM organization WHERE id IN (9801, 9802);
DELETE FROM threat WHERE ident = 'T-CHAIN';
SELECT ok FROM verify_audit_log();
\i sql/fixtures/end.sql
