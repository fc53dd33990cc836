\i sql/fixtures/begin.sql
\i sql/fixtures/treatment.sql
-- Hardening (issue 12): what a role with only USAGE on the schema and
-- SELECT (or some DML) on its tables can do, and what the extension's own
-- rows and outputs promise.  Each block reproduced a defect of 1.0.
SET datestyle = 'ISO, YMD';
\set VERBOSITY terse
CREATE ROLE hardening_mallory NOLOGIN;
GRANT USAGE ON SCHEMA isms TO hardening_mallory;
GRANT SELECT ON ALL TABLES IN SCHEMA isms TO hardening_mallory;
GRANT INSERT ON isms.risk_history TO hardening_mallory;
CREATE SCHEMA hardening_own AUTHORIZATION hardening_mallory;

-- Prints the SQLSTATE and message of a statement that fails, with the
-- number of a temporary schema taken out.
CREATE FUNCTION pg_temp.fails(stmt text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE stmt;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || regexp_replace(SQLERRM, 'pg_temp_[0-9]+', 'pg_temp', 'g');
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.fails(text) TO hardening_mallory;
-- (1.1: track() is isms_admin's; granted here, it still checks the table)
GRANT EXECUTE ON FUNCTION isms.track(regclass, boolean), isms.track_check(regclass) TO hardening_mallory;

-- 2. Trigger and internal functions are not executable by PUBLIC: nobody
-- attaches them to a table of their own.
SELECT p.oid::regprocedure AS executable_by_public
  FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'isms'
 WHERE (p.prorettype = 'trigger'::regtype
		OR EXISTS (SELECT FROM pg_aggregate a
					WHERE p.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn)))
   AND has_function_privilege('public', p.oid, 'EXECUTE')
 ORDER BY 1;
SET ROLE hardening_mallory;
CREATE TEMP TABLE t (id int PRIMARY KEY, updated_at text);
CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION isms.set_updated_at();
RESET ROLE;
-- A schema still at 1.0 granted EXECUTE to PUBLIC: the functions check the
-- table they fire on themselves (1.0 crashed the server here).
GRANT EXECUTE ON FUNCTION isms.set_updated_at(), isms.risk_workflow(), isms.track_changes(),
	isms.risk_acceptance_guard(), isms.risk_link_guard(), isms.check_acyclic(), isms.acyclic_lock()
	TO hardening_mallory;
SET ROLE hardening_mallory;
CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION isms.set_updated_at();
INSERT INTO t VALUES (1, 'x');
CREATE TEMP TABLE risk (id bigint PRIMARY KEY, org_id bigint, ident bigint, category bigint,
	asset_id bigint, owner_id bigint, matrix_id bigint, inherent_likelihood bigint,
	inherent_impact bigint, inherent_level bigint, current_likelihood bigint, current_impact bigint,
	current_level bigint, residual_likelihood bigint, residual_impact bigint, residual_level bigint,
	target_likelihood bigint, target_impact bigint, target_level bigint, target_justification bigint,
	treatment bigint, transfer_counterparty bigint, transfer_supplier_id bigint,
	transfer_reference bigint, activity_ended_on bigint, monitor_owner_id bigint, status bigint,
	identified_on bigint, assessed_on bigint, reviewed_on bigint, next_review bigint, closed_on bigint);
CREATE TRIGGER w BEFORE INSERT ON risk FOR EACH ROW EXECUTE FUNCTION isms.risk_workflow();
INSERT INTO risk (id, status) VALUES (1, 2);
CREATE TEMP TABLE acc (id bigint PRIMARY KEY, risk_id text);
CREATE TRIGGER g AFTER DELETE ON acc FOR EACH ROW EXECUTE FUNCTION isms.risk_link_guard();
CREATE TRIGGER c AFTER INSERT ON acc FOR EACH ROW EXECUTE FUNCTION isms.check_acyclic('id', 'risk_id', 'c');
INSERT INTO acc VALUES (1, 'x');
DELETE FROM acc;

-- 3, 6, 7. The tracking trigger writes only the history table that
-- isms.track() made for a table, and only tracked tables of the register
-- write the audit log: a forged version of a risk, a flood of audit
-- entries, or the chain's lock held from a temporary table are refused
-- before anything is queued.
SELECT count(*) AS audit_entries_before FROM isms.audit_log \gset
SELECT count(*) AS risk_versions_before FROM isms.risk_history \gset
CREATE TEMP TABLE fake (LIKE isms.risk INCLUDING DEFAULTS);
ALTER TABLE fake ADD PRIMARY KEY (id);
CREATE TRIGGER isms_track AFTER INSERT OR UPDATE OR DELETE ON fake
	FOR EACH ROW EXECUTE FUNCTION isms.track_changes('isms.risk_history');
SELECT pg_temp.fails($$INSERT INTO fake (id, org_id, title) VALUES (424242, 1, 'forged')$$);
CREATE TEMP TABLE flood (id int PRIMARY KEY);
CREATE TRIGGER isms_track AFTER INSERT ON flood FOR EACH ROW EXECUTE FUNCTION isms.track_changes('');
SELECT pg_temp.fails($$INSERT INTO flood SELECT generate_series(1, 100000)$$);
-- a permanent table of her own is not tracked either
CREATE TABLE hardening_own.risk (LIKE isms.risk INCLUDING DEFAULTS);
ALTER TABLE hardening_own.risk ADD PRIMARY KEY (id);
CREATE TRIGGER isms_track AFTER INSERT ON hardening_own.risk
	FOR EACH ROW EXECUTE FUNCTION isms.track_changes('isms.risk_history');
INSERT INTO hardening_own.risk (id, org_id, title) VALUES (424242, 1, 'forged');
SELECT isms.track('hardening_own.risk');
RESET ROLE;
SELECT count(*) - :audit_entries_before AS new_audit_entries FROM isms.audit_log;
SELECT count(*) - :risk_versions_before AS new_risk_versions FROM isms.risk_history;
SELECT count(*) AS forged FROM isms.risk_register_as_of(now()) WHERE title = 'forged';
-- even a table of a superuser writes no history table but its own
CREATE TABLE public.hardening_fake (LIKE isms.risk INCLUDING DEFAULTS);
ALTER TABLE public.hardening_fake ADD PRIMARY KEY (id);
CREATE TRIGGER isms_track AFTER INSERT ON public.hardening_fake
	FOR EACH ROW EXECUTE FUNCTION isms.track_changes('isms.risk_history');
INSERT INTO public.hardening_fake (id, org_id, title) VALUES (424242, 1, 'forged');
DROP TABLE public.hardening_fake;
SELECT ok FROM isms.verify_audit_log();
REVOKE EXECUTE ON FUNCTION isms.set_updated_at(), isms.risk_workflow(), isms.track_changes(),
	isms.risk_acceptance_guard(), isms.risk_link_guard(), isms.check_acyclic(), isms.acyclic_lock()
	FROM hardening_mallory;

-- 5. An event never makes the write that raised it fail: a risk whose
-- ident is 9,000 characters goes above appetite, and is overdue.
BEGIN;
SELECT treatment_test.fixture();
INSERT INTO isms.risk_appetite (id, org_id, max_level) VALUES (990301, 990001, 'medium');
COMMIT;
SET isms.org_id = '990001';
LISTEN isms_events;
BEGIN;
INSERT INTO isms.risk (id, ident, title, owner_id, status, inherent_likelihood, inherent_impact,
	identified_on, assessed_on)
VALUES (990801, repeat('x', 9000), 'Long ident', 990011, 'assessed', 'likely', 'major',
	'2025-01-01', '2025-01-01')
RETURNING next_review;
\o | sed -e 's/PID [0-9]*/PID <pid>/' -e 's/x\{200\}/<200 x>/'
COMMIT;
\o
-- its messages quote the start of the ident only
UPDATE isms.risk SET status = 'closed' WHERE id = 990801;
BEGIN;
SELECT action, risk_id, due_on FROM isms.run_scheduled_checks('2026-03-01', 990001);
\o | sed -e 's/PID [0-9]*/PID <pid>/' -e 's/x\{200\}/<200 x>/'
COMMIT;
\o
-- the outbox keeps the whole ident
SELECT kind, length(details->>'ident') AS ident_length FROM isms.event
 WHERE org_id = 990001 ORDER BY id;
UNLISTEN isms_events;
RESET isms.org_id;

-- 11. The compliance percentage counts the undecided controls: one control
-- implemented and 92 undecided is not 100 %.
SELECT controls, undecided, applicable, implemented, implementation_rate
  FROM isms.kpi_controls WHERE org_id = 990001 AND theme_ident = 'all';
SELECT kpi, value FROM isms.kpi_values(990001)
 WHERE kpi IN ('controls_implementation_rate', 'controls_undecided') ORDER BY kpi;
DELETE FROM isms.risk_review_overdue WHERE org_id IN (990001, 990002);
DELETE FROM isms.risk WHERE org_id IN (990001, 990002);
DELETE FROM isms.risk_appetite WHERE org_id IN (990001, 990002);
DELETE FROM isms.soa WHERE org_id IN (990001, 990002);
DELETE FROM isms.supplier WHERE org_id IN (990001, 990002);
DELETE FROM isms.asset WHERE org_id IN (990001, 990002);
DELETE FROM isms.person WHERE org_id IN (990001, 990002);
DELETE FROM isms.organization WHERE id IN (990001, 990002);

-- 14. Messages quote at most the first 40 characters of what they got.
SELECT isms.risk_level('likely', 'major', repeat('m', 100000));
SELECT isms.export_oscal_catalog(repeat('f', 100000));
\set VERBOSITY default
SELECT isms.sle(-1e1000, 0.5);
\set VERBOSITY terse

-- 12. Rows the extension ships are protected, from every role.
DELETE FROM isms.control WHERE ident = 'A.5.3';
UPDATE isms.control SET title = 'nothing' WHERE ident = 'A.5.3';
UPDATE isms.control SET seeded = false WHERE ident = 'A.5.3';
DELETE FROM isms.threat WHERE seeded;
DELETE FROM isms.framework WHERE name = 'iso27001-2022';
TRUNCATE isms.control_crosswalk;
DELETE FROM isms.risk_matrix WHERE seeded;
-- what the extension itself changes on them still works
SELECT count(*) AS annex_a_controls FROM isms.control c JOIN isms.framework f ON f.id = c.framework_id
 WHERE f.name = 'iso27001-2022' AND c.seeded;
-- rows of one's own are not protected
INSERT INTO isms.threat (ident, name, category, origins) VALUES ('HX.1', 'hardening threat', 'human', '{deliberate}') RETURNING seeded;
DELETE FROM isms.threat WHERE name = 'hardening threat';

DROP SCHEMA hardening_own CASCADE;
REVOKE ALL ON ALL TABLES IN SCHEMA isms FROM hardening_mallory;
REVOKE USAGE ON SCHEMA isms FROM hardening_mallory;
DROP OWNED BY hardening_mallory;
DROP ROLE hardening_mallory;
\i sql/fixtures/end.sql
